"""File operations of the main window: new, open, open recent, save, save as, revert.

Every question to the user goes through a `Dialogs` object, so tests (and scripts)
replace it instead of clicking on real dialogs. A file that fails to load shows its
`file:line: message` and leaves the current map untouched; a failed save shows the
error and keeps the document modified.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from journeymap.io import JourneyFileError
from journeymap.io.atomic import can_replace, is_read_only
from journeymap.io.writer import JourneyTooLargeError
from journeymap.model import slugify
from journeymap.ui.disk_state import changed_on_disk
from journeymap.ui.document import Document
from journeymap.ui.settings import app_settings, keep_backup

if TYPE_CHECKING:
    from journeymap.ui.main_window import MainWindow

Answer = Literal["save", "discard", "cancel"]
ReadOnlyAnswer = Literal["save_as", "overwrite", "cancel"]
MAX_RECENT = 10
RECENT_KEY = "recentFiles"
FILE_FILTER = "Journey maps (*.yaml *.yml);;All files (*)"


class Dialogs:
    """The questions the window asks; each method is replaceable in tests."""

    def ask_open_path(self, parent: QWidget, folder: str) -> Path | None:
        """A journey file to open, or None when cancelled."""
        name, _ = QFileDialog.getOpenFileName(parent, "Open journey map", folder, FILE_FILTER)
        return Path(name) if name else None

    def ask_save_path(self, parent: QWidget, suggested: str) -> Path | None:
        """Where to save, or None when cancelled."""
        name, _ = QFileDialog.getSaveFileName(parent, "Save journey map as", suggested, FILE_FILTER)
        return Path(name) if name else None

    def ask_unsaved(self, parent: QWidget, name: str) -> Answer:
        """Save, discard or keep the unsaved changes of `name`."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to “{name}” first?")
        box.setInformativeText("Your changes will be lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def confirm_revert(self, parent: QWidget, name: str) -> bool:
        """True when the user agrees to throw away the changes and reload the file."""
        answer = QMessageBox.question(
            parent,
            "Revert",
            f"Reload “{name}” from disk and lose the changes made since it was saved?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_overwrite_changed(self, parent: QWidget, name: str) -> bool:
        """True when the user agrees to save over a file that changed on disk since it was opened."""
        answer = QMessageBox.warning(
            parent,
            "File changed on disk",
            f"“{name}” was changed by another program since you opened it.\n\n"
            "Overwrite it with your version? (Cancel, then Save As, keeps both.)",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def ask_reload_changed(self, parent: QWidget, name: str) -> bool:
        """True for Reload, False for Keep mine, when the open file changed on disk."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("File changed on disk")
        box.setText(f"“{name}” was changed by another program.")
        box.setInformativeText("Reload it and lose your unsaved changes, or keep your version?")
        reload_button = box.addButton("Reload", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep Mine", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is reload_button

    def ask_read_only(self, parent: QWidget, name: str, can_overwrite: bool) -> ReadOnlyAnswer:
        """Save As, overwrite (offered only when `can_overwrite`) or cancel, for a read-only file."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("File is read-only")
        box.setText(f"“{name}” is read-only.")
        box.setInformativeText(
            "Save your changes under another name, or overwrite it anyway (it stays read-only)?"
            if can_overwrite else "Save your changes under another name?"
        )
        save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole) if can_overwrite else None
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save_as:
            return "save_as"
        return "overwrite" if overwrite is not None and clicked is overwrite else "cancel"

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        """Tell the user what went wrong."""
        QMessageBox.critical(parent, title, message)


class FileOps:
    """New, open, save and the unsaved-changes prompt for one main window."""

    def __init__(self, window: MainWindow, dialogs: Dialogs | None = None) -> None:
        self.window = window
        self.dialogs = dialogs or Dialogs()

    @property
    def document(self) -> Document:
        """The window's document."""
        return self.window.document

    # ------------------------------------------------------------------ unsaved changes
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when it is fine to drop the current document."""
        if not self.document.is_modified():
            return True
        answer = self.dialogs.ask_unsaved(self.window, self.document.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    # ------------------------------------------------------------------ new and open
    def new(self, template: str = "default") -> bool:
        """Replace the document with a new journey from a template ('default', 'blueprint' or 'blank')."""
        if not self.maybe_save():
            return False
        self.window.set_document(Document.new(template))
        return True

    def open(self) -> bool:
        """Ask for a file and open it."""
        folder = str(self.document.path.parent) if self.document.path else str(Path.home())
        path = self.dialogs.ask_open_path(self.window, folder)
        return self.open_path(path) if path is not None else False

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Open `path` in this window (after asking about unsaved changes when `ask`).

        On a load error the message is shown and the current document stays as it was.
        """
        path = Path(path)
        if ask and not self.maybe_save():
            return False
        try:
            document = Document.open(path)
        except JourneyFileError as err:
            self.dialogs.show_error(self.window, "Cannot open journey map", str(err))
            if not path.exists():
                self.forget_recent(path)
            return False
        self.window.set_document(document)
        self.add_recent(path)
        if document.read_warnings:  # e.g. an unquoted `color: #4C78A8`, which YAML reads as a comment
            more = len(document.read_warnings) - 1
            first = document.read_warnings[0].removeprefix(str(document.path)).lstrip(":")
            self.window.statusBar().showMessage(
                f"Opened {path.name} with a warning: line "
                f"{first}" + (f" (and {more} more; run journeymap validate)" if more else ""))
        else:
            self.window.statusBar().showMessage(f"Opened {path.name}", 4000)
        return True

    # ------------------------------------------------------------------ save
    def save(self) -> bool:
        """Save to the document's file (asks for a name the first time, or when the file went away)."""
        if self.document.path is None or self.document.ask_location:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        """Ask for a file name and save there (adds .yaml when the name has no extension)."""
        doc = self.document
        if doc.path is not None:
            suggested = str(doc.path)
        else:
            suggested = str(Path.home() / f"{slugify(doc.journey.title, 'journey')}.yaml")
        path = self.dialogs.ask_save_path(self.window, suggested)
        if path is None:
            return False
        if path.suffix.lower() not in (".yaml", ".yml"):
            path = path.with_name(path.name + ".yaml")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        doc = self.document
        overwrite_read_only = False
        if is_read_only(path):
            answer = self.dialogs.ask_read_only(self.window, path.name, can_replace(path))
            if answer == "save_as":
                return self.save_as()
            if answer != "overwrite":
                self.window.statusBar().showMessage(f"Not saved: {path.name} is read-only", 6000)
                return False
            overwrite_read_only = True
        if (doc.path is not None and path == doc.path and changed_on_disk(path, doc.disk_stamp)
                and not self.dialogs.confirm_overwrite_changed(self.window, path.name)):
            self.window.statusBar().showMessage(f"Not saved: {path.name} changed on disk", 6000)
            return False
        try:
            doc.save(path, backup=keep_backup(), overwrite_read_only=overwrite_read_only)
        except (JourneyFileError, OSError) as err:
            self.dialogs.show_error(self.window, "Cannot save journey map", save_failure_message(err))
            return False
        self.add_recent(path)
        self.window.update_title()
        self.window.statusBar().showMessage(f"Saved {path.name}", 4000)
        return True

    def revert(self) -> bool:
        """Reload the file from disk, dropping unsaved changes (asks first)."""
        doc = self.document
        if doc.path is None or not doc.is_modified():
            return False
        if not self.dialogs.confirm_revert(self.window, doc.display_name()):
            return False
        return self.open_path(doc.path, ask=False)

    # ------------------------------------------------------------------ recent files
    def recent_files(self) -> list[Path]:
        """Recently used files that still exist, newest first (missing ones are dropped)."""
        settings = app_settings()
        paths = [Path(p) for p in _stored_paths(settings.value(RECENT_KEY, []))]
        existing = [p for p in paths if p.is_file()]
        if len(existing) != len(paths):
            settings.setValue(RECENT_KEY, [str(p) for p in existing])
        return existing

    def add_recent(self, path: Path) -> None:
        """Put `path` first in the recent files."""
        path = Path(path).resolve()
        paths = [p for p in self.recent_files() if p.resolve() != path]
        app_settings().setValue(RECENT_KEY, [str(p) for p in [path, *paths][:MAX_RECENT]])

    def forget_recent(self, path: Path) -> None:
        """Drop `path` from the recent files."""
        path = Path(path).resolve()
        settings = app_settings()
        stored = _stored_paths(settings.value(RECENT_KEY, []))
        settings.setValue(RECENT_KEY, [p for p in stored if Path(p).resolve() != path])

    def clear_recent(self) -> None:
        """Forget every recent file."""
        app_settings().setValue(RECENT_KEY, [])


def save_failure_message(err: BaseException) -> str:
    """The error, then what it means for the user's work."""
    if isinstance(err, JourneyTooLargeError):
        return (f"{err}\n\nYour changes are still open in this window, and the file on disk was not "
                "changed. Shorten or remove some long texts, then save again.")
    return (
        f"{err}\n\nYour changes are still open in this window, and the file on disk was not "
        "changed. Free some space or choose another folder with Save As."
    )


def _stored_paths(value: object) -> list[str]:
    """The recent-files setting as a list of texts (QSettings gives a str for one entry)."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return []
