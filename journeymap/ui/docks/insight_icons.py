"""Small row icons of the Insights dock (40 × 16): a friction badge with its number next
to the emotion face, two faces for a drop, two channel icons for a switch, a warning sign.

Every icon says its value by shape or digit as well as by colour.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap, QPolygonF

from journeymap.layout.style import friction_color, text_on
from journeymap.ui.icons import channel_icon, emotion_icon

WIDTH, HEIGHT = 40, 16
_RATIO = 2  # drawn at twice the size, so the icons stay sharp on high-density screens


def _text_color() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText)


def _draw(paint: Callable[[QPainter], None]) -> QIcon:
    pixmap = QPixmap(WIDTH * _RATIO, HEIGHT * _RATIO)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(_RATIO, _RATIO)
    paint(painter)
    painter.end()
    pixmap.setDevicePixelRatio(_RATIO)
    return QIcon(pixmap)


def _icon_at(painter: QPainter, icon: QIcon, x: float, size: int = 16) -> None:
    rect = QRectF(x, (HEIGHT - size) / 2, size, size).toRect()
    icon.paint(painter, rect)


def _arrow(painter: QPainter, x: float, down: bool = False) -> None:
    painter.setPen(QPen(_text_color(), 1.3))
    y = HEIGHT / 2
    if down:
        painter.drawLine(QPointF(x, y - 4), QPointF(x + 4, y + 3))
        painter.drawLine(QPointF(x + 4, y + 3), QPointF(x + 1, y + 2))
        painter.drawLine(QPointF(x + 4, y + 3), QPointF(x + 4.4, y))
    else:
        painter.drawLine(QPointF(x, y), QPointF(x + 5, y))
        painter.drawLine(QPointF(x + 5, y), QPointF(x + 2.5, y - 2.5))
        painter.drawLine(QPointF(x + 5, y), QPointF(x + 2.5, y + 2.5))


def _badge(painter: QPainter, friction: int | None) -> None:
    rect = QRectF(0.5, 1.5, 19, 13)
    font = QFont(painter.font())
    font.setPixelSize(10)
    font.setBold(True)
    painter.setFont(font)
    if friction is None:
        painter.setPen(QPen(_text_color(), 1.0, Qt.PenStyle.DotLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 6, 6)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "–")
        return
    color = QColor(friction_color(friction))
    painter.setPen(QPen(color.darker(130), 1.0))
    painter.setBrush(color)
    painter.drawRoundedRect(rect, 6.5, 6.5)
    painter.setPen(QColor(text_on(color.name())))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(friction))


@lru_cache(maxsize=64)
def _severity(friction: int | None, emotion: int | None, dark: bool) -> QIcon:
    def paint(p: QPainter) -> None:
        _badge(p, friction)
        _icon_at(p, emotion_icon(emotion), 23)
    return _draw(paint)


@lru_cache(maxsize=64)
def _drop(before: int | None, after: int | None, dark: bool) -> QIcon:
    def paint(p: QPainter) -> None:
        _icon_at(p, emotion_icon(before), 1, 14)
        _arrow(p, 17, down=True)
        _icon_at(p, emotion_icon(after), 24, 14)
    return _draw(paint)


@lru_cache(maxsize=128)
def _channels(source: str, target: str, dark: bool) -> QIcon:
    def paint(p: QPainter) -> None:
        _icon_at(p, channel_icon(source), 0)
        _arrow(p, 18)
        _icon_at(p, channel_icon(target), 24)
    return _draw(paint)


@lru_cache(maxsize=2)
def _warning(dark: bool) -> QIcon:
    def paint(p: QPainter) -> None:
        p.setPen(QPen(QColor("#8A6D00"), 1.0))
        p.setBrush(QColor("#F2C94C"))
        p.translate((WIDTH - 18) / 2, 0)  # centred where the other rows show their badge and face
        p.drawPolygon(QPolygonF([QPointF(1, 14.5), QPointF(9, 1.5), QPointF(17, 14.5)]))
        font = QFont(p.font())
        font.setPixelSize(10)
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#000000"))
        p.drawText(QRectF(1, 4, 16, 11), Qt.AlignmentFlag.AlignCenter, "!")
    return _draw(paint)


def _dark() -> bool:
    return _text_color().lightness() > 128


def severity_icon(friction: int | None, emotion: int | None) -> QIcon:
    """The friction badge (its number; dotted '–' when not rated) and the emotion face."""
    return _severity(friction, emotion, _dark())


def drop_icon(before: int | None, after: int | None) -> QIcon:
    """The emotion face before and after a fall, with a downward arrow between."""
    return _drop(before, after, _dark())


def channel_pair_icon(source: str, target: str) -> QIcon:
    """The two channel icons of a switch with an arrow between."""
    return _channels(source, target, _dark())


def warning_icon() -> QIcon:
    """A warning triangle with an exclamation mark."""
    return _warning(_dark())
