"""Changes on disk: the open file changed by someone else is noticed, never silently overwritten."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journeymap.io import dumps_journey, load_journey, save_journey
from journeymap.model import Journey
from journeymap.ui.app import open_window
from journeymap.ui.commands.fields import JourneyFieldCommand
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.file_watch import FileWatcher
from journeymap.ui.main_window import MainWindow


class ScriptedDialogs(Dialogs):
    """Answers Reload / Keep mine and Overwrite from attributes; records the questions."""

    def __init__(self) -> None:
        self.reload = False
        self.overwrite = False
        self.asked: list[str] = []

    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        return "discard"

    def ask_reload_changed(self, parent: QWidget, name: str) -> bool:
        self.asked.append(f"reload {name}")
        return self.reload

    def confirm_overwrite_changed(self, parent: QWidget, name: str) -> bool:
        self.asked.append(f"overwrite {name}")
        return self.overwrite

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.asked.append(f"error {message}")


# Every test starts and ends with no remembered settings (recent files, layout, options).
pytestmark = pytest.mark.usefixtures("clean_settings")


@pytest.fixture
def window(qtbot: QtBot, user_file: Path) -> MainWindow:
    win = open_window(user_file)
    qtbot.addWidget(win)
    win.files.dialogs = ScriptedDialogs()
    return win


def watcher_of(window: MainWindow) -> FileWatcher:
    watcher = window.file_watcher  # type: ignore[attr-defined]
    assert isinstance(watcher, FileWatcher)
    return watcher


def dialogs_of(window: MainWindow) -> ScriptedDialogs:
    dialogs = window.files.dialogs
    assert isinstance(dialogs, ScriptedDialogs)
    return dialogs


def colleague_saves(path: Path, title: str) -> None:
    """Another program writes the file the way editors and git do: a new file renamed over it."""
    time.sleep(0.01)  # a distinct mtime even on coarse file systems
    tmp = path.with_name(path.name + ".tmp~")
    tmp.write_text(dumps_journey(Journey.from_template("blank", title)), encoding="utf-8")
    os.replace(tmp, path)


def edit(window: MainWindow, title: str = "My unsaved work") -> None:
    window.document.undo_stack.push(JourneyFieldCommand(window.document.journey, "title", title))


def test_an_unmodified_map_reloads_quietly_when_the_file_changes(qtbot: QtBot, window: MainWindow,
                                                                user_file: Path) -> None:
    watcher = watcher_of(window)
    with qtbot.waitSignal(watcher.checked, timeout=3000, check_params_cb=lambda o: o == "reloaded"):
        colleague_saves(user_file, "After git pull")
    assert window.document.journey.title == "After git pull"
    assert not window.document.is_modified()
    assert "changed on disk" in window.statusBar().currentMessage()
    assert dialogs_of(window).asked == []
    # the watch survived the atomic replace: a second outside change is noticed too
    with qtbot.waitSignal(watcher.checked, timeout=3000, check_params_cb=lambda o: o == "reloaded"):
        colleague_saves(user_file, "Second pull")
    assert window.document.journey.title == "Second pull"


def test_keep_mine_keeps_the_edits_and_the_next_save_asks_first(window: MainWindow, user_file: Path) -> None:
    edit(window)
    colleague_saves(user_file, "Colleague's version")
    assert watcher_of(window).check() == "kept"
    assert dialogs_of(window).asked == ["reload shoes.yaml"]
    assert window.document.journey.title == "My unsaved work" and window.document.is_modified()
    assert watcher_of(window).check() == "kept"  # the same outside version is not asked about twice
    assert window.files.save() is False  # declined: the newer file stays
    assert dialogs_of(window).asked[-1] == "overwrite shoes.yaml"
    assert load_journey(user_file).title == "Colleague's version"
    assert window.document.is_modified()
    dialogs_of(window).overwrite = True
    assert window.files.save()
    assert load_journey(user_file).title == "My unsaved work"
    assert Path(str(user_file) + ".bak").read_text(encoding="utf-8").count("Colleague's version") == 1


def test_reload_replaces_the_edits_with_the_file(window: MainWindow, user_file: Path) -> None:
    edit(window)
    colleague_saves(user_file, "Colleague's version")
    dialogs_of(window).reload = True
    assert watcher_of(window).check() == "reloaded"
    assert window.document.journey.title == "Colleague's version"
    assert not window.document.is_modified() and window.document.path == user_file


def test_our_own_save_and_a_touch_are_not_changes(window: MainWindow, user_file: Path) -> None:
    edit(window)
    assert window.files.save()
    assert watcher_of(window).check() == "same"
    os.utime(user_file, None)
    assert watcher_of(window).check() == "same"
    edit(window, "More")
    assert window.files.save()  # no question: nobody else wrote the file
    assert dialogs_of(window).asked == []


def test_a_deleted_file_keeps_the_map_open(window: MainWindow, user_file: Path) -> None:
    edit(window)
    user_file.unlink()
    assert watcher_of(window).check() == "missing"
    assert window.document.journey.title == "My unsaved work"
    assert window.files.save()  # saving writes it again, no question
    assert load_journey(user_file).title == "My unsaved work"


def test_a_half_written_file_is_not_loaded(window: MainWindow, user_file: Path) -> None:
    user_file.write_text("journeymap: 1\ntitle: [unfinished", encoding="utf-8")
    assert watcher_of(window).check() == "unreadable"
    assert window.document.journey.title == "Shoes"
    assert "cannot be read" in window.statusBar().currentMessage()


def test_the_watch_follows_save_as_and_open(window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    dialogs_of(window).asked.clear()
    window.document.save(other)
    assert watcher_of(window).watcher.files() == [str(other)]
    third = tmp_path / "third.yaml"
    save_journey(Journey.from_template("blank", "Third"), third)
    assert window.files.open_path(third)
    assert watcher_of(window).watcher.files() == [str(third)]
