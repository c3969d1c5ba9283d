"""What a journey file looked like on disk when we last read or wrote it.

A `DiskStamp` records size, modification time and a SHA-256 of the bytes. Comparing
it with the file now tells whether someone else (an editor, `git pull`, a colleague
on a shared drive) changed the file underneath the open document.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeymap.io import JourneyFileError
from journeymap.io.regular_file import open_regular


@dataclass(frozen=True)
class DiskStamp:
    """Size, mtime (ns) and SHA-256 of a file's bytes at one moment."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, path: Path, data: bytes) -> DiskStamp | None:
        """The stamp of `path` that is known to hold `data` (None when it cannot be stat'ed)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())

    def to_json(self) -> dict[str, Any]:
        """A JSON-friendly dict (for the autosave header)."""
        return {"size": self.size, "mtime_ns": self.mtime_ns, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: object) -> DiskStamp | None:
        """The stamp from `to_json()` output, or None when `data` is not one."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(int(data["size"]), int(data["mtime_ns"]), str(data["sha256"]))
        except (KeyError, TypeError, ValueError):
            return None


def read_bytes(path: Path) -> bytes | None:
    """The bytes of the regular file `path`; None when it is missing, unreadable or not a regular file.

    A pipe or device is never read (that could block or never end).
    """
    try:
        with open_regular(path) as handle:
            return handle.read()
    except (OSError, JourneyFileError):
        return None


def stamp_file(path: Path) -> DiskStamp | None:
    """The current stamp of `path`, or None when it does not exist or cannot be read."""
    data = read_bytes(Path(path))
    return DiskStamp.of_bytes(Path(path), data) if data is not None else None


def changed_on_disk(path: Path, known: DiskStamp | None) -> bool:
    """True when `path` now holds other bytes than those `known` describes.

    A file that is gone, or a document that never knew its file, counts as unchanged:
    saving then cannot overwrite anybody's newer work. Equal size and mtime are trusted
    without reading; otherwise the hash decides, so a mere `touch` is not a change.
    """
    if known is None:
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    if st.st_size == known.size and st.st_mtime_ns == known.mtime_ns:
        return False
    data = read_bytes(Path(path))
    if data is None:
        return False
    return hashlib.sha256(data).hexdigest() != known.sha256
