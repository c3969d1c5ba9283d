"""Routing of flow arrows between cards.

A flow whose straight S-curve would pass over no card is drawn direct: a cubic Bézier
from the right edge of the source to the left edge of the target. Every other flow is
routed through the card-free space: the vertical gutters between slots and the
horizontal channels between rows (the channel below row r runs from the bottom of its
cards to the top of row r + 1; the last one is the band below all cards). Routed flows
leave the source's bottom edge and run in the channel below the source's row: a detour
(target to the right) rises through the gutter before the target into its left edge, a
loop (target to the left) rises into the target's bottom edge. Each run in a channel
gets its own lane, so loops and detours never lie on top of each other; the channel
grows to hold its lanes.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from journeymap.layout._labels import LABEL_PAD, LabelJob, bezier_at, place_labels
from journeymap.layout.geometry import FlowPath, Point, Rect
from journeymap.layout.text import text_width
from journeymap.model import Flow

CORNER = 8.0          # radius of the rounded corners of routed flows
LANE_MIN_GAP = 6.0    # runs closer than this along a lane go to different lanes
KAPPA = 0.5523        # Bézier handle length of a quarter circle
ARROW_ROOM = 8.0      # line left visible on each side of a label between neighbours
GUTTER_STEP = 4.0     # between vertical legs sharing a gutter


@dataclass
class Run:
    """A horizontal stretch of a routed flow in the channel below visual row `channel`."""

    channel: int
    x0: float
    x1: float
    lane: int = 0


@dataclass
class Route:
    """A flow, where its ends sit (global slot, visual row) and how it is drawn."""

    flow: Flow
    gs: int
    gt: int
    vs: int
    vt: int
    direct: bool
    runs: list[Run] = field(default_factory=list)
    gutter: float = 0.0     # x of its vertical leg between channels, if it has one

    @property
    def kind(self) -> str:
        return "forward" if self.gt > self.gs else "backward"


def plan_routes(
    flows: Sequence[Flow], slot_of: Mapping[str, int], vrow: Mapping[str, int], row_slots: Sequence[list[int]]
) -> list[Route]:
    """Decide for each flow whether it can be drawn direct. `row_slots[v]`: sorted slots of row v's cards."""
    routes = []
    for flow in flows:
        if flow.source not in slot_of or flow.target not in slot_of:
            continue
        gs, gt = slot_of[flow.source], slot_of[flow.target]
        vs, vt = vrow[flow.source], vrow[flow.target]
        direct = gt > gs and not any(
            _occupied(row_slots[v], gs, gt) for v in range(min(vs, vt), max(vs, vt) + 1)
        )
        routes.append(Route(flow, gs, gt, vs, vt, direct))
    return routes


def _occupied(slots: list[int], low: int, high: int) -> bool:
    """True when some slot lies strictly between `low` and `high`."""
    i = bisect_right(slots, low)
    return i < len(slots) and slots[i] < high


def label_gap_needs(flows: Sequence[Flow], slot_of: Mapping[str, int], size: float, cap: float) -> dict[str, float]:
    """Width the gap right of a touchpoint needs so the label of its flow to its neighbour fits.

    Keyed by the source touchpoint, with neighbours taken from `slot_of`: the journey's
    own order. While a card is dragged the gaps stay with their touchpoints, so the
    cards that make room do not also jump by a label's width.
    """
    needs: dict[str, float] = {}
    for flow in flows:
        if flow.label and flow.source in slot_of and slot_of.get(flow.target) == slot_of[flow.source] + 1:
            need = min(text_width(flow.label, size), cap) + 2 * (LABEL_PAD + ARROW_ROOM)
            needs[flow.source] = max(needs.get(flow.source, 0.0), need)
    return needs


def place_runs(
    routes: Sequence[Route], cards: Mapping[str, Rect], gutter_x: Callable[[int, int], float],
) -> dict[tuple[str, str], dict[str, float]]:
    """Fill in the channel runs of routed flows; returns the x of their ends on bottom edges.

    `gutter_x(g, k)` is the x of the k-th vertical leg in the gutter right of slot g.
    """
    ports = _bottom_ports(routes, cards)
    legs: dict[int, int] = {}

    def leg(g: int) -> float:
        legs[g] = legs.get(g, -1) + 1
        return gutter_x(g, legs[g])

    for r in routes:
        if r.direct:
            continue
        p = ports[(r.flow.source, r.flow.target)]
        if r.kind == "forward":
            r.gutter = leg(r.gt - 1)
            r.runs = [Run(r.vs, p["source"], r.gutter)]
        elif r.vs == r.vt:
            r.runs = [Run(r.vs, p["target"], p["source"])]
        else:
            r.gutter = leg(r.gt)
            r.runs = [Run(r.vs, r.gutter, p["source"]), Run(r.vt, p["target"], r.gutter)]
    return ports


def _bottom_ports(routes: Sequence[Route], cards: Mapping[str, Rect]) -> dict[tuple[str, str], dict[str, float]]:
    # Routed flows that meet at one card spread along its bottom edge, ordered by where
    # the other end lies, so their vertical legs stay apart.
    at: dict[str, list[tuple[float, tuple[str, str], str]]] = {}
    for r in routes:
        if r.direct:
            continue
        key = (r.flow.source, r.flow.target)
        at.setdefault(r.flow.source, []).append((cards[r.flow.target].x, key, "source"))
        if r.kind == "backward":
            at.setdefault(r.flow.target, []).append((cards[r.flow.source].x, key, "target"))
    ports: dict[tuple[str, str], dict[str, float]] = {}
    for card_id, ends in at.items():
        rect = cards[card_id]
        ends.sort()
        k = len(ends)
        step = min(0.15, 0.5 / (k - 1)) if k > 1 else 0.0
        for i, (_, key, role) in enumerate(ends):
            ports.setdefault(key, {})[role] = rect.x + rect.w * (0.5 + (i - (k - 1) / 2) * step)
    return ports


def assign_lanes(routes: Sequence[Route]) -> dict[int, int]:
    """Give every run a lane in its channel (short runs nearest the cards); returns lanes per channel."""
    runs = sorted((run for r in routes for run in r.runs), key=lambda u: (u.channel, u.x1 - u.x0, u.x0))
    lanes: dict[int, list[list[tuple[float, float]]]] = {}
    for run in runs:
        x0, x1 = min(run.x0, run.x1), max(run.x0, run.x1)
        channel_lanes = lanes.setdefault(run.channel, [])
        for index, taken in enumerate(channel_lanes):  # noqa: B007 (the lane found is read after the loop)
            if _fits(taken, x0, x1):
                break
        else:
            index = len(channel_lanes)
            channel_lanes.append([])
        run.lane = index
        taken = channel_lanes[index]
        taken.insert(bisect_left(taken, (x0, x1)), (x0, x1))
    return {channel: len(v) for channel, v in lanes.items()}


def _fits(taken: list[tuple[float, float]], x0: float, x1: float) -> bool:
    i = bisect_left(taken, (x0, x1))
    if i > 0 and taken[i - 1][1] + LANE_MIN_GAP > x0:
        return False
    return not (i < len(taken) and taken[i][0] < x1 + LANE_MIN_GAP)


def build_paths(
    routes: Sequence[Route], cards: Mapping[str, Rect], ports: Mapping[tuple[str, str], Mapping[str, float]],
    lane_y: Callable[[int, int], float], size: float, cap: float,
) -> tuple[FlowPath, ...]:
    """The drawable arrows of all routes, labels placed; `lane_y(channel, lane)` is the y of a lane."""
    shapes: list[tuple[Route, tuple[Point, ...], LabelJob | None]] = []
    for r in routes:
        s, t = cards[r.flow.source], cards[r.flow.target]
        if r.direct:
            p0, p3 = (s.right, s.center[1]), (t.x, t.center[1])
            k = (p3[0] - p0[0]) / 2
            points: tuple[Point, ...] = (p0, (p0[0] + k, p0[1]), (p3[0] - k, p3[1]), p3)
            job = LabelJob(r.flow.label, 0 if r.gt == r.gs + 1 else 2, direct=points) if r.flow.label else None
            shapes.append((r, points, job))
            continue
        ys = [lane_y(run.channel, run.lane) for run in r.runs]
        p = ports[(r.flow.source, r.flow.target)]
        line = [(p["source"], s.bottom), (p["source"], ys[0])]
        if r.kind == "forward":
            line += [(r.gutter, ys[0]), (r.gutter, t.center[1]), (t.x, t.center[1])]
        else:
            if len(r.runs) == 2:
                line += [(r.gutter, ys[0]), (r.gutter, ys[1])]
            line += [(p["target"], ys[-1]), (p["target"], t.bottom)]
        # Labels stay on the straight part of a run, clear of the rounded corners.
        runs = sorted(
            ((min(u.x0, u.x1) + CORNER, max(u.x0, u.x1) - CORNER, y) for u, y in zip(r.runs, ys, strict=False)),
            key=lambda u: u[0] - u[1],
        )
        job = LabelJob(r.flow.label, 1, runs=tuple(u for u in runs if u[1] > u[0])) if r.flow.label else None
        shapes.append((r, rounded(line, CORNER), job))
    place_labels([job for _, _, job in shapes if job is not None], size, cap)
    paths = []
    for r, points, job in shapes:
        tip, before = points[-1], points[-2]
        angle = math.atan2(tip[1] - before[1], tip[0] - before[0])
        if job is None:
            anchor = bezier_at(points[:4], 0.5) if r.direct else points[len(points) // 2]
            text, rect = "", Rect(anchor[0], anchor[1], 0.0, 0.0)
        else:
            anchor, text, rect = job.anchor, job.text, job.rect
        paths.append(FlowPath(r.flow.source, r.flow.target, r.kind, points, r.flow.label, anchor, tip, angle,
                              text, rect))
    return tuple(paths)


def rounded(line: Sequence[Point], radius: float) -> tuple[Point, ...]:
    """An axis-aligned polyline as a Bézier chain (3n + 1 points) with rounded corners."""
    pts = [p for i, p in enumerate(line) if i == 0 or p != line[i - 1]]
    out: list[Point] = [pts[0]]

    def straight(to: Point) -> None:
        a = out[-1]
        if a != to:
            out.extend(((a[0] + (to[0] - a[0]) / 3, a[1] + (to[1] - a[1]) / 3),
                        (a[0] + 2 * (to[0] - a[0]) / 3, a[1] + 2 * (to[1] - a[1]) / 3), to))

    for i in range(1, len(pts) - 1):
        prev, corner, nxt = pts[i - 1], pts[i], pts[i + 1]
        din, lin = _direction(prev, corner)
        dout, lout = _direction(corner, nxt)
        if din == dout:
            continue
        r = min(radius, lin / 2, lout / 2)
        a = (corner[0] - din[0] * r, corner[1] - din[1] * r)
        b = (corner[0] + dout[0] * r, corner[1] + dout[1] * r)
        straight(a)
        out.extend(((a[0] + din[0] * r * KAPPA, a[1] + din[1] * r * KAPPA),
                    (b[0] - dout[0] * r * KAPPA, b[1] - dout[1] * r * KAPPA), b))
    straight(pts[-1])
    if len(out) == 1:
        out.extend((pts[0], pts[0], pts[0]))
    return tuple(out)


def _direction(a: Point, b: Point) -> tuple[tuple[float, float], float]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    return ((dx / length, dy / length) if length else (0.0, 0.0)), length
