"""Geometry queries for gestures: what is under a point, where a dragged thing would land.

All take layout coordinates (the scene's, at any zoom) and run in O(log n) on the
sorted slots and stage columns of a `JourneyLayout`.
"""

from __future__ import annotations

from bisect import bisect_right

from journeymap.layout.geometry import JourneyLayout, LaneBox, Rect, SlotBox, StageBox


def _slot_under(layout: JourneyLayout, x: float) -> SlotBox | None:
    """The slot whose left edge is the last at or before `x` (None left of every slot)."""
    i = bisect_right(layout.slots, x, key=lambda s: s.x)
    return layout.slots[i - 1] if i else None


def card_at(layout: JourneyLayout, x: float, y: float) -> str | None:
    """The id of the card under (x, y), or None."""
    slot = _slot_under(layout, x)
    if slot is None or slot.id is None:
        return None
    card = layout.cards.get(slot.id)
    return slot.id if card is not None and card.rect.contains(x, y) else None


def _column_index(layout: JourneyLayout, x: float) -> int:
    """Index of the stage column under `x`, or of the nearest one (-1 when there are no stages)."""
    stages = layout.stages
    if not stages:
        return -1
    i = bisect_right(stages, x, key=lambda s: s.column.x) - 1
    if i < 0:
        return 0
    if x > stages[i].column.right and i + 1 < len(stages):
        # In the gap between two columns: the nearer one.
        return i if x - stages[i].column.right <= stages[i + 1].column.x - x else i + 1
    return i


def stage_at(layout: JourneyLayout, x: float, y: float) -> str | None:
    """The id of the stage column under (x, y) (header, body or lanes), or None."""
    i = _column_index(layout, x)
    if i < 0:
        return None
    stage: StageBox = layout.stages[i]
    return stage.id if stage.column.contains(x, y) else None


def drop_target(layout: JourneyLayout, x: float, y: float, exclude: str | None = None) -> tuple[str, int]:
    """Where a card dropped at (x, y) lands: (stage id, step index to insert at).

    The stage is the column under `x`, or the nearest one; the index counts the cards
    of that stage whose centre lies left of `x`, so dropping on a card's left half
    inserts before it and on its right half after it. `exclude` is the dragged card,
    left out of the count, so the index is the one `Journey.move_touchpoint` takes.
    `y` is accepted for symmetry with the other queries; the landing place depends on x.
    Raises ValueError when the journey has no stages.
    """
    i = _column_index(layout, x)
    if i < 0:
        raise ValueError("a journey without stages has nowhere to drop a card")
    stage = layout.stages[i]
    members = [s for s in layout.slots[stage.first_slot:stage.first_slot + stage.slot_count] if s.id is not None]
    index = bisect_right(members, x, key=lambda s: s.center_x)
    if exclude is not None and any(s.id == exclude for s in members[:index]):
        index -= 1
    return stage.id, index


def stage_insert_index(layout: JourneyLayout, x: float) -> tuple[int, float]:
    """Where a stage dropped at `x` goes: (index to insert at, x of the drop indicator).

    The index counts the columns whose centre lies left of `x`; the indicator sits in
    the middle of the gap between the two neighbouring columns (or just outside the
    first or last column).
    """
    stages = layout.stages
    if not stages:
        return 0, layout.options.margin
    i = bisect_right(stages, x, key=lambda s: s.column.center[0])
    gap = layout.options.stage_gap
    if i == 0:
        return 0, stages[0].column.x - gap / 2
    if i == len(stages):
        return i, stages[-1].column.right + gap / 2
    return i, (stages[i - 1].column.right + stages[i].column.x) / 2


def emotion_slot_at(layout: JourneyLayout, x: float, y: float) -> str | None:
    """The touchpoint whose emotion-lane slot is under (x, y), or None.

    A slot spans its card's width plus half the card gap on either side.
    """
    lane = layout.emotion
    if lane is None or not lane.rect.contains(x, y):
        return None
    half_gap = layout.options.card_gap / 2
    slot = _slot_under(layout, x + half_gap)
    if slot is None or slot.id is None:
        return None
    return slot.id if slot.x - half_gap <= x <= slot.x + slot.w + half_gap else None


def lane_at(layout: JourneyLayout, y: float) -> LaneBox | None:
    """The lane whose row spans `y` (title column or cells), or None (above, below, between lanes)."""
    lanes = layout.lanes
    i = bisect_right(lanes, y, key=lambda lane: lane.rect.y)
    if not i:
        return None
    lane = lanes[i - 1]
    return lane if y <= lane.rect.bottom else None


def lane_title_at(layout: JourneyLayout, x: float, y: float, pinned_dx: float = 0.0) -> str | None:
    """The key of the lane whose title is under (x, y), or None.

    `pinned_dx` is how far the canvas has moved the pinned title column right of its place
    in the layout (its horizontal scroll); the titles are tested where they are shown.
    """
    lane = lane_at(layout, y)
    if lane is None:
        return None
    t = lane.title
    return lane.key if t.x + pinned_dx <= x <= t.right + pinned_dx else None


def lane_cell_at(layout: JourneyLayout, x: float, y: float) -> tuple[str, str] | None:
    """(lane key, touchpoint id) of the lane cell under (x, y), or None.

    A cell is its touchpoint's column (the card's width) across the lane's height, whether
    it holds anything or not; the cell's record, when it does, is `lane.cells[tp_id]`.
    """
    lane = lane_at(layout, y)
    if lane is None or not lane.rect.contains(x, y):
        return None
    slot = _slot_under(layout, x)
    if slot is None or slot.id is None or x > slot.x + slot.w:
        return None
    return lane.key, slot.id


def cell_rect(layout: JourneyLayout, lane: LaneBox, tp_id: str) -> Rect:
    """The rectangle of `tp_id`'s cell in `lane`, empty or not (for an editor placed over it)."""
    cell = lane.cells.get(tp_id)
    if cell is not None:
        return cell.rect
    card = layout.cards[tp_id]
    return Rect(card.rect.x, lane.rect.y, card.rect.w, lane.rect.h)
