"""What the table pages share: text styles, safe user text, column widths, the table look."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from journeymap.export.pdf import fonts
from journeymap.export.pdf.textflow import Row, Table
from journeymap.export.pdf.rich import Para, TextStyle, word_width

HEADER_FILL = "#3A4149"
STRIPE_FILL = "#F1F3F5"
MUTED = "#57606A"
INK = "#000000"

#: A table cell: a stack of paragraphs.
Cell = list[Para]


@dataclass(frozen=True)
class TableStyles:
    """The text styles of the table pages, sized for the paper (`size` is the body size)."""

    size: float

    @cached_property
    def body(self) -> TextStyle:
        """Plain cell text."""
        return TextStyle(fonts.REGULAR, self.size, self.size * 1.22)

    @cached_property
    def small(self) -> TextStyle:
        """Secondary text (descriptions)."""
        return TextStyle(fonts.REGULAR, self.size * 0.88, self.size * 1.08, MUTED)

    @cached_property
    def strong(self) -> TextStyle:
        """Touchpoint and stage names."""
        return TextStyle(fonts.BOLD, self.size, self.size * 1.22)

    @cached_property
    def head(self) -> TextStyle:
        """Column headings (white on dark grey: readable on any printer)."""
        return TextStyle(fonts.BOLD, self.size, self.size * 1.22, "#FFFFFF")

    @cached_property
    def heading(self) -> TextStyle:
        """Section headings above the tables."""
        return TextStyle(fonts.BOLD, self.size * 1.6, self.size * 2.0, INK, space_after=self.size * 0.6)

    @cached_property
    def padding(self) -> float:
        """Cell padding left and right."""
        return self.size * 0.4


def text(value: str) -> str:
    """User text made safe for a paragraph's markup: markup characters print literally, newlines break."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def signed(value: float, digits: int = 0) -> str:
    """'+1', '0', '−2' (typographic minus), as the map's scales are labelled."""
    shown = f"{abs(value):.{digits}f}"
    if float(shown) == 0:
        return shown
    return ("+" if value > 0 else "\u2212") + shown


def shorten(value: str, limit: int) -> str:
    """`value` cut at a word boundary to at most `limit` characters, ending with '…' when cut."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def _longest_word(texts: Sequence[str], font: str, size: float) -> float:
    return max((word_width(w, font, size) for w in {w for t in texts for w in t.split()}), default=0.0)


def column_widths(headings: Sequence[str], plain: Sequence[Sequence[str]], weights: Sequence[float],
                  narrow: Sequence[bool], total: float, st: TableStyles) -> list[float]:
    """Widths for the columns: a narrow column is as wide as its longest word (so 'Assumption'
    never breaks), the others share what is left by weight, each at least its longest word
    when there is room. `plain[c]` holds the plain text of column c's cells."""
    pad = 2 * st.padding + 1.0
    need = [max(_longest_word([h], fonts.BOLD, st.size), _longest_word(cells, fonts.BOLD, st.size)) + pad
            for h, cells in zip(headings, plain, strict=False)]
    fixed = [min(n, total * 0.2) if small else 0.0 for n, small in zip(need, narrow, strict=False)]
    if sum(fixed) > total * 0.6:
        fixed = [f * total * 0.6 / sum(fixed) for f in fixed]
    rest = total - sum(fixed)
    flex = [w if not small else 0.0 for w, small in zip(weights, narrow, strict=False)]
    shares = [rest * f / sum(flex) if f else 0.0 for f in flex] if sum(flex) else [0.0] * len(flex)
    return [f + s for f, s in zip(fixed, shares, strict=False)]


def make_table(header: Sequence[str], rows: list[Row], widths: Sequence[float], st: TableStyles,
               stripes: Sequence[int] = ()) -> Table:
    """A table with a dark header row repeated on every page; `stripes` are the rows (from 1) shaded grey."""
    shaded = set(stripes)
    for n, row in enumerate(rows, 1):
        if n in shaded and row.fill is None:
            row.fill = STRIPE_FILL
    head = Row([[Para(text(h), st.head)] for h in header], fill=HEADER_FILL)
    return Table(list(widths), head, rows, st.padding)


def row(cells: Sequence[Cell | Para], bars: Sequence[tuple[int, str, float]] = ()) -> Row:
    """A table row of these cells (a single paragraph is a cell of one)."""
    return Row([c if isinstance(c, list) else [c] for c in cells], bars=tuple(bars))
