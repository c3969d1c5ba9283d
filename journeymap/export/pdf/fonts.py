"""The embedded fonts (DejaVu Sans) and the check for characters they cannot draw."""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from journeymap import resources
from journeymap.export.pdf import font_cache, rl_compat
from journeymap.model import Journey, Touchpoint

REGULAR = "JM-DejaVuSans"
BOLD = "JM-DejaVuSans-Bold"
OBLIQUE = "JM-DejaVuSans-Oblique"
FAMILY = "JM-DejaVuSans"

_FACES = {REGULAR: "regular", BOLD: "bold", OBLIQUE: "oblique"}
_ELLIPSIS = "…"
#: Widths a font remembers before it starts afresh (a long session exports many journeys).
_WIDTH_MEMO = 50_000


class _MeasuredFont(TTFont):  # type: ignore[misc]
    """A TrueType font that remembers the widths it measured.

    Line breaking in the table pages measures every word of every cell, several times
    (measure, split across pages, draw); most words recur. Without reportlab's optional
    C accelerator each measurement is a Python loop over the characters.
    """

    def __init__(self, name: str, filename: str) -> None:
        # TTFont.__init__ would parse the file again: hand it the face parsed earlier (font_cache).
        with rl_compat.ttfont_parsing_as(font_cache.load_face(Path(filename))):
            super().__init__(name, filename)
        self._widths: dict[tuple[str, float, str], float] = {}
        # per document (reportlab's own per-document state is keyed the same way)
        self._splits: weakref.WeakKeyDictionary[object, dict[str, list[tuple[int, str]]]] = (
            weakref.WeakKeyDictionary())

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list[tuple[int, str]]:  # noqa: N802
        """reportlab's mapping of `text` onto the font's subsets in `doc`, remembered per document.

        Once a character has its place in a subset it keeps it, so the same text always
        splits the same way in one document; a map and its tables repeat many strings.
        """
        if type(text) is not str:  # bytes, or reportlab's shaped strings: not remembered
            return list(super().splitString(text, doc, encoding))
        memo = self._splits.get(doc)
        if memo is None:
            memo = self._splits[doc] = {}
        result = memo.get(text)
        if result is None:
            result = memo[text] = super().splitString(text, doc, encoding)
        return result

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802 (reportlab API)
        key = (text, size, encoding)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= _WIDTH_MEMO:
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register DejaVu Sans regular, bold and oblique with reportlab (once per process).

    TrueType fonts registered this way are subset and embedded in every PDF that uses them.
    """
    # Binary (Flate only) page streams: a fifth smaller than ASCII85 and much faster to
    # write without reportlab's optional C accelerator.
    rl_config.useA85 = 0
    for name, face in _FACES.items():
        pdfmetrics.registerFont(_MeasuredFont(name, str(resources.font_path(face))))
    # The family mapping (bold-oblique falls back to bold), for reportlab code that looks fonts up by style.
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, OBLIQUE)
    addMapping(FAMILY, 1, 1, BOLD)


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    return frozenset(font.face.charToGlyph)


def missing_characters(text: str) -> list[str]:
    """The distinct characters of `text` that DejaVu Sans has no glyph for, in order of appearance."""
    drawable = _drawable()
    if drawable.issuperset(map(ord, text)):  # the usual case, checked without a Python loop
        return []
    missing: dict[str, None] = {}
    for char in dict.fromkeys(text):
        if ord(char) in drawable or _is_invisible(char):
            continue
        missing[char] = None
    return list(missing)


def _is_invisible(char: str) -> bool:
    # Controls, format characters (joiners) and variation selectors draw nothing on their
    # own: the visible character they belong to decides whether a box appears.
    code = ord(char)
    return (unicodedata.category(char) in ("Cc", "Cf")
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)


def _describe(chars: list[str]) -> str:
    shown = chars[:6]
    codes = ", ".join(f"{c} U+{ord(c):04X}" for c in shown)
    more = f" and {len(chars) - len(shown)} more" if len(chars) > len(shown) else ""
    return codes + more


def _touchpoint_texts(tp: Touchpoint) -> Iterable[str]:
    yield tp.name
    yield tp.description
    yield tp.channel or ""
    yield tp.owner
    yield from tp.pain_points
    yield from tp.opportunities
    yield from tp.metrics


def glyph_warnings(journey: Journey) -> list[str]:
    """One warning per journey part whose text holds characters the embedded font cannot draw.

    Each touchpoint is named, so the user knows where to look; such characters print as
    empty boxes (reportlab draws the font's 'missing glyph').
    """
    warnings: list[str] = []

    def check(where: str, texts: Iterable[str]) -> None:
        chars = missing_characters("".join(texts))
        if chars:
            warnings.append(
                f"{where}: the PDF font cannot draw {_describe(chars)}; they print as empty boxes"
            )

    check("journey title and description", (journey.title, journey.description))
    for persona in journey.personas():
        check(f"persona {persona.id!r} ({persona.name})",
              (persona.name, persona.description, *persona.goals, *persona.needs, *persona.frustrations))
    for stage in journey.stages():
        check(f"stage {stage.id!r} ({stage.name})", (stage.name, stage.description))
    for tp in journey:
        check(f"touchpoint {tp.id!r} ({tp.name})", _touchpoint_texts(tp))
    for flow in journey.flows():
        if flow.label:
            check(f"flow {flow.source} → {flow.target}", (flow.label,))
    return warnings


def string_width(text: str, font: str, size: float) -> float:
    """Width of `text` in points when set in `font` at `size`."""
    return float(pdfmetrics.stringWidth(text, font, size))


def ellipsize(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut and ended with '…' so that it is at most `width` wide ('' if not even '…' fits)."""
    if string_width(text, font, size) <= width:
        return text
    if string_width(_ELLIPSIS, font, size) > width:
        return ""
    low, high = 0, len(text)
    while low < high:  # longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if string_width(text[:mid].rstrip() + _ELLIPSIS, font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + _ELLIPSIS


def wrap_lines(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap to `width`; words wider than a line are broken; past `max_lines`
    the last line ends with '…'."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if string_width(trial, font, size) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        while string_width(word, font, size) > width and len(word) > 1:
            cut = _longest_fitting_prefix(word, font, size, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [ellipsize(" ".join(lines[max_lines - 1:]), font, size, width)]
    return lines


def _longest_fitting_prefix(word: str, font: str, size: float, width: float) -> int:
    low, high = 1, len(word) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if string_width(word[:mid], font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return low
