"""Fitting a long map onto one sheet by stacking it in bands, cut between stages.

A journey map is much wider than tall; scaled whole onto a sheet it becomes a thin
strip. Cutting it between two stage columns and stacking the pieces uses the sheet and
prints the map larger. Each band is a window of the same layout (nothing is laid out
again); bands after the first repeat the lane titles on their left, and a note marks
where the map continues. Cuts never pass through text: not between two cards whose
flow label sits in the gap.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from journeymap.export.pdf import fonts
from journeymap.export.pdf.map_drawing import draw_map
from journeymap.export.pdf.painter import Painter
from journeymap.layout import style
from journeymap.layout.geometry import JourneyLayout, Rect
from journeymap.layout.text import baseline
from journeymap.model import Journey

MAX_BANDS = 8
#: Take another band only when it prints the map at least this much larger.
WORTH_IT = 1.12


@dataclass(frozen=True)
class BandPlan:
    """The map cut at `cuts` (layout x) into bands stacked at `scale`; `strip` is the width of
    the lane titles repeated left of every band after the first (layout units)."""

    cuts: tuple[float, ...]
    strip: float
    scale: float
    width: float                    # of the widest band, layout units
    gap: float                      # between bands, layout units

    def windows(self, bounds: Rect) -> list[Rect]:
        """Each band's part of the map, in layout units."""
        edges = [bounds.x, *self.cuts, bounds.right]
        return [Rect(a, bounds.y, b - a, bounds.h) for a, b in zip(edges, edges[1:], strict=False)]


def _free(x: float, labels: list[Rect]) -> bool:
    return not any(r.x <= x <= r.right for r in labels)


class _Gaps:
    """Answers `_free(x, labels)` in O(log n): labels sorted by left edge, with the running
    maximum of their right edges (x is covered when some label starting at or before x
    reaches x)."""

    def __init__(self, labels: list[Rect]) -> None:
        spans = sorted((r.x, r.right) for r in labels)
        self.lefts = [a for a, _ in spans]
        self.reach: list[float] = []
        furthest = -math.inf
        for _, right in spans:
            furthest = max(furthest, right)
            self.reach.append(furthest)

    def free(self, x: float) -> bool:
        i = bisect.bisect_right(self.lefts, x)
        return i == 0 or self.reach[i - 1] < x


def _candidates(layout: JourneyLayout) -> tuple[list[float], list[float]]:
    """(cuts between stages, cuts between any two slots) that pass through no flow label."""
    gaps = _Gaps([f.label_rect for f in layout.flows if f.label_text])
    between_stages = [(a.column.right + b.column.x) / 2 for a, b in zip(layout.stages, layout.stages[1:], strict=False)]
    between_slots = [(a.x + a.w + b.x) / 2 for a, b in zip(layout.slots, layout.slots[1:], strict=False)]
    return ([x for x in between_stages if gaps.free(x)],
            sorted({x for x in between_slots + between_stages if gaps.free(x)}))


def _strip(layout: JourneyLayout) -> float:
    lanes = [lane.title for lane in layout.lanes if lane.title.w > 0]
    if not lanes or not layout.stages:
        return 0.0
    return (max(t.right for t in lanes) + layout.stages[0].column.x) / 2 - layout.bounds.x


def _tables(edges: list[float], strip: float, k: int) -> tuple[list[list[float]], list[list[int]]]:
    """The linear-partition tables for 1..k bands over `edges` (dynamic programming).

    `best[b][j]` is the narrowest widest band when edges[0..j] is cut into b bands and
    `back[b][j]` the start of the last of them (the smallest such start among equals).
    For each j the starts are scanned from the right and the scan stops as soon as the
    last band alone is wider than the best found; when the previous row never decreases
    (the usual case), a binary search first skips the starts whose value can only be
    larger. Both give exactly what scanning every start gives, in far fewer steps.
    """
    n = len(edges)
    inf = float("inf")
    best = [[inf] * n for _ in range(k + 1)]
    back = [[0] * n for _ in range(k + 1)]
    for j in range(1, n):
        best[1][j] = edges[j] - edges[0]
    ordered = all(a <= b for a, b in zip(edges, edges[1:], strict=False))
    for bands in range(2, k + 1):
        prev, row, rback = best[bands - 1], best[bands], back[bands]
        low = bands - 1
        rising = ordered and all(a <= b for a, b in zip(prev[low:], prev[low + 1:], strict=False))
        for j in range(bands, n):
            ej = edges[j]
            start = j - 1
            if rising:
                # The smallest i with prev[i] >= width(i, j): right of it every value is prev[i] >= prev[start].
                lo, hi = low, j - 1
                if prev[hi] >= ej - edges[hi] + strip:
                    while lo < hi:
                        mid = (lo + hi) // 2
                        if prev[mid] >= ej - edges[mid] + strip:
                            hi = mid
                        else:
                            lo = mid + 1
                    start = lo
            value_best, arg = inf, 0
            for i in range(start, low - 1, -1):
                width = ej - edges[i] + strip
                if ordered and width > value_best:
                    break
                value = max(prev[i], width)
                if value <= value_best:
                    value_best, arg = value, i
            row[j], rback[j] = value_best, arg
    return best, back


def _partition(bounds: Rect, cuts: list[float], strip: float, k: int) -> tuple[float, tuple[float, ...]]:
    """The k − 1 cuts that make the widest band narrowest (linear partition, dynamic programming)."""
    return _partitions(bounds, cuts, strip, k)[k - 1]


def _partitions(bounds: Rect, cuts: list[float], strip: float, k: int) -> list[tuple[float, tuple[float, ...]]]:
    """`_partition` for 1, 2, … k bands at once: the tables of k bands hold those of fewer."""
    edges = [bounds.x, *cuts, bounds.right]
    n = len(edges)
    best, back = _tables(edges, strip, k)
    results = []
    for bands_wanted in range(1, k + 1):
        chosen, j = [], n - 1
        for bands in range(bands_wanted, 1, -1):
            j = back[bands][j]
            chosen.append(edges[j])
        results.append((best[bands_wanted][n - 1], tuple(sorted(chosen))))
    return results


def _best(layout: JourneyLayout, area: Rect, max_scale: float, cuts: list[float], strip: float) -> BandPlan:
    b = layout.bounds
    gap = layout.options.margin
    plan: BandPlan | None = None
    most = min(MAX_BANDS, len(cuts) + 1)
    for k, (widest, chosen) in enumerate(_partitions(b, cuts, strip, most), start=1):
        height = k * b.h + (k - 1) * gap
        scale = min(area.w / widest, area.h / height, max_scale) if widest > 0 and height > 0 else 1.0
        if plan is None or scale > plan.scale * WORTH_IT:
            plan = BandPlan(chosen, strip, scale, widest, gap)
    assert plan is not None
    return plan


def plan_bands(layout: JourneyLayout, area: Rect, max_scale: float) -> BandPlan:
    """The number of bands and the cuts that print the map largest in `area` (page points).

    Cuts between stages are preferred; cuts inside a stage are taken only when they
    print the map clearly larger.
    """
    strip = _strip(layout)
    stage_cuts, slot_cuts = _candidates(layout)
    plan = _best(layout, area, max_scale, stage_cuts, strip)
    finer = _best(layout, area, max_scale, slot_cuts, strip)
    return finer if finer.scale > plan.scale * WORTH_IT else plan


def draw_bands(p_page: Painter, plan: BandPlan, layout: JourneyLayout, journey: Journey, area: Rect,
               page_height: float) -> dict[str, Rect]:
    """Draw the map as `plan` says, centred in `area`; returns the drawn cards (page points, y up)."""
    b, s = layout.bounds, plan.scale
    windows = plan.windows(b)
    total_h = (len(windows) * b.h + (len(windows) - 1) * plan.gap) * s
    left = area.x + (area.w - plan.width * s) / 2
    top = area.y + (area.h - total_h) / 2
    canvas, session = p_page.canvas, p_page.session
    cards: dict[str, Rect] = {}
    size = layout.options.label_font_size
    for i, window in enumerate(windows):
        band_top = top + i * (b.h + plan.gap) * s
        shift = plan.strip if i > 0 else 0.0
        painter = Painter(session, s, left + (shift - window.x) * s, page_height - (band_top - b.y * s))
        canvas.saveState()
        p_page.clip(Rect(left + shift * s, band_top, window.w * s, b.h * s))
        cards.update(draw_map(painter, layout, journey, window, whole_labels=True))
        canvas.restoreState()
        if i > 0 and plan.strip > 0:
            strip = Rect(b.x, b.y, plan.strip, b.h)
            titles = Painter(session, s, left - b.x * s, page_height - (band_top - b.y * s))
            canvas.saveState()
            p_page.clip(Rect(left, band_top, plan.strip * s, b.h * s))
            draw_map(titles, layout, journey, strip, whole_labels=True)
            canvas.restoreState()
        note_y = baseline(b.y + (layout.options.margin - size * 1.25) / 2, size)
        if i + 1 < len(windows):
            painter.text(window.right - layout.options.stage_gap, note_y, "continues below \u2193",
                         font=fonts.OBLIQUE, size=size, fill=style.MUTED, anchor="end")
        if i > 0:
            painter.text(window.x + layout.options.stage_gap, note_y, "\u2192 continued from above",
                         font=fonts.OBLIQUE, size=size, fill=style.MUTED)
    return cards
