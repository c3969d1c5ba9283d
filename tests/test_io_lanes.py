"""The `lanes` and `persona_emotions` extensions of format v1: round trips and their errors."""

import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.io import JourneyFileError, dumps_journey, load_journey, loads_journey, validate_file

EXAMPLE = """\
journeymap: 1
title: Buying running shoes online
personas:
- id: maya
  name: Maya, busy runner
- id: tom
  name: Tom, first marathon
lanes:
- id: doing
  name: Doing
- id: thinking
  name: Thinking
- kind: emotion
- kind: friction
  name: Effort
- kind: pain-points
- kind: opportunities
- kind: metric
  metric: drop_off
- id: staff
  name: Staff actions
  section: frontstage
- id: systems
  name: Systems
  section: support
stages:
- id: purchase
  name: Purchase
touchpoints:
- id: size-guide
  stage: purchase
  name: Checks the size guide
  emotion: -1
  persona_emotions:
    tom: 1
  friction: 2
  pain_points:
  - Sizes differ by brand
  opportunities:
  - A fit finder
  lanes:
    doing:
    - Compares the chart with her current pair
    thinking:
    - Is a 39 here a 39 there?
    staff:
    - Merchandising updates the chart by hand
  metrics:
    drop_off: 0.2
"""


def test_the_issue_example_round_trips_byte_identical(tmp_path: Path) -> None:
    journey = loads_journey(EXAMPLE)
    assert dumps_journey(journey) == EXAMPLE
    assert [lane.key for lane in journey.lanes()] == [
        "doing",
        "thinking",
        "emotion",
        "friction",
        "pain-points",
        "opportunities",
        "metric:drop_off",
        "staff",
        "systems",
    ]
    tp = journey.touchpoint("size-guide")
    assert tp.notes("thinking") == ("Is a 39 here a 39 there?",)
    assert tp.emotion_of("tom") == 1 and tp.emotion_of("maya") == -1
    path = tmp_path / "map.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    assert validate_file(path) == []


def test_samples_without_lanes_still_save_byte_identical() -> None:
    for path in sorted(Path("sample_journeys").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert dumps_journey(load_journey(path)) == text, path


def errors(text: str) -> list[str]:
    with pytest.raises(JourneyFileError):
        loads_journey(text, "m.yaml")
    from journeymap.io.reader import read_journey_text

    return [str(e) for e in read_journey_text(text, "m.yaml")[1]]


def with_lanes(lanes: str, notes: str = "") -> str:
    return (f"journeymap: 1\ntitle: T\npersonas:\n- id: maya\n  name: Maya\nlanes:\n{lanes}"
            f"stages:\n- id: s\n  name: S\ntouchpoints:\n- id: t\n  stage: s\n  name: N\n{notes}")


@pytest.mark.parametrize("lanes, notes, expected", [
    ("- id: doing\n  name: Doing\n", "  lanes:\n    doign: [x]\n",
     "m.yaml:17:5: unknown lane 'doign' (did you mean 'doing'?); the text lanes are: doing"),
    ("- kind: emotion\n- kind: emotion\n", "",
     "m.yaml:8:9: duplicate built-in lane 'emotion' (first at line 7)"),
    ("- kind: emotoin\n", "", "m.yaml:7:9: unknown lane kind 'emotoin' (did you mean 'emotion'?)"),
    ("- kind: friction\n  section: backstage\n", "", "m.yaml:8:3: only text lanes have a section"),
    ("- id: doing\n", "", "m.yaml:7:3: a text lane needs 'name'"),
    ("- id: staff\n  name: Staff\n  section: frontstag\n", "",
     "m.yaml:9:12: unknown section 'frontstag' (did you mean 'frontstage'?)"),
    ("- id: a\n  name: A\n- id: a\n  name: B\n", "", "m.yaml:9:7: duplicate lane id 'a' (first at line 7)"),
    ("- kind: opportunities\n", "  lanes:\n    pain-points: [x]\n",
     "m.yaml:16:5: 'pain-points' is a built-in lane: write these notes under 'pain_points:' of the touchpoint"),
    ("- kind: emotion\n", "  persona_emotions:\n    mayaa: 1\n",
     "m.yaml:16:5: unknown persona 'mayaa' (did you mean 'maya'?); the personas are: maya"),
    ("- kind: emotion\n", "  persona_emotions:\n    maya: 3\n", "m.yaml:16:11: emotion must be from -2 to 2, not 3"),
    ("- kind: metric\n", "", "m.yaml:7:9: a metric lane names its metric"),
])
def test_lane_errors_name_the_line(lanes: str, notes: str, expected: str) -> None:
    found = errors(with_lanes(lanes, notes))
    assert found[0].startswith(expected), found


def test_notes_without_a_lanes_key_name_the_missing_lane() -> None:
    text = "journeymap: 1\ntitle: T\nstages:\n- id: s\n  name: S\ntouchpoints:\n- id: t\n  stage: s\n  name: N\n" \
           "  lanes:\n    doing: [x]\n"
    assert errors(text)[0].startswith("m.yaml:11:5: unknown lane 'doing'; the text lanes are: none")


def test_validate_prints_one_line_per_lane_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(with_lanes("- kind: emotoin\n"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "journeymap", "validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stdout.strip().splitlines() == [
        f"{path}:7:9: unknown lane kind 'emotoin' (did you mean 'emotion'?); "
        "the kinds are: text, emotion, friction, pain-points, opportunities, metric"]
