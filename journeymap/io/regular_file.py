"""Reading only regular files: a pipe, device or socket is refused at once, never read.

Opening a FIFO for reading waits for a writer, and `/dev/zero` never ends, so every
reader opens without blocking (`O_NONBLOCK`, which regular files ignore), checks what it
opened, and reads only a regular file.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from journeymap.io.atomic import kind_of
from journeymap.io.errors import JourneyFileError

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def open_regular(path: str | os.PathLike[str], what: str = "a file") -> BinaryIO:
    """The regular file `path`, open for binary reading (the caller closes it).

    Raises JourneyFileError (no line) at once for a missing file, a folder, a pipe,
    device or socket, or an open error; `what` names the expected file in the messages.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, _FLAGS)
    except FileNotFoundError:
        raise JourneyFileError(name, None, None, "no such file") from None
    except IsADirectoryError:
        raise JourneyFileError(name, None, None, f"is a folder, not {what}") from None
    except OSError as err:
        raise JourneyFileError(name, None, None, f"cannot read the file: {err.strerror or err}") from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as err:
        os.close(fd)
        raise JourneyFileError(name, None, None, f"cannot read the file: {err.strerror or err}") from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise JourneyFileError(name, None, None, f"is a folder, not {what}")
        raise JourneyFileError(name, None, None, f"cannot read: it is {kind_of(mode)}, not {what}")
    return os.fdopen(fd, "rb")
