"""Failures are survivable: a save or export that fails says why and loses nothing.

Each test breaks one piece of I/O (a full disk, a read-only folder, a folder that
vanished, a failing fsync or rename, a failing backup) and checks three things:
the user sees a clear message, the document in the window is unchanged and still
modified, and the file on disk holds exactly its old bytes (no temp files left).
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

import journeymap.io.atomic as atomic
import journeymap.io.writer as writer_module
from journeymap.io import atomic_write, load_journey, save_journey
from journeymap.model import Journey
from journeymap.ui.app import open_window
from journeymap.ui.commands.fields import JourneyFieldCommand
from journeymap.ui.export_dialog import ExportPdfDialog, InteropDialogs
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import MainWindow
from journeymap.ui.settings import keep_backup


class RecordingDialogs(Dialogs):
    """Never blocks; records errors; the close prompt answers `unsaved`."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.unsaved = "save"
        self.save_path: Path | None = None

    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        return self.unsaved

    def ask_save_path(self, parent: QWidget, suggested: str) -> Path | None:
        return self.save_path

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append(f"{title}: {message}")


# Every test starts and ends with no remembered settings (recent files, layout, options).
pytestmark = pytest.mark.usefixtures("clean_settings")


@pytest.fixture
def window(qtbot: QtBot, user_file: Path) -> Iterator[MainWindow]:
    win = open_window(user_file)
    qtbot.addWidget(win)
    win.files.dialogs = RecordingDialogs()
    win.document.undo_stack.push(JourneyFieldCommand(win.document.journey, "title", "Two hours of workshop output"))
    yield win
    win.files.dialogs.unsaved = "discard"


def errors_of(window: MainWindow) -> list[str]:
    dialogs = window.files.dialogs
    assert isinstance(dialogs, RecordingDialogs)
    return dialogs.errors


def assert_nothing_lost(window: MainWindow, path: Path, old_bytes: bytes) -> None:
    assert window.document.journey.title == "Two hours of workshop output"
    assert window.document.is_modified() and window.isWindowModified()
    assert path.read_bytes() == old_bytes
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def fail_with(code: int) -> Callable[..., None]:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize(
    ("target", "name", "code"),
    [
        (os, "replace", errno.ENOSPC),
        (os, "fsync", errno.EIO),
        (atomic.tempfile, "mkstemp", errno.EROFS),
        (atomic.tempfile, "mkstemp", errno.EACCES),
        (writer_module, "atomic_write", errno.ENOSPC),
    ],
    ids=["full-disk-on-rename", "fsync-io-error", "read-only-filesystem", "no-permission", "writer-full-disk"],
)
def test_a_failed_save_keeps_the_document_and_the_file(window: MainWindow, user_file: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      target: object, name: str, code: int) -> None:
    old = user_file.read_bytes()
    monkeypatch.setattr(target, name, fail_with(code))
    assert window.files.save() is False
    [message] = errors_of(window)
    assert os.strerror(code) in message and "shoes.yaml" in message
    assert "still open" in message and "not changed" in message
    assert_nothing_lost(window, user_file, old)
    monkeypatch.undo()
    assert window.files.save()  # once the disk is fine again, the same save works
    assert load_journey(user_file).title == "Two hours of workshop output"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder(window: MainWindow, user_file: Path) -> None:
    old = user_file.read_bytes()
    user_file.parent.chmod(0o555)
    try:
        assert window.files.save() is False
    finally:
        user_file.parent.chmod(0o755)
    assert "Permission denied" in errors_of(window)[0]
    assert_nothing_lost(window, user_file, old)


def test_a_folder_that_vanished(window: MainWindow, user_file: Path) -> None:
    shutil.rmtree(user_file.parent)
    assert window.files.save() is False
    assert "No such file or directory" in errors_of(window)[0]
    assert window.document.is_modified() and window.document.path == user_file
    assert not user_file.parent.exists()  # nothing half-made in its place


def test_a_failing_backup_leaves_the_file_untouched(window: MainWindow, user_file: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    old = user_file.read_bytes()
    real = atomic_write

    def full_for_backups(path: str | os.PathLike[str], data: bytes, **options: Any) -> Path:
        if os.fspath(path).endswith(".bak"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, data, **options)

    monkeypatch.setattr(writer_module, "atomic_write", full_for_backups)
    assert window.files.save() is False
    assert_nothing_lost(window, user_file, old)


def test_save_as_to_a_broken_place_keeps_the_old_name(window: MainWindow, user_file: Path, tmp_path: Path) -> None:
    dialogs = window.files.dialogs
    assert isinstance(dialogs, RecordingDialogs)
    dialogs.save_path = tmp_path / "gone" / "copy.yaml"
    assert window.files.save_as() is False
    assert window.document.path == user_file and window.document.is_modified()
    assert "copy.yaml" in dialogs.errors[0]


def test_closing_after_a_failed_save_keeps_the_window_open(window: MainWindow, user_file: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    old = user_file.read_bytes()
    monkeypatch.setattr(os, "replace", fail_with(errno.ENOSPC))
    window.show()
    assert window.close() is False  # the prompt said Save, the save failed: do not lose the work
    assert window.isVisible()
    assert_nothing_lost(window, user_file, old)


def test_backups_are_on_by_default_and_the_menu_item_turns_them_off(window: MainWindow, user_file: Path) -> None:
    old = user_file.read_bytes()
    assert keep_backup()
    action = window.backup_action  # type: ignore[attr-defined]
    assert action.isChecked()
    assert window.files.save()
    backup = Path(str(user_file) + ".bak")
    assert backup.read_bytes() == old
    action.setChecked(False)
    assert not keep_backup()
    backup.unlink()
    window.document.undo_stack.push(JourneyFieldCommand(window.document.journey, "title", "Again"))
    assert window.files.save()
    assert not backup.exists()


class ExportAnswers(InteropDialogs):
    """Export PDF… to `pdf_path`, pressing Export; records messages."""

    def __init__(self, pdf_path: Path) -> None:
        self.pdf_path = pdf_path
        self.errors: list[str] = []
        self.infos: list[str] = []

    def ask_pdf_path(self, parent: QWidget, suggested: str) -> Path | None:
        return self.pdf_path

    def run(self, dialog: QDialog) -> bool:
        assert isinstance(dialog, ExportPdfDialog)
        dialog.export_button.click()
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        dialog.reject()  # a user would pick another place or cancel
        return accepted

    def show_info(self, parent: QWidget, title: str, message: str) -> None:
        self.infos.append(message)

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append(f"{title}: {message}")


def test_a_failing_export_says_so_and_keeps_the_old_file(window: MainWindow, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "map.pdf"
    out.write_bytes(b"%PDF- the previous export")
    answers = ExportAnswers(out)
    window.interop_dialogs = answers
    monkeypatch.setattr(os, "replace", fail_with(errno.ENOSPC))
    window.actions_.export_pdf.trigger()
    [message] = answers.errors
    assert message.startswith("Cannot export PDF") and "map.pdf" in message and "No space left on device" in message
    assert answers.infos == []
    assert out.read_bytes() == b"%PDF- the previous export"
    assert window.document.journey.title == "Two hours of workshop output" and window.document.is_modified()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_no_temporary_file_survives_an_interrupted_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "j.yaml"
    save_journey(Journey.from_template("blank", "Old"), path)
    old = path.read_bytes()
    made: list[str] = []
    real = atomic.tempfile.mkstemp

    def recording_mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = real(*args, **kwargs)  # type: ignore[call-overload]
        made.append(name)
        return fd, name

    monkeypatch.setattr(atomic.tempfile, "mkstemp", recording_mkstemp)
    monkeypatch.setattr(os, "replace", fail_with(errno.ENOSPC))
    with pytest.raises(Exception, match="No space left"):
        save_journey(Journey.from_template("blank", "New"), path)
    assert made and not any(Path(m).exists() for m in made)
    assert path.read_bytes() == old
