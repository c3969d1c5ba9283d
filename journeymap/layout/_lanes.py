"""The emotion and friction lanes below the cards, and the smooth emotion curve."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from journeymap.layout.geometry import EmotionLane, EmotionPoint, FrictionBar, FrictionLane, Point, Rect
from journeymap.layout.style import friction_color
from journeymap.model import Touchpoint

EMOTION_PAD = 16.0      # above +2 and below −2: room for the face glyphs
FRICTION_TOP_PAD = 16.0  # above a full bar: room for its number
FRICTION_BOTTOM_PAD = 8.0
BAR_WIDTH = 28.0


def emotion_lane(
    rect: Rect, title: Rect, slots: Mapping[str, float], ordered: Sequence[Touchpoint]
) -> EmotionLane:
    """The emotion lane in `rect`: grid lines −2..+2, a point per rated touchpoint, the curve.

    `ordered` are the touchpoints in slot order (left to right); `slots` maps each id to its x.
    """
    step = (rect.h - 2 * EMOTION_PAD) / 4
    level_y = {e: rect.y + EMOTION_PAD + (2 - e) * step for e in range(-2, 3)}
    points = tuple(
        EmotionPoint(tp.id, slots[tp.id], level_y[tp.emotion], tp.emotion)
        for tp in ordered
        if tp.emotion is not None
    )
    curve = monotone_curve([(p.x, p.y) for p in points])
    return EmotionLane(rect, level_y, dict(slots), points, curve, title)


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
