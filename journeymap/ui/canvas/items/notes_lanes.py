"""The lanes of notes under the cards, their pinned titles and the blueprint rules.

`NotesLaneItem` draws a text, pain-point, opportunity or metric lane: one cell per
touchpoint column, each note a bullet, "+ N more" past the lane's cap (the full notes
are in the tooltip). `LaneTitleItem` draws a lane's title (and the emotion or friction
scale) in the title column; the view pins it to the left edge while the map scrolls
sideways (`pin`). `BlueprintRuleItem` is a labelled dashed line between two sections.
All of them draw what `journeymap.layout` placed; they compute no geometry of their own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from journeymap.layout.geometry import BlueprintRule, LaneBox, LaneCell, PersonaLine, Rect
from journeymap.layout.style import friction_color
from journeymap.layout.text import line_height, text_width
from journeymap.model.lanes import METRIC, OPPORTUNITIES, PAIN_POINTS
from journeymap.ui.canvas.items.lanes import SCALE_WIDTH, exposed_span, signed
from journeymap.ui.canvas.items.persona_lines import paint_legend
from journeymap.ui.canvas.painting import PaintContext, qrect, readable, zoom_of

#: Lanes that hold notes a person types (double-click a cell to edit).
EDITABLE_KINDS = ("text", PAIN_POINTS, OPPORTUNITIES)
#: Title and rule labels sit above the lanes and cards they are pinned over.
TITLE_Z = 30.0
OPPORTUNITY_COLOR = "#2E8B57"


def _accent(kind: str) -> QColor | None:
    """The bullet colour of a lane: pain points in the severity red, opportunities green."""
    if kind == PAIN_POINTS:
        return QColor(friction_color(3))
    if kind == OPPORTUNITIES:
        return QColor(OPPORTUNITY_COLOR)
    return None


class NotesLaneItem(QGraphicsItem):
    """A lane of notes across the whole map (text, pain points, opportunities or a metric)."""

    def __init__(self, ctx: PaintContext, box: LaneBox) -> None:
        super().__init__()
        self.ctx = ctx
        self.box = box
        self._xs: list[float] = []
        self._cells: list[LaneCell] = []
        self.setZValue(3)
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._index(box)

    @property
    def key(self) -> str:
        """The lane's key (see `Lane.key`)."""
        return self.box.key

    def set_box(self, box: LaneBox) -> None:
        """Follow a new layout of the lane."""
        if box == self.box:
            self.box = box
            return
        if box.rect != self.box.rect:
            self.prepareGeometryChange()
        self._index(box)
        self.update()

    def _index(self, box: LaneBox) -> None:
        self.box = box
        self._cells = sorted(box.cells.values(), key=lambda c: c.rect.x)
        self._xs = [c.rect.x for c in self._cells]

    def boundingRect(self) -> QRectF:
        return qrect(self.box.rect).adjusted(-1, -1, 1, 1)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(qrect(self.box.rect))
        return path

    def cell_at(self, scene_pos: QPointF) -> LaneCell | None:
        """The cell (with content) under `scene_pos`, if any."""
        i = bisect_right(self._xs, scene_pos.x()) - 1
        if i >= 0 and self._cells[i].rect.contains(scene_pos.x(), scene_pos.y()):
            return self._cells[i]
        return None

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        cell = self.cell_at(event.scenePos())
        tip = ""
        if cell is not None and cell.notes:
            bullet = "" if self.box.kind == METRIC else "• "
            tip = f"{self.box.name}\n" + "\n".join(bullet + note for note in cell.notes)
        if tip != self.toolTip():
            self.setToolTip(tip)
        super().hoverMoveEvent(event)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        ctx, colors, box = self.ctx, self.ctx.colors, self.box
        x0, x1 = exposed_span(option, 4.0)
        painter.setPen(ctx.pen(colors.grid, 1.0))
        painter.setBrush(colors.lane_fill)
        painter.drawRoundedRect(qrect(box.rect), 6, 6)
        size = ctx.options.label_font_size
        if not readable(size, zoom_of(painter, option)):
            return
        accent = _accent(box.kind)
        cells = self._cells[max(0, bisect_left(self._xs, x0) - 1):bisect_right(self._xs, x1)]
        for cell in cells:
            if cell.rect.right < x0 or cell.rect.x > x1:
                continue
            text = cell.text_rect
            if box.kind == METRIC:
                self._paint_metric(painter, cell, size)
                continue
            for i, line in enumerate(cell.lines):
                top = text.y + i * box.line_height
                more = cell.more and i == len(cell.lines) - 1
                color = colors.muted_ink if more else colors.ink
                x = text.x + cell.indents[i]
                if accent is not None and line.startswith("• ") and not more:
                    # the bullet in the lane's colour, the note in ink, where the layout measured them
                    ctx.draw_lines(painter, ("•",), QPointF(x, top), size, accent, line_pitch=box.line_height)
                    x, line = x + text_width("• ", size), line[2:]
                ctx.draw_lines(painter, (line,), QPointF(x, top), size, color, line_pitch=box.line_height)

    def _paint_metric(self, painter: QPainter, cell: LaneCell, size: float) -> None:
        ctx, colors = self.ctx, self.ctx.colors
        text = cell.text_rect
        if cell.lines:
            ctx.draw_lines(painter, cell.lines[:1], QPointF(text.x, text.y), size, colors.ink,
                           line_pitch=self.box.line_height)
        track, bar = qrect(cell.bar_track), qrect(cell.bar)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.grid)
        painter.drawRoundedRect(track, 2, 2)
        if bar.width() > 0:
            painter.setBrush(colors.flow)
            painter.drawRoundedRect(bar, 2, 2)


class LaneTitleItem(QGraphicsItem):
    """A lane's title in the title column: its name, and the scale of the emotion and friction lanes.

    `pin(left)` keeps it at the left edge of the visible map while the map scrolls sideways.
    """

    def __init__(self, ctx: PaintContext, box: LaneBox, levels: Mapping[int, float] | None = None,
                 personas: tuple[PersonaLine, ...] = ()) -> None:
        super().__init__()
        self.ctx = ctx
        self.box = box
        self.levels = dict(levels or {})
        #: The emotion lane's persona lines, for the legend under its name.
        self.personas = personas
        self.focus: str | None = None
        self.hover = False
        self.setZValue(TITLE_Z)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(f"{box.name}: drag to reorder, double-click to rename, right-click for more")

    @property
    def key(self) -> str:
        """The lane's key (see `Lane.key`)."""
        return self.box.key

    def set_box(self, box: LaneBox, levels: Mapping[int, float] | None = None,
                personas: tuple[PersonaLine, ...] = ()) -> None:
        """Follow a new layout of the lane."""
        levels = dict(levels or {})
        if box == self.box and levels == self.levels and personas == self.personas:
            return
        self.prepareGeometryChange()
        self.box, self.levels, self.personas = box, levels, personas
        self.setToolTip(f"{box.name}: drag to reorder, double-click to rename, right-click for more")
        self.update()

    def set_focus(self, persona_id: str | None) -> None:
        """Bold the focused persona's name in the legend, fade the others."""
        if persona_id != self.focus:
            self.focus = persona_id
            self.update()

    def pin(self, left: float) -> None:
        """Show the title at scene x `left` when that is right of its place (the map scrolled)."""
        dx = max(0.0, left - self.box.title.x)
        if dx != self.pos().x():
            self.setPos(dx, 0.0)

    def name_rect(self) -> QRectF:
        """Where the name is written, in scene coordinates (for renaming in place)."""
        t = self.box.title
        size = self.ctx.options.label_font_size
        return QRectF(t.x + 6 + self.pos().x(), t.y + 3, max(t.w - 12, 60.0), line_height(size) * 1.5)

    def boundingRect(self) -> QRectF:
        return qrect(self.box.title).adjusted(-1, -1, 1, 1)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hover = True
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hover = False
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        ctx, colors, box = self.ctx, self.ctx.colors, self.box
        title = qrect(box.title)
        painter.setPen(ctx.pen(colors.selection if self.hover else colors.grid, 1.0))
        painter.setBrush(colors.lane_fill)
        painter.drawRoundedRect(title, 6, 6)
        size = ctx.options.label_font_size
        if not readable(size, zoom_of(painter, option)):
            return
        pitch = line_height(size)
        ctx.draw_lines(painter, box.title_lines, QPointF(title.left() + 6, title.top() + 4), size, colors.muted_ink,
                       bold=True, line_pitch=pitch)
        accent = _accent(box.kind)
        if accent is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            painter.drawRoundedRect(
                QRectF(title.left() + 1.5, title.top() + 6, 3, max(8.0, title.height() - 12)), 1.5, 1.5
            )
        if self.personas:
            top = title.top() + 6 + len(box.title_lines) * pitch
            legend = QRectF(title.left() + 6, top, title.width() - 12 - SCALE_WIDTH, title.bottom() - top - 4)
            paint_legend(painter, ctx, self.personas, legend, self.focus)
        if self.levels:
            scale_left = title.right() - SCALE_WIDTH
            for value, y in sorted(self.levels.items()):
                label = signed(value) if box.kind == "emotion" else str(value)
                if box.kind == "friction" and value not in (0, 2, 4):
                    continue
                ctx.draw_line_in(painter, label, QRectF(scale_left, y - size, SCALE_WIDTH - 4, 2 * size), size,
                                 colors.muted_ink)


class BlueprintRuleItem(QGraphicsItem):
    """A service-blueprint line (interaction, visibility, internal interaction): dashed, labelled."""

    def __init__(self, ctx: PaintContext, rule: BlueprintRule) -> None:
        super().__init__()
        self.ctx = ctx
        self.rule = rule
        self.label_dx = 0.0
        self.setZValue(TITLE_Z - 1)

    def set_rule(self, rule: BlueprintRule) -> None:
        """Follow a new layout of the rule."""
        if rule != self.rule:
            self.prepareGeometryChange()
            self.rule = rule
            self.update()

    def pin(self, left: float) -> None:
        """Keep the label at scene x `left` when the map scrolled past its start."""
        dx = max(0.0, left - self.rule.label_rect.x)
        if dx != self.label_dx:
            self.label_dx = dx
            self.update()

    def boundingRect(self) -> QRectF:
        r = self.rule
        label = qrect(r.label_rect)
        return QRectF(
            r.x0, min(label.top(), r.y) - 2, r.x1 - r.x0 + label.width(), abs(r.y - label.top()) + 4 + label.height()
        )

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        ctx, colors, r = self.ctx, self.ctx.colors, self.rule
        painter.setPen(ctx.pen(colors.muted_ink, 1.2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(r.x0, r.y), QPointF(r.x1, r.y))
        size = ctx.options.label_font_size
        if not readable(size, zoom_of(painter, option)):
            return
        label = qrect(r.label_rect, -self.label_dx)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.background)
        painter.drawRect(label.adjusted(-2, 0, 2, 0))
        ctx.draw_line_in(painter, r.label, label, size, colors.muted_ink, bold=True, center=False)


def cell_rect(box: LaneBox, slot_x: float, slot_w: float) -> Rect:
    """The column of a lane at a slot (for cells without content, which the layout leaves out)."""
    return Rect(slot_x, box.rect.y, slot_w, box.rect.h)
