"""Hooks that keep a window's work safe: the file watcher and the backup setting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

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

