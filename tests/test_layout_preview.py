"""DragPreview: live drag layouts derived from the journey's own layout match compute_layout
for every card, slot, stage column and lane point; patch_curve matches monotone_curve."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_layout import build, shop

from journeymap.layout import compute_layout
from journeymap.layout._lanes import monotone_curve
from journeymap.layout.geometry import EmotionPoint, JourneyLayout
from journeymap.layout.preview import DragPreview
from journeymap.layout.shift import patch_curve
from journeymap.model import Journey, make_lane

EPS = 1e-6


def labelled() -> Journey:
    """Three stages with labelled flows to neighbours (wider gaps), two rows and an empty stage."""
    spec = {
        "one": [(f"a{i}", f"Card a{i}", {"emotion": i % 5 - 2, "friction": i % 5, "row": int(i == 2)})
                for i in range(5)],
        "two": [(f"b{i}", f"Card b{i}", {"emotion": (i * 3) % 5 - 2} if i % 3 else {}) for i in range(4)],
        "empty": [],
        "three": [(f"c{i}", f"Card c{i}", {"friction": i % 5}) for i in range(3)],
    }
    journey = build(spec)
    ids = journey.touchpoint_ids()
    for k, (s, t) in enumerate(zip(ids, ids[1:], strict=False)):
        journey.add_flow(s, t, "a rather long label" if k % 3 == 0 else "")
    journey.add_flow("b3", "a1", "back")
    return journey


def noted() -> Journey:
    """`labelled` as a service blueprint: notes in text lanes, pain points, a metric lane."""
    journey = labelled()
    journey.set_lane_config((
        make_lane(id="doing", name="Doing"), make_lane("emotion"), make_lane("pain-points"),
        make_lane("metric", metric="csat"), make_lane(id="staff", name="Staff", section="frontstage")))
    for k, tp_id in enumerate(journey.touchpoint_ids()):
        if k % 2:
            journey.set_notes(tp_id, "doing", [f"Does thing {k}", "and another"])
        if k % 3 == 0:
            journey.set_notes(tp_id, "staff", [f"Staff step {k}"])
            journey.update_touchpoint(tp_id, pain_points=[f"Pain {k}"], metrics={"csat": 1 + k % 5})
    return journey


def lonely() -> Journey:
    """Stages of one card and none, so a drag empties a stage and fills another."""
    journey = build({"a": [("x", "X", {"emotion": 1})], "b": [], "c": [("y", "Y", {"emotion": -1}), ("z", "Z")],
                     "d": [("w", "W", {"friction": 2})]})
    for source, target in (("x", "y"), ("y", "z"), ("z", "w"), ("w", "x")):
        journey.add_flow(source, target, "label" if source == "y" else "")
    return journey


def close(a: float, b: float) -> bool:
    return abs(a - b) < EPS


def assert_same_places(got: JourneyLayout, want: JourneyLayout) -> None:
    """Cards, slots, stage columns, bounds and lane points as compute_layout places them
    (heights too, unless the flows there needed more room in a row's channel: the preview
    keeps the rows of the journey's own layout)."""
    same_rows = got.rows == want.rows and got.bounds.h == want.bounds.h
    assert got.cards.keys() == want.cards.keys()
    for tp_id, card in want.cards.items():
        mine = got.cards[tp_id]
        assert (mine.stage, mine.index, mine.row, mine.name_lines) == (
            card.stage,
            card.index,
            card.row,
            card.name_lines,
        )
        for field in ("rect", "channel_icon", "friction_badge", "markers", "name_rect", "channel_label_rect"):
            a, b = getattr(mine, field), getattr(card, field)
            assert close(a.x, b.x) and (a.w, a.h) == (b.w, b.h), (tp_id, field)
            assert a.y == b.y or not same_rows, (tp_id, field)
    assert [(s.stage, s.index, s.id) for s in got.slots] == [(s.stage, s.index, s.id) for s in want.slots]
    assert all(close(a.x, b.x) for a, b in zip(got.slots, want.slots, strict=False))
    for a, b in zip(got.stages, want.stages, strict=True):
        assert (a.id, a.name_lines, a.first_slot, a.slot_count) == (b.id, b.name_lines, b.first_slot, b.slot_count)
        assert close(a.column.x, b.column.x) and close(a.column.w, b.column.w) and a.body.y == b.body.y
    assert close(got.bounds.w, want.bounds.w)
    if want.emotion is not None and same_rows:
        assert got.emotion is not None
        assert [p.id for p in got.emotion.points] == [p.id for p in want.emotion.points]
        assert all(
            close(p.x, q.x) and p.y == q.y for p, q in zip(got.emotion.points, want.emotion.points, strict=False)
        )
        assert len(got.emotion.curve) == len(want.emotion.curve)
        assert all(
            close(p[0], q[0]) and close(p[1], q[1]) for p, q in zip(got.emotion.curve, want.emotion.curve, strict=False)
        )
        assert {k: round(v, 6) for k, v in got.emotion.slots.items()} == \
            {k: round(v, 6) for k, v in want.emotion.slots.items()}
        assert {(b.source, b.target): [(round(x, 6), y) for x, y in b.points] for b in got.emotion.branches} == \
            {(b.source, b.target): [(round(x, 6), y) for x, y in b.points] for b in want.emotion.branches}
    if want.friction is not None:
        assert got.friction is not None
        assert [(b.id, round(b.rect.x, 6)) for b in got.friction.bars] == \
            [(b.id, round(b.rect.x, 6)) for b in want.friction.bars]
    assert [(lane.key, lane.rect.h) for lane in got.lanes] == [(lane.key, lane.rect.h) for lane in want.lanes]
    assert [lane.rect.y for lane in got.lanes] == [lane.rect.y for lane in want.lanes] or not same_rows
    for mine, theirs in zip(got.lanes, want.lanes, strict=False):
        assert close(mine.rect.x, theirs.rect.x) and close(mine.rect.w, theirs.rect.w)
        assert mine.cells.keys() == theirs.cells.keys()
        for tp_id, cell in theirs.cells.items():
            assert close(mine.cells[tp_id].rect.x, cell.rect.x) and mine.cells[tp_id].lines == cell.lines
    assert [(r.label, round(r.x1, 6)) for r in got.rules] == [(r.label, round(r.x1, 6)) for r in want.rules]


def order_with(journey: Journey, tp_id: str, stage: str, index: int) -> dict[str, list[str]]:
    order = {s: [t for t in journey.touchpoint_ids(s) if t != tp_id] for s in journey.stage_ids()}
    order[stage].insert(index, tp_id)
    return order


@pytest.mark.parametrize("make", [shop, labelled, lonely, noted])
def test_every_slot_in_turn_matches_the_engine(make) -> None:
    journey = make()
    base = compute_layout(journey)
    for tp_id in journey.touchpoint_ids():
        preview = DragPreview(journey, base, tp_id)
        for stage in journey.stage_ids():  # as a drag goes: one slot after the other
            room = len([t for t in journey.touchpoint_ids(stage) if t != tp_id])
            for index in range(room + 1):
                got = preview.layout_for(stage, index).layout
                assert_same_places(got, compute_layout(journey, order=order_with(journey, tp_id, stage, index)))


def test_jumps_and_the_way_back_match_the_engine() -> None:
    journey = labelled()
    base = compute_layout(journey)
    rng = random.Random(4)
    for tp_id in ("a0", "b2", "c2"):
        preview = DragPreview(journey, base, tp_id)
        for _ in range(30):
            stage = rng.choice(journey.stage_ids())
            index = rng.randint(0, len([t for t in journey.touchpoint_ids(stage) if t != tp_id]))
            got = preview.layout_for(stage, index).layout
            assert_same_places(got, compute_layout(journey, order=order_with(journey, tp_id, stage, index)))
        back = preview.layout_for(*journey.touchpoint_position(tp_id))
        assert_same_places(back.layout, base)


def test_only_what_moved_is_reported() -> None:
    journey = labelled()
    base = compute_layout(journey)
    preview = DragPreview(journey, base, "a0")
    assert not preview.layout_for("one", 0).cards - {"a0"}
    step = preview.layout_for("one", 1)
    assert step.cards == {"a0", "a1"}  # the neighbour made room, nothing else moved
    assert set(step.flows) == {k for k in step.flows if "a0" in k or "a1" in k}
    assert step.layout.cards["a4"] is base.cards["a4"]
    for key, (before, dx) in step.shifted.items():
        path = step.flows[key]
        assert all(close(p[0], q[0] + dx) and p[1] == q[1] for p, q in zip(path.points, before.points, strict=False))


def test_flows_follow_their_cards() -> None:
    journey = labelled()
    base = compute_layout(journey)
    got = DragPreview(journey, base, "b1").layout_for("three", 1).layout
    for flow in got.flows:
        source, target = got.cards[flow.source].rect, got.cards[flow.target].rect
        assert source.x - EPS <= flow.points[0][0] <= source.right + EPS
        assert target.x - EPS <= flow.arrow_tip[0] <= target.right + EPS


def points(xs: list[float], ys: list[float], names: list[str]) -> tuple[EmotionPoint, ...]:
    return tuple(EmotionPoint(n, x, y, 0) for n, x, y in zip(names, xs, ys, strict=False))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([10.0, 20.0, 30.0, 40.0, 50.0]), min_size=0, max_size=24),
       st.data())
def test_patch_curve_matches_monotone_curve(ys: list[float], data: st.DataObject) -> None:
    n = len(ys)
    names = [f"p{i}" for i in range(n)]
    old = points([40.0 * i for i in range(n)], ys, names)
    curve = monotone_curve([(p.x, p.y) for p in old])
    new = list(old)
    if n:
        i, j = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
        new.insert(j, new.pop(i))  # a point moved to another place in the order...
        start = data.draw(st.integers(0, n))
        dx = data.draw(st.sampled_from([0.0, 7.5, 13.25]))
        xs = [40.0 * k + (dx if k >= start else 0.0) for k in range(n)]  # ...and a tail shifted
        new = [p if p.x == x else EmotionPoint(p.id, x, p.y, 0) for p, x in zip(new, xs, strict=False)]
    want = monotone_curve([(p.x, p.y) for p in new])
    got = patch_curve(old, curve, tuple(new))
    assert len(got) == len(want)
    assert all(close(a[0], b[0]) and close(a[1], b[1]) for a, b in zip(got, want, strict=False))
