"""Ids follow names for what was made in this editing session (the rule in README: a
touchpoint or persona made since the file was opened or saved, that no flow or emotion
refers to, takes its id from its new name); everything else keeps its id."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from canvas_helpers import Canvas, canvas  # noqa: F401  (fixture)
from journeymap.ui.commands.renaming import fresh_id
from journeymap.ui.document import Document

Ctrl = Qt.KeyboardModifier.ControlModifier


def _rename_selected(c: Canvas, name: str) -> None:
    c.key(Qt.Key.Key_F2)
    c.key(Qt.Key.Key_A, Ctrl)
    c.type(name)
    c.key(Qt.Key.Key_Return)


def test_a_pasted_card_renamed_takes_its_id_from_the_name(canvas: Canvas) -> None:
    c = canvas
    c.click(c.card_center("confirmation"))
    c.key(Qt.Key.Key_C, Ctrl)
    c.key(Qt.Key.Key_V, Ctrl)
    assert c.selected() == ("confirmation-2",)
    before = c.saved()
    _rename_selected(c, "Leaves app store review")
    assert c.journey.touchpoint_ids("purchase") == ["checkout", "confirmation", "leaves-app-store-review"]
    assert c.selected() == ("leaves-app-store-review",)
    assert c.stack.undoText() == "Rename touchpoint 'Confirmation' to 'Leaves app store review'"
    after = c.saved()
    c.stack.undo()  # (Ctrl+Z is the window's action)
    assert c.saved() == before
    c.stack.redo()
    assert c.saved() == after
    QGuiApplication.clipboard().clear()  # journeymap's own MIME data must not outlive the test's app


def test_ids_a_file_or_a_flow_may_use_never_change(canvas: Canvas) -> None:
    c = canvas
    c.click(c.card_center("confirmation"))  # in the journey since the document was made
    _rename_selected(c, "Gets the receipt")
    assert c.journey.touchpoint("confirmation").name == "Gets the receipt"
    c.click(c.card_center("checkout"))
    c.key(Qt.Key.Key_Return)  # a new step, linked by a flow from Checkout
    c.type("Pays")
    c.key(Qt.Key.Key_Return)
    assert c.selected() == ("pays",)  # named at once: the add takes the name and its id
    _rename_selected(c, "Pays by card")
    assert c.journey.touchpoint("pays").name == "Pays by card"  # a flow refers to it: the id stays


def test_after_a_save_the_id_is_kept(canvas: Canvas, tmp_path: object) -> None:
    c = canvas
    c.click(c.card_center("confirmation"))
    c.key(Qt.Key.Key_D, Ctrl)  # duplicate: a card made now, no flows
    assert c.selected() == ("confirmation-2",)
    c.document.save(c.tmp_path / "saved.yaml")
    _rename_selected(c, "Shares the receipt")
    assert c.selected() == ("confirmation-2",)
    assert c.journey.touchpoint("confirmation-2").name == "Shares the receipt"


def test_the_rule_for_personas() -> None:
    from canvas_helpers import sample_journey

    journey = sample_journey()
    journey.add_persona("Maya")
    document = Document(journey)
    journey.add_persona("New persona")
    assert fresh_id(journey, "persona", "new-persona", "Lena, new to the country", document.saved_ids) == \
        "lena-new-to-the-country"
    assert fresh_id(journey, "persona", "maya", "Maya Lee", document.saved_ids) is None
    journey.update_touchpoint("sees-ad", persona_emotions={"new-persona": -1})
    assert fresh_id(journey, "persona", "new-persona", "Lena", document.saved_ids) is None


def test_a_card_made_now_and_named_in_the_inspector(qtbot: object) -> None:
    from canvas_helpers import sample_journey
    from journeymap.ui.commands.structure import AddTouchpointCommand
    from journeymap.ui.inspector import Inspector
    from journeymap.ui.selection import Ref

    document = Document(sample_journey())
    document.undo_stack.push(AddTouchpointCommand(document.journey, "advocacy", "New touchpoint"))
    inspector = Inspector()
    qtbot.addWidget(inspector)  # type: ignore[attr-defined]
    inspector.set_document(document)
    inspector.show()
    document.selection.set([Ref.touchpoint("new-touchpoint")])
    field = inspector.touchpoint_page.name
    field.selectAll()
    qtbot.keyClicks(field, "Recommends the shop")  # type: ignore[attr-defined]
    qtbot.keyClick(field, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert document.journey.touchpoint_ids("advocacy") == ["recommends-the-shop"]
    assert document.selection.refs() == (Ref.touchpoint("recommends-the-shop"),)
    assert inspector.touchpoint_page.target == "recommends-the-shop"
    document.undo_stack.undo()
    assert document.journey.touchpoint_ids("advocacy") == ["new-touchpoint"]
    assert document.journey.touchpoint("new-touchpoint").name == "Recommends the shop"
