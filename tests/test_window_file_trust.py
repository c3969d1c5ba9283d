"""The app with the files a user really has (issue 13: 4, 6, 9): links, read-only maps, pipes.

Saving goes through File ▸ Save (the real action); questions go to a scripted
`Dialogs`, as in test_window_files.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journeymap.io import load_journey, save_journey
from journeymap.model import Journey
from journeymap.ui.commands.fields import JourneyFieldCommand
from journeymap.ui.document import Document
from journeymap.ui.file_ops import Dialogs, ReadOnlyAnswer
from journeymap.ui.main_window import MainWindow

pytestmark = [pytest.mark.usefixtures("clean_settings"),
              pytest.mark.skipif(os.name != "posix", reason="links, modes and pipes as POSIX has them")]


class ScriptedDialogs(Dialogs):
    """Answers from attributes and records every question; never blocks."""

    def __init__(self) -> None:
        self.read_only: ReadOnlyAnswer = "cancel"
        self.save_path: Path | None = None
        self.asked: list[str] = []
        self.errors: list[str] = []

    def ask_read_only(self, parent: QWidget, name: str, can_overwrite: bool) -> ReadOnlyAnswer:
        self.asked.append(f"read-only {name}{' (can overwrite)' if can_overwrite else ''}")
        return self.read_only

    def ask_save_path(self, parent: QWidget, suggested: str) -> Path | None:
        self.asked.append(f"save as {suggested}")
        return self.save_path

    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        return "discard"

    def ask_reload_changed(self, parent: QWidget, name: str) -> bool:
        self.asked.append(f"reload {name}")
        return False

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append(message)


def open_in_window(qtbot: QtBot, path: Path) -> tuple[MainWindow, ScriptedDialogs]:
    dialogs = ScriptedDialogs()
    window = MainWindow(Document.open(path), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window, dialogs


def retitle(window: MainWindow, title: str) -> None:
    window.document.undo_stack.push(JourneyFieldCommand(window.document.journey, "title", title))


def press_save(window: MainWindow) -> None:
    """File ▸ Save (the action behind the menu item, the toolbar button and Ctrl+S)."""
    window.actions_.save.trigger()


@pytest.fixture
def frozen(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "signed-off.yaml"
    save_journey(Journey.from_template("default", "Signed off"), path)
    path.chmod(0o444)
    yield path
    path.chmod(0o644)


# ---------------------------------------------------------------------- 6. read-only maps
def test_saving_a_read_only_map_asks_and_cancel_keeps_everything(qtbot: QtBot, frozen: Path) -> None:
    before = frozen.read_bytes()
    window, dialogs = open_in_window(qtbot, frozen)
    retitle(window, "Edited after sign-off")
    press_save(window)
    assert dialogs.asked == ["read-only signed-off.yaml (can overwrite)"]
    assert frozen.read_bytes() == before
    assert window.document.is_modified() and "read-only" in window.statusBar().currentMessage()


def test_save_as_from_the_read_only_question_writes_elsewhere(qtbot: QtBot, frozen: Path) -> None:
    before = frozen.read_bytes()
    window, dialogs = open_in_window(qtbot, frozen)
    retitle(window, "My copy")
    dialogs.read_only = "save_as"
    dialogs.save_path = frozen.with_name("my-copy.yaml")
    press_save(window)
    assert dialogs.asked == ["read-only signed-off.yaml (can overwrite)", f"save as {frozen}"]
    assert frozen.read_bytes() == before
    assert load_journey(dialogs.save_path).title == "My copy"
    assert window.document.path == dialogs.save_path and not window.document.is_modified()


def test_overwrite_when_the_user_insists_keeps_it_read_only(qtbot: QtBot, frozen: Path) -> None:
    window, dialogs = open_in_window(qtbot, frozen)
    retitle(window, "Insisted")
    dialogs.read_only = "overwrite"
    press_save(window)
    assert load_journey(frozen).title == "Insisted" and not window.document.is_modified()
    assert stat.S_IMODE(os.stat(frozen).st_mode) == 0o444


def test_overwrite_is_not_offered_when_the_folder_is_read_only(qtbot: QtBot, frozen: Path) -> None:
    window, dialogs = open_in_window(qtbot, frozen)
    retitle(window, "Cannot")
    frozen.parent.chmod(0o555)
    try:
        if os.access(frozen.parent, os.W_OK):
            pytest.skip("the superuser can write any folder")
        press_save(window)
    finally:
        frozen.parent.chmod(0o755)
    assert dialogs.asked == ["read-only signed-off.yaml"]


# ---------------------------------------------------------------------- 4. links
def test_saving_a_map_opened_through_a_link_keeps_the_link(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "synced" / "map.yaml"
    target.parent.mkdir()
    save_journey(Journey.from_template("default", "Old"), target)
    link = tmp_path / "map.yaml"
    link.symlink_to(target)
    window, dialogs = open_in_window(qtbot, link)
    retitle(window, "Through the link")
    press_save(window)
    retitle(window, "Through the link, twice")
    press_save(window)
    assert link.is_symlink() and load_journey(target).title == "Through the link, twice"
    assert dialogs.asked == [] and dialogs.errors == []  # our own save is no "change on disk"
    assert window.document.path == link and window.windowTitle().startswith("map.yaml")


# ---------------------------------------------------------------------- 9. pipes
def test_opening_a_pipe_is_refused_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    current = tmp_path / "current.yaml"
    save_journey(Journey.from_template("default", "Current"), current)
    window, dialogs = open_in_window(qtbot, current)
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    unblock = threading.Timer(20, _close_unread, [pipe])  # only so that a reader blocked on it fails, not hangs
    unblock.daemon = True
    unblock.start()
    try:
        assert window.files.open_path(pipe) is False
    finally:
        unblock.cancel()
    [error] = dialogs.errors
    assert error == f"{pipe}: cannot read: it is a pipe, not a journey file"
    assert window.document.path == current and window.document.journey.title == "Current"


def _close_unread(pipe: Path) -> None:
    os.close(os.open(pipe, os.O_WRONLY))


def test_exporting_onto_a_read_only_pdf_says_so_and_keeps_it(qtbot: QtBot, tmp_path: Path) -> None:
    from test_save_failures import ExportAnswers

    current = tmp_path / "current.yaml"
    save_journey(Journey.from_template("default", "Current"), current)
    window, _ = open_in_window(qtbot, current)
    out = tmp_path / "handed-in.pdf"
    out.write_bytes(b"%PDF- the version we handed in")
    out.chmod(0o444)
    answers = ExportAnswers(out)
    window.interop_dialogs = answers
    window.actions_.export_pdf.trigger()
    [message] = answers.errors
    assert message.startswith("Cannot export PDF") and "handed-in.pdf" in message and "read-only" in message
    assert out.read_bytes() == b"%PDF- the version we handed in" and answers.infos == []
