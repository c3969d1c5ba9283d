"""Drawing one page of `textflow.paginate`: row shading, then rules and bars, then all the text.

Shading goes first so that no row's fill covers the rule of the row above it (a table
draws its backgrounds before its lines); the text of the whole page is one PDF text
object, set last, with the font and colour changed only where they change.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from journeymap.export.pdf import rl_compat
from journeymap.export.pdf.painter import Painter, color
from journeymap.export.pdf.rich import Line, TextStyle
from journeymap.export.pdf.session import PdfSession
from journeymap.export.pdf.textflow import Placed
from journeymap.layout.geometry import Rect

__all__ = ["GRID", "draw_page"]

GRID = "#B8BEC5"
#: The table's outline; rows are ruled at ROW_RULE.
EDGE = 0.6
ROW_RULE = 0.4


class _TextWriter:
    """Collects a page's text into one PDF text object."""

    def __init__(self, canvas: Canvas, page_height: float) -> None:
        self.canvas = canvas
        self.page_height = page_height
        self.text = canvas.beginText()
        self.font: tuple[str, float] | None = None
        self.color: str | None = None
        self.empty = True

    def line(self, x: float, top: float, line: Line, style: TextStyle) -> None:
        """`line` with its glyph box centred in the leading below `top` (top-down page points)."""
        baseline = top + (style.leading - 1.17 * style.size) / 2 + 0.93 * style.size
        t = self.text
        if style.color != self.color:
            t.setFillColor(color(style.color))
            self.color = style.color
        for dx, chunk, font in line.segments:
            if (font, style.size) != self.font:
                t.setFont(font, style.size, style.leading)
                self.font = (font, style.size)
            t.setTextOrigin(x + dx, self.page_height - baseline)
            rl_compat.append_text(t, chunk)  # textOut would measure it again to move an unused cursor
            self.empty = False

    def finish(self) -> None:
        """Put the collected text on the page."""
        if not self.empty:
            self.canvas.drawText(self.text)


def draw_page(session: PdfSession, placed: Sequence[Placed], frame: Rect, page_height: float) -> None:
    """Draw one page's placements in `frame` (top-down page points) on the session's open page."""
    canvas = session.canvas
    painter = Painter.for_page(session, page_height)
    for p in placed:  # shading first
        if p.kind == "row" and p.row is not None and p.row.fill and p.table is not None:
            painter.rect(Rect(frame.x, frame.y + p.y, sum(p.table.widths), p.height), fill=p.row.fill)
    rules: dict[tuple[str, float], list[tuple[float, float, float, float]]] = {}
    for p in placed:
        if p.kind == "row":
            _rules(rules, p, frame)
    _stroke_all(canvas, rules, page_height)
    writer = _TextWriter(canvas, page_height)
    for p in placed:
        top = frame.y + p.y
        if p.kind == "para" and p.para is not None:
            style = p.para.style
            for n, line in enumerate(p.lines):
                writer.line(frame.x, top + n * style.leading, line, style)
        elif p.table is not None:
            x = frame.x
            widths = p.table.widths if len(p.cells) == len(p.table.widths) else [sum(p.table.widths)]
            for cell, w in zip(p.cells, widths, strict=False):
                y = top + 0.8 * p.table.pad
                for para, line in cell:
                    writer.line(x + p.table.pad, y, line, para.style)
                    y += para.style.leading
                x += w
    writer.finish()


Segments = dict[tuple[str, float], list[tuple[float, float, float, float]]]


def _rules(rules: Segments, p: Placed, frame: Rect) -> None:
    """Adds a row's rule below, the table's sides (and top above a header row) and the row's bars."""
    assert p.table is not None and p.row is not None
    left = frame.x
    right = left + sum(p.table.widths)
    top = frame.y + p.y
    bottom = top + p.height
    rules.setdefault((GRID, EDGE if p.last else ROW_RULE), []).append((left, bottom, right, bottom))
    edges = rules.setdefault((GRID, EDGE), [])
    if p.first:
        edges.append((left, top, right, top))
    edges += [(left, top, left, bottom), (right, top, right, bottom)]
    for column, bar, width in p.row.bars:
        x = left + sum(p.table.widths[:column])
        rules.setdefault((bar, width), []).append((x, top, x, bottom))


def _stroke_all(canvas: Canvas, rules: Segments, page_height: float) -> None:
    """One stroked path per colour and width: the thin rules first, then the outline, then bars."""
    canvas.setLineCap(0)
    canvas.setDash([])
    for (stroke, width), segments in sorted(rules.items(), key=lambda item: (item[0][0] != GRID, item[0][1])):
        canvas.setStrokeColor(color(stroke))
        canvas.setLineWidth(width)
        path = canvas.beginPath()
        for x1, y1, x2, y2 in segments:
            path.moveTo(x1, page_height - y1)
            path.lineTo(x2, page_height - y2)
        canvas.drawPath(path, stroke=1, fill=0)
