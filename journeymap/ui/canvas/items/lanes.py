"""The two lanes under the cards: the emotion curve and the friction bars.

Neither is told by colour alone: emotion has a face glyph and a position on a
labelled scale, friction a bar height and its number.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections.abc import Collection, Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout.geometry import EmotionBranch, EmotionLane, EmotionPoint, FrictionBar, FrictionLane, Rect
from journeymap.layout.style import COMPARE_LINE, emotion_color
from journeymap.layout.text import text_width
from journeymap.model import EMOTIONS
from journeymap.ui.canvas.items.flow import bezier_path
from journeymap.ui.canvas.items.persona_lines import LinePaths, line_paths, paint_persona_line
from journeymap.ui.canvas.painting import PaintContext, qrect
from journeymap.ui.theme import ink_on

POINT_RADIUS = 10.0
NO_TITLE = Rect(0.0, 0.0, 0.0, 0.0)
CURVE_CHUNK = 48    # curve segments per cached path: a drag rebuilds and a repaint draws only a few
SCALE_WIDTH = 26.0  # the scale numbers, at the right end of the lane's title box


def emotion_qcolor(emotion: int) -> QColor:
    """The emotion colour from the shared style."""
    return QColor(emotion_color(emotion))


def signed(value: int) -> str:
    """'+2', '0', '−1': the way the scales are labelled."""
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"\u2212{-value}")


def draw_face(painter: QPainter, ctx: PaintContext, center: QPointF, emotion: int, radius: float) -> None:
    """A face glyph for an emotion value: the SVG icon if there is one, else a drawn face;
    rendered once per size on the device and then copied (a lane shows dozens)."""
    scale = painter.deviceTransform().m11() or 1.0
    half = radius + 1.5  # the outline reaches out half its width
    key = (emotion, radius, round(scale, 3), ctx.colors.card_fill.rgba(), ctx.colors.dark)
    image = ctx.face_images.get(key)
    if image is None:
        side = max(1, math.ceil(2 * half * scale))
        image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        face_painter = QPainter(image)
        face_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        face_painter.scale(side / (2 * half), side / (2 * half))
        paint_face(face_painter, ctx, QPointF(half, half), emotion, radius)
        face_painter.end()
        ctx.face_images[key] = image
    painter.drawImage(QRectF(center.x() - half, center.y() - half, 2 * half, 2 * half), image)


def paint_face(painter: QPainter, ctx: PaintContext, center: QPointF, emotion: int, radius: float) -> None:
    """Draw a face glyph for an emotion value: the SVG icon if there is one, else a drawn face."""
    fill = emotion_qcolor(emotion)
    rect = QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius)
    renderer = ctx.icons.emotion(emotion)
    painter.setPen(ctx.pen(ctx.colors.card_fill, 2.0))
    painter.setBrush(fill)
    painter.drawEllipse(rect)
    if renderer is not None:
        renderer.render(painter, rect.adjusted(2, 2, -2, -2))
        return
    ink = ink_on(fill, ctx.colors)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    eye = radius * 0.13
    for dx in (-0.34, 0.34):
        painter.drawEllipse(QPointF(center.x() + dx * radius, center.y() - 0.22 * radius), eye, eye)
    mouth = QPainterPath()
    y = center.y() + 0.32 * radius
    mouth.moveTo(center.x() - 0.42 * radius, y)
    mouth.quadTo(QPointF(center.x(), y + emotion * 0.16 * radius), QPointF(center.x() + 0.42 * radius, y))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(ctx.pen(ink, max(1.2, radius * 0.13)))
    painter.drawPath(mouth)


class UnratedTicks:
    """The x of the slots of touchpoints without a rating, sorted (drawn as small ticks)."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.xs: list[float] = []

    def rebuild(self, slots: Mapping[str, float], rated: Collection[str]) -> None:
        """Find them all again."""
        self.ids = {t for t in slots if t not in rated}
        self.xs = sorted(slots[t] for t in self.ids)

    def follow(self, old: Mapping[str, float], new: Mapping[str, float], moved: Collection[str]) -> None:
        """Only the touchpoints `moved` went from `old` x to `new` x (ratings unchanged)."""
        if len(moved) > 64:  # most of the map moved: sorting again is cheaper than moving each
            self.xs = sorted(new[t] for t in self.ids)
            return
        xs = self.xs
        for t in moved:
            if t in self.ids and old[t] != new[t]:
                i = bisect_left(xs, old[t])
                if i < len(xs) and xs[i] == old[t]:
                    del xs[i]
                insort(xs, new[t])

    def between(self, x0: float, x1: float) -> list[float]:
        """Those from `x0` to `x1`."""
        return self.xs[bisect_left(self.xs, x0):bisect_right(self.xs, x1)]


def _shift_between(old: tuple[tuple[float, float], ...], new: tuple[tuple[float, float], ...]) -> float | None:
    """dx when `new` is `old` moved dx sideways (to rounding), else None."""
    if len(old) != len(new) or not old:
        return None
    dx = new[0][0] - old[0][0]
    for (x0, y0), (x1, y1) in zip(old, new, strict=False):
        if y0 != y1 or abs(x1 - x0 - dx) > 1e-6:
            return None
    return dx


def _x(point: EmotionPoint) -> float:
    return point.x


def _bar_x(bar: FrictionBar) -> float:
    return bar.rect.x


def exposed_span(option: QStyleOptionGraphicsItem, margin: float) -> tuple[float, float]:
    """The x range to repaint (the items set ItemUsesExtendedStyleOption, so it is exact)."""
    exposed = option.exposedRect  # type: ignore[attr-defined]
    if exposed.isNull():
        return float("-inf"), float("inf")
    return exposed.left() - margin, exposed.right() + margin


def paint_lane_frame(painter: QPainter, ctx: PaintContext, rect: Rect, title: Rect, name: str,
                     levels: dict[int, float], labels: dict[int, str],
                     span: tuple[float, float] = (float("-inf"), float("inf")), *, scale: bool = True) -> None:
    """The lane's background, its name and scale in the title box, and the grid lines.

    `span` is the x range being repainted: the name and the scale, at the map's left
    end, are left out when they lie outside it (a lane is as wide as the whole map).
    With `scale=False` (and an empty `name`) only the background and grid are drawn: the
    canvas shows the title and scale in a `LaneTitleItem`, pinned while scrolling.
    """
    colors = ctx.colors
    whole = qrect(rect).united(qrect(title)) if title.w else qrect(rect)
    painter.setPen(ctx.pen(colors.grid, 1.0))
    painter.setBrush(colors.lane_fill)
    painter.drawRoundedRect(whole, 6, 6)
    size = ctx.options.label_font_size
    head = QRectF(whole.left() + 8, whole.top() + 4, max(title.w, 60.0) - 8, size * 1.6)
    if name and head.left() <= span[1] and head.right() >= span[0]:
        ctx.draw_line_in(painter, name, head, size, colors.muted_ink, bold=True, center=False)
    scale_left = (title.x + title.w - SCALE_WIDTH) if title.w else rect.x + 4
    scale_shown = scale and scale_left <= span[1] and scale_left + SCALE_WIDTH >= span[0]
    for value, y in sorted(levels.items()):
        if value not in labels:
            continue
        painter.setPen(ctx.pen(colors.grid, 1.0, Qt.PenStyle.SolidLine if value == 0 else Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(rect.x + 4, y), QPointF(rect.right - 4, y))
        if scale_shown:
            ctx.draw_line_in(painter, labels[value], QRectF(scale_left, y - size, SCALE_WIDTH - 4, 2 * size), size,
                             colors.muted_ink)


class EmotionLaneItem(QGraphicsItem):
    """The emotion lane: grid −2..+2 with labels, a face per rated touchpoint, the curve.

    The scene drives the interactive parts: `set_preview` while a point is dragged
    (the label of the value under the mouse is shown), `set_hint` over an unrated slot.
    """

    def __init__(self, ctx: PaintContext, lane: EmotionLane) -> None:
        super().__init__()
        self.ctx = ctx
        self.lane = lane
        self.preview: tuple[str, int] | None = None
        self.hint: tuple[str, int] | None = None
        #: The persona whose line is edited (its line drawn with faces, the others faded).
        self.focus: str | None = None
        self.setZValue(4)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._chunks: list[tuple[tuple[tuple[float, float], ...], float, float, QPainterPath]] = []
        self._branch_paths: list[QPainterPath] = []
        self._branch_cache: dict[EmotionBranch, QPainterPath] = {}
        self._persona_paths: dict[str, LinePaths] = {}
        self._unrated = UnratedTicks()
        self._compare_path: QPainterPath | None = None
        self._follow(lane, None)

    def set_lane(self, lane: EmotionLane, moved: Collection[str] | None = None) -> None:
        """Follow a new layout of the lane; `moved`: only these touchpoints moved (a drag)."""
        if lane is self.lane or (moved is None and lane == self.lane):
            return
        if lane.rect != self.lane.rect:
            self.prepareGeometryChange()
        self._follow(lane, moved)
        self.update()

    def _follow(self, lane: EmotionLane, moved: Collection[str] | None) -> None:
        # The curve spans the whole map: keep it as paths of a few segments each, so a
        # drag rebuilds only the pieces that changed and a repaint draws only those in view.
        old, self.lane = self.lane, lane
        curve, step = lane.curve, 3 * CURVE_CHUNK
        chunks = []
        for i, start in enumerate(range(0, max(0, len(curve) - 1), step)):
            points = curve[start:start + step + 1]
            if i < len(self._chunks):
                before = self._chunks[i]
                if before[0] == points:
                    chunks.append(before)
                    continue
                dx = _shift_between(before[0], points)
                if dx is not None:  # moved sideways whole (the map after a wider gap): move the path
                    chunks.append((points, before[1] + dx, before[2] + dx, before[3].translated(dx, 0.0)))
                    continue
            xs = [p[0] for p in points]
            chunks.append((points, min(xs), max(xs), bezier_path(points)))
        self._chunks = chunks
        old_branches = self._branch_cache
        self._branch_cache = {b: old_branches.get(b) or bezier_path(b.points) for b in lane.branches}
        self._branch_paths = list(self._branch_cache.values())
        # persona lines: their paths made once per layout, not on every repaint, and kept for
        # the curve and the branches a drag did not change
        old_paths, self._persona_paths = self._persona_paths, {}
        for line in lane.personas:
            self._persona_paths[line.persona] = line_paths(line, old_paths.get(line.persona))
        compare = lane.compare
        self._compare_path = bezier_path(compare.curve) if compare is not None and compare.curve else None
        if moved is None or old is lane:
            self._unrated.rebuild(lane.slots, {p.id for p in lane.points})
        else:
            self._unrated.follow(old.slots, lane.slots, moved)

    def set_focus(self, persona_id: str | None) -> None:
        """Edit (and show on top) the line of `persona_id`; None: the main line."""
        if persona_id != self.focus:
            self.focus = persona_id
            self.update()

    def edited_points(self) -> tuple[EmotionPoint, ...]:
        """The points a drag moves: the focused persona's line, else the main line."""
        if self.focus is not None:
            for line in self.lane.personas:
                if line.persona == self.focus:
                    return line.points
        return self.lane.points  # no persona differs yet: every persona feels the main line

    def point_at(self, scene_pos: QPointF) -> EmotionPoint | None:
        """The rated point under `scene_pos` on the line being edited, if any."""
        for point in self.edited_points():
            if (QPointF(point.x, point.y) - scene_pos).manhattanLength() <= POINT_RADIUS * 1.4:
                return point
        return None

    def set_preview(self, preview: tuple[str, int] | None) -> None:
        """Show touchpoint `preview[0]` at value `preview[1]` while it is dragged (None ends it)."""
        if preview != self.preview:
            self._update_slot(self.preview)
            self.preview = preview
            self._update_slot(preview)

    def set_hint(self, hint: tuple[str, int] | None) -> None:
        """Show where a click would rate an unrated touchpoint (None hides it)."""
        if hint != self.hint:
            self._update_slot(self.hint)
            self.hint = hint
            self._update_slot(hint)

    def _update_slot(self, mark: tuple[str, int] | None) -> None:
        # Repaint only around one slot: the lane spans the whole map.
        x = self.lane.slots.get(mark[0]) if mark else None
        if x is not None:
            r = self.lane.rect
            self.update(QRectF(x - 3 * POINT_RADIUS, r.y - POINT_RADIUS - 20, 200, r.h + 2 * POINT_RADIUS + 20))

    def boundingRect(self) -> QRectF:
        # room for faces on the edge lines and for the value label shown while dragging
        return qrect(self.lane.rect).adjusted(-POINT_RADIUS, -POINT_RADIUS - 20, 160, POINT_RADIUS)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(qrect(self.lane.rect))
        return path

    def curve_path(self) -> QPainterPath:
        """The whole emotion curve as one path (the lane draws it in pieces)."""
        return bezier_path(self.lane.curve)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        ctx, colors, lane = self.ctx, self.ctx.colors, self.lane
        rect = qrect(lane.rect)
        x0, x1 = exposed_span(option, 3 * POINT_RADIUS)
        paint_lane_frame(painter, ctx, lane.rect, NO_TITLE, "", dict(lane.level_y),
                         {v: signed(v) for v in lane.level_y}, (x0, x1), scale=False)
        if lane.compare is not None:
            self._paint_compare(painter, x0, x1)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(ctx.pen(colors.flow, 1.3, Qt.PenStyle.DashLine))
        for path in self._branch_paths:
            if path.boundingRect().right() >= x0 and path.boundingRect().left() <= x1:
                painter.drawPath(path)
        if lane.personas:
            self._paint_personas(painter, (x0, x1))
            if self.preview is not None:
                self._paint_ghost(painter, *self.preview, dashed=False)
            return
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(ctx.pen(colors.flow, 2.2))
        for _, left, right, path in self._chunks:
            if right >= x0 and left <= x1:
                painter.drawPath(path)
        painter.setPen(ctx.pen(colors.grid, 1.4))
        for x in self._unrated.between(x0, x1):
            painter.drawLine(QPointF(x, rect.bottom() - 8), QPointF(x, rect.bottom() - 3))
        points = lane.points
        for point in points[bisect_left(points, x0, key=_x):bisect_right(points, x1, key=_x)]:
            dimmed = self.preview is not None and self.preview[0] == point.id
            painter.setOpacity(0.3 if dimmed else 1.0)
            draw_face(painter, ctx, QPointF(point.x, point.y), point.emotion, POINT_RADIUS)
        painter.setOpacity(1.0)
        if self.hint is not None and self.preview is None:
            self._paint_ghost(painter, *self.hint, dashed=True)
        if self.preview is not None:
            self._paint_ghost(painter, *self.preview, dashed=False)

    def _paint_personas(self, painter: QPainter, span: tuple[float, float]) -> None:
        """One line per persona; with a focus, its line on top with faces, the others faded."""
        focused = None
        for line in self.lane.personas:
            if self.focus is not None and line.persona == self.focus:
                focused = line
                continue
            paint_persona_line(painter, self.ctx, line, span, faded=self.focus is not None,
                               paths=self._persona_paths.get(line.persona))
        if focused is not None:
            paint_persona_line(painter, self.ctx, focused, span, paths=self._persona_paths.get(focused.persona))
            for point in focused.points:
                if span[0] <= point.x <= span[1]:
                    dimmed = self.preview is not None and self.preview[0] == point.id
                    painter.setOpacity(0.3 if dimmed else 1.0)
                    draw_face(painter, self.ctx, QPointF(point.x, point.y), point.emotion, POINT_RADIUS * 0.8)
            painter.setOpacity(1.0)

    def _paint_compare(self, painter: QPainter, x0: float, x1: float) -> None:
        """The other version's line (compare view): dashed, under the current curve, a small ring per point."""
        color = QColor(COMPARE_LINE)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self.ctx.pen(color, 1.8, Qt.PenStyle.DashLine))
        if self._compare_path is not None:
            painter.drawPath(self._compare_path)
        painter.setBrush(self.ctx.colors.card_fill)
        painter.setPen(self.ctx.pen(color, 1.4))
        points = self.lane.compare.points if self.lane.compare is not None else ()
        for point in points[bisect_left(points, x0, key=_x):bisect_right(points, x1, key=_x)]:
            painter.drawEllipse(QPointF(point.x, point.y), 3.5, 3.5)

    def _paint_ghost(self, painter: QPainter, tp_id: str, value: int, *, dashed: bool) -> None:
        ctx, colors = self.ctx, self.ctx.colors
        x = self.lane.slots.get(tp_id)
        if x is None:
            return
        center = QPointF(x, self.lane.level_y[value])
        if dashed:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(ctx.pen(colors.drop_indicator, 1.5, Qt.PenStyle.DashLine))
            painter.drawEllipse(center, POINT_RADIUS, POINT_RADIUS)
        else:
            draw_face(painter, ctx, center, value, POINT_RADIUS * 1.15)
        label = f"{signed(value)} {EMOTIONS[value]}"
        size = self.ctx.options.label_font_size
        tag = QRectF(center.x() + POINT_RADIUS + 5, center.y() - size, text_width(label, size) + 12, size * 2)
        painter.setPen(ctx.pen(colors.drop_indicator, 1.0))
        painter.setBrush(colors.card_fill)
        painter.drawRoundedRect(tag, 4, 4)
        ctx.draw_line_in(painter, label, tag, size, colors.ink)


class FrictionLaneItem(QGraphicsItem):
    """The friction lane: a bar per rated touchpoint (0–4) with its number above it."""

    def __init__(self, ctx: PaintContext, lane: FrictionLane) -> None:
        super().__init__()
        self.ctx = ctx
        self.lane = lane
        self.setZValue(4)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._unrated = UnratedTicks()
        self._unrated.rebuild(lane.slots, {bar.id for bar in lane.bars})

    def set_lane(self, lane: FrictionLane, moved: Collection[str] | None = None) -> None:
        """Follow a new layout of the lane; `moved`: only these touchpoints moved (a drag)."""
        if lane is self.lane or (moved is None and lane == self.lane):
            return
        if lane.rect != self.lane.rect:
            self.prepareGeometryChange()
        old, self.lane = self.lane, lane
        if moved is None:
            self._unrated.rebuild(lane.slots, {bar.id for bar in lane.bars})
        else:
            self._unrated.follow(old.slots, lane.slots, moved)
        self.update()

    def boundingRect(self) -> QRectF:
        return qrect(self.lane.rect).adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        ctx, colors, lane = self.ctx, self.ctx.colors, self.lane
        size = ctx.options.label_font_size
        x0, x1 = exposed_span(option, 40)
        paint_lane_frame(painter, ctx, lane.rect, NO_TITLE, "", dict(lane.level_y),
                         {v: str(v) for v in (0, 2, 4) if v in lane.level_y}, (x0, x1), scale=False)
        bars = lane.bars
        for bar in bars[bisect_left(bars, x0, key=_bar_x):bisect_right(bars, x1, key=_bar_x)]:
            color = QColor(bar.color)
            r = qrect(bar.rect)
            painter.setPen(ctx.pen(color.darker(130), 1.0))
            painter.setBrush(color)
            if r.height() > 0:
                painter.drawRoundedRect(r, 2, 2)
            else:
                painter.drawLine(QPointF(r.left(), r.top()), QPointF(r.right(), r.top()))
            ctx.draw_line_in(painter, str(bar.friction), QRectF(r.left() - 10, r.top() - size * 1.6, r.width() + 20,
                             size * 1.5), size, colors.ink, bold=True)
        base = lane.level_y.get(0, lane.rect.bottom)
        for x in self._unrated.between(x0, x1):
            ctx.draw_line_in(painter, "\u2013", QRectF(x - 10, base - size * 1.6, 20, size * 1.5), size,
                             colors.muted_ink)
