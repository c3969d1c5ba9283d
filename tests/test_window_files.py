"""File handling of the main window: new, open, recent, save, save as, revert, close, drops.

Dialogs are replaced by `FakeDialogs`, which answers from a script and records what
was asked. Settings live under the test config folder and are cleared around each test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from journeymap.io import dumps_journey, load_journey, save_journey
from journeymap.model import Journey
from journeymap.ui.commands.fields import JourneyFieldCommand
from journeymap.ui.document import Document
from journeymap.ui.file_ops import RECENT_KEY, Dialogs
from journeymap.ui.main_window import MainWindow
from journeymap.ui.settings import app_settings


class FakeDialogs(Dialogs):
    """Answers the window's questions from attributes; records every question."""

    def __init__(self) -> None:
        self.open_path: Path | None = None
        self.save_path: Path | None = None
        self.unsaved: str = "discard"
        self.revert = True
        self.asked: list[str] = []
        self.errors: list[str] = []

    def ask_open_path(self, parent: QWidget, folder: str) -> Path | None:
        self.asked.append("open")
        return self.open_path

    def ask_save_path(self, parent: QWidget, suggested: str) -> Path | None:
        self.asked.append(f"save as {Path(suggested).name}")
        return self.save_path

    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        self.asked.append(f"unsaved {name}")
        return self.unsaved

    def confirm_revert(self, parent: QWidget, name: str) -> bool:
        self.asked.append(f"revert {name}")
        return self.revert

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append(message)


# Every test starts and ends with no remembered settings (recent files, layout, options).
pytestmark = pytest.mark.usefixtures("clean_settings")


def write(path: Path, title: str) -> Path:
    j = Journey(title)
    j.add_stage("Awareness")
    j.add_touchpoint("awareness", "Sees ad")
    save_journey(j, path)
    return path


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, dialogs: FakeDialogs) -> MainWindow:
    path = write(tmp_path / "first.yaml", "First")
    w = MainWindow(Document.open(path), dialogs=dialogs)
    qtbot.addWidget(w)
    w.show()
    return w


def edit(window: MainWindow, title: str = "Edited") -> None:
    window.document.undo_stack.push(JourneyFieldCommand(window.document.journey, "title", title))


# ---------------------------------------------------------------------- title
def test_title_shows_file_name_and_modified_marker(window: MainWindow) -> None:
    assert window.windowTitle() == "first.yaml[*] — journeymap"
    assert not window.isWindowModified()
    edit(window)
    assert window.isWindowModified()
    window.document.undo_stack.undo()
    assert not window.isWindowModified()


def test_new_document_is_untitled(window: MainWindow) -> None:
    assert window.files.new("blank")
    assert window.windowTitle().startswith("Untitled[*]")
    assert window.document.journey.stage_ids() == []
    assert window.files.new("default")
    assert len(window.document.journey.stage_ids()) == 6


# ---------------------------------------------------------------------- open
def test_open_replaces_the_document_and_detaches_the_old_scene(window: MainWindow, tmp_path: Path,
                                                              dialogs: FakeDialogs) -> None:
    old_doc, old_scene = window.document, window.scene
    dialogs.open_path = write(tmp_path / "second.yaml", "Second")
    assert window.files.open()
    assert window.document.journey.title == "Second"
    assert window.windowTitle().startswith("second.yaml")
    assert window.scene is not old_scene
    assert old_scene._on_journey_event not in old_doc.journey._listeners  # noqa: SLF001
    assert window.view.scene() is window.scene
    assert window.inspector.document is window.document
    assert window.structure.document is window.document


def test_bad_file_shows_file_line_message_and_keeps_the_current_map(window: MainWindow, tmp_path: Path,
                                                                   dialogs: FakeDialogs) -> None:
    edit(window, "Unsaved work")
    bad = tmp_path / "bad.yaml"
    bad.write_text("journeymap: 1\ntitle: Broken\nstages:\n  - id: a\n    name: [not, text]\n", encoding="utf-8")
    before = window.document
    dialogs.open_path = bad
    dialogs.unsaved = "discard"
    assert not window.files.open()
    assert window.document is before
    assert window.document.journey.title == "Unsaved work"
    assert window.isWindowModified()
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0].startswith(f"{bad}:5")


@pytest.mark.parametrize(("answer", "opened", "saved"), [("save", True, True), ("discard", True, False),
                                                          ("cancel", False, False)])
def test_opening_with_unsaved_changes_asks(window: MainWindow, tmp_path: Path, dialogs: FakeDialogs,
                                           answer: str, opened: bool, saved: bool) -> None:
    first = window.document.path
    edit(window, "Changed")
    dialogs.unsaved = answer
    dialogs.open_path = write(tmp_path / "second.yaml", "Second")
    assert window.files.open() is opened
    assert "unsaved first.yaml" in dialogs.asked
    assert (window.document.journey.title == "Second") is opened
    assert (load_journey(first).title == "Changed") is saved


def test_open_recent_drops_missing_files(window: MainWindow, tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", "A")
    b = write(tmp_path / "b.yaml", "B")
    window.files.open_path(a)
    window.files.open_path(b)
    assert window.files.recent_files()[:2] == [b.resolve(), a.resolve()]
    a.unlink()
    assert a.resolve() not in window.files.recent_files()
    assert str(a.resolve()) not in app_settings().value(RECENT_KEY)
    window.fill_recent_menu()
    labels = [act.text() for act in window.actions_.recent_menu.actions()]
    assert any("b.yaml" in text for text in labels)
    assert not any("a.yaml" in text for text in labels)


def test_open_recent_menu_opens_the_file(window: MainWindow, tmp_path: Path) -> None:
    b = write(tmp_path / "b.yaml", "B")
    window.files.add_recent(b)
    window.files.open_path(window.document.path)  # the current file goes first
    window.fill_recent_menu()
    action = next(a for a in window.actions_.recent_menu.actions() if "b.yaml" in a.text())
    action.trigger()
    assert window.document.journey.title == "B"


def test_recent_file_deleted_after_listing_is_dropped_when_opened(window: MainWindow, tmp_path: Path,
                                                                  dialogs: FakeDialogs) -> None:
    b = write(tmp_path / "b.yaml", "B")
    window.files.add_recent(b)
    b.unlink()
    assert not window.files.open_path(b)
    assert dialogs.errors and "b.yaml" in dialogs.errors[0]
    assert window.files.recent_files() == [p for p in window.files.recent_files() if p != b.resolve()]


# ---------------------------------------------------------------------- save
def test_save_writes_and_marks_clean(window: MainWindow) -> None:
    edit(window, "Saved title")
    assert window.files.save()
    assert load_journey(window.document.path).title == "Saved title"
    assert not window.isWindowModified()


def test_save_as_adds_the_extension_and_renames_the_window(window: MainWindow, tmp_path: Path,
                                                          dialogs: FakeDialogs) -> None:
    dialogs.save_path = tmp_path / "copy"
    assert window.files.save_as()
    assert window.document.path == tmp_path / "copy.yaml"
    assert (tmp_path / "copy.yaml").is_file()
    assert window.windowTitle().startswith("copy.yaml")
    assert window.files.recent_files()[0] == (tmp_path / "copy.yaml").resolve()


def test_save_of_a_new_document_asks_for_a_name(window: MainWindow, tmp_path: Path, dialogs: FakeDialogs) -> None:
    window.files.new()
    dialogs.save_path = None
    assert not window.files.save()
    assert dialogs.asked[-1] == "save as untitled-journey.yaml"
    dialogs.save_path = tmp_path / "mine.yml"
    assert window.files.save()
    assert window.document.path == tmp_path / "mine.yml"


def test_failed_save_shows_the_error_and_stays_modified(window: MainWindow, tmp_path: Path,
                                                       dialogs: FakeDialogs) -> None:
    edit(window)
    dialogs.save_path = tmp_path / "no-such-folder" / "x.yaml"
    assert not window.files.save_as()
    assert dialogs.errors and "x.yaml" in dialogs.errors[0]
    assert window.isWindowModified()
    assert window.document.path == tmp_path / "first.yaml"


# ---------------------------------------------------------------------- revert
def test_revert_reloads_the_file(window: MainWindow, dialogs: FakeDialogs) -> None:
    saved = dumps_journey(window.document.journey)
    edit(window, "Oops")
    assert window.actions_.revert.isEnabled()
    assert window.files.revert()
    assert dialogs.asked == ["revert first.yaml"]
    assert dumps_journey(window.document.journey) == saved
    assert not window.isWindowModified()


def test_revert_cancelled_keeps_changes(window: MainWindow, dialogs: FakeDialogs) -> None:
    edit(window, "Keep")
    dialogs.revert = False
    assert not window.files.revert()
    assert window.document.journey.title == "Keep"


# ---------------------------------------------------------------------- close
@pytest.mark.parametrize(("answer", "closes"), [("save", True), ("discard", True), ("cancel", False)])
def test_close_with_unsaved_changes_asks(qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs,
                                         answer: str, closes: bool) -> None:
    edit(window, "Before closing")
    dialogs.unsaved = answer
    assert window.close() is closes
    assert load_journey(window.document.path).title == ("Before closing" if answer == "save" else "First")
    if not closes:
        dialogs.unsaved = "discard"


def test_close_without_changes_does_not_ask(window: MainWindow, dialogs: FakeDialogs) -> None:
    assert window.close()
    assert dialogs.asked == []


def test_layout_is_remembered(qtbot: QtBot, window: MainWindow, dialogs: FakeDialogs) -> None:
    window.structure_dock.hide()
    window.resize(641, 481)  # the offscreen screen is small; restoreGeometry clamps to it
    assert window.close()
    again = MainWindow(Document.new(), dialogs=dialogs)
    qtbot.addWidget(again)
    again.show()
    assert again.size().width() == 641
    assert again.structure_dock.isHidden()


# ---------------------------------------------------------------------- drop a file
def test_dropping_a_yaml_file_opens_it(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = write(tmp_path / "dropped.yaml", "Dropped")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.document.journey.title == "Dropped")


def test_other_files_are_not_accepted(window: MainWindow, tmp_path: Path) -> None:
    from journeymap.ui.window_parts import journey_files

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt")), QUrl("https://example.org/a.yaml")])
    assert journey_files(mime) == []
    QApplication.processEvents()
