"""The insights page of the PDF: present with its heading and hotspots, gone with --no-insights,
user text printed literally, and an empty journey still exporting. No display needed."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from journeymap.analysis import compute_insights
from journeymap.cli import main
from journeymap.export.pdf import PdfOptions, estimate_page_count, render_pdf
from journeymap.io import load_journey
from journeymap.model import Journey

SAMPLES = sorted((Path(__file__).parent.parent / "sample_journeys").glob("*.yaml"))


def _texts(data: bytes, kind: str, rendered_pages: list[str]) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [reader.pages[n].extract_text() for n, k in enumerate(rendered_pages) if k == kind]


def insights_text(journey: Journey, options: PdfOptions = PdfOptions("A4")) -> str:
    rendered = render_pdf(journey, options)
    kinds = [p.kind for p in rendered.pages]
    return "\n".join(_texts(rendered.data, "insights", kinds))


def one_line(text: str) -> str:
    return " ".join(text.split())


def shop() -> Journey:
    j = Journey("Shop")
    a, b, c = (j.add_stage(n).id for n in ("Find", "Buy", "Use"))
    ad = j.add_touchpoint(a, "Sees an ad", channel="advertising", emotion=1, friction=0).id
    form = j.add_touchpoint(b, "Fills in the form", channel="website", emotion=-1, friction=3).id
    pay = j.add_touchpoint(b, "Card is declined", channel="phone", emotion=-2, friction=4).id
    use = j.add_touchpoint(c, "Unboxes it", channel="in-store", emotion=2, friction=1).id
    j.add_flow(ad, form)
    j.add_flow(form, pay)
    j.add_flow(pay, use)
    return j


def test_the_insights_page_holds_the_heading_and_the_hotspots() -> None:
    text = one_line(insights_text(shop()))
    assert "Insights" in text and "Friction hotspots" in text
    # Ranked: the blocking step first, then high friction.
    assert text.index("Card is declined") < text.index("Fills in the form")
    assert "4 Blocking" in text and "−2 Very negative" in text
    assert "Flagged channel switches" in text and "Website → Phone" in text
    assert "Hardest path" in text and "Total friction 8" in text
    # Its steps, numbered and grouped by stage; the hard ones (friction 3+) in bold.
    assert "Find 1. Sees an ad Buy 2. Fills in the form → 3. Card is declined Use 4. Unboxes it" in text


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_prints_its_top_hotspots(sample: Path) -> None:
    journey = load_journey(sample)
    text = one_line(insights_text(journey, PdfOptions("A4", landscape=False, details=False)))
    top = [h for h in compute_insights(journey).hotspots if h.friction][:8]
    assert text.startswith("Insights") or "Insights" in text
    for hotspot in top:
        assert one_line(hotspot.name)[:40] in text


def test_no_insights_leaves_the_page_out(tmp_path: Path) -> None:
    journey = shop()
    with_page = render_pdf(journey, PdfOptions("A4"))
    without = render_pdf(journey, PdfOptions("A4", insights=False))
    assert "insights" in [p.kind for p in with_page.pages]
    assert "insights" not in [p.kind for p in without.pages]
    assert len(PdfReader(io.BytesIO(without.data)).pages) <= len(PdfReader(io.BytesIO(with_page.data)).pages) - 1


def test_no_insights_flag_of_the_cli(tmp_path: Path) -> None:
    source = SAMPLES[0]
    full, short = tmp_path / "full.pdf", tmp_path / "short.pdf"
    assert main(["export", str(source), "-o", str(full), "--paper", "A4"]) == 0
    assert main(["export", str(source), "-o", str(short), "--paper", "A4", "--no-insights"]) == 0
    full_pages, short_pages = PdfReader(full).pages, PdfReader(short).pages
    assert len(short_pages) <= len(full_pages) - 1
    assert any("Friction hotspots" in p.extract_text() for p in full_pages)
    assert not any("Friction hotspots" in p.extract_text() for p in short_pages)


def test_markup_in_names_prints_literally() -> None:
    j = Journey("Markup <b>")
    s = j.add_stage("Stage & <i>co</i>").id
    a = j.add_touchpoint(s, "Tom & Jerry <b>bold</b>", channel="web<site>", emotion=-2, friction=4).id
    b = j.add_touchpoint(s, "A <font size=40>b</font> &amp;", channel="email", emotion=-1, friction=2).id
    j.add_flow(a, b)
    text = one_line(insights_text(j))
    assert "Tom & Jerry <b>bold</b>" in text
    assert "A <font size=40>b</font> &amp;" in text
    assert "Stage & <i>co</i>" in text
    assert "web<site> → Email" in text


@pytest.mark.parametrize("journey", [Journey("Nothing yet"), None], ids=["no stages", "stages only"])
def test_an_empty_journey_still_exports(journey: Journey | None) -> None:
    if journey is None:
        journey = Journey("Stages only")
        journey.add_stage("Awareness")
        journey.add_stage("Purchase")
    rendered = render_pdf(journey, PdfOptions("A4"))
    kinds = [p.kind for p in rendered.pages]
    assert kinds.count("insights") == 1
    text = one_line(insights_text(journey))
    assert "No touchpoint has friction rated above none." in text
    assert "No path from an entry to an exit yet" in text
    assert estimate_page_count(journey, "A4") == len(kinds)


def test_long_lists_are_bounded_and_stay_inside_the_page() -> None:
    j = Journey("Many")
    stages = [j.add_stage(f"Stage {n}").id for n in range(4)]
    ids = [j.add_touchpoint(stages[n * 4 // 300], f"Step {n} " + "word " * 30, channel=("website", "phone")[n % 2],
                            emotion=-2, friction=4).id for n in range(300)]
    for a, b in zip(ids, ids[1:], strict=False):
        j.add_flow(a, b)
    rendered = render_pdf(j, PdfOptions("A4", landscape=False, details=False))
    kinds = [p.kind for p in rendered.pages]
    assert 1 <= kinds.count("insights") <= 3  # bounded lists: a few pages, not one per touchpoint
    assert estimate_page_count(j, "A4", landscape=False, details=False) == len(kinds)
    assert not [w for w in rendered.warnings if "left out" in w]
    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        for n, kind in enumerate(kinds):
            if kind != "insights":
                continue
            page = pdf.pages[n]
            outside = [
                c
                for c in page.chars
                if c["x0"] < -0.5 or c["x1"] > page.width + 0.5 or c["top"] < -0.5 or c["bottom"] > page.height + 0.5
            ]
            assert not outside
    text = one_line(insights_text(j, PdfOptions("A4", landscape=False, details=False)))
    assert "… 260 more step(s) …" in text  # the 300-step hardest path is elided in the middle
