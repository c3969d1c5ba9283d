"""The base of the canvas's mouse gestures: press, moves, release or cancel; click selection.

A gesture is a small object with start / move / end / cancel (see `interactions`). It gets
the editor that runs it, and through it the scene (`SceneApi`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from journeymap.ui.selection import Ref

if TYPE_CHECKING:
    from journeymap.ui.canvas.journey_editor import JourneyEditor
    from journeymap.ui.canvas.scene_api import SceneApi

Modifiers = Qt.KeyboardModifier


class Gesture:
    """Base gesture: remembers the press and knows when the mouse has really moved."""

    def __init__(self, editor: JourneyEditor) -> None:
        self.editor = editor
        self.scene: SceneApi = editor.scene
        self.press = QPointF()
        self.active = False  # moved past the drag distance

    def start(self, pos: QPointF, modifiers: Modifiers) -> None:
        """The mouse was pressed at `pos` (scene coordinates)."""
        self.press = QPointF(pos)

    def moved_enough(self, pos: QPointF) -> bool:
        """True once the mouse has travelled the platform's drag distance from the press."""
        if not self.active:
            distance = (pos - self.press).manhattanLength() * self.scene.zoom()
            self.active = distance >= QApplication.startDragDistance()
        return self.active

    def move(self, pos: QPointF) -> None:
        """The mouse moved with the button held."""

    def end(self, pos: QPointF) -> None:
        """The button was released: finish, pushing at most one undo command."""

    def cancel(self) -> None:
        """Abandon the gesture and remove its feedback; the model is left unchanged."""


def _select_on_press(scene: SceneApi, ref: Ref, modifiers: Modifiers) -> bool:
    """Click selection rules; returns True when a plain click should narrow the selection
    to `ref` on release (it was already part of a multi-selection)."""
    refs = list(scene.document.selection.refs())
    if modifiers & (Modifiers.ControlModifier | Modifiers.MetaModifier):
        scene.select([r for r in refs if r != ref] if ref in refs else refs + [ref])
        return False
    if ref not in refs:
        scene.select([ref])
        return False
    return len(refs) > 1


class ClickSelect(Gesture):
    """A click on a flow (or anything only selectable)."""

    def __init__(self, editor: JourneyEditor, ref: Ref) -> None:
        super().__init__(editor)
        self.ref = ref
        self.narrow = False

    def start(self, pos: QPointF, modifiers: Modifiers) -> None:
        super().start(pos, modifiers)
        self.narrow = _select_on_press(self.scene, self.ref, modifiers)

    def end(self, pos: QPointF) -> None:
        if self.narrow and not self.active:
            self.scene.select([self.ref])
