"""Draw a `JourneyLayout` on a PDF page, the way the canvas paints it on screen.

Everything comes from the layout (positions, wrapped and elided text); this module only
chooses strokes, fills and glyphs. Text is drawn in the layout's units, so a card name
the layout fitted into its card stays inside it on paper at any scale.

The map is written as PDF operators in layout units (`pdfops`) and placed under one
transformation. Each card, flow, flow label, face and friction bar is written once per
document and kept: a tiled poster shows it again on the overview and on every sheet it
reaches, and those copy the kept operators instead of drawing it again.
"""

from __future__ import annotations

import bisect
import math
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from journeymap.export.pdf import fonts, glyphs, map_compare, map_lanes, persona_lines
from journeymap.export.pdf.map_index import ARROW_LENGTH, MapIndex
from journeymap.export.pdf.painter import Painter
from journeymap.export.pdf.pdfops import OpsWriter, Piece, origin_of, place
from journeymap.layout import style
from journeymap.layout.geometry import (
    CardBox,
    EmotionLane,
    EmotionPoint,
    FlowPath,
    FrictionBar,
    FrictionLane,
    JourneyLayout,
    LaneBox,
    LaneCell,
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


class _Kept:
    """The operators of the cards, flows, flow labels, faces and bars of one layout, written
    on first use for one document (text subsets and form names belong to it)."""

    def __init__(self, writer: OpsWriter, layout: JourneyLayout, journey: Journey) -> None:
        self.writer = writer
        self.journey = journey
        o = layout.options
        self.name_size, self.label_size, self.header_size = o.name_font_size, o.label_font_size, o.header_font_size
        self.lane_size = o.lane_font_size
        self.pieces: dict[tuple[object, ...], Piece] = {}

    @classmethod
    def of(cls, p: Painter, layout: JourneyLayout, journey: Journey) -> _Kept:
        """The kept operators of `layout` in `p`'s document (made afresh for another layout)."""
        held = p.session.map_pieces
        if held is not None and held[0]() is layout and held[1] is journey:
            kept: _Kept = held[2]
            return kept
        kept = cls(OpsWriter(p.session), layout, journey)
        p.session.map_pieces = (weakref.ref(layout), journey, kept)
        return kept

    def _get(self, key: tuple[object, ...], draw: Callable[[OpsWriter], None], x: float = 0.0) -> Piece:
        """The piece under `key`, drawn by `draw` from the origin for x on first use."""
        piece = self.pieces.get(key)
        if piece is None:
            self.writer.move_origin(origin_of(x))
            draw(self.writer)
            piece = self.pieces[key] = self.writer.take()
        return piece

    def stage(self, i: int, box: StageBox, named: bool) -> Piece:
        """Stage `i`'s column and header, with its name or without."""
        def draw(w: OpsWriter) -> None:
            _stage_frame(w, box)
            if named:
                _stage_name(w, box, self.header_size, box.header, box.name_lines)
        return self._get(("stage", i, named), draw)

    def lane(self, lane: EmotionLane | FrictionLane, titled: bool, title: tuple[str, ...]) -> Piece:
        """A lane's background and level lines, with its title column or without."""
        return self._get(("lane", isinstance(lane, EmotionLane), titled),
                         lambda w: _lane_grid(w, lane, self.label_size, titled, title))

    def lane_box(self, lane: LaneBox, titled: bool) -> Piece:
        """A text, pain-point, opportunity or metric lane's background, with its title or without."""
        return self._get(("lanebox", lane.key, titled),
                         lambda w: map_lanes.lane_frame(w, lane, self.label_size, titled))

    def cell(self, lane: LaneBox, c: LaneCell) -> Piece:
        """A lane cell's notes (or metric value and bar)."""
        return self._get(("cell", lane.key, c.id), lambda w: map_lanes.cell(w, lane, c, self.lane_size), c.rect.x)

    def card(self, card: CardBox) -> Piece:
        """A card with its name, channel, badge and markers."""
        return self._get(("card", card.id), lambda w: _card(
            w, card, self.journey.touchpoint(card.id), self.name_size, self.label_size), card.rect.x)

    def flow(self, i: int, flow: FlowPath) -> Piece:
        """Flow `i`'s line and arrow head."""
        return self._get(("flow", i), lambda w: _flow(w, flow), flow.arrow_tip[0])

    def label(self, i: int, flow: FlowPath) -> Piece:
        """Flow `i`'s label on its pill."""
        return self._get(("label", i), lambda w: _flow_label(w, flow, self.label_size), flow.label_rect.x)

    def face(self, point: EmotionPoint) -> Piece:
        """An emotion point's face."""
        return self._get(("face", id(point)), lambda w: _emotion_point(w, point), point.x)

    def bar(self, bar: FrictionBar) -> Piece:
        """A friction bar and its number."""
        return self._get(("bar", id(bar)), lambda w: _friction_bar(w, bar, self.label_size), bar.rect.x)


def draw_map(p: Painter, layout: JourneyLayout, journey: Journey, window: Rect | None = None,
             *, whole_labels: bool = False) -> dict[str, Rect]:
    """Draw the whole map (or what meets `window`, in layout units) with painter `p`.

    With `whole_labels`, text that does not lie wholly inside `window` is left out (bands).
    Returns the rectangle of every card drawn, in page points measured from the page's
    bottom-left corner (as PDF tools report text positions).
    """
    o = layout.options
    scope = _Scope(window, whole_labels)
    index = MapIndex.of(layout)
    kept = _Kept.of(p, layout, journey)
    w = OpsWriter(p.session)
    for i, stage in enumerate(layout.stages):
        if scope.meets(stage.column):
            _stage(w, i, stage, o.header_font_size, scope, kept)
    for lane in layout.lanes:
        if not scope.meets(lane.band):
            continue
        if lane.kind == "emotion" and layout.emotion is not None:
            _emotion_lane(w, layout.emotion, lane.title_lines, scope, index, kept)
        elif lane.kind == "friction" and layout.friction is not None:
            _friction_lane(w, layout.friction, lane.title_lines, o.label_font_size, scope, index, kept)
        else:
            _cells_lane(w, lane, scope, index, kept)
    for rule in layout.rules:
        if scope.meets(Rect(rule.x0, rule.label_rect.y, rule.x1 - rule.x0, rule.y - rule.label_rect.y + 1)):
            w.move_origin(origin_of(0.0))
            map_lanes.rule(w, rule, o.label_font_size, scope.shows_text(rule.label_rect))
    for i in index.near(index.flow_buckets, len(index.flows), window):
        flow, bounds = index.flows[i]
        if scope.meets(bounds):
            w.add(kept.flow(i, flow))
            if flow.label_text and scope.shows_text(flow.label_rect):
                w.add(kept.label(i, flow))
    drawn: dict[str, Rect] = {}
    for i in index.near(index.card_buckets, len(index.cards), window):
        card = index.cards[i]
        if scope.meets(card.rect) and scope.shows_text(card.rect):
            w.add(kept.card(card))
            drawn[card.id] = p.page_rect(card.rect)
            mark = layout.marks.get(card.id)
            if mark is not None:
                map_compare.badge(w, mark, o.label_font_size)
    if layout.emotion is not None and not layout.emotion.personas:
        for point in index.faces.within(scope.span):
            w.add(kept.face(point))
    place(p.session, p.s, p.ox, p.oy, w.take_all())
    return drawn


def _stage_frame(p: OpsWriter, box: StageBox) -> None:
    color = box.color
    p.rect(box.column, fill=style.tint(color, 0.93), stroke=style.tint(color, 0.6), width=1.0, radius=HEADER_RADIUS)
    body = box.body
    p.line(body.x + 8, body.bottom, body.right - 8, body.bottom, stroke=style.tint(color, 0.55), width=1.0)
    h = box.header
    # rounded top corners only: a rounded rectangle plus a square lower half
    p.rect(h, fill=color, stroke=None, radius=HEADER_RADIUS)
    p.rect(Rect(h.x, h.y + h.h / 2, h.w, h.h / 2), fill=color)


def _stage_name(p: OpsWriter, box: StageBox, size: float, header: Rect, lines: tuple[str, ...]) -> None:
    ink = style.text_on(box.color)
    pitch = size * 1.25
    top = header.y + (header.h - pitch * len(lines)) / 2
    for i, line in enumerate(lines):
        p.text(header.x + header.w / 2, baseline(top + i * pitch, size), line, font=fonts.BOLD, size=size, fill=ink,
               anchor="middle")


def _stage(p: OpsWriter, i: int, box: StageBox, size: float, scope: _Scope, kept: _Kept) -> None:
    h = box.header
    named = scope.shows_text(h)
    p.add(kept.stage(i, box, named))
    if not named and scope.window is not None and scope.whole_text:
        # A band cut through this stage: name it again over the part this band shows.
        x0, x1 = max(h.x, scope.window.x), min(h.right, scope.window.right)
        h = Rect(x0, h.y, max(0.0, x1 - x0), h.h)
        p.move_origin(origin_of(x0))
        _stage_name(p, box, size, h, (fonts.ellipsize(" ".join(box.name_lines), fonts.BOLD, size,
                                                       h.w - 2 * HEADER_PADDING),))


def _card_frame(p: OpsWriter, r: Rect, outline: str) -> None:
    dash = DASHES.get(outline)
    p.rect(r, fill=style.CARD_FILL, radius=CARD_RADIUS)
    inner = r.inset(0.6)
    p.rect(inner, stroke=style.CARD_BORDER, width=1.6 if dash else 1.2, dash=dash, radius=CARD_RADIUS)
    if outline == "double":
        p.rect(inner.inset(3), stroke=style.CARD_BORDER, width=1.0, radius=CARD_RADIUS - 2)


def _card(p: OpsWriter, box: CardBox, tp: Touchpoint, name_size: float, label_size: float) -> None:
    r = box.rect
    frame = Rect(0, 0, r.w, r.h)
    p.symbol(("card", r.w, r.h, box.outline), r.x, r.y, frame.inset(-2),
             lambda q: _card_frame(q, frame, box.outline))
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
        b, number = box.friction_badge, str(tp.friction)
        color = style.friction_color(tp.friction)
        ink, border = style.text_on(color), style.tint(color, 0.3, "#000000")
        badge = Rect(0, 0, b.w, b.h)
        p.symbol(("badge", b.w, b.h, number, color, ink, border, label_size), b.x, b.y,
                 badge.inset(-label_size, -label_size),
                 lambda q: glyphs.draw_badge(q, badge, number, color, ink, border, label_size))
    _markers(p, box.markers, tp, label_size)


def _marker(size: float, kind: str) -> Callable[[OpsWriter], object]:
    return lambda q: glyphs.draw_marker(q, 0, 0, size, kind)


def _markers(p: OpsWriter, area: Rect, tp: Touchpoint, size: float) -> None:
    s = min(area.h, size * 1.3)
    x, cy = area.x, area.y + area.h / 2
    for count, kind in ((len(tp.pain_points), "pain"), (len(tp.opportunities), "opportunity")):
        if not count:
            continue
        label = str(count)
        needed = s + 2 + fonts.string_width(label, fonts.REGULAR, size)
        if x + needed > area.right:
            break
        p.symbol(("marker", kind, s), x, cy, Rect(-s, -2 * s, 3 * s, 4 * s), _marker(s, kind))
        p.text(x + s + 2, cy + size * 0.36, label, size=size, fill=style.INK)
        x += needed + 6


def _flow(p: OpsWriter, flow: FlowPath) -> None:
    dashed = flow.kind == "backward"
    p.path(flow.points, curve=True, stroke=style.FLOW, width=1.5, dash=[5.0, 3.5] if dashed else None)
    tx, ty = flow.arrow_tip
    a = flow.arrow_angle
    bx, by = tx - ARROW_LENGTH * math.cos(a), ty - ARROW_LENGTH * math.sin(a)
    nx, ny = -math.sin(a) * ARROW_HALF_WIDTH, math.cos(a) * ARROW_HALF_WIDTH
    p.path([(tx, ty), (bx + nx, by + ny), (bx - nx, by - ny)], closed=True, fill=style.FLOW,
           stroke=style.FLOW, width=1.0)


def _flow_label(p: OpsWriter, flow: FlowPath, size: float) -> None:
    lr = flow.label_rect
    pill = lr.inset(-1.5, -0.8)  # a little air around the text; the layout keeps 4 units free
    p.rect(pill, fill=style.CARD_FILL, stroke=style.FLOW, width=0.8, radius=pill.h / 2)
    p.text(lr.x + lr.w / 2, baseline(lr.y + (lr.h - size * 1.25) / 2, size), flow.label_text, size=size,
           fill=style.INK, anchor="middle")


def _lane_grid(p: OpsWriter, lane: EmotionLane | FrictionLane, size: float, titled: bool,
               lines: tuple[str, ...]) -> None:
    """A lane's background and level lines; with `titled`, its name and scale too."""
    rect, title = lane.rect, lane.title
    emotion = isinstance(lane, EmotionLane)
    p.rect(rect, fill=style.LANE_BACKGROUND, stroke=style.GRID, width=1.0, radius=LANE_RADIUS)
    if titled:
        map_lanes.draw_title(p, title, lines, size)
    for value, y in sorted(lane.level_y.items()):
        if not emotion and value not in (0, 2, 4):
            continue
        solid = value == 0
        p.line(rect.x + 6, y, rect.right - 6, y, stroke=style.GRID, width=1.0 if solid else 0.8,
               dash=None if solid else [1.0, 2.5])
        if titled:
            p.text(title.right - 4, y + size * 0.36, _signed(value) if emotion else str(value), size=size,
                   fill=style.MUTED, anchor="end")


def _titled(lane: EmotionLane | FrictionLane, scope: _Scope) -> bool:
    """Whether the lane's title column (name and scale) is shown."""
    return lane.title.w > 0 and scope.shows_text(lane.title)


def _visible_curve(
    curve: tuple[tuple[float, float], ...], span: tuple[float, float]
) -> tuple[tuple[float, float], ...]:
    """The run of Bézier segments whose x range meets `span` (x grows along the curve)."""
    segments = range(0, len(curve) - 1, 3)
    shown = [i for i in segments if curve[i + 3][0] >= span[0] and curve[i][0] <= span[1]]
    return curve[shown[0]: shown[-1] + 4] if shown else ()


def _cells_lane(p: OpsWriter, lane: LaneBox, scope: _Scope, index: MapIndex, kept: _Kept) -> None:
    p.add(kept.lane_box(lane, lane.title.w > 0 and scope.shows_text(lane.title)))
    for c in index.cells_near(lane.key, scope.window):
        if scope.meets(c.rect) and scope.shows_text(c.rect):
            p.add(kept.cell(lane, c))


def _emotion_lane(p: OpsWriter, lane: EmotionLane, title: tuple[str, ...], scope: _Scope, index: MapIndex,
                  kept: _Kept) -> None:
    rect = lane.rect
    titled = _titled(lane, scope)
    p.add(kept.lane(lane, titled, title))
    span = scope.span
    if lane.compare is not None:  # the other version's line, under this one's
        map_compare.other_line(p, lane.compare, span)
    if lane.personas:
        # a line per persona instead of the main curve and its faces
        p.move_origin(origin_of(0.0))
        if titled:
            persona_lines.draw_legend(p, lane, lane.title, len(title), kept.label_size)
        for line in lane.personas:
            persona_lines.draw_line(p, line, span)
        return
    if index.curve_rises and len(index.curve_ends) == len(index.curve_starts):
        lo = bisect.bisect_left(index.curve_ends, span[0])
        hi = bisect.bisect_right(index.curve_starts, span[1])
        curve = lane.curve[3 * lo: 3 * (hi - 1) + 4] if lo < hi else ()
    else:
        curve = _visible_curve(lane.curve, span)
    if curve:
        p.move_origin(origin_of(curve[0][0]))
        p.path(curve, curve=True, stroke=style.FLOW, width=2.2)
    for b, bounds in index.branches:
        if scope.meets(bounds):
            p.move_origin(origin_of(min(b.points[0][0], b.points[-1][0])))
            map_lanes.branch(p, b)
    for x in index.unrated_emotion.within(span):
        p.move_origin(origin_of(x))
        p.line(x, rect.bottom - 8, x, rect.bottom - 3, stroke=style.GRID, width=1.4)


def _emotion_point(p: OpsWriter, point: EmotionPoint) -> None:
    fill = style.emotion_color(point.emotion)
    e, r = point.emotion, FACE_RADIUS
    p.symbol(("face", e, r, fill), point.x, point.y, Rect(-2 * r, -2 * r, 4 * r, 4 * r),
             lambda q: glyphs.draw_face(q, 0, 0, r, e, fill, style.text_on(fill)))


def _friction_lane(p: OpsWriter, lane: FrictionLane, title: tuple[str, ...], size: float, scope: _Scope,
                   index: MapIndex, kept: _Kept) -> None:
    rect = lane.rect
    p.add(kept.lane(lane, _titled(lane, scope), title))
    span = scope.span
    for bar in index.bars.within(span):
        p.add(kept.bar(bar))
    base = lane.level_y.get(0, rect.bottom)
    for x in index.unrated_friction.within(span):
        p.move_origin(origin_of(x))
        p.text(x, base - 4, "\u2013", size=size, fill=style.MUTED, anchor="middle")


def _friction_bar(p: OpsWriter, bar: FrictionBar, size: float) -> None:
    r = bar.rect
    local = Rect(0, 0, r.w, r.h)
    p.symbol(("bar", r.w, r.h, bar.color, bar.friction, size), r.x, r.y,
             Rect(-size * 2, -size * 2 - 4, r.w + size * 4, r.h + size * 2 + 8),
             lambda q: _bar_shape(q, local, bar.color, bar.friction, size))


def _bar_shape(p: OpsWriter, r: Rect, color: str, friction: int, size: float) -> None:
    border = style.tint(color, 0.3, "#000000")
    if r.h > 0:
        p.rect(r, fill=color, stroke=border, width=1.0, radius=2)
    else:
        p.line(r.x, r.y, r.right, r.y, stroke=border, width=1.5)
    p.text(r.x + r.w / 2, r.y - 4, str(friction), font=fonts.BOLD, size=size, fill=style.INK,
           anchor="middle")
