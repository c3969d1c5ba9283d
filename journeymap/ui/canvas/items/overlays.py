"""Short-lived feedback drawn during gestures: drop indicators, rubber band, rubber line."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsPathItem, QGraphicsRectItem

from journeymap.ui.canvas.painting import PaintContext

OVERLAY_Z = 1000


class DropIndicatorItem(QGraphicsLineItem):
    """A thick bar where a stage (upright) or a lane (lying) will be inserted, or a card will land."""

    def __init__(self, ctx: PaintContext) -> None:
        super().__init__()
        pen = ctx.pen(ctx.colors.drop_indicator, 4.0)
        self.setPen(pen)
        self.setZValue(OVERLAY_Z)
        self.hide()

    def show_at(self, x: float, top: float, bottom: float) -> None:
        """Show the bar at `x` from `top` to `bottom` (scene units)."""
        self.setLine(QLineF(x, top, x, bottom))
        self.show()

    def show_across(self, y: float, left: float, right: float) -> None:
        """Show the bar lying across at height `y` (where a lane will be inserted)."""
        self.setLine(QLineF(left, y, right, y))
        self.show()


class RubberBandItem(QGraphicsRectItem):
    """The selection rectangle of a rubber-band drag."""

    def __init__(self, ctx: PaintContext) -> None:
        super().__init__()
        color = QColor(ctx.colors.selection)
        self.setPen(ctx.pen(color, 1.0))
        color.setAlpha(40)
        self.setBrush(color)
        self.setZValue(OVERLAY_Z)

    def span(self, a: QPointF, b: QPointF) -> QRectF:
        """Stretch between two scene points; returns the rectangle."""
        rect = QRectF(a, b).normalized()
        self.setRect(rect)
        return rect


class RubberLineItem(QGraphicsPathItem):
    """The dashed arrow that follows the mouse while a flow is being connected."""

    def __init__(self, ctx: PaintContext) -> None:
        super().__init__()
        self.setPen(ctx.pen(ctx.colors.drop_indicator, 2.0, Qt.PenStyle.DashLine))
        self.setZValue(OVERLAY_Z)

    def stretch(self, start: QPointF, end: QPointF) -> None:
        """A gentle S-curve from `start` to `end`."""
        path = QPainterPath(start)
        dx = max(40.0, abs(end.x() - start.x()) / 2)
        path.cubicTo(QPointF(start.x() + dx, start.y()), QPointF(end.x() - dx, end.y()), end)
        self.setPath(path)
