"""Paragraphs of the table pages: a little markup, broken into lines with the embedded fonts' widths.

The details and insights pages set their text with this module rather than reportlab's
Platypus: the markup they need is only `<b>`, `<i>`, `<br/>` and the escapes `&amp;`,
`&lt;`, `&gt;` (see `tables.text`), and breaking lines ourselves is several times faster
and spares every export the import of Platypus. Runs of spaces, tabs and newlines
collapse to one space and break lines; a no-break space (U+00A0) does neither; a word
wider than the line is broken between characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics

from journeymap.export.pdf import fonts

__all__ = ["Line", "Para", "TextStyle", "parse_markup", "word_width"]

#: Where lines may break (no-break spaces excluded, unlike str.split()).
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
#: What keeps plain text from being one line as it stands: other spaces than single ones.
_ODD_SPACE = re.compile(r"[\t\n\r\f\v]|  |^ | $")
_TAG = re.compile(r"(<[^<>]*>)")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'"}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))
#: (bold, italic) -> font; bold italic prints bold (DejaVu Sans Bold Oblique is not embedded).
_FACE = {(False, False): fonts.REGULAR, (True, False): fonts.BOLD, (False, True): fonts.OBLIQUE,
         (True, True): fonts.BOLD}
_FLAGS = {fonts.REGULAR: (False, False), fonts.BOLD: (True, False), fonts.OBLIQUE: (False, True)}

#: A piece of a line: (x offset from the line start, text, font).
Segment = tuple[float, str, str]


@dataclass(frozen=True)
class TextStyle:
    """Font, size, leading (baseline to baseline) and colour of a paragraph, and the space after it."""

    font: str
    size: float
    leading: float
    color: str = "#000000"
    space_after: float = 0.0


@dataclass(frozen=True)
class Line:
    """One set line: its segments and its width."""

    segments: tuple[Segment, ...]
    width: float


@lru_cache(maxsize=8)
def _font(name: str) -> pdfmetrics.Font:
    return pdfmetrics.getFont(name)


#: (font, size) -> text -> width: the widths measured so far.
_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _widths(font: str, size: float) -> dict[str, float]:
    table = _WIDTHS.get((font, size))
    if table is None or len(table) > 100_000:
        table = _WIDTHS[(font, size)] = {}
    return table


def word_width(text: str, font: str, size: float) -> float:
    """Width of `text` in `font` at `size`, remembered (most words of a table recur)."""
    table = _widths(font, size)
    width = table.get(text)
    if width is None:
        width = table[text] = float(_font(font).stringWidth(text, size))
    return width


def _plain_lines(text: str, font: str, size: float, width: float) -> list[Line]:
    """Lines of plain text in one font (no markup, no hard breaks): the commonest paragraph."""
    table = _widths(font, size)
    measure = _font(font).stringWidth
    space = word_width(" ", font, size)
    out: list[Line] = []
    line: list[str] = []
    used = 0.0
    for word in _SPACES.split(text):
        if not word:
            continue
        w = table.get(word)
        if w is None:
            w = table[word] = float(measure(word, size))
        if line and used + space + w <= width:
            line.append(word)
            used += space + w
            continue
        if line:
            out.append(Line(((0.0, " ".join(line), font),), used))
        if w <= width:
            line, used = [word], w
            continue
        pieces = _break_word(((word, font),), size, width)
        out.extend(_line(list(p), size) for p in pieces[:-1])
        line = ["".join(t for t, _ in pieces[-1])]
        used = word_width(line[0], font, size)
    if line:
        out.append(Line(((0.0, " ".join(line), font),), used))
    return out


def parse_markup(markup: str, base_font: str) -> list[list[tuple[str, str]]]:
    """`markup` as hard lines (split at `<br/>`), each a list of (text, font) runs.

    Unknown tags are dropped; text is unescaped. `base_font` is the paragraph's font,
    which `<b>` and `<i>` make bold or oblique.
    """
    bold, italic = _FLAGS.get(base_font, (False, False))
    depth_b = depth_i = 0
    lines: list[list[tuple[str, str]]] = [[]]
    if "<" not in markup and "&" not in markup:
        return [[(markup, base_font)]]
    for part in _TAG.split(markup):
        if not part:
            continue
        if part[0] == "<" and part[-1] == ">":
            tag = part[1:-1].strip().lower().replace(" ", "")
            if tag in ("br/", "br"):
                lines.append([])
            elif tag == "b":
                depth_b += 1
            elif tag == "/b":
                depth_b = max(depth_b - 1, 0)
            elif tag == "i":
                depth_i += 1
            elif tag == "/i":
                depth_i = max(depth_i - 1, 0)
            continue
        text = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], part) if "&" in part else part
        font = _FACE[(bold or depth_b > 0, italic or depth_i > 0)] if (depth_b or depth_i) else base_font
        lines[-1].append((text, font))
    return lines


#: A word: its pieces (text, font) set without space between them.
_Word = tuple[tuple[str, str], ...]


def _words(runs: list[tuple[str, str]]) -> list[_Word]:
    """The words of one hard line; a word may change font inside ('13%' in bold, then ',')."""
    words: list[list[tuple[str, str]]] = []
    joined = False  # whether the next piece continues the last word
    for text, font in runs:
        parts = _SPACES.split(text)
        for n, part in enumerate(parts):
            if n > 0:
                joined = False
            if not part:
                continue
            if joined and words:
                words[-1].append((part, font))
            else:
                words.append([(part, font)])
            joined = True
    return [tuple(w) for w in words]


class Para:
    """A paragraph of markup in a `TextStyle`, set into lines for a width (remembered per width)."""

    __slots__ = ("markup", "style", "_set")

    def __init__(self, markup: str, style: TextStyle) -> None:
        self.markup = markup
        self.style = style
        self._set: tuple[float, list[Line]] | None = None

    def lines(self, width: float) -> list[Line]:
        """The lines of this paragraph set `width` points wide (none for empty markup)."""
        if self._set is not None and self._set[0] == width:
            return self._set[1]
        lines = _set_lines(self.markup, self.style, width) if self.markup else []
        self._set = (width, lines)
        return lines

    def height(self, width: float) -> float:
        """Lines × leading at `width`."""
        return len(self.lines(width)) * self.style.leading


def _set_lines(markup: str, style: TextStyle, width: float) -> list[Line]:
    size = style.size
    if "<" not in markup and "&" not in markup and _ODD_SPACE.search(markup) is None:
        # Plain words with single spaces, the commonest cell ('Website', '0 Neutral'): when
        # it fits, it is one line as it stands.
        w = word_width(markup, style.font, size)
        if w <= width:
            return [Line(((0.0, markup, style.font),), w)]
    if "<" not in markup and "&" not in markup:
        return _plain_lines(markup, style.font, size, width) or [Line((), 0.0)]
    out: list[Line] = []
    for runs in parse_markup(markup, style.font):
        if len(runs) == 1:  # a hard line in one font (a bullet of a list): the plain way
            out.extend(_plain_lines(runs[0][0], runs[0][1], size, width) or [Line((), 0.0)])
            continue
        words = _words(runs)
        if not words:
            out.append(Line((), 0.0))
            continue
        line: list[tuple[str, str]] = []
        used = 0.0
        for word in words:
            w = sum(word_width(t, f, size) for t, f in word)
            space = word_width(" ", word[0][1], size)
            if line and used + space + w <= width:
                line.append((" ", word[0][1]))
                line.extend(word)
                used += space + w
                continue
            if line:
                out.append(_line(line, size))
                line, used = [], 0.0
            if w <= width:
                line, used = list(word), w
                continue
            pieces = _break_word(word, size, width)
            out.extend(_line(list(p), size) for p in pieces[:-1])
            line = list(pieces[-1])
            used = sum(word_width(t, f, size) for t, f in line)
        if line:
            out.append(_line(line, size))
    return out


def _break_word(word: _Word, size: float, width: float) -> list[_Word]:
    """A word too wide for the line, as pieces that each fit (at least one character each)."""
    pieces: list[list[tuple[str, str]]] = [[]]
    used = 0.0
    for text, font in word:
        start = 0
        for i, char in enumerate(text):
            w = word_width(char, font, size)
            if used + w > width and (pieces[-1] or i > start):
                if i > start:
                    pieces[-1].append((text[start:i], font))
                pieces.append([])
                start, used = i, 0.0
            used += w
        if start < len(text):
            pieces[-1].append((text[start:], font))
    return [tuple(p) for p in pieces if p]


def _line(pieces: list[tuple[str, str]], size: float) -> Line:
    """Pieces merged into segments of one font each, with their x offsets."""
    segments: list[Segment] = []
    x = 0.0
    text, font, start = "", pieces[0][1], 0.0
    for t, f in pieces:
        if f != font:
            if text:
                segments.append((start, text, font))
            start, text, font = x, "", f
        text += t
        x += word_width(t, f, size)
    if text:
        segments.append((start, text, font))
    return Line(tuple(segments), x)
