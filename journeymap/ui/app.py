"""Starting the desktop app: `run_app(path)` is what `journeymap [FILE]` calls."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from journeymap import __version__, runtime
from journeymap.ui.settings import APPLICATION, ORGANIZATION

if TYPE_CHECKING:
    from journeymap.ui.main_window import MainWindow
    from journeymap.ui.recovery import RecoveryManager


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, set up once: names for QSettings, icon, fonts, high-DPI rounding.

    The app's entry point: first applies the process-wide tweaks a Qt process needs
    (`journeymap.runtime.apply_qt`).
    """
    runtime.apply_qt()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scale factors (125 %, 150 %) stay fractional, so the map is crisp.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("journeymap")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("journeymap")
    from journeymap.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    try:
        from journeymap.ui.theme import register_fonts
    except ImportError:
        pass
    else:
        register_fonts()
    return app


def open_window(
    path: Path | None = None, *, show: bool = False, recovery: RecoveryManager | None = None
) -> MainWindow:
    """A main window on `path` or, when None or unreadable, on a new journey.

    With `show`, the window appears before the file loads, so a load error's dialog
    has the window behind it. The window watches its file for outside changes; with
    `recovery` it is autosaved, and maps left by a crash are offered back.
    """
    from journeymap.ui.data_safety import install_data_safety
    from journeymap.ui.document import Document
    from journeymap.ui.main_window import MainWindow

    window = MainWindow(Document.new("default"))
    install_data_safety(window)
    if recovery is not None:
        recovery.attach(window)
    if show:
        window.show()
    if path is not None:
        window.files.open_path(Path(path), ask=False)
    if recovery is not None:
        recovery.offer(window)
    return window


def run_app(path: Path | None = None) -> int:
    """Open the app on `path` (or a new journey from the default template) and run it.

    Returns the exit code of the event loop.
    """
    from journeymap.ui.recovery import RecoveryManager, enable_faulthandler

    app = make_application()
    enable_faulthandler()
    recovery = RecoveryManager()
    recovery.start()
    recovery.install_excepthook()
    try:
        window = open_window(path, show=True, recovery=recovery)
        code = app.exec()
        del window
    finally:
        recovery.finish()
    return code
