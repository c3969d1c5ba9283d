"""Mermaid user journeys: read as Mermaid's grammar reads them, written so they read back."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.io import JourneyFileError, load_journey
from journeymap.io.mermaid import FIRST_STAGE_NAME, dumps_mermaid, parse_mermaid, read_mermaid
from journeymap.model import Journey
from journey_builders import WORKING_DAY

SAMPLES = sorted(glob.glob(str(Path(__file__).parent.parent / "sample_journeys" / "*.yaml")))



def parse(text: str) -> Journey:
    journey, _ = parse_mermaid(text, "d.mmd")
    return journey


def shape(journey: Journey) -> list[tuple[str, list[tuple[str, int | None]]]]:
    return [(s.name, [(t.name, t.emotion) for t in journey.touchpoints(s.id)]) for s in journey.stages()]


def error(text: str) -> JourneyFileError:
    with pytest.raises(JourneyFileError) as info:
        parse_mermaid(text, "d.mmd")
    return info.value


def test_the_documentation_example() -> None:
    journey, warnings = parse_mermaid(WORKING_DAY)
    assert warnings == []
    assert journey.title == "My working day"
    assert [s.name for s in journey.stages()] == ["Go to work", "Go home"]
    assert [t.name for t in journey.touchpoints()] == [
        "Make tea",
        "Go upstairs",
        "Do work",
        "Go downstairs",
        "Sit down",
    ]
    assert [t.emotion for t in journey.touchpoints()] == [2, 0, -2, 2, 2]
    assert [p.name for p in journey.personas()] == ["Me", "Cat"]
    ids = journey.touchpoint_ids()
    assert [(f.source, f.target) for f in journey.flows()] == list(zip(ids, ids[1:], strict=False))


def test_the_task_examples_of_mermaids_parser_tests() -> None:
    journey = parse(
        "journey\ntitle Adding journey diagram functionality to mermaid\nsection Documentation\n"
        "A task: 5: Alice, Bob, Charlie\nB task: 3:Bob, Charlie\nC task: 5\nD task: 5: Charlie, Alice\n"
        "E task: 5:\nsection Another section\nP task: 5:\nQ task: 5:\nR task: 5:"
    )
    assert shape(journey) == [
        ("Documentation", [("A task", 2), ("B task", 0), ("C task", 2), ("D task", 2), ("E task", 2)]),
        ("Another section", [("P task", 2), ("Q task", 2), ("R task", 2)]),
    ]
    assert [p.name for p in journey.personas()] == ["Alice", "Bob", "Charlie"]  # empty actors are no persona


def test_accessibility_title_and_descriptions() -> None:
    journey = parse(
        "journey\naccDescr {\n        A user journey for\n        family shopping\n      }"
        "title Adding journey diagram functionality to mermaid\n"
        "accTitle: Adding acc journey diagram functionality to mermaid\nsection Order from website"
    )
    assert journey.description == "A user journey for\nfamily shopping"
    assert journey.title == "Adding journey diagram functionality to mermaid"
    single = parse("journey\naccDescr: A user journey for family shopping\ntitle T\nsection Order from website")
    assert single.description == "A user journey for family shopping"
    assert parse("journey\n    accTitle: The title\n    section Order from website").title == "The title"


def test_section_names_with_line_breaks() -> None:
    journey = parse("journey\ntitle T\nsection Line1<br>Line2<br/>Line3</br />Line4<br\t/>Line5")
    assert journey.stages()[0].name == "Line1\nLine2\nLine3</br />Line4\nLine5"


@pytest.mark.parametrize("header", ["journey", "JOURNEY", "Journey"])
def test_keywords_in_any_case(header: str) -> None:
    journey, warnings = parse_mermaid(f"{header}\n  TITLE Big day\n  Section One\n    Task: 4: ME\n  SECTION Two\n")
    assert shape(journey) == [("One", [("Task", 1)]), ("Two", [])]
    assert journey.title == "Big day"
    assert bool(warnings) == (header != "journey")  # Mermaid's detector wants it lowercase


@pytest.mark.parametrize(
    ("line", "name", "emotion", "actors"),
    [
        ("Make tea: 5: Me", "Make tea", 2, ["Me"]),
        ("  Make   tea  :  4  :  Me ,  Cat  ", "Make   tea", 1, ["Me", "Cat"]),
        ("Make tea:5:Me,Cat", "Make tea", 2, ["Me", "Cat"]),
        ("Make tea: 5", "Make tea", 2, []),
        ("Make tea: 5:", "Make tea", 2, []),
        ("Make tea: 5: , Me,,", "Make tea", 2, ["Me"]),
        ("Make tea: 5: Me # a comment", "Make tea", 2, ["Me"]),
        ("Make tea: 5: Dad, Child#1", "Make tea", 2, ["Dad", "Child"]),  # '#' starts a comment
        ("Make tea: 5: Me %% not a comment here", "Make tea", 2, ["Me %% not a comment here"]),
        ("Make tea: 3.0: Me", "Make tea", 0, ["Me"]),
        ("Step 1#58; boil#59; pour #35;2: 2: A#44; B", "Step 1: boil; pour #2", -1, ["A, B"]),
        ("Say #quot;hi#quot; #amp; go: 2", 'Say "hi" & go', -1, []),
        ("Two<br>lines: 3", "Two\nlines", 0, []),
    ],
)
def test_task_lines(line: str, name: str, emotion: int, actors: list[str]) -> None:
    journey = parse(f"journey\nsection S\n{line}\n")
    [tp] = journey.touchpoints()
    assert (tp.name, tp.emotion, [p.name for p in journey.personas()]) == (name, emotion, actors)


def test_extra_fields_are_ignored_with_a_warning() -> None:
    journey, warnings = parse_mermaid("journey\nsection S\nTask: 5: Me: ignored: too\n", "d.mmd")
    assert [p.name for p in journey.personas()] == ["Me"]
    assert warnings == ["d.mmd:3: Mermaid ignores what follows the actors: 'ignored: too'"]


def test_colons_in_titles_and_comments_everywhere() -> None:
    text = (
        "%% a comment before the header\n\njourney\n%% a comment line\n   %% an indented one\n%%\n"
        "# a hash comment\n  title Onboarding: as-is # not part of the title\n\n"
        "section Start # comment\n  Task: 4: Me\n"
    )
    journey = parse(text)
    assert journey.title == "Onboarding: as-is"
    assert shape(journey) == [("Start", [("Task", 1)])]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings(newline: str) -> None:
    assert shape(parse(WORKING_DAY.replace("\n", newline))) == shape(parse(WORKING_DAY))


def test_front_matter_directives_and_bom(tmp_path: Path) -> None:
    text = ("---\ntitle: 'From: front matter'\nconfig:\n  theme: forest\n---\n"
            "%%{init: {'theme': 'dark'}}%%\njourney\nsection S\nT: 3\n")
    path = tmp_path / "day.mmd"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    journey, _ = read_mermaid(path)
    assert journey.title == "From: front matter"
    assert shape(journey) == [("S", [("T", 0)])]
    assert parse(text.replace("---\ntitle", "---\nother") + "title Own\n").title == "Own"


def test_a_file_without_title_is_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "workshop-notes.mmd"
    path.write_text("journey\nsection S\nT: 3\n", encoding="utf-8")
    assert read_mermaid(path)[0].title == "workshop-notes"


def test_tasks_before_any_section_go_to_a_first_stage() -> None:
    journey = parse("journey\ntitle T\nEarly: 2: Me\nsection Later\nLate: 4: Me\n")
    assert shape(journey) == [(FIRST_STAGE_NAME, [("Early", -1)]), ("Later", [("Late", 1)])]


def test_repeated_sections_and_actors() -> None:
    journey = parse("journey\nsection A\nx: 1: Cat, Me\nsection A\ny: 2: Me, Dog, Cat\n")
    assert [s.name for s in journey.stages()] == ["A", "A"]
    assert len({s.id for s in journey.stages()}) == 2
    assert [p.name for p in journey.personas()] == ["Cat", "Me", "Dog"]


@pytest.mark.parametrize(
    ("score", "emotion", "warning"),
    [("0", -2, "d.mmd:3: score 0 of task 'T' is outside 1..5; using 1"),
     ("9", 2, "d.mmd:3: score 9 of task 'T' is outside 1..5; using 5"),
     ("-1", -2, "d.mmd:3: score -1 of task 'T' is outside 1..5; using 1"),
     ("4.5", 2, "d.mmd:3: score 4.5 of task 'T' is rounded to 5")],
)
def test_scores_outside_the_scale_are_clamped_with_a_warning(score: str, emotion: int, warning: str) -> None:
    journey, warnings = parse_mermaid(f"journey\nsection S\nT: {score}: Me\n", "d.mmd")
    assert journey.touchpoints()[0].emotion == emotion
    assert warnings[0] == warning


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "must start with 'journey'"),
        ("graph TD\n  A --> B\n", 1, "must start with 'journey'"),
        ("\n\n  gantt\n", 3, "must start with 'journey'"),
        ("journeymap\n", 1, "must start with 'journey'"),
        ("journey\nsection S\nMake tea\n", 3, "has no score"),
        ("journey\nsection S\nMake tea:\n", 3, "has no score"),
        ("journey\nsection S\nMake tea: : Me\n", 3, "has no score"),
        ("journey\nsection S\nMake tea #note: 5\n", 3, "has no score"),
        ("journey\nsection S\nMake tea: high: Me\n", 3, "must be a number from 1 to 5"),
        ("journey\nsection S\nMake tea; now: 5\n", 3, "';'"),
        ("journey\ntitle A; B\n", 2, "';'"),
        ("journey\nsection Go: home\n", 2, "section name cannot contain ':'"),
        ("journey\n: 5: Me\n", 2, "cannot start with ':'"),
        ("journey\nsection S\nJourney planning: 5\n", 3, "'journey' may only start"),
        ("journey\nsection\n", 2, "has no score"),
        ("%% c\n%%{init: {}}%%\n\njourney\naccDescr {\n a\n b\n}\n%% c\nbad line\n", 10, "has no score"),
        ("---\ntitle: x\n---\njourney\nsection S\nbad\n", 6, "has no score"),
        ("journey\r\n\r\nsection S\r\nbad\r\n", 4, "has no score"),
    ],
)
def test_invalid_lines_are_errors_with_their_line(text: str, line: int, words: str) -> None:
    err = error(text)
    assert (err.path, err.line) == ("d.mmd", line)
    assert words in err.message
    assert str(err).startswith(f"d.mmd:{line}: ")


@pytest.mark.parametrize(
    ("text", "line", "inside"),
    [("journey\nsection S\nT: 3\naccDescr {\n  open\n", 6, "'accDescr {'"),
     ("journey\naccTitle:", 2, "'accTitle:'"),
     ("journey\naccDescr:   \n\n", 4, "'accDescr:'")],
)
def test_the_file_may_not_end_inside_an_accessibility_statement(text: str, line: int, inside: str) -> None:
    err = error(text)  # Mermaid's lexer reaches its own end of input there, which the grammar refuses
    assert err.line == line and f"ends inside {inside}" in err.message


def test_mermaid_oddities_that_the_grammar_implies() -> None:
    # "title" takes any whitespace after it, even a newline, so the next line becomes the title
    assert parse("journey\ntitle\nsection A\n").title == "section A"
    assert parse("journey\naccTitle:\nsection A\n").title == "section A"
    # a line starting with "title " is a title, colons included, not a task
    journey = parse("journey\nsection S\nTitle page: 3: Me\n")
    assert journey.title == "page: 3: Me" and journey.touchpoints() == []
    # a token starting with '%' is a comment (jison compiles the grammar's "\%%" to one '%')
    assert shape(parse("journey\nsection S\n%done: 5\nx: 5: 100%\n")) == [("S", [("x", 2)])]
    assert [t.name for t in parse("journey\nsection S\n%{x: 5\n").touchpoints()] == ["%{x"]
    # a section whose name is only blanks still starts a section
    journey, warnings = parse_mermaid("journey\nsection\n   \nT: 3\n", "d.mmd")
    assert shape(journey) == [(FIRST_STAGE_NAME, [("T", 0)])]
    assert warnings == [f"d.mmd:2: the section has no name; it is called {FIRST_STAGE_NAME!r}"]


def test_export_of_the_documentation_example() -> None:
    text, warnings = dumps_mermaid(parse(WORKING_DAY))
    assert warnings == []
    assert text == (
        "journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me, Cat\n"
        "      Go upstairs: 3: Me, Cat\n      Do work: 1: Me, Cat\n    section Go home\n"
        "      Go downstairs: 5: Me, Cat\n      Sit down: 5: Me, Cat\n"
    )


def tricky_journey() -> Journey:
    journey = Journey("Plan: style #1; <b>bold</b> 100%", "Line one\nLine two; with #hash, %%{init}%% and }")
    stage = journey.add_stage("Go: home #2; 100%% sure")
    names = ["Title page", "journey planning", "Section B", "accTitle: x", "accDescr {x", "a:b#c;d<br>e",
             "%%x", "two\nlines", "x #35; y", "Lifestyle check: #1;", "tab\there", "Ünïcödé – ok"]
    for emotion, name in zip([-2, -1, 0, 1, 2, None] * 2, names, strict=False):
        journey.add_touchpoint(stage.id, name, emotion=emotion)
    journey.add_stage("Empty")
    journey.add_persona("Maya, busy runner: pro")
    journey.add_persona("#1 fan; really")
    return journey


def test_export_escapes_what_the_grammar_reserves_and_reads_back() -> None:
    journey = tricky_journey()
    text, warnings = dumps_mermaid(journey)
    assert warnings == ["2 touchpoint(s) have no emotion yet; Mermaid shows them with the neutral score 3"]
    for line in text.splitlines():
        bare = re.sub(r"#\d+;", "", line)  # entity codes are the only '#' and ';' left
        assert "#" not in bare and ";" not in bare and "%%" not in line
    back, warnings = parse_mermaid(text)
    assert warnings == []
    assert back.title == journey.title and back.description == journey.description
    assert [s.name for s in back.stages()] == [s.name for s in journey.stages()]
    assert [t.name for t in back.touchpoints()] == [t.name for t in journey.touchpoints()]
    assert [t.emotion for t in back.touchpoints()] == [
        0 if t.emotion is None else t.emotion for t in journey.touchpoints()
    ]
    assert [p.name for p in back.personas()] == [p.name for p in journey.personas()]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: Path(p).name)
def test_every_sample_round_trips_through_mermaid(sample: str, tmp_path: Path) -> None:
    from journeymap.io.mermaid import write_mermaid

    journey = load_journey(sample)
    out = tmp_path / "map.mmd"
    write_mermaid(journey, out)
    back, warnings = read_mermaid(out)
    assert warnings == []
    assert back.title == journey.title and back.description == journey.description
    assert [s.name for s in back.stages()] == [s.name for s in journey.stages()]
    assert [(t.name, t.emotion) for t in back.touchpoints()] == [
        (t.name, 0 if t.emotion is None else t.emotion) for t in journey.touchpoints()]
    assert [[t.name for t in back.touchpoints(s.id)] for s in back.stages()] == [
        [t.name for t in journey.touchpoints(s.id)] for s in journey.stages()]
    assert [p.name for p in back.personas()] == [p.name for p in journey.personas()]


def test_there_are_samples() -> None:
    assert SAMPLES, "sample_journeys/*.yaml should not be empty"


_FRAGMENTS = ["title ", "Section\t", "journey", "accTitle", "accDescr", ":", "#", ";", "%", ",", "<br>", "<b>",
              "\n", "#35;", "#quot;", "style", "classDef", "{", "}", " ", "a", "Ü", "\\", "---", "&amp;"]
_names = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30),
    st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=8).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(task=_names, section=_names, actor=_names, title=_names, description=_names)
def test_any_text_survives_the_round_trip(task: str, section: str, actor: str, title: str, description: str) -> None:
    journey = Journey("x")
    try:
        journey.set_title(title)
        journey.set_description(description)
        stage = journey.add_stage(section)
        journey.add_touchpoint(stage.id, task, emotion=1)
        journey.add_persona(actor)
    except ValueError:
        return  # text the model itself refuses (empty after normalising)
    back, _ = parse_mermaid(dumps_mermaid(journey)[0])
    assert (back.title, back.description) == (journey.title, journey.description)
    assert [s.name for s in back.stages()] == [s.name for s in journey.stages()]
    assert [t.name for t in back.touchpoints()] == [t.name for t in journey.touchpoints()]
    assert [p.name for p in back.personas()] == [p.name for p in journey.personas()]


def test_export_says_that_lane_notes_are_not_written() -> None:
    journey = load_journey(Path(__file__).parent.parent / "sample_journeys" / "telecom-support.yaml")
    text, warnings = dumps_mermaid(journey)
    notes = sum(len(v) for tp in journey.touchpoints() for v in tp.lanes.values())
    assert notes > 50
    assert f"{notes} lane note(s) are not written: a Mermaid journey has no place for lanes" in " ".join(warnings)
    assert "Rejoins the client call" not in text
