"""The palette's drag data and keyboard use; the structure tree mirroring the selection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from journeymap.model import CHANNELS, DEFAULT_STAGES, Journey
from journeymap.ui.canvas.mime import CHANNEL_MIME, STAGE_MIME
from journeymap.ui.commands.structure import AddTouchpointCommand, MoveStageCommand, RelabelFlowCommand
from journeymap.ui.docks import PaletteWidget, StructureTree
from journeymap.ui.document import Document
from journeymap.ui.selection import Ref


# ---------------------------------------------------------------------- palette
def test_palette_lists_the_templates_and_channels(qtbot: QtBot) -> None:
    palette = PaletteWidget()
    qtbot.addWidget(palette)
    stage_names = [palette.stages.item(i).text() for i in range(palette.stages.count())]
    assert stage_names == [name for name, _d, _c in DEFAULT_STAGES] + ["Custom stage"]
    channel_names = [palette.channels.item(i).text() for i in range(palette.channels.count())]
    assert channel_names == list(CHANNELS.values())
    assert not palette.channels.item(0).icon().isNull()


@pytest.mark.parametrize(("entry", "mime", "payload"), [
    ("Intent", STAGE_MIME, "Intent"),
    ("Custom stage", STAGE_MIME, ""),
    ("Mobile app", CHANNEL_MIME, "mobile-app"),
    ("Word of mouth", CHANNEL_MIME, "word-of-mouth"),
])
def test_palette_drag_data(qtbot: QtBot, entry: str, mime: str, payload: str) -> None:
    palette = PaletteWidget()
    qtbot.addWidget(palette)
    data = palette.mime_for(entry)
    assert data.hasFormat(mime)
    assert bytes(data.data(mime).data()).decode("utf-8") == payload
    assert data.text() == entry
    other = CHANNEL_MIME if mime == STAGE_MIME else STAGE_MIME
    assert not data.hasFormat(other)


def test_palette_drags_copy_only(qtbot: QtBot) -> None:
    palette = PaletteWidget()
    qtbot.addWidget(palette)
    assert palette.stages.dragEnabled()
    assert palette.stages.defaultDropAction() == Qt.DropAction.CopyAction
    assert STAGE_MIME in palette.stages.mimeTypes()


def test_palette_enter_requests_the_entry(qtbot: QtBot) -> None:
    palette = PaletteWidget()
    qtbot.addWidget(palette)
    palette.show()
    palette.stages.setCurrentRow(2)
    with qtbot.waitSignal(palette.stage_requested) as blocker:
        qtbot.keyClick(palette.stages, Qt.Key.Key_Return)
    assert blocker.args == ["Intent"]
    palette.channels.setCurrentRow(2)
    with qtbot.waitSignal(palette.channel_requested) as blocker:
        qtbot.keyClick(palette.channels, Qt.Key.Key_Return)
    assert blocker.args == ["email"]


# ---------------------------------------------------------------------- structure
def journey() -> Journey:
    j = Journey("Shoes")
    j.add_stage("Awareness")
    j.add_stage("Purchase")
    j.add_touchpoint("awareness", "Sees ad", channel="advertising", emotion=1, friction=0)
    j.add_touchpoint("purchase", "Checkout", pain_points=["Slow"])
    j.add_touchpoint("purchase", "Confirmation")
    j.add_flow("sees-ad", "checkout", "clicks")
    return j


@pytest.fixture
def tree(qtbot: QtBot) -> tuple[Document, StructureTree]:
    doc = Document(journey())
    widget = StructureTree()
    qtbot.addWidget(widget)
    widget.set_document(doc)
    widget.show()
    return doc, widget


def texts(widget: StructureTree) -> list[str]:
    rows = []
    for i in range(widget.topLevelItemCount()):
        stage = widget.topLevelItem(i)
        if stage is widget.lanes_item:
            continue  # the lanes: tested on their own
        rows.append(stage.text(0))
        for j in range(stage.childCount()):
            tp = stage.child(j)
            rows.append("  " + tp.text(0))
            rows += ["    " + tp.child(k).text(0) for k in range(tp.childCount())]
    return rows


def test_tree_lists_stages_touchpoints_and_flows(tree: tuple[Document, StructureTree]) -> None:
    _doc, widget = tree
    assert texts(widget) == [
        "Awareness", "  Sees ad", "    → Checkout (clicks)",
        "Purchase", "  Checkout", "  Confirmation",
    ]


def test_rows_have_accessible_texts(tree: tuple[Document, StructureTree]) -> None:
    _doc, widget = tree
    stage = widget.items[Ref.stage("purchase")]
    assert stage.data(0, Qt.ItemDataRole.AccessibleTextRole) == "Stage Purchase, 2 touchpoints"
    tp = widget.items[Ref.touchpoint("sees-ad")]
    assert tp.data(0, Qt.ItemDataRole.AccessibleTextRole) == (
        "Touchpoint Sees ad: Advertising; emotion positive; friction none"
    )
    flow = widget.items[Ref.flow("sees-ad", "checkout")]
    assert flow.data(0, Qt.ItemDataRole.AccessibleTextRole) == "Flow from Sees ad to Checkout, clicks"


def test_selection_model_to_tree(tree: tuple[Document, StructureTree]) -> None:
    doc, widget = tree
    doc.selection.set([Ref.touchpoint("checkout"), Ref.stage("awareness")])
    assert set(widget.selected_refs()) == {Ref.touchpoint("checkout"), Ref.stage("awareness")}
    doc.selection.clear()
    assert widget.selected_refs() == []


def test_selection_tree_to_model_by_keyboard(qtbot: QtBot, tree: tuple[Document, StructureTree]) -> None:
    doc, widget = tree
    widget.setFocus()
    widget.setCurrentItem(widget.items[Ref.stage("awareness")])
    assert doc.selection.refs() == (Ref.stage("awareness"),)
    qtbot.keyClick(widget, Qt.Key.Key_Down)
    assert doc.selection.refs() == (Ref.touchpoint("sees-ad"),)
    qtbot.keyClick(widget, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(doc.selection.refs()) == 2


def test_selection_tree_to_model_by_mouse(qtbot: QtBot, tree: tuple[Document, StructureTree]) -> None:
    doc, widget = tree
    item = widget.items[Ref.touchpoint("confirmation")]
    rect = widget.visualItemRect(item)
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert doc.selection.refs() == (Ref.touchpoint("confirmation"),)
    item2 = widget.items[Ref.touchpoint("checkout")]
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=widget.visualItemRect(item2).center())
    assert set(doc.selection.refs()) == {Ref.touchpoint("confirmation"), Ref.touchpoint("checkout")}


def test_tree_follows_structure_changes_and_keeps_selection(tree: tuple[Document, StructureTree]) -> None:
    doc, widget = tree
    doc.selection.set([Ref.touchpoint("checkout")])
    doc.undo_stack.push(AddTouchpointCommand(doc.journey, "awareness", "Reads review"))
    doc.undo_stack.push(MoveStageCommand(doc.journey, "purchase", 0))
    assert texts(widget)[0] == "Purchase"
    assert "  Reads review" in texts(widget)
    assert widget.selected_refs() == [Ref.touchpoint("checkout")]
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert texts(widget)[0] == "Awareness"
    assert "  Reads review" not in texts(widget)


def test_tree_follows_field_changes(tree: tuple[Document, StructureTree]) -> None:
    doc, widget = tree
    doc.undo_stack.push(RelabelFlowCommand(doc.journey, "sees-ad", "checkout", "taps"))
    doc.journey.update_touchpoint("checkout", name="Pays")  # any model change shows
    assert "    → Pays (taps)" in texts(widget)
    assert "  Pays" in texts(widget)


def test_rename_in_the_tree_is_an_undo_step(qtbot: QtBot, tree: tuple[Document, StructureTree]) -> None:
    doc, widget = tree
    item = widget.items[Ref.touchpoint("checkout")]
    widget.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_F2)
    editor = [w for w in widget.viewport().findChildren(QLineEdit) if w.isVisible()][0]
    editor.setText("Pays by card")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert doc.journey.touchpoint("checkout").name == "Pays by card"
    assert doc.undo_stack.undoText() == "Rename touchpoint 'Checkout' to 'Pays by card'"
    doc.undo_stack.undo()
    assert widget.items[Ref.touchpoint("checkout")].text(0) == "Checkout"


def test_renaming_to_nothing_is_refused(tree: tuple[Document, StructureTree]) -> None:
    doc, widget = tree
    widget.items[Ref.stage("purchase")].setText(0, "   ")
    assert doc.journey.stage("purchase").name == "Purchase"
    assert widget.items[Ref.stage("purchase")].text(0) == "Purchase"
    assert doc.undo_stack.count() == 0


def test_tree_unsubscribes_from_a_replaced_document(tree: tuple[Document, StructureTree]) -> None:
    doc, widget = tree
    widget.set_document(Document(Journey("Other")))
    assert widget._on_event not in doc.journey._listeners  # noqa: SLF001 (the point of the test)
    assert widget.topLevelItemCount() == 1 and widget.topLevelItem(0) is widget.lanes_item  # no stages, only lanes


def test_the_tree_lists_the_lanes_and_renames_one(tree: tuple[Document, StructureTree]) -> None:
    from journeymap.model import Lane
    from journeymap.ui.commands.lanes import AddLaneCommand

    doc, widget = tree
    lanes = widget.lanes_item
    assert lanes is not None
    assert [lanes.child(i).text(0) for i in range(lanes.childCount())] == [
        "Emotion", "Friction", "Pain points", "Opportunities"]
    doc.undo_stack.push(AddLaneCommand(doc.journey, Lane("text", "staff", "Staff", "frontstage"), 0))
    lanes = widget.lanes_item
    assert lanes is not None and lanes.child(0).text(0) == "Staff"
    assert lanes.child(0).toolTip(0) == "Frontstage notes"
    lanes.child(0).setText(0, "Front desk")  # what F2 and typing do
    assert doc.journey.lane("staff").name == "Front desk"
    assert doc.undo_stack.undoText() == "Rename lane 'Staff'"
