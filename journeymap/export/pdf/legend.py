"""The legend: every symbol of the map explained, flowed into as many rows as the page needs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeymap.export.pdf import fonts, glyphs
from journeymap.export.pdf.painter import Painter
from journeymap.layout import style
from journeymap.layout.geometry import Rect
from journeymap.model import EMOTIONS, EVIDENCE_LEVELS, FRICTIONS, Journey, channel_label

Draw = Callable[[Painter, float, float], None]  # painter, x, top of the symbol box


@dataclass(frozen=True)
class Entry:
    """One symbol and its words; `heading` entries start a group."""

    label: str
    symbol_width: float
    draw: Draw | None = None
    heading: bool = False


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"\u2212{-value}")


def _entries(journey: Journey, g: float) -> list[list[Entry]]:
    """The legend's groups for symbols `g` points high."""
    def face(e: int) -> Draw:
        return lambda p, x, y: glyphs.draw_face(p, x + g / 2, y + g / 2, g / 2, e, style.emotion_color(e),
                                                style.text_on(style.emotion_color(e)))

    def badge(f: int) -> Draw:
        color = style.friction_color(f)
        return lambda p, x, y: glyphs.draw_badge(p, Rect(x, y + g * 0.12, g * 1.3, g * 0.76), str(f), color,
                                                 style.text_on(color), style.CARD_BORDER, g * 0.55)

    def outline(kind: str) -> Draw:
        def draw(p: Painter, x: float, y: float) -> None:
            card = Rect(x + 0.5, y + g * 0.1, g * 1.6 - 1, g * 0.8)
            dash = {"dashed": [g * 0.22, g * 0.14], "dotted": [g * 0.07, g * 0.13]}.get(kind)
            p.rect(card, fill=style.CARD_FILL, stroke=style.CARD_BORDER, width=g * (0.12 if dash else 0.09), dash=dash,
                   radius=g * 0.15)
            if kind == "double":
                p.rect(card.inset(g * 0.14), stroke=style.CARD_BORDER, width=g * 0.07, radius=g * 0.08)
        return draw

    def channel(cid: str | None) -> Draw:
        label = channel_label(cid)
        return lambda p, x, y: glyphs.draw_channel(p, Rect(x, y, g, g), cid or "", label, style.INK)

    def marker(kind: str) -> Draw:
        def draw(p: Painter, x: float, y: float) -> None:
            glyphs.draw_marker(p, x, y + g / 2, g * 0.8, kind)
        return draw

    def arrow(dashed: bool) -> Draw:
        def draw(p: Painter, x: float, y: float) -> None:
            mid = y + g / 2
            p.line(x, mid, x + g * 1.3, mid, stroke=style.FLOW, width=g * 0.1,
                   dash=[g * 0.25, g * 0.15] if dashed else None)
            tip = x + g * 1.8
            p.path([(tip, mid), (tip - g * 0.55, mid - g * 0.3), (tip - g * 0.55, mid + g * 0.3)],
                   closed=True, fill=style.FLOW)
        return draw

    emotion = [Entry("Emotion", 0, heading=True)] + [
        Entry(f"{_signed(e)} {name}", g, face(e)) for e, name in EMOTIONS.items()]
    friction = [Entry("Friction", 0, heading=True)] + [
        Entry(name, g * 1.3, badge(f)) for f, name in FRICTIONS.items()]
    evidence = [Entry("Evidence", 0, heading=True)] + [
        Entry(name + (" / not stated" if level == "observed" else ""), g * 1.6,
              outline(style.OUTLINE_BY_EVIDENCE[level])) for level, name in EVIDENCE_LEVELS.items()]
    card = [
        Entry("On cards", 0, heading=True),
        Entry("pain points", g * 0.8, marker("pain")),
        Entry("opportunities", g * 0.8, marker("opportunity")),
        Entry("flow", g * 1.8, arrow(False)),
        Entry("flow back (loop)", g * 1.8, arrow(True)),
    ]
    def stroke(width: float, dash: list[float] | None, color: str) -> Draw:
        def draw(p: Painter, x: float, y: float) -> None:
            p.line(x, y + g / 2, x + g * 1.8, y + g / 2, stroke=color, width=g * width, dash=dash)
        return draw

    lanes = [Entry("Lanes", 0, heading=True)]
    if journey.has_lane("emotion"):
        lanes.append(Entry("emotion, main path", g * 1.8, stroke(0.2, None, style.FLOW)))
        if any(t.row and t.emotion is not None for t in journey):
            lanes.append(Entry("emotion, another path", g * 1.8, stroke(0.11, [g * 0.36, g * 0.27], style.FLOW)))
    sections = {lane.section for lane in journey.lanes()}
    if len(sections) > 1:
        lanes.append(Entry("blueprint line", g * 1.8, stroke(0.09, [g * 0.55, g * 0.36], style.MUTED)))
    used = list(dict.fromkeys(t.channel for t in journey if t.channel))
    channels = [Entry("Channels", 0, heading=True)] + [Entry(channel_label(c), g, channel(c)) for c in used]
    groups = [emotion, friction, evidence, card]
    if journey.lanes():
        groups.append(lanes)
    if used:
        groups.append(channels)
    return groups


@dataclass(frozen=True)
class _Placed:
    entry: Entry
    x: float
    row: int


def _place(groups: list[list[Entry]], width: float, g: float, size: float) -> tuple[list[_Placed], int]:
    gap, group_gap = g * 0.35, g * 1.2

    def entry_width(e: Entry) -> float:
        font = fonts.BOLD if e.heading else fonts.REGULAR
        symbol = e.symbol_width + gap if e.symbol_width else 0
        return symbol + fonts.string_width(e.label, font, size) + gap * 1.6

    placed: list[_Placed] = []
    x, row = 0.0, 0
    for group in groups:
        group_w = sum(entry_width(e) for e in group)
        if x > 0 and x + group_w > width:
            x, row = 0.0, row + 1
        for e in group:
            w = entry_width(e)
            if x > 0 and x + w > width:
                x, row = 0.0, row + 1
            placed.append(_Placed(e, x, row))
            x += w
        x += group_gap - gap * 1.6
    return placed, row + 1


def legend_height(journey: Journey, width: float, k: float) -> float:
    """Height of the legend for a page `width` wide at furniture scale `k`."""
    g, size = 11 * k, 7.5 * k
    _, rows = _place(_entries(journey, g), width, g, size)
    return rows * g * 1.55 + g * 0.5


def draw_legend(p: Painter, area: Rect, journey: Journey, k: float) -> None:
    """The legend in `area` (as tall as `legend_height`), a rule above it."""
    g, size = 11 * k, 7.5 * k
    placed, _ = _place(_entries(journey, g), area.w, g, size)
    p.line(area.x, area.y, area.right, area.y, stroke="#8C959F", width=0.8 * k)
    gap = g * 0.35
    for item in placed:
        e = item.entry
        x = area.x + item.x
        top = area.y + g * 0.5 + item.row * g * 1.55
        baseline = top + g / 2 + size * 0.36
        if e.heading:
            p.text(x, baseline, e.label, font=fonts.BOLD, size=size, fill=style.INK)
            continue
        if e.draw is not None:
            e.draw(p, x, top)
        p.text(x + e.symbol_width + gap, baseline, e.label, size=size, fill=style.INK)
