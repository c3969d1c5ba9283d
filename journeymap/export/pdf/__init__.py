"""Print-ready PDF journey maps: the map (fitted or tiled), a legend, details and insights.

`export_pdf` is the one entry point of the CLI and the GUI; `estimate_page_count`
tells the GUI how many pages an export will have before it is made.
"""

from __future__ import annotations

import os

from journeymap.export.pdf.document import PdfOptions, RenderedPdf, count_pages, render_pdf
from journeymap.export.pdf.page import PAPERS, paper_names
from journeymap.io.atomic import atomic_write
from journeymap.model import Journey
from journeymap.versions.compare import Comparison

__all__ = ["PAPERS", "PdfOptions", "RenderedPdf", "estimate_page_count", "export_pdf", "paper_names", "render_pdf"]


def export_pdf(
    journey: Journey,
    out_path: str | os.PathLike[str],
    *,
    paper: str = "A3",
    landscape: bool = True,
    mode: str = "fit",
    details: bool = True,
    insights: bool = True,
    compare: Comparison | None = None,
    compare_name: str = "this version",
) -> list[str]:
    """Write `journey` as a PDF to `out_path` and return the warnings for the user.

    `paper` is one of A4, A3, A2, A1, A0, letter, legal, tabloid; `mode` is 'fit' (the
    map on one sheet) or 'tile' (a poster of several sheets plus an overview sheet).
    With `compare` (`journeymap.versions.compare_journeys(journey, OLD)`), changed cards are
    marked on the map, the other version's emotion line is drawn dashed, and a comparison
    section follows the map; `compare_name` is what it calls `journey`.
    The file is written atomically: on failure (OSError) an existing file is untouched.
    Raises ValueError for an unknown paper or mode.
    """
    options = PdfOptions(paper, landscape, mode, details, insights, compare=compare, compare_name=compare_name)
    rendered = render_pdf(journey, options)
    atomic_write(out_path, rendered.data)
    return rendered.warnings


def estimate_page_count(journey: Journey, paper: str = "A3", landscape: bool = True, mode: str = "fit",
                        details: bool = True, insights: bool = True) -> int:
    """How many pages `export_pdf` would write with these options.

    Exact: the details and insights pages are paginated exactly as the export paginates
    them, but nothing is drawn (nor the map laid out, unless tiling): a few hundredths of
    a second for a few hundred touchpoints, a fraction of a second for thousands.
    """
    return count_pages(journey, PdfOptions(paper, landscape, mode, details, insights))
