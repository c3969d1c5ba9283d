"""`journeymap diff`: hand-made pairs of journeys against hand-written expectations, and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from journey_builders import make

from journeymap.cli import main
from journeymap.io import load_journey, save_journey
from journeymap.model import DEFAULT_LANES, Journey, Lane
from journeymap.model.lanes import EMOTION, METRIC, PAIN_POINTS, TEXT
from journeymap.versions.diff import Changed, Entry, Move, RenamedId, diff_journeys
from journeymap.versions.fields import FieldChange
from journeymap.versions.render import diff_to_json, diff_to_markdown, diff_to_text

SAMPLES = Path(__file__).resolve().parent.parent / "sample_journeys"
AS_IS = SAMPLES / "b2b-software-intent.yaml"
TO_BE = SAMPLES / "b2b-software-intent-future.yaml"


def base() -> Journey:
    j = make("aw co pu", {
        "ad": {"stage": "aw", "name": "Sees an ad", "emotion": 0, "friction": 1, "pain_points": ["Too loud"]},
        "site": {"stage": "co", "name": "Visits the site", "emotion": -1, "metrics": {"csat": 3.0}},
        "cart": {"stage": "pu", "name": "Fills the cart", "friction": 2},
        "pay": {"stage": "pu", "name": "Pays", "emotion": 1},
    }, "ad>site site>cart cart>pay")
    j.add_persona("Maya", id="maya", goals=["Run a race"])
    return j


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_journey_against_itself_is_the_same(path: Path) -> None:
    journey = load_journey(path)
    diff = diff_journeys(journey, load_journey(path))
    assert diff.same
    assert diff_to_json(diff, "a", "b")["same"] is True
    assert "the journeys are the same" in diff_to_text(diff, "a", "b")


def test_changed_fields_old_to_new() -> None:
    old, new = base(), base()
    new.update_touchpoint("site", emotion=1, friction=3, metrics={"csat": 4.5, "nps": 10})
    new.update_touchpoint("ad", pain_points=["Too loud", "Wrong size shown"])
    diff = diff_journeys(old, new)
    assert diff.touchpoints.changed == (
        Changed("ad", "Sees an ad", (FieldChange("pain_points", added=("Wrong size shown",), items=True),), "aw"),
        Changed("site", "Visits the site", (
            FieldChange("emotion", old=-1, new=1),
            FieldChange("friction", old=None, new=3),
            FieldChange("metrics", "csat", old=3.0, new=4.5),
            FieldChange("metrics", "nps", old=None, new=10),
        ), "co"),
    )
    assert not (diff.touchpoints.added or diff.touchpoints.removed or diff.touchpoints.moved or diff.flows)
    text = diff_to_text(diff, "old.yaml", "new.yaml")
    assert "emotion: -1 Negative → +1 Positive" in text
    assert "pain points: + Wrong size shown" in text
    assert "metrics csat: 3 → 4.5" in text


def test_added_removed_and_renamed_id_touchpoints_and_their_flows() -> None:
    old, new = base(), base()
    new.remove_touchpoint("cart")
    new.add_touchpoint("pu", "Fills the cart", id="basket", index=0, friction=2)  # same name and stage: a new id
    new.add_flow("site", "basket")
    new.add_flow("basket", "pay")
    new.add_touchpoint("co", "Reads reviews", id="reviews")
    new.remove_touchpoint("ad")
    diff = diff_journeys(old, new)
    assert diff.touchpoints.renamed_id == (RenamedId("cart", "basket", "Fills the cart", "pu"),)
    assert diff.touchpoints.added == (Entry("reviews", "Reads reviews", 1, "co"),)
    assert diff.touchpoints.removed == (Entry("ad", "Sees an ad", 0, "aw"),)
    assert diff.touchpoints.changed == ()
    # the renamed touchpoint's flows follow it; only the removed touchpoint's flow is gone
    assert [(f.source, f.target) for f in diff.flows.removed] == [("ad", "site")]
    assert diff.flows.added == ()


def test_moves_between_stages_and_steps_but_not_by_insertion() -> None:
    old, new = base(), base()
    new.move_touchpoint("pay", "pu", 0)  # pay before cart
    new.move_touchpoint("site", "aw", 1)  # into another stage
    new.add_touchpoint("pu", "Gets a receipt", id="receipt", index=0)  # shifts the others: no move
    new.move_stage("pu", 0)
    diff = diff_journeys(old, new)
    moves = {m.id: m for m in diff.touchpoints.moved}
    assert moves["site"] == Move("site", "Visits the site", 0, 1, "co", "aw")
    assert len([m for m in moves.values() if m.old_stage == m.new_stage == "pu"]) == 1  # cart or pay, not both
    assert "ad" not in moves and "receipt" not in moves
    assert [m.id for m in diff.stages.moved] == ["pu"]
    assert "moved touchpoint 'site' (Visits the site) from CO to AW" in diff_to_text(diff, "a", "b")


def test_stages_personas_flows_and_the_journey() -> None:
    old, new = base(), base()
    new.set_title("Shoes, to-be")
    new.rename_stage("co", "Compare")
    new.add_stage("Advocacy", id="ad-stage")
    new.update_persona("maya", goals=["Run a race", "Stay injury-free"])
    new.add_persona("Tom", id="tom")
    new.relabel_flow("ad", "site", "clicks")
    new.remove_flow("cart", "pay")
    diff = diff_journeys(old, new)
    assert diff.journey == (FieldChange("title", old="Test journey", new="Shoes, to-be"),)
    assert diff.stages.added == (Entry("ad-stage", "Advocacy", 3),)
    assert diff.stages.changed == (Changed("co", "Compare", (FieldChange("name", old="CO", new="Compare"),)),)
    assert diff.personas.added == (Entry("tom", "Tom", 1),)
    assert diff.personas.changed[0].changes == (FieldChange("goals", added=("Stay injury-free",), items=True),)
    assert [(o.label, n.label) for o, n in diff.flows.relabelled] == [("", "clicks")]
    assert [(f.source, f.target) for f in diff.flows.removed] == [("cart", "pay")]


def test_summary_per_stage_and_reach() -> None:
    old, new = base(), base()
    new.update_touchpoint("site", emotion=2, metrics={"csat": 3.0, "drop_off": 0.2})
    new.update_touchpoint("cart", friction=0)
    summary = diff_journeys(old, new).summary
    by_id = {s.id: s for s in summary.stages}
    assert (by_id["co"].before.avg_emotion, by_id["co"].after.avg_emotion) == (-1, 2)
    assert (by_id["pu"].before.total_friction, by_id["pu"].after.total_friction) == (2, 0)
    assert (summary.reach_before, summary.reach_after) == (None, pytest.approx(0.8))


def test_the_as_is_and_to_be_samples() -> None:
    diff = diff_journeys(load_journey(AS_IS), load_journey(TO_BE))
    intent = next(s for s in diff.summary.stages if s.id == "intent")
    assert intent.after.avg_emotion > intent.before.avg_emotion
    assert intent.after.total_friction < intent.before.total_friction
    added = {e.id for e in diff.touchpoints.added}
    assert {"cornerstone-guide", "ebook-download", "nurture-roi", "nurture-security", "nurture-case-study"} <= added
    markdown = diff_to_markdown(diff, "as-is", "to-be")
    assert "| Intent | 7 → 10 | -1.0 → +1.0 (rose, better) | 19 → 8 (fell, better) |" in markdown
    assert "\n- - " not in markdown  # no accidental nested lists


def test_json_shape_is_the_documented_one() -> None:
    old, new = base(), base()
    new.update_touchpoint("ad", emotion=2)
    data = diff_to_json(diff_journeys(old, new), "old.yaml", "new.yaml")
    assert list(data) == ["version", "old", "new", "same", "summary", "journey", "personas", "lanes", "stages",
                          "touchpoints", "flows"]
    assert list(data["touchpoints"]) == ["added", "removed", "renamed_id", "moved", "changed"]
    assert data["touchpoints"]["changed"] == [
        {"id": "ad", "name": "Sees an ad", "stage": "aw", "changes": [{"field": "emotion", "old": 0, "new": 2}]}
    ]
    assert data["summary"]["stages"][0] == {
        "id": "aw", "name": "AW",
        "before": {"touchpoints": 1, "avg_emotion": 0.0, "total_friction": 1},
        "after": {"touchpoints": 1, "avg_emotion": 2.0, "total_friction": 1},
    }
    json.dumps(data)


# ---------------------------------------------------------------- the command


def test_command_exit_codes_and_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(AS_IS), str(AS_IS)]) == 0
    assert main(["diff", str(AS_IS), str(TO_BE)]) == 1
    out = capsys.readouterr().out
    assert "Intent" in out and "ebook-download" in out and "nurture-roi" in out and "cornerstone-guide" in out
    assert main(["diff", str(AS_IS), str(TO_BE), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["same"] is False
    broken = tmp_path / "broken.yaml"
    broken.write_text("journeymap: 1\ntitle: x\nstages: 3\n", encoding="utf-8")
    assert main(["diff", str(AS_IS), str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{broken}:3:")
    assert main(["diff", str(AS_IS)]) == 2


def test_command_as_gits_external_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = base(), base()
    new.update_touchpoint("ad", emotion=-2)
    save_journey(old, tmp_path / "old.yaml")
    save_journey(new, tmp_path / "new.yaml")
    args = [
        "maps/shoes.yaml",
        str(tmp_path / "old.yaml"),
        "a" * 40,
        "100644",
        str(tmp_path / "new.yaml"),
        "b" * 40,
        "100644",
    ]
    assert main(["diff", *args]) == 0  # git stops at any other exit code
    out = capsys.readouterr().out
    assert out.startswith("journeymap diff a/maps/shoes.yaml b/maps/shoes.yaml")
    assert "emotion: 0 Neutral → -2 Very negative" in out
    # a new file: everything is added
    assert (
        main(["diff", "maps/shoes.yaml", "/dev/null", "0" * 40, ".", str(tmp_path / "new.yaml"), "b" * 40, "100644"])
        == 0
    )
    assert "added touchpoint 'ad'" in capsys.readouterr().out
    # not a journey: a line diff instead
    other = tmp_path / "ci.yaml"
    other.write_text("jobs: 1\n", encoding="utf-8")
    assert (
        main(["diff", "ci.yaml", str(other), "a" * 40, "100644", str(tmp_path / "new.yaml"), "b" * 40, "100644"]) == 0
    )
    captured = capsys.readouterr()
    assert "-jobs: 1" in captured.out and "line diff" in captured.err


# ---------------------------------------------------------------- lanes, notes and per-persona emotions


def laned() -> Journey:
    j = base()
    j.add_persona("Tom", id="tom")
    j.set_lane_config([Lane(TEXT, "doing", "Doing"), Lane(EMOTION), Lane(PAIN_POINTS), Lane(METRIC, metric="csat")])
    j.set_notes("ad", "doing", ["Scrolls the feed"])
    j.update_touchpoint("site", persona_emotions={"tom": 1})
    return j


def test_lanes_notes_and_persona_emotions() -> None:
    old, new = laned(), laned()
    new.add_lane(Lane(TEXT, "thinking", "Thinking"), 1)
    new.update_lane("doing", name="Does")
    new.move_lane("metric:csat", 0)
    new.remove_lane("pain-points")
    new.set_notes("ad", "doing", ["Scrolls the feed", "Stops at the ad"])
    new.set_notes("site", "thinking", ["Is this my size?"])
    new.update_touchpoint("site", persona_emotions={"tom": -1, "maya": 2})
    diff = diff_journeys(old, new)
    assert diff.lanes.added == (Entry("thinking", "Thinking", 2),)
    assert diff.lanes.removed == (Entry("pain-points", "Pain points", 2),)
    assert [m.id for m in diff.lanes.moved] == ["metric:csat"]
    assert diff.lanes.changed == (Changed("doing", "Does", (FieldChange("name", old="Doing", new="Does"),)),)
    changes = {c.id: c.changes for c in diff.touchpoints.changed}
    assert changes["ad"] == (FieldChange("lanes", "doing", added=("Stops at the ad",), items=True),)
    assert changes["site"] == (
        FieldChange("lanes", "thinking", added=("Is this my size?",), items=True),
        FieldChange("persona_emotions", "tom", old=1, new=-1),
        FieldChange("persona_emotions", "maya", old=None, new=2),
    )
    text = diff_to_text(diff, "a", "b")
    assert "notes in lane doing: + Stops at the ad" in text
    assert "emotion of persona tom: +1 Positive → -1 Negative" in text
    assert "+ added lane 'thinking' (Thinking)" in text and "- removed lane 'pain-points' (Pain points)" in text
    data = diff_to_json(diff, "a", "b")
    assert data["lanes"]["changed"] == [
        {"id": "doing", "name": "Does", "changes": [{"field": "name", "old": "Doing", "new": "Does"}]}]
    assert data["touchpoints"]["changed"][1]["changes"][0] == {
        "field": "lanes", "key": "thinking", "added": ["Is this my size?"], "removed": []}


def test_the_default_lanes_written_out_are_the_same_as_none() -> None:
    old, new = base(), base()
    new.set_lane_config(list(DEFAULT_LANES))
    assert diff_journeys(old, new).same
