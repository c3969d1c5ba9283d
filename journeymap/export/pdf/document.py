"""Assemble the PDF: map pages (fit or tiles), then the flowing pages (details, insights)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import TypeVar

from reportlab.pdfgen.canvas import Canvas

from journeymap import __version__
from journeymap.export.pdf import fonts, page
from journeymap.export.pdf.bands import plan_bands
from journeymap.export.pdf.comparison import comparison_story, draw_chart_page
from journeymap.export.pdf.details import details_story
from journeymap.export.pdf.textflow import Block, paginate
from journeymap.export.pdf.textflow_draw import draw_page
from journeymap.export.pdf.tables import TableStyles
from journeymap.export.pdf.fit import MAX_FIT_SCALE, draw_fit_page, map_area
from journeymap.export.pdf.insights import insights_story
from journeymap.export.pdf.page import PageInfo, Sheet
from journeymap.export.pdf.painter import Painter
from journeymap.export.pdf.session import PdfSession
from journeymap.runtime import paused_gc
from journeymap.layout.compare import with_comparison
from journeymap.layout.engine import compute_layout
from journeymap.layout.geometry import JourneyLayout, LayoutOptions, Rect
from journeymap.model import Journey
from journeymap.versions.compare import Comparison

_T = TypeVar("_T")

MODES = ("fit", "tile")


@dataclass(frozen=True)
class PdfOptions:
    """What to print and on which paper."""

    paper: str = "A3"
    landscape: bool = True
    mode: str = "fit"               # 'fit' or 'tile'
    details: bool = True
    insights: bool = True
    author: str = "journeymap"
    compare: Comparison | None = None   # `--compare OLD`: marks on the map and a comparison section after it
    compare_name: str = "this version"  # what the comparison calls the journey printed (the other is compare.label)

    def __post_init__(self) -> None:
        page.page_size(self.paper, self.landscape)  # raises ValueError for an unknown paper
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}; choose 'fit' or 'tile'")


@dataclass
class RenderedPdf:
    """The finished PDF in memory, its warnings and what each page holds."""

    data: bytes
    warnings: list[str] = field(default_factory=list)
    pages: list[PageInfo] = field(default_factory=list)


def table_styles(sheet: Sheet) -> TableStyles:
    """Body text of the table pages: 8 pt on A4, a little larger on bigger paper."""
    return TableStyles(round(8.0 * (min(sheet.width, sheet.height) / page.PAPERS["A4"][0]) ** 0.45, 1))


def _sheet(journey: Journey, options: PdfOptions) -> Sheet:
    width, height = page.page_size(options.paper, options.landscape)
    return Sheet(width, height, journey.title)


def _tiled(layout: JourneyLayout, sheet: Sheet, journey: Journey) -> bool:
    # Tiling only pays when the map does not fit one sheet at tile scale already.
    from journeymap.export.pdf.tile import TILE_SCALE  # the tile module only when tiling

    area, _ = map_area(sheet, journey)
    return plan_bands(layout, area, MAX_FIT_SCALE).scale < TILE_SCALE


def _gc_paused(function: Callable[..., _T]) -> Callable[..., _T]:
    # A render allocates millions of short-lived objects (operators, lines, records) and
    # none of them form cycles, yet each burst set the collector walking the whole heap
    # (a fifth of a 5,000-touchpoint poster).
    @functools.wraps(function)
    def paused(*args: object, **kwargs: object) -> _T:
        with paused_gc():
            return function(*args, **kwargs)

    return paused


@_gc_paused
def render_pdf(journey: Journey, options: PdfOptions = PdfOptions()) -> RenderedPdf:
    """Build the whole PDF in memory.

    reportlab keeps module-level state (registered fonts, width caches, its accelerator's
    buffers) and is not thread-safe: render (and count) from one thread at a time. The app
    and the CLI do both on their main thread.
    """
    fonts.register_fonts()
    sheet = _sheet(journey, options)
    layout = _layout(journey, options)
    result = RenderedPdf(b"", fonts.glyph_warnings(journey))
    buffer = BytesIO()
    # The initial font would otherwise be Helvetica, which is never embedded.
    canvas = Canvas(buffer, pagesize=(sheet.width, sheet.height), pageCompression=1, initialFontName=fonts.REGULAR)
    session = PdfSession(canvas)
    canvas.setTitle(journey.title)
    canvas.setAuthor(options.author)
    canvas.setSubject(_subject(journey))
    canvas.setCreator(f"journeymap {__version__}")
    canvas.setKeywords("customer journey map, CX")

    if options.mode == "tile" and _tiled(layout, sheet, journey):
        from journeymap.export.pdf.tile import draw_overview, draw_tile, plan_tiles

        grid = plan_tiles(layout, sheet)
        result.pages.append(draw_overview(session, sheet, grid, journey, layout))
        for row in range(grid.rows):
            for col in range(grid.cols):
                result.pages.append(draw_tile(session, sheet, grid, row, col, journey, layout))
    else:
        info, warnings = draw_fit_page(session, sheet, journey, layout, options.paper)
        result.pages.append(info)
        result.warnings += warnings

    if options.compare is not None:
        result.pages.append(draw_chart_page(session, sheet, journey, options.compare, options.compare_name))
    result.pages += _text_pages(session, sheet, journey, options, draw=True)
    session.save()
    result.data = buffer.getvalue()
    return result


def _text_pages(session: PdfSession, sheet: Sheet, journey: Journey, options: PdfOptions,
                draw: bool) -> list[PageInfo]:
    styles = table_styles(sheet)
    width = sheet.content.w
    pages: list[PageInfo] = []
    if options.compare is not None:
        story = comparison_story(journey, options.compare, width, styles)
        count = flow_pages(session, sheet, story, "Comparison", draw)
        pages += [PageInfo("comparison", "comparison") for _ in range(count)]
    if options.details:
        count = flow_pages(session, sheet, details_story(journey, width, styles), "Touchpoint details", draw)
        pages += [PageInfo("details", "details") for _ in range(count)]
    if options.insights:
        story = insights_story(journey, width, styles, _frame(sheet).h)
        if story:
            count = flow_pages(session, sheet, story, "Insights", draw)
            pages += [PageInfo("insights", "insights") for _ in range(count)]
    return pages


@_gc_paused
def count_pages(journey: Journey, options: PdfOptions) -> int:
    """The number of pages `render_pdf` makes, found without drawing anything.

    The text pages are paginated exactly as `render_pdf` paginates them, but not drawn.
    """
    fonts.register_fonts()
    sheet = _sheet(journey, options)
    map_pages = 1
    if options.mode == "tile":
        layout = _layout(journey, options)
        if _tiled(layout, sheet, journey):
            from journeymap.export.pdf.tile import plan_tiles

            map_pages = 1 + plan_tiles(layout, sheet).count
    if options.compare is not None:
        map_pages += 1  # the chart page of the comparison
    scratch = PdfSession(Canvas(BytesIO(), pagesize=(sheet.width, sheet.height), initialFontName=fonts.REGULAR))
    return map_pages + len(_text_pages(scratch, sheet, journey, options, draw=False))


def _layout(journey: Journey, options: PdfOptions) -> JourneyLayout:
    """The map's layout, with the compare marks when comparing."""
    layout = compute_layout(journey, LayoutOptions())
    c = options.compare
    return layout if c is None else with_comparison(layout, c.other, c.other_ids, c.marks)


def _subject(journey: Journey) -> str:
    personas = ", ".join(p.name for p in journey.personas())
    subject = "Customer journey map" + (f" of {personas}" if personas else "")
    if journey.description:
        subject += f": {' '.join(journey.description.split())}"
    return subject[:300]


def _frame(sheet: Sheet) -> Rect:
    """Where the flowing pages set their text: the content area below the running head."""
    box = sheet.content
    top = box.y + 9 * sheet.k * 2.2
    return Rect(box.x, top, box.w, box.bottom - top)


def flow_pages(session: PdfSession, sheet: Sheet, story: Sequence[Block], heading: str,
               draw: bool = True) -> int:
    """Set `story` on as many pages as it needs, each with a running head and a page label.

    Returns the number of pages; with `draw` False they are only counted.
    """
    area = _frame(sheet)
    pages = paginate(story, area)
    if not draw:
        return len(pages)
    k = sheet.k
    box = sheet.content
    head = 9 * k
    for placed in pages:
        p = Painter.for_page(session, sheet.height)
        title = fonts.ellipsize(sheet.title, fonts.BOLD, head, box.w * 0.6)
        p.text(box.x, box.y + head, title, font=fonts.BOLD, size=head, fill=page.INK)
        p.text(box.right, box.y + head, heading, size=head, fill=page.MUTED, anchor="end")
        p.line(box.x, box.y + head * 1.5, box.right, box.y + head * 1.5, stroke=page.RULE, width=0.6 * k)
        draw_page(session, placed, area, sheet.height)
        session.end_page(page.footer_finisher(sheet, f"{sheet.title} · {heading}"))
    return len(pages)
