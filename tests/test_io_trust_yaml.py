"""Issue 13 for journey files: huge numbers, error lines that keep the format, escaped controls, silent losses.

Each test fails on the loader before the issue: a traceback, a message that points
elsewhere, a cascade of consequential lines, or a loss without a word.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeymap.io import (
    JourneyFileError,
    check_file,
    dumps_journey,
    load_journey,
    load_journey_with_warnings,
    loads_journey,
    validate_file,
)
from journeymap.model import Journey

HEAD = "journeymap: 1\ntitle: T\nstages:\n- id: a\n  name: A\n"


def write(tmp_path: Path, text: str, name: str = "map.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "journeymap", *map(str, args)], capture_output=True, text=True,
                          timeout=120, check=False)


def one_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The single stderr/stdout problem line of a refused file (no traceback)."""
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]


# ------------------------------------------------------------ 7. numbers of any length


HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("field", "line", "what"),
    [
        (f"  emotion: {HUGE}", 10, "emotion"),
        (f"  friction: -{HUGE}", 10, "friction"),
        (f"  row: {HUGE}", 10, "row"),
        (f"  metrics:\n    csat: {HUGE}", 11, "metric 'csat'"),
        (f"  metrics:\n    revenue: {HUGE}", 11, "metric 'revenue'"),
    ],
)
def test_a_number_of_thousands_of_digits_is_one_line_not_a_traceback(tmp_path: Path, field: str, line: int,
                                                                      what: str) -> None:
    path = write(tmp_path, HEAD + f"touchpoints:\n- id: t\n  stage: a\n  name: N\n{field}\n")
    with pytest.raises(JourneyFileError) as info:
        load_journey(path)
    assert info.value.line == line
    assert info.value.message.startswith(f"{what} must be a number of at most 15 digits")
    assert "5,000 digits" in info.value.message and len(str(info.value)) < 200
    proc = cli("validate", path)
    assert proc.returncode == 2
    assert one_line(proc).startswith(f"{path}:{line}:")


def test_a_huge_format_version_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, f"journeymap: {HUGE}\ntitle: T\nstages: []\n")
    proc = cli("validate", path)
    assert proc.returncode == 2 and one_line(proc).startswith(f"{path}:1:13: the format version")


def test_export_and_insights_refuse_a_huge_number_in_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + f"touchpoints:\n- {{id: t, stage: a, name: N, emotion: {HUGE}}}\n")
    for args in (("export", path, "-o", tmp_path / "x.md"), ("insights", path)):
        proc = cli(*args)
        assert proc.returncode == 2 and one_line(proc).startswith(f"{path}:7:")


def test_the_model_keeps_whole_numbers_the_loader_reads() -> None:
    journey = Journey("T")
    stage = journey.add_stage("A")
    tp = journey.add_touchpoint(stage.id, "N", metrics={"revenue": 10**15 - 1, "big": 1.5e300})
    assert loads_journey(dumps_journey(journey)).touchpoint(tp.id).metrics == tp.metrics
    with pytest.raises(ValueError, match="more than 15 digits"):
        journey.update_touchpoint(tp.id, metrics={"revenue": 10**15})
    with pytest.raises(ValueError, match="more than 15 digits"):
        journey.update_touchpoint(tp.id, metrics={"revenue": -(10**400)})


def test_fifteen_digits_and_leading_zeros_still_load(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "touchpoints:\n- {id: t, stage: a, name: N, emotion: -0000000000000000000001, "
                                  "metrics: {revenue: 999999999999999}}\n")
    tp = load_journey(path).touchpoint("t")
    assert tp.emotion == -1 and tp.metrics["revenue"] == 999_999_999_999_999


# ------------------------------------------------------------ 8. error lines that keep the format


def test_an_out_of_range_row_is_reported_at_the_value_once(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "touchpoints:\n- id: t\n  stage: a\n  name: N\n  row: 100\n")
    assert [str(e) for e in validate_file(path)] == [f"{path}:10:8: row must be from 0 to 99, not 100"]


def test_a_limit_is_reported_at_its_key(tmp_path: Path) -> None:
    stages = "".join(f"- {{id: s{i}, name: S{i}}}\n" for i in range(501))
    path = write(tmp_path, f"journeymap: 1\ntitle: T\nstages:\n{stages}")
    assert [str(e) for e in validate_file(path)] == [
        f"{path}:3:1: a journey holds at most 500 stages; this file has more (from line 504)"]


@pytest.mark.parametrize(("key", "limit", "item"), [
    ("stages", 500, "- {id: s, name: S}\n"),
    ("personas", 200, "- {id: p, name: P}\n"),
    ("touchpoints", 20_000, "- {id: t, stage: s, name: T}\n"),
])
def test_a_list_past_its_limit_is_refused_where_it_passes_it_without_reading_on(tmp_path: Path, key: str, limit: int,
                                                                               item: str) -> None:
    # What follows the list is broken YAML: the refusal comes before the parser gets there.
    path = write(tmp_path, f"journeymap: 1\ntitle: T\n{key}:\n" + item * (limit + 1) + "flows: [unclosed\n")
    assert [str(e) for e in validate_file(path)] == [
        f"{path}:3:1: a journey holds at most {limit:,} {key}; this file has more (from line {limit + 4})"]


def test_a_structural_error_is_reported_once_not_with_its_consequences(tmp_path: Path) -> None:
    path = write(tmp_path, "journeymap: 1\ntitle: T\nstages: Awareness\ntouchpoints:\n"
                           "- {id: a, stage: awareness, name: A}\n- {id: b, stage: awareness, name: B}\n"
                           "flows:\n- {from: a, to: b}\n")
    assert [str(e) for e in validate_file(path)] == [f"{path}:3:9: stages must be a list, not 'Awareness'"]
    proc = cli("validate", path)
    assert proc.returncode == 2 and one_line(proc) == f"{path}:3:9: stages must be a list, not 'Awareness'"


def test_records_that_cannot_be_read_do_not_cascade_but_real_dangling_references_still_do(tmp_path: Path) -> None:
    path = write(tmp_path, "journeymap: 1\ntitle: T\nstages:\n- {id: a, name: A}\n- {id: Bad, name: B}\n"
                           "touchpoints:\n- {id: x, stage: a, name: X}\n- {id: y, stage: Bad, name: Y}\n"
                           "- {id: Z, stage: a, name: Z}\n- {id: w, stage: nowhere, name: W}\n"
                           "flows:\n- {from: x, to: y}\n- {from: x, to: Z}\n- {from: x, to: w}\n- {from: x, to: q}\n")
    lines = [(e.line, e.message.split(" ")[0:3]) for e in validate_file(path)]
    assert lines == [
        (5, ["stage", "id", "'Bad'"]),
        (9, ["touchpoint", "id", "'Z'"]),
        (10, ["unknown", "stage", "'nowhere';"]),
        (15, ["flow", "'to'", "names"]),  # q never existed: that one is a real problem
    ]


def test_a_missing_stages_key_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "journeymap: 1\ntitle: T\ntouchpoints:\n- {id: a, stage: s, name: A}\n")
    assert [e.message for e in validate_file(path)] == ["the journey file is missing 'stages'"]


# ------------------------------------------------------------ 13. decoded text obeys the raw text's rules


@pytest.mark.parametrize("escape", ["\\uFFFE", "\\uFFFF", "\\x00", "\\x1b", "\\x7f", "\\x9b", "\\b", "\\e", "\\0"])
def test_an_escaped_control_character_is_refused_where_it_is_written(tmp_path: Path, escape: str) -> None:
    path = write(tmp_path, HEAD + f'touchpoints:\n- id: t\n  stage: a\n  name: "bad {escape} name"\n')
    with pytest.raises(JourneyFileError) as info:
        load_journey(path)
    assert (info.value.line, info.value.column) == (9, 9)
    assert "(written as an escape) is not allowed in a journey file" in info.value.message


def test_an_escaped_control_character_in_a_key_is_refused_too(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + 'touchpoints:\n- id: t\n  stage: a\n  name: N\n  metrics: {"x\\x00": 1}\n')
    assert validate_file(path)[0].line == 10


def test_harmless_escapes_still_load(tmp_path: Path) -> None:
    path = write(tmp_path, 'journeymap: 1\ntitle: "Tab\\there, caf\\u00e9, \\U0001F600, line\\nbreak"\nstages: []\n')
    assert load_journey(path).title == "Tab\there, café, \U0001F600, line\nbreak"


def test_the_model_never_holds_what_xml_cannot_carry() -> None:
    journey = Journey("T\ufffe\x00\x1b\uffffitle", "d\ud800\x85e")
    stage = journey.add_stage("S\ufffe")
    journey.add_touchpoint(stage.id, "N\x00", pain_points=["\uffff", "p\x1b"])
    assert journey.title == "Title" and journey.description == "d\ne"
    assert journey.stages()[0].name == "S"
    tp = journey.touchpoints()[0]
    assert tp.name == "N" and tp.pain_points == ("p",)
    assert loads_journey(dumps_journey(journey)).title == "Title"


def test_an_svg_of_hostile_text_is_well_formed_xml(tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    from journeymap.ui.image_export import render_svg

    journey = Journey("T\ufffe <&> ]]> \x00\x1b title", "desc \uffff & <b>")
    stage = journey.add_stage("S <s> & \ufffe")
    journey.add_touchpoint(stage.id, "N \x00 & <tp>", description="x\ufffe\x1by", pain_points=["<p>&amp;"])
    out = tmp_path / "map.svg"
    render_svg(journey, out)
    root = ET.parse(out).getroot()
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "T <&> ]]>  title"


# ------------------------------------------------------------ 14. silent losses


def test_an_unquoted_colour_is_a_comment_and_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, "journeymap: 1\ntitle: T\nstages:\n- id: a\n  name: A\n  color: #4c78a8\n")
    problems, warnings = check_file(path)
    assert problems == []
    expected = (f"{path}:6:10: 'color' is empty: '#' starts a YAML comment, so '#4c78a8' is not read; "
                "put it in quotes: color: '#4c78a8'")
    assert warnings == [expected]
    journey, read_warnings = load_journey_with_warnings(path)
    assert journey.stages()[0].color is None and read_warnings == warnings
    proc = cli("validate", path)
    assert proc.returncode == 0
    assert proc.stdout == f"{path}: ok\n"
    assert proc.stderr == f"warning: {warnings[0]}\n"


def test_empty_list_items_say_they_are_left_out(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "touchpoints:\n- id: t\n  stage: a\n  name: N\n  pain_points:\n"
                                  "  - ~\n  - \"\"\n  - real\n  -\n  - '  '\n  - #1 issue\n")
    journey, warnings = load_journey_with_warnings(path)
    assert journey.touchpoint("t").pain_points == ("real",)
    assert [w.split(": ", 1)[0] for w in warnings] == [f"{path}:11:5", f"{path}:12:5", f"{path}:14:4",
                                                        f"{path}:15:5", f"{path}:16:5"]
    assert all("an empty item of pain points is left out" in w for w in warnings[:4])
    assert "'#' starts a YAML comment, so '#1 issue' is not read" in warnings[4]


def test_a_clean_file_has_no_warnings_and_hash_signs_in_text_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "  color: '#4C78A8'\n  description: 'issue #1'  # a real comment\n"
                                  "touchpoints:\n- id: t\n  stage: a\n  name: 'N#1'\n  owner: Team#2\n")
    assert check_file(path) == ([], [])
    assert load_journey(path).touchpoint("t").owner == "Team#2"


def test_export_prints_the_warnings_too(tmp_path: Path) -> None:
    path = write(tmp_path, "journeymap: 1\ntitle: T\nstages:\n- id: a\n  name: A\n  color: #4c78a8\n")
    proc = cli("export", path, "-o", tmp_path / "out.md")
    assert proc.returncode == 0
    assert proc.stderr.startswith(f"warning: {path}:6:10: 'color' is empty")
