"""The one exception every journey-file reader raises."""

from __future__ import annotations

import os


class JourneyFileError(Exception):
    """A journey file could not be read (or written): where, and what is wrong.

    `line` and `column` are 1-based and None when the problem has no place in the
    file (it does not exist, it is too large, the disk is full). `str()` gives
    `path:line:column: message`, or `path: message` without a place.
    """

    def __init__(self, path: str | os.PathLike[str], line: int | None, column: int | None, message: str) -> None:
        self.path = os.fspath(path)
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        if self.column is None:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.line, self.column, self.message))
