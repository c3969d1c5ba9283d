"""What the Mermaid and CSV importers share: one error type, warnings with places, limits.

An imported journey is saved as YAML, so it must stay within the limits the YAML
reader enforces (`journeymap.io.limits`); otherwise the saved file could not be
opened again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from journeymap.io import limits
from journeymap.io.errors import JourneyFileError
from journeymap.io.regular_file import open_regular
from journeymap.model import Journey, slugify

T = TypeVar("T")


class ImportLog:
    """Errors and warnings of one import, each tied to the file and a line (or row)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self.warnings: list[str] = []

    def error(self, line: int | None, message: str) -> JourneyFileError:
        """The exception for a problem at `line` (raise it)."""
        return JourneyFileError(self.path, line, None, message)

    def warn(self, line: int | None, message: str) -> None:
        """Note a problem that was repaired, as `FILE:LINE: message`."""
        self.warnings.append(str(JourneyFileError(self.path, line, None, message)))

    def apply(self, line: int | None, change: Callable[[], T]) -> T:
        """Run a model mutation; its ValueError becomes a JourneyFileError at `line`."""
        try:
            return change()
        except ValueError as err:
            raise self.error(line, str(err)) from None

    def check_text(self, line: int | None, text: str, what: str) -> str:
        """Refuse a text longer than a journey file may hold."""
        if len(text) > limits.MAX_TEXT_LENGTH:
            raise self.error(line, f"the {what} is {len(text):,} characters long; at most {limits.MAX_TEXT_LENGTH:,} "
                                   "fit in a journey file")
        return text

    def room(self, line: int | None, count: int, limit: int, what: str) -> None:
        """Refuse, at `line`, the item that would make `count` pass `limit` (before it is made)."""
        if count >= limit:
            raise self.error(line, f"a journey holds at most {limit:,} {what}")

    def check_size(self, line: int | None, journey: Journey) -> None:
        """Refuse a journey larger than a journey file may hold."""
        counts = (
            (len(journey.stages()), limits.MAX_STAGES, "stages"),
            (journey.touchpoint_count(), limits.MAX_TOUCHPOINTS, "touchpoints"),
            (len(journey.personas()), limits.MAX_PERSONAS, "personas"),
            (len(journey.flows()), limits.MAX_FLOWS, "flows"),
        )
        for count, limit, what in counts:
            if count > limit:
                raise self.error(line, f"a journey holds at most {limit:,} {what}")


def shown(text: str, limit: int = 40) -> str:
    """`text` quoted for a message, cut short: a message stays one readable line."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class IdMaker:
    """Ids for new stages and touchpoints, derived from names exactly as `Journey` does
    (`sees-an-ad`, `sees-an-ad-2`, ...), but remembering where each name's count stands:
    a file of 20,000 tasks of one name would otherwise search 1, 2, 3 ... for each."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.next: dict[str, int] = {}

    def new(self, name: str, fallback: str) -> str:
        """An id no stage or touchpoint has yet."""
        base = slugify(name, fallback)
        n = self.next.get(base, 1)
        while True:
            candidate = base if n == 1 else f"{base}-{n}"
            n += 1
            if not (self.journey.has_stage(candidate) or self.journey.has_touchpoint(candidate)):
                self.next[base] = n
                return candidate


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes within the size limit, or JourneyFileError saying why not."""
    name = os.fspath(path)
    try:
        with open_regular(name) as handle:
            data = handle.read(limits.MAX_FILE_BYTES + 1)
    except OSError as err:
        raise JourneyFileError(name, None, None, f"cannot read the file: {err.strerror or err}") from None
    if len(data) > limits.MAX_FILE_BYTES:
        raise JourneyFileError(name, None, None, f"files to import are limited to {limits.MAX_FILE_BYTES // 2**20} MB")
    return data


def decode_utf8(data: bytes, path: str | os.PathLike[str]) -> str:
    """Strict UTF-8 (an optional BOM is dropped); a bad byte is reported with its line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise JourneyFileError(path, line, None, f"the file is not valid UTF-8 (byte 0x{data[err.start]:02X}); save it "
                                                 "as UTF-8") from None
