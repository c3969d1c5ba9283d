"""`journeymap export NEW -o out.pdf --compare OLD`: the comparison section and the marks on the map."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from journeymap.cli import main
from journeymap.export.pdf import estimate_page_count
from journeymap.io import load_journey
from journeymap.layout import compute_layout
from journeymap.layout.compare import mark_label, mark_tone, with_comparison
from journeymap.versions.compare import compare_journeys

SAMPLES = Path(__file__).parent.parent / "sample_journeys"
OLD = SAMPLES / "b2b-software-intent.yaml"
NEW = SAMPLES / "b2b-software-intent-future.yaml"


def _pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_compare_adds_a_comparison_section_after_the_map(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(NEW), "-o", str(out), "--compare", str(OLD)]) == 0
    pages = _pages(out)
    assert "New" in pages[0] and "Moved" in pages[0]           # the map marks the changed cards
    assert "Emotion per stage, before and after" in pages[1]
    assert "before: b2b-software-intent.yaml" in pages[1]
    rest = "\n".join(pages[2:])
    assert "Before and after, stage by stage" in rest
    assert "−1.0 → +1.0" in rest and "19 → 8" in rest          # Intent: emotion rose, friction fell
    assert "Changed touchpoints" in rest
    for name in ("Reads the guide to shift scheduling", "Downloads the buyer's guide ebook",
                 "First nurture email with the ROI template"):
        assert name in rest
    assert "Looks at a competitor with public pricing" in rest and "Removed" in rest
    assert "Touchpoint details" in rest                        # the details still follow


def test_page_estimate_counts_the_comparison(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(NEW), "-o", str(out), "--compare", str(OLD)]) == 0
    new = load_journey(NEW)
    comparison = compare_journeys(new, load_journey(OLD), "old")
    from journeymap.export.pdf.document import PdfOptions, count_pages

    assert count_pages(new, PdfOptions(compare=comparison)) == len(_pages(out))
    assert estimate_page_count(new) < len(_pages(out))


def test_an_unreadable_compare_file_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "old.yaml"
    bad.write_text("journeymap: 1\ntitle: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out.pdf"
    assert main(["export", str(NEW), "-o", str(out), "--compare", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(str(bad))
    assert not out.exists()


def test_compare_needs_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(NEW), "-o", str(tmp_path / "out.md"), "--compare", str(OLD)]) == 2
    assert "--compare needs a PDF" in capsys.readouterr().err


def test_layout_places_the_other_line_and_the_badges() -> None:
    new, old = load_journey(NEW), load_journey(OLD)
    comparison = compare_journeys(new, old, "old")
    layout = with_comparison(compute_layout(new), old, comparison.other_ids, comparison.marks)
    assert layout.emotion is not None and layout.emotion.compare is not None
    points = {p.id: p for p in layout.emotion.compare.points}
    assert "ebook-download" not in points                     # new: nothing to compare with
    pricing = points["pricing-page"]
    assert pricing.emotion == -1 and pricing.x == layout.emotion.slots["pricing-page"]
    assert layout.marks["ebook-download"].label == "New"
    badge = layout.marks["security-search"]
    assert badge.kinds[:1] == ("moved",) and "emotion-up" in badge.kinds and badge.tone == "better"
    assert badge.rect.w <= layout.cards["security-search"].rect.w


def test_mark_words_and_tones() -> None:
    assert mark_label(("changed",)) == "Changed"
    assert mark_label(("changed", "emotion-down")) == "Emotion ↓"
    assert mark_tone(("emotion-down", "friction-down")) == "neutral"
    assert mark_tone(("friction-up",)) == "worse"
