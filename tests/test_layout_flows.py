"""Flow arrows: direct curves, detours, loops on their own lanes, labels, and random journeys."""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_layout import build, check_invariants, sample_bezier

from journeymap.layout import compute_layout
from journeymap.model import Journey, normalise_text


def names(max_size: int):
    return st.text(min_size=1, max_size=max_size).filter(lambda t: bool(normalise_text(t)))


def flow(layout, source, target):
    return next(f for f in layout.flows if (f.source, f.target) == (source, target))


def test_forward_flow_between_neighbours_is_a_direct_curve() -> None:
    layout = compute_layout(build({"s": [("a", "A"), ("b", "B", {"row": 1})]}, [("a", "b")]))
    f = flow(layout, "a", "b")
    a, b = layout.cards["a"].rect, layout.cards["b"].rect
    assert f.kind == "forward" and len(f.points) == 4
    assert f.points[0] == (a.right, a.center[1]) and f.points[-1] == (b.x, b.center[1])
    assert f.arrow_angle == pytest.approx(0.0)
    assert a.right <= f.label_anchor[0] <= b.x


def test_forward_flow_over_a_card_takes_a_detour() -> None:
    journey = build({"s": [("a", "A"), ("b", "B"), ("c", "C")]}, [("a", "b"), ("b", "c"), ("a", "c")])
    layout = compute_layout(journey)
    check_invariants(journey, layout)
    f = flow(layout, "a", "c")
    a, b, c = (layout.cards[t].rect for t in "abc")
    assert f.kind == "forward" and len(f.points) > 4
    assert f.points[0][1] == a.bottom and a.x < f.points[0][0] < a.right  # leaves a's bottom edge
    assert f.points[-1] == (c.x, c.center[1])  # and arrives at c's left edge, pointing right
    assert f.arrow_angle == pytest.approx(0.0)
    assert max(y for _, y in sample_bezier(f.points)) > b.bottom  # it went round b


def test_a_loop_runs_below_the_cards_into_the_bottom_of_its_target() -> None:
    journey = build({"s": [("a", "A"), ("b", "B"), ("c", "C")]}, [("a", "b"), ("b", "c"), ("c", "a")])
    layout = compute_layout(journey)
    check_invariants(journey, layout)
    f = flow(layout, "c", "a")
    a, c = layout.cards["a"].rect, layout.cards["c"].rect
    assert f.kind == "backward"
    assert f.points[0][1] == c.bottom and c.x < f.points[0][0] < c.right
    assert f.arrow_tip[1] == a.bottom and a.x < f.arrow_tip[0] < a.right
    assert f.arrow_angle == pytest.approx(-math.pi / 2)
    lowest = max(y for _, y in sample_bezier(f.points))
    body = layout.stages[0].body
    assert a.bottom < lowest <= body.bottom


def test_overlapping_loops_get_their_own_lanes() -> None:
    tps = [(f"t{i}", f"T{i}") for i in range(6)]
    loops = [("t3", "t0"), ("t4", "t1"), ("t5", "t2"), ("t5", "t0")]
    journey = build({"s": tps}, loops)
    layout = compute_layout(journey)
    check_invariants(journey, layout)
    depths = [max(y for _, y in sample_bezier(flow(layout, s, t).points)) for s, t in loops]
    assert len(set(depths)) == len(depths)
    # The longest loop goes outside the shorter ones it spans.
    assert depths[3] == max(depths)


def test_loops_that_do_not_overlap_share_a_lane() -> None:
    journey = build({"s": [(f"t{i}", f"T{i}") for i in range(4)]}, [("t1", "t0"), ("t3", "t2")])
    layout = compute_layout(journey)
    depths = {max(y for _, y in sample_bezier(f.points)) for f in layout.flows}
    assert len(depths) == 1


def test_loop_between_rows_stays_off_the_cards() -> None:
    journey = build(
        {"a": [("x", "X"), ("y", "Y", {"row": 1}), ("z", "Z")],
         "b": [("u", "U", {"row": 2}), ("v", "V")]},
        [("u", "x"), ("v", "y"), ("y", "z"), ("x", "v")],
    )
    layout = compute_layout(journey)
    check_invariants(journey, layout)
    assert {f.kind for f in layout.flows} == {"forward", "backward"}


def test_a_label_between_neighbours_gets_room() -> None:
    journey = build({"s": [("a", "A"), ("b", "B")], "t": [("c", "C")]})
    journey.add_flow("a", "b", "clicks the big orange button")
    journey.add_flow("b", "c", "pays")
    layout = compute_layout(journey)
    check_invariants(journey, layout)
    f = flow(layout, "a", "b")
    assert f.label == f.label_text == "clicks the big orange button"
    a, b = layout.cards["a"].rect, layout.cards["b"].rect
    assert a.right < f.label_rect.x and f.label_rect.right < b.x
    assert flow(layout, "b", "c").label_text == "pays"


def test_an_overlong_label_is_elided() -> None:
    journey = build({"s": [("a", "A"), ("b", "B")]})
    journey.add_flow("a", "b", "a label that goes on and on far beyond what any gap between two cards could hold")
    f = compute_layout(journey).flows[0]
    assert f.label_text.endswith("…") and len(f.label_text) < len(f.label)


@st.composite
def journeys(draw) -> Journey:
    journey = Journey("Random")
    stage_count = draw(st.integers(1, 5))
    for s in range(stage_count):
        journey.add_stage(draw(names(40)), id=f"s{s}")
    ids = []
    for i in range(draw(st.integers(0, 18))):
        tp = journey.add_touchpoint(
            f"s{draw(st.integers(0, stage_count - 1))}", draw(names(120)),
            id=f"t{i}", row=draw(st.sampled_from([0, 0, 0, 1, 2, 5])),
            emotion=draw(st.none() | st.integers(-2, 2)), friction=draw(st.none() | st.integers(0, 4)),
            channel=draw(st.sampled_from([None, "website", "a very long custom channel name indeed"])))
        ids.append(tp.id)
    if len(ids) > 1:
        pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=25))
        for source, target in pairs:
            if source != target and not journey.has_flow(source, target):
                journey.add_flow(source, target, draw(st.sampled_from(["", "retry", "goes on with a long label"])))
    return journey


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_random_journeys_keep_every_rule(journey: Journey) -> None:
    check_invariants(journey, compute_layout(journey))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys(), st.data())
def test_random_order_overrides_keep_every_rule(journey: Journey, data) -> None:
    ids = journey.touchpoint_ids()
    order = {}
    for stage in journey.stage_ids():
        order[stage] = data.draw(st.lists(st.sampled_from(ids), max_size=6)) if ids else []
    layout = compute_layout(journey, order=order)
    check_invariants(journey, layout)


def test_label_room_stays_with_its_card_while_dragging() -> None:
    journey = build({"s": [("a", "A"), ("b", "B"), ("c", "C")]})
    journey.add_flow("a", "b", "clicks the ad")
    journey.add_flow("b", "c")
    still = compute_layout(journey)
    assert still.cards["b"].rect.x - still.cards["a"].rect.right > still.options.card_gap  # widened for the label
    dragged = compute_layout(journey, order={"s": ["b", "a", "c"]})
    # a keeps its wide gap, so c (which did not move) stays where it was.
    assert dragged.cards["c"].rect.x == still.cards["c"].rect.x
