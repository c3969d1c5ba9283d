"""Issue 13 for the importers and the Markdown export: malformed or hostile input, formula and markup injection.

Every imported journey is saved and read back by our own loader; every Markdown
report is read back by a CommonMark renderer when one is installed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.export.markdown import journey_to_markdown
from journeymap.io import JourneyFileError, dumps_journey, load_journey, loads_journey, mermaid_syntax
from journeymap.io.csv_format import dumps_csv, parse_csv, read_csv
from journeymap.io.mermaid import parse_mermaid
from journeymap.model import Journey


def round_trip(journey: Journey) -> Journey:
    """What our own loader reads back from the saved journey."""
    again = loads_journey(dumps_journey(journey))
    assert dumps_journey(again) == dumps_journey(journey)
    return again


def import_cli(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "journeymap", "import", str(path), "-o", str(tmp_path / "out.yaml")],
                          capture_output=True, text=True, timeout=120, check=False)


# ------------------------------------------------------------ 5. a quote left open


@pytest.mark.parametrize("rest", ["", "\nA,b,x\nA,c,y\n", "\nA,b,x\n" + "A,c,y\n" * 30_000])
def test_an_unterminated_quote_is_refused_at_its_row(tmp_path: Path, rest: str) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text('stage,name,description\nA,one,ok\nA,two,"starts here' + rest, encoding="utf-8")
    with pytest.raises(JourneyFileError) as info:
        read_csv(path)
    assert (info.value.line, info.value.message.split(":")[0]) == (3, "unterminated quoted cell")
    proc = import_cli(path, tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith(f"{path}:3: unterminated quoted cell")
    assert not (tmp_path / "out.yaml").exists()


def test_quoted_cells_that_close_still_read_and_a_stray_quote_is_read_as_spreadsheets_do() -> None:
    journey, _ = parse_csv('stage,name,description\nA,"multi\nline","say ""hi"""\nA,x"y,z\n')
    assert [(tp.name, tp.description) for tp in journey.touchpoints()] == [("multi\nline", 'say "hi"'), ('x"y', "z")]


# ------------------------------------------------------------ 8. UTF-16/32 without a byte-order mark


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_wide_encoding_without_bom_is_refused_in_one_short_line(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(("stage,name,description\n" + "Awareness,Sees an ad,x\n" * 50).encode(codec))
    proc = import_cli(path, tmp_path)
    assert proc.returncode == 2
    wide = "UTF-32" if "32" in codec else "UTF-16"
    assert proc.stderr == f"{path}: the file looks like {wide} text without a byte-order mark; save it as 'CSV UTF-8'\n"


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_a_wide_encoding_with_its_bom_is_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes("stage,name\nÉtape,Café ☕\n".encode(codec))
    journey, _ = read_csv(path)
    assert [tp.name for tp in round_trip(journey).touchpoints()] == ["Café ☕"]


def test_a_header_of_a_thousand_names_is_not_repeated_in_the_message() -> None:
    with pytest.raises(JourneyFileError) as info:
        parse_csv(",".join(f"col{k}" for k in range(1000)) + "\n1\n")
    assert "(1,000 in all)" in info.value.message and len(str(info.value)) < 400


# ------------------------------------------------------------ 11. formulas in the header row


FORMULAS = ['=HYPERLINK("http://evil.example","click")', "@SUM(1)", "-2+3", "+1", "'=already quoted", "\tx=1"]


def test_metric_names_that_are_formulas_are_guarded_in_the_header_and_read_back() -> None:
    journey = Journey("Sheet")
    stage = journey.add_stage("A")
    names = [name.strip() for name in FORMULAS]
    journey.add_touchpoint(stage.id, "x", metrics={name: k for k, name in enumerate(names)})
    text = dumps_csv(journey)
    header = text.splitlines()[0].split(",")
    for cell in header:
        cell = cell.strip('"')
        assert not re.match(r"[=+\-@\t\r]", cell), cell  # a spreadsheet runs none of them
    again, warnings = parse_csv(text, title="Sheet")
    assert warnings == []
    assert dict(round_trip(again).touchpoints()[0].metrics) == {name: k for k, name in enumerate(names)}


# ------------------------------------------------------------ 14. characters a journey cannot keep


def test_nul_and_control_characters_in_cells_are_reported_not_dropped_silently(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"stage,name,owner\nA,Se\x00es an ad,Mark\x1beting\nA,Clean,Team\nA,Buy\x00s,x\n")
    journey, warnings = read_csv(path)
    assert [tp.name for tp in round_trip(journey).touchpoints()] == ["Sees an ad", "Clean", "Buys"]
    assert warnings == [(f"{path}:2: 3 cell(s) hold characters a journey cannot keep, such as U+0000 "
                         "(first in column 'name'); they are removed")]


def test_a_clean_sheet_has_no_such_warning() -> None:
    assert parse_csv("stage,name,description\nA,x,\"two\nlines\tand a tab\"\n")[1] == []


# ------------------------------------------------------------ the limits, at the row or line that passes them


def test_a_csv_stops_at_the_stage_that_passes_the_limit() -> None:
    rows = "".join(f"S{k},t{k}\n" for k in range(600))
    with pytest.raises(JourneyFileError) as info:
        parse_csv("stage,name\n" + rows, "s.csv")
    assert str(info.value) == "s.csv:502: a journey holds at most 500 stages"


def test_a_csv_stops_at_the_touchpoint_that_passes_the_limit() -> None:
    rows = "A,t\n" * 20_001
    with pytest.raises(JourneyFileError) as info:
        parse_csv("stage,name\n" + rows, "s.csv")
    assert str(info.value) == "s.csv:20002: a journey holds at most 20,000 touchpoints"


def test_a_csv_of_a_hundred_thousand_columns_is_read_or_refused_at_once() -> None:
    header = ",".join(["stage", "name"] + [f"c{k}" for k in range(100_000)])
    with pytest.raises(JourneyFileError) as info:  # text columns are text lanes: far too many
        parse_csv(header + "\nA,x," + ",".join("t" for _ in range(100_000)) + "\n", "w.csv")
    assert str(info.value) == ("w.csv:1: a journey has at most 50 lanes; this table has 100,000 columns of text "
                               "that are no journeymap field (such as 'c0')")
    journey, warnings = parse_csv(header + "\nA,x," + ",".join(str(k) for k in range(100_000)) + "\n", "w.csv")
    assert warnings == []
    assert round_trip(journey).touchpoints()[0].metrics["c99999"] == 99_999


def test_headless_columns_are_summed_up_in_one_warning() -> None:
    _, warnings = parse_csv("stage,name" + "," * 10 + "\nA,x" + ",v" * 10 + "\n", "w.csv")
    assert warnings == ["w.csv:1: columns 3, 4, 5 and 7 more have no header; their values are ignored"]


def test_many_rows_of_one_name_get_the_ids_the_model_would_give() -> None:
    journey, _ = parse_csv("stage,name\n" + "Stage,Task\n" * 3000)
    ids = journey.touchpoint_ids()
    assert ids[:3] == ["task", "task-2", "task-3"] and ids[-1] == "task-3000"
    model = Journey()
    stage = model.add_stage("Stage")
    assert [model.add_touchpoint(stage.id, "Task").id for _ in range(3)] == ids[:3]


def test_mermaid_stops_at_the_section_that_passes_the_limit() -> None:
    text = "journey\n" + "".join(f"  section S{k}\n    t: 3\n" for k in range(600))
    with pytest.raises(JourneyFileError) as info:
        parse_mermaid(text, "m.mmd")
    assert str(info.value) == "m.mmd:1002: a journey holds at most 500 stages"


def test_mermaid_stops_at_the_task_or_actor_that_passes_the_limit() -> None:
    with pytest.raises(JourneyFileError) as info:
        parse_mermaid("journey\n  section S\n" + "    Task: 3\n" * 20_001, "m.mmd")
    assert str(info.value) == "m.mmd:20003: a journey holds at most 20,000 touchpoints"
    actors = ", ".join(f"actor {k}" for k in range(201))
    with pytest.raises(JourneyFileError) as info:
        parse_mermaid(f"journey\n  section S\n    Task: 3: {actors}\n", "m.mmd")
    assert str(info.value) == "m.mmd:3: a journey holds at most 200 personas (actors)"


def test_mermaid_of_many_tasks_of_one_name_reads_back_with_line_numbers_intact() -> None:
    body = "  section Stage\n" + "    Task: 4: Me\n" * 5 + "    Task: 2\n" * 2000
    journey, warnings = parse_mermaid("journey\n  title Big\n" + body, "m.mmd")
    again = round_trip(journey)
    assert again.touchpoint_count() == 2005 and warnings == []
    assert again.touchpoint_ids()[-1] == "task-2005"
    with pytest.raises(JourneyFileError) as info:
        parse_mermaid("journey\n" + "    Task: 2\n" * 5000 + "  : bad\n", "m.mmd")
    assert info.value.line == 5002


def test_a_hostile_style_line_does_not_hang_the_import() -> None:
    # Mermaid's own /style.*:\S*#.*;/ backtracks over every 'style' and ':' of such a line.
    line = "    style task: 3: a" + ": style" * 20_000 + " #x;\n"
    journey, warnings = parse_mermaid("journey\n  section S\n" + line, "m.mmd")
    assert [tp.name for tp in journey.touchpoints()] == ["style task"]
    assert len(warnings) == 1 and "Mermaid ignores what follows the actors" in warnings[0] and len(warnings[0]) < 200


_PIECES = st.sampled_from(["style", "classDef", ":", "#", ";", " ", "\n", "x", "\u2028", "a", "\t"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=16).map("".join))
def test_the_style_hacks_do_what_mermaids_regexes_do(body: str) -> None:
    dot, not_ws = mermaid_syntax._DOT, f"[^{mermaid_syntax.JS_SPACE}]"
    expected = body
    for word in ("style", "classDef"):
        expected = re.sub(rf"{word}{dot}*:{not_ws}*#{dot}*;", lambda m: m.group(0)[:-1], expected)
    got = mermaid_syntax._SEGMENT_END.sub(
        lambda m: mermaid_syntax._style_hacks(m.group(1)) + m.group(2), body)
    assert got == expected


def test_long_values_in_import_messages_are_cut_short() -> None:
    with pytest.raises(JourneyFileError) as info:
        parse_mermaid("journey\n  section S\n    Task: " + "x" * 100_000 + "\n", "m.mmd")
    assert len(str(info.value)) < 300
    with pytest.raises(JourneyFileError) as info:
        parse_csv("stage,name,emotion\nA,x," + "9" * 5000 + "z\n", "s.csv")
    assert len(str(info.value)) < 300


def test_a_csv_number_of_thousands_of_digits_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("stage,name,emotion,revenue\nA,x,1," + "9" * 5000 + "\n", encoding="utf-8")
    proc = import_cli(path, tmp_path)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0  # too long for a number: a column of text, so a text lane of notes
    assert load_journey(tmp_path / "out.yaml").touchpoints()[0].notes("revenue") == ("9" * 5000,)
    path.write_text("stage,name,emotion\nA,x," + "9" * 5000 + "\n", encoding="utf-8")
    proc = import_cli(path, tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr


# ------------------------------------------------------------ 12. Markdown that stays what it was


def hostile_journey() -> Journey:
    journey = Journey("Title\n# Injected heading", "first\n- injected item\n\n## another\n&amp; x\n1. one")
    journey.add_persona("P\n---", goals=["g1\n# H", "- x\n  - y"], needs=["+ plus"], frustrations=["2) two"])
    stage = journey.add_stage("S\n===", description="d\n> quote\n```\ncode")
    first = journey.add_touchpoint(stage.id, "N\n1. x", description="d\n===", pain_points=["a\n\nb", "&lt;script&gt;"],
                                   owner="<b>Team</b> &amp;", metrics={"=cmd|x": 1})
    second = journey.add_touchpoint(stage.id, "- M")
    journey.add_flow(second.id, first.id, "lab\n# el\n- item")
    return journey


def test_markdown_lines_never_start_with_injected_syntax() -> None:
    text = journey_to_markdown(hostile_journey(), insights=True)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[:5] == ["# Title<br>\\# Injected "
                            "heading", "## Persona", "### P<br>---", "## 1. S<br>===", "## Flows"]
    assert "&amp;amp; x" in text and "&amp;lt;script&amp;gt;" in text and "\\<b\\>Team\\</b\\> &amp;amp;" in text
    for line in text.splitlines():  # no line was started by the journey's text
        assert not re.match(r"(=+|-{3,}|>|```|\s*[+*]\s|\s*\d+[.)]\s)", line), line


def test_markdown_renders_to_what_was_written() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    from html.parser import HTMLParser

    html = (
        markdown_it.MarkdownIt("commonmark")
        .enable("table")
        .render(journey_to_markdown(hostile_journey(), insights=False))
    )

    class Structure(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.tags: list[str] = []
            self.text: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.tags.append(tag)

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    parsed = Structure()
    parsed.feed(html)
    headings = [t for t in parsed.tags if re.fullmatch(r"h\d", t)]
    assert headings == ["h1", "h2", "h3", "h2", "h2"]  # title, Persona, P, the stage, Flows: nothing injected
    assert "ol" not in parsed.tags and "blockquote" not in parsed.tags and "pre" not in parsed.tags
    assert "hr" not in parsed.tags and parsed.tags.count("table") == 1
    assert parsed.tags.count("ul") == 5  # the persona's list, its goals, needs and frustrations, the flows
    text = "".join(parsed.text)
    for shown in ("# Injected heading", "- injected item", "&amp; x", "1. one", "<b>Team</b> &amp;", "&lt;script&gt;",
                  "- x", "+ plus", "2) two", "> quote", "```", "lab", "# el", "- item", "=cmd|x 1"):
        assert shown in text, shown
