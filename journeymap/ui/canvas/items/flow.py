"""FlowItem: a flow arrow between two cards, drawn from the layout's Bézier path."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout.geometry import FlowPath
from journeymap.ui.canvas.painting import PaintContext, qrect, readable, zoom_of

ARROW_LENGTH = 9.0
ARROW_HALF_WIDTH = 4.5
HIT_WIDTH = 10.0


def bezier_path(points: tuple[tuple[float, float], ...]) -> QPainterPath:
    """A QPainterPath through a chain of cubic Bézier segments (p0, c1, c2, p1, c1, c2, p2...)."""
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(*points[0])
    cubic = path.cubicTo  # the plain-number overload: no QPointF objects to make (4x faster)
    for i in range(1, len(points) - 2, 3):
        (x1, y1), (x2, y2), (x3, y3) = points[i:i + 3]
        cubic(x1, y1, x2, y2, x3, y3)
    return path


class FlowItem(QGraphicsRectItem):
    """One flow: the curve, an arrow head at the target, and its label if it has one.

    The item draws in scene coordinates, since its path comes whole from the layout,
    at the scene origin; while a drag only translates a flow, the item moves instead
    of rebuilding its path (`move_by`).
    """

    def __init__(self, ctx: PaintContext, flow: FlowPath) -> None:
        super().__init__()
        self.setPen(QPen(Qt.PenStyle.NoPen))  # a rect item for its bounds, answered in C++ (see TouchpointItem)
        self.ctx = ctx
        self.flow = flow
        self.key = (flow.source, flow.target)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(8)
        self._build()

    def set_flow(self, flow: FlowPath) -> None:
        """Follow a new layout path; repaints only when it changed."""
        if flow == self.flow:
            return
        self.prepareGeometryChange()
        self.flow = flow
        self._build()
        if not self.pos().isNull():
            self.setPos(0.0, 0.0)
        self.update()

    def move_by(self, flow: FlowPath, dx: float) -> None:
        """Follow `flow`, which is the current path moved `dx` to the right."""
        self.flow = flow
        self.setX(self.x() + dx)

    def _build(self) -> None:
        f = self.flow
        self._path = bezier_path(f.points)
        tip = QPointF(*f.arrow_tip)
        a = f.arrow_angle
        back = QPointF(tip.x() - ARROW_LENGTH * math.cos(a), tip.y() - ARROW_LENGTH * math.sin(a))
        normal = QPointF(-math.sin(a) * ARROW_HALF_WIDTH, math.cos(a) * ARROW_HALF_WIDTH)
        self._arrow = QPolygonF([tip, back + normal, back - normal])
        self._label_rect = qrect(f.label_rect).adjusted(-4, -1, 4, 1) if f.label_text else QRectF()
        # The hit shape (a stroke around the curve) is made when first asked for: a drag
        # reroutes flows on every mouse move and nothing hit-tests them meanwhile.
        self._shape: QPainterPath | None = None
        # Half the hit width around the curve, plus room for the pen, like the stroke's bounds.
        bounds = self._path.boundingRect().adjusted(-HIT_WIDTH / 2, -HIT_WIDTH / 2, HIT_WIDTH / 2, HIT_WIDTH / 2)
        bounds = bounds.united(self._arrow.boundingRect())
        if f.label_text:
            bounds = bounds.united(self._label_rect)
        self.setRect(bounds.adjusted(-4, -4, 4, 4))
        hint = f.label or "Flow"
        if hint != self.toolTip():
            self.setToolTip(hint)

    def midpoint(self) -> QPointF:
        """A point halfway along the curve (to click the flow), in scene coordinates."""
        return self.mapToScene(self._path.pointAtPercent(0.5))

    def label_rect_scene(self) -> QRectF:
        """Where the label sits (or would sit), for the in-place editor."""
        cx, cy = self.flow.label_anchor
        size = self.ctx.options.label_font_size
        return QRectF(cx - 60, cy - size, 120, size * 2).united(self._label_rect.translated(self.pos()))

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            self._shape = stroker.createStroke(self._path)
            self._shape.addPolygon(self._arrow)
            if self.flow.label_text:
                self._shape.addRect(self._label_rect)
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        ctx, colors = self.ctx, self.ctx.colors
        selected = self.isSelected()
        color = colors.selection if selected else colors.flow
        style = Qt.PenStyle.DashLine if self.flow.kind == "backward" else Qt.PenStyle.SolidLine
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(ctx.pen(color, 2.6 if selected else 1.5, style))
        painter.drawPath(self._path)
        painter.setPen(ctx.pen(color, 1.0))
        painter.setBrush(color)
        painter.drawPolygon(self._arrow)
        if self.flow.label_text:
            rect = self._label_rect
            painter.setPen(ctx.pen(color, 1.0))
            painter.setBrush(colors.card_fill)
            painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            if readable(ctx.options.label_font_size, zoom_of(painter, option)):
                ctx.draw_line_in(painter, self.flow.label_text, rect, ctx.options.label_font_size, colors.ink)
