"""CompareBadgeItem: the compare view's badge on a changed card (new, moved, emotion/friction up or down)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout.geometry import CompareMark
from journeymap.layout.style import COMPARE_COLORS
from journeymap.ui.canvas.painting import PaintContext

_WHITE = QColor("#FFFFFF")


class CompareBadgeItem(QGraphicsItem):
    """A filled pill with the mark's words, a child of its card (it moves with the card).

    Not a hit target: clicks on it reach the card beneath (`JourneyScene.item_at` skips it).
    """

    def __init__(self, ctx: PaintContext, mark: CompareMark, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mark = mark
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._place(parent)

    def set_mark(self, mark: CompareMark) -> None:
        """Follow a new layout of the mark."""
        if mark != self.mark:
            self.prepareGeometryChange()
            self.mark = mark
            parent = self.parentItem()
            if parent is not None:
                self._place(parent)
            self.update()

    def _place(self, parent: QGraphicsItem) -> None:
        # The layout places the badge in scene units; the card item sits at its rect's corner.
        card = getattr(parent, "box", None)
        if card is not None:
            self.setPos(self.mark.rect.x - card.rect.x, self.mark.rect.y - card.rect.y)

    def boundingRect(self) -> QRectF:
        r = self.mark.rect
        return QRectF(-1, -1, r.w + 2, r.h + 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        r = self.mark.rect
        rect = QRectF(0, 0, r.w, r.h)
        painter.setPen(self.ctx.pen(self.ctx.colors.card_fill, 1.0))
        painter.setBrush(QColor(COMPARE_COLORS.get(self.mark.tone, COMPARE_COLORS["neutral"])))
        painter.drawRoundedRect(rect, r.h / 2, r.h / 2)
        self.ctx.draw_line_in(painter, self.mark.label, rect, self.ctx.options.label_font_size, _WHITE)
