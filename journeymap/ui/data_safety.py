"""Hooks that keep a window's work safe: the file watcher, the backup setting, guarded writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from journeymap.io import JourneyFileError
from journeymap.ui.file_watch import FileWatcher
from journeymap.ui.settings import keep_backup, set_keep_backup

if TYPE_CHECKING:
    from journeymap.ui.main_window import MainWindow


def install_data_safety(window: MainWindow) -> FileWatcher:
    """Watch the window's file for outside changes and add File ▸ Keep Backup Copy."""
    watcher = FileWatcher(window)
    window.file_watcher = watcher  # type: ignore[attr-defined]
    window.backup_action = add_backup_action(window)  # type: ignore[attr-defined]
    return watcher


def add_backup_action(window: MainWindow) -> QAction:
    """A checkable File menu item for the `.bak` setting, placed just above Quit."""
    action = QAction("Keep &Backup Copy When Saving", window)
    action.setCheckable(True)
    action.setChecked(keep_backup())
    action.setStatusTip("Each save keeps the previous version next to the file as NAME.yaml.bak")
    action.toggled.connect(set_keep_backup)
    quit_action = window.actions_.quit
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and quit_action in menu.actions():
            menu.insertAction(quit_action, action)
            menu.insertSeparator(quit_action)
            break
    return action


def guarded_write(window: MainWindow, title: str, write: Callable[[], object]) -> bool:
    """Run a file-writing step (an export, a copy) and turn any I/O failure into a message.

    Our writers are atomic, so after a failure the old file on disk is untouched and
    the map in the window is unchanged; the message says so. True on success.
    """
    try:
        write()
    except (OSError, JourneyFileError) as err:
        window.files.dialogs.show_error(
            window, title, f"{err}\n\nNothing was changed: your map is still open here and any existing file was kept."
        )
        return False
    return True
