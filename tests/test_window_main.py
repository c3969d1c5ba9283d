"""The main window: actions and shortcuts, status bar, and canvas ↔ inspector ↔ structure sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journeymap.model import Journey
from journeymap.ui.commands.fields import TouchpointFieldCommand
from journeymap.ui.commands.structure import MoveTouchpointCommand
from journeymap.ui.document import Document
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import MainWindow
from journeymap.ui.selection import Ref
from journeymap.ui.settings import app_settings


class QuietDialogs(Dialogs):
    """Discards on close; records errors."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        return "discard"

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append(message)


def journey() -> Journey:
    j = Journey("Shoes")
    j.add_stage("Awareness")
    j.add_stage("Purchase")
    j.add_touchpoint("awareness", "Sees ad", channel="advertising")
    j.add_touchpoint("purchase", "Checkout", emotion=-1)
    j.add_touchpoint("purchase", "Confirmation")
    j.add_flow("sees-ad", "checkout")
    return j


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    app_settings().clear()
    w = MainWindow(Document(journey()), dialogs=QuietDialogs())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    app_settings().clear()


def click_card(qtbot: QtBot, window: MainWindow, tp_id: str,
               modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A real mouse click on a card's body on the canvas."""
    r = window.scene.layout.cards[tp_id].rect
    point = QPointF(r.x + r.w * 0.4, r.y + r.h * 0.3)
    window.view.centerOn(point)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, modifier, window.view.mapFromScene(point))


# ---------------------------------------------------------------------- actions
def test_menus_offer_everything_the_canvas_does(window: MainWindow) -> None:
    bar = window.menuBar()
    titles = [a.text() for a in bar.actions()]
    assert titles == ["&File", "&Edit", "&View", "&Insert", "&Help"]
    texts = {a.text().replace("&", "") for menu in bar.actions() for a in menu.menu().actions()}
    for wanted in ("New", "Open…", "Save", "Save As…", "Revert to Saved", "Quit", "Cut", "Copy", "Paste",
                   "Duplicate", "Delete", "Rename", "Zoom In", "Zoom Out", "Fit Map", "Add Stage",
                   "Add Touchpoint", "Connect Selected Touchpoints", "Keyboard and Mouse"):
        assert wanted in texts, wanted


@pytest.mark.parametrize(("name", "key"), [
    ("new", QKeySequence.StandardKey.New), ("open", QKeySequence.StandardKey.Open),
    ("save", QKeySequence.StandardKey.Save), ("save_as", QKeySequence.StandardKey.SaveAs),
    ("undo", QKeySequence.StandardKey.Undo), ("redo", QKeySequence.StandardKey.Redo),
    ("cut", QKeySequence.StandardKey.Cut), ("copy", QKeySequence.StandardKey.Copy),
    ("paste", QKeySequence.StandardKey.Paste), ("delete", QKeySequence.StandardKey.Delete),
    ("zoom_in", QKeySequence.StandardKey.ZoomIn), ("zoom_out", QKeySequence.StandardKey.ZoomOut),
    ("quit", QKeySequence.StandardKey.Quit),
])
def test_standard_shortcuts(window: MainWindow, name: str, key: QKeySequence.StandardKey) -> None:
    action = getattr(window.actions_, name)
    bindings = QKeySequence.keyBindings(key)
    if bindings:
        assert action.shortcuts()[0] == bindings[0]


def test_own_shortcuts_are_unique(window: MainWindow) -> None:
    a = window.actions_
    assert a.duplicate.shortcut().toString() == "Ctrl+D"
    assert a.add_touchpoint.shortcut().toString() == "Ctrl+T"
    assert a.add_stage.shortcut().toString() == "Ctrl+Shift+T"
    assert a.zoom_fit.shortcut().toString() == "Ctrl+0"
    seen: dict[str, str] = {}
    for action in window.actions():
        for seq in action.shortcuts():
            assert seq.toString() not in seen, f"{seq.toString()}: {seen.get(seq.toString())} and {action.text()}"
            seen[seq.toString()] = action.text()


def test_undo_action_names_the_step(qtbot: QtBot, window: MainWindow) -> None:
    doc = window.document
    doc.undo_stack.push(MoveTouchpointCommand(doc.journey, "confirmation", "purchase", 0))
    assert window.actions_.undo.text() == "Undo Move touchpoint 'Confirmation'"
    window.actions_.undo.trigger()
    assert doc.journey.touchpoint_ids("purchase") == ["checkout", "confirmation"]
    assert window.actions_.redo.text() == "Redo Move touchpoint 'Confirmation'"


def test_add_touchpoint_shortcut_reaches_the_canvas(qtbot: QtBot, window: MainWindow) -> None:
    window.document.selection.set([Ref.touchpoint("checkout")])
    window.view.setFocus()
    window.activateWindow()
    before = window.document.journey.touchpoint_count()
    window.actions_.add_touchpoint.trigger()
    assert window.document.journey.touchpoint_count() == before + 1
    assert window.document.journey.touchpoint_ids("purchase")[1] != "confirmation"


def test_add_stage_and_delete_through_actions(window: MainWindow) -> None:
    doc = window.document
    doc.selection.set([Ref.stage("awareness")])
    window.actions_.add_stage.trigger()
    assert len(doc.journey.stage_ids()) == 3
    window.editor.finish_editing()
    new_stage = doc.journey.stage_ids()[1]
    doc.selection.set([Ref.stage(new_stage)])
    window.actions_.delete.trigger()
    assert len(doc.journey.stage_ids()) == 2


def test_selection_actions_follow_the_selection(window: MainWindow) -> None:
    a = window.actions_
    assert not a.delete.isEnabled()
    assert not a.connect.isEnabled()
    window.document.selection.set([Ref.touchpoint("checkout"), Ref.touchpoint("confirmation")])
    assert a.delete.isEnabled() and a.duplicate.isEnabled()
    assert a.connect.isEnabled()


def test_connect_selected_touchpoints_is_one_step(window: MainWindow) -> None:
    doc = window.document
    doc.selection.set([Ref.touchpoint(t) for t in ("sees-ad", "checkout", "confirmation")])
    window.actions_.connect.trigger()
    assert doc.journey.has_flow("checkout", "confirmation")
    assert doc.undo_stack.count() == 1  # sees-ad → checkout already existed
    assert doc.undo_stack.undoText() == "Connect 'Checkout' to 'Confirmation'"
    doc.undo_stack.undo()
    assert not doc.journey.has_flow("checkout", "confirmation")
    assert doc.journey.has_flow("sees-ad", "checkout")


def test_connect_a_chain_is_one_named_step(window: MainWindow) -> None:
    doc = window.document
    doc.selection.set([Ref.touchpoint(t) for t in ("confirmation", "checkout", "sees-ad")])
    window.actions_.connect.trigger()
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Connect 3 touchpoints"
    assert doc.journey.has_flow("checkout", "sees-ad")


def test_select_all_touchpoints(window: MainWindow) -> None:
    window.actions_.select_all.trigger()
    assert window.document.selection.ids("touchpoint") == ["sees-ad", "checkout", "confirmation"]


def test_palette_keyboard_adds_a_stage_and_sets_channels(qtbot: QtBot, window: MainWindow) -> None:
    doc = window.document
    doc.selection.set([Ref.stage("awareness")])
    window.palette_widget.stage_requested.emit("Consideration")
    assert doc.journey.stage_ids() == ["awareness", "consideration", "purchase"]
    assert doc.journey.stage("consideration").color == "#72B7B2"
    doc.selection.set([Ref.touchpoint("checkout"), Ref.touchpoint("confirmation")])
    window.palette_widget.channel_requested.emit("email")
    assert [doc.journey.touchpoint(t).channel for t in ("checkout", "confirmation")] == ["email", "email"]
    assert doc.undo_stack.undoText() == "Set channel of 2 touchpoints"


# ---------------------------------------------------------------------- status bar
def test_status_bar_counts_and_zoom(window: MainWindow) -> None:
    assert window.status.counts.text() == "2 stages · 3 touchpoints · 1 flow"
    window.document.selection.set([Ref.touchpoint("checkout")])
    window.actions_.delete.trigger()
    assert window.status.counts.text() == "2 stages · 2 touchpoints · 0 flows"
    window.view.set_zoom(1.0)
    window.actions_.zoom_in.trigger()
    assert window.status.zoom.text() == "125 %"


# ---------------------------------------------------------------------- sync
def test_canvas_click_shows_the_touchpoint_everywhere(qtbot: QtBot, window: MainWindow) -> None:
    click_card(qtbot, window, "checkout")
    assert window.document.selection.refs() == (Ref.touchpoint("checkout"),)
    assert window.inspector.current_page() is window.inspector.touchpoint_page
    assert window.inspector.touchpoint_page.name.text() == "Checkout"
    assert window.structure.selected_refs() == [Ref.touchpoint("checkout")]


def test_inspector_edit_updates_canvas_and_structure(qtbot: QtBot, window: MainWindow) -> None:
    click_card(qtbot, window, "checkout")
    field = window.inspector.touchpoint_page.name
    field.end(False)
    qtbot.keyClicks(field, " fast")
    qtbot.mouseClick(window.inspector.touchpoint_page.emotion.button(2), Qt.MouseButton.LeftButton)
    window.scene.flush()
    item = window.scene.touchpoint_items["checkout"]
    assert item.tp.name == "Checkout fast"
    assert item.tp.emotion == 2
    assert window.structure.items[Ref.touchpoint("checkout")].text(0) == "Checkout fast"
    assert window.document.undo_stack.count() == 2
    window.actions_.undo.trigger()
    window.actions_.undo.trigger()
    assert window.inspector.touchpoint_page.name.text() == "Checkout"
    assert window.inspector.touchpoint_page.emotion.value() == -1


def test_structure_selection_selects_on_the_canvas(qtbot: QtBot, window: MainWindow) -> None:
    tree = window.structure
    item = tree.items[Ref.touchpoint("confirmation")]
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert window.scene.touchpoint_items["confirmation"].isSelected()
    assert window.inspector.touchpoint_page.name.text() == "Confirmation"


def test_ctrl_click_on_canvas_multi_selects_in_tree_and_summary(qtbot: QtBot, window: MainWindow) -> None:
    click_card(qtbot, window, "checkout")
    click_card(qtbot, window, "confirmation", Qt.KeyboardModifier.ControlModifier)
    assert set(window.structure.selected_refs()) == {Ref.touchpoint("checkout"), Ref.touchpoint("confirmation")}
    assert window.inspector.current_page() is window.inspector.summary_page


def test_focus_actions(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.actions_.focus_structure.trigger()
    qtbot.waitUntil(lambda: window.structure.hasFocus())
    window.actions_.focus_inspector.trigger()
    qtbot.waitUntil(lambda: window.inspector.isAncestorOf(window.focusWidget()))


def test_run_app_opens_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from journeymap.io import save_journey
    from journeymap.ui import app as app_module

    path = tmp_path / "j.yaml"
    save_journey(journey(), path)
    shown: list[MainWindow] = []

    def fake_exec() -> int:
        window = next(
            w
            for w in app_module.QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.document.path == path
        )
        shown.append(window)
        window.close()
        return 0

    qapp = app_module.make_application()
    monkeypatch.setattr(qapp, "exec", fake_exec)
    monkeypatch.setattr(app_module, "make_application", lambda argv=None: qapp)
    assert app_module.run_app(path) == 0
    assert shown and shown[0].document.journey.title == "Shoes"
    assert qapp.organizationName() == "journeymap"


# ---------------------------------------------------------------------- keys inside the docks
def focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_ctrl_z_in_an_inspector_field_undoes_the_document(qtbot: QtBot, window: MainWindow) -> None:
    window.document.selection.set([Ref.touchpoint("checkout")])
    field = window.inspector.touchpoint_page.owner
    focus(qtbot, window, field)
    qtbot.keyClicks(field, "Ops")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.journey.touchpoint("checkout").owner == ""
    assert field.text() == ""
    assert window.document.undo_stack.index() == 0


def test_delete_in_an_inspector_field_edits_text_not_the_map(qtbot: QtBot, window: MainWindow) -> None:
    window.document.selection.set([Ref.touchpoint("checkout")])
    field = window.inspector.touchpoint_page.name
    focus(qtbot, window, field)
    field.setCursorPosition(0)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert window.document.journey.touchpoint("checkout").name == "heckout"
    editor = window.inspector.touchpoint_page.lists["pain_points"]
    window.document.undo_stack.push(
        TouchpointFieldCommand(window.document.journey, "checkout", "pain_points", ("Slow",)))
    editor.list.setCurrentRow(0)
    focus(qtbot, window, editor.list)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert window.document.journey.has_touchpoint("checkout")
    assert window.document.journey.touchpoint("checkout").pain_points == ()


def test_f2_in_the_structure_renames_there(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QLineEdit

    tree = window.structure
    focus(qtbot, window, tree)
    tree.setCurrentItem(tree.items[Ref.touchpoint("checkout")])
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    assert [w for w in tree.viewport().findChildren(QLineEdit) if w.isVisible()]


def test_delete_in_the_structure_deletes_the_selection(qtbot: QtBot, window: MainWindow) -> None:
    tree = window.structure
    focus(qtbot, window, tree)
    tree.setCurrentItem(tree.items[Ref.touchpoint("confirmation")])
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert not window.document.journey.has_touchpoint("confirmation")
