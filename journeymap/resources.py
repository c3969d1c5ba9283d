"""Where the bundled assets are: icons (SVG) and fonts (DejaVu Sans).

The top-level ``assets/`` folder is shipped as the package ``journeymap.assets``; this
module finds files in it with :mod:`importlib.resources`, so the same code works from a
source checkout, an editable install and a wheel. Every function returns a real
filesystem path (Qt and reportlab want one) and raises :class:`FileNotFoundError` with
the missing path in the message when a file is not there.

No Qt here: the UI wraps these paths in ``QIcon``/``QSvgRenderer``, the PDF export hands
the fonts to reportlab.
"""

from __future__ import annotations

import atexit
import contextlib
import re
from importlib.resources import as_file, files
from pathlib import Path, PurePosixPath

from journeymap.model.vocabulary import CHANNELS

__all__ = [
    "ACTIONS",
    "EMOTION_ICONS",
    "FONT_STYLES",
    "action_icon_path",
    "app_icon_path",
    "asset_path",
    "channel_icon_path",
    "emotion_icon_path",
    "font_path",
]

_PACKAGE = "journeymap.assets"

#: Icon file stem for each emotion value; ``None`` is "not rated yet".
EMOTION_ICONS: dict[int | None, str] = {
    -2: "very-negative",
    -1: "negative",
    0: "neutral",
    1: "positive",
    2: "very-positive",
    None: "unrated",
}

#: The toolbar icons that ship in ``assets/icons/actions``.
ACTIONS: tuple[str, ...] = (
    "new", "open", "save", "save-as", "export-pdf",
    "undo", "redo", "cut", "copy", "paste", "duplicate", "delete",
    "add-stage", "add-touchpoint", "connect",
    "zoom-in", "zoom-out", "zoom-fit",
    "insights", "heatmap", "settings",
)

#: Font file for each style accepted by :func:`font_path`.
FONT_STYLES: dict[str, str] = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "oblique": "DejaVuSans-Oblique.ttf",
    "bold-oblique": "DejaVuSans-BoldOblique.ttf",
}

_ICON_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Files extracted from a zipped install, kept (once each) until the interpreter exits.
_extracted = contextlib.ExitStack()
_extracted_paths: dict[str, Path] = {}
atexit.register(_extracted.close)


def asset_path(relative: str) -> Path:
    """The filesystem path of an asset, given relative to ``assets/`` with ``/`` separators.

    >>> asset_path("icons/app.svg").name
    'app.svg'

    Raises ValueError for an absolute path or one that climbs out with ``..``, and
    FileNotFoundError if the asset is not installed.
    """
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
        raise ValueError(f"asset path must be relative to the assets folder: {relative!r}")
    key = "/".join(parts)
    resource = files(_PACKAGE).joinpath(key)
    if not resource.is_file():
        raise FileNotFoundError(
            f"journeymap asset {relative!r} is missing (looked in {files(_PACKAGE)}); "
            "the installation is incomplete"
        )
    if isinstance(resource, Path):
        return resource
    # Installed as a zip: extract once, keep it for the life of the process.
    if key not in _extracted_paths:
        _extracted_paths[key] = _extracted.enter_context(as_file(resource))
    return _extracted_paths[key]


def channel_icon_path(channel: str | None) -> Path:
    """The icon of a channel.

    A known channel id (``website``, ``email``, …) gets its own icon, any other text (a
    custom channel) the generic ``custom.svg``, and no channel (None or blank) ``none.svg``.
    """
    if channel is None or not channel.strip():
        stem = "none"
    elif channel in CHANNELS:
        stem = channel
    else:
        stem = "custom"
    return asset_path(f"icons/channels/{stem}.svg")


def emotion_icon_path(emotion: int | None) -> Path:
    """The face icon of an emotion value −2..2, or the "not rated" face for None.

    Raises ValueError for any other value.
    """
    if isinstance(emotion, bool) or emotion not in EMOTION_ICONS:
        raise ValueError(f"emotion must be an integer from -2 to 2 or None, not {emotion!r}")
    return asset_path(f"icons/emotion/{EMOTION_ICONS[emotion]}.svg")


def action_icon_path(name: str) -> Path:
    """The toolbar icon called `name` (see :data:`ACTIONS`), e.g. ``"save"`` or ``"zoom-in"``.

    Raises ValueError if `name` is not an icon name (lowercase words joined by ``-``) and
    FileNotFoundError if there is no such icon.
    """
    if not _ICON_NAME.fullmatch(name):
        raise ValueError(f"not an icon name: {name!r}")
    return asset_path(f"icons/actions/{name}.svg")


def app_icon_path() -> Path:
    """The application icon (SVG)."""
    return asset_path("icons/app.svg")


def font_path(style: str = "regular") -> Path:
    """The DejaVu Sans font file for `style`: regular, bold, oblique or bold-oblique.

    ``italic`` is accepted for ``oblique``; case, spaces and underscores do not matter
    (``"Bold Oblique"`` works). Raises ValueError for an unknown style.
    """
    key = re.sub(r"[\s_]+", "-", style.strip().lower()).replace("italic", "oblique")
    if key not in FONT_STYLES:
        raise ValueError(f"unknown font style {style!r}; use one of {', '.join(FONT_STYLES)}")
    return asset_path(f"fonts/{FONT_STYLES[key]}")
