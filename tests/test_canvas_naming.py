"""Naming what was just added: the typed name belongs to the add, so the id follows it.

Every way of adding a touchpoint or stage that opens the in-place editor (Enter, Tab
into an empty stage, double-click in a stage, Ctrl+T, Ctrl+Shift+T, a custom stage
from the palette) ends, after typing a name, in ONE undo step whose id is derived from
that name. A later rename keeps the id: ids are stable for git diffs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from canvas_helpers import Canvas, canvas, check_undo_redo  # noqa: F401  (fixture)
from journeymap.ui.document import Document
from journeymap.ui.main_window import MainWindow
from journeymap.ui.selection import Ref
from journeymap.ui.settings import app_settings
from test_window_main import QuietDialogs, journey as window_journey

Key = Qt.Key


def test_enter_names_the_next_touchpoint_in_one_step(canvas: Canvas) -> None:
    """The bug a facilitator found: `id: new-touchpoint` with `name: Reads delivery terms`."""
    undo_action = canvas.stack.createUndoAction(canvas.view)
    canvas.click(canvas.card_center("visits-shop"))
    before = canvas.saved()
    canvas.key(Key.Key_Return)
    assert canvas.editor.is_editing()
    canvas.type("Reads delivery terms")
    canvas.key(Key.Key_Return)
    j = canvas.journey
    assert j.touchpoint_ids("awareness") == ["sees-ad", "reads-review", "visits-shop", "reads-delivery-terms"]
    assert j.touchpoint("reads-delivery-terms").name == "Reads delivery terms"
    assert j.has_flow("visits-shop", "reads-delivery-terms")
    assert canvas.selected() == ("reads-delivery-terms",)
    assert canvas.stack.count() == 1
    assert canvas.stack.undoText() == "Add touchpoint 'Reads delivery terms'"
    assert undo_action.text() == "Undo Add touchpoint 'Reads delivery terms'"  # the stack told the window
    saved = canvas.saved().decode()
    assert "id: reads-delivery-terms" in saved and "new-touchpoint" not in saved
    check_undo_redo(canvas, before)
    canvas.stack.redo()
    assert j.touchpoint_ids("awareness")[-1] == "reads-delivery-terms"
    assert j.has_flow("visits-shop", "reads-delivery-terms")


def test_double_click_in_a_stage_names_the_new_touchpoint(canvas: Canvas) -> None:
    before = canvas.saved()
    body = next(s for s in canvas.scene.layout.stages if s.id == "advocacy").body
    canvas.double_click(QPointF(*body.center))
    canvas.type("Writes a review")
    canvas.key(Key.Key_Return)
    assert canvas.journey.touchpoint_ids("advocacy") == ["writes-a-review"]
    assert canvas.stack.count() == 1
    check_undo_redo(canvas, before)
    canvas.stack.redo()
    assert canvas.journey.touchpoint_ids("advocacy") == ["writes-a-review"]


def test_tab_into_an_empty_stage_and_tab_on(canvas: Canvas) -> None:
    """Tab commits the name (folded into the add) and then moves on from the renamed card."""
    canvas.click(canvas.card_center("confirmation"))
    before = canvas.saved()
    canvas.key(Key.Key_Tab)
    canvas.type("Writes a review")
    canvas.key(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # commits, back to Purchase
    j = canvas.journey
    assert j.touchpoint_ids("advocacy") == ["writes-a-review"] and j.has_flow("confirmation", "writes-a-review")
    assert canvas.selected() == ("checkout",)
    assert canvas.stack.count() == 1
    check_undo_redo(canvas, before)


def test_add_touchpoint_slot_and_add_stage_slot(canvas: Canvas) -> None:
    """Ctrl+T and Ctrl+Shift+T call these slots."""
    before = canvas.saved()
    canvas.click(canvas.card_center("sees-ad"))
    canvas.editor.add_touchpoint()
    canvas.type("Asks a friend")
    canvas.key(Key.Key_Return)
    j = canvas.journey
    assert j.touchpoint_ids("awareness")[1] == "asks-a-friend" and not j.flows_to("asks-a-friend")
    canvas.click(canvas.header_center("purchase"))
    canvas.editor.add_stage()
    canvas.type("Delivery")
    canvas.key(Key.Key_Return)
    assert j.stage_ids() == ["awareness", "purchase", "delivery", "advocacy"]
    assert canvas.selected() == ("delivery",)
    assert canvas.stack.undoText() == "Add stage 'Delivery'" and canvas.stack.count() == 2
    check_undo_redo(canvas, before, steps=2)


def test_a_clashing_name_gets_a_suffix(canvas: Canvas) -> None:
    canvas.click(canvas.card_center("checkout"))
    canvas.key(Key.Key_Return)
    canvas.type("Sees ad")
    canvas.key(Key.Key_Return)
    assert canvas.journey.touchpoint_ids("purchase") == ["checkout", "sees-ad-2", "confirmation"]
    assert canvas.journey.has_flow("checkout", "sees-ad-2")


def test_renaming_an_existing_card_keeps_its_id(canvas: Canvas) -> None:
    canvas.double_click(canvas.card_center("checkout"))
    canvas.type("Pays online")
    canvas.key(Key.Key_Return)
    assert canvas.journey.has_touchpoint("checkout") and not canvas.journey.has_touchpoint("pays-online")


def test_a_second_rename_of_a_new_card_keeps_its_id(canvas: Canvas) -> None:
    """Only the first naming belongs to the add; F2 afterwards is an ordinary rename."""
    canvas.click(canvas.card_center("confirmation"))
    canvas.key(Key.Key_Return)
    canvas.type("Gets a parcel")
    canvas.key(Key.Key_Return)
    canvas.key(Key.Key_F2)
    canvas.type("Gets the parcel")
    canvas.key(Key.Key_Return)
    j = canvas.journey
    assert j.touchpoint("gets-a-parcel").name == "Gets the parcel" and canvas.stack.count() == 2


def test_escape_keeps_the_default_name_and_a_later_rename_keeps_its_id(canvas: Canvas) -> None:
    canvas.click(canvas.card_center("confirmation"))
    canvas.key(Key.Key_Return)
    canvas.type("Gets a parcel")
    canvas.key(Key.Key_Escape)
    j = canvas.journey
    assert j.touchpoint("new-touchpoint").name == "New touchpoint" and canvas.stack.count() == 1
    canvas.key(Key.Key_F2)
    canvas.type("Gets a parcel")
    canvas.key(Key.Key_Return)
    assert j.touchpoint("new-touchpoint").name == "Gets a parcel" and canvas.stack.count() == 2


def test_a_save_while_naming_keeps_the_saved_id(canvas: Canvas) -> None:
    canvas.click(canvas.card_center("confirmation"))
    canvas.key(Key.Key_Return)
    canvas.stack.setClean()                        # saved with the editor still open
    canvas.type("Gets a parcel")
    canvas.key(Key.Key_Return)
    assert canvas.journey.touchpoint("new-touchpoint").name == "Gets a parcel"
    assert canvas.stack.undoText() == "Rename touchpoint 'New touchpoint' to 'Gets a parcel'"


# ---------------------------------------------------------------------- through the main window
@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    app_settings().clear()
    w = MainWindow(Document(window_journey()), dialogs=QuietDialogs())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    app_settings().clear()


def test_window_add_stage_action_and_custom_palette_stage(window: MainWindow) -> None:
    doc = window.document
    doc.selection.set([Ref.stage("awareness")])
    window.actions_.add_stage.trigger()            # Ctrl+Shift+T
    QTest.keyClicks(window.view, "Consideration")
    QTest.keyClick(window.view, Key.Key_Return)
    assert doc.journey.stage_ids() == ["awareness", "consideration", "purchase"]
    assert window.actions_.undo.text() == "Undo Add stage 'Consideration'"
    window.palette_widget.stage_requested.emit("")  # the palette's custom stage, by keyboard
    QTest.keyClicks(window.view, "Delivery")
    QTest.keyClick(window.view, Key.Key_Return)
    assert doc.journey.stage_ids() == ["awareness", "consideration", "delivery", "purchase"]
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert doc.journey.stage_ids() == ["awareness", "consideration", "purchase"]
    doc.undo_stack.redo()
    assert doc.journey.stage_ids()[2] == "delivery"
