"""The emotion and friction lanes below the cards, and the smooth emotion curve.

The emotion curve follows the journey, not the column order: the main curve joins the
rated touchpoints of the main path (row 0) left to right; a rated touchpoint on another
row is joined by a branch to its nearest rated neighbours along the flows (through
unrated touchpoints), so two alternative paths are never drawn as one customer's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from journeymap.layout.geometry import (
    EmotionBranch,
    EmotionLane,
    EmotionPoint,
    FrictionBar,
    FrictionLane,
    PersonaLine,
    Point,
    Rect,
)
from journeymap.layout.style import friction_color
from journeymap.model import Flow, Touchpoint

EMOTION_PAD = 16.0      # above +2 and below −2: room for the face glyphs
FRICTION_TOP_PAD = 16.0  # above a full bar: room for its number
FRICTION_BOTTOM_PAD = 8.0
BAR_WIDTH = 28.0


#: How many unrated touchpoints a branch looks through for a rated neighbour.
SEARCH_LIMIT = 64


def emotion_lane(
    rect: Rect, title: Rect, slots: Mapping[str, float], ordered: Sequence[Touchpoint], flows: Iterable[Flow] = (),
    personas: Sequence[tuple[str, str]] = (), focus: str | None = None,
) -> EmotionLane:
    """The emotion lane in `rect`: grid lines −2..+2, a point per rated touchpoint, the main
    curve through the row-0 points and the branches of the others.

    `ordered` are the touchpoints in slot order (left to right); `slots` maps each id to its x.
    `personas` are (id, name) in order: when any touchpoint has a persona's own emotion,
    the lane also has one line per persona (`EmotionLane.personas`). With `focus`, the
    main line is that persona's and no other line is drawn (a map printed for one persona).
    """
    flows = list(flows)
    step = (rect.h - 2 * EMOTION_PAD) / 4
    level_y = {e: rect.y + EMOTION_PAD + (2 - e) * step for e in range(-2, 3)}
    points = _points(ordered, slots, level_y, focus, 0.0)
    lines: tuple[PersonaLine, ...] = ()
    if focus is None and personas and any(tp.persona_emotions for tp in ordered):
        n = len(personas)
        spread = min(PERSONA_DODGE, step * 0.8 / max(1, n - 1))
        lines = tuple(_persona_line(i, pid, name, (i - (n - 1) / 2) * spread, ordered, slots, level_y, flows)
                      for i, (pid, name) in enumerate(personas))
    return EmotionLane(rect, level_y, dict(slots), points, main_curve(points), title,
                       branch_segments(points, flows), lines)


#: The most a persona line is nudged from the next one (units), so equal values stay apart.
PERSONA_DODGE = 6.0


def _points(ordered: Sequence[Touchpoint], slots: Mapping[str, float], level_y: Mapping[int, float],
            persona: str | None, dodge: float) -> tuple[EmotionPoint, ...]:
    out = []
    for tp in ordered:
        value = tp.emotion_of(persona)
        if value is not None:
            out.append(EmotionPoint(tp.id, slots[tp.id], level_y[value] + dodge, value, tp.row))
    return tuple(out)


def _persona_line(index: int, persona: str, name: str, dodge: float, ordered: Sequence[Touchpoint],
                  slots: Mapping[str, float], level_y: Mapping[int, float], flows: Sequence[Flow]) -> PersonaLine:
    points = _points(ordered, slots, level_y, persona, dodge)
    return PersonaLine(persona, name, index, points, main_curve(points), branch_segments(points, flows), dodge)


def main_curve(points: Sequence[EmotionPoint]) -> tuple[Point, ...]:
    """The smooth curve through the points of the main path (row 0), left to right."""
    return monotone_curve([(p.x, p.y) for p in points if p.row == 0])


def branch_joins(points: Sequence[EmotionPoint], flows: Iterable[Flow]) -> list[tuple[str, str]]:
    """(source, target) pairs of rated touchpoints to join by a branch, in flow direction.

    Each rated touchpoint off the main path is joined to its nearest rated predecessors
    and successors along the flows, looking through unrated touchpoints.
    """
    rated = {p.id: p for p in points}
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for f in flows:
        after.setdefault(f.source, []).append(f.target)
        before.setdefault(f.target, []).append(f.source)
    joins: dict[tuple[str, str], None] = {}
    for p in points:
        if p.row == 0:
            continue
        for other in _nearest_rated(p.id, after, rated):
            joins[(p.id, other)] = None
        for other in _nearest_rated(p.id, before, rated):
            joins[(other, p.id)] = None
    return list(joins)


def _nearest_rated(start: str, links: Mapping[str, list[str]], rated: Mapping[str, EmotionPoint]) -> list[str]:
    found: list[str] = []
    seen = {start}
    frontier = [start]
    while frontier and len(seen) <= SEARCH_LIMIT:
        nxt: list[str] = []
        for node in frontier:
            for other in links.get(node, ()):
                if other in seen:
                    continue
                seen.add(other)
                (found if other in rated else nxt).append(other)
        frontier = nxt
    return found


def branch_segments(points: Sequence[EmotionPoint], flows: Iterable[Flow]) -> tuple[EmotionBranch, ...]:
    """The branches of `points` (see `branch_joins`), each one smooth cubic Bézier."""
    by_id = {p.id: p for p in points}
    return tuple(branch(by_id[s], by_id[t]) for s, t in branch_joins(points, flows))


def branch(a: EmotionPoint, b: EmotionPoint) -> EmotionBranch:
    """A branch from `a` to `b`: level at both ends, so it never leaves the band between them."""
    third = (b.x - a.x) / 3
    return EmotionBranch(a.id, b.id, ((a.x, a.y), (a.x + third, a.y), (b.x - third, b.y), (b.x, b.y)))


def friction_lane(
    rect: Rect, title: Rect, slots: Mapping[str, float], ordered: Sequence[Touchpoint], bar_width: float
) -> FrictionLane:
    """The friction lane in `rect`: a bar per rated touchpoint rising from the baseline, 0–4."""
    base = rect.bottom - FRICTION_BOTTOM_PAD
    step = (rect.h - FRICTION_TOP_PAD - FRICTION_BOTTOM_PAD) / 4
    level_y = {f: base - f * step for f in range(0, 5)}
    width = min(BAR_WIDTH, bar_width)
    bars = tuple(
        FrictionBar(
            tp.id,
            Rect(slots[tp.id] - width / 2, level_y[tp.friction], width, base - level_y[tp.friction]),
            tp.friction,
            friction_color(tp.friction),
        )
        for tp in ordered
        if tp.friction is not None
    )
    return FrictionLane(rect, level_y, dict(slots), bars, title)


def monotone_curve(points: Sequence[Point]) -> tuple[Point, ...]:
    """A smooth curve through `points` (x strictly increasing) as cubic Bézier points (3n + 1).

    Monotone cubic interpolation (Fritsch–Carlson slopes): between two points the curve
    never leaves the band between their y values, so it never overshoots the −2..+2 grid.
    Returns () for fewer than two points.
    """
    n = len(points)
    if n < 2:
        return ()
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    h = [xs[i + 1] - xs[i] for i in range(n - 1)]
    d = [(ys[i + 1] - ys[i]) / h[i] for i in range(n - 1)]
    m = [0.0] * n
    m[0], m[-1] = d[0], d[-1]
    for i in range(1, n - 1):
        if d[i - 1] * d[i] > 0:
            w1 = 2 * h[i] + h[i - 1]
            w2 = h[i] + 2 * h[i - 1]
            m[i] = (w1 + w2) / (w1 / d[i - 1] + w2 / d[i])
    out: list[Point] = [points[0]]
    for i in range(n - 1):
        third = h[i] / 3
        out.append((xs[i] + third, ys[i] + m[i] * third))
        out.append((xs[i + 1] - third, ys[i + 1] - m[i + 1] * third))
        out.append(points[i + 1])
    return tuple(out)
