"""The keyboard of a facilitator on the canvas: Enter and Tab to type a journey, arrow nudges.

`CanvasKeys` belongs to a `JourneyEditor`, which routes the canvas's key presses here
when no name is being edited in place; every change is an undo command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from journeymap.model.entities import MAX_ROW
from journeymap.ui.canvas.editing import flow_to_split
from journeymap.ui.commands.structure import MoveTouchpointCommand
from journeymap.ui.selection import Ref

if TYPE_CHECKING:
    from journeymap.ui.canvas.journey_editor import JourneyEditor


class CanvasKeys:
    """The canvas keys of one editor."""

    def __init__(self, editor: JourneyEditor) -> None:
        self.editor = editor
        self.scene = editor.scene
        self.journey = editor.scene.journey

    def _selected(self, kind: str) -> list[str]:
        return self.scene.document.selection.ids(kind)

    def handle(self, event: QKeyEvent) -> bool:
        """The canvas keys; True when the key was used."""
        editor = self.editor
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Escape:
            if not editor.cancel_gesture():
                self.scene.select(())
            return True
        if editor.gesture is not None:
            return False
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not ctrl:
            return editor.delete_selection()
        if key == Qt.Key.Key_F2:
            return editor.rename_selected()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not ctrl:
            return self.enter_key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not ctrl:
            return self.nudge(-1 if key == Qt.Key.Key_Left else 1)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not ctrl:
            return self.nudge_row(-1 if key == Qt.Key.Key_Up else 1)
        for sequence, slot in ((QKeySequence.StandardKey.Copy, editor.copy), (QKeySequence.StandardKey.Cut, editor.cut),
                               (QKeySequence.StandardKey.Paste, editor.paste)):
            if event.matches(sequence):
                return slot()
        if ctrl and key == Qt.Key.Key_D:
            return editor.duplicate()
        return False

    def enter_key(self) -> bool:
        """Enter: after a selected touchpoint, add the next one, linked by a flow, and rename it
        (in the middle of a path it is inserted: A → new → B, see `flow_to_split`); on a
        selected stage, add a touchpoint at its end."""
        ref = self.scene.document.selection.current()
        if ref is None:
            return False
        if ref.kind == "touchpoint":
            stage, index = self.journey.touchpoint_position(ref.id)
            self.editor.add_touchpoint_at(stage, index + 1, connect_from=ref.id,
                                          split_to=flow_to_split(self.journey, ref.id))
            return True
        if ref.kind == "stage":
            self.editor.add_touchpoint_at(ref.id, len(self.journey.touchpoint_ids(ref.id)))
            return True
        return False

    def tab_to_stage(self, step: int) -> bool:
        """Tab: select the first touchpoint of the next stage (Shift+Tab: previous),
        or add one there — linked from the selected touchpoint — if that stage is empty."""
        stages = self.journey.stage_ids()
        if not stages:
            return False
        tps = self._selected("touchpoint")
        current = self._selected("stage") or [self.journey.touchpoint(t).stage for t in tps]
        if current:
            target = stages.index(current[-1]) + step
            if not 0 <= target < len(stages):
                return True  # stay on the last (first) stage rather than leave the canvas
        else:
            target = 0 if step > 0 else len(stages) - 1
        stage = stages[target]
        members = self.journey.touchpoint_ids(stage)
        if members:
            self.scene.select([Ref.touchpoint(members[0])])
            view = self.scene.view_widget()
            if view is not None:
                view.ensureVisible(self.scene.touchpoint_items[members[0]], 40, 40)
        else:
            self.editor.add_touchpoint_at(stage, 0, connect_from=tps[-1] if tps and step > 0 else None)
        return True

    def nudge(self, step: int) -> bool:
        """Left/Right: move the selected touchpoint one slot left or right, across stage
        borders; consecutive nudges are one undo step."""
        tps = self._selected("touchpoint")
        if len(tps) != 1:
            return False
        tp = tps[0]
        stages = self.journey.stage_ids()
        stage, index = self.journey.touchpoint_position(tp)
        size = len(self.journey.touchpoint_ids(stage))
        if 0 <= index + step < size:
            target = (stage, index + step)
        else:
            s = stages.index(stage) + step
            if not 0 <= s < len(stages):
                return True
            target = (stages[s], 0 if step > 0 else len(self.journey.touchpoint_ids(stages[s])))
        self.scene.push(MoveTouchpointCommand(self.journey, tp, *target, nudge=True))
        return True

    def nudge_row(self, step: int) -> bool:
        """Up/Down: move the selected touchpoint to the row above or below (row 0 is the main
        path; alternative paths lie below it); consecutive nudges are one undo step."""
        tps = self._selected("touchpoint")
        if len(tps) != 1:
            return False
        tp = tps[0]
        row = self.journey.touchpoint(tp).row + step
        if 0 <= row <= MAX_ROW:
            position = self.journey.touchpoint_position(tp)
            self.scene.push(MoveTouchpointCommand(self.journey, tp, *position, row=row, nudge=True))
        return True
