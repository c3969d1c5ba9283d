"""Every defect a user can make in a journey file is a JourneyFileError at the right line."""

import textwrap
from pathlib import Path

import pytest

from journeymap.io import JourneyFileError, load_journey, validate_file

GOOD = """\
journeymap: 1
description: Current state
title: Buying shoes
stages:
- id: awareness
  name: Awareness
- id: purchase
  name: Purchase
touchpoints:
- id: ad
  stage: awareness
  name: Sees an ad
  emotion: 1
- id: checkout
  stage: purchase
  name: Checkout
flows:
- from: ad
  to: checkout
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "that-file.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def first_error(tmp_path: Path, text: str) -> JourneyFileError:
    with pytest.raises(JourneyFileError) as info:
        load_journey(write(tmp_path, text))
    return info.value


def test_good_file_loads(tmp_path: Path) -> None:
    journey = load_journey(write(tmp_path, GOOD))
    assert journey.touchpoint_ids() == ["ad", "checkout"]


@pytest.mark.parametrize(
    ("replace", "by", "line", "message"),
    [
        ("  emotion: 1", "  emotion: 7", 13, "emotion must be from -2 to 2, not 7"),
        ("  emotion: 1", "  emotion: high", 13, "emotion must be a whole number, not 'high'"),
        ("  emotion: 1", "  emotion: '1'", 13, "write the number without quotes"),
        ("  emotion: 1", "  friction: 5", 13, "friction must be from 0 to 4, not 5"),
        ("  emotion: 1", "  metrics:\n    csat: 7", 14, "CSAT must be from 1 to 5, not 7"),
        ("  emotion: 1", "  metrics:\n    drop_off: 1.5", 14, "Drop-off must be from 0 to 1"),
        ("  emotion: 1", "  metrics:\n    nps: .nan", 14, "metric 'nps' must be a number"),
        ("  emotion: 1", "  evidence: rumour", 13, "evidence must be one of assumption, anecdotal, observed, measured"),
        ("  emotion: 1", "  pain_points: slow", 13, "pain points must be a list"),
        ("  emotion: 1", "  colour: red", 13, "unknown key 'colour' in a touchpoint"),
        ("  stage: purchase", "  stage: purchse", 15, "unknown stage 'purchse' (did you mean 'purchase'?)"),
        ("- id: checkout", "- id: ad", 14, "duplicate id 'ad' (first used at line 10)"),
        ("- id: purchase", "- id: awareness", 7, "duplicate id 'awareness' (first used at line 5)"),
        ("  to: checkout", "  to: checkuot", 19, "flow 'to' names no touchpoint 'checkuot' (did you mean 'checkout'?)"),
        ("  to: checkout", "  to: ad", 18, "a flow cannot lead from 'ad' to itself"),
        ("  name: Checkout", "  name: Checkout\n  titel: x", 17, "unknown key 'titel' in a touchpoint"),
        ("  name: Checkout\n", "", 14, "a touchpoint is missing 'name'"),
        ("description", "descripton", 2, "unknown key 'descripton' in the journey file (did you mean 'description'?)"),
        ("title: Buying "
         "shoes\n", "title: Buying shoes\ntitle: "
                    "Again\n", 4, "duplicate key 'title' in the journey file (first at line 3)"),
        ("journeymap: "
         "1", "journeymap: "
              "3", 1, "made by a newer journeymap (format version 3; this program reads up to 1); please upgrade"),
        ("journeymap: 1", "journeymap: one", 1, "the format version 'journeymap' must be a whole number"),
        ("  name: Awareness", "  name: [Awareness", 7, "YAML syntax error: did not find expected ',' or ']'"),
        ("  name: Awareness", "  name: Awareness\n   bad: indent", 7, "YAML syntax error"),
        ("  name: Awareness", "  name:", 6, "stage name must not be empty"),
        ("- id: awareness", "- id: Awareness Stage", 5, "is not a valid id"),
        ("  emotion: 1", "  metrics: 5", 13, "metrics must be a mapping"),
    ],
)
def test_each_defect_names_its_line(tmp_path: Path, replace: str, by: str, line: int, message: str) -> None:
    assert replace in GOOD
    error = first_error(tmp_path, GOOD.replace(replace, by, 1))
    assert error.line == line, str(error)
    assert message in error.message
    assert str(error).startswith(f"{tmp_path / 'that-file.yaml'}:{line}:")


def test_wrong_shapes(tmp_path: Path) -> None:
    error = first_error(tmp_path, "journeymap: 1\ntitle: x\nstages: none\n")
    assert (error.line, error.message) == (3, "stages must be a list, not 'none'")
    error = first_error(tmp_path, "journeymap: 1\ntitle: [a, b]\nstages: []\n")
    assert (error.line, error.message) == (2, "title must be text, not a list")


def test_missing_required_keys(tmp_path: Path) -> None:
    error = first_error(tmp_path, "journeymap: 1\ntitle: x\n")
    assert "missing 'stages'" in error.message and error.line == 1
    error = first_error(tmp_path, "title: x\nstages: []\n")
    assert "must start with 'journeymap: 1'" in error.message


def test_validate_reports_every_problem_in_file_order(tmp_path: Path) -> None:
    text = GOOD.replace("  emotion: 1", "  emotion: 9").replace("  to: checkout", "  to: nowhere")
    problems = validate_file(write(tmp_path, text))
    assert [(p.line, p.message.split(",")[0]) for p in problems] == [
        (13, "emotion must be from -2 to 2"),
        (19, "flow 'to' names no touchpoint 'nowhere'"),
    ]


def test_yaml_11_lookalikes_stay_text(tmp_path: Path) -> None:
    text = GOOD.replace("title: Buying shoes", "title: no").replace("name: Sees an ad", "name: 12:30").replace(
        "name: Checkout", "name: 1.10"
    ).replace("  emotion: 1", "  emotion: 1\n  owner: on\n  channel: 01234\n  pain_points: [yes, null, '', ~, 1e3]")
    journey = load_journey(write(tmp_path, text))
    assert journey.title == "no"
    ad = journey.touchpoint("ad")
    assert (ad.name, ad.owner, ad.channel) == ("12:30", "on", "01234")
    assert ad.pain_points == ("yes", "1e3")
    assert journey.touchpoint("checkout").name == "1.10"


def test_empty_values_mean_not_rated(tmp_path: Path) -> None:
    journey = load_journey(write(tmp_path, GOOD.replace("  emotion: 1", "  emotion:\n  friction: ~")))
    assert journey.touchpoint("ad").emotion is None
    assert journey.touchpoint("ad").friction is None


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(JourneyFileError, match="no such file"):
        load_journey(tmp_path / "missing.yaml")
    with pytest.raises(JourneyFileError, match="folder"):
        load_journey(tmp_path)
    (tmp_path / "empty.yaml").write_text("")
    with pytest.raises(JourneyFileError, match="empty"):
        load_journey(tmp_path / "empty.yaml")
    (tmp_path / "two.yaml").write_text(GOOD + "---\n" + GOOD)
    with pytest.raises(JourneyFileError, match="one YAML document"):
        load_journey(tmp_path / "two.yaml")
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    with pytest.raises(JourneyFileError, match="must be a mapping"):
        load_journey(tmp_path / "list.yaml")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_journey(path).title == "Buying shoes"
