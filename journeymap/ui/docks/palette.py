"""The palette: stage templates, channels and lanes to drag onto the canvas.

A stage dropped between two stages inserts it there; a channel dropped on a card sets
the card's channel. Without a mouse, Enter (or a double-click) on an entry does the
same for the selection: the window adds the stage after the selected one, or sets the
channel of the selected touchpoints. A lane dropped between two lanes is added there (Enter
adds it at the bottom).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QIcon, QKeyEvent, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymap.model import CHANNELS, DEFAULT_STAGES
from journeymap.ui.canvas.mime import CHANNEL_MIME, LANE_MIME, STAGE_MIME
from journeymap.ui.lane_templates import LANE_TEMPLATES
from journeymap.ui.icons import channel_icon

_MIME_ROLE = Qt.ItemDataRole.UserRole
_PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1
CUSTOM_STAGE = "Custom stage"


_LANE_COLORS = {"emotion": "#4C78A8", "friction": "#E4572E", "pain-points": "#D1495B", "opportunities": "#2E8B57",
                "metric": "#7F7F7F"}
_SECTION_COLORS = {"customer": "#9AA5B1", "frontstage": "#72B7B2", "backstage": "#B279A2", "support": "#9D755D"}


def lane_icon(kind: str, section: str, size: int = 16) -> QIcon:
    """A small row of lines: a lane, coloured by its kind (built-ins) or blueprint section."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(_LANE_COLORS.get(kind, _SECTION_COLORS.get(section, "#9AA5B1")))
    painter.setPen(color.darker(130))
    painter.setBrush(color.lighter(150))
    painter.drawRoundedRect(1, 4, size - 2, size - 8, 2, 2)
    painter.setPen(color.darker(160))
    painter.drawLine(4, size // 2, size - 5, size // 2)
    painter.end()
    return QIcon(pixmap)


def stage_swatch(color: str | None, size: int = 16) -> QIcon:
    """A rounded colour square for a stage template (outlined when it has no colour)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if color:
        painter.setBrush(QColor(color))
        painter.setPen(QColor(color).darker(130))
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = painter.pen()
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setColor(QColor("#888888"))
        painter.setPen(pen)
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class PaletteList(QListWidget):
    """A list whose entries drag out as palette MIME data (copy drags only)."""

    def __init__(self, name: str, parent: QWidget | None = None, columns: int = 1) -> None:
        super().__init__(parent)
        self.columns = columns
        self.setAccessibleName(name)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIconSize(QSize(20, 20))
        self.setUniformItemSizes(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        if columns > 1:
            self.setFlow(QListWidget.Flow.LeftToRight)
            self.setWrapping(True)
            self.setResizeMode(QListWidget.ResizeMode.Adjust)

    def add_entry(self, text: str, icon: QIcon, mime_type: str, payload: str, tip: str) -> QListWidgetItem:
        """Add an entry that drags `payload` (UTF-8) as `mime_type`."""
        item = QListWidgetItem(icon, text)
        if self.columns == 1:
            item.setSizeHint(QSize(0, self._row_height()))
        item.setData(_MIME_ROLE, mime_type)
        item.setData(_PAYLOAD_ROLE, payload)
        item.setToolTip(tip)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, tip)
        self.addItem(item)
        return item

    def mimeTypes(self) -> list[str]:
        return [STAGE_MIME, CHANNEL_MIME, LANE_MIME, "text/plain"]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        mime = QMimeData()
        if items:
            item = items[0]
            payload = str(item.data(_PAYLOAD_ROLE))
            mime.setData(str(item.data(_MIME_ROLE)), payload.encode("utf-8"))
            mime.setText(item.text())
        return mime

    def startDrag(self, supported: Qt.DropAction) -> None:
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        pixmap = item.icon().pixmap(self.iconSize() * 1.5)
        if not pixmap.isNull():
            drag.setPixmap(pixmap)
        drag.exec(Qt.DropAction.CopyAction)

    def _row_height(self) -> int:
        return max(self.fontMetrics().height() + 6, self.iconSize().height() + 4)

    def fit_height(self) -> None:
        """Tall enough to show every entry without scrolling."""
        rows = -(-self.count() // self.columns)
        self.setFixedHeight(self._row_height() * rows + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.columns > 1:
            inner = event.size().width() - 2 * self.frameWidth() - 1
            cell = QSize(max(60, inner // self.columns), self._row_height())
            self.setGridSize(cell)
            for row in range(self.count()):
                self.item(row).setSizeHint(cell)
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.itemActivated.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class PaletteWidget(QWidget):
    """The palette dock's widget: stage templates and channels.

    `stage_requested(name)` ("" = custom stage) and `channel_requested(channel)` are
    emitted when an entry is activated from the keyboard or by a double-click.
    """

    stage_requested = Signal(str)
    channel_requested = Signal(str)
    lane_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Palette")
        self.stages = PaletteList("Stage templates", self)
        for name, description, color in DEFAULT_STAGES:
            self.stages.add_entry(name, stage_swatch(color), STAGE_MIME, name, f"{description}. Drag between two "
                                                                               "stages.")
        self.stages.add_entry(CUSTOM_STAGE, stage_swatch(None), STAGE_MIME, "",
                              "An empty stage you name yourself. Drag between two stages.")
        self.channels = PaletteList("Channels", self, columns=2)
        for channel, label in CHANNELS.items():
            self.channels.add_entry(label, channel_icon(channel), CHANNEL_MIME, channel,
                                    f"Drag onto a touchpoint to set its channel to {label}.")
        self.lanes = PaletteList("Lanes", self)
        for lane in LANE_TEMPLATES:
            self.lanes.add_entry(lane.label, lane_icon(lane.kind, lane.section), LANE_MIME, lane.label,
                                 f"{lane.tip}. Drag between two lanes, or press Enter to add it at the bottom.")
        self.lanes.itemActivated.connect(lambda item: self.lane_requested.emit(str(item.data(_PAYLOAD_ROLE))))
        self.stages.itemActivated.connect(lambda item: self.stage_requested.emit(str(item.data(_PAYLOAD_ROLE))))
        self.channels.itemActivated.connect(lambda item: self.channel_requested.emit(str(item.data(_PAYLOAD_ROLE))))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        for title, widget in (("Stages", self.stages), ("Channels", self.channels), ("Lanes", self.lanes)):
            caption = QLabel(f"<b>{title}</b>", self)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)
            widget.fit_height()
        hint = QLabel("Drag onto the map, or press Enter to add to the selection.", self)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        layout.addStretch(1)

    def entry(self, text: str) -> QListWidgetItem:
        """The palette entry with this text (for tests and scripts)."""
        for widget in (self.stages, self.channels, self.lanes):
            found = widget.findItems(text, Qt.MatchFlag.MatchExactly)
            if found:
                return found[0]
        raise KeyError(text)

    def mime_for(self, text: str) -> QMimeData:
        """The MIME data a drag of this entry carries."""
        item = self.entry(text)
        owner = item.listWidget()
        assert isinstance(owner, PaletteList)
        return owner.mimeData([item])
