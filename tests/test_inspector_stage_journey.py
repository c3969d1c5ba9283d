"""Inspector pages for a stage, the journey (with personas), a flow and several objects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from journeymap.io import dumps_journey
from journeymap.model import Journey
from journeymap.ui.commands.fields import PersonaFieldCommand
from journeymap.ui.document import Document
from journeymap.ui.inspector import Inspector
from journeymap.ui.selection import Ref


def journey() -> Journey:
    """Two stages, two touchpoints, a flow and a persona."""
    j = Journey("Buying shoes", "As-is")
    j.add_stage("Intent", description="Decides")
    j.add_stage("Purchase", color="#F58518")
    j.add_touchpoint("intent", "Compares sizes", emotion=-1, friction=2, pain_points=["Charts"])
    j.add_touchpoint("purchase", "Checkout", emotion=1, friction=4)
    j.add_flow("compares-sizes", "checkout", "decides")
    j.add_persona("Maya", goals=["Fast"], needs=["Right size"])
    return j


class ColorPicker:
    """Stands in for QColorDialog: returns a set colour and records the initial one."""

    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, initial: QColor, parent: QWidget) -> QColor:
        self.asked.append(initial.name().upper())
        return QColor(self.answer) if self.answer else QColor()


@pytest.fixture
def picker() -> ColorPicker:
    return ColorPicker("#112233")


@pytest.fixture
def setup(qtbot: QtBot, picker: ColorPicker) -> tuple[Document, Inspector]:
    doc = Document(journey())
    inspector = Inspector(choose_color=picker)
    qtbot.addWidget(inspector)
    inspector.set_document(doc)
    inspector.resize(420, 900)
    inspector.show()
    return doc, inspector


def roundtrip(doc: Document, before: str, steps: int = 1) -> None:
    """Undo restores the file exactly; redo reapplies."""
    after = dumps_journey(doc.journey)
    assert doc.undo_stack.count() == steps
    for _ in range(steps):
        doc.undo_stack.undo()
    assert dumps_journey(doc.journey) == before
    for _ in range(steps):
        doc.undo_stack.redo()
    assert dumps_journey(doc.journey) == after


# ---------------------------------------------------------------------- stage
def test_stage_name_and_description(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    doc.selection.set([Ref.stage("intent")])
    page = ins.stage_page
    assert ins.current_page() is page
    assert page.name.text() == "Intent"
    assert "1 touchpoint" in page.subheading.text()
    before = dumps_journey(doc.journey)
    page.name.end(False)
    qtbot.keyClicks(page.name, " to buy")
    page.description.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(page.description, " fast")
    assert doc.journey.stage("intent").name == "Intent to buy"
    assert doc.journey.stage("intent").description == "Decides fast"
    assert doc.undo_stack.undoText() == "Change description of stage 'Intent to buy'"
    roundtrip(doc, before, steps=2)


def test_stage_colour_dialog_and_automatic(
    qtbot: QtBot, setup: tuple[Document, Inspector], picker: ColorPicker
) -> None:
    doc, ins = setup
    doc.selection.set([Ref.stage("purchase")])
    page = ins.stage_page
    assert page.color_button.text() == "#F58518"
    before = dumps_journey(doc.journey)
    qtbot.mouseClick(page.color_button, Qt.MouseButton.LeftButton)
    assert picker.asked == ["#F58518"]
    assert doc.journey.stage("purchase").color == "#112233"
    assert page.color_button.text() == "#112233"
    qtbot.mouseClick(page.auto_button, Qt.MouseButton.LeftButton)
    assert doc.journey.stage("purchase").color is None
    assert not page.auto_button.isEnabled()
    assert doc.undo_stack.undoText() == "Change colour of stage 'Purchase'"
    roundtrip(doc, before, steps=2)


def test_cancelled_colour_dialog_changes_nothing(
    qtbot: QtBot, setup: tuple[Document, Inspector], picker: ColorPicker
) -> None:
    doc, ins = setup
    picker.answer = None
    doc.selection.set([Ref.stage("purchase")])
    qtbot.mouseClick(ins.stage_page.color_button, Qt.MouseButton.LeftButton)
    assert doc.undo_stack.count() == 0


# ---------------------------------------------------------------------- journey
def test_nothing_selected_shows_the_journey(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    page = ins.journey_page
    assert ins.current_page() is page
    assert page.title_field.text() == "Buying shoes"
    before = dumps_journey(doc.journey)
    page.title_field.selectAll()
    qtbot.keyClicks(page.title_field, "Renewing a contract")
    page.description.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(page.description, " and to-be")
    assert doc.journey.title == "Renewing a contract"
    assert doc.journey.description == "As-is and to-be"
    assert page.heading.text() == "Renewing a contract"
    roundtrip(doc, before, steps=2)


def test_persona_fields(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    page = ins.journey_page
    assert page.current_persona() == "maya"
    assert page.persona_name.text() == "Maya"
    before = dumps_journey(doc.journey)
    page.persona_name.end(False)
    qtbot.keyClicks(page.persona_name, ", runner")
    qtbot.keyClicks(page.persona_description, "34, runs three times a week")
    assert doc.journey.persona("maya").name == "Maya, runner"
    assert page.personas.item(0).text() == "Maya, runner"
    goals = page.persona_lists["goals"]
    qtbot.mouseClick(goals.add_button, Qt.MouseButton.LeftButton)
    editor = [w for w in goals.list.viewport().findChildren(QLineEdit) if w.isVisible()][0]
    editor.setText("Run a half marathon")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert doc.journey.persona("maya").goals == ("Fast", "Run a half marathon")
    assert doc.undo_stack.undoText() == "Add goal to persona 'Maya, runner'"
    roundtrip(doc, before, steps=3)


def test_add_and_remove_persona(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    page = ins.journey_page
    before = dumps_journey(doc.journey)
    qtbot.mouseClick(page.add_persona_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in doc.journey.personas()] == ["Maya", "New persona"]
    new_id = doc.journey.personas()[1].id
    assert page.current_persona() == new_id
    assert page.persona_name.text() == "New persona"
    qtbot.keyClicks(page.persona_name, "Tom")  # the name was selected: typing replaces it
    assert doc.journey.persona(new_id).name == "Tom"
    qtbot.keyClick(page.persona_name, Qt.Key.Key_Return)  # made in this session: its id follows the name
    assert [p.id for p in doc.journey.personas()] == ["maya", "tom"] and page.current_persona() == "tom"
    assert doc.undo_stack.undoText() == "Take the id of persona 'Tom' from its name"
    qtbot.mouseClick(page.remove_persona_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in doc.journey.personas()] == ["Maya"]
    assert doc.undo_stack.undoText() == "Delete persona 'Tom'"
    roundtrip(doc, before, steps=4)


def test_persona_editor_follows_undo(setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    doc.undo_stack.push(PersonaFieldCommand(doc.journey, "maya", "needs", ("Advice",)))
    editor = ins.journey_page.persona_lists["needs"]
    assert [editor.list.item(i).text() for i in range(editor.list.count())] == ["Advice"]
    doc.undo_stack.undo()
    assert [editor.list.item(i).text() for i in range(editor.list.count())] == ["Right size"]


def test_no_personas_hides_the_persona_editor(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    page = ins.journey_page
    qtbot.mouseClick(page.remove_persona_button, Qt.MouseButton.LeftButton)
    assert page.persona_box.isHidden()
    assert not page.remove_persona_button.isEnabled()


# ---------------------------------------------------------------------- flow and several
def test_flow_label(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    doc.selection.set([Ref.flow("compares-sizes", "checkout")])
    page = ins.flow_page
    assert ins.current_page() is page
    assert page.heading.text() == "Compares sizes → Checkout"
    assert page.label.text() == "decides"
    before = dumps_journey(doc.journey)
    page.label.selectAll()
    qtbot.keyClicks(page.label, "picks a size")
    qtbot.keyClick(page.label, Qt.Key.Key_Return)
    assert doc.journey.flow("compares-sizes", "checkout").label == "picks a size"
    roundtrip(doc, before)


def test_summary_of_several(setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    doc.selection.set([Ref.touchpoint("compares-sizes"), Ref.touchpoint("checkout"), Ref.stage("intent")])
    page = ins.summary_page
    assert ins.current_page() is page
    assert page.heading.text() == "1 stage, 2 touchpoints selected"
    text = page.summary.text()
    assert "Average emotion: +0.0 (Neutral), 2 rated" in text
    assert "Highest friction: 4 of 4" in text
    assert "1 pain point" in text


def test_inspector_unsubscribes_from_a_replaced_document(setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    other = Document(Journey("Other"))
    ins.set_document(other)
    assert ins._on_event not in doc.journey._listeners  # noqa: SLF001 (the point of the test)
    assert ins.journey_page.title_field.text() == "Other"
    ins.set_document(None)
    assert not ins.isEnabled()
