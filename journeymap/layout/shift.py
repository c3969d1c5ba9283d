"""Moving laid-out shapes sideways without laying them out again (live drags).

Pure geometry on the records of `journeymap.layout.geometry`: a card or a flow moved
by dx, and the emotion curve through points of which only a few changed.

A drag past a stage boundary may move every card and flow after it, thousands of
records per mouse move, so the records here are copied without the generated
`__init__` of the frozen dataclasses (which sets each field through
`object.__setattr__` and costs about twice as much): `with_fields` copies the
instance dictionary and sets the few fields that change.
"""

from __future__ import annotations

from typing import Any, TypeVar

from journeymap.layout._lanes import monotone_curve
from journeymap.layout.geometry import CardBox, EmotionPoint, FlowPath, Point, Rect

R = TypeVar("R")
_new = object.__new__


def with_fields(record: R, **changes: Any) -> R:
    """A copy of the frozen dataclass `record` with `changes` (like `dataclasses.replace`,
    for records without `__post_init__` or slots, at a fraction of its cost)."""
    copy = _new(type(record))
    fields = copy.__dict__
    fields.update(record.__dict__)
    fields.update(changes)
    return copy


def shift_rect(rect: Rect, dx: float) -> Rect:
    """`rect` moved `dx` to the right."""
    moved = _new(Rect)
    moved.__dict__.update(x=rect.x + dx, y=rect.y, w=rect.w, h=rect.h)
    return moved


def move_card(box: CardBox, x: float, stage: str, index: int) -> CardBox:
    """`box` with its card at `x`, now step `index` of `stage` (what it shows is unchanged)."""
    dx = x - box.rect.x
    return with_fields(box, stage=stage, index=index, rect=shift_rect(box.rect, dx),
                       channel_icon=shift_rect(box.channel_icon, dx), friction_badge=shift_rect(box.friction_badge, dx),
                       markers=shift_rect(box.markers, dx), name_rect=shift_rect(box.name_rect, dx),
                       channel_label_rect=shift_rect(box.channel_label_rect, dx))


def shift_flow(flow: FlowPath, dx: float) -> FlowPath:
    """`flow` moved `dx` to the right."""
    return with_fields(
        flow,
        points=tuple([(x + dx, y) for x, y in flow.points]),
        label_anchor=(flow.label_anchor[0] + dx, flow.label_anchor[1]),
        arrow_tip=(flow.arrow_tip[0] + dx, flow.arrow_tip[1]),
        label_rect=shift_rect(flow.label_rect, dx),
    )


def patch_curve(old: tuple[EmotionPoint, ...], curve: tuple[Point, ...], new: tuple[EmotionPoint, ...],
                same_before: int = 0, same_after: int = 0) -> tuple[Point, ...]:
    """`monotone_curve` through `new`, reusing `curve` (through `old`) where it still holds.

    A segment of a monotone curve depends only on the two points it joins and their
    neighbours, and moves with them when they all move alike: only the segments near
    the points that changed are computed again; a tail shifted sideways is translated.
    `same_before` and `same_after` say that the first and the last so many points are the
    old ones (saves looking).
    """
    n, n_old = len(new), len(old)
    if n < 4 or n_old < 4 or not curve:
        return monotone_curve([(p.x, p.y) for p in new])
    limit = min(n, n_old)
    a = min(same_before, limit)
    while a < limit and old[a] is new[a]:
        a += 1
    if a == n == n_old:
        return curve
    b, dx = min(same_after, limit - a), 0.0
    while b < limit - a:
        p, q = old[n_old - 1 - b], new[n - 1 - b]
        if p is not q and (p.id != q.id or p.y != q.y):
            break
        d = q.x - p.x
        if b == 0:
            dx = d
        elif abs(d - dx) > 1e-9:
            break
        b += 1
    lo, hi = max(0, a - 2), min(n - 2, n - b)  # the segments to compute again
    if hi < lo:
        return monotone_curve([(p.x, p.y) for p in new])
    wlo, whi = max(0, lo - 1), min(n - 1, hi + 2)
    window = monotone_curve([(p.x, p.y) for p in new[wlo:whi + 1]])
    middle = window[3 * (lo - wlo):3 * (hi + 1 - wlo) + 1]
    tail = curve[3 * (hi + 1 + n_old - n) + 1:]
    if dx and tail:
        tail = tuple((x + dx, y) for x, y in tail)
    return curve[:3 * lo] + middle + tail
