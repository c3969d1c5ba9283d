"""PresenterView: the map for the room, full screen, one stage at a time.

Right/Left (and a presenter clicker's Page Down/Page Up) step through the stages, Down/Up
through the touchpoints of the stage, the current one highlighted with its pain points,
opportunities and notes shown large below. N opens a one-line box that adds what the room
says as a note of the current touchpoint to a chosen lane, through the document's undo
stack (Ctrl+Z / Ctrl+Y work here too, Ctrl+S saves); Esc closes the box, then the view.

The view reads the model and the layout's colours only, never the canvas items, and
repaints on every model change (an undo in the window behind it shows at once).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import QWidget

from journeymap.model import events as ev
from journeymap.ui.document import Document
from journeymap.ui.presenter.capture import PAIN_POINTS, CaptureBox, capture_command, note_lanes
from journeymap.ui.presenter.drawing import DETAIL_PX, MIN_PX, Scale, paint_slide
from journeymap.ui.selection import Ref

_NEXT_STAGE = (Qt.Key.Key_Right, Qt.Key.Key_PageDown)
_PREVIOUS_STAGE = (Qt.Key.Key_Left, Qt.Key.Key_PageUp)


class PresenterView(QWidget):
    """The presenter view of `document`; `save` is what Ctrl+S calls (the window's Save).

    `closed` is emitted when the view is closed (Esc). Start it with `present()`.
    """

    closed = Signal()

    def __init__(self, document: Document, save: Callable[[], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A window of its own, owned by `parent` (the main window), so it goes with it.
        self.setWindowFlags(Qt.WindowType.Window)
        self.document = document
        self.journey = document.journey
        self._save = save
        self.setWindowTitle(f"{self.journey.title} — journeymap presenter")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.stage_index = 0
        self.tp_index = 0
        self.last_lane = PAIN_POINTS
        self.capture = CaptureBox(self)
        self.capture.hide()
        self.capture.captured.connect(self._captured)
        self.capture.cancelled.connect(self.close_capture)
        self._start_at_selection()
        self.journey.subscribe(self._on_journey_event)
        self._subscribed = True

    # ------------------------------------------------------------------ state
    def _start_at_selection(self) -> None:
        ref = self.document.selection.current()
        if ref is not None and ref.kind == "touchpoint" and self.journey.has_touchpoint(ref.id):
            stage, index = self.journey.touchpoint_position(ref.id)
            self.stage_index, self.tp_index = self.journey.stage_index(stage), index
        elif ref is not None and ref.kind == "stage" and self.journey.has_stage(ref.id):
            self.stage_index = self.journey.stage_index(ref.id)

    def current_stage(self) -> str | None:
        """The id of the stage shown, or None when the journey has no stages."""
        stages = self.journey.stage_ids()
        if not stages:
            return None
        self.stage_index = min(max(0, self.stage_index), len(stages) - 1)
        return stages[self.stage_index]

    def current_touchpoint(self) -> str | None:
        """The id of the highlighted touchpoint, or None in an empty stage."""
        stage = self.current_stage()
        tps = self.journey.touchpoint_ids(stage) if stage is not None else []
        if not tps:
            return None
        self.tp_index = min(max(0, self.tp_index), len(tps) - 1)
        return tps[self.tp_index]

    def step_stage(self, step: int) -> None:
        """Show the next (1) or previous (-1) stage, from its first touchpoint."""
        count = len(self.journey.stage_ids())
        target = min(max(0, self.stage_index + step), max(0, count - 1))
        if target != self.stage_index:
            self.stage_index, self.tp_index = target, 0
            self.update()

    def step_touchpoint(self, step: int) -> None:
        """Highlight the next (1) or previous (-1) touchpoint of the stage."""
        stage = self.current_stage()
        count = len(self.journey.touchpoint_ids(stage)) if stage is not None else 0
        target = min(max(0, self.tp_index + step), max(0, count - 1))
        if target != self.tp_index:
            self.tp_index = target
            self.update()

    def text_px(self) -> int:
        """The size of the capture box's text: the detail panel's."""
        return Scale.for_height(self.height()).px(DETAIL_PX, MIN_PX)

    # ------------------------------------------------------------------ capture
    def open_capture(self) -> bool:
        """Open the note box for the current touchpoint; False in an empty stage."""
        if self.current_touchpoint() is None:
            return False
        self.capture.set_text_size(self.text_px())
        self._place_capture()
        self.capture.open(note_lanes(self.journey), self.last_lane)
        return True

    def close_capture(self) -> None:
        """Close the note box, back to walking the stages."""
        self.capture.hide()
        self.setFocus()

    def _captured(self, lane_key: str, text: str) -> None:
        tp_id = self.current_touchpoint()
        self.last_lane = lane_key
        command = capture_command(self.journey, tp_id, lane_key, text) if tp_id is not None else None
        if command is not None:
            self.document.undo_stack.push(command)
        self.close_capture()

    def _place_capture(self) -> None:
        scale = Scale.for_height(self.height())
        height = round(self.text_px() * 2.6)
        margin = scale.px(40)
        self.capture.setGeometry(QRect(margin, self.height() - height - margin, self.width() - 2 * margin, height))

    # ------------------------------------------------------------------ events
    def _on_journey_event(self, event: ev.Event) -> None:
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Undo):
            self.document.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo) or (
                key == Qt.Key.Key_Y and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.document.undo_stack.redo()
        elif event.matches(QKeySequence.StandardKey.Save):
            if self._save is not None:
                self._save()
        elif key in _NEXT_STAGE:
            self.step_stage(1)
        elif key in _PREVIOUS_STAGE:
            self.step_stage(-1)
        elif key == Qt.Key.Key_Home:
            self.step_stage(-len(self.journey.stage_ids()))
        elif key == Qt.Key.Key_End:
            self.step_stage(len(self.journey.stage_ids()))
        elif key == Qt.Key.Key_Down:
            self.step_touchpoint(1)
        elif key == Qt.Key.Key_Up:
            self.step_touchpoint(-1)
        elif key == Qt.Key.Key_N and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.open_capture()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        paint_slide(painter, self.width(), self.height(), self.journey, self.current_stage(),
                    self.current_touchpoint())
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.capture.isVisible():
            self.capture.set_text_size(self.text_px())
            self._place_capture()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self._subscribed:
            self._subscribed = False
            self.journey.unsubscribe(self._on_journey_event)
            tp = self.current_touchpoint()
            if tp is not None:  # back in the window, the canvas shows where the room was
                self.document.selection.set([Ref.touchpoint(tp)])
        super().closeEvent(event)
        self.closed.emit()

    # ------------------------------------------------------------------ showing
    def present(self, screen: QScreen | None = None) -> None:
        """Show full screen (on `screen`, else the primary one) with the keyboard focus."""
        screen = screen or QGuiApplication.primaryScreen()
        if screen is not None:  # covers the screen even where no window manager makes it full screen
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus()
