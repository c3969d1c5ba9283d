"""compute_layout: where every stage, card, flow, emotion point and friction bar of a journey goes.

Reading order of the map, top to bottom: stage headers; the card area (row 0, the main
path, then the alternative rows, each followed by a channel for routed flows); the
emotion lane; the friction lane. Left to right: one x slot per touchpoint, in stage
order then step order, so every touchpoint owns a column of the whole map (its card,
its emotion point and its friction bar line up, and no two points share an x).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from journeymap.layout import _flows, _lanes, _rows
from journeymap.layout.geometry import (
    BlueprintRule,
    CardBox,
    EmotionLane,
    FrictionLane,
    JourneyLayout,
    LaneBox,
    LaneCell,
    LayoutOptions,
    Rect,
    SlotBox,
    StageBox,
)
from journeymap.layout.style import CARD_NAME_BOLD, HEADER_BOLD, OUTLINE_BY_EVIDENCE, stage_color
from journeymap.layout.text import elide_text, line_height, text_width, wrap_text
from journeymap.model import Flow, Journey, Lane, Stage, Touchpoint, channel_label

CARD_PADDING = 8.0
#: The title column's width when the emotion lane shows a line per persona (room for their names).
PERSONA_TITLE_WIDTH = 150.0
HEADER_PADDING = 12.0
CARD_STRIP = 14.0       # height of the channel / friction strip and of the marker strip
BADGE_WIDTH = 26.0
STRIP_GAP = 4.0         # between the strips and the name


@dataclass
class _Plan:
    """Who sits where, before any coordinates: stages, their members and the global slots."""

    stages: list[Stage]
    members: list[list[Touchpoint]]
    slot_stage: list[int]               # stage position of each slot
    slot_tp: list[Touchpoint | None]    # the touchpoint of each slot (None: empty stage)
    slot_step: list[int]                # step index of each slot inside its stage
    slot_of: dict[str, int]
    vrow: dict[str, int]                # touchpoint -> visual row (used model rows, compacted)
    rows: list[int]                     # model row of each visual row


def compute_layout(
    journey: Journey,
    options: LayoutOptions = LayoutOptions(),
    *,
    order: Mapping[str, Sequence[str]] | None = None,
) -> JourneyLayout:
    """Lay out `journey` in abstract units (1 unit = 1 pt at 100 % zoom).

    `order` overrides the step order of some stages: `{"checkout": ["a", "dragged", "b"]}`
    draws those touchpoints in that stage in that order (a touchpoint listed under
    another stage is drawn there); touchpoints a listed stage holds but the list omits
    follow in step order. Unknown ids are ignored. The result is deterministic.
    """
    o = options
    if (o.persona is None and o.lane_title_width < PERSONA_TITLE_WIDTH and journey.personas()
            and any(tp.persona_emotions for tp in journey.touchpoints())):
        # the emotion lane's title carries a legend of the persona lines: give it room
        o = replace(o, lane_title_width=PERSONA_TITLE_WIDTH)
    plan = _plan(journey, order or {})
    all_flows = journey.flows()
    flows = all_flows if o.show_flows else []
    routes = _flows.plan_routes(flows, plan.slot_of, plan.vrow, _row_slots(plan))
    label_cap = o.card_width
    own_order = _plan(journey, {}).slot_of if order else plan.slot_of
    needs = _flows.label_gap_needs(flows, own_order, o.label_font_size, label_cap)
    gap_after = _gaps(plan, o, {plan.slot_of[t]: w for t, w in needs.items() if t in plan.slot_of})

    shown = _rows.shown_lanes(journey.lanes(), o)
    lanes_shown = bool(shown)
    left = o.margin + (o.lane_title_width + o.stage_gap if lanes_shown else 0.0)
    slot_x = [left + o.stage_padding]
    for g in range(len(plan.slot_tp) - 1):
        slot_x.append(slot_x[g] + o.card_width + gap_after[g])

    def gutter_x(g: int, k: int) -> float:
        # Legs sharing a gutter alternate around its middle, as far as its width allows.
        end = slot_x[g] + o.card_width
        half = (slot_x[g + 1] - end) / 2
        offset = min(_flows.GUTTER_STEP * ((k + 1) // 2), max(0.0, half - 3.0))
        return end + half + (offset if k % 2 else -offset)

    # Card x is known now; y needs the channel heights, which need the flow lanes.
    xs = {tp.id: Rect(slot_x[plan.slot_of[tp.id]], 0.0, o.card_width, o.card_height)
          for tps in plan.members for tp in tps}
    ports = _flows.place_runs(routes, xs, gutter_x)
    lanes = _flows.assign_lanes(routes)
    pitch = line_height(o.label_font_size) + 2
    top = o.margin + o.header_height
    row_top = [top + o.stage_padding]
    channel_top: list[float] = []
    for v in range(len(plan.rows)):
        channel_top.append(row_top[v] + o.card_height)
        base = o.row_gap if v + 1 < len(plan.rows) else o.stage_padding
        row_top.append(channel_top[v] + max(base, (lanes[v] + 1) * pitch if v in lanes else base))
    body_bottom = row_top[-1]

    ordered = [tp for tps in plan.members for tp in tps]
    cards = {tp.id: _card(tp, plan, Rect(xs[tp.id].x, row_top[plan.vrow[tp.id]], o.card_width, o.card_height), o)
             for tp in ordered}
    rects = {k: c.rect for k, c in cards.items()}
    paths = _flows.build_paths(
        routes, rects, ports, lambda ch, lane: channel_top[ch] + pitch * (lane + 1), o.label_font_size, label_cap,
    )

    # Stage columns span their slots plus padding; the extra room a label needed at a
    # stage boundary went into the stage's right padding.
    stage_span: list[list[float]] = [[0.0, 0.0] for _ in plan.stages]
    for g, k in enumerate(plan.slot_stage):
        if plan.slot_step[g] == 0:
            stage_span[k][0] = slot_x[g] - o.stage_padding
        if g + 1 == len(slot_x):
            stage_span[k][1] = slot_x[g] + o.card_width + o.stage_padding
        elif plan.slot_stage[g + 1] != k:
            stage_span[k][1] = slot_x[g] + o.card_width + gap_after[g] - o.stage_gap - o.stage_padding
    area_left = stage_span[0][0] if plan.stages else left
    area_right = stage_span[-1][1] if plan.stages else left

    centres = {tp.id: slot_x[plan.slot_of[tp.id]] + o.card_width / 2 for tp in ordered}
    columns = {tp.id: slot_x[plan.slot_of[tp.id]] for tp in ordered}
    personas = [(p.id, p.name) for p in journey.personas()]
    placed = _place_lanes(shown, ordered, all_flows, centres, columns, (area_left, area_right), body_bottom, o,
                          personas)
    bottom = placed.bottom
    first_slot = [0] * len(plan.stages)
    for g in range(len(plan.slot_stage) - 1, -1, -1):
        first_slot[plan.slot_stage[g]] = g
    stages = tuple(
        _stage_box(stage, k, Rect(x0, o.margin, x1 - x0, bottom - o.margin), top, body_bottom, o,
                   first_slot[k], max(1, len(plan.members[k])))
        for k, (stage, (x0, x1)) in enumerate(zip(plan.stages, stage_span, strict=False))
    )
    slots = tuple(
        SlotBox(plan.stages[k].id, step, slot_x[g], o.card_width, tp.id if tp else None)
        for g, (k, tp, step) in enumerate(zip(plan.slot_stage, plan.slot_tp, plan.slot_step, strict=False))
    )
    bounds = Rect(0.0, 0.0, max(area_right, left) + o.margin, bottom + o.margin)
    return JourneyLayout(
        options=o, bounds=bounds, stages=stages, cards=cards, flows=paths, emotion=placed.emotion,
        friction=placed.friction, slots=slots, rows={plan.rows[v]: row_top[v] for v in range(len(plan.rows))},
        lanes=tuple(placed.lanes), rules=tuple(placed.rules),
    )


@dataclass
class _Placed:
    """The lanes once placed top to bottom, and where the last one ends."""

    bottom: float
    lanes: list[LaneBox]
    rules: list[BlueprintRule]
    emotion: EmotionLane | None = None
    friction: FrictionLane | None = None


def _place_lanes(shown: list[tuple[int, Lane]], ordered: list[Touchpoint], flows: list[Flow],
                 centres: dict[str, float], columns: dict[str, float], area: tuple[float, float],
                 top: float, o: LayoutOptions, personas: Sequence[tuple[str, str]] = ()) -> _Placed:
    """Every shown lane one under the other below `top`, a blueprint rule between sections."""
    placed = _Placed(top, [], [])
    x0, x1 = area
    title_x = o.margin
    label_h = line_height(o.label_font_size)
    previous: str | None = None
    for index, lane in shown:
        y = placed.bottom + o.lane_gap
        rule = _rows.rule_above(lane.section, previous)
        if rule is not None:
            lines = wrap_text(rule, o.lane_title_width, o.label_font_size, 2)
            y += label_h * len(lines)
            rule_y = y - o.lane_gap / 2
            w = max(text_width(line, o.label_font_size) for line in lines)
            box = Rect(title_x, rule_y - 1 - label_h * len(lines), w, label_h * len(lines))
            placed.rules.append(BlueprintRule(lane.section, rule, rule_y, title_x, x1, box, lines))
        previous = lane.section
        cells: dict[str, LaneCell] = {}
        if lane.kind == "emotion":
            h = o.emotion_lane_height
            placed.emotion = _lanes.emotion_lane(Rect(x0, y, x1 - x0, h), Rect(title_x, y, o.lane_title_width, h),
                                                 centres, ordered, flows, personas, o.persona)
        elif lane.kind == "friction":
            h = o.friction_lane_height
            placed.friction = _lanes.friction_lane(Rect(x0, y, x1 - x0, h), Rect(title_x, y, o.lane_title_width, h),
                                                   centres, ordered, o.card_width * 0.3)
        else:
            plan = _rows.plan_lane(lane, index, ordered, columns, y, o)
            h, cells = plan.height, plan.cells
        title = Rect(title_x, y, o.lane_title_width, h)
        placed.lanes.append(LaneBox(
            key=lane.key, kind=lane.kind, index=index, section=lane.section, name=lane.title,
            rect=Rect(x0, y, x1 - x0, h), title=title, title_lines=_rows.title_lines(lane, o),
            line_height=line_height(o.lane_font_size), cells=cells))
        placed.bottom = y + h
    return placed


def _plan(journey: Journey, order: Mapping[str, Sequence[str]]) -> _Plan:
    stages = journey.stages()
    by_id = {tp.id: tp for tp in journey.touchpoints()}
    claimed: dict[str, str] = {}
    for stage in stages:
        for tp_id in order.get(stage.id, ()):
            if tp_id in by_id and tp_id not in claimed:
                claimed[tp_id] = stage.id
    members: list[list[Touchpoint]] = []
    for stage in stages:
        listed = [t for t in dict.fromkeys(order.get(stage.id, ())) if claimed.get(t) == stage.id]
        rest = [t for t in journey.touchpoint_ids(stage.id) if t not in claimed]
        members.append([by_id[t] for t in listed + rest])
    slot_stage: list[int] = []
    slot_tp: list[Touchpoint | None] = []
    slot_step: list[int] = []
    for k, tps in enumerate(members):
        slot_stage += [k] * max(1, len(tps))
        slot_tp += tps or [None]
        slot_step += range(max(1, len(tps)))
    slot_of = {tp.id: g for g, tp in enumerate(slot_tp) if tp is not None}
    used = sorted({tp.row for tps in members for tp in tps}) or [0]
    visual = {row: v for v, row in enumerate(used)}
    vrow = {tp.id: visual[tp.row] for tps in members for tp in tps}
    return _Plan(stages, members, slot_stage, slot_tp, slot_step, slot_of, vrow, used)


def _row_slots(plan: _Plan) -> list[list[int]]:
    rows: list[list[int]] = [[] for _ in plan.rows]
    for g, tp in enumerate(plan.slot_tp):
        if tp is not None:
            rows[plan.vrow[tp.id]].append(g)
    return rows


def _gaps(plan: _Plan, o: LayoutOptions, needs: Mapping[int, float]) -> list[float]:
    """Space after each slot: the card gap inside a stage, padding + gap + padding between stages."""
    gaps = []
    for g in range(len(plan.slot_stage) - 1):
        same = plan.slot_stage[g] == plan.slot_stage[g + 1]
        base = o.card_gap if same else 2 * o.stage_padding + o.stage_gap
        gaps.append(max(base, needs.get(g, 0.0)))
    return gaps


def _card(tp: Touchpoint, plan: _Plan, rect: Rect, o: LayoutOptions) -> CardBox:
    pad = CARD_PADDING
    strip_y = rect.y + pad
    icon = Rect(rect.x + pad, strip_y, CARD_STRIP, CARD_STRIP)
    badge = Rect(rect.right - pad - BADGE_WIDTH, strip_y, BADGE_WIDTH, CARD_STRIP)
    label_x = icon.right + STRIP_GAP
    label_rect = Rect(label_x, strip_y, max(0.0, badge.x - STRIP_GAP - label_x), CARD_STRIP)
    markers = Rect(rect.x + pad, rect.bottom - pad - CARD_STRIP, rect.w - 2 * pad, CARD_STRIP)
    name_top = icon.bottom + STRIP_GAP
    name_rect = Rect(rect.x + pad, name_top, rect.w - 2 * pad, max(0.0, markers.y - STRIP_GAP - name_top))
    pitch = line_height(o.name_font_size)
    fits = int(name_rect.h / pitch + 1e-9)
    lines = wrap_text(tp.name, name_rect.w, o.name_font_size, min(o.max_name_lines, fits), CARD_NAME_BOLD)
    channel = elide_text(channel_label(tp.channel), label_rect.w, o.label_font_size) if tp.channel else ""
    g = plan.slot_of[tp.id]
    return CardBox(
        id=tp.id, stage=plan.stages[plan.slot_stage[g]].id, index=plan.slot_step[g], row=tp.row,
        rect=rect, name_lines=lines, channel_icon=icon, channel_label=channel, friction_badge=badge,
        markers=markers, outline=OUTLINE_BY_EVIDENCE.get(tp.evidence, "solid"),
        name_rect=name_rect, name_line_height=pitch, channel_label_rect=label_rect,
    )


def _stage_box(
    stage: Stage, index: int, column: Rect, top: float, body_bottom: float, o: LayoutOptions, first: int, count: int
) -> StageBox:
    header = Rect(column.x, column.y, column.w, o.header_height)
    lines = wrap_text(stage.name, column.w - 2 * HEADER_PADDING, o.header_font_size, 2, HEADER_BOLD)
    body = Rect(column.x, top, column.w, body_bottom - top)
    return StageBox(stage.id, index, lines, stage_color(stage, index), column, header, body, first, count)
