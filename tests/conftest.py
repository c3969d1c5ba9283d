"""Test set-up shared by the whole suite.

GUI tests run without a display: Qt renders offscreen. This is set before any
test module can import Qt.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Keep QSettings written by GUI tests away from the user's real settings.
os.environ.setdefault("XDG_CONFIG_HOME", os.path.join(os.path.dirname(__file__), "..", ".pytest_cache", "xdg-config"))
# Autosave snapshots, session locks and crash logs of GUI tests stay out of the user's state folder.
os.environ.setdefault("JOURNEYMAP_STATE_DIR", os.path.join(os.path.dirname(__file__), "..", ".pytest_cache", "state"))

# Before any test touches Qt: guard against PySide6 6.12.0's reference-counting bug on
# Python 3.11 (a no-op on other versions; pyproject.toml excludes 6.12.0 anyway).
from journeymap.ui.canvas.qtfix import keep_none_alive  # noqa: E402

keep_none_alive()
