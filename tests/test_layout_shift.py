"""Copies of layout records for live drags (shift.py) equal what the dataclasses make, and a
drag past a stage boundary reports the cards whose step alone changed apart from those that moved."""

from __future__ import annotations

from dataclasses import replace

from test_layout_preview import labelled

from journeymap.layout import compute_layout
from journeymap.layout.geometry import CardBox, FlowPath, Rect
from journeymap.layout.preview import DragPreview
from journeymap.layout.shift import move_card, shift_flow, shift_rect, with_fields


def test_with_fields_is_replace() -> None:
    rect = Rect(1.0, 2.0, 3.0, 4.0)
    box = CardBox("a", "s", 0, 0, rect, ("A",), rect, "", rect, rect, "solid")
    copy = with_fields(box, index=3, stage="t")
    assert copy == replace(box, index=3, stage="t") and hash(copy) == hash(replace(box, index=3, stage="t"))
    assert type(copy) is CardBox and box.index == 0  # the original is left alone
    assert shift_rect(rect, 2.5) == Rect(3.5, 2.0, 3.0, 4.0)


def test_moved_records_match_their_constructors() -> None:
    r = Rect(10.0, 5.0, 100.0, 50.0)
    box = CardBox("a", "s", 0, 1, r, ("A",), Rect(12.0, 7.0, 9.0, 9.0), "Email", Rect(80.0, 7.0, 20.0, 9.0),
                  Rect(12.0, 40.0, 60.0, 9.0), "dashed", Rect(12.0, 20.0, 80.0, 20.0), 12.0, Rect(24.0, 7.0, 40.0, 9.0))
    moved = move_card(box, 30.0, "t", 2)
    assert moved == CardBox("a", "t", 2, 1, Rect(30.0, 5.0, 100.0, 50.0), ("A",), Rect(32.0, 7.0, 9.0, 9.0), "Email",
                            Rect(100.0, 7.0, 20.0, 9.0), Rect(32.0, 40.0, 60.0, 9.0), "dashed",
                            Rect(32.0, 20.0, 80.0, 20.0), 12.0, Rect(44.0, 7.0, 40.0, 9.0))
    flow = FlowPath("a", "b", "forward", ((0.0, 1.0), (2.0, 3.0)), "go", (1.0, 2.0), (2.0, 3.0), 0.5, "go",
                    Rect(0.0, 0.0, 4.0, 2.0))
    assert shift_flow(flow, 10.0) == FlowPath("a", "b", "forward", ((10.0, 1.0), (12.0, 3.0)), "go", (11.0, 2.0),
                                              (12.0, 3.0), 0.5, "go", Rect(10.0, 0.0, 4.0, 2.0))


def test_a_stage_boundary_resteps_the_cards_it_does_not_move() -> None:
    journey = labelled()
    base = compute_layout(journey)
    preview = DragPreview(journey, base, "a0").layout_for("two", 0)
    moved, restepped = preview.cards, preview.restepped
    assert restepped and not moved & restepped
    for tp_id in restepped:
        before, after = base.cards[tp_id], preview.layout.cards[tp_id]
        assert after.rect == before.rect and (after.stage, after.index) != (before.stage, before.index)
    for tp_id in moved:
        assert preview.layout.cards[tp_id].rect.x != base.cards[tp_id].rect.x
