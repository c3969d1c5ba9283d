"""Lanes in the layout: order and sections, cells in their columns without overlaps, the cap,
blueprint rules, metric bars, hit tests, and the emotion curve that follows the journey."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from test_layout import SAMPLES, build, shop

from journeymap.io import load_journey
from journeymap.layout import LayoutOptions, Rect, compute_layout, lane_at, lane_cell_at, lane_title_at
from journeymap.layout.geometry import JourneyLayout
from journeymap.layout.hit import cell_rect
from journeymap.layout.text import text_width
from journeymap.model import BLUEPRINT_LINES, SECTIONS, Journey, make_lane

SAMPLE_DIR = Path(__file__).parent.parent / "sample_journeys"


def encloses(outer: Rect, inner: Rect, eps: float = 1e-6) -> bool:
    return (outer.x - eps <= inner.x and outer.y - eps <= inner.y
            and inner.right <= outer.right + eps and inner.bottom <= outer.bottom + eps)


def blueprint() -> Journey:
    """The blueprint template with notes in every text lane, pain points and a metric lane."""
    journey = Journey.from_template("blueprint")
    lanes = list(journey.lanes())
    lanes.insert(4, make_lane("metric", metric="drop_off"))
    journey.set_lane_config(tuple(lanes))
    stages = journey.stage_ids()
    for k in range(9):
        tp = journey.add_touchpoint(stages[k % len(stages)], f"Step {k}", emotion=k % 5 - 2, row=int(k == 4))
        for lane_id in journey.text_lane_ids():
            notes = [f"{lane_id} note {k}.{n} with several words to wrap inside the column" for n in range(k % 3 + 1)]
            journey.set_notes(tp.id, lane_id, notes)
        journey.update_touchpoint(tp.id, pain_points=[f"Pain {k}"] * (k % 2), metrics={"drop_off": k / 10})
    return journey


def check_lanes(journey: Journey, layout: JourneyLayout) -> None:
    """What holds for the lanes of any layout."""
    o = layout.options
    lanes = layout.lanes
    for a, b in pairwise(lanes):
        assert a.rect.bottom <= b.rect.y, f"lanes {a.key} and {b.key} overlap"
    assert [SECTIONS.index(lane.section) for lane in lanes] == sorted(SECTIONS.index(lane.section) for lane in lanes)
    for lane in lanes:
        assert lane.title.right <= lane.rect.x and lane.title.y == lane.rect.y and lane.title.h == lane.rect.h
        assert encloses(layout.bounds, lane.band)
        for tp_id, cell in lane.cells.items():
            card = layout.cards[tp_id].rect
            assert cell.rect.x == card.x and cell.rect.w == card.w, "a cell stays in its touchpoint's column"
            assert encloses(lane.rect, cell.rect)
            box = cell.text_rect
            assert len(cell.lines) == len(cell.indents)
            assert len(cell.lines) * lane.line_height <= box.h + 1e-6, f"{lane.key}/{tp_id} overflows its cell"
            for line, indent in zip(cell.lines, cell.indents, strict=False):
                assert indent + text_width(line, o.lane_font_size) <= box.w + 1e-6, line
    every = sorted((cell.rect for lane in lanes for cell in lane.cells.values()), key=lambda r: (r.y, r.x))
    for i, a in enumerate(every):
        for b in every[i + 1:i + 40]:
            assert not a.intersects(b), "two cells overlap"
    stages_bottom = max((s.column.bottom for s in layout.stages), default=0.0)
    assert all(lane.rect.bottom <= stages_bottom + 1e-6 for lane in lanes), "the stage columns run under the lanes"


def test_default_lanes_show_pain_points_and_opportunities_as_text() -> None:
    journey = load_journey(SAMPLE_DIR / "online-retail.yaml")
    layout = compute_layout(journey)
    assert [lane.key for lane in layout.lanes] == ["emotion", "friction", "pain-points", "opportunities"]
    assert layout.lane("emotion").rect == layout.emotion.rect and layout.lane("friction").rect == layout.friction.rect
    pains = layout.lane("pain-points")
    for tp in journey.touchpoints():
        if tp.pain_points:
            cell = pains.cells[tp.id]
            assert cell.notes == tp.pain_points and cell.more == 0
            assert cell.lines[0].startswith("• ")
            assert " ".join(cell.lines).replace("• ", "").split() == " ".join(tp.pain_points).split()
        else:
            assert tp.id not in pains.cells
    check_lanes(journey, layout)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_lanes_are_clean(path: Path) -> None:
    journey = load_journey(path)
    check_lanes(journey, compute_layout(journey))


def test_lanes_follow_the_lane_order_grouped_by_section() -> None:
    journey = blueprint()
    layout = compute_layout(journey)
    check_lanes(journey, layout)
    keys = [lane.key for lane in layout.lanes]
    assert keys == ["doing", "thinking", "feeling", "emotion", "metric:drop_off", "pain-points", "opportunities",
                    "frontstage", "backstage", "support-processes"]
    assert [lane.index for lane in layout.lanes] == [journey.lane_index(k) for k in keys]
    # A frontstage lane listed first is still drawn below the customer's lanes.
    journey.move_lane("frontstage", 0)
    layout = compute_layout(journey)
    assert [lane.key for lane in layout.lanes] == keys
    assert layout.lane("frontstage").index == 0


def test_blueprint_rules_sit_between_their_sections() -> None:
    layout = compute_layout(blueprint())
    assert [(r.section, r.label) for r in layout.rules] == list(BLUEPRINT_LINES.items())
    for rule in layout.rules:
        above = [lane for lane in layout.lanes if lane.rect.bottom <= rule.y]
        below = [lane for lane in layout.lanes if lane.rect.y >= rule.y]
        assert len(above) + len(below) == len(layout.lanes)
        k = SECTIONS.index(rule.section)
        assert above[-1].section == SECTIONS[k - 1] and below[0].section == rule.section
        assert above[-1].rect.bottom <= rule.label_rect.y and rule.label_rect.bottom <= rule.y
        assert " ".join(rule.label_lines) == rule.label and rule.label_rect.right <= layout.lanes[0].title.right
        assert rule.label_rect.h == pytest.approx(len(rule.label_lines) * layout.lanes[0].line_height)
        assert rule.x0 == layout.lanes[0].title.x and rule.x1 == layout.lanes[0].rect.right


def test_a_blueprint_rule_needs_lanes_on_both_sides() -> None:
    journey = blueprint()
    journey.remove_lane("frontstage")
    layout = compute_layout(journey)
    assert [r.label for r in layout.rules] == ["Line of internal interaction"]  # no frontstage: no line touches it
    journey.remove_lane("support-processes")
    assert compute_layout(journey).rules == ()
    assert compute_layout(shop()).rules == ()


def test_a_full_cell_is_capped_with_more() -> None:
    journey = build({"s": [("a", "A"), ("b", "B")]})
    journey.set_lane_config((make_lane(id="doing", name="Doing"),))
    journey.set_notes("a", "doing", [f"Note number {n} that is long enough to take two lines here" for n in range(9)])
    journey.set_notes("b", "doing", ["Short"])
    o = LayoutOptions(lane_max_lines=6)
    layout = compute_layout(journey, o)
    lane = layout.lane("doing")
    cell = lane.cells["a"]
    assert len(cell.lines) <= 6 and cell.lines[-1] == f"+ {cell.more} more" and cell.more > 0
    assert len(cell.notes) == 9 and sum(line.startswith("• ") for line in cell.lines) == 9 - cell.more
    assert lane.rect.h == pytest.approx(len(cell.lines) * lane.line_height + 10)
    check_lanes(journey, layout)
    journey.set_notes("a", "doing", ["One very long note " * 30])
    cell = compute_layout(journey, o).lane("doing").cells["a"]
    assert len(cell.lines) == 6 and cell.lines[-1].endswith("…") and cell.more == 0


def test_empty_lane_still_has_room_and_its_title_fits() -> None:
    journey = build({"s": [("a", "A")]})
    journey.set_lane_config((make_lane(id="support", name="Support processes and the systems behind them",
                                       section="support"),))
    lane = compute_layout(journey).lane("support")
    assert lane.cells == {}
    assert len(lane.title_lines) <= 3 and lane.rect.h >= len(lane.title_lines) * lane.line_height
    assert all(text_width(t, 8.5, True) <= lane.title.w for t in lane.title_lines)


def test_metric_lane_has_value_and_bar() -> None:
    layout = compute_layout(blueprint())
    lane = layout.lane("metric:drop_off")
    assert lane.name == "Drop-off"
    cells = lane.cells
    assert cells["step-0"].lines == ("0 %",) and cells["step-0"].bar.w == 0
    five = cells["step-5"]
    assert five.lines == ("50 %",) and five.value == 0.5
    assert five.bar.w == pytest.approx(five.bar_track.w / 2) and encloses(five.text_rect, five.bar_track)


def test_hidden_built_ins_leave_the_others_in_place() -> None:
    journey = blueprint()
    layout = compute_layout(journey, LayoutOptions(show_emotion=False))
    assert layout.emotion is None and "emotion" not in [lane.key for lane in layout.lanes]
    assert len(layout.lanes) == len(journey.lanes()) - 1
    check_lanes(journey, layout)


def test_hit_tests_find_lane_titles_and_cells() -> None:
    layout = compute_layout(blueprint())
    lane = layout.lane("thinking")
    x, y = lane.title.center
    assert lane_at(layout, y) is lane
    assert lane_title_at(layout, x, y) == "thinking"
    assert lane_title_at(layout, x + 500, y, pinned_dx=500) == "thinking"
    assert lane_title_at(layout, x + 500, y) is None
    card = layout.cards["step-2"].rect
    assert lane_cell_at(layout, card.center[0], y) == ("thinking", "step-2")
    assert lane_cell_at(layout, card.right + 2, y) is None  # the gap between columns
    gap_y = (layout.lanes[0].rect.bottom + layout.lanes[1].rect.y) / 2
    assert lane_at(layout, gap_y) is None and lane_cell_at(layout, card.center[0], gap_y) is None
    assert cell_rect(layout, lane, "step-2") == lane.cells["step-2"].rect
    empty = layout.lane("pain-points")
    assert "step-0" not in empty.cells
    assert cell_rect(layout, empty, "step-0") == Rect(layout.cards["step-0"].rect.x, empty.rect.y, card.w,
                                                      empty.rect.h)


def _curve_anchors(curve: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
    return [curve[i] for i in range(0, len(curve), 3)]


def test_emotion_curve_follows_the_main_path_and_branches_the_rest() -> None:
    journey = load_journey(SAMPLE_DIR / "online-retail.yaml")
    lane = compute_layout(journey).emotion
    points = {p.id: p for p in lane.points}
    main = [p for p in lane.points if journey.touchpoint(p.id).row == 0]
    assert _curve_anchors(lane.curve) == [(p.x, p.y) for p in main]
    assert journey.touchpoint("social-ad").row == 1 and points["social-ad"].row == 1
    joins = {(b.source, b.target) for b in lane.branches}
    # "Sees a search ad" and "Sees a retargeting ad" are two customers' starts: never joined.
    assert not {("search-ad", "social-ad"), ("social-ad", "search-ad")} & joins
    assert ("social-ad", "landing-page") in joins
    assert {("reviews", "size-guide"), ("size-guide", "fit-chat"), ("fit-chat", "add-to-basket")} <= joins
    for b in lane.branches:
        assert journey.touchpoint(b.source).row or journey.touchpoint(b.target).row
        assert journey.has_flow(b.source, b.target)
        assert b.points[0] == (points[b.source].x, points[b.source].y)
        assert b.points[-1] == (points[b.target].x, points[b.target].y)


def test_branch_looks_through_unrated_touchpoints() -> None:
    journey = build({"s": [("a", "A", {"emotion": 1}), ("x", "X", {"row": 1}), ("y", "Y", {"row": 1, "emotion": -2}),
                           ("b", "B", {"emotion": 0})]},
                    [("a", "x"), ("x", "y"), ("y", "b"), ("a", "b")])
    lane = compute_layout(journey).emotion
    assert {(b.source, b.target) for b in lane.branches} == {("a", "y"), ("y", "b")}
    assert len(_curve_anchors(lane.curve)) == 2  # a and b
