"""Single CSV cells: lists joined by ' | ', numbers, scales, channels, spreadsheet formulas.

Reading is forgiving where people type sheets by hand (labels such as 'Negative' or
'Mobile app', a decimal comma, '−' for minus); writing is exact, so that what we
write reads back to the same values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

from journeymap.model import CHANNELS, EVIDENCE_LEVELS
from journeymap.model.vocabulary import MAX_INT_DIGITS

LIST_SEPARATOR = " | "
_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")


def _escape_item(item: str) -> str:
    out = []
    for i, char in enumerate(item):
        if char == "|":
            out.append("\\|")
        elif char == "\\" and item[i + 1: i + 2] in ("\\", "|"):
            out.append("\\\\")
        else:
            out.append(char)
    return "".join(out)


def join_list(items: Iterable[str]) -> str:
    """Items joined by ' | '; a '|' inside an item is written '\\|' (and '\\' before it '\\\\')."""
    return LIST_SEPARATOR.join(_escape_item(item) for item in items)


def split_list(cell: str) -> tuple[str, ...]:
    """The items of a list cell: split at each '|' not escaped by '\\', stripped, empties dropped.

    '\\|' is a literal '|', '\\\\' a literal '\\'; any other backslash is kept as written.
    """
    items: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(cell):
        char = cell[i]
        if char == "\\" and cell[i + 1: i + 2] in ("\\", "|"):
            current.append(cell[i + 1])
            i += 2
            continue
        if char == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    items.append("".join(current))
    return tuple(item.strip() for item in items if item.strip())


def guard_formula(text: str) -> str:
    """Text that a spreadsheet will not run as a formula: a leading ' when it starts with = + - @."""
    return "'" + text if _FORMULA.match(text) else text


def unguard_formula(cell: str) -> str:
    """Undo `guard_formula`."""
    return cell[1:] if _GUARDED.match(cell) else cell


def parse_number(cell: str) -> int | float | None:
    """A number as people type it (12, -0.5, 1e3, 4,1, −2), or None when the cell is no number."""
    text = cell.strip().replace("\u2212", "-")
    if _INT.fullmatch(text) and len(text.lstrip("+-").lstrip("0")) <= MAX_INT_DIGITS:
        return int(text)  # longer digit strings are read as floats below, never converted to int
    if _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    if _FLOAT.fullmatch(text):
        value = float(text)
        return value if math.isfinite(value) else None
    return None


def parse_scale(cell: str, labels: Mapping[int, str] | None, what: str) -> int | None:
    """A whole number (emotion, friction, row) or, when `labels` are given, its label; '' is None.

    The range is checked by the model; this only turns text into a whole number.
    """
    text = cell.strip()
    if not text:
        return None
    value = parse_number(text)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value
    for number, label in (labels or {}).items():
        if text.casefold() == label.casefold():
            return number
    names = f" or a label ({', '.join(labels.values())})" if labels else ""
    shown = text if len(text) <= 40 else text[:39] + "…"
    raise ValueError(f"{what} must be a whole number{names}, not {shown!r}")


def _simple(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip().casefold())


def parse_channel(cell: str) -> str | None:
    """A known channel by id or name ('Mobile app' → 'mobile-app'); other text is a custom channel."""
    text = cell.strip()
    if not text:
        return None
    for channel_id, label in CHANNELS.items():
        if _simple(text) in (_simple(channel_id), _simple(label)):
            return channel_id
    return text


def parse_evidence(cell: str) -> str | None:
    """An evidence level by id or name ('Measured' → 'measured'); the model refuses others."""
    text = cell.strip()
    if not text:
        return None
    for level, label in EVIDENCE_LEVELS.items():
        if text.casefold() in (level, label.casefold()):
            return level
    return text
