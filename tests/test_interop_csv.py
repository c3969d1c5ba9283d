"""CSV tables: every touchpoint field, stages and flows survive; hand-typed sheets read well."""

from __future__ import annotations

import csv
import glob
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.io import JourneyFileError, load_journey
from journeymap.io.csv_cells import guard_formula, join_list, split_list, unguard_formula
from journeymap.io.csv_format import COLUMNS, csv_warnings, dumps_csv, parse_csv, read_csv, write_csv
from journeymap.model import Journey, Lane

SAMPLES = sorted(glob.glob(str(Path(__file__).parent.parent / "sample_journeys" / "*.yaml")))


def flows(journey: Journey) -> set[tuple[str, str, str]]:
    return {(f.source, f.target, f.label) for f in journey.flows()}


def assert_same_table(back: Journey, journey: Journey) -> None:
    """Everything a CSV carries: stages, touchpoints with every field, flows (as a set)."""
    assert back.stages() == journey.stages()
    assert [back.touchpoints(s.id) for s in back.stages()] == [journey.touchpoints(s.id) for s in journey.stages()]
    assert flows(back) == flows(journey)


def full_journey() -> Journey:
    journey = Journey("Workshop", "Not carried by CSV")
    journey.add_persona("Maya, busy runner")
    awareness = journey.add_stage("Awareness", id="awareness", description="She notices, first", color="#4c78a8")
    journey.add_stage("Empty stage", id="empty", description="Nothing here yet", color="#123456")
    intent = journey.add_stage("Intent: decide", id="intent")
    journey.add_touchpoint(
        awareness.id, "=HYPERLINK(\"x\")", id="ad", description="Line one\nLine two, with \"quotes\"; and ,commas",
        channel="search", emotion=-2, friction=4, row=2, owner="+Marketing", evidence="measured",
        pain_points=["a | b inside", "back\\slash", "ends with \\", "\\|", "- dash first"],
        opportunities=["@mention", "plain"],
        metrics={"csat": 4.1, "nps": -12, "drop_off": 0.35, "owner": 3, "CSAT": 9.5, "metric:x": 1e-05, "Time (s)": 12},
    )
    journey.add_touchpoint(awareness.id, "Unrated", id="unrated", channel="Carrier pigeon")
    journey.add_touchpoint(intent.id, "Decides", id="decides", emotion=1, friction=0, evidence="assumption")
    journey.add_flow("ad", "unrated", "clicks: the ad")
    journey.add_flow("ad", "decides")
    journey.add_flow("decides", "ad", "a | loop")
    return journey


def test_a_hand_built_journey_keeps_every_field() -> None:
    journey = full_journey()
    back, warnings = parse_csv(dumps_csv(journey))
    assert warnings == []
    assert_same_table(back, journey)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: Path(p).name)
def test_every_sample_round_trips_through_csv(sample: str, tmp_path: Path) -> None:
    journey = load_journey(sample)
    out = tmp_path / "map.csv"
    warnings = write_csv(journey, out)
    assert warnings and "persona" in warnings[0]
    back, read_warnings = read_csv(out)
    assert read_warnings == []
    assert back.title == "map"
    assert_same_table(back, journey)


def test_the_file_is_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    out = tmp_path / "j.csv"
    write_csv(full_journey(), out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode())
    assert data.count(b"\r\n") >= 4
    assert "Ã" not in data.decode("utf-8-sig")


def test_columns_and_formula_guard() -> None:
    lines = dumps_csv(full_journey()).splitlines()
    header = lines[0].split(",")
    assert header[: len(COLUMNS)] == list(COLUMNS)
    # known metrics first by name; custom ones that look like another column get the prefix
    assert header[len(COLUMNS) :] == [
        "csat",
        "nps",
        "drop_off",
        "metric:owner",
        "metric:CSAT",
        "metric:metric:x",
        "Time (s)",
    ]
    row = list(csv.reader(io.StringIO(dumps_csv(full_journey()), newline="")))[1]
    assert row[COLUMNS.index("name")] == "'=HYPERLINK(\"x\")" and row[COLUMNS.index("owner")] == "'+Marketing"
    assert "Empty stage,empty,Nothing here yet,#123456" + "," * (len(COLUMNS) - 4) in dumps_csv(full_journey())


def test_a_hand_typed_sheet() -> None:
    text = (
        "Stage;Touchpoint;Channel;Emotion;Friction;Pain points;Evidence;CSAT;Notes\n"
        "Awareness;Sees an ad;Social media;Positive;low;too loud | off target;Observed;4,5;looked bored\n"
        ";Visits the site;Website;−1;2;;;;\n"
        "\n"
        "Purchase;Pays;Mobile App;0;Blocking;;measured;3;\n"
    )
    journey, warnings = parse_csv(text, "sheet.csv")
    assert warnings == []
    # a column of text that is no journeymap field becomes a text lane of notes
    assert [(lane.id, lane.name) for lane in journey.lanes() if lane.is_text] == [("notes", "Notes")]
    assert journey.touchpoints()[0].notes("notes") == ("looked bored",)
    assert [s.name for s in journey.stages()] == ["Awareness", "Purchase"]
    ad, site, pays = journey.touchpoints()
    assert (ad.stage, site.stage, pays.stage) == ("awareness", "awareness", "purchase")  # blank stage = the one above
    assert (ad.channel, ad.emotion, ad.friction, ad.evidence) == ("social-media", 1, 1, "observed")
    assert ad.pain_points == ("too loud", "off target") and dict(ad.metrics) == {"csat": 4.5}
    assert (site.emotion, site.friction, pays.channel, pays.friction) == (-1, 2, "mobile-app", 4)
    assert [(f.source, f.target) for f in journey.flows()] == [(ad.id, site.id), (site.id, pays.id)]  # row order


def test_next_may_name_touchpoints_by_name_and_numbers_become_metrics() -> None:
    text = "stage,name,next,Minutes\nA,Start,Finish,5\nA,Finish,,2.5\n"
    journey, warnings = parse_csv(text)
    assert warnings == []
    assert [(f.source, f.target) for f in journey.flows()] == [("start", "finish")]
    assert [dict(t.metrics) for t in journey.touchpoints()] == [{"Minutes": 5}, {"Minutes": 2.5}]


def test_windows_1252_and_utf16_files(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("stage,name\nCafé,Crème brûlée\n".encode("cp1252"))
    journey, warnings = read_csv(path)
    assert journey.touchpoints()[0].name == "Crème brûlée"
    assert len(warnings) == 1 and "Windows-1252" in warnings[0] and warnings[0].startswith(f"{path}:2: ")
    path.write_bytes("stage\tname\nA\tÜ\n".encode("utf-16"))
    assert read_csv(path)[0].touchpoints()[0].name == "Ü"


@pytest.mark.parametrize(
    ("text", "row", "words"),
    [
        ("", 1, "the file is empty"),
        ("name,emotion\nx,1\n", 1, "missing 'stage'"),
        ("stage,name,Stage\nA,x,B\n", 1, "appears twice"),
        ("stage,name,emotion\nA,ok,1\nA,bad,3\n", 3, "emotion must be from -2 to 2, not 3"),
        ("stage,name,emotion\nA,ok,1\nA,bad,very\n", 3, "emotion must be a whole number"),
        ("stage,name,friction\nA,x,1.5\n", 2, "friction must be a whole number"),
        ("stage,name,evidence\nA,x,gut feeling\n", 2, "evidence must be one of"),
        ("stage,name,csat\nA,x,9\n", 2, "CSAT must be from 1 to 5"),
        ("stage,name,metric:speed\nA,x,fast\n", 2, "metric 'speed' must be a number"),
        ("stage,name\n,first row without stage\n", 2, "names no stage"),
        ("stage,name,owner\nA,,Marketing\n", 2, "has no name"),
        ("stage,id,name\nA,x,One\nA,x,Two\n", 3, "already used"),
        ("stage,id,name\nA,Bad Id,One\n", 2, "not a valid id"),
        ("stage,id,name,next\nA,t1,One,t9\nA,t2,Two,\n", 2, "no touchpoint 't9'"),
        ("stage,id,name,next\nA,t1,One,t1\n", 2, "to itself"),
        ("stage,id,name,next\nA,t1,One,t2 | t2\nA,t2,Two,\n", 2, "already a flow"),
        ("stage,stage_color,name\nA,blue,x\n", 2, "color must look like"),
        ("stage,stage_id,name\n,s1,x\n", 2, "without a stage name"),
        ("stage,name\nA,x,extra\n", 2, "names only 2 columns"),
        ('stage,name,description\nA,x,"one\ntwo"\nA,y,ok\nA,z,bad,extra\n', 4, "names only 3 columns"),
        ('stage,name,emotion\nA,"multi\nline",0\nA,z,9\n', 3, "emotion must be from"),
        ("stage,name\nA,x\nA," + "y" * 200_000 + "\n", 3, "not a readable CSV row"),
    ],
)
def test_bad_rows_give_the_row_number(text: str, row: int, words: str) -> None:
    with pytest.raises(JourneyFileError) as info:
        parse_csv(text, "t.csv")
    err = info.value
    assert (err.path, err.line) == ("t.csv", row), str(err)
    assert words in err.message
    assert str(err).startswith(f"t.csv:{row}: ")


def test_conflicting_stage_details_are_warnings() -> None:
    text = "stage,stage_description,name\nA,first,x\nA,second,y\nA,,z\n"
    journey, warnings = parse_csv(text, "t.csv")
    assert journey.stages()[0].description == "first"
    assert warnings == ["t.csv:3: stage 'A' already has a description from a row above; this one is ignored"]


def test_a_stage_only_row_declares_an_empty_stage() -> None:
    journey, _ = parse_csv("stage,name\nA,x\nB,\nC,y\n")
    assert [(s.name, len(journey.touchpoints(s.id))) for s in journey.stages()] == [("A", 1), ("B", 0), ("C", 1)]
    assert len(journey.flows()) == 1


_texts = st.text(st.sampled_from(list("ab |\\ '=-+@,;\"\n\tü")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(_texts, max_size=5))
def test_list_cells_round_trip(items: list[str]) -> None:
    clean = [i.strip() for i in items if i.strip()]
    assert list(split_list(unguard_formula(guard_formula(join_list(clean))).strip())) == clean


@settings(max_examples=150, deadline=None)
@given(st.lists(_texts, min_size=1, max_size=4), _texts, _texts)
def test_touchpoint_texts_round_trip(pains: list[str], name: str, owner: str) -> None:
    journey = Journey("t")
    stage = journey.add_stage("S")
    try:
        journey.add_touchpoint(stage.id, name, pain_points=pains, owner=owner, description=name)
    except ValueError:
        return
    back, _ = parse_csv(dumps_csv(journey))
    assert_same_table(back, journey)


def lane_journey() -> Journey:
    journey = Journey("Lanes")
    journey.add_persona("Tom", id="tom")
    journey.add_stage("S", id="s")
    journey.set_lane_config([
        Lane("text", "doing", "Doing"),
        Lane("text", "owner-2", "Owner"),                       # a name that is also a column
        Lane("text", "scores", "Scores"),                       # notes that look like numbers
        Lane("text", "hostile", "=SUM(1) (maybe)"),             # a formula, and brackets that are no section
        Lane("text", "looks-like", "Looks like (support)"),     # a customer lane whose name ends like a section
        Lane("emotion"), Lane("friction"), Lane("pain-points"), Lane("opportunities"),
        Lane("text", "staff-actions", "Staff actions", "frontstage"),
    ])
    journey.add_touchpoint("s", "One", id="one", emotion=0, persona_emotions={"tom": 2}, lanes={
        "doing": ["Types | pipes", "=cmd()", "@at"], "owner-2": ["x"], "scores": ["12"], "hostile": ["-1+2"],
        "staff-actions": ["Greets"]})
    journey.add_touchpoint("s", "Two", id="two", lanes={"scores": ["3.5"]})
    return journey


def test_text_lanes_and_persona_emotions_round_trip_through_csv() -> None:
    journey = lane_journey()
    text = dumps_csv(journey)
    header = next(csv.reader(io.StringIO(text)))
    assert header[len(COLUMNS):] == ["Doing", "lane:Owner", "lane:Scores", "'=SUM(1) (maybe)",
                                     "lane:Looks like (support) "
                                     "(customer)", "Staff actions (frontstage)", "emotion:tom"]
    back, warnings = parse_csv(text)
    assert warnings == []
    assert [(lane.name, lane.section) for lane in back.lanes() if lane.is_text] == [
        (lane.name, lane.section) for lane in journey.lanes() if lane.is_text]
    notes = {tp.id: {back.lane(k).name: v for k, v in tp.lanes.items()} for tp in back.touchpoints()}
    assert notes == {tp.id: {journey.lane(k).name: v for k, v in tp.lanes.items()} for tp in journey.touchpoints()}
    assert back.touchpoint("one").persona_emotions == {"tom": 2}
    assert [p.id for p in back.personas()] == ["tom"]
    assert any("ids of the text lanes" in w for w in csv_warnings(journey, "Lanes.csv"))
