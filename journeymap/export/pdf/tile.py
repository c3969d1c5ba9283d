"""`--tile`: the map at readable size across several sheets, for an office printer and a wall.

Sheets are named by row letter and column number (A1 top left, A2 to its right, B1
below it). Neighbouring sheets share an overlap strip: trim the white margin along
the crop marks, lay the next sheet's edge on the dotted line, and tape. An overview
sheet comes first and shows how the sheets assemble.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

from reportlab.lib.units import mm

from journeymap.export.pdf import fonts, legend, page
from journeymap.export.pdf.fit import map_area
from journeymap.export.pdf.map_drawing import draw_map
from journeymap.export.pdf.page import MUTED, PageInfo, Sheet
from journeymap.export.pdf.painter import Painter, Pen
from journeymap.export.pdf.pdfops import OpsWriter, place
from journeymap.export.pdf.session import PdfSession
from journeymap.layout.geometry import JourneyLayout, Rect
from journeymap.model import Journey

#: Map scale on the sheets: 1 layout unit = 1 pt, the size the canvas shows at 100 %.
TILE_SCALE = 1.0
OVERLAP = 10 * mm
MARK = "#000000"


def row_name(row: int) -> str:
    """'A', 'B', … 'Z', 'AA', 'AB', …"""
    letters = string.ascii_uppercase
    name = ""
    row += 1
    while row:
        row, rest = divmod(row - 1, 26)
        name = letters[rest] + name
    return name


def sheet_label(row: int, col: int) -> str:
    """The label of a sheet: row letter, then column number ('B3')."""
    return f"{row_name(row)}{col + 1}"


@dataclass(frozen=True)
class TileGrid:
    """How the map, scaled by `scale`, is cut into `rows` × `cols` sheets."""

    rows: int
    cols: int
    scale: float
    content: Rect        # the printable area of each sheet (page, top-down)
    overlap: float
    offset: tuple[float, float]  # where the map starts inside the assembled poster

    @property
    def step(self) -> tuple[float, float]:
        """Distance between the left (top) edges of neighbouring sheets in the poster."""
        return self.content.w - self.overlap, self.content.h - self.overlap

    @property
    def count(self) -> int:
        """Number of sheets (the overview not counted)."""
        return self.rows * self.cols

    def cell(self, row: int, col: int) -> Rect:
        """The part of the poster sheet (row, col) prints, in poster points."""
        sx, sy = self.step
        return Rect(col * sx, row * sy, self.content.w, self.content.h)


def plan_tiles(layout: JourneyLayout, sheet: Sheet) -> TileGrid:
    """The sheet grid for `layout` printed at TILE_SCALE on `sheet`."""
    content = sheet.content
    overlap = min(OVERLAP, content.w / 4, content.h / 4)
    w, h = layout.bounds.w * TILE_SCALE, layout.bounds.h * TILE_SCALE
    cols = max(1, math.ceil((w - overlap) / (content.w - overlap) - 1e-9))
    rows = max(1, math.ceil((h - overlap) / (content.h - overlap) - 1e-9))
    poster_w = cols * (content.w - overlap) + overlap
    poster_h = rows * (content.h - overlap) + overlap
    # The sheets are paid for: enlarge the map until it fills them in one direction.
    scale = TILE_SCALE * min(poster_w / w, poster_h / h)
    w, h = layout.bounds.w * scale, layout.bounds.h * scale
    return TileGrid(rows, cols, scale, content, overlap, ((poster_w - w) / 2, (poster_h - h) / 2))


def draw_overview(session: PdfSession, sheet: Sheet, grid: TileGrid, journey: Journey,
                  layout: JourneyLayout) -> PageInfo:
    """The first sheet: title block, the whole map small with the sheet grid over it, how to assemble, legend."""
    k = sheet.k
    canvas = session.canvas
    furniture = Painter.for_page(session, sheet.height)
    page.draw_title_block(furniture, sheet, journey, f"Wall poster: {grid.rows} × {grid.cols} sheets")
    area, legend_area = map_area(sheet, journey)
    note_size = 8 * k
    area = Rect(area.x, area.y, area.w, area.h - note_size * 2.2)
    poster_w = grid.cols * grid.step[0] + grid.overlap
    poster_h = grid.rows * grid.step[1] + grid.overlap
    scale = min(area.w / poster_w, area.h / poster_h)
    px = area.x + (area.w - poster_w * scale) / 2
    py = area.y + (area.h - poster_h * scale) / 2
    b = layout.bounds
    mini = Painter(session, scale * grid.scale, px + (grid.offset[0] - b.x * grid.scale) * scale,
                   sheet.height - (py + (grid.offset[1] - b.y * grid.scale) * scale))
    canvas.saveState()
    draw_map(mini, layout, journey)
    canvas.restoreState()
    label_size = max(5.0, min(16 * k, grid.step[1] * scale * 0.16, grid.step[0] * scale * 0.12))
    sheets = OpsWriter(session)
    for row in range(grid.rows):
        for col in range(grid.cols):
            c = grid.cell(row, col)
            r = Rect(px + c.x * scale, py + c.y * scale, c.w * scale, c.h * scale)
            sheets.rect(r, stroke="#2F6FDE", width=max(0.6, 1.2 * k))
            label = sheet_label(row, col)
            tag_w = fonts.string_width(label, fonts.BOLD, label_size) + label_size * 0.8
            tag = Rect(r.x + label_size * 0.3, r.y + label_size * 0.3, tag_w, label_size * 1.5)
            sheets.rect(tag, fill="#FFFFFF", stroke="#2F6FDE", width=max(0.5, 0.8 * k), radius=label_size * 0.3)
            sheets.text(tag.x + tag.w / 2, tag.y + tag.h / 2 + label_size * 0.36, label, font=fonts.BOLD,
                        size=label_size, fill="#2F6FDE", anchor="middle")
    place(session, 1.0, 0.0, sheet.height, [sheets.take()])
    note = (f"Print the {grid.count} sheets at 100 % (no 'fit to page'). Trim each sheet along its crop marks, "
            "lay the next sheet's edge on the dotted line (the sheets overlap there) and tape; "
            "A1 is top left, B1 below it, A2 to its right.")
    lines = fonts.wrap_lines(note, fonts.REGULAR, note_size, area.w, 2)
    furniture.text_lines(area.x, area.bottom + note_size * 0.4, lines, size=note_size, fill=MUTED)
    legend.draw_legend(furniture, legend_area, journey, k)
    session.end_page(page.label_finisher(sheet))
    return PageInfo("overview", "overview", scale * grid.scale)


def draw_tile(session: PdfSession, sheet: Sheet, grid: TileGrid, row: int, col: int, journey: Journey,
              layout: JourneyLayout) -> PageInfo:
    """Sheet (row, col): its part of the map, clipped to the printable area, with crop marks and label."""
    content, s = grid.content, grid.scale
    canvas = session.canvas
    cell = grid.cell(row, col)
    b = layout.bounds
    ox = content.x + grid.offset[0] - cell.x - b.x * s
    oy = content.y + grid.offset[1] - cell.y - b.y * s
    painter = Painter(session, s, ox, sheet.height - oy)
    window = Rect(b.x + (cell.x - grid.offset[0]) / s, b.y + (cell.y - grid.offset[1]) / s, cell.w / s, cell.h / s)
    canvas.saveState()
    Painter.for_page(session, sheet.height).clip(content)
    cards = draw_map(painter, layout, journey, window)
    canvas.restoreState()
    label = sheet_label(row, col)
    furniture = OpsWriter(session)
    _overlap_guides(furniture, grid, row, col)
    _crop_marks(furniture, content, sheet.margin)
    _sheet_label(furniture, sheet, grid, row, col, journey.title)
    place(session, 1.0, 0.0, sheet.height, [furniture.take()])
    session.end_page(page.footer_finisher(sheet, f"{journey.title} · sheet {label}",
                                          inset=min(24.0, sheet.margin)))  # clear of the crop marks
    inside = {tp: r for tp, r in cards.items() if page.rect_inside(r, content, sheet.height)}
    return PageInfo("tile", label, s, inside)


def _crop_marks(p: Pen, content: Rect, margin: float) -> None:
    gap = min(3.0, margin * 0.15)
    length = min(18.0, margin * 0.6)
    for x, dx in ((content.x, -1), (content.right, 1)):
        for y, dy in ((content.y, -1), (content.bottom, 1)):
            p.line(x + dx * gap, y, x + dx * (gap + length), y, stroke=MARK, width=0.5)
            p.line(x, y + dy * gap, x, y + dy * (gap + length), stroke=MARK, width=0.5)


def _overlap_guides(p: Pen, grid: TileGrid, row: int, col: int) -> None:
    # The guide lies inside the overlap strip, which the neighbouring sheet covers.
    c = grid.content
    dash = [2.0, 2.5]
    if col + 1 < grid.cols:
        x = c.x + grid.step[0]
        p.line(x, c.y, x, c.bottom, stroke="#6E7781", width=0.6, dash=dash)
    if row + 1 < grid.rows:
        y = c.y + grid.step[1]
        p.line(c.x, y, c.right, y, stroke="#6E7781", width=0.6, dash=dash)


def _sheet_label(p: Pen, sheet: Sheet, grid: TileGrid, row: int, col: int, title: str) -> None:
    c = grid.content
    size = min(sheet.margin * 0.45, 14 * sheet.k)
    baseline = c.y - sheet.margin * 0.35
    x = c.x + min(24.0, sheet.margin)
    label = sheet_label(row, col)
    p.text(x, baseline, label, font=fonts.BOLD, size=size, fill="#000000")
    x += fonts.string_width(label, fonts.BOLD, size) + size * 0.6
    small = size * 0.62
    last = sheet_label(grid.rows - 1, grid.cols - 1)
    neighbours = []
    if col + 1 < grid.cols:
        neighbours.append(f"{sheet_label(row, col + 1)} to the right")
    if row + 1 < grid.rows:
        neighbours.append(f"{sheet_label(row + 1, col)} below")
    text = f"sheet {label} of A1–{last}"
    if neighbours:
        text += ": " + " and ".join(neighbours) + ", overlapping at the dotted line"
    text = fonts.ellipsize(f"{text} · {title}", fonts.REGULAR, small, c.right - x - 24)
    p.text(x, baseline, text, size=small, fill=MUTED)
