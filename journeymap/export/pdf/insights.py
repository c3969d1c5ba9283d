"""The insights page of the PDF (issue 5): hotspots, emotional lows, channel switches, worst path.

`document.render_pdf` calls `insights_story` after the details pages and sets whatever
it returns on as many pages as needed, with the same running head and page labels.
An empty story means no insights page.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from journeymap.export.pdf.tables import TableStyles
from journeymap.model import Journey


def insights_story(journey: Journey, width: float, styles: TableStyles) -> list[Flowable]:
    """The flowables of the insights page for a frame `width` points wide (none yet)."""
    return []
