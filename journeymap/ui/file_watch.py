"""Noticing when the open file changes on disk (a `git pull`, an editor, a colleague).

A `FileWatcher` watches the window's current file with `QFileSystemWatcher`. Editors
and git replace files atomically (write elsewhere, rename over), which drops the
watch, so the path is added again after every change. When the bytes really differ
from what the document last read or wrote: an unmodified document reloads quietly
(with a status message); a modified one asks Reload / Keep mine. Keeping mine never
overwrites anything by itself — the next Save still asks (see `FileOps`).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from journeymap.io import JourneyFileError
from journeymap.ui.disk_state import DiskStamp, changed_on_disk, stamp_file
from journeymap.ui.document import Document

if TYPE_CHECKING:
    from journeymap.ui.main_window import MainWindow

Outcome = Literal["none", "same", "missing", "reloaded", "kept", "unreadable", "busy"]
#: Changes arrive in bursts (truncate, write, write, rename); wait for quiet first.
SETTLE_MS = 200
#: A file replaced by rename is briefly missing; look again this many times before saying so.
MISSING_RETRIES = 5


class FileWatcher(QObject):
    """Watches the file of a window's current document and reacts to outside changes."""

    checked = Signal(str)  # the Outcome of each check, for tests and the status bar

    def __init__(self, window: MainWindow, settle_ms: int = SETTLE_MS) -> None:
        super().__init__(window)
        self.window = window
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self.check)
        self._document: Document | None = None
        self._kept: DiskStamp | None = None
        self._missing = 0
        self._asking = False
        window.undo_group.activeStackChanged.connect(self._document_changed)
        self._document_changed()

    def _document_changed(self, *_args: object) -> None:
        doc = self.window.document
        if doc is self._document:
            return
        if self._document is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # already deleted with its window
                self._document.path_changed.disconnect(self.rewatch)
        self._document = doc
        self._kept = None
        doc.path_changed.connect(self.rewatch)
        self.rewatch()

    def rewatch(self) -> None:
        """Watch exactly the current document's file (again, after an atomic replace)."""
        files = self.watcher.files()
        if files:
            self.watcher.removePaths(files)
        path = self.window.document.path
        if path is not None and path.exists():
            self.watcher.addPath(str(path))

    def _file_changed(self, _path: str) -> None:
        self._timer.start()

    def check(self) -> Outcome:
        """Compare the file on disk with the document and react; returns what happened."""
        outcome = self._check()
        self.checked.emit(outcome)
        return outcome

    def _check(self) -> Outcome:
        doc = self.window.document
        path = doc.path
        if path is None:
            return "none"
        self.rewatch()
        if not path.exists():
            self._missing += 1
            if self._missing <= MISSING_RETRIES:
                self._timer.start()
            else:
                self._status(f"{path.name} was moved or deleted on disk; Save writes it again")
            return "missing"
        self._missing = 0
        if not changed_on_disk(path, doc.disk_stamp):
            return "same"
        now = stamp_file(path)
        if self._asking or (now is not None and self._kept is not None and now.sha256 == self._kept.sha256):
            return "busy" if self._asking else "kept"
        if doc.is_modified():
            self._asking = True
            try:
                reload = self.window.files.dialogs.ask_reload_changed(self.window, path.name)
            finally:
                self._asking = False
            if not reload:
                self._kept = now
                self._status(f"Kept your version; {path.name} on disk is newer (Save asks before overwriting)")
                return "kept"
        return self._reload(path, quiet=not doc.is_modified())

    def _reload(self, path: Path, *, quiet: bool) -> Outcome:
        try:
            document = Document.open(path)
        except JourneyFileError as err:
            # Often a half-written file; the next change event brings the finished one.
            self._status(f"{path.name} changed on disk but cannot be read yet: {err.message}")
            return "unreadable"
        self.window.set_document(document)
        self._status(f"Reloaded {path.name}: it changed on disk" if quiet else f"Reloaded {path.name}")
        return "reloaded"

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)
