"""Text measuring and wrapping in DejaVu Sans, the font the canvas and the PDF both draw.

Widths come from the font's advance widths (no kerning, no hinting), so a line that fits
here fits on screen and on paper when the renderers draw DejaVu Sans with kerning off.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from journeymap.layout import _dejavu_widths as _font

ELLIPSIS = "…"
#: Distance from the top of a line box to the baseline and below it, as fractions of the size.
ASCENT = _font.ASCENDER / _font.UNITS_PER_EM
DESCENT = _font.DESCENDER / _font.UNITS_PER_EM
#: Line pitch the layout uses for wrapped text, as a multiple of the font size.
LINE_SPACING = 1.25

_EM = _font.UNITS_PER_EM
_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc"})


class _Widths(dict[str, int]):
    """Advance widths in font units; characters the table lacks get a fallback on first use."""

    def __missing__(self, char: str) -> int:
        width = _fallback_width(char)
        self[char] = width
        return width


def _fallback_width(char: str) -> int:
    # Glyphs DejaVu Sans lacks are drawn by a fallback font (CJK, emoji) or as a box;
    # guess on the wide side so nothing overflows: 1 em, 1.3 em for emoji and other
    # astral characters, nothing for marks and format characters.
    if unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES:
        return 0
    if ord(char) > 0xFFFF:
        return round(1.3 * _EM)
    return _EM


def _parse(table: str) -> _Widths:
    widths = _Widths()
    for run in table.split(";"):
        start_hex, _, tokens = run.partition(":")
        code = int(start_hex, 16)
        for token in tokens.split(","):
            value, _, count = token.partition("*")
            for _ in range(int(count or 1)):
                widths[chr(code)] = int(value)
                code += 1
    widths["\t"] = widths[" "]
    return widths


_REGULAR = _parse(_font.REGULAR)
_BOLD = _parse(_font.BOLD)


def _units(text: str, bold: bool) -> int:
    table = _BOLD if bold else _REGULAR
    return sum(map(table.__getitem__, text))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of `text` in DejaVu Sans (bold or regular) at `size` points."""
    return _units(text, bold) * size / _EM


def line_height(size: float) -> float:
    """The pitch of wrapped lines at `size` points."""
    return size * LINE_SPACING


def baseline(top: float, size: float) -> float:
    """The y of the baseline of a line whose box starts at `top` (y down), centred in the line pitch."""
    return top + (line_height(size) - (ASCENT + DESCENT) * size) / 2 + ASCENT * size


def elide_text(text: str, width: float, size: float, bold: bool = False) -> str:
    """`text` on one line, cut and ended with '…' when wider than `width` ('' if even '…' does not fit)."""
    flat = " ".join(text.split())
    return _fit_with_ellipsis(flat, width * _EM / size, bold, force=False)


def wrap_text(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> tuple[str, ...]:
    """Word-wrap `text` into at most `max_lines` lines no wider than `width` at `size` points.

    Newlines start new lines; runs of spaces collapse; a word longer than a line is
    broken between characters; text beyond `max_lines` is cut and the last line ends
    with '…'. Returns () when nothing fits (`width` narrower than a character).
    """
    if max_lines <= 0 or width <= 0 or size <= 0 or not text.strip():
        return ()
    return _wrap(text, width * _EM / size, max_lines, bold)


@lru_cache(maxsize=8192)
def _wrap(text: str, limit: float, max_lines: int, bold: bool) -> tuple[str, ...]:
    table = _BOLD if bold else _REGULAR
    space = table[" "]
    lines: list[str] = []
    cut = False  # True when some text did not make it into `lines`
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0
        for word in paragraph.split():
            if len(lines) > max_lines or cut:
                break
            w = _units(word, bold)
            if line and used + space + w <= limit:
                line.append(word)
                used += space + w
                continue
            if line:
                lines.append(" ".join(line))
                line, used = [], 0
            if w <= limit:
                line, used = [word], w
                continue
            # A word wider than a line: break it between characters.
            piece: list[str] = []
            used = 0
            for char in word:
                cw = table[char]
                if cw > limit:  # a single character wider than the line
                    cut = True
                    break
                if used + cw > limit:
                    lines.append("".join(piece))
                    piece, used = [], 0
                piece.append(char)
                used += cw
            line = ["".join(piece)] if piece else []
        if len(lines) > max_lines or cut:
            break
        lines.append(" ".join(line))
    while len(lines) > 1 and not lines[-1]:
        lines.pop()  # trailing blank lines say nothing
    if len(lines) > max_lines:
        lines, cut = lines[:max_lines], True
    if cut and lines:
        lines[-1] = _fit_with_ellipsis(lines[-1], limit, bold, force=True)
        if not lines[-1]:
            lines.pop()
    return tuple(lines)


def _fit_with_ellipsis(line: str, limit: float, bold: bool, *, force: bool) -> str:
    """`line` if it fits (and not `force`), else its longest start that fits followed by '…'."""
    if not force and _units(line, bold) <= limit:
        return line
    table = _BOLD if bold else _REGULAR
    budget = limit - table[ELLIPSIS]
    if budget < 0:
        return ""
    used = 0
    end = 0
    for end, char in enumerate(line):  # noqa: B007 (where it stopped is read after the loop)
        used += table[char]
        if used > budget:
            break
    else:
        end = len(line)
    return line[:end].rstrip() + ELLIPSIS
