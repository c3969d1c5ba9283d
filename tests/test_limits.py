"""What we write, we read: the loader's limits are the model's, refused at the edit, at save, by the CLI.

Issue 13, finding 1: an edit, paste, import, `new` or save past a limit used to give a
file the loader then refused. The property test is in test_limits_property.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from journeymap.cli import main
from journeymap.io import JourneyFileError, dumps_journey, journey_to_data, load_journey, loads_journey, save_journey
from journeymap.io import limits as io_limits
from journeymap.io.writer import count_values
from journeymap.model import Journey
from journeymap.model.lanes import MAX_LANES, TEXT, make_lane
from journeymap.model.limits import MAX_FLOWS, MAX_PERSONAS, MAX_STAGES, MAX_TEXT_LENGTH, MAX_TOUCHPOINTS

AT_LIMIT = "x" * MAX_TEXT_LENGTH
PAST_LIMIT = "x" * (MAX_TEXT_LENGTH + 1)
Capture = pytest.CaptureFixture[str]


def small() -> Journey:
    journey = Journey("Small")
    journey.add_stage("Stage", id="s")
    journey.add_touchpoint("s", "A", id="a")
    journey.add_touchpoint("s", "B", id="b")
    journey.add_flow("a", "b")
    journey.add_persona("Maya", id="maya")
    journey.add_lane(make_lane(TEXT, id="doing", name="Doing"))
    return journey


# Each way a text gets into the model: (what to call, how the message names it).
TEXT_EDITS: dict[str, tuple[Any, str]] = {
    "title": (lambda j, t: j.set_title(t), "title"),
    "journey description": (lambda j, t: j.set_description(t), "description"),
    "stage name": (lambda j, t: j.rename_stage("s", t), "stage name"),
    "stage description": (lambda j, t: j.update_stage("s", description=t), "description"),
    "new stage": (lambda j, t: j.add_stage(t), "stage name"),
    "touchpoint description": (lambda j, t: j.update_touchpoint("a", description=t), "description"),
    "channel": (lambda j, t: j.update_touchpoint("a", channel=t), "channel"),
    "owner": (lambda j, t: j.update_touchpoint("a", owner=t), "owner"),
    "pain point": (lambda j, t: j.update_touchpoint("a", pain_points=["short", t]), "pain points"),
    "new touchpoint": (lambda j, t: j.add_touchpoint("s", "C", description=t), "description"),
    "flow label": (lambda j, t: j.relabel_flow("a", "b", t), "flow label"),
    "persona goal": (lambda j, t: j.update_persona("maya", goals=[t]), "goals"),
    "lane note": (lambda j, t: j.update_touchpoint("a", lanes={"doing": ["short", t]}), "notes of lane 'doing'"),
    "new persona": (lambda j, t: j.add_persona(t), "persona name"),
}


@pytest.mark.parametrize("edit", list(TEXT_EDITS))
def test_a_text_past_the_limit_is_refused_at_the_edit_and_one_at_it_saves_and_opens(edit: str, tmp_path: Path) -> None:
    change, what = TEXT_EDITS[edit]
    journey = small()
    before = dumps_journey(journey)
    with pytest.raises(ValueError, match=rf"^{what} too long: 100,001 characters, at most 100,000 allowed$"):
        change(journey, PAST_LIMIT)
    assert dumps_journey(journey) == before
    change(journey, AT_LIMIT)
    save_journey(journey, tmp_path / "j.yaml")
    assert load_journey(tmp_path / "j.yaml") == journey


def test_the_limit_counts_the_clean_text() -> None:
    journey = Journey("  " + AT_LIMIT + "\n\n")  # stripped to exactly the limit
    assert len(journey.title) == MAX_TEXT_LENGTH
    with pytest.raises(ValueError, match="title too long"):
        Journey(PAST_LIMIT)


def _count_refused(journey: Journey, add: Any, noun: str, limit: int) -> None:
    before_personas = len(journey.personas())
    before = repr(journey)  # the counts
    events: list[object] = []
    journey.subscribe(events.append)
    with pytest.raises(ValueError, match=rf"^a journey holds at most {limit:,} {noun}$"):
        add()
    journey.unsubscribe(events.append)
    assert events == [] and repr(journey) == before and len(journey.personas()) == before_personas


def test_the_501st_stage_is_refused() -> None:
    journey = Journey("Stages")
    for i in range(MAX_STAGES):
        journey.add_stage("S", id=f"s{i}")
    _count_refused(journey, lambda: journey.add_stage("One more"), "stages", MAX_STAGES)
    removed = journey.remove_stage("s7")
    journey.restore_stage(removed)  # undo of a delete at the limit still works
    assert len(journey.stages()) == MAX_STAGES


def test_the_201st_persona_is_refused() -> None:
    journey = Journey("Personas")
    for i in range(MAX_PERSONAS):
        journey.add_persona("P", id=f"p{i}")
    _count_refused(journey, lambda: journey.add_persona("One more"), "personas", MAX_PERSONAS)


def test_the_51st_lane_is_refused(tmp_path: Path) -> None:
    journey = Journey("Lanes")
    journey.add_stage("S", id="s")
    for i in range(MAX_LANES - len(journey.lanes())):
        journey.add_lane(make_lane(TEXT, id=f"l{i}", name="L"))
    with pytest.raises(ValueError, match=rf"at most {MAX_LANES} lanes"):
        journey.check_room(lanes=1)
    with pytest.raises(ValueError, match=rf"at most {MAX_LANES} lanes"):
        journey.add_lane(make_lane(TEXT, id="one-more", name="One more"))
    save_journey(journey, tmp_path / "lanes.yaml")
    assert load_journey(tmp_path / "lanes.yaml") == journey


def test_the_20001st_touchpoint_is_refused_and_20000_save_and_open(tmp_path: Path) -> None:
    journey = Journey("Many touchpoints")
    journey.add_stage("S", id="s")
    journey.add_stage("T", id="t")
    for i in range(MAX_TOUCHPOINTS):
        journey.add_touchpoint("s" if i % 2 else "t", "T", id=f"t{i}")
    _count_refused(journey, lambda: journey.add_touchpoint("s", "One more"), "touchpoints", MAX_TOUCHPOINTS)
    save_journey(journey, tmp_path / "big.yaml")
    assert load_journey(tmp_path / "big.yaml") == journey


def test_the_100001st_flow_is_refused() -> None:
    journey = Journey("Many flows")
    journey.add_stage("S", id="s")
    ends = [journey.add_touchpoint("s", "T", id=f"t{i}").id for i in range(317)]  # 317 × 316 > 100,000
    pairs = ((a, b) for a in ends for b in ends if a != b)
    for _, (source, target) in zip(range(MAX_FLOWS), pairs, strict=False):
        journey.add_flow(source, target)
    source, target = next(pairs)
    _count_refused(journey, lambda: journey.add_flow(source, target), "flows", MAX_FLOWS)
    # Saving and opening 100,000 flows takes seconds; the loader refuses more than
    # MAX_FLOWS, the same constant, so this journey (like any the model holds) opens.


def test_check_room_refuses_a_paste_all_or_nothing() -> None:
    journey = Journey("Room")
    journey.add_stage("S", id="s")
    for i in range(MAX_TOUCHPOINTS - 3):
        journey.add_touchpoint("s", "T", id=f"t{i}")
    journey.check_room(touchpoints=3)
    too_many = r"^a journey holds at most 20,000 touchpoints; 4 more do not fit \(3 would\)$"
    with pytest.raises(ValueError, match=too_many):
        journey.check_room(touchpoints=4)
    with pytest.raises(ValueError, match="at most 500 stages"):
        journey.check_room(stages=500)


# ---------------------------------------------------------------------------- whole-file limits at save


def _untouched_after_refused_save(journey: Journey, path: Path, match: str) -> None:
    path.write_text("journeymap: 1\ntitle: Old\nstages: []\n", encoding="utf-8")
    with pytest.raises(JourneyFileError, match=match) as caught:
        save_journey(journey, path, backup=True)
    assert caught.value.line is None and str(caught.value).startswith(f"{path}: not saved: ")
    assert path.read_text(encoding="utf-8") == "journeymap: 1\ntitle: Old\nstages: []\n"
    assert sorted(os.listdir(path.parent)) == [path.name]  # no temporary file, no backup


def test_a_journey_past_20_mb_is_not_saved_and_the_old_file_stays(tmp_path: Path) -> None:
    journey = Journey("Huge")
    journey.add_stage("S", id="s")
    for i in range(io_limits.MAX_FILE_BYTES // MAX_TEXT_LENGTH + 1):
        journey.add_touchpoint("s", "T", id=f"t{i}", description=AT_LIMIT)
    too_big = r"would make a 20\.\d+ MB file; journey files are limited to 20 MB"
    _untouched_after_refused_save(journey, tmp_path / "huge.yaml", too_big)


def test_save_counts_values_as_the_loader_does(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    journey = small()
    journey.update_touchpoint("a", pain_points=["p1", "p2"], metrics={"csat": 4, "x": 1.5})
    values = count_values(journey_to_data(journey))
    text = dumps_journey(journey)
    for limit, opens in ((values, True), (values - 1, False)):
        monkeypatch.setattr(io_limits, "MAX_NODES", limit)
        monkeypatch.setattr("journeymap.io.yaml_tree.MAX_NODES", limit)
        (tmp_path / str(limit)).mkdir()
        path = tmp_path / str(limit) / "j.yaml"
        if opens:
            save_journey(journey, path)
            assert load_journey(path) == journey
        else:
            with pytest.raises(JourneyFileError):
                loads_journey(text)
            too_many = rf"would make a file of {values:,} values; journey files are limited to {limit:,}"
            _untouched_after_refused_save(journey, path, too_many)


# ---------------------------------------------------------------------------- command line


def test_new_refuses_a_title_past_the_limit_with_one_line(tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "x.yaml"
    assert main(["new", "--title", PAST_LIMIT, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == "journeymap new: title too long: 100,001 characters, at most 100,000 allowed\n"
    assert not out.exists()
    assert main(["new", "--title", AT_LIMIT, "-o", str(out)]) == 0
    assert main(["validate", str(out)]) == 0


def test_import_of_a_mermaid_text_past_the_limit_writes_nothing(tmp_path: Path, capsys: Capture) -> None:
    source = tmp_path / "in.mmd"
    source.write_text(f"journey\n  title T\n  section S\n    {PAST_LIMIT}: 3: Me\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"{source}:4: ") and "100,000" in err[0]
    assert not out.exists()


def test_import_of_a_csv_past_the_stage_limit_writes_nothing(tmp_path: Path, capsys: Capture) -> None:
    source = tmp_path / "in.csv"
    rows = "".join(f"s{i},t{i}\n" for i in range(MAX_STAGES + 1))
    source.write_text("stage,name\n" + rows, encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{source}:{MAX_STAGES + 2}: a journey holds at most 500 stages"]
    assert not out.exists()
    source.write_text("stage,name\n" + rows.rsplit("s500", 1)[0], encoding="utf-8")
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert len(load_journey(out).stages()) == MAX_STAGES
