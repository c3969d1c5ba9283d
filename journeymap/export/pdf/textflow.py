"""Flowing text pages: paragraphs and long tables set down a frame, page after page.

`paginate` decides what goes on which page (nothing is drawn, so the GUI's page estimate
is the same call); `textflow_draw.draw_page` draws one page's placements. The rules, as a
reader of a printed table expects them:

- a table's header row opens it and every page it continues on;
- a row goes whole to the next page when it does not fit, unless it is taller than a
  page, in which case its cells continue line by line on the next pages;
- a row marked `keep_with_next` (a stage's name) never ends a page alone;
- a `Keep` group (a heading, its intro and the start of its table) moves to the next
  page rather than leave the heading at the foot of one; a group no taller than its
  `whole` height is never split at all;
- paragraphs split between lines; a `Gap` at the top of a page is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from journeymap.export.pdf.rich import Line, Para
from journeymap.layout.geometry import Rect

__all__ = ["Block", "Gap", "Keep", "Placed", "Row", "Table", "paginate"]

#: Lines of one cell of a row (or of a piece of a row split across pages).
CellLines = list[tuple[Para, Line]]


@dataclass(frozen=True)
class Gap:
    """Vertical space between blocks."""

    height: float


@dataclass
class Row:
    """A table row: a stack of paragraphs per column (one stack alone spans the table).

    `bars` are (column, colour, width): a coloured rule on the column's left edge.
    """

    cells: list[list[Para]]
    fill: str | None = None
    bars: tuple[tuple[int, str, float], ...] = ()
    keep_with_next: bool = False


@dataclass
class Table:
    """Rows under a header row that is repeated on every page; `pad` is the cell padding."""

    widths: list[float]
    header: Row
    rows: list[Row]
    pad: float

    def cell_widths(self, row: Row) -> list[float]:
        """The inner (text) width of each cell of `row`."""
        widths = [sum(self.widths)] if len(row.cells) == 1 and len(self.widths) > 1 else self.widths
        return [w - 2 * self.pad for w in widths]

    def lines(self, row: Row) -> list[CellLines]:
        """Every line of every cell of `row`, set for its column."""
        return [[(p, line) for p in stack for line in p.lines(w)]
                for stack, w in zip(row.cells, self.cell_widths(row), strict=False)]

    def height(self, cells: Sequence[CellLines]) -> float:
        """The height of a row (or row piece) holding `cells`, padding included."""
        tallest = max((sum(p.style.leading for p, _ in cell) for cell in cells), default=0.0)
        return tallest + 1.8 * self.pad


@dataclass
class Keep:
    """Blocks kept on one page as far as they can: see the module docstring."""

    blocks: list[Block]
    whole: float = 0.0


Block = Para | Gap | Table | Keep


@dataclass
class Placed:
    """Something set on a page at `y` (points from the frame's top).

    kind 'para': `lines` of `para`; kind 'row': `cells` of `row` in `table`, `height`
    tall, `first` when it is the table's header row and `last` when it ends the table.
    """

    kind: str
    y: float
    height: float
    para: Para | None = None
    lines: list[Line] = field(default_factory=list)
    table: Table | None = None
    row: Row | None = None
    cells: list[CellLines] = field(default_factory=list)
    first: bool = False
    last: bool = False


class _Pages:
    """The pages set so far and the cursor on the last one."""

    def __init__(self, frame: Rect) -> None:
        self.frame = frame
        self.pages: list[list[Placed]] = [[]]
        self.y = 0.0

    @property
    def room(self) -> float:
        return self.frame.h - self.y

    @property
    def at_top(self) -> bool:
        return not self.pages[-1]

    def new_page(self) -> None:
        self.pages.append([])
        self.y = 0.0

    def put(self, placed: Placed) -> None:
        self.pages[-1].append(placed)
        self.y += placed.height


def paginate(blocks: Sequence[Block], frame: Rect) -> list[list[Placed]]:
    """The pages `blocks` fill, each a list of placements in a frame the size of `frame`."""
    pages = _Pages(frame)
    for block in blocks:
        _place(pages, block)
    if len(pages.pages) > 1 and not pages.pages[-1]:
        pages.pages.pop()
    return pages.pages


def _place(pages: _Pages, block: Block) -> None:
    if isinstance(block, Gap):
        if not pages.at_top:
            pages.y = min(pages.y + block.height, pages.frame.h)
    elif isinstance(block, Para):
        _place_para(pages, block)
    elif isinstance(block, Table):
        _place_table(pages, block)
    else:
        if not pages.at_top:
            total = sum(_height(b, pages.frame) for b in block.blocks)
            start = sum(_height(b, pages.frame) for b in block.blocks[:-1]) + _opening(block.blocks[-1], pages.frame)
            if start > pages.room or pages.room < total <= block.whole:
                pages.new_page()
        for b in block.blocks:
            _place(pages, b)


def _height(block: Block, frame: Rect) -> float:
    """The whole height of a block (a Gap counts, wherever it falls)."""
    if isinstance(block, Gap):
        return block.height
    if isinstance(block, Para):
        return block.height(frame.w) + block.style.space_after
    if isinstance(block, Table):
        return sum(block.height(block.lines(r)) for r in [block.header, *block.rows])
    return sum(_height(b, frame) for b in block.blocks)


def _opening(block: Block, frame: Rect) -> float:
    """The least of `block` that may start a page: a table's header and first row, a paragraph's first line."""
    if isinstance(block, Table):
        rows = [block.header, *block.rows[:1]]
        if block.rows and block.rows[0].keep_with_next:
            rows += block.rows[1:2]
        return min(sum(block.height(block.lines(r)) for r in rows), frame.h)
    if isinstance(block, Para):
        return block.style.leading if block.lines(frame.w) else 0.0
    return _height(block, frame)


def _place_para(pages: _Pages, para: Para) -> None:
    lines = list(para.lines(pages.frame.w))
    leading = para.style.leading
    while lines:
        fits = min(int((pages.room + 1e-6) // leading), len(lines))
        if fits == 0 and pages.at_top:
            fits = 1  # a line taller than the frame: set it anyway rather than loop
        if fits == 0:
            pages.new_page()
            continue
        pages.put(Placed("para", pages.y, fits * leading, para=para, lines=lines[:fits]))
        lines = lines[fits:]
        if lines:
            pages.new_page()
    pages.y = min(pages.y + para.style.space_after, pages.frame.h)


def _place_table(pages: _Pages, table: Table) -> None:
    header = table.lines(table.header)
    header_h = table.height(header)
    capacity = pages.frame.h - header_h
    need_header = True
    measured = [table.lines(r) for r in table.rows]
    for i, row in enumerate(table.rows):
        cells = measured[i]
        last = i == len(table.rows) - 1
        while True:
            head = header_h if need_header else 0.0
            room = pages.room - head
            height = table.height(cells)
            if row.keep_with_next and i + 1 < len(table.rows) and not pages.at_top:
                together = height + table.height(measured[i + 1])
                if room < together <= capacity:
                    pages.new_page()
                    need_header = True
                    continue
            if height <= room + 1e-6:
                if need_header:
                    pages.put(Placed("row", pages.y, header_h, table=table, row=table.header, cells=header,
                                     first=True))
                    need_header = False
                pages.put(Placed("row", pages.y, height, table=table, row=row, cells=cells, last=last))
                break
            if not pages.at_top and (height <= capacity or room < capacity * 0.25):
                pages.new_page()
                need_header = True
                continue
            taken, rest = _split_cells(cells, room - 1.8 * table.pad)
            if not any(taken):
                if pages.at_top:  # not one line fits an empty page: set the row anyway
                    taken, rest = cells, [[] for _ in cells]
                else:
                    pages.new_page()
                    need_header = True
                    continue
            if need_header:
                pages.put(Placed("row", pages.y, header_h, table=table, row=table.header, cells=header,
                                 first=True))
                need_header = False
            done = not any(rest)
            pages.put(Placed("row", pages.y, table.height(taken), table=table, row=row, cells=taken,
                             last=last and done))
            if done:
                break
            cells = rest
            pages.new_page()
            need_header = True


def _split_cells(cells: list[CellLines], room: float) -> tuple[list[CellLines], list[CellLines]]:
    """Each cell's lines that fit `room`, and the lines left for the next page."""
    taken: list[CellLines] = []
    rest: list[CellLines] = []
    for cell in cells:
        used = 0.0
        n = 0
        for para, _ in cell:
            if used + para.style.leading > room + 1e-6:
                break
            used += para.style.leading
            n += 1
        taken.append(cell[:n])
        rest.append(cell[n:])
    return taken, rest
