"""Placing flow labels so that none covers a card or another label.

Each label gets candidate centres along its flow, best first; the labels are placed
one by one (the ones between neighbouring cards first: the gap was widened for them)
at the first centre where the box is free. A label with no free centre is shortened,
and left out (`label_text` '') as a last resort: the flow still has its `label`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from journeymap.layout.geometry import Point, Rect
from journeymap.layout.text import elide_text, line_height, text_width

LABEL_PAD = 4.0
_CELL = 128.0
_DIRECT_T = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74)
_RUN_SPREAD = (0.5, 0.35, 0.65, 0.2, 0.8, 0.05, 0.95)


@dataclass
class LabelJob:
    """A label to place: its text, where it may go, and how urgent it is (lower first)."""

    label: str
    priority: int
    direct: tuple[Point, ...] = ()                       # a direct flow's Bézier (4 points)
    runs: tuple[tuple[float, float, float], ...] = ()    # (x0, x1, y) of channel runs, longest first
    text: str = ""
    rect: Rect = Rect(0.0, 0.0, 0.0, 0.0)
    anchor: Point = (0.0, 0.0)


class _Grid:
    """Rectangles bucketed by cell, so a box meets only its neighbours."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Rect]] = {}

    def _keys(self, r: Rect) -> Iterable[tuple[int, int]]:
        for i in range(int(r.x // _CELL), int(r.right // _CELL) + 1):
            for j in range(int(r.y // _CELL), int(r.bottom // _CELL) + 1):
                yield i, j

    def add(self, r: Rect) -> None:
        for key in self._keys(r):
            self.cells.setdefault(key, []).append(r)

    def free(self, r: Rect) -> bool:
        return not any(r.intersects(o) for key in self._keys(r) for o in self.cells.get(key, ()))


def place_labels(jobs: Sequence[LabelJob], size: float, cap: float) -> None:
    """Fill in `text`, `rect` and `anchor` of every job."""
    # Cards need no checking: every candidate box lies in card-free space already (a
    # direct curve's gap, between rows it spans with no card in between, or a lane of a
    # channel, which is a label's height plus a margin tall).
    grid = _Grid()
    h = line_height(size)
    for job in sorted(jobs, key=lambda j: j.priority):
        best = _spots(job, cap, size)
        job.anchor = best[0][1][0] if best and best[0][1] else _fallback_anchor(job)
        for text, centres in best:
            w = text_width(text, size) + LABEL_PAD
            spot = next((c for c in centres if grid.free(_box(c, w, h))), None)
            if spot is not None:
                job.text, job.anchor, job.rect = text, spot, _box(spot, w, h)
                grid.add(job.rect)
                break
        else:
            job.rect = Rect(job.anchor[0], job.anchor[1], 0.0, 0.0)


def _box(centre: Point, w: float, h: float) -> Rect:
    return Rect(centre[0] - w / 2, centre[1] - h / 2, w, h)


def _fallback_anchor(job: LabelJob) -> Point:
    if job.direct:
        return bezier_at(job.direct, 0.5)
    x0, x1, y = job.runs[0] if job.runs else (0.0, 0.0, 0.0)
    return ((x0 + x1) / 2, y)


def _spots(job: LabelJob, cap: float, size: float) -> list[tuple[str, list[Point]]]:
    """(text, candidate centres) pairs: the full (elided) text first, then a shorter one."""
    widest = _widest(job)
    if widest <= 0:
        return []
    out = []
    full = elide_text(job.label, min(widest, cap), size)
    short = elide_text(job.label, min(widest, cap) * 0.55, size)
    for text in dict.fromkeys(t for t in (full, short) if t):
        out.append((text, _centres(job, text_width(text, size) + LABEL_PAD)))
    return out


def _widest(job: LabelJob) -> float:
    if job.direct:
        return job.direct[-1][0] - job.direct[0][0] - 2 * LABEL_PAD
    return max((x1 - x0 for x0, x1, _ in job.runs), default=0.0) - LABEL_PAD


def _centres(job: LabelJob, w: float) -> list[Point]:
    """Centres where a box `w` wide stays on its flow: inside a direct flow's gap, or on a run."""
    if job.direct:
        p0x, p3x = job.direct[0][0], job.direct[-1][0]
        out = []
        for t in _DIRECT_T:
            x, y = bezier_at(job.direct, t)
            if x - w / 2 >= p0x + LABEL_PAD / 2 - 1e-9 and x + w / 2 <= p3x - LABEL_PAD / 2 + 1e-9:
                out.append((x, y))
        return out
    out = []
    for x0, x1, y in job.runs:
        lo, hi = min(x0, x1) + w / 2, max(x0, x1) - w / 2
        if lo <= hi:
            out += [(lo + f * (hi - lo), y) for f in _RUN_SPREAD]
    return out


def bezier_at(p: Sequence[Point], t: float) -> Point:
    """The point at `t` of one cubic Bézier segment."""
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return (
        a * p[0][0] + b * p[1][0] + c * p[2][0] + d * p[3][0],
        a * p[0][1] + b * p[1][1] + c * p[2][1] + d * p[3][1],
    )
