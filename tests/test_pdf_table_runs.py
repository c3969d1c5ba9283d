"""The touchpoint table across many pages reads as one table: every row once, the header on every page."""

from __future__ import annotations

import io

import pdfplumber

from journeymap.export.pdf import PdfOptions, estimate_page_count, render_pdf
from journeymap.model import Journey


def long_journey() -> Journey:
    j = Journey("Runs")
    for s, count in (("First", 40 * 3 + 7), ("Second", 5), ("Third", 40 + 1)):
        stage = j.add_stage(s).id
        for i in range(count):
            j.add_touchpoint(stage, f"{s} step {i:03d}", channel="email", emotion=i % 5 - 2, friction=i % 5,
                             description="A longer description that wraps over a line or two " * (i % 3),
                             pain_points=["Slow"] * (i % 4), owner="Ops")
    return j


def test_every_row_once_and_the_header_on_every_details_page() -> None:
    j = long_journey()
    options = PdfOptions("A4", False, insights=False)
    rendered = render_pdf(j, options)
    assert not [w for w in rendered.warnings if "left out" in w]
    assert len(rendered.pages) == estimate_page_count(j, "A4", False, insights=False)
    details = [i for i, page in enumerate(rendered.pages) if page.kind == "details"]
    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        texts = [pdf.pages[i].extract_text() for i in details]
    body = "\n".join(texts)
    for tp in j.touchpoints():
        assert body.count(tp.name) == 1, tp.name
    table_pages = [text for text in texts if " step " in text]  # the stage summary follows on its own pages
    assert len(table_pages) > 5
    for text in table_pages:
        assert "Touchpoint Channel Emotion" in text
