"""Test set-up shared by the whole suite.

GUI tests run without a display: Qt renders offscreen. This is set before any
test module can import Qt.
"""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Each test session gets fresh folders of its own, so QSettings (recent files, window
# layout), autosave snapshots, session locks and crash logs never touch the user's real
# ones, never leak from one run into the next, and two runs at once do not share them.
_SESSION_HOME = tempfile.mkdtemp(prefix="journeymap-tests-")
atexit.register(shutil.rmtree, _SESSION_HOME, ignore_errors=True)
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SESSION_HOME, "config")
os.environ["JOURNEYMAP_STATE_DIR"] = os.path.join(_SESSION_HOME, "state")
os.environ["JOURNEYMAP_CACHE_DIR"] = os.path.join(_SESSION_HOME, "cache")

# Before any test touches Qt: what the app's entry point applies (the guard against
# PySide6 6.12.0's reference-counting bug on Python 3.11; inert on other versions).
from journeymap import runtime  # noqa: E402

runtime.apply_qt()


import pytest  # noqa: E402


@pytest.fixture
def clean_settings():  # type: ignore[no-untyped-def]
    """No remembered settings (recent files, window layout, export options) before or after a test."""
    from journeymap.ui.settings import app_settings

    app_settings().clear()
    yield
    app_settings().clear()


@pytest.fixture
def user_file(tmp_path):  # type: ignore[no-untyped-def]
    """A user's journey file (the default template, titled Shoes) in a folder of its own."""
    from journeymap.io import save_journey
    from journeymap.model import Journey

    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "shoes.yaml"
    save_journey(Journey.from_template("default", "Shoes"), path)
    return path
