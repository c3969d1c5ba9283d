"""The PDF map page draws every lane: each note, pain point and opportunity as text inside its cell,
the lane titles, the blueprint lines with their labels; the details table has the lane notes.

The PDFs are built in memory and read back with pdfplumber (words with their positions).
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from test_pdf_export import check_chars

from journeymap.export.pdf import PdfOptions, render_pdf
from journeymap.io import load_journey
from journeymap.layout import LayoutOptions, Rect, compute_layout
from journeymap.layout.geometry import JourneyLayout
from journeymap.model import Journey, make_lane

SAMPLES = sorted((Path(__file__).parent.parent / "sample_journeys").glob("*.yaml"))


def lane_rich() -> Journey:
    """A service blueprint of 10 steps: notes in every text lane, pain points, opportunities, a metric."""
    journey = Journey.from_template("blueprint")
    lanes = list(journey.lanes())
    lanes.insert(4, make_lane("metric", metric="csat"))
    journey.set_lane_config(tuple(lanes))
    stages = journey.stage_ids()
    for k in range(10):
        tp = journey.add_touchpoint(stages[k % len(stages)], f"Step {k}", emotion=k % 5 - 2, row=int(k % 4 == 3))
        for n, lane_id in enumerate(journey.text_lane_ids()):
            notes = [f"{lane_id}{k} says word{n}x{m} and more words to wrap" for m in range((k + n) % 3 + 1)]
            journey.set_notes(tp.id, lane_id, notes)
        journey.update_touchpoint(tp.id, pain_points=[f"Pain{k} hurts here"] if k % 2 else [],
                                  opportunities=[f"Idea{k} could help", f"Second{k} idea"], metrics={"csat": 1 + k % 5})
    return journey


def page_words(data: bytes, number: int = 0) -> tuple[list[dict], float]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[number]
        # Lines of neighbouring text (titles, cells) are only a few points apart at a fitted scale.
        return page.extract_words(y_tolerance=0.5), page.height


def to_page(card_layout: Rect, card_page: Rect, r: Rect, page_height: float) -> Rect:
    """`r` (layout units) on the page, top-down, by the transformation that placed the card."""
    s = card_page.w / card_layout.w
    x = card_page.x + (r.x - card_layout.x) * s
    top = page_height - (card_page.y + card_page.h) + (r.y - card_layout.y) * s
    return Rect(x, top, r.w * s, r.h * s)


def words_in(words: list[dict], box: Rect, eps: float = 0.05) -> list[str]:
    """The words whose centre lies in `box`, each checked to lie wholly inside it."""
    found = []
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if box.x <= cx <= box.right and box.y <= cy <= box.bottom:
            assert box.x - eps <= w["x0"] and w["x1"] <= box.right + eps, w["text"]
            assert box.y - eps <= w["top"] and w["bottom"] <= box.bottom + eps, w["text"]
            found.append(w["text"])
    return found


def check_cells_on_page(journey: Journey, layout: JourneyLayout, data: bytes, cards: dict[str, Rect],
                        keys: set[str] | None = None) -> int:
    """Every shown cell's text is on the map page, inside the cell; returns how many cells were checked."""
    words, height = page_words(data)
    checked = 0
    for lane in layout.lanes:
        if keys is not None and lane.key not in keys:
            continue
        for tp_id, cell in lane.cells.items():
            box = to_page(layout.cards[tp_id].rect, cards[tp_id], cell.rect, height)
            got = words_in(words, box)
            assert sorted(got) == sorted(" ".join(cell.lines).split()), (lane.key, tp_id)
            if cell.value is None and not cell.more:
                shown = " ".join(cell.lines).replace("• ", "").split()
                assert shown == " ".join(cell.notes).split(), "every note whole"
            checked += 1
    return checked


def test_every_note_of_a_lane_rich_journey_is_inside_its_cell() -> None:
    journey = lane_rich()
    rendered = render_pdf(journey, PdfOptions("A3", details=False, insights=False))
    layout = compute_layout(journey, LayoutOptions())
    cells = sum(len(lane.cells) for lane in layout.lanes)
    assert cells == 10 * 8 + 5  # 6 text lanes, opportunities and the metric in every step, pain points in half
    assert check_cells_on_page(journey, layout, rendered.data, rendered.pages[0].cards) == cells
    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        check_chars(pdf.pages[0].chars, pdf.pages[0].width, pdf.pages[0].height)  # nothing overlaps
    words, _ = page_words(rendered.data)
    texts = {w["text"] for w in words}
    for lane in layout.lanes:
        assert set(" ".join(lane.title_lines).split()) <= texts
    for rule in layout.rules:
        assert set(rule.label.split()) <= texts
    assert len(layout.rules) == 3


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_pain_point_and_opportunity_of_a_sample_is_on_the_map_page(path: Path) -> None:
    journey = load_journey(path)
    rendered = render_pdf(journey, PdfOptions("A3", details=False, insights=False))
    layout = compute_layout(journey, LayoutOptions())
    checked = check_cells_on_page(journey, layout, rendered.data, rendered.pages[0].cards)
    wanted = sum(bool(t.pain_points) + bool(t.opportunities) for t in journey)
    assert checked >= wanted
    for key in ("pain-points", "opportunities"):
        lane = layout.lane(key)
        assert lane is not None and all(c.more == 0 for c in lane.cells.values())


def test_tiles_show_the_notes_too() -> None:
    journey = lane_rich()
    rendered = render_pdf(journey, PdfOptions("A4", mode="tile", details=False, insights=False))
    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages[1:])
    for tp in journey:
        for lane_id in journey.text_lane_ids():
            for note in tp.notes(lane_id):
                assert note.split()[0] in text


def test_details_table_lists_each_text_lane_s_notes() -> None:
    journey = lane_rich()
    rendered = render_pdf(journey, PdfOptions("A3", insights=False))
    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages[1:])
    squashed = " ".join(text.split())
    assert "Lane notes" in squashed
    for tp in journey:
        for lane_id in journey.text_lane_ids():
            for note in tp.notes(lane_id):
                assert note.split()[0] in squashed
