"""Live layouts of a card being dragged, derived from the journey's own layout.

`compute_layout(journey, order=...)` lays out the whole map: on thousands of touchpoints
that is far too slow for every slot the mouse passes. `DragPreview` computes each live
layout from the one before, only where it changes. Moving one card moves the other
cards only sideways (rows keep their touchpoints), and only the slots between its old
and new place change; the slots after them at most all shift by one amount. So it
re-places the cards, stage columns and lane points there, translates the flows whose
two ends moved alike, and reroutes the few flows whose ends moved apart.

Cards, slots, stage columns and lanes come out as `compute_layout` would place them.
Rerouted flows take their lanes among themselves, and every row keeps the height of
the journey's own layout, so arrows may overlap until the drop lays the map out anew.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import chain

from journeymap.layout import _flows
from journeymap.layout._lanes import branch
from journeymap.layout.engine import HEADER_PADDING
from journeymap.layout.geometry import (
    BlueprintRule,
    CardBox,
    EmotionLane,
    EmotionPoint,
    FlowPath,
    FrictionBar,
    FrictionLane,
    JourneyLayout,
    LaneBox,
    PersonaLine,
    Rect,
    SlotBox,
    StageBox,
)
from journeymap.layout.shift import move_card, patch_curve, shift_flow, shift_rect, with_fields
from journeymap.layout.style import HEADER_BOLD
from journeymap.layout.text import line_height, wrap_text
from journeymap.model import Flow, Journey


@dataclass(frozen=True)
class Preview:
    """One live layout and what changed since the previous one."""

    layout: JourneyLayout
    cards: frozenset[str]                   # cards that moved (what they show did not)
    flows: Mapping[tuple[str, str], FlowPath]               # flows whose path changed: their new paths
    shifted: Mapping[tuple[str, str], tuple[FlowPath, float]]  # of those: (path before, dx) when only translated
    restepped: frozenset[str] = frozenset()  # cards whose step alone changed: a new box, the same place


class DragPreview:
    """Layouts of `journey` with touchpoint `tp_id` moved to other slots, from `base`, the
    layout of the journey as it is (`compute_layout(journey, base.options)`)."""

    def __init__(self, journey: Journey, base: JourneyLayout, tp_id: str) -> None:
        o = base.options
        self.base = base
        self.tp_id = tp_id
        self.stage_ids = [s.id for s in base.stages]
        self.stage_index = {s: k for k, s in enumerate(self.stage_ids)}
        self.stage_names = {s.id: journey.stage(s.id).name for s in base.stages}
        #: step order of every stage, the dragged card left out
        self.members = {s: [t for t in journey.touchpoint_ids(s) if t != tp_id] for s in self.stage_ids}
        sizes = [len(self.members[s]) for s in self.stage_ids]
        self.sizes = sizes
        self.first_without = [sum(max(1, c) for c in sizes[:k]) for k in range(len(sizes))]
        self.flow_index = {(f.source, f.target): i for i, f in enumerate(base.flows)}
        self.flows_at: dict[str, list[tuple[str, str]]] = {}
        for key in self.flow_index:
            for end in key:
                self.flows_at.setdefault(end, []).append(key)
        own_slot = {s.id: g for g, s in enumerate(base.slots) if s.id is not None}
        labelled = [Flow(f.source, f.target, f.label) for f in base.flows if f.label]
        self.needs = _flows.label_gap_needs(labelled, own_slot, o.label_font_size, o.card_width)
        self.left = o.margin + (o.lane_title_width + o.stage_gap if base.lanes else 0.0)
        rows = sorted(base.rows)
        visual = {row: v for v, row in enumerate(rows)}
        self.vrow = {c.id: visual[c.row] for c in base.cards.values()}
        self.channel_top = [base.rows[r] + o.card_height for r in rows]
        self._header_lines: dict[tuple[str, float], tuple[str, ...]] = {}
        # The layout shown now, as slot columns: id, stage position, step, x.
        self.current = base
        self._ids: list[str | None] = [s.id for s in base.slots]
        self._stage = [self.stage_index[s.stage] for s in base.slots]
        self._step = [s.index for s in base.slots]
        self._xs = [s.x for s in base.slots]
        self._slot_of = own_slot
        self._where = self.stage_index[base.cards[tp_id].stage]

    # ------------------------------------------------------------------ the one entry point
    def layout_for(self, stage: str, index: int) -> Preview:
        """The layout with the dragged card inserted at step `index` of `stage`."""
        o, prev = self.base.options, self.current
        k = self.stage_index[stage]
        index = max(0, min(index, self.sizes[k]))
        if self.sizes[k] and self.sizes[self._where]:
            step = self._move(k, index)  # neither stage is empty without the card: same slots
            if step is None:
                return Preview(prev, frozenset(), {}, {})
            ids, stage_of, steps, xs, lo, end, delta = step
        else:
            ids, stage_of, steps, xs = self._rebuild(k, index)
            lo, end, delta = 0, len(ids) - 1, 0.0
        n = len(ids)
        whole = lo == 0 and end == n - 1
        tail = range(end + 1, n) if delta else range(0)

        cards = dict(prev.cards)
        moved: dict[str, float] = {}
        restepped: list[str] = []
        for g in chain(range(lo, end + 1), tail):
            t = ids[g]
            if t is None:
                continue
            box = cards[t]
            s = self.stage_ids[stage_of[g]]
            if box.rect.x != xs[g]:
                moved[t] = xs[g] - box.rect.x
                cards[t] = move_card(box, xs[g], s, steps[g])
            elif box.index != steps[g] or box.stage != s:  # only its step: nothing to draw anew
                cards[t] = with_fields(box, stage=s, index=steps[g])
                restepped.append(t)
        if whole:
            slot_of = {t: g for g, t in enumerate(ids) if t is not None}
        else:
            slot_of = dict(self._slot_of)
            slot_of.update((ids[g], g) for g in range(lo, end + 1) if ids[g] is not None)

        def slot(g: int) -> SlotBox:
            return SlotBox(self.stage_ids[stage_of[g]], steps[g], xs[g], o.card_width, ids[g])

        if whole:
            slots = tuple(slot(g) for g in range(n))
        else:
            slots = prev.slots[:lo] + tuple(slot(g) for g in range(lo, end + 1)) + (
                tuple(slot(g) for g in tail) if delta else prev.slots[end + 1:])
        stages, area = self._stages(prev, xs, k)
        flows, changed_flows, shifted = self._flows(prev, cards, moved, slot_of, ids, xs)
        window = None if whole or delta else (self._xs[lo], self._xs[end], ids[lo:end + 1])
        emotion, friction = self._lanes(prev, cards, moved, ids, area, window)
        lanes, rules = _rows_moved(prev, moved, area)
        bounds = Rect(0.0, 0.0, max(area[1], self.left) + o.margin, self.base.bounds.h)
        layout = JourneyLayout(options=o, bounds=bounds, stages=stages, cards=cards, flows=flows, emotion=emotion,
                               friction=friction, slots=slots, rows=self.base.rows, lanes=lanes, rules=rules)
        self.current, self._slot_of, self._where = layout, slot_of, k
        self._ids, self._stage, self._step, self._xs = ids, stage_of, steps, xs
        return Preview(layout, frozenset(moved), changed_flows, shifted, frozenset(restepped))

    # ------------------------------------------------------------------ slot columns
    def _move(self, k: int, index: int) -> tuple[list, list, list, list, int, int, float] | None:  # type: ignore[type-arg]
        """The slot columns with the card moved from where it is shown to step `index` of
        stage `k`, and the slots that changed: `lo..end`, and after them a shift by `delta`."""
        o, tp_id = self.base.options, self.tp_id
        p, q, cur = self._slot_of[tp_id], self.first_without[k] + index, self._where
        if p == q and cur == k:
            return None
        ids, stage_of, steps = self._ids[:], self._stage[:], self._step[:]
        del ids[p], stage_of[p], steps[p]
        ids.insert(q, tp_id)
        stage_of.insert(q, k)
        steps.insert(q, 0)
        lo, hi = min(p, q), max(p, q)
        end = hi
        for j in {cur, k}:  # steps after the card's old and new place, in those stages
            first = self.first_without[j] + (1 if j > k else 0)
            last = first + self.sizes[j] + (1 if j == k else 0)
            steps[first:last] = range(last - first)
            if cur != k:
                end = max(end, last - 1)
        xs, old = self._xs[:], self._xs
        n = len(ids)
        x = xs[lo - 1] if lo else 0.0
        for g in range(lo, min(hi + 2, n)):
            x = self.left + o.stage_padding if g == 0 else x + o.card_width + self._gap(g - 1, ids, stage_of)
            xs[g] = x
        delta = 0.0
        if hi + 1 < n:
            delta = xs[hi + 1] - old[hi + 1]
            if abs(delta) < 1e-9:  # the same sums in another order
                xs[hi + 1], delta = old[hi + 1], 0.0
            else:
                end = max(end, hi + 1)
                xs[end + 1:] = [v + delta for v in old[end + 1:]]
                for g in range(hi + 2, end + 1):
                    xs[g] = old[g] + delta
        return ids, stage_of, steps, xs, lo, end, delta

    def _rebuild(self, k: int, index: int) -> tuple[list, list, list, list]:  # type: ignore[type-arg]
        """The slot columns from scratch (a stage becomes or stops being empty)."""
        stage_of: list[int] = []
        ids: list[str | None] = []
        steps: list[int] = []
        for j, s in enumerate(self.stage_ids):
            members = list(self.members[s])
            if j == k:
                members.insert(index, self.tp_id)
            stage_of += [j] * max(1, len(members))
            ids += members or [None]
            steps += range(max(1, len(members)))
        o = self.base.options
        xs = [self.left + o.stage_padding]
        for g in range(len(ids) - 1):
            xs.append(xs[g] + o.card_width + self._gap(g, ids, stage_of))
        return ids, stage_of, steps, xs

    def _gap(self, g: int, ids: list[str | None], stage_of: list[int]) -> float:
        # The engine's gap: the card gap inside a stage, padding + gap + padding between
        # stages, or more where a flow label to the own-order neighbour needs it.
        o = self.base.options
        base = o.card_gap if stage_of[g] == stage_of[g + 1] else 2 * o.stage_padding + o.stage_gap
        t = ids[g]
        need = self.needs.get(t, 0.0) if t is not None else 0.0
        return max(base, need)

    def _stages(self, prev: JourneyLayout, xs: list[float],
                k: int) -> tuple[tuple[StageBox, ...], tuple[float, float]]:
        o = self.base.options
        counts = [max(1, c + (1 if j == k else 0)) for j, c in enumerate(self.sizes)]
        stages, first = [], 0
        area = (self.left, self.left)
        for j, old in enumerate(prev.stages):
            last = first + counts[j] - 1
            x0 = xs[first] - o.stage_padding
            if last + 1 < len(xs):
                x1 = xs[last + 1] - o.stage_gap - o.stage_padding
            else:
                x1 = xs[last] + o.card_width + o.stage_padding
            if (old.column.x, old.column.right, old.first_slot, old.slot_count) == (x0, x1, first, counts[j]):
                stages.append(old)
            else:
                w = x1 - x0
                lines = self._header_lines.get((old.id, w))
                if lines is None:
                    lines = wrap_text(self.stage_names[old.id], w - 2 * HEADER_PADDING, o.header_font_size, 2,
                                      HEADER_BOLD)
                    self._header_lines[(old.id, w)] = lines
                stages.append(replace(
                    old, name_lines=lines, column=Rect(x0, old.column.y, w, old.column.h),
                    header=Rect(x0, old.header.y, w, old.header.h), body=Rect(x0, old.body.y, w, old.body.h),
                    first_slot=first, slot_count=counts[j]))
            first = last + 1
            area = (area[0] if j else x0, x1)
        return tuple(stages), area

    def _flows(self, prev: JourneyLayout, cards: Mapping[str, CardBox], changed: Mapping[str, float],
               slot_of: Mapping[str, int], ids: list[str | None], xs: list[float],
               ) -> tuple[tuple[FlowPath, ...], dict[tuple[str, str], FlowPath],
                          dict[tuple[str, str], tuple[FlowPath, float]]]:
        keys = {key for t in changed for key in self.flows_at.get(t, ())}
        keys.update(self.flows_at.get(self.tp_id, ()))
        if not keys:
            return prev.flows, {}, {}
        old_slot = self._slot_of
        shifted: dict[tuple[str, str], tuple[FlowPath, float]] = {}
        paths: dict[tuple[str, str], FlowPath] = {}
        reroute: list[Flow] = []
        for key in keys:
            s, t = key
            dx = changed.get(s, 0.0)
            if (self.tp_id not in key and dx == changed.get(t, 0.0)
                    and slot_of[t] - slot_of[s] == old_slot[t] - old_slot[s]):
                before = prev.flows[self.flow_index[key]]
                shifted[key] = (before, dx)
                paths[key] = shift_flow(before, dx)
            else:
                path = prev.flows[self.flow_index[key]]
                reroute.append(Flow(path.source, path.target, path.label))
        paths.update(self._route(reroute, cards, slot_of, ids, xs))
        flows = list(prev.flows)
        for key, path in paths.items():
            flows[self.flow_index[key]] = path
        return tuple(flows), paths, shifted

    def _route(self, flows: list[Flow], cards: Mapping[str, CardBox], slot_of: Mapping[str, int],
               ids: list[str | None], xs: list[float]) -> dict[tuple[str, str], FlowPath]:
        """Paths of `flows` by the engine's routing, among themselves, in the rows as they are."""
        if not flows:
            return {}
        o, vrow = self.base.options, self.vrow
        routes = []
        for flow in flows:
            gs, gt = slot_of[flow.source], slot_of[flow.target]
            vs, vt = vrow[flow.source], vrow[flow.target]
            low, high = min(vs, vt), max(vs, vt)
            # direct unless a card of the rows between lies between them (as the engine says)
            direct = gt > gs and not any(t is not None and low <= vrow[t] <= high for t in ids[gs + 1:gt])
            routes.append(_flows.Route(flow, gs, gt, vs, vt, direct))
        rects = {t: cards[t].rect for f in flows for t in (f.source, f.target)}

        def gutter_x(g: int, k: int) -> float:
            end = xs[g] + o.card_width
            half = (xs[g + 1] - end) / 2
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
               ids: list[str | None], area: tuple[float, float],
               window: tuple[float, float, list[str | None]] | None,
               ) -> tuple[EmotionLane | None, FrictionLane | None]:
        """The lanes with the points and bars of the changed cards moved. `window`: the old x
        of the first and last slot that changed, and their ids now (None: look at all)."""
        emotion, friction = prev.emotion, prev.friction
        lane = emotion or friction
        if lane is None:
            return None, None
        half = self.base.options.card_width / 2
        slots = dict(lane.slots)
        slots.update((t, cards[t].rect.x + half) for t in changed)
        x0, x1 = area
        if window is None:
            order = [t for t in ids if t is not None]
            lo, hi = float("-inf"), float("inf")
        else:
            order = [t for t in window[2] if t is not None]
            lo, hi = window[0] + half - 1e-6, window[1] + half + 1e-6
        if emotion is not None:
            old = emotion.points
            a, b = bisect_left(old, lo, key=_point_x), bisect_right(old, hi, key=_point_x)
            by_id = {p.id: p for p in old[a:b]}
            middle = tuple(by_id[t] if t not in changed else with_fields(by_id[t], x=slots[t])
                           for t in order if t in by_id)
            points = old[:a] + middle + old[b:]
            old_main = tuple(p for p in old if p.row == 0)
            main = tuple(p for p in points if p.row == 0)
            branches = emotion.branches
            if branches and any(br.source in changed or br.target in changed for br in branches):
                by_id = {p.id: p for p in points}
                branches = tuple(branch(by_id[br.source], by_id[br.target])
                                 if br.source in changed or br.target in changed else br for br in branches)
            lines = tuple(_moved_line(line, slots) for line in emotion.personas) if emotion.personas else ()
            emotion = replace(emotion, rect=Rect(x0, emotion.rect.y, x1 - x0, emotion.rect.h), slots=slots,
                              points=points, curve=patch_curve(old_main, emotion.curve, main), branches=branches,
                              personas=lines)
        if friction is not None:
            old_bars = friction.bars
            a, b = bisect_left(old_bars, lo, key=_bar_x), bisect_right(old_bars, hi, key=_bar_x)
            bars_by = {bar.id: bar for bar in old_bars[a:b]}
            middle_bars = tuple(
                bars_by[t] if t not in changed else
                with_fields(bars_by[t], rect=shift_rect(bars_by[t].rect, changed[t]))
                for t in order if t in bars_by)
            friction = replace(friction, rect=Rect(x0, friction.rect.y, x1 - x0, friction.rect.h), slots=slots,
                               bars=old_bars[:a] + middle_bars + old_bars[b:])
        return emotion, friction


def _rows_moved(prev: JourneyLayout, moved: Mapping[str, float],
                area: tuple[float, float]) -> tuple[tuple[LaneBox, ...], tuple[BlueprintRule, ...]]:
    """The lanes with the cells of the moved cards moved alike, stretched over `area`."""
    x0, x1 = area
    lanes = []
    for lane in prev.lanes:
        cells = lane.cells
        if moved and cells:
            hit = [t for t in moved if t in cells]
            if hit:
                cells = dict(cells)
                for t in hit:
                    cells[t] = with_fields(cells[t], rect=shift_rect(cells[t].rect, moved[t]))
        if cells is not lane.cells or lane.rect.x != x0 or lane.rect.right != x1:
            lane = replace(lane, rect=Rect(x0, lane.rect.y, x1 - x0, lane.rect.h), cells=cells)
        lanes.append(lane)
    rules = tuple(r if r.x1 == x1 else replace(r, x1=x1) for r in prev.rules)
    return tuple(lanes), rules


def _moved_line(line: PersonaLine, slots: Mapping[str, float]) -> PersonaLine:
    """A persona's line with the points of moved cards at their slots' x; branches that do
    not touch a moved point are kept as they are (a drag moves a few cards of a thousand)."""
    moved = {p.id for p in line.points if slots.get(p.id, p.x) != p.x}
    if not moved:
        return line
    points = tuple(sorted((with_fields(p, x=slots[p.id]) if p.id in moved else p for p in line.points),
                          key=_point_x))
    by_id = {p.id: p for p in points}
    branches = tuple(branch(by_id[br.source], by_id[br.target]) if br.source in moved or br.target in moved else br
                     for br in line.branches)
    old_main = tuple(p for p in line.points if p.row == 0)
    main = tuple(p for p in points if p.row == 0)
    return replace(line, points=points, curve=patch_curve(old_main, line.curve, main), branches=branches)


def _point_x(point: EmotionPoint) -> float:
    return point.x


def _bar_x(bar: FrictionBar) -> float:
    return bar.rect.x + bar.rect.w / 2
