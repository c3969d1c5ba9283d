"""The Markdown report: title, personas, one well-formed table per stage, insights."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest

from journeymap.export.markdown import COLUMNS, cell, journey_to_markdown
from journeymap.io import load_journey
from journeymap.model import Journey

SAMPLES = sorted(glob.glob(str(Path(__file__).parent.parent / "sample_journeys" / "*.yaml")))
_UNESCAPED_BAR = re.compile(r"(?<!\\)\|")


def report_journey() -> Journey:
    journey = Journey("Pipes | and *stars*", "Scope: online only\nSecond line")
    journey.add_persona("Maya, busy runner", description="34, runs", goals=["Fast"], frustrations=["Returns | refunds"])
    stage = journey.add_stage("Awareness", description="She notices")
    journey.add_touchpoint(
        stage.id, "Sees | an ad", description="line one\nline two", channel="search", emotion=-2, friction=3,
        pain_points=["a | b", "second"], opportunities=["<b>bold</b>"], owner="Marketing", evidence="measured",
        metrics={"csat": 4.1, "drop_off": 0.35, "time|s": 3},
    )
    journey.add_touchpoint(stage.id, "Alternative", row=1)
    journey.add_stage("Empty")
    first, second = journey.touchpoint_ids()
    journey.add_flow(first, second, "clicks")
    return journey


def table_rows(text: str) -> list[list[str]]:
    return [_UNESCAPED_BAR.split(line)[1:-1] for line in text.splitlines() if line.startswith("| ")]


def test_the_report_holds_title_persona_and_a_table_per_stage() -> None:
    text = journey_to_markdown(report_journey(), insights=False)
    assert text.startswith("# Pipes \\| and \\*stars\\*\n\nScope: online only<br>Second line\n")
    assert (
        "## Persona\n\n### Maya, busy runner\n\n34, runs\n\n- **Goals**\n  - Fast\n"
        "- **Frustrations**\n  - Returns \\| refunds\n" in text
    )
    assert "## 1. Awareness\n\nShe notices\n\n| Touchpoint | Channel |" in text
    assert "## 2. Empty\n\nNo touchpoints yet." in text
    assert "↳ **Alternative**" in text and "↳ marks a touchpoint on an alternative path" in text
    assert "## Flows" in text and "Sees \\| an ad → Alternative — clicks" in text


def test_cells_escape_pipes_and_newlines_and_keep_the_column_count() -> None:
    rows = table_rows(journey_to_markdown(report_journey(), insights=False))
    assert all(len(row) == len(COLUMNS) for row in rows)
    header, first, second = rows
    assert [c.strip() for c in header] == list(COLUMNS)
    assert [c.strip() for c in first] == [
        "**Sees \\| an ad**<br>line one<br>line two", "Search", "Very negative (-2)", "High (3)",
        "• a \\| b<br>• second", "\\<b\\>bold\\</b\\>", "Marketing", "Measured", "CSAT 4.1, Drop-off 35%, time\\|s 3",
    ]
    assert [c.strip() for c in second][1:4] == ["–", "Not rated", "Not rated"]
    assert cell("") == "–" and cell("a\nb|c") == "a<br>b\\|c"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: Path(p).name)
def test_every_sample_gives_well_formed_tables(sample: str) -> None:
    journey = load_journey(sample)
    text = journey_to_markdown(journey, insights=False)
    rows = table_rows(text)
    lanes = sum(1 for lane in journey.lanes() if lane.is_text)
    assert all(len(row) == len(COLUMNS) + lanes for row in rows)
    assert len(rows) == journey.touchpoint_count() + sum(1 for s in journey.stages() if journey.touchpoints(s.id))
    assert text.count("\n|---|") == sum(1 for s in journey.stages() if journey.touchpoints(s.id))


def test_the_insights_are_included_when_the_analysis_offers_them() -> None:
    pytest.importorskip("journeymap.analysis.render")
    journey = load_journey(SAMPLES[0]) if SAMPLES else report_journey()
    text = journey_to_markdown(journey)
    assert "\n## Insights" in text
    assert "\n# " not in text.split("\n", 1)[1]  # the insights nest below the report's one title


def test_text_lane_notes_are_listed_per_touchpoint() -> None:
    journey = load_journey(Path(__file__).parent.parent / "sample_journeys" / "hotel-stay.yaml")
    report = journey_to_markdown(journey, insights=False)
    header = next(line for line in report.splitlines() if line.startswith("| Touchpoint"))
    assert header.endswith("| Doing | Thinking | Frontstage | Backstage | Systems |")
    row = next(line for line in report.splitlines() if "Calls about the anniversary" in line)
    assert "Asks for a late check-in and a small surprise" in row
    assert "Request noted on a paper pad at the desk" in row
    assert row.count(" | ") == header.count(" | ")  # the notes stay in their columns
