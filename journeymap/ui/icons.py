"""QIcons for the window: channels, emotion faces, toolbar actions, the app.

The SVG files live in `assets/icons`; `journeymap.resources` knows their paths. Line
icons are drawn in one dark ink; on a dark palette they are redrawn in the palette's
text colour so they stay visible. A missing file gives an empty icon (the text label
still says what it is), never an error.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

#: The ink the line icons are drawn in (see assets/LICENSE-icons.md).
ICON_INK = "#37474F"
_SIZES = (16, 20, 24, 32, 48)


def _dark_palette() -> bool:
    if QGuiApplication.instance() is None:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _path(getter: str, *args: Any) -> Path | None:
    try:
        from journeymap import resources
    except ImportError:
        return None
    try:
        path = getattr(resources, getter)(*args)
    except (AttributeError, KeyError, ValueError, FileNotFoundError):
        return None
    return Path(path) if path is not None and Path(path).is_file() else None


def _inked(path: Path, ink: str) -> QIcon:
    """The line icon at `path` with its ink replaced by `ink`, at the usual sizes."""
    svg = path.read_text(encoding="utf-8").replace(ICON_INK, ink).replace(ICON_INK.lower(), ink)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    icon = QIcon()
    for size in _SIZES:
        for ratio in (1, 2):
            pixmap = QPixmap(size * ratio, size * ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter, QRectF(0, 0, size * ratio, size * ratio))
            painter.end()
            pixmap.setDevicePixelRatio(ratio)
            icon.addPixmap(pixmap)
    return icon


def _icon(getter: str, *args: Any, line_icon: bool = True) -> QIcon:
    path = _path(getter, *args)
    if path is None:
        return QIcon()
    if line_icon and _dark_palette():
        ink = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
        return _inked(path, ink)
    return QIcon(str(path))


@lru_cache(maxsize=64)
def _cached(getter: str, arg: Any, line_icon: bool, dark: bool) -> QIcon:
    return _icon(getter, *(() if arg is _NO_ARG else (arg,)), line_icon=line_icon)


_NO_ARG = object()


def channel_icon(channel: str | None) -> QIcon:
    """The icon of a channel (a generic one for custom channels); none for no channel."""
    return _cached("channel_icon_path", channel, True, _dark_palette()) if channel else QIcon()


def emotion_icon(emotion: int | None) -> QIcon:
    """The face icon of an emotion value (−2..2), or the 'not rated' face for None."""
    # The coloured faces read on any background; the grey "not rated" outline needs the ink.
    return _cached("emotion_icon_path", emotion, emotion is None, _dark_palette())


def action_icon(name: str) -> QIcon:
    """A toolbar icon by name ('new', 'open', 'save', 'undo', 'zoom-in', …)."""
    return _cached("action_icon_path", name, True, _dark_palette())


def app_icon() -> QIcon:
    """The application icon."""
    return _cached("app_icon_path", _NO_ARG, False, False)
