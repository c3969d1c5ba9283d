"""Issue 13 in the app: a huge number is one error line (File ▸ Open and at start-up); warnings show on open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journeymap.model import Journey
from journeymap.ui.document import Document
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("clean_settings")


class RecordingDialogs(Dialogs):
    """Opens `open_path` when asked; records the errors instead of showing them."""

    def __init__(self, open_path: Path) -> None:
        self.open_path = open_path
        self.errors: list[str] = []

    def ask_open_path(self, parent: QWidget, folder: str) -> Path | None:
        return self.open_path

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append(message)


def huge_number_file(tmp_path: Path) -> Path:
    path = tmp_path / "huge.yaml"
    path.write_text("journeymap: 1\ntitle: T\nstages:\n- {id: a, name: A}\ntouchpoints:\n"
                    f"- {{id: t, stage: a, name: N, emotion: {'9' * 5000}}}\n", encoding="utf-8")
    return path


def test_file_open_of_a_huge_number_shows_one_line_and_keeps_the_map(qtbot: QtBot, tmp_path: Path) -> None:
    dialogs = RecordingDialogs(huge_number_file(tmp_path))
    window = MainWindow(Document(Journey("Mine")), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    window.actions_.open.trigger()
    assert window.document.journey.title == "Mine"
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0].startswith(f"{dialogs.open_path}:6:")
    assert "\n" not in dialogs.errors[0] and "at most 15 digits" in dialogs.errors[0]


def test_start_up_on_a_huge_number_shows_one_line(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymap.ui import app

    shown: list[str] = []
    monkeypatch.setattr(Dialogs, "show_error", lambda self, parent, title, message: shown.append(message))
    window = app.open_window(huge_number_file(tmp_path), show=True)
    qtbot.addWidget(window)
    assert len(shown) == 1 and "at most 15 digits" in shown[0]
    assert window.document.path is None


def test_open_says_what_the_file_loses(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "colour.yaml"
    path.write_text("journeymap: 1\ntitle: T\nstages:\n- id: a\n  name: A\n  color: #4c78a8\n", encoding="utf-8")
    dialogs = RecordingDialogs(path)
    window = MainWindow(Document(Journey("Mine")), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    window.actions_.open.trigger()
    assert window.document.path == path and not dialogs.errors
    message = window.statusBar().currentMessage()
    assert message.startswith("Opened colour.yaml with a warning: line 6:10: 'color' is empty")
