"""`journeymap merge`: hand-made three-way merges, properties over the app's real undo commands, the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journey_builders import make
from PySide6.QtGui import QUndoCommand, QUndoStack
from test_undo_property import OPS, TOUCHPOINT_VALUES, names

from journeymap.cli import main
from journeymap.io import dumps_journey, load_journey, loads_journey, save_journey
from journeymap.model import BLUEPRINT_LANES, Journey, Lane, make_lane
from journeymap.model.lanes import EMOTION, SECTIONS, TEXT
from journeymap.ui.commands.fields import TouchpointFieldCommand, check_value
from journeymap.ui.commands.lanes import (
    AddLaneCommand,
    MoveLaneCommand,
    RemoveLaneCommand,
    SetNotesCommand,
    UpdateLaneCommand,
)
from journeymap.ui.commands.structure import (
    AddFlowCommand,
    AddTouchpointCommand,
    MoveTouchpointCommand,
    RemoveTouchpointCommand,
    RenameTouchpointCommand,
    SetEmotionCommand,
)
from journeymap.versions.merge import MergeResult, merge_journeys

SAMPLES = Path(__file__).resolve().parent.parent / "sample_journeys"
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def base() -> Journey:
    j = make("aw co pu", {
        "ad": {"stage": "aw", "name": "Sees an ad", "emotion": 0, "friction": 1, "pain_points": ["Too loud"]},
        "site": {"stage": "co", "name": "Visits the site", "emotion": -1, "metrics": {"csat": 3.0}},
        "cart": {"stage": "pu", "name": "Fills the cart", "friction": 2},
        "pay": {"stage": "pu", "name": "Pays", "emotion": 1},
    }, "ad>site site>cart cart>pay")
    j.add_persona("Maya", id="maya", goals=["Run a race"])
    return j


def merged(b: Journey, o: Journey, t: Journey) -> MergeResult:
    result = merge_journeys(b, o, t)
    text = dumps_journey(result.journey)
    assert dumps_journey(loads_journey(text)) == text  # the result always validates
    return result


# ---------------------------------------------------------------- hand-made merges


def test_different_fields_of_one_touchpoint_merge_cleanly() -> None:
    b, o, t = base(), base(), base()
    o.update_touchpoint("site", emotion=1, metrics={"csat": 3.0, "nps": 20})
    t.update_touchpoint("site", friction=3, metrics={"csat": 4.0}, pain_points=["Slow"])
    result = merged(b, o, t)
    assert result.conflicts == ()
    site = result.journey.touchpoint("site")
    assert (site.emotion, site.friction, dict(site.metrics), site.pain_points) == (
        1,
        3,
        {"csat": 4.0, "nps": 20},
        ("Slow",),
    )


def test_list_items_added_on_both_sides_are_all_kept() -> None:
    b, o, t = base(), base(), base()
    o.update_touchpoint("ad", pain_points=["Too loud", "Wrong size"])
    t.update_touchpoint("ad", pain_points=["Too loud", "No stock"])
    result = merged(b, o, t)
    assert result.conflicts == ()
    assert result.journey.touchpoint("ad").pain_points == ("Too loud", "Wrong size", "No stock")


def test_additions_removals_and_moves_on_both_sides() -> None:
    b, o, t = base(), base(), base()
    o.add_touchpoint("aw", "Hears from a friend", id="friend", index=0)
    o.add_flow("friend", "ad")
    o.move_touchpoint("pay", "co", 1)
    t.add_touchpoint("pu", "Gets a receipt", id="receipt")
    t.add_flow("pay", "receipt", "emails")
    t.remove_touchpoint("site")
    t.add_stage("Advocacy", id="advocacy")
    result = merged(b, o, t)
    assert result.conflicts == ()
    j = result.journey
    assert j.touchpoint_ids("aw") == ["friend", "ad"]
    assert j.touchpoint_ids("pu") == ["cart", "receipt"]
    assert j.touchpoint_ids("co") == ["pay"]  # site removed by theirs, pay moved here by ours
    assert j.stage_ids() == ["aw", "co", "pu", "advocacy"]
    assert [(f.source, f.target) for f in j.flows()] == [("cart", "pay"), ("friend", "ad"), ("pay", "receipt")]


def test_one_field_changed_differently_is_one_conflict_and_ours_is_kept() -> None:
    b, o, t = base(), base(), base()
    o.update_touchpoint("site", emotion=2, friction=1)
    t.update_touchpoint("site", emotion=-2, owner="Web team")
    result = merged(b, o, t)
    assert [(c.kind, c.id, c.field) for c in result.conflicts] == [("touchpoint", "site", "emotion")]
    assert (
        "+2 Very positive in ours, -2 Very negative in theirs (was -1 Negative); kept ours"
        in result.conflicts[0].message
    )
    site = result.journey.touchpoint("site")
    assert (site.emotion, site.friction, site.owner) == (2, 1, "Web team")


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    b, o, t = base(), base(), base()
    for j in (o, t):
        j.update_touchpoint("cart", friction=4)
        j.remove_touchpoint("ad")
    result = merged(b, o, t)
    assert result.conflicts == ()
    assert dumps_journey(result.journey) == dumps_journey(o)


@pytest.mark.parametrize("case", ["metric", "list item", "edit vs delete", "delete vs edit", "stage move",
                                  "stage name", "flow label", "title"])
def test_conflicts(case: str) -> None:
    b, o, t = base(), base(), base()
    if case == "metric":
        o.update_touchpoint("site", metrics={"csat": 4.0})
        t.update_touchpoint("site", metrics={"csat": 2.0})
    elif case == "list item":
        o.update_touchpoint("ad", pain_points=["Too loud at night"])
        t.update_touchpoint("ad", pain_points=["Far too loud"])
    elif case == "edit vs delete":
        o.update_touchpoint("cart", emotion=-2)
        t.remove_touchpoint("cart")
    elif case == "delete vs edit":
        o.remove_touchpoint("cart")
        t.update_touchpoint("cart", emotion=-2)
    elif case == "stage move":
        o.move_touchpoint("site", "aw", 1)
        t.move_touchpoint("site", "pu", 0)
    elif case == "stage name":
        o.rename_stage("co", "Compare")
        t.rename_stage("co", "Consider")
    elif case == "flow label":
        o.relabel_flow("ad", "site", "clicks")
        t.relabel_flow("ad", "site", "taps")
    else:
        o.set_title("Ours")
        t.set_title("Theirs")
    result = merged(b, o, t)
    assert len(result.conflicts) == 1
    assert dumps_journey(result.journey) == dumps_journey(o)  # ours kept, and nothing else changed on theirs
    subject = {"flow label": "flow 'ad→site'", "title": "title", "stage name": "stage 'co'"}.get(case, "touchpoint '")
    assert result.conflicts[0].message.startswith(subject)


def test_a_stage_removed_on_one_side_stays_while_the_other_puts_touchpoints_in_it() -> None:
    b, o, t = base(), base(), base()
    o.remove_stage("co", touchpoints="delete")
    t.add_touchpoint("co", "Compares prices", id="compare")
    result = merged(b, o, t)
    assert result.journey.has_stage("co") and result.journey.touchpoint_ids("co") == ["compare"]
    assert any(c.kind == "stage" and c.id == "co" for c in result.conflicts)


def test_a_flow_to_a_touchpoint_the_other_side_removed_is_left_out() -> None:
    b, o, t = base(), base(), base()
    o.remove_touchpoint("pay")
    t.add_flow("ad", "pay", "buys at once")
    result = merged(b, o, t)
    assert not result.journey.has_touchpoint("pay")
    assert [c.kind for c in result.conflicts] == ["flow"]


def test_an_id_both_sides_added_for_different_things() -> None:
    b, o, t = base(), base(), base()
    o.add_touchpoint("aw", "Review", id="review")
    t.add_stage("Review", id="review")
    result = merged(b, o, t)
    assert result.journey.has_touchpoint("review") and not result.journey.has_stage("review")
    assert len(result.conflicts) == 1


# ---------------------------------------------------------------- properties, with the app's undo commands


@pytest.fixture(scope="module")
def starts() -> list[Journey]:
    return [Journey.from_template("default"), *(load_journey(p) for p in sorted(SAMPLES.glob("*.yaml")))]


def edited(data: st.DataObject, journey: Journey, ops: list, steps: int) -> Journey:  # type: ignore[type-arg]
    """A copy of `journey` after up to `steps` undo commands pushed on a stack, as the window does."""
    copy = journey.copy()
    stack = QUndoStack()
    for _ in range(steps):
        command = data.draw(st.sampled_from(ops))(data, copy)
        if command is not None:
            stack.push(command)
    return copy


@SETTINGS
@given(data=st.data())
def test_merging_with_an_unchanged_side_gives_the_other_side_exactly(qapp: object, starts: list[Journey],
                                                                     data: st.DataObject) -> None:
    b = data.draw(st.sampled_from(starts))
    other = edited(data, b, OPS, data.draw(st.integers(1, 15)))
    expected = dumps_journey(other)
    for result in (merge_journeys(b, b.copy(), other), merge_journeys(b, other, b.copy()),
                   merge_journeys(b, other, other.copy())):
        assert result.conflicts == ()
        assert dumps_journey(result.journey) == expected


def _side_ops(side: str, mine: set[str]) -> list:  # type: ignore[type-arg]
    """Edits that touch only the touchpoints in `mine` (and the ones this side adds)."""

    def own(data: st.DataObject, j: Journey) -> str | None:
        ids = sorted(t for t in j.touchpoint_ids() if t in mine)
        return data.draw(st.sampled_from(ids)) if ids else None

    def field(data: st.DataObject, j: Journey) -> QUndoCommand | None:
        tp = own(data, j)
        if tp is None:
            return None
        name = data.draw(st.sampled_from(sorted(TOUCHPOINT_VALUES)))
        try:
            value = check_value("touchpoint", name, data.draw(TOUCHPOINT_VALUES[name]))
        except ValueError:
            return None
        return TouchpointFieldCommand(j, tp, name, value)

    def emotion_or_name(data: st.DataObject, j: Journey) -> QUndoCommand | None:
        tp = own(data, j)
        if tp is None:
            return None
        if data.draw(st.booleans()):
            return SetEmotionCommand(j, tp, data.draw(st.integers(-2, 2)))
        return RenameTouchpointCommand(j, tp, f"{side} {data.draw(names)}")

    def add(data: st.DataObject, j: Journey) -> QUndoCommand | None:
        stage = data.draw(st.sampled_from(j.stage_ids()))
        name = f"{side} step {len(mine)}"
        mine.add(j.new_touchpoint_id(name))
        index = data.draw(st.integers(0, len(j.touchpoint_ids(stage))))
        return AddTouchpointCommand(j, stage, name, index, fields={"emotion": 1}, connect_from=own(data, j))

    def remove(data: st.DataObject, j: Journey) -> QUndoCommand | None:
        tp = own(data, j)
        return RemoveTouchpointCommand(j, tp) if tp else None

    def move(data: st.DataObject, j: Journey) -> QUndoCommand | None:
        tp = own(data, j)
        if tp is None:
            return None
        stage = data.draw(st.sampled_from(j.stage_ids()))
        size = len(j.touchpoint_ids(stage)) - (1 if j.touchpoint(tp).stage == stage else 0)
        return MoveTouchpointCommand(j, tp, stage, data.draw(st.integers(0, size)))

    def link(data: st.DataObject, j: Journey) -> QUndoCommand | None:
        ids = sorted(t for t in j.touchpoint_ids() if t in mine)
        pairs = [(a, c) for a in ids for c in ids if a != c and not j.has_flow(a, c)]
        if not pairs:
            return None
        source, target = data.draw(st.sampled_from(pairs))
        return AddFlowCommand(j, source, target, side)

    def notes(data: st.DataObject, j: Journey) -> QUndoCommand | None:
        tp = own(data, j)
        if tp is None or not j.text_lane_ids():
            return None
        lane = data.draw(st.sampled_from(j.text_lane_ids()))
        return SetNotesCommand(j, tp, lane, data.draw(st.lists(names, max_size=3)))

    return [field, emotion_or_name, add, remove, move, link, notes]


@SETTINGS
@given(data=st.data())
def test_independent_edits_on_both_sides_merge_cleanly_and_keep_both(qapp: object, starts: list[Journey],
                                                                     data: st.DataObject) -> None:
    b = data.draw(st.sampled_from(starts[1:])).copy()  # the samples: every one has touchpoints
    if b.lane_config() is None and data.draw(st.booleans()):  # a sample with lanes of its own keeps them
        b.set_lane_config(BLUEPRINT_LANES)
    ids = b.touchpoint_ids()
    ours_ids, theirs_ids = set(ids[0::2]), set(ids[1::2])
    o = edited(data, b, _side_ops("ours", ours_ids), data.draw(st.integers(1, 10)))
    t = edited(data, b, _side_ops("theirs", theirs_ids), data.draw(st.integers(1, 10)))
    result = merged(b, o, t)
    assert result.conflicts == ()
    j = result.journey
    for side, mine in ((o, ours_ids), (t, theirs_ids)):
        for tp in mine:
            if side.has_touchpoint(tp):
                assert j.touchpoint(tp) == side.touchpoint(tp)
            else:
                assert not j.has_touchpoint(tp)
        for flow in side.flows():
            if flow.label in ("ours", "theirs"):
                assert j.flow(flow.source, flow.target) == flow


# ---------------------------------------------------------------- the command


def test_command_writes_out_and_reports_conflicts_with_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b, o, t = base(), base(), base()
    o.update_touchpoint("site", emotion=2)
    t.update_touchpoint("site", emotion=-2)
    t.update_touchpoint("pay", friction=1)
    for name, j in (("base", b), ("ours", o), ("theirs", t)):
        save_journey(j, tmp_path / f"{name}.yaml")
    out = tmp_path / "out.yaml"
    paths = [str(tmp_path / f"{n}.yaml") for n in ("base", "ours", "theirs")]
    assert main(["merge", *paths, "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    text = out.read_text(encoding="utf-8").splitlines()
    line = next(i for i, x in enumerate(text, 1) if x == "  emotion: 2")
    assert err[0].startswith(f"{out}:{line}: conflict: touchpoint 'site': emotion changed on both sides")
    assert len(err) == 2 and "1 conflict(s)" in err[1]
    merged_journey = load_journey(out)
    assert merged_journey.touchpoint("site").emotion == 2 and merged_journey.touchpoint("pay").friction == 1

    # git's form: the result goes into OURS; a clean merge exits 0
    save_journey(b, tmp_path / "theirs.yaml")
    assert main(["merge", *paths, "--name", "maps/shoes.yaml"]) == 0
    assert load_journey(tmp_path / "ours.yaml").touchpoint("site").emotion == 2


def test_command_refuses_a_broken_input_and_leaves_out_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_journey(base(), tmp_path / "base.yaml")
    (tmp_path / "ours.yaml").write_text("journeymap: 1\ntitle: [x\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    out.write_text("keep me", encoding="utf-8")
    assert main(["merge", str(tmp_path / "base.yaml"), str(tmp_path / "ours.yaml"), str(tmp_path / "base.yaml"),
                 "-o", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'ours.yaml'}:")
    assert out.read_text(encoding="utf-8") == "keep me"


# ---------------------------------------------------------------- lanes, notes and per-persona emotions


def laned() -> Journey:
    j = base()
    j.add_persona("Tom", id="tom")
    j.set_lane_config([Lane(TEXT, "doing", "Doing"), Lane(TEXT, "thinking", "Thinking"), Lane(EMOTION)])
    j.set_notes("ad", "doing", ["Scrolls the feed"])
    return j


def test_notes_and_persona_emotions_from_both_sides() -> None:
    b, o, t = laned(), laned(), laned()
    o.set_notes("ad", "doing", ["Scrolls the feed", "Stops at the ad"])
    o.set_notes("site", "thinking", ["Is this my size?"])
    o.update_touchpoint("site", persona_emotions={"tom": 1})
    t.set_notes("ad", "doing", ["Scrolls the feed", "Mutes the sound"])
    t.set_notes("ad", "thinking", ["Nice colours"])
    t.update_touchpoint("site", persona_emotions={"maya": -1})
    t.update_lane("thinking", section="frontstage")
    result = merged(b, o, t)
    assert result.conflicts == ()
    j = result.journey
    assert dict(j.touchpoint("ad").lanes) == {"doing": ("Scrolls the feed", "Stops at the ad", "Mutes the sound"),
                                              "thinking": ("Nice colours",)}
    assert dict(j.touchpoint("site").persona_emotions) == {"tom": 1, "maya": -1}
    assert j.lane("thinking").section == "frontstage"


def test_lane_conflicts_and_removals() -> None:
    b, o, t = laned(), laned(), laned()
    o.update_lane("doing", name="Does")
    t.update_lane("doing", name="Acts")
    o.remove_lane("thinking")
    t.set_notes("cart", "thinking", ["Too many steps"])
    o.remove_persona("tom")
    t.update_touchpoint("pay", persona_emotions={"tom": -2})
    result = merged(b, o, t)
    j = result.journey
    assert j.lane("doing").name == "Does"  # ours kept
    assert j.touchpoint("cart").lanes["thinking"] == ("Too many steps",)  # the lane stays for theirs' notes
    assert j.touchpoint("pay").persona_emotions["tom"] == -2  # and the persona for theirs' emotion
    assert sorted((c.kind, c.id) for c in result.conflicts) == [("lane", "doing"), ("lane", "thinking"),
                                                                ("persona", "tom")]


def test_a_lane_ours_changed_and_theirs_removed_keeps_ours_notes() -> None:
    b, o, t = laned(), laned(), laned()
    o.update_lane("doing", name="Does")
    t.remove_lane("doing")
    result = merged(b, o, t)
    assert result.journey.touchpoint("ad").lanes["doing"] == ("Scrolls the feed",)
    assert [(c.kind, c.id) for c in result.conflicts] == [("lane", "doing")]


def lane_edit(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    """One of the app's lane commands: add, remove, move, rename, re-section a lane, or set a cell's notes."""
    keys = [lane.key for lane in j.lanes()]
    choice = data.draw(st.integers(0, 4))
    if choice == 0 and len(keys) < 10:
        return AddLaneCommand(j, make_lane(TEXT, id=j.new_lane_id("notes"), name="Notes"),
                              data.draw(st.integers(0, len(keys))))
    if choice == 1 and keys:
        return RemoveLaneCommand(j, data.draw(st.sampled_from(keys)))
    if choice == 2 and keys:
        return MoveLaneCommand(j, data.draw(st.sampled_from(keys)), data.draw(st.integers(0, len(keys) - 1)))
    text_lanes = j.text_lane_ids()
    if choice == 3 and text_lanes:
        return UpdateLaneCommand(j, data.draw(st.sampled_from(text_lanes)), name=data.draw(names),
                                 section=data.draw(st.sampled_from(SECTIONS)))
    tps = j.touchpoint_ids()
    if not (text_lanes and tps):
        return None
    return SetNotesCommand(j, data.draw(st.sampled_from(tps)), data.draw(st.sampled_from(text_lanes)),
                           data.draw(st.lists(names, max_size=3)))


def persona_emotion_edit(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    personas, tps = [p.id for p in j.personas()], j.touchpoint_ids()
    if not (personas and tps):
        return None
    value = data.draw(st.dictionaries(st.sampled_from(personas), st.integers(-2, 2), max_size=2))
    return TouchpointFieldCommand(j, data.draw(st.sampled_from(tps)), "persona_emotions", value)


@SETTINGS
@given(data=st.data())
def test_lane_edits_merged_with_an_unchanged_side_give_that_side_exactly(qapp: object, starts: list[Journey],
                                                                          data: st.DataObject) -> None:
    b = data.draw(st.sampled_from([Journey.from_template("blueprint"), *starts]))
    other = edited(data, b, [*OPS, lane_edit, lane_edit, persona_emotion_edit], data.draw(st.integers(1, 15)))
    for result in (merge_journeys(b, b.copy(), other), merge_journeys(b, other, b.copy())):
        assert result.conflicts == ()
        assert dumps_journey(result.journey) == dumps_journey(other)
