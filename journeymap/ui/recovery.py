"""Autosave and crash recovery.

While a document has unsaved changes, an `Autosaver` writes a snapshot of it a few
seconds after the last edit (see `recovery_store` for where and how). Each running
app holds a session lock (`QLockFile`); a snapshot whose session holds no live lock
was left by a crash (or `kill -9`, or a power cut), and the next start offers it
back: Restore, Discard or Later. Snapshots go away after a successful save, when
the edits are undone back to the saved state, on an explicit discard, and when the
app quits cleanly. An excepthook shows unexpected errors and writes a last
snapshot; `faulthandler` writes hard crashes to the user log folder.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import secrets
import sys
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Literal

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from journeymap.ui.document import Document
from journeymap.ui.recovery_store import Snapshot, SnapshotStore, log_dir

if TYPE_CHECKING:
    from journeymap.ui.main_window import MainWindow

Choice = Literal["restore", "discard", "later"]
#: Quiet time after the last edit before a snapshot is written.
DEFAULT_INTERVAL_MS = 3000
#: Continuous editing still gets a snapshot at least this often.
MAX_WAIT_MS = 30_000


class RecoveryDialogs:
    """The questions recovery asks; replaceable in tests."""

    def ask_restore(self, parent: QWidget | None, snapshot: Snapshot) -> Choice:
        """Restore, discard or keep for later one snapshot left by a crash."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Recover unsaved changes")
        where = str(snapshot.original) if snapshot.original else "a journey that was never saved"
        if snapshot.original_missing():
            where += " (missing or moved: Save will ask where to save)"
        box.setText(f"journeymap closed unexpectedly while “{snapshot.title}” had unsaved changes.")
        box.setInformativeText(f"File: {where}\nAutosaved: {snapshot.describe_time()}\n\nRestore these changes?")
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        clicked = box.clickedButton()
        return "restore" if clicked is restore else "discard" if clicked is discard else "later"

    def show_crash(self, parent: QWidget | None, details: str, saved: int, log: Path | None) -> None:
        """Tell the user about an unexpected error and what was kept safe."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Unexpected error")
        box.setText("journeymap ran into an unexpected error.")
        kept = f"Your unsaved changes were autosaved ({saved} map{'s' * (saved != 1)}). " if saved else ""
        where = f"Details were written to {log}. " if log else ""
        box.setInformativeText(f"{kept}{where}Save your work now; if the app stops, the next start offers it back.")
        box.setDetailedText(details)
        box.exec()

    def show_error(self, parent: QWidget | None, title: str, message: str) -> None:
        """A problem with one snapshot."""
        QMessageBox.warning(parent, title, message)


class SessionLock:
    """This app's session lock in the state folder: held while the app runs."""

    def __init__(self, store: SnapshotStore, session: str) -> None:
        self.store, self.session = store, session
        self._lock: QLockFile | None = None

    def acquire(self) -> bool:
        """Take the lock (False when the state folder is not writable: autosave still tries)."""
        self.store.ensure()
        self._lock = QLockFile(str(self.store.lock_path(self.session)))
        self._lock.setStaleLockTime(0)
        return bool(self._lock.tryLock(0))

    def release(self) -> None:
        """Let go of the lock (its file is removed)."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    @staticmethod
    def is_alive(store: SnapshotStore, session: str) -> bool:
        """True when the app that wrote `session`'s snapshots still runs.

        A lock whose process is gone is stale: taking it succeeds (and clears it).
        A lock we cannot even inspect counts as alive, so we never steal a live window's work.
        """
        path = store.lock_path(session)
        if not path.exists():
            return False
        lock = QLockFile(str(path))
        lock.setStaleLockTime(0)  # only a dead process makes a lock stale, never its age
        if lock.tryLock(0):
            lock.unlock()
            return False
        return True


class Autosaver(QObject):
    """Writes one window's unsaved document to a snapshot, debounced on its undo stack."""

    snapshot_written = Signal(object)  # Path
    snapshot_removed = Signal()

    def __init__(self, manager: RecoveryManager, window: MainWindow, slot: str) -> None:
        super().__init__(window)
        self.manager, self.window, self.slot = manager, window, slot
        self.path: Path | None = None
        self.last_error: OSError | None = None
        self._pending_since: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.snapshot_now)
        group = window.undo_group
        group.indexChanged.connect(self._changed)
        group.cleanChanged.connect(self._changed)
        group.activeStackChanged.connect(self._changed)
        if window.document.is_modified():
            self._changed()

    def _changed(self, *_args: object) -> None:
        if not self.window.document.is_modified():
            self.discard()
            return
        interval = self.manager.interval_ms
        now = time.monotonic()
        if self._pending_since is None:
            self._pending_since = now
        waited = (now - self._pending_since) * 1000
        self._timer.start(int(max(0, min(interval, MAX_WAIT_MS - waited))))

    def snapshot_now(self) -> Path | None:
        """Write the snapshot at once (or remove it when there is nothing unsaved)."""
        self._timer.stop()
        self._pending_since = None
        doc = self.window.document
        if not doc.is_modified():
            self.discard()
            return None
        try:
            self.path = self.manager.store.write(
                self.manager.session, self.slot, doc.journey, doc.path, doc.disk_stamp
            )
        except OSError as err:
            self.last_error = err
            self.window.statusBar().showMessage(f"Autosave failed: {err.strerror or err}", 8000)
            return None
        self.last_error = None
        self.snapshot_written.emit(self.path)
        return self.path

    def discard(self) -> None:
        """Remove this window's snapshot (after a save, or when the edits were undone)."""
        self._timer.stop()
        self._pending_since = None
        path = self.manager.store.path_for(self.manager.session, self.slot)
        if path.exists():
            if not self.manager.store.remove(path):
                return
            self.snapshot_removed.emit()
        self.path = None

    def pending(self) -> bool:
        """True while a snapshot is scheduled but not written yet."""
        return self._timer.isActive()


class RecoveryManager(QObject):
    """One per running app: the session lock, the windows' autosavers, the offer after a crash."""

    def __init__(
        self,
        store: SnapshotStore | None = None,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        dialogs: RecoveryDialogs | None = None,
        session: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store or SnapshotStore()
        self.interval_ms = interval_ms
        self.dialogs = dialogs or RecoveryDialogs()
        self.session = session or f"{os.getpid()}-{secrets.token_hex(4)}"
        self.lock = SessionLock(self.store, self.session)
        self.autosavers: list[Autosaver] = []
        self.windows: list[MainWindow] = []  # windows opened for restored maps, kept alive here
        self._slots = 0
        self._previous_hook: Callable[..., object] | None = None
        self._in_hook = False
        self._finished = False

    def start(self) -> bool:
        """Take the session lock; False when the state folder cannot be used (logged, not fatal)."""
        try:
            return self.lock.acquire()
        except OSError as err:
            print(f"journeymap: autosave folder unusable: {err}", file=sys.stderr)
            return False

    def attach(self, window: MainWindow) -> Autosaver:
        """Autosave `window`'s documents from now on."""
        self._slots += 1
        saver = Autosaver(self, window, f"w{self._slots}")
        self.autosavers.append(saver)
        window.destroyed.connect(lambda *_: self._forget(saver))
        return saver

    def autosaver_of(self, window: MainWindow) -> Autosaver | None:
        """The autosaver attached to `window`, if any."""
        return next((s for s in self.autosavers if s.window is window), None)

    def _forget(self, saver: Autosaver) -> None:
        if saver in self.autosavers:
            self.autosavers.remove(saver)

    # ------------------------------------------------------------------ after a crash
    def orphans(self) -> list[Snapshot]:
        """Snapshots left by sessions that are no longer running, oldest first."""
        alive: dict[str, bool] = {self.session: True}
        result = []
        for snapshot in self.store.all(set_aside=True):
            if snapshot.session not in alive:
                alive[snapshot.session] = SessionLock.is_alive(self.store, snapshot.session)
            if not alive[snapshot.session]:
                result.append(snapshot)
        return result

    def offer(self, window: MainWindow, make_window: Callable[[], MainWindow] | None = None) -> list[MainWindow]:
        """Ask about each orphaned snapshot; returns the windows showing restored maps.

        The first restored map replaces `window`'s document when that has no unsaved
        changes; the others open in new windows from `make_window`.
        """
        restored: list[MainWindow] = []
        orphans = self.orphans()
        self._report_quarantined(window)
        for snapshot in orphans:
            choice = self.dialogs.ask_restore(window, snapshot)
            if choice == "discard":
                if not self.store.remove(snapshot.path):
                    self.dialogs.show_error(window, "Cannot discard", f"{snapshot.path} could not be deleted.")
            elif choice == "restore":
                free = window not in restored and not window.document.is_modified()
                target = window if free else (make_window or self._new_window)()
                if self.restore(snapshot, target):
                    restored.append(target)
        return restored

    def restore(self, snapshot: Snapshot, window: MainWindow) -> bool:
        """Open a snapshot in `window` as a modified document of its original file."""
        try:
            journey = snapshot.load()
        except Exception as err:  # noqa: BLE001 - any damage: set the snapshot aside, keep the app running
            moved = self.store.quarantine(snapshot.path)
            kept = f"It was set aside as {moved}." if moved else f"The autosave is kept at {snapshot.path}."
            self.dialogs.show_error(window, "Cannot restore", f"{err}\n\n{kept}")
            return False
        missing = snapshot.original_missing()
        document = Document(journey, snapshot.original)
        document.disk_stamp = snapshot.base
        document.ask_location = missing
        document.undo_stack.resetClean()
        window.set_document(document)
        saver = self.autosaver_of(window) or self.attach(window)
        # The copy under this session must exist before the old one goes.
        if saver.snapshot_now() is not None:
            self.store.remove(snapshot.path)
        note = f"; {snapshot.original} is missing or moved, Save asks where to save" if missing else ""
        window.statusBar().showMessage(f"Restored unsaved changes from {snapshot.describe_time()}{note}", 8000)
        return True

    def _report_quarantined(self, window: MainWindow) -> None:
        """Say once which damaged snapshots were set aside (they are never offered again)."""
        damaged, self.store.quarantined = self.store.quarantined, []
        if not damaged:
            return
        names = "\n".join(str(path) for path in damaged)
        self.dialogs.show_error(
            window, "Damaged autosave set aside",
            f"{len(damaged)} autosave file{'s' * (len(damaged) != 1)} could not be read, so "
            f"{'they are' if len(damaged) != 1 else 'it is'} set aside (not deleted) and not offered:\n{names}",
        )

    def _new_window(self) -> MainWindow:
        from journeymap.ui.main_window import MainWindow

        window = MainWindow()
        self.attach(window)
        self.windows.append(window)
        window.show()
        return window

    # ------------------------------------------------------------------ errors and exit
    def snapshot_all(self) -> int:
        """Write every window's unsaved document now; returns how many were written."""
        return sum(1 for saver in list(self.autosavers) if saver.snapshot_now() is not None)

    def install_excepthook(self) -> None:
        """Show unexpected Python errors in a dialog, after a last snapshot of every window."""
        self._previous_hook = sys.excepthook
        sys.excepthook = self.handle_exception

    def handle_exception(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        """The excepthook: log, autosave, tell the user; the app keeps running."""
        previous = self._previous_hook or sys.__excepthook__
        if issubclass(kind, KeyboardInterrupt) or self._in_hook:
            previous(kind, value, tb)
            return
        self._in_hook = True
        try:
            details = "".join(traceback.format_exception(kind, value, tb))
            previous(kind, value, tb)
            log = _append_log("errors.log", details)
            try:
                saved = self.snapshot_all()
            except Exception:  # the error may have left a document unwritable; still tell the user
                saved = 0
            parent = QApplication.activeWindow()
            self.dialogs.show_crash(parent, details, saved, log)
        finally:
            self._in_hook = False

    def finish(self) -> None:
        """A clean exit: remove this session's snapshots, release the lock, restore the hooks."""
        if self._finished:
            return
        self._finished = True
        for saver in list(self.autosavers):
            saver.discard()
        for snapshot in self.store.of_session(self.session):
            self.store.remove(snapshot.path)
        self.lock.release()
        if self._previous_hook is not None and sys.excepthook == self.handle_exception:
            sys.excepthook = self._previous_hook
        disable_faulthandler()


_fault_file: IO[str] | None = None
_fault_was_enabled = False


def enable_faulthandler(folder: Path | None = None) -> Path | None:
    """Send hard crashes (segfaults, aborts) with every thread's Python stack to `crash.log`."""
    global _fault_file, _fault_was_enabled
    path = (folder or log_dir()) / "crash.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - must stay open for faulthandler
    except OSError:
        return None
    handle.write(f"--- journeymap pid {os.getpid()} started {datetime.now().isoformat(timespec='seconds')}\n")
    handle.flush()
    if _fault_file is None:
        _fault_was_enabled = faulthandler.is_enabled()
    else:
        _fault_file.close()
    faulthandler.enable(handle, all_threads=True)
    _fault_file = handle
    return path


def disable_faulthandler() -> None:
    """Undo `enable_faulthandler` (back to stderr when it was on before)."""
    global _fault_file
    if _fault_file is None:
        return
    faulthandler.disable()
    if _fault_was_enabled and sys.__stderr__ is not None:
        with contextlib.suppress(AttributeError, ValueError, OSError):  # a stderr without a file descriptor
            faulthandler.enable(sys.__stderr__)
    _fault_file.close()
    _fault_file = None


def _append_log(name: str, text: str) -> Path | None:
    path = log_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} pid {os.getpid()}\n{text}\n")
    except OSError:
        return None
    return path
