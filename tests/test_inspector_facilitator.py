"""The inspector in front of a room: "+" on a list shows the new row being edited, and a
click anywhere on the channel field lists the channels while typing still works."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from journeymap.model import Journey
from journeymap.ui.document import Document
from journeymap.ui.inspector import Inspector
from journeymap.ui.selection import Ref


@pytest.fixture
def setup(qtbot: QtBot) -> tuple[Document, Inspector]:
    j = Journey("Buying shoes")
    j.add_stage("Purchase")
    j.add_touchpoint("purchase", "Checkout", channel="website", pain_points=["Slow form"])
    doc = Document(j)
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(doc)
    inspector.resize(420, 1000)
    inspector.show()
    qtbot.waitExposed(inspector)
    doc.selection.set([Ref.touchpoint("checkout")])
    return doc, inspector


@pytest.mark.parametrize("field", ["pain_points", "opportunities"])
def test_plus_shows_a_full_row_being_edited(qtbot: QtBot, setup: tuple[Document, Inspector], field: str) -> None:
    doc, ins = setup
    editor = ins.touchpoint_page.lists[field]
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    row = editor.list.item(editor.list.count() - 1)
    rect = editor.list.visualItemRect(row)
    line_height = editor.list.fontMetrics().lineSpacing()
    assert rect.height() >= line_height + 4, "the new row is as tall as a line of text"
    assert editor.list.viewport().rect().contains(rect), "and inside the list, not scrolled away"
    line = next(w for w in editor.list.viewport().findChildren(QLineEdit) if w.isVisible())
    assert line.height() >= line_height + 4 and line.hasFrame()
    assert line.placeholderText()
    qtbot.keyClicks(line, "Card declined")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert getattr(doc.journey.touchpoint("checkout"), field)[-1] == "Card declined"
    # the row that got its text is sized by its text again
    assert not editor.list.item(editor.list.count() - 1).sizeHint().isValid()


def test_a_click_anywhere_on_the_channel_field_lists_the_channels(qtbot: QtBot,
                                                                  setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    combo = ins.touchpoint_page.channel
    line = combo.lineEdit()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(line.width() // 3, line.height() // 2))
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == combo.count()  # every channel, not only those matching "Website"
    qtbot.waitUntil(lambda: line.selectedText() == "Website")
    qtbot.keyClicks(line, "pho")  # typing stays in the field and narrows the list
    assert line.text() == "pho"
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == ["Phone"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert doc.journey.touchpoint("checkout").channel == "phone"
    assert doc.undo_stack.count() == 1


def test_a_custom_channel_is_still_typed(qtbot: QtBot, setup: tuple[Document, Inspector]) -> None:
    doc, ins = setup
    line = ins.touchpoint_page.channel.lineEdit()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: line.selectedText() == "Website")
    qtbot.keyClicks(line, "Carrier pigeon")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert doc.journey.touchpoint("checkout").channel == "Carrier pigeon"
