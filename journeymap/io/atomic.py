"""Atomic file writes: the old file stays intact unless the new one is completely on disk."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

_REPLACE_TRIES = 5


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` atomically.

    The bytes go to a temporary file in the same folder, which is flushed, fsynced and
    then renamed over `path` (`os.replace`). If anything fails the temporary file is
    removed, the old file is left byte-identical, and the OSError propagates.
    An existing file's permission bits are kept.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = create_temp(folder, target.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp_name, os.stat(target).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp_name, 0o666 & ~_umask())
        _replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    _fsync_folder(folder)


def create_temp(folder: Path, name: str) -> tuple[int, str]:
    """A new, empty, private file `.NAME.RANDOM.tmp` in `folder`: (open descriptor, path).

    What tempfile.mkstemp does, without importing tempfile (and, through it, random and
    shutil) into every command that saves.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp_name = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp_name, flags, 0o600), tmp_name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _replace(source: str, target: Path) -> None:
    # On Windows a file open in another program (a virus scanner, an editor) makes
    # os.replace fail with a sharing violation for a moment; retry briefly.
    for attempt in range(_REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == _REPLACE_TRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
