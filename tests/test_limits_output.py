"""At the loader's limits every report stays bounded: paths and loops, the JSON, the PDF's lists (issue 13, 15)."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pdfplumber
import pytest

from journeymap.analysis import compute_insights, insights_to_json
from journeymap.analysis import JourneyView
from journeymap.analysis.cycles import MAX_CYCLE_TOUCHPOINTS, find_cycles
from journeymap.analysis.json_text import dumps_indented
from journeymap.analysis.paths import MAX_PATH_TOUCHPOINTS
from journeymap.export.pdf import PdfOptions, estimate_page_count, render_pdf
from journeymap.export.pdf import details
from journeymap.io import load_journey
from journeymap.model import Journey

SAMPLES = sorted((Path(__file__).parent.parent / "sample_journeys").glob("*.yaml"))


def chain(size: int, stage_size: int = 100) -> Journey:
    """`size` touchpoints t0 → t1 → … over stages of `stage_size`, rated, with one channel each."""
    j = Journey("Chain")
    for k in range(size):
        if k % stage_size == 0:
            j.add_stage(f"Stage {k // stage_size}", id=f"s{k // stage_size}")
        j.add_touchpoint(f"s{k // stage_size}", f"Step {k}", id=f"t{k}", emotion=k % 5 - 2, friction=k % 5,
                         channel="email")
        if k:
            j.add_flow(f"t{k - 1}", f"t{k}")
    return j


def test_the_paths_together_stay_within_their_bound_and_each_is_whole() -> None:
    # 2,400 steps with a short detour every 200: 2**12 paths of about 2,400 touchpoints,
    # ten million ids in all. The listed paths stop at MAX_PATH_TOUCHPOINTS, whole.
    size = 2400
    j = chain(size)
    for k in range(0, size - 3, 200):
        j.add_touchpoint(f"s{k // 100}", f"Detour {k}", id=f"d{k}")
        j.add_flow(f"t{k}", f"d{k}")
        j.add_flow(f"d{k}", f"t{k + 2}")
    insights = compute_insights(j)
    listed = sum(len(p.touchpoints) for p in insights.paths)
    assert insights.paths_truncated and "paths" in insights_to_json(insights)["warnings"]["truncated"]
    assert MAX_PATH_TOUCHPOINTS - size < listed <= MAX_PATH_TOUCHPOINTS
    assert all(p.touchpoints[0] == "t0" and p.touchpoints[-1] == f"t{size - 1}" for p in insights.paths)


def test_long_loops_stay_within_their_bound() -> None:
    # A 3,000-step chain with flows back from its end to each of the first 100 steps:
    # 100 loops of about 3,000 touchpoints each, listed until MAX_CYCLE_TOUCHPOINTS.
    size = 3000
    j = chain(size)
    for k in range(100):
        j.add_flow(f"t{size - 1}", f"t{k}")
    search = find_cycles(JourneyView.of(j), budget=10**8)  # the step budget alone would stop it sooner
    listed = sum(len(c) for c in search.cycles)
    assert search.truncated
    assert MAX_CYCLE_TOUCHPOINTS - size < listed <= MAX_CYCLE_TOUCHPOINTS
    assert search.cycles[0] == tuple(f"t{k}" for k in range(size))
    assert compute_insights(j).warnings.cycles_truncated


def test_small_maps_list_every_path_and_loop_as_before() -> None:
    for path in SAMPLES:
        insights = compute_insights(load_journey(path))
        assert not insights.paths_truncated and not insights.warnings.cycles_truncated, path.name


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("ascii_only", [True, False])
def test_the_json_text_is_exactly_what_json_dumps_writes(path: Path, ascii_only: bool) -> None:
    data = insights_to_json(compute_insights(load_journey(path)))
    assert dumps_indented(data, ascii_only) == json.dumps(data, indent=2, ensure_ascii=ascii_only)


def test_the_json_text_handles_every_kind_of_value() -> None:
    data = {"a": [1, -2.5, 1e300, -0.0, None, True, False, "é \"q\" \\ \x00 \u2028 😀", [], {}, [[]], {"x": {}}],
            "records": [{"k": 1, "s": "x", "n": None, "f": 0.1}, {"k": 2}, {}], "ids": ["a", "ü"], "empty": [],
            "odd": [float("nan"), math.inf, -math.inf], "mixed": ["a", 1, {"b": ["c"]}]}
    for ascii_only in (True, False):
        assert dumps_indented(data, ascii_only) == json.dumps(data, indent=2, ensure_ascii=ascii_only)
    for scalar in ("x", 3, None, [], {}):
        assert dumps_indented(scalar) == json.dumps(scalar, indent=2)


def wide_journey(count: int, pains: int = 1) -> Journey:
    j = Journey("Wide")
    j.add_stage("Only", id="only")
    for k in range(count):
        j.add_touchpoint("only", f"Touchpoint number {k:05d}", id=f"t{k}", channel="email", emotion=0, friction=1,
                         pain_points=[f"Pain {k}-{n}" for n in range(pains)])
    return j


def details_text(j: Journey) -> str:
    rendered = render_pdf(j, PdfOptions("A4", False, insights=False))
    pages = [i for i, page in enumerate(rendered.pages) if page.kind == "details"]
    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        return "\n".join(pdf.pages[i].extract_text() for i in pages)


def test_a_huge_details_table_ends_with_a_note_saying_how_many_more_and_where(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(details, "MAX_DETAIL_ROWS", 12)  # the real cap is 1,000 rows: same code, faster test
    text = details_text(wide_journey(40))
    assert "Touchpoint number 00011" in text and "Touchpoint number 00012" not in text
    flat = " ".join(text.split())
    assert "… and 28 more touchpoints, not printed here" in flat
    assert "the journey file lists them all" in flat and "touchpoints.csv" in flat


def test_the_details_pages_of_the_largest_map_are_bounded() -> None:
    # Twice the cap of touchpoints, each with 200 pain points: without the caps some
    # 2,000 pages; with them the table stops at MAX_DETAIL_ROWS rows of at most
    # MAX_CELL_ITEMS items each.
    j = wide_journey(2 * details.MAX_DETAIL_ROWS, pains=200)
    pages = estimate_page_count(j, "A3", True, details=True, insights=False)
    capped = estimate_page_count(wide_journey(details.MAX_DETAIL_ROWS, pains=details.MAX_CELL_ITEMS + 1), "A3",
                                 True, details=True, insights=False)
    assert pages <= capped + 1


def test_long_lists_in_a_cell_end_with_and_n_more() -> None:
    text = " ".join(details_text(wide_journey(2, pains=details.MAX_CELL_ITEMS + 7)).split())
    assert f"Pain 0-{details.MAX_CELL_ITEMS - 1}" in text and f"Pain 0-{details.MAX_CELL_ITEMS}" not in text
    assert text.count("… and 7 more") == 2  # each touchpoint's cell
    assert f"… and {2 * (details.MAX_CELL_ITEMS + 7) - details.MAX_CELL_ITEMS} more" in text  # the stage summary
