"""Autosave and crash recovery: snapshots after edits, removal after saves, the offer after a crash.

Every test uses its own state folder under tmp_path and a short debounce. A crash is
simulated by leaving a snapshot whose session holds no lock (or a stale one, left by a
process that was killed); the real `kill -9` check is `bench/crash_recovery_check.py`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journeymap.io import dumps_journey, load_journey, save_journey
from journeymap.model import Journey
from journeymap.ui.app import open_window
from journeymap.ui.commands.fields import JourneyFieldCommand
from journeymap.ui.commands.structure import AddStageCommand
from journeymap.ui.disk_state import stamp_file
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import MainWindow
from journeymap.ui.recovery import Choice, RecoveryDialogs, RecoveryManager, SessionLock
from journeymap.ui.recovery_store import HEADER_PREFIX, STATE_DIR_ENV, Snapshot, SnapshotStore, state_dir

INTERVAL = 40


class FakeRecoveryDialogs(RecoveryDialogs):
    """Answers the recovery questions from a list; records them."""

    def __init__(self, answers: list[Choice] | None = None) -> None:
        self.answers = list(answers or [])
        self.asked: list[Snapshot] = []
        self.crashes: list[tuple[str, int, Path | None]] = []
        self.errors: list[str] = []

    def ask_restore(self, parent: QWidget | None, snapshot: Snapshot) -> Choice:
        self.asked.append(snapshot)
        return self.answers.pop(0) if self.answers else "later"

    def show_crash(self, parent: QWidget | None, details: str, saved: int, log: Path | None) -> None:
        self.crashes.append((details, saved, log))

    def show_error(self, parent: QWidget | None, title: str, message: str) -> None:
        self.errors.append(message)


class QuietDialogs(Dialogs):
    """File dialogs that never block: discard at close, keep mine, overwrite; questions are recorded."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.errors: list[str] = []

    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        return "discard"

    def ask_reload_changed(self, parent: QWidget, name: str) -> bool:
        self.asked.append(f"reload {name}")
        return False

    def confirm_overwrite_changed(self, parent: QWidget, name: str) -> bool:
        self.asked.append(f"overwrite {name}")
        return True

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append(message)


# Every test starts and ends with no remembered settings (recent files, layout, options).
pytestmark = pytest.mark.usefixtures("clean_settings")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SnapshotStore:
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path / "state"))
    return SnapshotStore()


def start(qtbot: QtBot, store: SnapshotStore, answers: list[Choice] | None = None,
          path: Path | None = None) -> tuple[RecoveryManager, MainWindow]:
    """What run_app does, with fake dialogs: a session, then a window that offers orphans."""
    manager = RecoveryManager(store, interval_ms=INTERVAL, dialogs=FakeRecoveryDialogs(answers))
    manager.start()
    window = open_window(path, recovery=manager)
    for shown in [window, *manager.windows]:
        qtbot.addWidget(shown)
        shown.files.dialogs = QuietDialogs()
    return manager, window


def retitle(window: MainWindow, title: str) -> None:
    window.document.undo_stack.push(JourneyFieldCommand(window.document.journey, "title", title))


def leave_crashed_snapshot(store: SnapshotStore, original: Path | None, title: str, session: str = "4242-dead") -> Path:
    journey = load_journey(original) if original else Journey.from_template("default")
    journey.set_title(title)
    base = stamp_file(original) if original else None
    return store.write(session, "w1", journey, original, base)


# ---------------------------------------------------------------------- autosave
def test_state_folder_follows_the_environment(store: SnapshotStore, tmp_path: Path) -> None:
    assert state_dir() == tmp_path / "state"
    assert store.root == tmp_path / "state"


def test_an_edit_writes_a_snapshot_after_the_debounce(qtbot: QtBot, store: SnapshotStore, user_file: Path) -> None:
    manager, window = start(qtbot, store, path=user_file)
    saver = manager.autosaver_of(window)
    assert saver is not None
    retitle(window, "Shoes, edited")
    assert saver.pending() and not store.all()  # nothing yet: the debounce is running
    with qtbot.waitSignal(saver.snapshot_written, timeout=2000):
        pass
    [snapshot] = store.all()
    assert snapshot.path.parent == store.folder
    assert snapshot.original == user_file and snapshot.title == "Shoes, edited"
    assert snapshot.session == manager.session
    assert snapshot.load() == window.document.journey
    assert sorted(p.name for p in user_file.parent.iterdir()) == ["shoes.yaml"]  # nothing next to the user's file
    text = snapshot.path.read_text(encoding="utf-8")
    assert text.startswith(HEADER_PREFIX)
    assert text.split("\n", 1)[1] == dumps_journey(window.document.journey)
    manager.finish()


def test_a_burst_of_edits_writes_one_snapshot(qtbot: QtBot, store: SnapshotStore) -> None:
    manager, window = start(qtbot, store)
    manager.interval_ms = 400  # well above the pauses between edits, even on a busy machine
    saver = manager.autosaver_of(window)
    assert saver is not None
    written: list[object] = []
    saver.snapshot_written.connect(written.append)
    for n in range(5):
        retitle(window, f"Draft {n}")
        qtbot.wait(20)
    assert written == []
    qtbot.waitUntil(lambda: bool(written), timeout=3000)
    qtbot.wait(100)
    assert len(written) == 1
    assert store.all()[0].title == "Draft 4"
    manager.finish()


def test_a_clean_save_removes_the_snapshot(qtbot: QtBot, store: SnapshotStore, user_file: Path) -> None:
    manager, window = start(qtbot, store, path=user_file)
    retitle(window, "Saved title")
    qtbot.waitUntil(lambda: len(store.all()) == 1, timeout=2000)
    assert window.files.save()
    assert store.all() == []
    assert load_journey(user_file).title == "Saved title"
    assert Path(str(user_file) + ".bak").is_file()  # backups are on by default
    manager.finish()


def test_undoing_back_to_the_saved_state_removes_the_snapshot(qtbot: QtBot, store: SnapshotStore) -> None:
    manager, window = start(qtbot, store)
    window.document.undo_stack.push(AddStageCommand(window.document.journey, "Repair"))
    qtbot.waitUntil(lambda: len(store.all()) == 1, timeout=2000)
    window.document.undo_stack.undo()
    assert store.all() == []
    qtbot.wait(INTERVAL * 3)
    assert store.all() == []
    manager.finish()


def test_a_clean_exit_removes_snapshots_and_the_lock(qtbot: QtBot, store: SnapshotStore) -> None:
    manager, window = start(qtbot, store)
    retitle(window, "Unsaved, then discarded at close")
    qtbot.waitUntil(lambda: len(store.all()) == 1, timeout=2000)
    assert store.lock_path(manager.session).exists()
    manager.finish()
    assert store.all() == []
    assert not store.lock_path(manager.session).exists()


# ---------------------------------------------------------------------- after a crash
def test_a_crashed_sessions_snapshot_is_offered_and_restored(qtbot: QtBot, store: SnapshotStore,
                                                              user_file: Path) -> None:
    old = leave_crashed_snapshot(store, user_file, "Workshop output")
    manager, window = start(qtbot, store, ["restore"])
    dialogs = manager.dialogs
    assert isinstance(dialogs, FakeRecoveryDialogs)
    [asked] = dialogs.asked
    assert (asked.title, asked.original) == ("Workshop output", user_file)
    doc = window.document
    assert doc.journey.title == "Workshop output"
    assert doc.path == user_file and doc.is_modified()
    assert window.isWindowModified()
    assert not old.exists()  # moved under the new session ...
    [current] = store.all()
    assert current.session == manager.session and current.load() == doc.journey  # ... before the old one went
    assert load_journey(user_file).title == "Shoes"  # the user's file is untouched until they save
    assert window.files.save()
    assert load_journey(user_file).title == "Workshop output"
    assert store.all() == []
    manager.finish()


def test_a_stale_lock_of_a_killed_process_counts_as_a_crash(qtbot: QtBot, store: SnapshotStore,
                                                           user_file: Path) -> None:
    session = "killed-session"
    store.ensure()
    script = (
        "import sys, time\nfrom PySide6.QtCore import QLockFile\n"
        f"lock = QLockFile({str(store.lock_path(session))!r})\n"
        "print(lock.tryLock(0), flush=True)\ntime.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "True"
        assert SessionLock.is_alive(store, session)
    finally:
        child.kill()
        child.wait()
    assert store.lock_path(session).exists()  # a kill leaves the lock file behind
    leave_crashed_snapshot(store, user_file, "After kill", session)
    manager, window = start(qtbot, store, ["restore"])
    assert window.document.journey.title == "After kill"
    assert not store.lock_path(session).exists()  # the stale lock was cleared
    manager.finish()


def test_a_running_sessions_snapshot_is_not_offered(qtbot: QtBot, store: SnapshotStore) -> None:
    other = RecoveryManager(store, session="other-running")
    assert other.start()
    leave_crashed_snapshot(store, None, "Open in another window", "other-running")
    manager, window = start(qtbot, store, ["restore"])
    assert manager.dialogs.asked == []  # type: ignore[attr-defined]
    assert window.document.journey.title != "Open in another window"
    manager.finish()
    other.lock.release()


def test_discard_deletes_and_later_keeps_the_snapshot(qtbot: QtBot, store: SnapshotStore, user_file: Path) -> None:
    first = leave_crashed_snapshot(store, user_file, "Throw away", "111-dead")
    second = leave_crashed_snapshot(store, None, "Decide later", "222-dead")
    manager, window = start(qtbot, store, ["discard", "later"])
    assert not first.exists() and second.exists()
    assert not window.document.is_modified()
    manager.finish()
    assert second.exists()  # another session's snapshot survives this clean exit
    again, _ = start(qtbot, store, ["later"])
    assert [s.title for s in again.dialogs.asked] == ["Decide later"]  # type: ignore[attr-defined]
    again.finish()


def test_two_snapshots_restore_into_two_windows(qtbot: QtBot, store: SnapshotStore, user_file: Path) -> None:
    leave_crashed_snapshot(store, user_file, "First map", "1-dead")
    leave_crashed_snapshot(store, None, "Second map", "2-dead")
    manager, window = start(qtbot, store, ["restore", "restore"])
    titles = sorted(w.document.journey.title for w in [window, *manager.windows])
    assert titles == ["First map", "Second map"]
    assert all(w.document.is_modified() for w in [window, *manager.windows])
    assert len({s.slot for s in store.all()}) == 2
    manager.finish()


def test_a_restored_map_asks_before_overwriting_a_file_changed_since(qtbot: QtBot, store: SnapshotStore,
                                                                     user_file: Path) -> None:
    leave_crashed_snapshot(store, user_file, "Mine")
    save_journey(Journey.from_template("blank", "Colleague's newer version"), user_file)
    manager, window = start(qtbot, store, ["restore"])
    dialogs = window.files.dialogs
    assert isinstance(dialogs, QuietDialogs)
    assert window.files.save()
    assert dialogs.asked == ["overwrite shoes.yaml"]
    manager.finish()


def test_a_damaged_snapshot_is_reported_and_set_aside(qtbot: QtBot, store: SnapshotStore) -> None:
    path = leave_crashed_snapshot(store, None, "Broken")
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\njourneymap: [\n", encoding="utf-8")
    manager, window = start(qtbot, store, ["restore"])
    [error] = manager.dialogs.errors  # type: ignore[attr-defined]
    kept = store.quarantine_folder / path.name
    assert str(path) in error and str(kept) in error
    assert not path.exists() and kept.exists()  # set aside, not deleted, and never offered again
    manager.finish()
    manager, window = start(qtbot, store, ["restore"])
    assert manager.dialogs.asked == [] and manager.dialogs.errors == []  # type: ignore[attr-defined]
    manager.finish()


# ---------------------------------------------------------------------- unexpected errors
def test_the_excepthook_writes_a_last_snapshot_and_tells_the_user(qtbot: QtBot, store: SnapshotStore,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    manager, window = start(qtbot, store)
    retitle(window, "Caught before the error")
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    manager.install_excepthook()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    [(details, saved, log)] = manager.dialogs.crashes  # type: ignore[attr-defined]
    assert "RuntimeError: boom" in details and saved == 1
    assert log is not None and "RuntimeError: boom" in log.read_text(encoding="utf-8")
    assert store.all()[0].title == "Caught before the error"
    manager.finish()
    assert sys.excepthook is sys.__excepthook__


def test_faulthandler_writes_into_the_log_folder(store: SnapshotStore) -> None:
    import faulthandler

    from journeymap.ui.recovery import disable_faulthandler, enable_faulthandler

    was = faulthandler.is_enabled()
    path = enable_faulthandler()
    try:
        assert path is not None and path.parent == store.root / "log"
        assert faulthandler.is_enabled()
        assert "started" in path.read_text(encoding="utf-8")
    finally:
        disable_faulthandler()
    assert faulthandler.is_enabled() == was


def test_an_unusable_state_folder_does_not_stop_the_app(qtbot: QtBot, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the state folder should be", encoding="utf-8")
    monkeypatch.setenv(STATE_DIR_ENV, str(blocker))
    manager, window = start(qtbot, SnapshotStore())
    saver = manager.autosaver_of(window)
    assert saver is not None
    retitle(window, "Still editable")
    assert saver.snapshot_now() is None
    assert isinstance(saver.last_error, OSError)
    assert "Autosave failed" in window.statusBar().currentMessage()
    manager.finish()
