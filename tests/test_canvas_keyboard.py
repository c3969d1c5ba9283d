"""The keyboard on the canvas: rename in place, Enter/Tab to type a journey, nudges,
Delete with its question, clipboard; and the editor's slots for the window's actions."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication

from canvas_helpers import Canvas, canvas, check_undo_redo  # noqa: F401  (fixture)
from journeymap.ui.selection import Ref

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier


def test_double_click_renames_enter_commits(canvas: Canvas) -> None:
    before = canvas.saved()
    canvas.double_click(canvas.card_center("checkout"))
    assert canvas.editor.is_editing()
    canvas.type("Pays online")
    canvas.key(Key.Key_Return)
    assert not canvas.editor.is_editing()
    assert canvas.journey.touchpoint("checkout").name == "Pays online"
    assert canvas.stack.undoText() == "Rename touchpoint 'Checkout' to 'Pays online'"
    check_undo_redo(canvas, before)


def test_escape_cancels_a_rename(canvas: Canvas) -> None:
    canvas.double_click(canvas.header_center("purchase"))
    canvas.type("Buy")
    canvas.key(Key.Key_Escape)
    assert not canvas.editor.is_editing()
    assert canvas.journey.stage("purchase").name == "Purchase" and canvas.stack.count() == 0


def test_f2_renames_stage_and_flow_label(canvas: Canvas) -> None:
    canvas.click(canvas.header_center("advocacy"))
    canvas.key(Key.Key_F2)
    canvas.type("Loyalty")
    canvas.key(Key.Key_Enter)
    assert canvas.journey.stage("advocacy").name == "Loyalty"
    canvas.document.selection.set([Ref.flow("reads-review", "visits-shop")])
    canvas.key(Key.Key_F2)
    canvas.type("goes to the shop")
    canvas.key(Key.Key_Return)
    assert canvas.journey.flow("reads-review", "visits-shop").label == "goes to the shop"
    assert canvas.stack.count() == 2


def test_empty_name_is_refused(canvas: Canvas) -> None:
    canvas.double_click(canvas.card_center("checkout"))
    canvas.key(Key.Key_Delete)
    canvas.key(Key.Key_Return)
    assert canvas.journey.touchpoint("checkout").name == "Checkout" and canvas.stack.count() == 0


def test_double_click_empty_space_in_stage_adds_there(canvas: Canvas) -> None:
    body = next(s for s in canvas.scene.layout.stages if s.id == "advocacy").body
    canvas.double_click(QPointF(*body.center))
    assert canvas.journey.touchpoint_ids("advocacy") == ["new-touchpoint"]
    assert canvas.editor.is_editing()
    canvas.type("Writes a review")
    canvas.key(Key.Key_Return)
    assert canvas.journey.touchpoint_ids("advocacy") == ["writes-a-review"]
    assert canvas.journey.touchpoint("writes-a-review").name == "Writes a review"
    assert canvas.selected() == ("writes-a-review",)
    assert canvas.stack.count() == 1 and canvas.stack.undoText() == "Add touchpoint 'Writes a review'"


def test_keyboard_builds_a_stage(canvas: Canvas) -> None:
    """Enter adds the next touchpoint (linked by a flow), Tab goes to the next stage."""
    canvas.click(canvas.card_center("confirmation"))
    before = canvas.saved()
    canvas.key(Key.Key_Tab)                       # Advocacy is empty: adds one there
    canvas.type("Writes a review")
    canvas.key(Key.Key_Return)                    # commits the name
    canvas.key(Key.Key_Return)                    # adds the next one
    canvas.type("Tells a friend")
    canvas.key(Key.Key_Return)
    canvas.key(Key.Key_Return)
    canvas.type("Buys again")
    canvas.key(Key.Key_Tab)                       # commits; last stage: stays
    j = canvas.journey
    names = [j.touchpoint(t).name for t in j.touchpoint_ids("advocacy")]
    assert names == ["Writes a review", "Tells a friend", "Buys again"]
    ids = j.touchpoint_ids("advocacy")
    assert ids == ["writes-a-review", "tells-a-friend", "buys-again"]  # each named as added: one step each
    assert canvas.stack.count() == 3
    assert j.has_flow("confirmation", ids[0]) and j.has_flow(ids[0], ids[1]) and j.has_flow(ids[1], ids[2])
    assert canvas.selected() == (ids[2],)
    canvas.key(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back to the first card of Purchase
    assert canvas.selected() == ("checkout",)
    steps = canvas.stack.count()
    for _ in range(steps):
        canvas.stack.undo()
    assert canvas.saved() == before


def test_tab_selects_the_first_touchpoint_of_the_next_stage(canvas: Canvas) -> None:
    canvas.click(canvas.card_center("reads-review"))
    canvas.key(Key.Key_Tab)
    assert canvas.selected() == ("checkout",) and canvas.stack.count() == 0


def test_arrow_nudges_merge_into_one_step(canvas: Canvas) -> None:
    before = canvas.saved()
    canvas.click(canvas.card_center("visits-shop"))
    canvas.key(Key.Key_Right)                     # crosses into Purchase, first slot
    canvas.key(Key.Key_Right)
    assert canvas.journey.touchpoint_position("visits-shop") == ("purchase", 1)
    assert canvas.stack.count() == 1 and canvas.stack.undoText() == "Move touchpoint 'Visits shop'"
    check_undo_redo(canvas, before)
    canvas.key(Key.Key_Left)
    canvas.key(Key.Key_Right)
    assert canvas.stack.count() == 0 or canvas.stack.index() == 0  # back where it was: no new step


def test_up_down_move_between_rows_merged_like_nudges(canvas: Canvas) -> None:
    before = canvas.saved()
    canvas.click(canvas.card_center("checkout"))
    canvas.key(Key.Key_Up)                        # already on the main path: nothing
    assert canvas.stack.count() == 0
    canvas.key(Key.Key_Down)
    canvas.key(Key.Key_Down)
    canvas.key(Key.Key_Up)
    j = canvas.journey
    assert j.touchpoint("checkout").row == 1
    assert j.touchpoint_position("checkout") == ("purchase", 0)
    assert canvas.stack.count() == 1 and canvas.stack.undoText() == "Move touchpoint 'Checkout'"
    assert canvas.scene.layout.cards["checkout"].rect.y > canvas.scene.layout.cards["confirmation"].rect.y
    assert b"row: 1" in canvas.saved()
    check_undo_redo(canvas, before)
    canvas.stack.redo()
    canvas.key(Key.Key_Right)                     # a slot nudge right after merges too
    assert j.touchpoint_position("checkout") == ("purchase", 1) and j.touchpoint("checkout").row == 1
    assert canvas.stack.count() == 1
    canvas.key(Key.Key_Up)
    canvas.key(Key.Key_Left)                      # back where it started: no step left
    assert canvas.saved() == before and canvas.stack.index() == 0


def test_delete_touchpoints_and_flow(canvas: Canvas) -> None:
    before = canvas.saved()
    canvas.document.selection.set([Ref.touchpoint("sees-ad"), Ref.touchpoint("checkout"),
                                   Ref.flow("reads-review", "visits-shop")])
    canvas.key(Key.Key_Delete)
    j = canvas.journey
    assert not j.has_touchpoint("sees-ad") and not j.has_touchpoint("checkout") and j.flows() == []
    assert canvas.stack.undoText() == "Delete 3 items"
    assert canvas.selected() == ()
    check_undo_redo(canvas, before)


@pytest.mark.parametrize("choice", ["delete", "move", None])
def test_delete_stage_asks(canvas: Canvas, choice: str | None) -> None:
    asked: list[Any] = []

    def ask(parent: object, name: str, count: int, neighbour: str | None) -> str | None:
        asked.append((name, count, neighbour))
        return choice

    canvas.editor.ask_stage_policy = ask
    before = canvas.saved()
    canvas.click(canvas.header_center("purchase"))
    canvas.key(Key.Key_Delete)
    assert asked == [("Purchase", 2, "Awareness")]
    j = canvas.journey
    if choice is None:
        assert canvas.stack.count() == 0 and j.has_stage("purchase")
        return
    assert not j.has_stage("purchase")
    if choice == "move":
        assert j.touchpoint_ids("awareness")[-2:] == ["checkout", "confirmation"]
    else:
        assert not j.has_touchpoint("checkout")
    check_undo_redo(canvas, before)


def test_empty_stage_is_deleted_without_asking(canvas: Canvas) -> None:
    canvas.editor.ask_stage_policy = lambda *a: pytest.fail("should not ask")
    canvas.click(canvas.header_center("advocacy"))
    canvas.key(Key.Key_Backspace)
    assert not canvas.journey.has_stage("advocacy")
    assert canvas.stack.undoText() == "Delete stage 'Advocacy'"


def test_copy_paste_into_selected_stage(canvas: Canvas) -> None:
    before = canvas.saved()
    canvas.document.selection.set([Ref.touchpoint("sees-ad"), Ref.touchpoint("reads-review")])
    canvas.key(Key.Key_C, Ctrl)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "Sees ad\nReads review"
    canvas.click(canvas.header_center("advocacy"))
    canvas.key(Key.Key_V, Ctrl)
    j = canvas.journey
    assert j.touchpoint_ids("advocacy") == ["sees-ad-2", "reads-review-2"]
    assert j.touchpoint("sees-ad-2").channel == "advertising" and j.touchpoint("sees-ad-2").emotion == 1
    assert j.flow("sees-ad-2", "reads-review-2").label == "clicks"
    assert canvas.selected() == ("sees-ad-2", "reads-review-2")
    assert canvas.stack.undoText() == "Paste 2 touchpoints"
    check_undo_redo(canvas, before)


def test_cut_and_paste_plain_text(canvas: Canvas) -> None:
    canvas.click(canvas.card_center("confirmation"))
    canvas.editor.cut()
    assert not canvas.journey.has_touchpoint("confirmation")
    assert canvas.stack.undoText() == "Cut touchpoint 'Confirmation'"
    QGuiApplication.clipboard().setText("Calls support\n\nGets a refund\n")
    canvas.click(canvas.card_center("checkout"))
    assert canvas.editor.paste()
    assert canvas.journey.touchpoint_ids("purchase") == ["checkout", "calls-support", "gets-a-refund"]


def test_duplicate(canvas: Canvas) -> None:
    before = canvas.saved()
    canvas.click(canvas.card_center("visits-shop"))
    canvas.key(Key.Key_D, Ctrl)
    j = canvas.journey
    assert j.touchpoint_ids("awareness")[-1] == "visits-shop-2"
    assert j.touchpoint("visits-shop-2").friction == 2
    assert canvas.stack.undoText() == "Duplicate touchpoint 'Visits shop'"
    check_undo_redo(canvas, before)


def test_slots_add_stage_and_touchpoint(canvas: Canvas) -> None:
    canvas.click(canvas.header_center("awareness"))
    canvas.editor.add_stage()
    assert canvas.journey.stage_ids()[1] == "new-stage" and canvas.editor.is_editing()
    canvas.type("Consideration")
    canvas.key(Key.Key_Return)
    assert canvas.journey.stage_ids()[1] == "consideration"
    assert canvas.journey.stage("consideration").name == "Consideration"
    canvas.editor.add_touchpoint()                  # the new stage is selected: lands in it
    assert canvas.journey.touchpoint_ids("consideration") == ["new-touchpoint"]
    canvas.key(Key.Key_Escape)                     # keeps the default name
    assert canvas.journey.touchpoint_ids("consideration") == ["new-touchpoint"]
    canvas.click(canvas.card_center("sees-ad"))
    canvas.editor.add_touchpoint()                  # after the selected one, not linked
    assert canvas.journey.touchpoint_ids("awareness")[1] == "new-touchpoint-2"
    assert not canvas.journey.has_flow("sees-ad", "new-touchpoint-2")
    canvas.key(Key.Key_Escape)
    canvas.document.selection.clear()
    assert canvas.editor.rename_selected() is False
    assert canvas.editor.delete_selection() is False


def _overrides_shortcut(canvas: Canvas, key: Qt.Key) -> bool:
    """Whether the view claims `key` for itself, so the window's shortcut does not fire.

    This is the question Qt asks the focus widget before any shortcut (checked directly:
    window activation is unreliable on the offscreen platform)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, Qt.KeyboardModifier.NoModifier)
    event.ignore()
    QApplication.sendEvent(canvas.view, event)
    return event.isAccepted()


def test_window_shortcuts_do_not_fire_while_renaming(canvas: Canvas) -> None:
    assert not _overrides_shortcut(canvas, Key.Key_Delete)
    canvas.double_click(canvas.card_center("checkout"))
    assert _overrides_shortcut(canvas, Key.Key_Delete)
    canvas.key(Key.Key_Home)
    canvas.key(Key.Key_Delete)
    canvas.key(Key.Key_Return)
    assert canvas.journey.touchpoint("checkout").name == "heckout"
    assert canvas.scene.focusItem() is None
    assert not _overrides_shortcut(canvas, Key.Key_Delete)  # the window's Delete works again


@pytest.mark.parametrize("button, expected", [("Move", "move"), ("Delete", "delete"), ("Cancel", None)])
def test_the_real_stage_question(qtbot: Any, button: str, expected: str | None) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from journeymap.ui.canvas.dialogs import ask_stage_policy

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "holds 2 touchpoints" in box.text()
        next(b for b in box.buttons() if b.text().replace("&", "").startswith(button)).click()

    QTimer.singleShot(50, answer)
    assert ask_stage_policy(None, "Purchase", 2, "Awareness") == expected


def test_detach_cancels_an_open_rename(canvas: Canvas) -> None:
    canvas.double_click(canvas.card_center("checkout"))
    canvas.type("Half typed")
    canvas.editor.detach()
    assert canvas.journey.touchpoint("checkout").name == "Checkout" and canvas.stack.count() == 0
