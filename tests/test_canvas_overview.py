"""Zoom to fit (Ctrl+0) on a workshop-sized map keeps the names readable: card names and
stage names are drawn at a readable screen size (wrapped, cut with "…") where their own
size would be a few pixels high, so the overview a room looks at is not blank boxes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journeymap.model import Journey
from journeymap.ui.canvas.painting import MIN_TEXT_PX
from journeymap.ui.document import Document
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import MainWindow
from journeymap.ui.settings import app_settings

STEPS = {"Awareness": ["Sees a friend's card", "Searches for no-fee accounts", "Reads a comparison site"],
         "Consideration": ["Compares fees", "Checks the app reviews"],
         "Intent": ["Starts the application", "Uploads a passport photo", "Waits for a video call"],
         "Purchase": ["Signs the contract", "Gets the card by post"],
         "Retention": ["Activates the card", "Sets up a salary transfer"], "Advocacy": ["Leaves an app store review"]}


def bank_account() -> Journey:
    """The 13-touchpoint map of the issue: opening a bank account online."""
    j = Journey("Opening a bank account online")
    previous = None
    for stage, names in STEPS.items():
        stage_id = j.add_stage(stage).id
        for name in names:
            tp = j.add_touchpoint(stage_id, name, channel="mobile-app", emotion=0, friction=1)
            if previous is not None:
                j.add_flow(previous, tp.id)
            previous = tp.id
    return j


class DiscardingDialogs(Dialogs):
    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        return "discard"


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    app_settings().clear()
    w = MainWindow(Document(bank_account()), dialogs=DiscardingDialogs())
    qtbot.addWidget(w)
    w.resize(1600, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    app_settings().clear()


def _ink(image: QImage, rect: QRectF, ink: QColor) -> int:
    """How many pixels in `rect` are close to the colour `ink` (text), sampled every pixel."""
    count = 0
    for x in range(int(rect.left()), int(rect.right())):
        for y in range(int(rect.top()), int(rect.bottom())):
            c = image.pixelColor(x, y)
            if abs(c.red() - ink.red()) + abs(c.green() - ink.green()) + abs(c.blue() - ink.blue()) < 150:
                count += 1
    return count


def test_ctrl_0_shows_every_card_and_stage_name(qtbot: QtBot, window: MainWindow) -> None:
    view, scene = window.view, window.scene
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    zoom = view.zoom()
    # at this zoom the names at their own size would be left out as unreadable
    assert scene.options.name_font_size * zoom < MIN_TEXT_PX
    image = view.viewport().grab().toImage()
    ink = scene.ctx.colors.ink
    for tp_id, box in scene.layout.cards.items():
        r = box.rect
        top_left = view.mapFromScene(QPointF(r.x, r.y + r.h * 0.3))
        bottom_right = view.mapFromScene(QPointF(r.x + r.w, r.y + r.h))
        body = QRectF(top_left.toPointF(), bottom_right.toPointF()).adjusted(2, 0, -2, -2)
        assert view.viewport().rect().contains(body.toRect())
        assert _ink(image, body, ink) > 15, f"no name drawn on {tp_id}"
    for stage in scene.layout.stages:
        h = stage.header
        header = QRectF(view.mapFromScene(QPointF(h.x, h.y)).toPointF(),
                        view.mapFromScene(QPointF(h.x + h.w, h.y + h.h)).toPointF()).adjusted(2, 2, -2, -2)
        background = image.pixelColor(int(header.left()) + 1, int(header.top()) + 1)
        text = QColor(255 - background.red(), 255 - background.green(), 255 - background.blue())
        assert _ink(image, header, text) + _ink(image, header, QColor("white")) + _ink(image, header, ink) > 15, \
            f"no name drawn on stage {stage.id}"
