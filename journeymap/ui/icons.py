"""QIcons for the window: channels, emotion faces, toolbar actions, the app.

The SVG files live in `assets/icons`; `journeymap.resources` knows their paths. A
missing file gives an empty icon (the text label still says what it is), never an error.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtGui import QIcon


def _icon_from(getter: str, *args: Any) -> QIcon:
    try:
        from journeymap import resources
    except ImportError:
        return QIcon()
    try:
        path = getattr(resources, getter)(*args)
    except (AttributeError, KeyError, ValueError, FileNotFoundError):
        return QIcon()
    if path is None or not Path(path).is_file():
        return QIcon()
    return QIcon(str(path))


@lru_cache(maxsize=64)
def channel_icon(channel: str | None) -> QIcon:
    """The icon of a known channel; custom channels and None get a generic one or none."""
    return _icon_from("channel_icon_path", channel) if channel else QIcon()


@lru_cache(maxsize=8)
def emotion_icon(emotion: int | None) -> QIcon:
    """The face icon of an emotion value (−2..2), or the 'not rated' face for None."""
    return _icon_from("emotion_icon_path", emotion)


@lru_cache(maxsize=64)
def action_icon(name: str) -> QIcon:
    """A toolbar icon by name ('new', 'open', 'save', 'undo', 'zoom-in', …)."""
    return _icon_from("action_icon_path", name)


@lru_cache(maxsize=1)
def app_icon() -> QIcon:
    """The application icon."""
    return _icon_from("app_icon_path")
