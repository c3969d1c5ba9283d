"""File ▸ Compare With… and View ▸ Stop Comparing: the map against another version of it.

The other version is a file, or — when the map's file lies in a git work tree — the file
at HEAD or at a commit chosen from its log (read with `git show`, never checked out).
The comparison is view state on the scene (`JourneyScene.set_comparison`): the map
shows the other version's emotion line dashed and a badge on each changed card, and the
Compare panel lists every change. Nothing here writes the other file or the repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from journeymap.io import JourneyFileError, load_journey
from journeymap.model import Journey
from journeymap.ui.file_ops import FILE_FILTER
from journeymap.versions.revisions import Revision, file_revisions, load_revision

if TYPE_CHECKING:
    from journeymap.ui.main_window import MainWindow

#: The first choices of the version list (then one per commit).
A_FILE = "A file…"
HEAD = "HEAD (the last commit)"


class CompareDialogs:
    """The questions Compare With… asks (tests replace it)."""

    def ask_version(self, parent: QWidget, choices: list[str]) -> int | None:
        """Which version to compare with: the index into `choices`, or None when cancelled."""
        choice, ok = QInputDialog.getItem(parent, "Compare with", "Compare the map with:", choices, 0, False)
        return choices.index(choice) if ok and choice in choices else None

    def ask_file(self, parent: QWidget, folder: str) -> Path | None:
        """A journey file to compare with, or None when cancelled."""
        name, _ = QFileDialog.getOpenFileName(parent, "Compare with journey map", folder, FILE_FILTER)
        return Path(name) if name else None

    def show_error(self, parent: QWidget, title: str, text: str) -> None:
        """Say why the other version cannot be shown."""
        QMessageBox.warning(parent, title, text)


class CompareView:
    """Starts and stops the window's compare view."""

    def __init__(self, window: MainWindow, dialogs: CompareDialogs | None = None) -> None:
        self.window = window
        self.dialogs = dialogs or CompareDialogs()

    @property
    def active(self) -> bool:
        """True while the map is compared with another version."""
        scene = self.window.scene
        return scene is not None and scene.comparison is not None

    def compare_with(self) -> None:
        """File ▸ Compare With…: ask for the version (a file, HEAD or a commit) and show the changes."""
        path = self.window.document.path
        revisions = file_revisions(path) if path is not None else None
        if not revisions or path is None:
            self._ask_file()
            return
        choices = [A_FILE, HEAD] + [r.title for r in revisions]
        index = self.dialogs.ask_version(self.window, choices)
        if index is None:
            return
        if index == 0:
            self._ask_file()
        elif index == 1:
            self.compare_with_revision("HEAD")
        else:
            self.compare_with_revision(revisions[index - 2].rev, revisions[index - 2])

    def _ask_file(self) -> None:
        path = self.window.document.path
        chosen = self.dialogs.ask_file(self.window, str(path.parent) if path is not None else "")
        if chosen is not None:
            self.compare_with_file(chosen)

    def compare_with_file(self, path: Path) -> bool:
        """Compare with the journey in `path` (only read); False (and a message) when it cannot be read."""
        try:
            other = load_journey(path)
        except JourneyFileError as err:
            self.dialogs.show_error(self.window, "Cannot compare", str(err))
            return False
        self.show(other, Path(path).name)
        return True

    def compare_with_revision(self, rev: str, revision: Revision | None = None) -> bool:
        """Compare with the map's file as it was at commit `rev` ('HEAD' or a hash)."""
        path = self.window.document.path
        if path is None:
            return False
        try:
            other = load_revision(path, rev)
        except JourneyFileError as err:
            self.dialogs.show_error(self.window, "Cannot compare", str(err))
            return False
        label = f"{revision.short} ({revision.date})" if revision is not None else rev
        self.show(other, label)
        return True

    def show(self, other: Journey, label: str) -> None:
        """Show the changes since `other` on the map and in the Compare panel."""
        scene = self.window.scene
        if scene is None:
            return
        scene.set_comparison(other, label)
        dock = self.window.compare_dock
        dock.show()
        dock.raise_()
        self.window.actions_.stop_comparing.setEnabled(True)
        self.window.statusBar().showMessage(
            f"Comparing with {label}: its emotion line is dashed; badges mark what changed", 8000)

    def stop(self) -> None:
        """View ▸ Stop Comparing: the plain map again."""
        scene = self.window.scene
        if scene is not None and scene.comparison is not None:
            scene.set_comparison(None)
        self.window.compare_dock.hide()
        self.window.actions_.stop_comparing.setEnabled(False)
