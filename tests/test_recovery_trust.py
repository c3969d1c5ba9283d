"""Crash recovery that restores into the right file and survives damaged snapshots (issue 13: 2, 3)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from test_recovery import FakeRecoveryDialogs, QuietDialogs, leave_crashed_snapshot, retitle, start

from journeymap.io import load_journey
from journeymap.ui.app import open_window
from journeymap.ui.recovery import RecoveryManager
from journeymap.ui.recovery_store import HEADER_PREFIX, STATE_DIR_ENV, SnapshotStore

pytestmark = pytest.mark.usefixtures("clean_settings")


class AskingDialogs(QuietDialogs):
    """QuietDialogs that also answer Save As with `save_path` and record it."""

    def __init__(self, save_path: Path | None = None) -> None:
        super().__init__()
        self.save_path = save_path

    def ask_save_path(self, parent: QWidget, suggested: str) -> Path | None:
        self.asked.append(f"save as {suggested}")
        return self.save_path


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SnapshotStore:
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path / "state"))
    return SnapshotStore()


def crash_with_an_edit(qtbot: QtBot, store: SnapshotStore, path: Path, title: str) -> None:
    """Open `path` (as typed), edit, let autosave write, then die without cleaning up."""
    manager = RecoveryManager(store, interval_ms=40, dialogs=FakeRecoveryDialogs(), session="1234-crashed")
    manager.start()
    window = open_window(path, recovery=manager)
    qtbot.addWidget(window)
    window.files.dialogs = QuietDialogs()
    retitle(window, title)
    saver = manager.autosaver_of(window)
    assert saver is not None and saver.snapshot_now() is not None
    manager.lock.release()  # what the kernel does to a killed process's lock; the snapshot stays
    manager.autosavers.clear()


# ---------------------------------------------------------------------- 2. the right file
def test_restore_then_save_writes_the_real_file_from_another_folder(qtbot: QtBot, store: SnapshotStore,
                                                                    user_file: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(user_file.parent)
    crash_with_an_edit(qtbot, store, Path(user_file.name), "Two hours of workshop output")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    manager, window = start(qtbot, store, ["restore"])
    [asked] = manager.dialogs.asked  # type: ignore[attr-defined]
    assert asked.original == user_file.resolve()
    window.actions_.save.trigger()
    assert load_journey(user_file).title == "Two hours of workshop output"
    assert list(elsewhere.iterdir()) == []
    manager.finish()


def test_a_restored_map_whose_file_was_moved_asks_where_to_save(qtbot: QtBot, store: SnapshotStore,
                                                                user_file: Path) -> None:
    leave_crashed_snapshot(store, user_file, "Rescued")
    moved = user_file.rename(user_file.with_name("moved-away.yaml"))
    manager, window = start(qtbot, store, ["restore"])
    [asked] = manager.dialogs.asked  # type: ignore[attr-defined]
    assert asked.original_missing()
    assert "missing or moved" in window.statusBar().currentMessage()
    dialogs = AskingDialogs(save_path=moved)
    window.files.dialogs = dialogs
    window.actions_.save.trigger()
    assert dialogs.asked == [f"save as {user_file}"]  # the file dialog itself confirms replacing moved-away.yaml
    assert load_journey(moved).title == "Rescued" and not user_file.exists()
    retitle(window, "Rescued, then edited")
    window.actions_.save.trigger()  # once placed, Save saves there without asking again
    assert dialogs.asked[1:] == [] and load_journey(moved).title == "Rescued, then edited"
    manager.finish()


def test_cancelling_the_question_saves_nothing(qtbot: QtBot, store: SnapshotStore, user_file: Path) -> None:
    leave_crashed_snapshot(store, user_file, "Not yet")
    user_file.unlink()
    manager, window = start(qtbot, store, ["restore"])
    window.files.dialogs = AskingDialogs(save_path=None)
    window.actions_.save.trigger()
    assert not user_file.exists() and window.document.is_modified()
    manager.finish()


def test_an_old_snapshot_naming_a_relative_path_asks_where_to_save(qtbot: QtBot, store: SnapshotStore,
                                                                  user_file: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = leave_crashed_snapshot(store, user_file, "From an older version")
    header, body = path.read_text(encoding="utf-8").split("\n", 1)
    fields = json.loads(header[len(HEADER_PREFIX):])
    fields["original"] = "shoes.yaml"  # as versions before this one stored it: the folder is unknown
    path.write_text(HEADER_PREFIX + json.dumps(fields) + "\n" + body, encoding="utf-8")
    monkeypatch.chdir(user_file.parent.parent)
    manager, window = start(qtbot, store, ["restore"])
    dialogs = AskingDialogs(save_path=user_file)
    window.files.dialogs = dialogs
    window.actions_.save.trigger()
    assert dialogs.asked[0].startswith("save as ")
    assert load_journey(user_file).title == "From an older version"
    manager.finish()


# ---------------------------------------------------------------------- 3. damaged snapshots
DAMAGED = {
    "huge-number": HEADER_PREFIX + json.dumps({"version": 1, "session": "9-x", "slot": "w1", "original": None,
                                               "saved_at": "2026-03-14T15:42:00+00:00", "title": "t",
                                               "base": {"size": 1, "mtime_ns": 2, "sha256": "x"}}
                                              ).replace('"size": 1', '"size": 1e999') + "\njourneymap: 1\n",
    "deep-nesting": HEADER_PREFIX + "[" * 60_000 + "\n",
    "garbage": "\x00\x01 not a snapshot at all \ufffd",
    "empty": "",
}


def test_damaged_snapshots_are_set_aside_and_the_good_one_is_offered(qtbot: QtBot, store: SnapshotStore,
                                                                    user_file: Path) -> None:
    good = leave_crashed_snapshot(store, user_file, "Real unsaved work")
    damaged = []
    for name, text in DAMAGED.items():
        path = store.folder / f"9-{name}--w1.autosave.yaml"
        path.write_text(text, encoding="utf-8")
        damaged.append(path)
    (store.folder / "9-bad-utf8--w1.autosave.yaml").write_bytes(b"# journeymap-autosave: {\xff\xfe}\n")
    damaged.append(store.folder / "9-bad-utf8--w1.autosave.yaml")
    manager, window = start(qtbot, store, ["restore"])  # the app starts
    dialogs = manager.dialogs
    assert isinstance(dialogs, FakeRecoveryDialogs)
    assert [s.path for s in dialogs.asked] == [good]
    assert window.document.journey.title == "Real unsaved work"
    [report] = dialogs.errors  # reported once, in one message
    for path in damaged:
        assert not path.exists() and (store.quarantine_folder / path.name).exists()
        assert str(store.quarantine_folder / path.name) in report
    manager.finish()
    manager, window = start(qtbot, store)
    assert manager.dialogs.errors == [] and manager.dialogs.asked == []  # type: ignore[attr-defined]
    manager.finish()


def test_a_snapshot_that_breaks_the_reader_is_set_aside(qtbot: QtBot, store: SnapshotStore, user_file: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = leave_crashed_snapshot(store, user_file, "Breaks the reader")

    def explode(*_args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("journeymap.ui.recovery_store.loads_journey", explode)
    manager, window = start(qtbot, store, ["restore"], path=user_file)
    [error] = manager.dialogs.errors  # type: ignore[attr-defined]
    assert "RecursionError" in error and str(store.quarantine_folder / path.name) in error
    assert window.document.journey.title == "Shoes" and not window.document.is_modified()
    assert not path.exists()
    manager.finish()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_in_the_autosave_folder_does_not_block_the_start(qtbot: QtBot, store: SnapshotStore,
                                                               user_file: Path) -> None:
    good = leave_crashed_snapshot(store, user_file, "Real unsaved work")
    pipe = store.folder / "9-pipe--w1.autosave.yaml"
    os.mkfifo(pipe)
    # Only for a reader that blocks on the pipe: it then reads a snapshot header, so the test fails, not hangs.
    unblock = threading.Timer(20, _feed, [pipe, good.read_bytes()])
    unblock.daemon = True
    unblock.start()
    try:
        manager, window = start(qtbot, store, ["restore"])
    finally:
        unblock.cancel()
    assert [s.path for s in manager.dialogs.asked] == [good]  # type: ignore[attr-defined]
    [report] = manager.dialogs.errors  # type: ignore[attr-defined]
    assert str(store.quarantine_folder / pipe.name) in report and not pipe.exists()
    manager.finish()


def _feed(pipe: Path, data: bytes) -> None:
    for _ in range(50):  # every read of it: the header, the body when restored, ...
        try:
            fd = os.open(pipe, os.O_WRONLY)
        except OSError:  # gone (deleted or moved aside)
            return
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
