"""The embedded fonts' parsed tables, remembered between runs in the user's cache folder.

reportlab parses a TrueType file in Python, glyph by glyph: the three DejaVu faces take
about 60 ms, a sixth of a small export. What it keeps of the file (metrics, the
character-to-glyph map, glyph offsets) is plain data, so it is written once to
`<cache>/fonts/NAME.marshal` and read back in about a millisecond. An entry holds the
font file's size and modification time and the reportlab and Python versions it was
made with; an entry that does not match, cannot be read or does not make a complete face
is ignored and written anew. The cache folder is the platform's per-user cache
(as `platformdirs.user_cache_dir` names it), or `JOURNEYMAP_CACHE_DIR` when set; a folder that cannot
be written only means parsing every time.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import Any

from reportlab.pdfbase.ttfonts import TTFontFace

from journeymap.export.pdf import rl_compat
from journeymap.io.atomic import atomic_write
from journeymap.runtime import paused_gc

__all__ = ["cache_folder", "load_face"]

#: Bump when what an entry holds changes.
FORMAT = 1


def cache_folder() -> Path:
    """Where the parsed fonts are kept: `platformdirs.user_cache_dir`'s `fonts`, or under `JOURNEYMAP_CACHE_DIR`."""
    override = os.environ.get("JOURNEYMAP_CACHE_DIR")
    if override:
        return Path(override) / "fonts"
    import platformdirs  # about 3 ms, only when the folder is asked for

    return Path(platformdirs.user_cache_dir("journeymap", appauthor=False)) / "fonts"


def _key(path: Path) -> tuple[object, ...]:
    stat = path.stat()
    return (FORMAT, path.name, stat.st_size, stat.st_mtime_ns, rl_compat.reportlab_version(), sys.version_info[:2])


def load_face(path: Path) -> TTFontFace:
    """The parsed face of the TrueType file at `path`, from the cache when it has it."""
    key = _key(path)
    entry = cache_folder() / f"{path.stem}.marshal"
    face = _read(entry, key, path)
    if face is None:
        with paused_gc():
            face = TTFontFace(str(path))
        _write(entry, key, face)
    return face


def _read(entry: Path, key: tuple[object, ...], path: Path) -> TTFontFace | None:
    try:
        with paused_gc():  # tens of thousands of small objects, none in a cycle
            stored_key, attributes, names = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if stored_key != key or not isinstance(attributes, dict) or not isinstance(names, dict):
        return None
    try:
        data = path.read_bytes()  # the subsets are cut from the file
    except OSError:
        return None
    return rl_compat.face_from_attributes(attributes, names, str(path), data)


def _write(entry: Path, key: tuple[object, ...], face: TTFontFace) -> None:
    attributes, names = rl_compat.face_attributes(face)
    try:
        entry_data: Any = (key, attributes, names)  # plain data; marshal raises ValueError otherwise
        data = marshal.dumps(entry_data)
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(entry, data)
    except (OSError, ValueError):
        pass  # no cache: the next run parses the font again
