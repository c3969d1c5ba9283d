"""StageItem: a stage column with its coloured header and name."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap.layout.geometry import StageBox
from journeymap.layout.text import text_width
from journeymap.ui.canvas.painting import MIN_NAME_PX, PaintContext, draw_min_size_text, qrect, zoom_of
from journeymap.ui.theme import ink_on, tinted

HEADER_RADIUS = 6.0


class StageItem(QGraphicsItem):
    """One stage column. Only the header takes the mouse (select, drag to reorder,
    double-click to rename); clicks on the body fall through to the scene."""

    def __init__(self, ctx: PaintContext, box: StageBox) -> None:
        super().__init__()
        self.ctx = ctx
        self.box = box
        self.stage_id = box.id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exact exposedRect
        self.setZValue(-10)
        self.setCursor(Qt.CursorShape.OpenHandCursor)  # shown over the header, the item's shape
        self.setPos(box.column.x, box.column.y)
        self.setToolTip(" ".join(box.name_lines))
        self._header: tuple[tuple[float, ...] | None, QPainterPath] = (None, QPainterPath())

    def set_box(self, box: StageBox) -> None:
        """Move and resize to a new layout box; repaints only when something changed."""
        if box == self.box:
            return
        if (box.column.w, box.column.h) != (self.box.column.w, self.box.column.h):
            self.prepareGeometryChange()
        self.box = box
        self.setPos(box.column.x, box.column.y)
        self.setToolTip(" ".join(box.name_lines))
        self.update()

    def _header_path(self, header: QRectF) -> QPainterPath:
        # Rounded on top, square below: a path union, too dear to redo on every repaint.
        key = (header.x(), header.y(), header.width(), header.height())
        if self._header[0] != key:
            path = QPainterPath()
            path.addRoundedRect(header, HEADER_RADIUS, HEADER_RADIUS)
            square = QPainterPath()
            square.addRect(header.adjusted(0, header.height() / 2, 0, 0))
            self._header = (key, path.united(square))
        return self._header[1]

    def header_rect(self) -> QRectF:
        """The header, in item coordinates."""
        return qrect(self.box.header, self.box.column.x, self.box.column.y)

    def name_rect_scene(self) -> QRectF:
        """Where the name sits, in scene coordinates (for the in-place editor)."""
        return qrect(self.box.header).adjusted(6, 6, -6, -6)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.box.column.w, self.box.column.h).adjusted(-2, -2, 2, 2)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.header_rect())
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colors = self.ctx.colors
        stage_color = QColor(self.box.color)
        column = QRectF(0, 0, self.box.column.w, self.box.column.h)
        body = qrect(self.box.body, self.box.column.x, self.box.column.y)
        painter.setPen(self.ctx.pen(tinted(colors.grid, stage_color, 0.25), 1.0))
        painter.setBrush(tinted(colors.stage_body, stage_color, 0.10 if colors.dark else 0.07))
        painter.drawRoundedRect(column, HEADER_RADIUS, HEADER_RADIUS)
        painter.setPen(self.ctx.pen(tinted(colors.stage_body, stage_color, 0.35), 1.0))
        painter.drawLine(QPointF(body.left() + 8, body.bottom()), QPointF(body.right() - 8, body.bottom()))

        header = self.header_rect()
        painter.setPen(self.ctx.pen(stage_color.darker(115), 1.0))
        painter.setBrush(stage_color)
        painter.drawPath(self._header_path(header))

        size = self.ctx.options.header_font_size
        lines = self.box.name_lines
        text_h = size * 1.25 * len(lines)
        top = header.top() + (header.height() - text_h) / 2
        # A column can be far wider than the window: skip its name when it is out of sight.
        half = max((text_width(line, size, True) for line in lines), default=0.0) / 2 + 4
        exposed = option.exposedRect  # type: ignore[attr-defined]
        zoom = zoom_of(painter, option)
        if size * zoom < MIN_NAME_PX:  # far out: the name at a readable size, on one line cut to the header
            px = min(MIN_NAME_PX, header.height() * zoom * 0.8)
            pitch = px * 1.25 / zoom
            pad = 4.0 / zoom
            box = QRectF(header.left() + pad, header.center().y() - pitch / 2, header.width() - 2 * pad, pitch)
            draw_min_size_text(self.ctx, painter, " ".join(lines), box, zoom, ink_on(stage_color, colors),
                               bold=True, center=True, px=px)
        elif exposed.isNull() or abs(header.center().x() - exposed.center().x()) <= half + exposed.width() / 2:
            self.ctx.draw_lines(
                painter, lines, QPointF(header.left(), top), size, ink_on(stage_color, colors),
                bold=True, center_width=header.width(),
            )
        if self.isSelected():
            painter.setBrush(QColor(0, 0, 0, 0))
            painter.setPen(self.ctx.pen(colors.selection, 3.0))
            painter.drawRoundedRect(header.adjusted(1.5, 1.5, -1.5, -1.5), HEADER_RADIUS, HEADER_RADIUS)
