"""What the table pages share: paragraph styles, safe user text, column widths, the table look."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from journeymap.export.pdf import fonts

HEADER_FILL = HexColor("#3A4149")
STRIPE_FILL = HexColor("#F1F3F5")
GRID = HexColor("#B8BEC5")
MUTED = HexColor("#57606A")

#: A table cell: a Flowable or a list of them (reportlab has no type hints, so Any).
Cell: TypeAlias = Any


_PLAIN_FRAGS: dict[tuple[object, ...], Any] = {}


def _plain_frag(style: ParagraphStyle) -> Any:
    """What the markup parser makes of plain text in `style`, parsed once per kind of style."""
    key = (style.name, style.fontName, style.fontSize, str(style.textColor), str(style.backColor),
           style.underlineWidth, style.strikeWidth)
    frag = _PLAIN_FRAGS.get(key)
    if frag is None:
        _, frags, _ = ParaParser().parse("x", style)
        if frags is None or len(frags) != 1:
            raise ValueError(f"unexpected parse of plain text in style {style.name!r}")
        frag = _PLAIN_FRAGS[key] = frags[0]
    return frag


class Para(Paragraph):  # type: ignore[misc]
    """A Paragraph that remembers its last wrap.

    A table cell is wrapped for its width when the table measures its rows, again when
    it draws them, and again each time a long table is split across pages. Line breaking
    depends only on the width (and on the text and style, fixed once made), so a wrap
    at the width of the last one keeps its lines. The lines are reused only while they
    are still the ones that wrap made (`split` may drop them).
    """

    def __init__(self, text: str | None, style: ParagraphStyle | None = None, *args: Any, **kwargs: Any) -> None:
        if args or kwargs or style is None or text is None or "<" in text or "&" in text:
            super().__init__(text, style, *args, **kwargs)  # markup, or reportlab splitting a paragraph
            return
        # Plain text: the fragment the markup parser would make, without running the parser.
        frag = copy.copy(_plain_frag(style))
        frag.link, frag.us_lines = [], []
        frag.text = cleanBlockQuotedText(text)
        textTransformFrags([frag], style)
        super().__init__(text, style, frags=[frag])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        memo = self.__dict__.get("_jm_wrap")
        if memo is not None and memo[0] == availWidth and self.__dict__.get("blPara") is memo[1]:
            _, _, self.width, self.height, self._wrapWidths = memo
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        blpara = self.__dict__.get("blPara")
        if blpara is not None:
            self._jm_wrap = (availWidth, blpara, self.width, self.height, list(self._wrapWidths))
        return size


@dataclass(frozen=True)
class TableStyles:
    """The paragraph styles of the table pages, sized for the paper (`size` is the body size)."""

    size: float

    def _style(self, name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = dict(fontName=fonts.REGULAR, fontSize=self.size, leading=self.size * 1.22,
                                       splitLongWords=1, allowWidows=1, allowOrphans=1)
        base.update(kw)
        return ParagraphStyle(name, **base)

    @property
    def body(self) -> ParagraphStyle:
        """Plain cell text."""
        return self._style("jm-body")

    @property
    def small(self) -> ParagraphStyle:
        """Secondary text (descriptions)."""
        return self._style("jm-small", fontSize=self.size * 0.88, leading=self.size * 1.08, textColor=MUTED)

    @property
    def strong(self) -> ParagraphStyle:
        """Touchpoint and stage names."""
        return self._style("jm-strong", fontName=fonts.BOLD)

    @property
    def head(self) -> ParagraphStyle:
        """Column headings (white on dark grey: readable on any printer)."""
        return self._style("jm-head", fontName=fonts.BOLD, textColor=HexColor("#FFFFFF"))

    @property
    def heading(self) -> ParagraphStyle:
        """Section headings above the tables."""
        return self._style("jm-heading", fontName=fonts.BOLD, fontSize=self.size * 1.6,
                           leading=self.size * 2.0, spaceAfter=self.size * 0.6)

    @property
    def padding(self) -> float:
        """Cell padding left and right."""
        return self.size * 0.4


def text(value: str) -> str:
    """User text made safe for a Paragraph: markup characters print literally, newlines break."""
    return escape(value).replace("\n", "<br/>")


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
    return max((fonts.string_width(w, font, size) for t in texts for w in t.split()), default=0.0)


def column_widths(headings: Sequence[str], plain: Sequence[Sequence[str]], weights: Sequence[float],
                  narrow: Sequence[bool], total: float, st: TableStyles) -> list[float]:
    """Widths for the columns: a narrow column is as wide as its longest word (so 'Assumption'
    never breaks), the others share what is left by weight, each at least its longest word
    when there is room. `plain[c]` holds the plain text of column c's cells."""
    pad = 2 * st.padding + 1.0
    need = [max(_longest_word([h], fonts.BOLD, st.size), _longest_word(cells, fonts.BOLD, st.size)) + pad
            for h, cells in zip(headings, plain)]
    fixed = [min(n, total * 0.2) if small else 0.0 for n, small in zip(need, narrow)]
    if sum(fixed) > total * 0.6:
        fixed = [f * total * 0.6 / sum(fixed) for f in fixed]
    rest = total - sum(fixed)
    flex = [w if not small else 0.0 for w, small in zip(weights, narrow)]
    shares = [rest * f / sum(flex) if f else 0.0 for f in flex] if sum(flex) else [0.0] * len(flex)
    return [f + s for f, s in zip(fixed, shares)]


def _base_style(st: TableStyles, box: bool = True) -> list[tuple[object, ...]]:
    pad = st.padding
    return [
        # The table's own default is Helvetica 10 pt, never embedded; plain-text cells use the body style.
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), st.size),
        ("LEADING", (0, 0), (-1, -1), st.size * 1.22),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        *([("BOX", (0, 0), (-1, -1), 0.6, GRID)] if box else
          [("LINEBEFORE", (0, 0), (0, -1), 0.6, GRID), ("LINEAFTER", (-1, 0), (-1, -1), 0.6, GRID)]),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]


def make_table(header: Sequence[str], rows: list[list[Cell]], widths: Sequence[float], st: TableStyles,
               extra: Sequence[tuple[object, ...]] = (), stripes: Sequence[int] = ()) -> Table:
    """A table with a dark header row repeated on every page; `stripes` are the rows shaded grey."""
    data: list[list[Cell]] = [[Para(h, st.head) for h in header], *rows]
    style = _base_style(st) + [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
    style += [("BACKGROUND", (0, i), (-1, i), STRIPE_FILL) for i in stripes]
    style += list(extra)
    # splitInRow lets a row taller than a page continue on the next one instead of failing.
    return Table(data, colWidths=list(widths), repeatRows=1, splitInRow=1, style=TableStyle(style), hAlign="LEFT")


def plain_cell(markup: str, width: float, st: TableStyles) -> str | None:
    """`markup` as a plain string cell when a body-style Paragraph would show it the same way.

    That is text without markup (`<br/>` aside) whose every line fits `width` (the column
    width) unbroken, with no whitespace a Paragraph would collapse. A plain cell costs
    the table one string split instead of a parse and a line breaking.
    """
    if "&" in markup or "<" in markup.replace("<br/>", ""):
        return None
    room = width - 2 * st.padding
    lines = markup.split("<br/>")
    for line in lines:
        if line != " ".join(line.split()) or fonts.string_width(line, fonts.REGULAR, st.size) > room:
            return None
    return "\n".join(lines)


#: A `TableRun` is set as tables of at most this many rows: a few pages' worth.
RUN_ROWS = 40
_EDGE = 0.6  # the table's outline; rows are ruled at 0.4


@dataclass(frozen=True)
class TableRun:
    """Rows of a long table set as several reportlab tables that read as one.

    `extra` commands and `stripes` use row numbers of `rows` (0 is the first body row);
    `closes` when the last row ends the whole table. One long reportlab Table costs
    O(rows) at every page break (it recomputes spans, no-split ranges and the heights of
    all the rows left), so O(rows²) in all; tables of `RUN_ROWS` rows make each break cost
    a few pages' worth. The pieces draw the outline one table would: the sides, the top
    of a header row and the bottom of the last row (reportlab closes no box at a page break).
    """

    header: Sequence[str]
    rows: list[list[Cell]]
    widths: Sequence[float]
    st: TableStyles
    extra: Sequence[tuple[object, ...]] = ()
    stripes: Sequence[int] = ()
    closes: bool = True

    def tables(self, header: bool = True) -> list[RunTable]:
        """The whole run as tables of `RUN_ROWS` rows, the first under the header row if `header`."""
        return [self.table(a, header and a == 0, min(a + RUN_ROWS, len(self.rows)))
                for a in range(0, len(self.rows), RUN_ROWS)]

    def table(self, start: int, header: bool, stop: int) -> RunTable:
        """Rows `start` to `stop` as one table, under the header row if `header`."""
        top = 1 if header else 0
        data: list[list[Cell]] = [[Para(h, self.st.head) for h in self.header]] if header else []
        data += self.rows[start:stop]
        style = _base_style(self.st, box=False)
        if header:
            style += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("LINEABOVE", (0, 0), (-1, 0), _EDGE, GRID)]
        else:  # the rule between this piece and the last, drawn again over this piece's shading
            style.append(("LINEABOVE", (0, 0), (-1, 0), 0.4, GRID))
        if self.closes and stop == len(self.rows):
            style.append(("LINEBELOW", (0, -1), (-1, -1), _EDGE, GRID))
        style += [("BACKGROUND", (0, i - start + top), (-1, i - start + top), STRIPE_FILL)
                  for i in self.stripes if start <= i < stop]
        for name, (c0, r0), (c1, r1), *args in self.extra:  # type: ignore[misc]
            if start <= r0 and r1 < stop:
                style.append((name, (c0, r0 - start + top), (c1, r1 - start + top), *args))
        table = RunTable(data, colWidths=list(self.widths), repeatRows=top, splitInRow=1,
                         style=TableStyle(style), hAlign="LEFT")
        table._jm_run = (self, start, header, stop)
        return table


class RunTable(Table):  # type: ignore[misc]
    """A table of a `TableRun`: it gets the header row whenever it starts a page.

    A piece that starts mid-page has no header; when it is split, or moved whole to the
    next page, it is set there with the header, as one long table would repeat it.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        run = self.__dict__.get("_jm_run")
        frame = self.__dict__.get("_frame")
        if run is not None and not run[2] and frame is not None and getattr(frame, "_atTop", False):
            # The frame holds this very object, so it takes the header in place.
            owner, start, _, stop = run
            headed = owner.table(start, True, stop)
            self.__dict__.update({k: v for k, v in headed.__dict__.items() if k not in ("_frame", "canv")})
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Table]:  # noqa: N803 (reportlab API)
        run = self.__dict__.get("_jm_run")
        if run is not None and not run[2]:
            # One long table splits inside a row only when not even its next row fits a
            # page; a headless piece is mid-page, where that row goes to the next page.
            self.splitInRow = 0
        parts: list[Table] = super().split(availWidth, availHeight)
        if run is None or len(parts) != 2:
            return parts
        owner, start, header, stop = run
        first = len(parts[0]._cellvalues)  # noqa: SLF001
        rest = len(parts[1]._cellvalues) - (1 if header else 0)  # noqa: SLF001
        if first + rest != len(self._cellvalues):  # noqa: SLF001 (a row split inside: keep reportlab's parts)
            return parts
        return [parts[0], owner.table(start + first - (1 if header else 0), True, stop)]
