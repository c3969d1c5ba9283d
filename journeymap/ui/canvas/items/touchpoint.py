"""TouchpointItem: the card of one touchpoint."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from journeymap.layout.geometry import CardBox, CompareMark, Rect
from journeymap.layout.style import friction_color
from journeymap.layout.text import text_width
from journeymap.model import Touchpoint, friction_label
from journeymap.ui.canvas.items.compare_badge import CompareBadgeItem
from journeymap.ui.canvas.painting import (
    BLOCK_ZOOM,
    PaintContext,
    draw_icon,
    draw_min_size_text,
    qrect,
    readable,
    zoom_of,
)
from journeymap.ui.theme import ink_on

CARD_RADIUS = 7.0
HANDLE_RADIUS = 6.5
HANDLE_HEIGHT = 0.74  # fraction of the card height
#: A card narrower than this on screen shows no name (a few letters of it would be noise).
MIN_CARD_PX_FOR_NAME = 44.0
PAIN_COLOR = QColor("#C0392B")
OPPORTUNITY_COLOR = QColor("#2E7D32")
_WHITE = QColor("#FFFFFF")


_PAD = 3  # device pixels around an outline image: the pen reaches out of the card
_DASHES = {"dashed": Qt.PenStyle.DashLine, "dotted": Qt.PenStyle.DotLine}


def _draw_frame(painter: QPainter, pen: Callable[..., QPen], fill: QColor, color: QColor, outline: str,
                card: QRectF) -> None:
    """The card's fill and outline: dashed (assumption), dotted (anecdotal), double (measured) or solid."""
    painter.setBrush(fill)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(card, CARD_RADIUS, CARD_RADIUS)
    width = 1.6 if outline in _DASHES else 1.2
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(pen(color, width, _DASHES.get(outline, Qt.PenStyle.SolidLine)))
    inner = card.adjusted(0.6, 0.6, -0.6, -0.6)
    painter.drawRoundedRect(inner, CARD_RADIUS, CARD_RADIUS)
    if outline == "double":
        painter.drawRoundedRect(inner.adjusted(3, 3, -3, -3), CARD_RADIUS - 2, CARD_RADIUS - 2)


_BADGE_COLORS: dict[tuple[int, int, int], tuple[QColor, QColor, QColor]] = {}


def _badge_colors(friction: int, ctx: PaintContext) -> tuple[QColor, QColor, QColor]:
    """Fill, border and number colours of a friction badge (made once per value and scheme)."""
    colors = ctx.colors
    key = (friction, colors.header_ink_dark.rgba(), colors.header_ink_light.rgba())
    found = _BADGE_COLORS.get(key)
    if found is None:
        color = QColor(friction_color(friction))
        found = _BADGE_COLORS[key] = (color, color.darker(130), ink_on(color, colors))
    return found


def _content(box: CardBox) -> tuple[object, ...]:
    """What a card draws, relative to its own corner (its position left out)."""
    x, y = box.rect.x, box.rect.y

    def rel(r: Rect) -> tuple[float, float, float, float]:
        return (r.x - x, r.y - y, r.w, r.h)

    return (box.rect.w, box.rect.h, box.name_lines, box.outline, box.channel_label,
            rel(box.channel_icon), rel(box.friction_badge), rel(box.markers))


class TouchpointItem(QGraphicsRectItem):
    """A touchpoint card: wrapped name, channel icon, friction badge, pain/opportunity
    markers, an outline that tells the evidence level, and a connector handle on its
    right edge (drag it onto another card to add a flow).

    A rect item whose rect is its bounds, drawn by `paint`: Qt asks an item for its
    bounds hundreds of times per frame while cards move, and a rect item answers in
    C++ instead of calling back into Python.
    """

    def __init__(self, ctx: PaintContext, box: CardBox, touchpoint: Touchpoint) -> None:
        super().__init__()
        self.ctx = ctx
        self.box = box
        self.tp = touchpoint
        self.tp_id = box.id
        self.hovered = False
        self.drop_highlight = False
        self._shape: QPainterPath | None = None
        #: The compare view's badge (see `set_mark`).
        self.badge: CompareBadgeItem | None = None
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setRect(self._bounds())
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(10)
        self.setPos(box.rect.x, box.rect.y)
        self._update_tooltip()

    # ------------------------------------------------------------------ state
    def set_box(self, box: CardBox, *, move: bool = True) -> None:
        """Take a new layout box; `move=False` keeps the current position (while dragged)."""
        if move and (self.pos().x(), self.pos().y()) != (box.rect.x, box.rect.y):
            self.setPos(box.rect.x, box.rect.y)
        if box == self.box:
            return
        resized = (box.rect.w, box.rect.h) != (self.box.rect.w, self.box.rect.h)
        old, self.box = self.box, box
        if resized:
            self._shape = None
            self.setRect(self._bounds())  # prepares the geometry change
        if _content(old) != _content(box):
            self.update()

    def follow(self, box: CardBox, *, move: bool = True) -> None:
        """Take a box that shows the same as the current one, maybe elsewhere (live drags)."""
        old, self.box = self.box.rect, box
        if move and (old.x != box.rect.x or old.y != box.rect.y):
            self.setPos(box.rect.x, box.rect.y)

    def set_touchpoint(self, touchpoint: Touchpoint) -> None:
        """Show a changed touchpoint record (channel, friction, markers...)."""
        if touchpoint != self.tp:
            self.tp = touchpoint
            self._update_tooltip()
            self.update()

    def set_mark(self, mark: CompareMark | None) -> None:
        """Show the compare view's badge on the card (None removes it)."""
        if mark is None:
            if self.badge is not None:
                badge, self.badge = self.badge, None
                scene = badge.scene()
                if scene is not None:
                    scene.removeItem(badge)  # takes it off its card too
            return
        if self.badge is None:
            self.badge = CompareBadgeItem(self.ctx, mark, self)
        else:
            self.badge.set_mark(mark)

    def set_drop_highlight(self, on: bool) -> None:
        """Mark the card as the target of a channel drop or a new flow."""
        if on != self.drop_highlight:
            self.drop_highlight = on
            self.update()

    def _update_tooltip(self) -> None:
        tp = self.tp
        parts = [tp.name]
        if tp.channel:
            parts.append(f"Channel: {self.box.channel_label or tp.channel}")
        if tp.friction is not None:
            parts.append(f"Friction: {tp.friction} ({friction_label(tp.friction)})")
        if tp.pain_points:
            parts.append(f"Pain points: {len(tp.pain_points)}")
        if tp.opportunities:
            parts.append(f"Opportunities: {len(tp.opportunities)}")
        if tp.evidence:
            parts.append(f"Evidence: {tp.evidence}")
        self.setToolTip("\n".join(parts))

    # ------------------------------------------------------------------ geometry
    def card_rect(self) -> QRectF:
        """The card, in item coordinates."""
        return QRectF(0, 0, self.box.rect.w, self.box.rect.h)

    def handle_center(self) -> QPointF:
        """The connector handle's centre, in item coordinates: on the right edge, below the
        middle where flows leave and the badge row, so neither hides the other."""
        return QPointF(self.box.rect.w, self.box.rect.h * HANDLE_HEIGHT)

    def handle_contains(self, scene_pos: QPointF) -> bool:
        """True when `scene_pos` is on the connector handle (a little generous for the mouse)."""
        d = self.mapFromScene(scene_pos) - self.handle_center()
        return math.hypot(d.x(), d.y()) <= HANDLE_RADIUS + 3

    def name_rect_scene(self) -> QRectF:
        """Where the name sits, in scene coordinates (for the in-place editor)."""
        return qrect(self.box.name_rect).adjusted(-4, -4, 4, 4)

    def _bounds(self) -> QRectF:
        return self.card_rect().adjusted(-4, -4, HANDLE_RADIUS + 4, 4)

    def shape(self) -> QPainterPath:
        if self._shape is None:
            card, handle = QPainterPath(), QPainterPath()
            card.addRoundedRect(self.card_rect(), CARD_RADIUS, CARD_RADIUS)
            handle.addEllipse(self.handle_center(), HANDLE_RADIUS + 3, HANDLE_RADIUS + 3)
            self._shape = card.united(handle)  # a plain union: overlapping subpaths would cancel out
        return self._shape

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = True
        self.update()

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        on_handle = self.handle_contains(event.scenePos())
        self.setCursor(Qt.CursorShape.CrossCursor if on_handle else Qt.CursorShape.OpenHandCursor)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.unsetCursor()
        self.update()

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        ctx, colors, box = self.ctx, self.ctx.colors, self.box
        card = self.card_rect()
        selected = self.isSelected()
        zoom = zoom_of(painter, option)
        if zoom < BLOCK_ZOOM:  # far out: a plain block, its friction as a band along the top
            painter.setBrush(colors.card_fill)
            painter.setPen(ctx.pen(colors.selection if selected else colors.card_border, 3.0 if selected else 1.2))
            painter.drawRect(card)
            if self.tp.friction is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(friction_color(self.tp.friction)))
                painter.drawRect(card.adjusted(0, 0, 0, -card.height() * 0.75))
            self._paint_min_size_name(painter, card.adjusted(0, card.height() * 0.25, 0, 0), zoom)
            return
        self._paint_frame(painter, card)
        if selected or self.drop_highlight:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            color = colors.drop_indicator if self.drop_highlight else colors.selection
            painter.setPen(ctx.pen(color, 3.0))
            painter.drawRoundedRect(card.adjusted(-2.5, -2.5, 2.5, 2.5), CARD_RADIUS + 2, CARD_RADIUS + 2)

        name = qrect(box.name_rect, box.rect.x, box.rect.y)
        if readable(ctx.options.name_font_size, zoom):
            ctx.draw_lines(painter, box.name_lines, name.topLeft(), ctx.options.name_font_size, colors.ink,
                           line_pitch=box.name_line_height)
        else:
            below = QRectF(card.left(), name.top(), card.width(), card.bottom() - name.top())
            self._paint_min_size_name(painter, below, zoom)
        labels = readable(ctx.options.label_font_size, zoom)
        self._paint_channel(painter, labels)
        self._paint_friction(painter, labels)
        if labels:
            self._paint_markers(painter)
        if selected or self.hovered:
            painter.setPen(ctx.pen(colors.card_fill, 1.5))
            painter.setBrush(colors.selection if selected else colors.hover)
            painter.drawEllipse(self.handle_center(), HANDLE_RADIUS, HANDLE_RADIUS)

    def _paint_min_size_name(self, painter: QPainter, area: QRectF, zoom: float) -> None:
        """The name at a readable size (MIN_NAME_PX on screen) while the card is wide enough on
        screen for a few letters a line; narrower, two letters and "…" would only be noise."""
        if area.width() * zoom < MIN_CARD_PX_FOR_NAME:
            return
        x, y = 3.0 / zoom, 1.0 / zoom  # a few screen pixels from the frame
        draw_min_size_text(self.ctx, painter, self.tp.name, area.adjusted(x, y, -x, -y), zoom, self.ctx.colors.ink)

    def _paint_frame(self, painter: QPainter, card: QRectF) -> None:
        """The card's fill and its outline (see `_draw_frame`)."""
        colors, outline = self.ctx.colors, self.box.outline
        t = painter.deviceTransform()
        if t.m12() or t.m21() or t.m11() != t.m22() or t.m11() <= 0:
            _draw_frame(painter, self.ctx.pen, colors.card_fill, colors.card_border, outline, card)
            return
        # Dashed and dotted outlines are the dearest part of a card (each dash is a shape):
        # draw the fill and the outline once per device scale and sub-pixel offset, then copy them.
        scale, origin = t.m11(), t.map(QPointF(card.left(), card.top()))
        fx, fy = round((origin.x() % 1) * 4) / 4, round((origin.y() % 1) * 4) / 4
        key = (card.width(), card.height(), outline, colors.card_fill.rgba(), colors.card_border.rgba(),
               round(scale, 4), fx, fy)
        image = self.ctx.outline_images.get(key)
        if image is None:
            if len(self.ctx.outline_images) > 256:
                self.ctx.outline_images.clear()
            size = QSize(
                math.ceil(card.width() * scale + fx) + 2 * _PAD, math.ceil(card.height() * scale + fy) + 2 * _PAD
            )
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            image_painter = QPainter(image)
            image_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            image_painter.translate(_PAD + fx, _PAD + fy)
            image_painter.scale(scale, scale)
            _draw_frame(image_painter, self.ctx.pen, colors.card_fill, colors.card_border, outline,
                        QRectF(0, 0, card.width(), card.height()))
            image_painter.end()
            self.ctx.outline_images[key] = image
        # The device transform counts device pixels, but with the world transform reset a
        # painter on a high-DPI device (ratio 1.25, 2 …) still scales by that ratio: the
        # image is placed and sized in logical pixels, so it covers exactly the card.
        device = painter.device()
        ratio = device.devicePixelRatio() if device is not None else 1.0
        image.setDevicePixelRatio(ratio)
        world = painter.worldTransform()
        painter.resetTransform()
        corner = QPointF(math.floor(origin.x() + 1e-6) - _PAD, math.floor(origin.y() + 1e-6) - _PAD)
        painter.drawImage(corner / ratio, image)
        painter.setWorldTransform(world)

    def _paint_channel(self, painter: QPainter, labels: bool = True) -> None:
        box, ctx = self.box, self.ctx
        if not self.tp.channel:
            return
        icon = qrect(box.channel_icon, box.rect.x, box.rect.y)
        if box.channel_label and labels:
            label = qrect(box.channel_label_rect, box.rect.x, box.rect.y)
            size = ctx.options.label_font_size
            ctx.draw_line_in(painter, box.channel_label, label, size, ctx.colors.muted_ink, center=False)
        renderer = ctx.icons.channel(self.tp.channel)
        if renderer is not None:
            draw_icon(painter, renderer, icon, ctx.colors.muted_ink, ctx.icon_images)
        else:
            painter.setPen(ctx.pen(ctx.colors.muted_ink, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(icon.adjusted(1, 1, -1, -1), 4, 4)
            ctx.draw_line_in(painter, (box.channel_label or self.tp.channel)[:1].upper(), icon,
                             icon.height() * 0.55, ctx.colors.muted_ink, bold=True)

    def _paint_friction(self, painter: QPainter, labels: bool = True) -> None:
        friction = self.tp.friction
        if friction is None:
            return
        box, ctx = self.box, self.ctx
        badge = qrect(box.friction_badge, box.rect.x, box.rect.y)
        color, border, ink = _badge_colors(friction, ctx)
        painter.setPen(ctx.pen(border, 1.0))
        painter.setBrush(color)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        if not labels:
            return
        size = ctx.options.label_font_size
        ctx.draw_line_in(painter, str(friction), badge, size, ink, bold=True)

    def _paint_markers(self, painter: QPainter) -> None:
        tp, box, ctx = self.tp, self.box, self.ctx
        area = qrect(box.markers, box.rect.x, box.rect.y)
        size = ctx.options.label_font_size
        s = min(area.height(), size * 1.35)
        x = area.left()
        y = area.center().y()
        for count, shape, color in ((len(tp.pain_points), "triangle", PAIN_COLOR),
                                    (len(tp.opportunities), "circle", OPPORTUNITY_COLOR)):
            if not count:
                continue
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            mark = QRectF(x, y - s / 2, s, s)
            if shape == "triangle":
                painter.drawPolygon(QPolygonF([mark.bottomLeft(), QPointF(mark.center().x(), mark.top()),
                                               mark.bottomRight()]))
                ctx.draw_line_in(painter, "!", mark.adjusted(0, s * 0.2, 0, 0), size * 0.8, _WHITE, bold=True)
            else:
                painter.drawEllipse(mark)
                ctx.draw_line_in(painter, "+", mark, size * 0.9, _WHITE, bold=True)
            text = str(count)
            width = text_width(text, size)
            ctx.draw_line_in(painter, text, QRectF(x + s + 2, mark.top(), width + 2, s), size, ctx.colors.ink,
                             center=False)
            x += s + 2 + width + 8
