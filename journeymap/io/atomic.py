"""Atomic file writes: the old file stays intact unless the new one is completely on disk.

What is written is the file a path finally names: through a symbolic link, its target is
replaced (in the target's folder) and the link stays a link. A new file takes the mode
and owner of the file it replaces (or of `like`), never a device's; a read-only file is
refused unless the caller says the user insisted.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

from journeymap.runtime import current_umask

_REPLACE_TRIES = 5


class ReadOnlyFileError(PermissionError):
    """The file to replace is read-only (no write permission bit, or not writable by us)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(errno.EACCES, "the file is read-only", os.fspath(path))


class NotRegularFileError(OSError):
    """The path names a device, pipe, socket or folder: replacing it with a file is never meant."""

    def __init__(self, path: str | os.PathLike[str], what: str) -> None:
        super().__init__(errno.EINVAL, f"it is {what}, not a regular file", os.fspath(path))


def real_path(path: str | os.PathLike[str]) -> Path:
    """The absolute path of the file that `path` finally names (symbolic links followed)."""
    return Path(os.path.realpath(os.fspath(path)))


def kind_of(mode: int) -> str:
    """'a folder', 'a pipe', 'a device', ... for a non-regular `st_mode` (for messages)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def is_read_only(path: str | os.PathLike[str]) -> bool:
    """True when `path` (followed) exists and is marked read-only or is not writable by us.

    A file without any write bit (0444) counts as read-only even for root, as editors treat it.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and (not mode & 0o222 or not os.access(path, os.W_OK))


def can_replace(path: str | os.PathLike[str]) -> bool:
    """True when we could replace the existing file `path` (followed) keeping its owner.

    That needs write access to its folder and, unless we are the superuser, owning it.
    """
    target = real_path(path)
    try:
        st = os.stat(target)
    except OSError:
        return False
    geteuid = getattr(os, "geteuid", None)
    if geteuid is not None and geteuid() not in (0, st.st_uid):
        return False
    return os.access(target.parent, os.W_OK | os.X_OK)


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    mode: int | None = None,
    like: str | os.PathLike[str] | None = None,
    overwrite_read_only: bool = False,
) -> Path:
    """Write `data` to the file `path` names, atomically; returns the path really written.

    The bytes go to a temporary file in the target's folder (`tempfile.mkstemp`), which is
    flushed, fsynced and then renamed over the target (`os.replace`). Through a symbolic
    link the link's target is written and the link kept. If anything fails the temporary
    file is removed, the old file is left byte-identical, and the OSError propagates.

    Permissions: `mode` when given (e.g. 0o600 for private files); else the mode, owner and
    group of `like` when given, else of the file replaced; a new file gets 0o666 less the
    umask. A target that is not a regular file raises NotRegularFileError; a read-only one
    ReadOnlyFileError, unless `overwrite_read_only` (the user insisted).
    """
    target = real_path(path)
    existing = _regular_stat(target)
    if existing is not None and not overwrite_read_only and is_read_only(target):
        raise ReadOnlyFileError(target)
    template = existing
    if like is not None:
        template = _regular_stat(real_path(like)) or existing
    folder = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _set_permissions(tmp_name, template, mode)
        _replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_folder(folder)
    return target


def _regular_stat(target: Path) -> os.stat_result | None:
    """The stat of an existing regular file, None when nothing is there; raises for anything else."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFileError(target, kind_of(st.st_mode))
    return st


def _set_permissions(tmp_name: str, template: os.stat_result | None, mode: int | None) -> None:
    if template is not None and mode is None and hasattr(os, "chown"):
        # Owner first: chown may clear set-id bits that the chmod below restores.
        try:
            os.chown(tmp_name, template.st_uid, template.st_gid)
        except OSError:  # not ours to give away; the group alone may still be allowed
            with contextlib.suppress(OSError):
                os.chown(tmp_name, -1, template.st_gid)
    if mode is not None:
        os.chmod(tmp_name, mode)
    elif template is not None:
        os.chmod(tmp_name, template.st_mode & 0o7777)
    else:
        os.chmod(tmp_name, 0o666 & ~current_umask())


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

