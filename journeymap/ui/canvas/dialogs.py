"""The canvas's one question: what to do with the touchpoints of a stage being deleted.

`JourneyEditor.ask_stage_policy` points at `ask_stage_policy`; tests replace it.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

StageChoice = Literal["delete", "move"] | None


def ask_stage_policy(parent: QWidget | None, stage_name: str, count: int, neighbour: str | None) -> StageChoice:
    """Ask whether to delete a stage's touchpoints or move them to `neighbour`.

    Returns "delete", "move", or None when the user cancels.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Delete stage")
    plural = "touchpoint" if count == 1 else "touchpoints"
    box.setText(f"The stage “{stage_name}” holds {count} {plural}.")
    delete = box.addButton(f"Delete the {plural}", QMessageBox.ButtonRole.DestructiveRole)
    move = None
    if neighbour is not None:
        box.setInformativeText(f"Delete them with the stage, or move them to “{neighbour}”?")
        move = box.addButton(f"Move to “{neighbour}”", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(move)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is delete:
        return "delete"
    if move is not None and clicked is move:
        return "move"
    return None
