"""The Insights panel gives names the room they need: long names wrap instead of being cut
off, the default column is wide enough for most, and every entry's tooltip has its full text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journeymap.io import load_journey
from journeymap.ui.document import Document
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import LEFT_DOCK_WIDTH, MainWindow
from journeymap.ui.settings import app_settings

SAMPLE = Path(__file__).resolve().parent.parent / "sample_journeys" / "online-retail.yaml"


class DiscardingDialogs(Dialogs):
    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        return "discard"


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    app_settings().clear()
    w = MainWindow(Document(load_journey(SAMPLE)), dialogs=DiscardingDialogs())
    qtbot.addWidget(w)
    w.resize(1600, 900)
    w.show()
    qtbot.waitExposed(w)
    w.insights_dock.raise_()
    qtbot.waitUntil(lambda: w.insights_panel.topLevelItemCount() > 0)
    yield w
    app_settings().clear()


@pytest.mark.parametrize("width", [None, 220])
def test_every_entry_shows_its_whole_text(qtbot: QtBot, window: MainWindow, width: int | None) -> None:
    panel = window.insights_panel
    if width is None:
        assert window.insights_dock.width() >= LEFT_DOCK_WIDTH
    else:
        window.resizeDocks([window.palette_dock], [width], Qt.Orientation.Horizontal)
        qtbot.waitUntil(lambda: abs(window.insights_dock.width() - width) < 20)
    wrapped = 0
    for key in ("hotspots", "lows", "switches"):
        section = panel.section(key)
        assert section is not None
        section.setExpanded(True)
        qtbot.wait(10)
        for item in panel.entries(key):
            text = item.text(0)
            assert text.split(" → ")[0] in item.toolTip(0)  # the full name is one hover away too
            rect = panel.visualItemRect(item)
            metrics = panel.fontMetrics()
            room = rect.width() - panel.iconSize().width() - 12
            lines = 1 if metrics.horizontalAdvance(text) <= room else 2
            assert rect.height() >= lines * metrics.lineSpacing(), (text, rect, room)
            wrapped += lines == 2
    if width is not None:
        assert wrapped >= 3, "at this width some names need two lines, and get them"
