"""Capture while presenting: the lanes a note can go into, the undo command that adds it,
and the one-line box the room's words are typed into."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QUndoCommand
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QWidget

from journeymap.model import Journey, normalise_text
from journeymap.ui.commands.fields import TouchpointFieldCommand
from journeymap.ui.commands.lanes import SetNotesCommand

#: The built-in lanes a note can be added to: the touchpoint's own lists.
PAIN_POINTS = "pain-points"
OPPORTUNITIES = "opportunities"
_FIELDS = {PAIN_POINTS: "pain_points", OPPORTUNITIES: "opportunities"}


@dataclass(frozen=True)
class NoteLane:
    """A lane a captured note can go into: `key` is a text lane's id or a built-in kind."""

    key: str
    title: str


def note_lanes(journey: Journey) -> list[NoteLane]:
    """Pain points, opportunities, then the journey's text lanes, in lane order."""
    lanes = [NoteLane(PAIN_POINTS, "Pain point"), NoteLane(OPPORTUNITIES, "Opportunity")]
    lanes += [NoteLane(lane.key, lane.title) for lane in journey.lanes() if lane.is_text]
    return lanes


def capture_command(journey: Journey, tp_id: str, lane_key: str, text: str) -> QUndoCommand | None:
    """The command adding `text` as a note of touchpoint `tp_id` in lane `lane_key`, or None
    for text that is empty once cleaned up (or too long: the model refuses what it cannot save)."""
    try:
        note = normalise_text(text)
    except ValueError:
        return None
    if not note:
        return None
    tp = journey.touchpoint(tp_id)
    field = _FIELDS.get(lane_key)
    if field is not None:
        values = tuple(getattr(tp, field)) + (note,)
        return TouchpointFieldCommand(journey, tp_id, field, values)
    return SetNotesCommand(journey, tp_id, lane_key, tuple(tp.notes(lane_key)) + (note,))


class CaptureBox(QFrame):
    """A lane chooser and a one-line field. Enter emits `captured(lane key, text)`, Esc
    emits `cancelled`; Up/Down in the field (or Tab to the chooser) pick the lane."""

    captured = Signal(str, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel("Add a note to", self)
        self.lane = QComboBox(self)
        self.lane.setAccessibleName("Lane")
        self.field = QLineEdit(self)
        self.field.setAccessibleName("Note")
        self.field.setPlaceholderText("What the room says — Enter adds it, Esc closes")
        self.field.installEventFilter(self)
        self.lane.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.lane)
        layout.addWidget(self.field, 1)

    def set_text_size(self, px: int) -> None:
        """Every part of the box in text `px` pixels high."""
        font = QFont(self.font())
        font.setPixelSize(px)
        for widget in (self.label, self.lane, self.field):
            widget.setFont(font)

    def open(self, lanes: list[NoteLane], current: str | None) -> None:
        """Show the box with these lanes to choose from (`current` chosen), the field empty and focused."""
        self.lane.clear()
        for lane in lanes:
            self.lane.addItem(lane.title, lane.key)
        index = self.lane.findData(current) if current is not None else -1
        self.lane.setCurrentIndex(max(0, index))
        self.field.clear()
        self.show()
        self.raise_()
        self.field.setFocus()

    def lane_key(self) -> str:
        """The chosen lane's key."""
        return str(self.lane.currentData())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return True
        if watched is self.field and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.captured.emit(self.lane_key(), self.field.text())
            return True
        if watched is self.field and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            self.lane.setCurrentIndex((self.lane.currentIndex() + step) % max(1, self.lane.count()))
            return True
        if watched is self.lane and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.field.setFocus()
            return True
        return super().eventFilter(watched, event)
