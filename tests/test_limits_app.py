"""The app meets the model's limits at the moment of the edit (issue 13, finding 1).

Through real widgets: a field refuses a paste or keystroke past the text limit and
says why (on the inspector page and in the status bar); adding the 501st stage, the
201st persona, or pasting cards past the touchpoint limit is refused with a status
message, and nothing is pushed on the undo stack. The model refuses the same (see
test_limits.py), so whatever the app saves opens again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from canvas_helpers import Canvas, sample_journey
from journeymap.model import Journey, Lane
from journeymap.model.lanes import MAX_LANES
from journeymap.model.limits import MAX_PERSONAS, MAX_STAGES, MAX_TEXT_LENGTH
from journeymap.ui.commands.adding import PasteTouchpointsCommand
from journeymap.ui.document import Document
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.lane_templates import CUSTOM_TEMPLATE
from journeymap.ui.main_window import MainWindow
from journeymap.ui.selection import Ref
from journeymap.ui.settings import app_settings

Ctrl = Qt.KeyboardModifier.ControlModifier
TOO_LONG = "Too long: a text holds at most 100,000 characters"


class QuietDialogs(Dialogs):
    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        return "discard"


def journey() -> Journey:
    j = Journey("Shoes")
    j.add_stage("Awareness")
    j.add_stage("Purchase")
    j.add_touchpoint("awareness", "Sees ad")
    j.add_touchpoint("purchase", "Checkout", pain_points=["Slow"])
    j.add_touchpoint("purchase", "Confirmation")
    j.add_persona("Maya")
    return j


def open_window(qtbot: QtBot, j: Journey) -> MainWindow:
    window = MainWindow(Document(j), dialogs=QuietDialogs())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture(autouse=True)
def clean_clipboard() -> Iterator[None]:
    """No copied cards left on the clipboard at exit (PySide crashes freeing them there)."""
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    app_settings().clear()
    yield open_window(qtbot, journey())
    app_settings().clear()


def paste_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Put `text` on the clipboard and press Ctrl+V in `widget`, as a user would."""
    QGuiApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_V, Ctrl)


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


# ---------------------------------------------------------------------------- text fields


def test_a_description_paste_past_the_limit_is_refused_with_a_message(qtbot: QtBot, window: MainWindow) -> None:
    page = window.inspector.journey_page
    field = page.description
    paste_into(qtbot, field, "x" * 140_000)
    assert field.toPlainText() == ""
    assert window.document.journey.description == ""
    assert page.error.text() == TOO_LONG and not page.error.isHidden()
    assert status(window) == TOO_LONG
    assert window.document.undo_stack.count() == 0
    paste_into(qtbot, field, "y" * MAX_TEXT_LENGTH)  # exactly the limit is taken
    assert window.document.journey.description == "y" * MAX_TEXT_LENGTH
    qtbot.keyClick(field, Qt.Key.Key_Z)  # and one more character is not
    assert window.document.journey.description == "y" * MAX_TEXT_LENGTH
    assert len(field.toPlainText()) == MAX_TEXT_LENGTH


def test_a_title_field_refuses_a_paste_and_a_keystroke_past_the_limit(qtbot: QtBot, window: MainWindow) -> None:
    page = window.inspector.journey_page
    field = page.title_field
    field.setFocus()
    field.end(False)
    paste_into(qtbot, field, "x" * (MAX_TEXT_LENGTH - 4))  # "Shoes" + this is one too many
    assert field.text() == "Shoes" and window.document.journey.title == "Shoes"
    assert status(window) == TOO_LONG
    field.selectAll()
    paste_into(qtbot, field, "t" * MAX_TEXT_LENGTH)
    assert window.document.journey.title == "t" * MAX_TEXT_LENGTH
    window.statusBar().clearMessage()
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert window.document.journey.title == "t" * MAX_TEXT_LENGTH
    assert status(window) == TOO_LONG


def test_a_list_item_editor_refuses_a_paste_past_the_limit(qtbot: QtBot, window: MainWindow) -> None:
    window.document.selection.set([Ref.touchpoint("checkout")])
    page = window.inspector.touchpoint_page
    editor = page.lists["pain_points"]
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    paste_into(qtbot, line, "x" * (MAX_TEXT_LENGTH + 1))
    assert line.text() == ""
    assert page.error.text() == TOO_LONG and status(window) == TOO_LONG
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert window.document.journey.touchpoint("checkout").pain_points == ("Slow",)


def test_renaming_a_card_in_place_past_the_limit_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    window.document.selection.set([Ref.touchpoint("sees-ad")])
    editor = window.editor
    assert editor is not None and editor.rename_selected()
    inline = editor.inline
    assert inline is not None
    QGuiApplication.clipboard().setText("x" * (MAX_TEXT_LENGTH + 1))
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_A, Ctrl)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_V, Ctrl)
    assert len(inline.text()) == MAX_TEXT_LENGTH + 1
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Return)
    assert window.document.journey.touchpoint("sees-ad").name == "Sees ad"
    assert status(window) == "Not renamed: a text holds at most 100,000 characters"
    assert window.document.undo_stack.count() == 0


# ---------------------------------------------------------------------------- counts


def test_adding_the_501st_stage_says_why_it_cannot(qtbot: QtBot) -> None:
    j = Journey("Many stages")
    for i in range(MAX_STAGES):
        j.add_stage("S", id=f"s{i}")
    window = open_window(qtbot, j)
    window.actions_.add_stage.trigger()
    assert status(window) == "Cannot add a stage: a journey holds at most 500 stages"
    assert len(j.stages()) == MAX_STAGES and window.document.undo_stack.count() == 0
    assert window.editor is not None and not window.editor.is_editing()


def test_adding_the_201st_persona_says_why_it_cannot(qtbot: QtBot) -> None:
    j = journey()
    for i in range(MAX_PERSONAS - 1):
        j.add_persona("P", id=f"p{i}")
    window = open_window(qtbot, j)
    page = window.inspector.journey_page
    qtbot.mouseClick(page.add_persona_button, Qt.MouseButton.LeftButton)
    assert status(window) == "Cannot add a persona: a journey holds at most 200 personas"
    assert page.error.text() == status(window)
    assert len(j.personas()) == MAX_PERSONAS and window.document.undo_stack.count() == 0


def test_pasting_cards_past_the_touchpoint_limit_is_refused(qtbot: QtBot, window: MainWindow,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # 20,000 cards on a canvas take long to show; the app asks the model, so a lower
    # model limit shows the same refusal.
    monkeypatch.setattr("journeymap.model.journey.MAX_TOUCHPOINTS", 4)
    j, stack = window.document.journey, window.document.undo_stack
    window.document.selection.set([Ref.touchpoint("checkout"), Ref.touchpoint("confirmation")])
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_C, Ctrl)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_V, Ctrl)
    assert status(window) == "Not pasted: a journey holds at most 4 touchpoints; 2 more do not fit (1 would)"
    assert j.touchpoint_count() == 3 and stack.count() == 0
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_D, Ctrl)
    assert status(window).startswith("Not duplicated: a journey holds at most 4 touchpoints")
    window.document.selection.set([Ref.touchpoint("checkout")])
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_C, Ctrl)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_V, Ctrl)  # one more fits
    assert j.touchpoint_count() == 4 and stack.count() == 1
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_T, Ctrl)
    assert status(window) == "Cannot add a touchpoint: a journey holds at most 4 touchpoints"
    assert j.touchpoint_count() == 4 and stack.count() == 1


def test_connecting_past_the_flow_limit_is_refused(qtbot: QtBot, window: MainWindow,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("journeymap.model.journey.MAX_FLOWS", 1)
    window.document.selection.set([Ref.touchpoint(t) for t in ("sees-ad", "checkout", "confirmation")])
    window.actions_.connect.trigger()
    assert status(window) == "Not connected: a journey holds at most 1 flows; 2 more do not fit (1 would)"
    assert window.document.journey.flows() == [] and window.document.undo_stack.count() == 0


# ---------------------------------------------------------------------------- lanes on the canvas


@pytest.fixture
def lanes(qtbot: QtBot, tmp_path: Path) -> Iterator[Canvas]:
    j = sample_journey()
    j.set_lane_config([Lane("text", "doing", "Doing"), Lane("emotion")])
    c = Canvas(qtbot, j, tmp_path)
    yield c
    c.editor.detach()
    c.scene.detach()


def test_a_lane_note_past_the_limit_is_refused_and_nothing_is_left_on_the_undo_stack(lanes: Canvas) -> None:
    said: list[str] = []
    lanes.editor.message.connect(said.append)
    before = lanes.saved()
    lane, slot = lanes.scene.layout.lane("doing"), next(s for s in lanes.scene.layout.slots if s.id == "sees-ad")
    assert lane is not None
    lanes.double_click(QPointF(slot.x + slot.w / 2, lane.rect.y + lane.rect.h / 2))
    assert lanes.editor.is_editing()
    QGuiApplication.clipboard().setText("x" * (MAX_TEXT_LENGTH + 1))
    lanes.key(Qt.Key.Key_V, Ctrl)
    lanes.key(Qt.Key.Key_Return)
    assert said == ["notes of lane 'doing' too long: 100,001 characters, at most 100,000 allowed"]
    assert lanes.stack.count() == 0 and not lanes.stack.canUndo() and lanes.stack.isClean()
    assert lanes.saved() == before


def test_adding_the_51st_lane_says_why_it_cannot(lanes: Canvas) -> None:
    j = lanes.journey
    j.set_lane_config([*j.lanes(), *(Lane("text", f"l{i}", "L") for i in range(MAX_LANES - len(j.lanes())))])
    said: list[str] = []
    lanes.editor.message.connect(said.append)
    assert not lanes.editor.lanes.add_from_template(CUSTOM_TEMPLATE)
    assert said == ["Cannot add a lane: a journey holds at most 50 lanes"]
    assert len(j.lanes()) == MAX_LANES and lanes.stack.count() == 0


# ---------------------------------------------------------------------------- the whole file


class RecordingDialogs(QuietDialogs):
    def __init__(self) -> None:
        self.errors: list[str] = []

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append(message)


def test_saving_a_map_past_20_mb_says_why_and_keeps_the_file(qtbot: QtBot, user_file: Path) -> None:
    from journeymap.ui.app import open_window as open_file

    window = open_file(user_file)
    qtbot.addWidget(window)
    dialogs = RecordingDialogs()
    window.files.dialogs = dialogs
    old = user_file.read_bytes()
    j, stage = window.document.journey, window.document.journey.stage_ids()[0]
    items = [{"name": "T", "description": "x" * MAX_TEXT_LENGTH} for _ in range(210)]  # 21 MB of text
    window.document.undo_stack.push(PasteTouchpointsCommand(j, stage, 0, items))
    assert window.files.save() is False
    [message] = dialogs.errors
    first_line = message.split("\n")[0]
    assert re.search(r"not saved: the journey would make a 20\.0\d MB file; journey files are limited to 20 MB$",
                     first_line)
    assert "Shorten or remove some long texts" in message
    assert user_file.read_bytes() == old and window.document.is_modified()
    window.document.undo_stack.undo()
    assert window.files.save()
