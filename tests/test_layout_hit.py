"""Hit tests: what lies under a point and where a dragged card or stage would land."""

import pytest

from journeymap.layout import card_at, compute_layout, drop_target, emotion_slot_at, stage_at, stage_insert_index
from journeymap.model import Journey


def journey() -> Journey:
    j = Journey("Hits")
    for stage in ("aware", "empty", "buy"):
        j.add_stage(stage.title(), id=stage)
    for tp_id in ("a1", "a2", "a3"):
        j.add_touchpoint("aware", tp_id.upper(), id=tp_id, emotion=0)
    j.add_touchpoint("buy", "B1", id="b1", row=1)
    j.add_touchpoint("buy", "B2", id="b2", emotion=2)
    return j


@pytest.fixture
def layout():
    return compute_layout(journey())


def test_card_at_the_centre_of_each_card(layout) -> None:
    for card in layout.cards.values():
        assert card_at(layout, *card.rect.center) == card.id
        assert card_at(layout, card.rect.x + 1, card.rect.y + 1) == card.id
    a1 = layout.cards["a1"].rect
    assert card_at(layout, a1.right + 2, a1.center[1]) is None  # the gap between cards
    assert card_at(layout, a1.center[0], a1.y - 2) is None
    assert card_at(layout, -100, -100) is None
    b1 = layout.cards["b1"].rect  # alternative row: nothing above it in its slot
    assert card_at(layout, b1.center[0], layout.cards["b2"].rect.center[1]) is None


def test_stage_at(layout) -> None:
    for stage in layout.stages:
        assert stage_at(layout, *stage.header.center) == stage.id
        assert stage_at(layout, *stage.body.center) == stage.id
        assert stage_at(layout, stage.column.center[0], stage.column.bottom - 1) == stage.id
    assert stage_at(layout, 1, 1) is None
    assert stage_at(layout, layout.bounds.right + 50, 100) is None


def test_drop_target_by_card_halves(layout) -> None:
    for card in layout.cards.values():
        cy = card.rect.center[1]
        assert drop_target(layout, card.rect.x + card.rect.w * 0.25, cy) == (card.stage, card.index)
        assert drop_target(layout, card.rect.x + card.rect.w * 0.75, cy) == (card.stage, card.index + 1)


def test_drop_target_leaves_out_the_dragged_card(layout) -> None:
    a3 = layout.cards["a3"].rect
    # Dragging a1 to the right half of a3: after a3, which is index 2 once a1 is gone.
    assert drop_target(layout, a3.x + a3.w * 0.75, a3.center[1], exclude="a1") == ("aware", 2)
    assert drop_target(layout, a3.x + a3.w * 0.75, a3.center[1], exclude="a3") == ("aware", 2)
    assert drop_target(layout, a3.x + a3.w * 0.25, a3.center[1], exclude="a3") == ("aware", 2)


def test_drop_target_in_an_empty_stage_and_clamped(layout) -> None:
    empty = next(s for s in layout.stages if s.id == "empty")
    assert drop_target(layout, *empty.body.center) == ("empty", 0)
    assert drop_target(layout, -500, 10) == ("aware", 0)
    assert drop_target(layout, layout.bounds.right + 500, 10) == ("buy", 2)
    # In the gap between two columns: the nearer one.
    aware, nxt = layout.stages[0].column, layout.stages[1].column
    assert drop_target(layout, aware.right + 0.1, 200)[0] == "aware"
    assert drop_target(layout, nxt.x - 0.1, 200)[0] == "empty"


def test_drop_target_without_stages() -> None:
    with pytest.raises(ValueError):
        drop_target(compute_layout(Journey("None")), 0, 0)


def test_stage_insert_index(layout) -> None:
    cols = [s.column for s in layout.stages]
    assert stage_insert_index(layout, cols[0].x) == (0, pytest.approx(cols[0].x - layout.options.stage_gap / 2))
    index, x = stage_insert_index(layout, cols[1].x + 5)
    assert index == 1 and cols[0].right <= x <= cols[1].x
    index, x = stage_insert_index(layout, cols[1].right - 5)
    assert index == 2 and cols[1].right <= x <= cols[2].x
    index, x = stage_insert_index(layout, 1e9)
    assert index == 3 and x >= cols[2].right
    assert stage_insert_index(compute_layout(Journey("None")), 40)[0] == 0


def test_emotion_slot_at(layout) -> None:
    lane = layout.emotion
    y = lane.level_y[0]
    for tp_id, x in lane.slots.items():
        assert emotion_slot_at(layout, x, y) == tp_id
        assert emotion_slot_at(layout, x, lane.level_y[-2]) == tp_id
    assert emotion_slot_at(layout, lane.slots["b1"], layout.cards["b1"].rect.center[1]) is None  # not in the lane
    empty = next(s for s in layout.stages if s.id == "empty")
    assert emotion_slot_at(layout, empty.column.center[0], y) is None
    a1 = layout.cards["a1"].rect
    assert emotion_slot_at(layout, a1.right + 1, y) == "a1"  # half the card gap belongs to the slot
    assert emotion_slot_at(layout, a1.right + layout.options.card_gap - 1, y) == "a2"
