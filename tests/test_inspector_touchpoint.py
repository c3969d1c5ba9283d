"""Inspector, touchpoint page: every field edits the model through the undo stack.

Each edit is made with real key and mouse events; undo restores the saved bytes
exactly, redo reapplies, typing in one field is one undo step, and model changes
(undo, other views) show up without resetting the field the user is typing in.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from journeymap.io import dumps_journey
from journeymap.model import Journey
from journeymap.ui.commands.fields import TouchpointFieldCommand
from journeymap.ui.document import Document
from journeymap.ui.inspector import Inspector
from journeymap.ui.selection import Ref


def journey() -> Journey:
    """Two stages, three touchpoints; checkout has a bit of everything."""
    j = Journey("Buying shoes")
    j.add_stage("Intent")
    j.add_stage("Purchase")
    j.add_touchpoint("intent", "Compares sizes", owner="Merchandising")
    j.add_touchpoint(
        "purchase", "Checkout", channel="website", emotion=-1, friction=3,
        pain_points=["Slow form", "No guest checkout"], metrics={"csat": 3.5, "Repeat rate": 0.2},
    )
    j.add_touchpoint("purchase", "Confirmation", owner="CRM")
    return j


@pytest.fixture
def setup(qtbot: QtBot) -> tuple[Document, Inspector]:
    doc = Document(journey())
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(doc)
    inspector.resize(420, 1000)
    inspector.show()
    doc.selection.set([Ref.touchpoint("checkout")])
    return doc, inspector


def check_undo_redo(doc: Document, before: str, check: Callable[[], None], steps: int = 1) -> None:
    """The edit made `steps` undo steps; undo restores the file exactly, redo reapplies."""
    stack = doc.undo_stack
    assert stack.count() == steps
    check()
    after = dumps_journey(doc.journey)
    for _ in range(steps):
        stack.undo()
    assert dumps_journey(doc.journey) == before
    for _ in range(steps):
        stack.redo()
    assert dumps_journey(doc.journey) == after
    check()


def tp(doc: Document, tp_id: str = "checkout"):  # type: ignore[no-untyped-def]
    return doc.journey.touchpoint(tp_id)


def test_shows_the_touchpoint(setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    page = ins.touchpoint_page
    assert ins.current_page() is page
    assert page.name.text() == "Checkout"
    assert page.heading.text() == "Checkout"
    assert "Purchase" in page.subheading.text()
    assert page.channel.currentText() == "Website"
    assert page.emotion.value() == -1
    assert page.friction.value() == 3
    assert page.lists["pain_points"].list.count() == 2
    assert page.metrics.fields["csat"].text() == "3.5"
    assert page.metrics.table.item(0, 0).text() == "Repeat rate"
    assert page.evidence.currentText() == "Not stated"


def test_typing_a_name_is_one_undo_step(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    before = dumps_journey(doc.journey)
    field = ins.touchpoint_page.name
    field.selectAll()
    qtbot.keyClicks(field, "Pays")
    assert tp(doc).name == "Pays"
    assert doc.undo_stack.undoText() == "Rename touchpoint 'Checkout'"
    check_undo_redo(doc, before, lambda: None)
    assert field.text() == "Pays"


def test_leaving_a_field_starts_a_new_step(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    field = ins.touchpoint_page.name
    field.setCursorPosition(len(field.text()))
    qtbot.keyClicks(field, " now")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # editing finished
    qtbot.keyClicks(field, "!")
    assert tp(doc).name == "Checkout now!"
    assert doc.undo_stack.count() == 2


def test_empty_name_is_refused_not_pushed(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    field = ins.touchpoint_page.name
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert tp(doc).name == "Checkout"
    assert doc.undo_stack.count() == 0
    assert "must not be empty" in ins.touchpoint_page.error.text()
    assert "border" in field.styleSheet()
    qtbot.keyClicks(field, "Pay")
    assert tp(doc).name == "Pay"
    assert field.styleSheet() == ""


def test_model_echo_keeps_the_cursor_and_trailing_space(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    field = ins.touchpoint_page.name
    field.setCursorPosition(3)
    qtbot.keyClicks(field, "X ")
    assert tp(doc).name == "CheX ckout"
    assert field.text() == "CheX ckout"
    assert field.cursorPosition() == 5
    field.setCursorPosition(len(field.text()))
    qtbot.keyClicks(field, " ")  # the model strips it; the field must keep it
    assert field.text() == "CheX ckout "
    assert tp(doc).name == "CheX ckout"


def test_description(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    before = dumps_journey(doc.journey)
    qtbot.keyClicks(ins.touchpoint_page.description, "Card form on a phone")
    check_undo_redo(doc, before, lambda: tp(doc).description == "Card form on a phone" or pytest.fail())
    assert doc.undo_stack.undoText() == "Change description of 'Checkout'"


def test_channel_from_the_list_and_custom_text(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    before = dumps_journey(doc.journey)
    combo = ins.touchpoint_page.channel
    combo.activated.emit(combo.findText("Email"))
    assert tp(doc).channel == "email"
    check_undo_redo(doc, before, lambda: tp(doc).channel == "email" or pytest.fail())
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Carrier pigeon")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert tp(doc).channel == "Carrier pigeon"
    assert doc.undo_stack.undoText() == "Change channel of 'Checkout' to Carrier pigeon"
    doc.undo_stack.undo()
    assert combo.currentText() == "Email"
    doc.undo_stack.redo()
    assert combo.currentText() == "Carrier pigeon"


def test_channel_typed_as_display_name_maps_to_id(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    combo = ins.touchpoint_page.channel
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "mobile app")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert tp(doc).channel == "mobile-app"


@pytest.mark.parametrize("value", [-2, 0, 2, None])
def test_emotion_buttons(qtbot: QtBot, setup: tuple[Document, Inspector], value: int | None) -> None:
    doc, ins = setup
    before = dumps_journey(doc.journey)
    qtbot.mouseClick(ins.touchpoint_page.emotion.button(value), Qt.MouseButton.LeftButton)
    check_undo_redo(doc, before, lambda: tp(doc).emotion == value or pytest.fail())
    assert ins.touchpoint_page.emotion.value() == value
    doc.undo_stack.undo()
    assert ins.touchpoint_page.emotion.value() == -1


@pytest.mark.parametrize("value", [0, 4, None])
def test_friction_buttons(qtbot: QtBot, setup: tuple[Document, Inspector], value: int | None) -> None:
    doc, ins = setup
    before = dumps_journey(doc.journey)
    qtbot.mouseClick(ins.touchpoint_page.friction.button(value), Qt.MouseButton.LeftButton)
    check_undo_redo(doc, before, lambda: tp(doc).friction == value or pytest.fail())
    assert doc.undo_stack.undoText().startswith("Change friction of 'Checkout'")


def test_clicking_the_current_rating_pushes_nothing(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    qtbot.mouseClick(ins.touchpoint_page.emotion.button(-1), Qt.MouseButton.LeftButton)
    assert doc.undo_stack.count() == 0


def test_scale_buttons_have_labels() -> None:
    from journeymap.ui.inspector.choosers import ScalePicker

    picker = ScalePicker("Emotion", {-1: "Negative", 0: "Neutral"})
    assert picker.button(-1).accessibleName() == "Emotion: Negative"
    assert picker.button(None).accessibleName() == "Emotion: Not rated"


def _list_editor_type(qtbot: QtBot, editor_widget, text: str) -> None:  # type: ignore[no-untyped-def]
    open_editors = [w for w in editor_widget.list.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(open_editors) == 1, "no item editor open"
    line = open_editors[0]
    line.setText(text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on a queued call


def test_pain_points_add_edit_remove_reorder(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    editor = ins.touchpoint_page.lists["pain_points"]
    before = dumps_journey(doc.journey)

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    _list_editor_type(qtbot, editor, "Card declined")
    assert tp(doc).pain_points == ("Slow form", "No guest checkout", "Card declined")
    assert doc.undo_stack.undoText() == "Add pain point to 'Checkout'"

    editor.list.setCurrentRow(0)
    editor.list.editItem(editor.list.item(0))
    _list_editor_type(qtbot, editor, "Very slow form")
    assert tp(doc).pain_points[0] == "Very slow form"

    editor.list.setCurrentRow(2)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert tp(doc).pain_points == ("Very slow form", "Card declined", "No guest checkout")
    assert editor.list.currentRow() == 1

    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert tp(doc).pain_points == ("Very slow form", "No guest checkout")
    assert doc.undo_stack.undoText() == "Remove pain point from 'Checkout'"

    check_undo_redo(doc, before, lambda: None, steps=4)
    assert [editor.list.item(i).text() for i in range(editor.list.count())] == ["Very slow form", "No guest checkout"]


def test_adding_an_empty_item_pushes_nothing(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    editor = ins.touchpoint_page.lists["opportunities"]
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    _list_editor_type(qtbot, editor, "   ")
    assert doc.undo_stack.count() == 0
    assert editor.list.count() == 0


def test_delete_key_in_a_list_removes_the_item(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    editor = ins.touchpoint_page.lists["pain_points"]
    editor.list.setCurrentRow(1)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert tp(doc).pain_points == ("Slow form",)


def test_owner_with_completion_from_the_journey(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    page = ins.touchpoint_page
    assert page.owner.completer().model().stringList() == ["CRM", "Merchandising"]
    before = dumps_journey(doc.journey)
    qtbot.keyClicks(page.owner, "Payments")
    check_undo_redo(doc, before, lambda: tp(doc).owner == "Payments" or pytest.fail())
    assert "Payments" in page.owner.completer().model().stringList()


def test_evidence(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    combo = ins.touchpoint_page.evidence
    before = dumps_journey(doc.journey)
    combo.activated.emit(combo.findText("Measured"))
    check_undo_redo(doc, before, lambda: tp(doc).evidence == "measured" or pytest.fail())
    combo.activated.emit(combo.findText("Not stated"))
    assert tp(doc).evidence is None


def test_path_lane(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    before = dumps_journey(doc.journey)
    spin = ins.touchpoint_page.row
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    check_undo_redo(doc, before, lambda: tp(doc).row == 2 or pytest.fail())


def test_known_metric_typing_merges_and_checks_range(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    before = dumps_journey(doc.journey)
    metrics = ins.touchpoint_page.metrics
    ces = metrics.fields["ces"]
    qtbot.keyClicks(ces, "6.5")
    assert tp(doc).metrics["ces"] == 6.5
    check_undo_redo(doc, before, lambda: None)
    qtbot.keyClicks(metrics.fields["nps"], "-250")
    assert tp(doc).metrics["nps"] == -25  # the last value in range
    assert "NPS must be from -100 to 100" in ins.touchpoint_page.error.text()
    assert metrics.fields["nps"].text() == "-250"  # what the user typed stays for fixing
    qtbot.keyClick(metrics.fields["nps"], Qt.Key.Key_Backspace)
    qtbot.keyClick(metrics.fields["nps"], Qt.Key.Key_Backspace)
    assert tp(doc).metrics["nps"] == -2
    assert ins.touchpoint_page.error.isHidden()
    assert doc.undo_stack.count() == 2  # CES, then NPS


def test_clearing_a_metric_removes_it(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    csat = ins.touchpoint_page.metrics.fields["csat"]
    csat.selectAll()
    qtbot.keyClick(csat, Qt.Key.Key_Delete)
    assert "csat" not in tp(doc).metrics
    assert tp(doc).metrics["Repeat rate"] == 0.2


def test_metric_hints_say_which_way_is_better(setup: tuple[Document, Inspector]) -> None:
    _doc, ins = setup
    assert "higher = easier" in ins.touchpoint_page.metrics.fields["ces"].toolTip()


def test_custom_metric_rows(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    metrics = ins.touchpoint_page.metrics
    before = dumps_journey(doc.journey)
    qtbot.mouseClick(metrics.add_button, Qt.MouseButton.LeftButton)
    metrics.table.item(1, 0).setText("Time on page")
    assert doc.undo_stack.count() == 0  # a name without a value is not a metric yet
    metrics.table.item(1, 1).setText("42")
    assert tp(doc).metrics["Time on page"] == 42
    metrics.table.item(0, 1).setText("abc")
    assert "not a number" in ins.touchpoint_page.error.text()
    metrics.table.item(0, 1).setText("0.25")
    assert tp(doc).metrics["Repeat rate"] == 0.25
    metrics.table.setCurrentCell(0, 0)
    qtbot.mouseClick(metrics.remove_button, Qt.MouseButton.LeftButton)
    assert "Repeat rate" not in tp(doc).metrics
    check_undo_redo(doc, before, lambda: None, steps=3)


def test_undo_updates_the_field_being_typed_in(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    field = ins.touchpoint_page.owner
    qtbot.keyClicks(field, "Ops")
    doc.undo_stack.undo()
    assert field.text() == ""
    qtbot.keyClicks(field, "Web")  # after an undo, typing is a new step
    assert doc.undo_stack.count() == 1
    assert tp(doc).owner == "Web"


def test_model_changes_from_elsewhere_show_up(setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    doc.undo_stack.push(TouchpointFieldCommand(doc.journey, "checkout", "emotion", 2))
    doc.undo_stack.push(TouchpointFieldCommand(doc.journey, "checkout", "name", "Pay"))
    page = ins.touchpoint_page
    assert page.emotion.value() == 2
    assert page.name.text() == "Pay"
    assert page.heading.text() == "Pay"


def test_follows_the_selection(setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    doc.selection.set([Ref.touchpoint("confirmation")])
    assert ins.touchpoint_page.name.text() == "Confirmation"
    doc.selection.set([Ref.stage("intent")])
    assert ins.current_page() is ins.stage_page
    doc.selection.set([Ref.touchpoint("confirmation"), Ref.touchpoint("checkout")])
    assert ins.current_page() is ins.summary_page
    assert "2 touchpoints selected" in ins.summary_page.heading.text()
    doc.selection.clear()
    assert ins.current_page() is ins.journey_page


def test_deleted_touchpoint_falls_back_to_the_journey(setup: tuple[Document, Inspector]) -> None:
    from journeymap.ui.commands.structure import RemoveTouchpointCommand

    doc, ins = setup
    doc.undo_stack.push(RemoveTouchpointCommand(doc.journey, "checkout"))
    assert ins.current_page() is ins.journey_page


def test_the_notes_of_every_text_lane_are_shown_and_edited(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    from journeymap.model import Lane
    from journeymap.ui.commands.lanes import AddLaneCommand

    doc, ins = setup
    page = ins.touchpoint_page
    assert page.notes == {}  # the default lanes have no text lanes
    doc.undo_stack.push(AddLaneCommand(doc.journey, Lane("text", "doing", "Doing"), 0))
    doc.undo_stack.push(AddLaneCommand(doc.journey, Lane("text", "staff", "Staff", "frontstage")))
    assert list(page.notes) == ["doing", "staff"]  # the page follows the lanes
    QApplication.processEvents()  # new rows of a shown layout appear on the next turn of the event loop
    before = dumps_journey(doc.journey)
    editor = page.notes["staff"]
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    _list_editor_type(qtbot, editor, "Checks the card terminal")
    assert tp(doc).notes("staff") == ("Checks the card terminal",)
    assert doc.undo_stack.undoText() == "Add a note to Staff of 'Checkout'"
    doc.undo_stack.undo()
    assert dumps_journey(doc.journey) == before
    assert editor.list.count() == 0
    doc.undo_stack.redo()
    assert [editor.list.item(i).text() for i in range(editor.list.count())] == ["Checks the card terminal"]
