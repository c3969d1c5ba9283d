"""Cards on high-DPI screens: at a device pixel ratio of 1.25, 1.5 or 2 every card's frame and
fill cover the whole card, as the 1× rendering scaled up does (not only its top-left part)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from journeymap.io import load_journey
from journeymap.ui.canvas.scene import JourneyScene
from journeymap.ui.document import Document

SAMPLES = Path(__file__).resolve().parent.parent / "sample_journeys"

WIDTH, HEIGHT = 1200, 700


def _render(scene: JourneyScene, source: QRectF, ratio: float) -> QImage:
    image = QImage(round(WIDTH * ratio), round(HEIGHT * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(0, 0, WIDTH, HEIGHT), source)
    painter.end()
    return image


def _ink(image: QImage, x: float, y: float, ratio: float, horizontal: bool) -> float:
    """How much outline crosses a card's edge near the logical point (x, y): the darkness
    summed across the edge (5 px either side, in logical pixels, so antialiasing at any
    ratio counts the same), at the darkest of the places 6 px either side along it
    (dashed and dotted outlines have gaps)."""
    best = 0.0
    reach = round(5 * ratio)
    for along in range(-6, 7):
        total = 0.0
        for across in range(-reach, reach + 1):
            if horizontal:
                px, py = round((x + along) * ratio), round(y * ratio) + across
            else:
                px, py = round(x * ratio) + across, round((y + along) * ratio)
            total += 255 - QColor(image.pixelColor(px, py)).lightness()
        best = max(best, total / ratio)
    return best


@pytest.mark.parametrize("ratio", [1.0, 1.25, 1.5, 2.0])
def test_card_frames_match_the_1x_rendering_scaled(qtbot: QtBot, ratio: float) -> None:
    document = Document(load_journey(SAMPLES / "online-retail.yaml"))
    scene = JourneyScene(document)
    bounds = scene.layout.bounds
    source = QRectF(bounds.x, bounds.y, WIDTH, HEIGHT)
    reference = _render(scene, source, 1.0).scaled(round(WIDTH * ratio), round(HEIGHT * ratio),
                                                   Qt.AspectRatioMode.IgnoreAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation)
    image = _render(scene, source, ratio)
    cards = [c.rect for c in scene.layout.cards.values()
             if source.contains(QRectF(c.rect.x, c.rect.y, c.rect.w, c.rect.h))]
    assert len(cards) >= 3
    for card in cards:
        # the outline along all four edges: drawn, and as dark as in the 1× rendering scaled
        left, top = card.x - bounds.x, card.y - bounds.y
        edges = [(left + card.w * f, top, True) for f in (0.3, 0.6, 0.9)]
        edges += [(left + card.w * f, top + card.h, True) for f in (0.3, 0.6, 0.9)]
        edges += [(left, top + card.h * f, False) for f in (0.3, 0.6, 0.9)]
        edges += [(left + card.w, top + card.h * f, False) for f in (0.3, 0.6, 0.9)]
        for x, y, horizontal in edges:
            got, want = _ink(image, x, y, ratio, horizontal), _ink(reference, x, y, ratio, horizontal)
            assert want > 60, "the 1x rendering shows the outline"
            assert got > 0.6 * want, (ratio, card, (x, y), got, want)
        # and the card is filled to its bottom-right corner
        fill = image.pixelColor(round((left + card.w - 8) * ratio), round((top + card.h - 8) * ratio))
        assert fill == reference.pixelColor(round((left + card.w - 8) * ratio), round((top + card.h - 8) * ratio))
    scene.detach()
