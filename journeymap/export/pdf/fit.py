"""`--fit`: the whole map scaled onto one sheet, under a title block and above the legend."""

from __future__ import annotations

from journeymap.export.pdf import legend, page
from journeymap.export.pdf.bands import draw_bands, plan_bands
from journeymap.export.pdf.page import PageInfo, Sheet
from journeymap.export.pdf.painter import Painter
from journeymap.export.pdf.session import PdfSession
from journeymap.layout.geometry import JourneyLayout, LayoutOptions, Rect
from journeymap.model import Journey

#: Below this size (points on paper) map text is hard to read; the export warns.
MIN_READABLE_PT = 5.0
#: A small map on a poster is enlarged, but not beyond this.
MAX_FIT_SCALE = 4.0


def smallest_text(options: LayoutOptions) -> float:
    """The smallest font size the map uses, in layout units."""
    return min(options.label_font_size, options.name_font_size, options.header_font_size)


def map_area(sheet: Sheet, journey: Journey) -> tuple[Rect, Rect]:
    """(map area, legend area) of a map page: between the title block and the legend."""
    k = sheet.k
    box = sheet.content
    top = box.y + page.title_block_height(sheet) + 6 * k
    legend_h = legend.legend_height(journey, box.w, k)
    legend_area = Rect(box.x, box.bottom - legend_h, box.w, legend_h)
    return Rect(box.x, top, box.w, max(1.0, legend_area.y - 8 * k - top)), legend_area


def draw_fit_page(session: PdfSession, sheet: Sheet, journey: Journey, layout: JourneyLayout,
                  paper: str) -> tuple[PageInfo, list[str]]:
    """One sheet with the title block, the whole map (in bands if that prints it larger) and the
    legend; warns when the map's text gets too small to read."""
    furniture = Painter.for_page(session, sheet.height)
    page.draw_title_block(furniture, sheet, journey, "Journey map")
    area, legend_area = map_area(sheet, journey)
    plan = plan_bands(layout, area, MAX_FIT_SCALE)
    cards = draw_bands(furniture, plan, layout, journey, area, sheet.height)
    legend.draw_legend(furniture, legend_area, journey, sheet.k)
    session.end_page(page.label_finisher(sheet))
    warnings = []
    printed = smallest_text(layout.options) * plan.scale
    if printed < MIN_READABLE_PT:
        warnings.append(
            f"fitted on one {paper} sheet the map's smallest text prints at {printed:.1f} pt "
            f"(below {MIN_READABLE_PT:g} pt is hard to read); use --tile for a poster of several "
            "sheets, or a larger --paper")
    return PageInfo("map", "map", plan.scale, cards), warnings
