"""Where the map's parts are along x, so that a sheet or band visits only what it may show."""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from journeymap.layout.geometry import EmotionBranch, FlowPath, JourneyLayout, Rect

ARROW_LENGTH = 9.0


class ByX:
    """Items with an x each: those within a span, in their own order, found by bisection."""

    def __init__(self, items: list[Any], xs: list[float]) -> None:
        self.items = items
        self.order = sorted(range(len(xs)), key=xs.__getitem__)
        self.xs = [xs[i] for i in self.order]

    def within(self, span: tuple[float, float]) -> list[Any]:
        """The items with span[0] <= x <= span[1], in their original order."""
        lo, hi = bisect.bisect_left(self.xs, span[0]), bisect.bisect_right(self.xs, span[1])
        return [self.items[i] for i in sorted(self.order[lo:hi])]


class MapIndex:
    """The flows (with their bounds) and cards of one layout, bucketed by x.

    A tiled poster draws the map once per sheet, a fitted page once per band; each
    window visits only the buckets it spans instead of every card and flow (at 5,000
    touchpoints, ~900 sheets × 6,000 flows). Buckets only narrow the search: the same
    `meets` test still decides, in layout order, so the page is drawn exactly as before.
    """

    BUCKETS = 512
    _cache: ClassVar[dict[int, tuple[weakref.ref[JourneyLayout], MapIndex]]] = {}

    def __init__(self, layout: JourneyLayout) -> None:
        self.flows = [(flow, flow_bounds(flow)) for flow in layout.flows]
        self.cards = list(layout.cards.values())
        self.x0 = layout.bounds.x
        self.step = layout.bounds.w / self.BUCKETS if layout.bounds.w > 0 else 1.0
        self.flow_buckets = self._bucket([bounds for _, bounds in self.flows])
        self.card_buckets = self._bucket([card.rect for card in self.cards])
        # The lanes' marks, found by x as well: each sheet would otherwise test all of them.
        emotion, friction = layout.emotion, layout.friction
        points = list(emotion.points) if emotion is not None else []
        self.faces = ByX(points, [pt.x for pt in points])
        self.unrated_emotion = _unrated(emotion.slots if emotion is not None else {}, {pt.id for pt in points})
        bars = list(friction.bars) if friction is not None else []
        self.bars = ByX(bars, [b.rect.x + b.rect.w / 2 for b in bars])
        self.unrated_friction = _unrated(friction.slots if friction is not None else {}, {b.id for b in bars})
        # Each lane's cells by the left edge of their column.
        self.cells = {lane.key: ByX(list(lane.cells.values()), [c.rect.x for c in lane.cells.values()])
                      for lane in layout.lanes if lane.cells}
        self.cell_width = layout.options.card_width
        self.branches = [(b, branch_bounds(b)) for b in emotion.branches] if emotion is not None else []
        curve = emotion.curve if emotion is not None else ()
        self.curve_starts = [curve[i][0] for i in range(0, len(curve) - 1, 3)]
        self.curve_ends = [curve[i + 3][0] for i in range(0, len(curve) - 3, 3)]
        self.curve_rises = all(a <= b for a, b in zip(self.curve_starts, self.curve_starts[1:], strict=False)) and all(
            a <= b for a, b in zip(self.curve_ends, self.curve_ends[1:], strict=False))

    @classmethod
    def of(cls, layout: JourneyLayout) -> MapIndex:
        """The index of `layout`, made once while the layout lives (a few layouts are kept)."""
        hit = cls._cache.get(id(layout))
        if hit is not None and hit[0]() is layout:
            return hit[1]
        if len(cls._cache) >= 4:
            cls._cache.clear()
        index = cls(layout)
        cls._cache[id(layout)] = (weakref.ref(layout), index)
        return index

    def cells_near(self, key: str, window: Rect | None) -> list[Any]:
        """The cells of lane `key` that may meet `window` (all when None), left to right."""
        found = self.cells.get(key)
        if found is None:
            return []
        if window is None:
            return list(found.items)
        return found.within((window.x - self.cell_width, window.right))

    def _slot(self, x: float) -> int:
        return min(self.BUCKETS - 1, max(0, int((x - self.x0) // self.step)))

    def _bucket(self, rects: list[Rect]) -> list[list[int]]:
        buckets: list[list[int]] = [[] for _ in range(self.BUCKETS)]
        for i, r in enumerate(rects):
            for k in range(self._slot(r.x), self._slot(r.right) + 1):
                buckets[k].append(i)
        return buckets

    def near(self, buckets: list[list[int]], count: int, window: Rect | None) -> Iterable[int]:
        """Indexes, in layout order, of everything that may meet `window` (all when None)."""
        if window is None:
            return range(count)
        found: set[int] = set()
        for k in range(self._slot(window.x), self._slot(window.right) + 1):
            found.update(buckets[k])
        return sorted(found)


def _unrated(slots: Mapping[str, float], rated: set[str]) -> ByX:
    xs = [x for tp_id, x in slots.items() if tp_id not in rated]
    return ByX(xs, xs)




def branch_bounds(b: EmotionBranch) -> Rect:
    """The box around a branch of the emotion curve (a cubic lies inside its control points' hull)."""
    xs = [pt[0] for pt in b.points]
    ys = [pt[1] for pt in b.points]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).inset(-2)


def flow_bounds(flow: FlowPath) -> Rect:
    """The box around a flow's line, arrow head and label."""
    xs = [pt[0] for pt in flow.points] + [flow.arrow_tip[0]]
    ys = [pt[1] for pt in flow.points] + [flow.arrow_tip[1]]
    r = Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    if flow.label_text:
        lr = flow.label_rect
        x0, y0 = min(r.x, lr.x), min(r.y, lr.y)
        r = Rect(x0, y0, max(r.right, lr.right) - x0, max(r.bottom, lr.bottom) - y0)
    return r.inset(-ARROW_LENGTH)
