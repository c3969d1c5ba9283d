"""Live layouts of a card being dragged, derived from the journey's own layout.

`compute_layout(journey, order=...)` lays out the whole map: on thousands of touchpoints
that is far too slow for every slot the mouse passes. `DragPreview` computes it again
only where it changes. Moving one card moves the other cards only sideways (rows keep
their touchpoints), so it recomputes the x of every slot (a sum over floats), re-places
the cards, stage columns and lane points whose x changed, translates the flows whose
two ends moved alike, and reroutes the few flows whose ends moved apart.

Cards, slots, stage columns and lanes come out as `compute_layout` would place them.
Rerouted flows take their lanes among themselves, and every row keeps the height of
the journey's own layout, so arrows may overlap until the drop lays the map out anew.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from journeymap.layout import _flows
from journeymap.layout._lanes import monotone_curve
from journeymap.layout.engine import HEADER_PADDING
from journeymap.layout.geometry import (
    CardBox,
    EmotionLane,
    EmotionPoint,
    FlowPath,
    FrictionBar,
    FrictionLane,
    JourneyLayout,
    Point,
    Rect,
    SlotBox,
    StageBox,
)
from journeymap.layout.style import HEADER_BOLD
from journeymap.layout.text import line_height, wrap_text
from journeymap.model import Flow, Journey


def shift_rect(rect: Rect, dx: float) -> Rect:
    """`rect` moved `dx` to the right."""
    return Rect(rect.x + dx, rect.y, rect.w, rect.h)


def move_card(box: CardBox, x: float, stage: str, index: int) -> CardBox:
    """`box` with its card at `x`, now step `index` of `stage` (what it shows is unchanged)."""
    dx = x - box.rect.x
    return replace(
        box, stage=stage, index=index, rect=Rect(x, box.rect.y, box.rect.w, box.rect.h),
        channel_icon=shift_rect(box.channel_icon, dx), friction_badge=shift_rect(box.friction_badge, dx),
        markers=shift_rect(box.markers, dx), name_rect=shift_rect(box.name_rect, dx),
        channel_label_rect=shift_rect(box.channel_label_rect, dx),
    )


def shift_flow(flow: FlowPath, dx: float) -> FlowPath:
    """`flow` moved `dx` to the right."""
    return replace(
        flow, points=tuple((x + dx, y) for x, y in flow.points),
        label_anchor=(flow.label_anchor[0] + dx, flow.label_anchor[1]),
        arrow_tip=(flow.arrow_tip[0] + dx, flow.arrow_tip[1]), label_rect=shift_rect(flow.label_rect, dx),
    )


@dataclass(frozen=True)
class Preview:
    """One live layout and what changed since the previous one."""

    layout: JourneyLayout
    cards: frozenset[str]                   # cards whose box changed
    flows: Mapping[tuple[str, str], FlowPath]               # flows whose path changed: their new paths
    shifted: Mapping[tuple[str, str], tuple[FlowPath, float]]  # of those: (path before, dx) when only translated


class DragPreview:
    """Layouts of `journey` with touchpoint `tp_id` moved to other slots, from `base`, the
    layout of the journey as it is (`compute_layout(journey, base.options)`)."""

    def __init__(self, journey: Journey, base: JourneyLayout, tp_id: str) -> None:
        o = base.options
        self.base = base
        self.tp_id = tp_id
        self.stage_ids = [s.id for s in base.stages]
        self.stage_names = {s.id: journey.stage(s.id).name for s in base.stages}
        #: step order of every stage, the dragged card left out
        self.members = {s: [t for t in journey.touchpoint_ids(s) if t != tp_id] for s in self.stage_ids}
        self.flows: dict[tuple[str, str], Flow] = {(f.source, f.target): f for f in journey.flows()} \
            if o.show_flows else {}
        self.flows_at: dict[str, list[tuple[str, str]]] = {}
        for key in self.flows:
            for end in key:
                self.flows_at.setdefault(end, []).append(key)
        own_slot = {s.id: g for g, s in enumerate(base.slots) if s.id is not None}
        self.needs = _flows.label_gap_needs(list(self.flows.values()), own_slot, o.label_font_size, o.card_width)
        lanes_shown = o.show_emotion or o.show_friction
        self.left = o.margin + (o.lane_title_width + o.stage_gap if lanes_shown else 0.0)
        rows = sorted(base.rows)
        self.vrow = {c.id: rows.index(c.row) for c in base.cards.values()}
        self.row_count = len(rows)
        self.channel_top = [base.rows[r] + o.card_height for r in rows]
        self.emotion = {p.id: p.emotion for p in base.emotion.points} if base.emotion else {}
        self.friction = {b.id: b for b in base.friction.bars} if base.friction else {}
        self._header_lines: dict[tuple[str, float], tuple[str, ...]] = {}
        self.current = base
        self._slot_of = own_slot

    # ------------------------------------------------------------------ the one entry point
    def layout_for(self, stage: str, index: int) -> Preview:
        """The layout with the dragged card inserted at step `index` of `stage`."""
        o, prev = self.base.options, self.current
        order = [(s, list(self.members[s])) for s in self.stage_ids]
        for s, ids in order:
            if s == stage:
                ids.insert(max(0, min(index, len(ids))), self.tp_id)
        slot_stage: list[int] = []
        slot_ids: list[str | None] = []
        slot_step: list[int] = []
        for k, (_, ids) in enumerate(order):
            slot_stage += [k] * max(1, len(ids))
            slot_ids += ids or [None]
            slot_step += range(max(1, len(ids)))
        slot_x = self._slot_x(slot_stage, slot_ids)
        slot_of = {t: g for g, t in enumerate(slot_ids) if t is not None}

        cards = dict(prev.cards)
        changed: dict[str, float] = {}
        for g, t in enumerate(slot_ids):
            if t is None:
                continue
            box = cards[t]
            s = self.stage_ids[slot_stage[g]]
            if box.rect.x != slot_x[g] or box.index != slot_step[g] or box.stage != s:
                changed[t] = slot_x[g] - box.rect.x
                cards[t] = move_card(box, slot_x[g], s, slot_step[g])

        stages, area = self._stages(prev, slot_stage, slot_step, slot_x)
        slots = tuple(
            old if old.x == x and old.id == t and old.index == step and old.stage == self.stage_ids[k]
            else SlotBox(self.stage_ids[k], step, x, o.card_width, t)
            for old, k, t, step, x in _zip_old(prev.slots, slot_stage, slot_ids, slot_step, slot_x)
        )
        flows, changed_flows, shifted = self._flows(prev, cards, changed, slot_of, slot_x)
        emotion, friction = self._lanes(prev, cards, changed, slot_ids, area)
        bounds = Rect(0.0, 0.0, max(area[1], self.left) + o.margin, self.base.bounds.h)
        layout = JourneyLayout(options=o, bounds=bounds, stages=stages, cards=cards, flows=flows, emotion=emotion,
                               friction=friction, slots=slots, rows=self.base.rows)
        self.current, self._slot_of = layout, slot_of
        return Preview(layout, frozenset(changed), changed_flows, shifted)

    # ------------------------------------------------------------------ pieces
    def _slot_x(self, slot_stage: list[int], slot_ids: list[str | None]) -> list[float]:
        # The engine's sums: the card gap inside a stage, padding + gap + padding between
        # stages, or more where a flow label to the own-order neighbour needs it.
        o, needs = self.base.options, self.needs
        inner, between = o.card_gap, 2 * o.stage_padding + o.stage_gap
        x = self.left + o.stage_padding
        xs = [x]
        for g in range(len(slot_ids) - 1):
            base = inner if slot_stage[g] == slot_stage[g + 1] else between
            t = slot_ids[g]
            need = needs.get(t, 0.0) if t is not None else 0.0
            x = x + o.card_width + (need if need > base else base)
            xs.append(x)
        return xs

    def _stages(self, prev: JourneyLayout, slot_stage: list[int], slot_step: list[int],
                slot_x: list[float]) -> tuple[tuple[StageBox, ...], tuple[float, float]]:
        o = self.base.options
        span = [[0.0, 0.0] for _ in self.stage_ids]
        first = [0] * len(self.stage_ids)
        count = [0] * len(self.stage_ids)
        last = len(slot_x) - 1
        for g, k in enumerate(slot_stage):
            count[k] += 1
            if slot_step[g] == 0:
                span[k][0] = slot_x[g] - o.stage_padding
                first[k] = g
            if g == last:
                span[k][1] = slot_x[g] + o.card_width + o.stage_padding
            elif slot_stage[g + 1] != k:
                span[k][1] = slot_x[g + 1] - o.stage_gap - o.stage_padding
        stages = []
        for k, old in enumerate(prev.stages):
            x0, x1 = span[k]
            if (old.column.x, old.column.right, old.first_slot, old.slot_count) == (x0, x1, first[k], count[k]):
                stages.append(old)
                continue
            w = x1 - x0
            key = (old.id, w)
            lines = self._header_lines.get(key)
            if lines is None:
                lines = wrap_text(self.stage_names[old.id], w - 2 * HEADER_PADDING, o.header_font_size, 2, HEADER_BOLD)
                self._header_lines[key] = lines
            stages.append(replace(
                old, name_lines=lines, column=Rect(x0, old.column.y, w, old.column.h),
                header=Rect(x0, old.header.y, w, old.header.h), body=Rect(x0, old.body.y, w, old.body.h),
                first_slot=first[k], slot_count=count[k]))
        area = (span[0][0], span[-1][1]) if span else (self.left, self.left)
        return tuple(stages), area

    def _flows(self, prev: JourneyLayout, cards: Mapping[str, CardBox], changed: Mapping[str, float],
               slot_of: Mapping[str, int], slot_x: list[float],
               ) -> tuple[tuple[FlowPath, ...], dict[tuple[str, str], FlowPath],
                          dict[tuple[str, str], tuple[FlowPath, float]]]:
        keys = {key for t in changed for key in self.flows_at.get(t, ())}
        keys.update(self.flows_at.get(self.tp_id, ()))
        if not keys:
            return prev.flows, {}, {}
        old_slot = self._slot_of
        shifted: dict[tuple[str, str], tuple[FlowPath, float]] = {}
        reroute: list[Flow] = []
        for key in keys:
            s, t = key
            dx = changed.get(s, 0.0)
            if (self.tp_id not in key and dx == changed.get(t, 0.0)
                    and slot_of[t] - slot_of[s] == old_slot[t] - old_slot[s]):
                shifted[key] = (None, dx)  # type: ignore[assignment]  # filled in below
            else:
                reroute.append(self.flows[key])
        paths = self._route(reroute, cards, slot_of, slot_x)
        flows = []
        for old in prev.flows:
            key = (old.source, old.target)
            if key not in keys:
                flows.append(old)
                continue
            if key in shifted:
                dx = shifted[key][1]
                shifted[key] = (old, dx)
                paths[key] = shift_flow(old, dx)
            flows.append(paths[key])
        return tuple(flows), {k: paths[k] for k in keys if k in paths}, shifted

    def _route(self, flows: list[Flow], cards: Mapping[str, CardBox], slot_of: Mapping[str, int],
               slot_x: list[float]) -> dict[tuple[str, str], FlowPath]:
        """Paths of `flows` by the engine's routing, among themselves, in the rows as they are."""
        if not flows:
            return {}
        o = self.base.options
        row_slots: list[list[int]] = [[] for _ in range(self.row_count)]
        for t, g in slot_of.items():
            row_slots[self.vrow[t]].append(g)
        for row in row_slots:
            row.sort()
        routes = _flows.plan_routes(flows, slot_of, self.vrow, row_slots)
        rects = {t: cards[t].rect for f in flows for t in (f.source, f.target)}

        def gutter_x(g: int, k: int) -> float:
            end = slot_x[g] + o.card_width
            half = (slot_x[g + 1] - end) / 2
            offset = min(_flows.GUTTER_STEP * ((k + 1) // 2), max(0.0, half - 3.0))
            return end + half + (offset if k % 2 else -offset)

        ports = _flows.place_runs(routes, rects, gutter_x)
        _flows.assign_lanes(routes)
        pitch = line_height(o.label_font_size) + 2
        top = self.channel_top
        paths = _flows.build_paths(routes, rects, ports, lambda ch, lane: top[ch] + pitch * (lane + 1),
                                   o.label_font_size, o.card_width)
        return {(p.source, p.target): p for p in paths}

    def _lanes(self, prev: JourneyLayout, cards: Mapping[str, CardBox], changed: Mapping[str, float],
               slot_ids: list[str | None], area: tuple[float, float]) -> tuple[EmotionLane | None, FrictionLane | None]:
        emotion, friction = prev.emotion, prev.friction
        if emotion is None and friction is None:
            return None, None
        half = self.base.options.card_width / 2
        ids = [t for t in slot_ids if t is not None]
        if changed:
            slots = {t: cards[t].rect.x + half for t in ids}
        else:
            slots = dict(emotion.slots if emotion is not None else friction.slots)  # type: ignore[union-attr]
        x0, x1 = area
        if emotion is not None:
            old = {p.id: p for p in emotion.points}
            points = tuple(
                old[t] if t not in changed else EmotionPoint(t, slots[t], old[t].y, old[t].emotion)
                for t in ids if t in old
            )
            curve = patch_curve(emotion.points, emotion.curve, points)
            emotion = replace(emotion, rect=Rect(x0, emotion.rect.y, x1 - x0, emotion.rect.h), slots=slots,
                              points=points, curve=curve)
        if friction is not None:
            bars_by = {b.id: b for b in friction.bars}
            bars = tuple(
                bars_by[t] if t not in changed else
                FrictionBar(t, shift_rect(bars_by[t].rect, changed[t]), bars_by[t].friction, bars_by[t].color)
                for t in ids if t in bars_by
            )
            friction = replace(friction, rect=Rect(x0, friction.rect.y, x1 - x0, friction.rect.h), slots=slots,
                               bars=bars)
        return emotion, friction


def patch_curve(old: tuple[EmotionPoint, ...], curve: tuple[Point, ...],
                new: tuple[EmotionPoint, ...]) -> tuple[Point, ...]:
    """`monotone_curve` through `new`, reusing `curve` (through `old`) where it still holds.

    A segment of a monotone curve depends only on the two points it joins and their
    neighbours, and moves with them when they all move alike: only the segments near
    the points that changed are computed again; a tail shifted sideways is translated.
    """
    n, n_old = len(new), len(old)
    if n < 4 or n_old < 4 or not curve:
        return monotone_curve([(p.x, p.y) for p in new])
    a = 0
    limit = min(n, n_old)
    while a < limit and old[a] is new[a]:
        a += 1
    if a == n == n_old:
        return curve
    b, dx = 0, 0.0
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


def _zip_old(old: tuple[SlotBox, ...], *columns: list) -> zip:  # type: ignore[type-arg]
    """The new slot columns zipped with the old slot boxes (None past the old ones' end)."""
    padded = list(old) + [SlotBox("", -1, float("nan"), 0.0, None)] * max(0, len(columns[0]) - len(old))
    return zip(padded, *columns)
