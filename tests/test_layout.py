"""compute_layout: columns, cards, rows, order override, lanes, bounds, speed."""

from pathlib import Path

import pytest

from journeymap.layout import LayoutOptions, Rect, compute_layout
from journeymap.layout.geometry import JourneyLayout
from journeymap.layout.style import CARD_NAME_BOLD, HEADER_BOLD
from journeymap.layout.text import ELLIPSIS, text_width
from journeymap.model import Journey

SAMPLES = sorted((Path(__file__).parent.parent / "sample_journeys").glob("*.yaml"))


def build(spec: dict[str, list[tuple]], flows: list[tuple[str, str]] = ()) -> Journey:
    """A journey from {stage: [(id, name, {fields}), ...]} and (source, target) flows."""
    journey = Journey("Test journey")
    for stage, tps in spec.items():
        journey.add_stage(stage.title(), id=stage)
        for tp_id, name, *fields in tps:
            journey.add_touchpoint(stage, name, id=tp_id, **(fields[0] if fields else {}))
    for source, target in flows:
        journey.add_flow(source, target)
    return journey


def shop() -> Journey:
    return build(
        {
            "aware": [("ad", "Sees an ad", {"emotion": 1, "friction": 0}),
                      ("friend", "Hears from a friend", {"row": 1, "emotion": 2})],
            "consider": [("site", "Visits the website", {"emotion": 0, "friction": 2}),
                         ("reviews", "Reads reviews", {"friction": 1}),
                         ("compare", "Compares prices", {"emotion": -1, "friction": 3, "row": 1})],
            "empty": [],
            "buy": [("cart", "Adds to cart", {"emotion": -2, "friction": 4}),
                    ("pay", "Pays", {"emotion": 1, "evidence": "assumption"})],
        },
        [("ad", "site"), ("friend", "site"), ("site", "reviews"), ("reviews", "cart"),
         ("compare", "site"), ("cart", "site"), ("cart", "pay"), ("pay", "reviews")],
    )


def sample_bezier(points, steps: int = 40):
    """Points along a chain of cubic Bézier segments (3n + 1 points)."""
    out = []
    for i in range(0, len(points) - 1, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for k in range(steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def inside(rect: Rect, x: float, y: float, eps: float = 0.5) -> bool:
    """Strictly inside, a little away from the edges (a flow starts on an edge)."""
    return rect.x + eps < x < rect.right - eps and rect.y + eps < y < rect.bottom - eps


def encloses(outer: Rect, inner: Rect, eps: float = 1e-6) -> bool:
    return (outer.x - eps <= inner.x and outer.y - eps <= inner.y
            and inner.right <= outer.right + eps and inner.bottom <= outer.bottom + eps)


def check_invariants(journey: Journey, layout: JourneyLayout) -> None:
    """What must hold for any journey's layout."""
    o = layout.options
    stages = layout.stages
    assert [s.id for s in stages] == journey.stage_ids()
    for a, b in zip(stages, stages[1:], strict=False):
        assert a.column.right <= b.column.x, "columns overlap or are out of order"
    for s in stages:
        assert encloses(layout.bounds, s.column)
        assert encloses(s.column, s.header) and encloses(s.column, s.body)
        assert s.body.w >= o.card_width + 2 * o.stage_padding - 1e-6
        assert len(s.name_lines) <= 2
        assert all(text_width(line, o.header_font_size, HEADER_BOLD) <= s.header.w for line in s.name_lines)
    cards = layout.cards
    assert set(cards) == set(journey.touchpoint_ids())
    by_stage = {s.id: s for s in stages}
    ordered = sorted(cards.values(), key=lambda c: c.rect.x)
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert a.rect.right <= b.rect.x, f"{a.id} and {b.id} overlap"
    for c in cards.values():
        assert encloses(by_stage[c.stage].body, c.rect), f"{c.id} leaves its stage body"
        assert len(c.name_lines) <= o.max_name_lines
        assert encloses(c.rect, c.name_rect)
        assert len(c.name_lines) * c.name_line_height <= c.name_rect.h + 1e-6
        for line in c.name_lines:
            assert text_width(line, o.name_font_size, CARD_NAME_BOLD) <= c.name_rect.w + 1e-9
        for part in (c.channel_icon, c.friction_badge, c.markers, c.channel_label_rect):
            assert encloses(c.rect, part)
        assert text_width(c.channel_label, o.label_font_size) <= c.channel_label_rect.w + 1e-9
    for f in layout.flows:
        assert (len(f.points) - 1) % 3 == 0 and len(f.points) >= 4
        assert f.arrow_tip == f.points[-1]
        for x, y in sample_bezier(f.points):
            assert encloses(layout.bounds, Rect(x, y, 0, 0))
            for c in cards.values():
                if f.kind == "backward" or c.id not in (f.source, f.target):
                    assert not inside(c.rect, x, y), f"flow {f.source}->{f.target} crosses {c.id}"
        if f.label_text:
            assert text_width(f.label_text, o.label_font_size) <= f.label_rect.w
            for c in cards.values():
                assert not f.label_rect.intersects(c.rect), f"label of {f.source}->{f.target} on {c.id}"
    labelled = [f for f in layout.flows if f.label_text]
    for i, a in enumerate(labelled):
        for b in labelled[i + 1:]:
            assert not a.label_rect.intersects(b.label_rect), f"labels {a.label_text!r} and {b.label_text!r} overlap"
    for lane in (layout.emotion, layout.friction):
        if lane is not None:
            assert encloses(layout.bounds, lane.rect) and encloses(layout.bounds, lane.title)
            assert set(lane.slots) == set(cards)
            assert lane.rect.y >= max((s.body.bottom for s in stages), default=0)


def test_columns_in_stage_order_and_cards_in_step_order() -> None:
    journey = shop()
    layout = compute_layout(journey)
    check_invariants(journey, layout)
    xs = [layout.cards[t].rect.x for t in journey.touchpoint_ids()]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert [(c.stage, c.index) for c in (layout.cards["site"], layout.cards["compare"])] == [
        ("consider", 0), ("consider", 2)]


def test_rows_go_below_the_main_row() -> None:
    layout = compute_layout(shop())
    main, alt = layout.cards["ad"].rect, layout.cards["friend"].rect
    assert alt.y >= main.bottom + layout.options.row_gap
    assert layout.cards["compare"].rect.y == alt.y
    assert layout.rows[0] == main.y and layout.rows[1] == alt.y
    # Every stage body is as tall as the rows the whole journey uses.
    assert len({(s.body.y, s.body.h) for s in layout.stages}) == 1


def test_unused_rows_are_not_drawn() -> None:
    journey = build({"a": [("x", "X"), ("y", "Y", {"row": 7})]})
    layout = compute_layout(journey)
    assert layout.cards["y"].row == 7
    assert layout.cards["y"].rect.y - layout.cards["x"].rect.bottom < 3 * layout.options.row_gap


def test_an_empty_stage_keeps_one_slot() -> None:
    o = LayoutOptions()
    layout = compute_layout(shop(), o)
    empty = next(s for s in layout.stages if s.id == "empty")
    assert empty.column.w == pytest.approx(o.card_width + 2 * o.stage_padding)
    assert [s.id for s in layout.slots[empty.first_slot:empty.first_slot + empty.slot_count]] == [None]


def test_a_journey_without_touchpoints_or_stages() -> None:
    for journey in (Journey("Nothing"), build({"only": []})):
        layout = compute_layout(journey)
        check_invariants(journey, layout)
        assert layout.flows == () and layout.bounds.w > 0


def test_order_override_moves_cards_within_and_across_stages() -> None:
    journey = shop()
    layout = compute_layout(journey, order={"consider": ["reviews", "site"], "buy": ["cart", "compare", "pay"]})
    check_invariants(journey, layout)
    assert layout.cards["reviews"].rect.x < layout.cards["site"].rect.x
    assert (layout.cards["compare"].stage, layout.cards["compare"].index) == ("buy", 1)
    assert layout.cards["cart"].rect.x < layout.cards["compare"].rect.x < layout.cards["pay"].rect.x
    # Unknown ids are ignored; omitted members follow in step order.
    layout = compute_layout(journey, order={"consider": ["nope", "compare"]})
    assert [layout.cards[t].index for t in ("compare", "site", "reviews")] == [0, 1, 2]


def test_long_names_are_ellipsized_past_three_lines() -> None:
    name = "A touchpoint with a remarkably long name that goes on and on well past three lines of card"
    journey = build({"s": [("long", name)]})
    card = compute_layout(journey).cards["long"]
    assert len(card.name_lines) == 3 and card.name_lines[-1].endswith(ELLIPSIS)


def test_evidence_sets_the_outline() -> None:
    journey = build({"s": [(e, e.title(), {"evidence": e}) for e in ("assumption", "anecdotal", "observed", "measured")]
                     + [("none", "None")]})
    cards = compute_layout(journey).cards
    assert [cards[t].outline for t in ("assumption", "anecdotal", "observed", "measured", "none")] == [
        "dashed", "dotted", "solid", "double", "solid"]


def test_emotion_points_sit_on_their_level_and_the_curve_skips_unrated() -> None:
    layout = compute_layout(shop())
    lane = layout.emotion
    assert lane is not None
    assert lane.level_y[2] < lane.level_y[1] < lane.level_y[0] < lane.level_y[-1] < lane.level_y[-2]
    assert [p.id for p in lane.points] == ["ad", "friend", "site", "compare", "cart", "pay"]  # not "reviews"
    for p in lane.points:
        assert p.y == lane.level_y[p.emotion]
        assert p.x == pytest.approx(layout.cards[p.id].rect.center[0])
    assert lane.slots["reviews"] == pytest.approx(layout.cards["reviews"].rect.center[0])
    main = [p for p in lane.points if p.row == 0]  # the main curve: row 0 only ("friend", "compare" branch off)
    assert len(lane.curve) == 3 * (len(main) - 1) + 1
    assert lane.curve[0] == (main[0].x, main[0].y)
    assert lane.curve[-1] == (main[-1].x, main[-1].y)
    for _x, y in sample_bezier(lane.curve, 60):
        assert lane.level_y[2] - 1e-9 <= y <= lane.level_y[-2] + 1e-9
    assert lane.emotion_at(lane.level_y[-1] + 3) == -1


def test_emotion_curve_needs_two_points() -> None:
    layout = compute_layout(build({"s": [("a", "A", {"emotion": 1}), ("b", "B")]}))
    assert layout.emotion is not None and layout.emotion.curve == ()


def test_friction_bars_are_proportional() -> None:
    layout = compute_layout(shop())
    lane = layout.friction
    assert lane is not None
    bars = {b.id: b for b in lane.bars}
    assert set(bars) == {"ad", "site", "reviews", "compare", "cart"}
    unit = bars["reviews"].rect.h
    assert unit > 0 and bars["ad"].rect.h == 0
    for b in bars.values():
        assert b.rect.h == pytest.approx(b.friction * unit)
        assert b.rect.bottom == pytest.approx(lane.level_y[0])
        assert b.rect.y == pytest.approx(lane.level_y[b.friction])
        assert b.rect.center[0] == pytest.approx(layout.cards[b.id].rect.center[0])
        assert encloses(lane.rect, b.rect)
    assert bars["cart"].color != bars["ad"].color


def test_switches_leave_parts_out() -> None:
    journey = shop()
    layout = compute_layout(journey, LayoutOptions(show_emotion=False, show_friction=False, show_flows=False))
    assert layout.emotion is None and layout.friction is None and layout.flows == ()
    assert [lane.key for lane in layout.lanes] == ["pain-points", "opportunities"]
    journey.set_lane_config(())
    layout = compute_layout(journey, LayoutOptions(show_flows=False))
    assert layout.emotion is None and layout.friction is None and layout.lanes == ()
    assert layout.bounds.bottom == pytest.approx(max(s.body.bottom for s in layout.stages) + layout.options.margin)


def test_deterministic() -> None:
    assert compute_layout(shop()) == compute_layout(shop())


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_lay_out_cleanly(path: Path) -> None:
    from journeymap.io import load_journey

    journey = load_journey(path)
    check_invariants(journey, compute_layout(journey))


def big_journey(n: int, stages: int = 20) -> Journey:
    journey = Journey("Big")
    for s in range(stages):
        journey.add_stage(f"Stage {s}", id=f"s{s}")
    ids = []
    for i in range(n):
        tp = journey.add_touchpoint(
            f"s{i * stages // n}", f"Touchpoint number {i} with a name of some length", id=f"t{i}",
            row=i % 3 if i % 7 == 0 else 0, emotion=(i % 5) - 2 if i % 4 else None, friction=i % 5)
        ids.append(tp.id)
    for a, b in zip(ids, ids[1:], strict=False):
        journey.add_flow(a, b)
    for i in range(10, n, 50):
        journey.add_flow(ids[i], ids[i - 8], "retry")
    return journey


def test_five_thousand_touchpoints_lay_out() -> None:
    # how fast is for `make bench` (GUI open, PDF export), not for a test
    layout = compute_layout(big_journey(5000))
    assert len(layout.cards) == 5000
