"""Draw a `JourneyLayout` on a PDF page, the way the canvas paints it on screen.

Everything comes from the layout (positions, wrapped and elided text); this module only
chooses strokes, fills and glyphs. Text is drawn in the layout's units, so a card name
the layout fitted into its card stays inside it on paper at any scale.
"""

from __future__ import annotations

import bisect
import math
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from journeymap.export.pdf import fonts, glyphs
from journeymap.export.pdf.painter import Painter
from journeymap.layout import style
from journeymap.layout.geometry import (
    CardBox,
    EmotionLane,
    EmotionPoint,
    FlowPath,
    FrictionLane,
    JourneyLayout,
    Rect,
    StageBox,
)
from journeymap.layout.text import baseline
from journeymap.model import Journey, Touchpoint

CARD_RADIUS = 7.0
HEADER_PADDING = 12.0
HEADER_RADIUS = 6.0
LANE_RADIUS = 6.0
FACE_RADIUS = 10.0
ARROW_LENGTH = 9.0
ARROW_HALF_WIDTH = 4.5
#: The outline dash patterns of the evidence levels, in layout units.
DASHES: Mapping[str, list[float]] = {"dashed": [6.0, 3.5], "dotted": [1.2, 2.6]}


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"\u2212{-value}")


@dataclass(frozen=True)
class _Scope:
    """What part of the map to draw: all of it, or what meets `window` (layout units).

    With `whole_text`, text is drawn only when it lies wholly in the window, so a band cut
    from the map never carries clipped (invisible but extractable) text.
    """

    window: Rect | None = None
    whole_text: bool = False

    def meets(self, r: Rect) -> bool:
        return self.window is None or r.intersects(self.window)

    def shows_text(self, r: Rect) -> bool:
        if self.window is None or not self.whole_text:
            return self.meets(r)
        w = self.window
        return w.x <= r.x and r.right <= w.right and w.y <= r.y and r.bottom <= w.bottom

    @property
    def span(self) -> tuple[float, float]:
        """The x range whose slots (faces, bars) are drawn."""
        if self.window is None:
            return (-math.inf, math.inf)
        margin = 0.0 if self.whole_text else FACE_RADIUS * 2
        return (self.window.x - margin, self.window.right + margin)


def draw_map(p: Painter, layout: JourneyLayout, journey: Journey, window: Rect | None = None,
             *, whole_labels: bool = False) -> dict[str, Rect]:
    """Draw the whole map (or what meets `window`, in layout units) with painter `p`.

    With `whole_labels`, text that does not lie wholly inside `window` is left out (bands).
    Returns the rectangle of every card drawn, in page points measured from the page's
    bottom-left corner (as PDF tools report text positions).
    """
    o = layout.options
    scope = _Scope(window, whole_labels)
    index = _MapIndex.of(layout)
    for stage in layout.stages:
        if scope.meets(stage.column):
            _stage(p, stage, o.header_font_size, scope)
    if layout.emotion is not None:
        _emotion_grid(p, layout.emotion, o.label_font_size, scope, index)
    if layout.friction is not None:
        _friction_lane(p, layout.friction, o.label_font_size, scope, index)
    for i in index.near(index.flow_buckets, len(index.flows), window):
        flow, bounds = index.flows[i]
        if scope.meets(bounds):
            _flow(p, flow, o.label_font_size, scope.shows_text(flow.label_rect))
    drawn: dict[str, Rect] = {}
    for i in index.near(index.card_buckets, len(index.cards), window):
        card = index.cards[i]
        if scope.meets(card.rect) and scope.shows_text(card.rect):
            _card(p, card, journey.touchpoint(card.id), o.name_font_size, o.label_font_size)
            drawn[card.id] = p.page_rect(card.rect)
    if layout.emotion is not None:
        _emotion_points(p, index.faces.within(scope.span))
    return drawn


class _ByX:
    """Items with an x each: those within a span, in their own order, found by bisection."""

    def __init__(self, items: list[Any], xs: list[float]) -> None:
        self.items = items
        self.order = sorted(range(len(xs)), key=xs.__getitem__)
        self.xs = [xs[i] for i in self.order]

    def within(self, span: tuple[float, float]) -> list[Any]:
        """The items with span[0] <= x <= span[1], in their original order."""
        lo, hi = bisect.bisect_left(self.xs, span[0]), bisect.bisect_right(self.xs, span[1])
        return [self.items[i] for i in sorted(self.order[lo:hi])]


class _MapIndex:
    """The flows (with their bounds) and cards of one layout, bucketed by x.

    A tiled poster draws the map once per sheet, a fitted page once per band; each
    window visits only the buckets it spans instead of every card and flow (at 5,000
    touchpoints, ~900 sheets × 6,000 flows). Buckets only narrow the search: the same
    `meets` test still decides, in layout order, so the page is drawn exactly as before.
    """

    BUCKETS = 512
    _cache: dict[int, tuple[weakref.ref[JourneyLayout], _MapIndex]] = {}

    def __init__(self, layout: JourneyLayout) -> None:
        self.flows = [(flow, _flow_bounds(flow)) for flow in layout.flows]
        self.cards = list(layout.cards.values())
        self.x0 = layout.bounds.x
        self.step = layout.bounds.w / self.BUCKETS if layout.bounds.w > 0 else 1.0
        self.flow_buckets = self._bucket([bounds for _, bounds in self.flows])
        self.card_buckets = self._bucket([card.rect for card in self.cards])
        # The lanes' marks, found by x as well: each sheet would otherwise test all of them.
        emotion, friction = layout.emotion, layout.friction
        points = list(emotion.points) if emotion is not None else []
        self.faces = _ByX(points, [pt.x for pt in points])
        self.unrated_emotion = _unrated(emotion.slots if emotion is not None else {}, {pt.id for pt in points})
        bars = list(friction.bars) if friction is not None else []
        self.bars = _ByX(bars, [b.rect.x + b.rect.w / 2 for b in bars])
        self.unrated_friction = _unrated(friction.slots if friction is not None else {}, {b.id for b in bars})
        curve = emotion.curve if emotion is not None else ()
        self.curve_starts = [curve[i][0] for i in range(0, len(curve) - 1, 3)]
        self.curve_ends = [curve[i + 3][0] for i in range(0, len(curve) - 3, 3)]
        self.curve_rises = all(a <= b for a, b in zip(self.curve_starts, self.curve_starts[1:])) and all(
            a <= b for a, b in zip(self.curve_ends, self.curve_ends[1:]))

    @classmethod
    def of(cls, layout: JourneyLayout) -> _MapIndex:
        """The index of `layout`, made once while the layout lives (a few layouts are kept)."""
        hit = cls._cache.get(id(layout))
        if hit is not None and hit[0]() is layout:
            return hit[1]
        if len(cls._cache) >= 4:
            cls._cache.clear()
        index = cls(layout)
        cls._cache[id(layout)] = (weakref.ref(layout), index)
        return index

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


def _unrated(slots: Mapping[str, float], rated: set[str]) -> _ByX:
    xs = [x for tp_id, x in slots.items() if tp_id not in rated]
    return _ByX(xs, xs)


def _stage(p: Painter, box: StageBox, size: float, scope: _Scope) -> None:
    color = box.color
    p.rect(box.column, fill=style.tint(color, 0.93), stroke=style.tint(color, 0.6), width=1.0, radius=HEADER_RADIUS)
    body = box.body
    p.line(body.x + 8, body.bottom, body.right - 8, body.bottom, stroke=style.tint(color, 0.55), width=1.0)
    h = box.header
    # rounded top corners only: a rounded rectangle plus a square lower half
    p.rect(h, fill=color, stroke=None, radius=HEADER_RADIUS)
    p.rect(Rect(h.x, h.y + h.h / 2, h.w, h.h / 2), fill=color)
    lines = box.name_lines
    if not scope.shows_text(h):
        # A band cut through this stage: name it again over the part this band shows.
        if scope.window is None or not scope.whole_text:
            return
        x0, x1 = max(h.x, scope.window.x), min(h.right, scope.window.right)
        h = Rect(x0, h.y, max(0.0, x1 - x0), h.h)
        lines = (fonts.ellipsize(" ".join(lines), fonts.BOLD, size, h.w - 2 * HEADER_PADDING),)
    ink = style.text_on(color)
    pitch = size * 1.25
    top = h.y + (h.h - pitch * len(lines)) / 2
    for i, line in enumerate(lines):
        p.text(h.x + h.w / 2, baseline(top + i * pitch, size), line, font=fonts.BOLD, size=size, fill=ink,
               anchor="middle")


def _card(p: Painter, box: CardBox, tp: Touchpoint, name_size: float, label_size: float) -> None:
    r = box.rect
    dash = DASHES.get(box.outline)
    p.rect(r, fill=style.CARD_FILL, radius=CARD_RADIUS)
    inner = r.inset(0.6)
    p.rect(inner, stroke=style.CARD_BORDER, width=1.6 if dash else 1.2, dash=dash, radius=CARD_RADIUS)
    if box.outline == "double":
        p.rect(inner.inset(3), stroke=style.CARD_BORDER, width=1.0, radius=CARD_RADIUS - 2)
    pitch = box.name_line_height or name_size * 1.25
    nr = box.name_rect
    for i, line in enumerate(box.name_lines):
        p.text(nr.x, baseline(nr.y + i * pitch, name_size), line, font=fonts.REGULAR, size=name_size, fill=style.INK)
    if tp.channel:
        glyphs.draw_channel(p, box.channel_icon, tp.channel, box.channel_label, style.MUTED)
        lr = box.channel_label_rect
        if box.channel_label and lr.w > 0:
            label = fonts.ellipsize(box.channel_label, fonts.REGULAR, label_size, lr.w)
            p.text(lr.x, baseline(lr.y + (lr.h - label_size * 1.25) / 2, label_size), label, size=label_size,
                   fill=style.MUTED)
    if tp.friction is not None:
        color = style.friction_color(tp.friction)
        glyphs.draw_badge(p, box.friction_badge, str(tp.friction), color, style.text_on(color),
                          style.tint(color, 0.3, "#000000"), label_size)
    _markers(p, box.markers, tp, label_size)


def _markers(p: Painter, area: Rect, tp: Touchpoint, size: float) -> None:
    s = min(area.h, size * 1.3)
    x, cy = area.x, area.y + area.h / 2
    for count, kind in ((len(tp.pain_points), "pain"), (len(tp.opportunities), "opportunity")):
        if not count:
            continue
        label = str(count)
        needed = s + 2 + fonts.string_width(label, fonts.REGULAR, size)
        if x + needed > area.right:
            break
        glyphs.draw_marker(p, x, cy, s, kind)
        p.text(x + s + 2, cy + size * 0.36, label, size=size, fill=style.INK)
        x += needed + 6


def _flow_bounds(flow: FlowPath) -> Rect:
    xs = [pt[0] for pt in flow.points] + [flow.arrow_tip[0]]
    ys = [pt[1] for pt in flow.points] + [flow.arrow_tip[1]]
    r = Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    if flow.label_text:
        lr = flow.label_rect
        x0, y0 = min(r.x, lr.x), min(r.y, lr.y)
        r = Rect(x0, y0, max(r.right, lr.right) - x0, max(r.bottom, lr.bottom) - y0)
    return r.inset(-ARROW_LENGTH)


def _flow(p: Painter, flow: FlowPath, size: float, with_label: bool) -> None:
    dashed = flow.kind == "backward"
    p.path(flow.points, curve=True, stroke=style.FLOW, width=1.5, dash=[5.0, 3.5] if dashed else None)
    tx, ty = flow.arrow_tip
    a = flow.arrow_angle
    bx, by = tx - ARROW_LENGTH * math.cos(a), ty - ARROW_LENGTH * math.sin(a)
    nx, ny = -math.sin(a) * ARROW_HALF_WIDTH, math.cos(a) * ARROW_HALF_WIDTH
    p.path([(tx, ty), (bx + nx, by + ny), (bx - nx, by - ny)], closed=True, fill=style.FLOW,
           stroke=style.FLOW, width=1.0)
    if flow.label_text and with_label:
        lr = flow.label_rect
        pill = lr.inset(-1.5, -0.8)  # a little air around the text; the layout keeps 4 units free
        p.rect(pill, fill=style.CARD_FILL, stroke=style.FLOW, width=0.8, radius=pill.h / 2)
        p.text(lr.x + lr.w / 2, baseline(lr.y + (lr.h - size * 1.25) / 2, size), flow.label_text, size=size,
               fill=style.INK, anchor="middle")


def _lane_frame(p: Painter, rect: Rect, title: Rect, name: str, size: float, scope: _Scope) -> bool:
    """The lane's background and name; True when its title column (name and scale) is shown."""
    p.rect(rect, fill=style.LANE_BACKGROUND, stroke=style.GRID, width=1.0, radius=LANE_RADIUS)
    shown = title.w > 0 and scope.shows_text(title)
    if shown:
        p.text(title.x, baseline(title.y, size), name, font=fonts.BOLD, size=size, fill=style.MUTED)
    return shown


def _grid_line(p: Painter, rect: Rect, title: Rect, y: float, label: str, size: float, solid: bool,
               with_label: bool) -> None:
    p.line(rect.x + 6, y, rect.right - 6, y, stroke=style.GRID, width=1.0 if solid else 0.8,
           dash=None if solid else [1.0, 2.5])
    if with_label:
        p.text(title.right - 4, y + size * 0.36, label, size=size, fill=style.MUTED, anchor="end")


def _visible_curve(curve: tuple[tuple[float, float], ...], span: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """The run of Bézier segments whose x range meets `span` (x grows along the curve)."""
    segments = range(0, len(curve) - 1, 3)
    shown = [i for i in segments if curve[i + 3][0] >= span[0] and curve[i][0] <= span[1]]
    return curve[shown[0]: shown[-1] + 4] if shown else ()


def _emotion_grid(p: Painter, lane: EmotionLane, size: float, scope: _Scope, index: _MapIndex) -> None:
    rect = lane.rect
    titled = _lane_frame(p, rect, lane.title, "Emotion", size, scope)
    for value, y in sorted(lane.level_y.items()):
        _grid_line(p, rect, lane.title, y, _signed(value), size, value == 0, titled)
    span = scope.span
    if index.curve_rises and len(index.curve_ends) == len(index.curve_starts):
        lo = bisect.bisect_left(index.curve_ends, span[0])
        hi = bisect.bisect_right(index.curve_starts, span[1])
        curve = lane.curve[3 * lo: 3 * (hi - 1) + 4] if lo < hi else ()
    else:
        curve = _visible_curve(lane.curve, span)
    if curve:
        p.path(curve, curve=True, stroke=style.FLOW, width=2.2)
    for x in index.unrated_emotion.within(span):
        p.line(x, rect.bottom - 8, x, rect.bottom - 3, stroke=style.GRID, width=1.4)


def _emotion_points(p: Painter, points: Iterable[EmotionPoint]) -> None:
    for point in points:
        fill = style.emotion_color(point.emotion)
        glyphs.draw_face(p, point.x, point.y, FACE_RADIUS, point.emotion, fill, style.text_on(fill))


def _friction_lane(p: Painter, lane: FrictionLane, size: float, scope: _Scope, index: _MapIndex) -> None:
    rect = lane.rect
    titled = _lane_frame(p, rect, lane.title, "Friction", size, scope)
    for value, y in sorted(lane.level_y.items()):
        if value in (0, 2, 4):
            _grid_line(p, rect, lane.title, y, str(value), size, value == 0, titled)
    span = scope.span
    for bar in index.bars.within(span):
        r = bar.rect
        border = style.tint(bar.color, 0.3, "#000000")
        if r.h > 0:
            p.rect(r, fill=bar.color, stroke=border, width=1.0, radius=2)
        else:
            p.line(r.x, r.y, r.right, r.y, stroke=border, width=1.5)
        p.text(r.x + r.w / 2, r.y - 4, str(bar.friction), font=fonts.BOLD, size=size, fill=style.INK,
               anchor="middle")
    base = lane.level_y.get(0, rect.bottom)
    for x in index.unrated_friction.within(span):
        p.text(x, base - 4, "\u2013", size=size, fill=style.MUTED, anchor="middle")
