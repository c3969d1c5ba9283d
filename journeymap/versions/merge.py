"""Three-way merge of journeys at the level of records, fields, list items and order.

Changes to different records or different fields merge cleanly; two different changes
to one value are a conflict, and the merged journey keeps ours for it. A record one
side changed and the other removed is a conflict too (ours kept: changed or removed).
Whatever the inputs, the merged journey is built through the model's own methods, so
it is a journey every reader accepts; when even that fails, the result is ours whole.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from journeymap.model import DEFAULT_LANES, Flow, Journey, Lane, Persona, Stage, Touchpoint
from journeymap.versions.diff import LANE_FIELDS, lane_key
from journeymap.versions.fields import ValueConflict, field_names, merge_field, merge_records
from journeymap.versions.order import merge_order
from journeymap.versions.render import format_value

JOURNEY_FIELDS = ("title", "description")


@dataclass(frozen=True)
class Conflict:
    """One place where the sides disagree and ours was kept.

    `kind` is journey, persona, stage, touchpoint or flow; `id` the record's id (a flow's
    is 'from→to'; the journey's is ''); `field` and `key` name the value when the
    conflict is about one value (key: a metric, a lane, a persona); `message` says what
    each side did.
    """

    kind: str
    id: str
    field: str | None
    key: str | None
    message: str


@dataclass(frozen=True)
class MergeResult:
    """The merged journey and its conflicts (empty when the merge is clean)."""

    journey: Journey
    conflicts: tuple[Conflict, ...]


@dataclass
class _Merged:
    """One merged list of records: by key, which ones came from theirs alone, the conflicts."""

    records: dict[str, Any]
    theirs_only: set[str]
    conflicts: list[Conflict]
    kept_over_removal: set[str] = dataclasses.field(default_factory=set)


def _value_conflict(kind: str, rid: str, c: ValueConflict) -> Conflict:
    label = c.field.replace("_", " ") + (f" {c.key}" if c.key is not None else "")
    what = f"{format_value(c.field, c.ours)} in ours, {format_value(c.field, c.theirs)} in theirs"
    was = f" (was {format_value(c.field, c.base)})" if c.base is not None else ""
    subject = f"{kind} {rid!r}: " if rid else ""
    return Conflict(kind, rid, c.field, c.key, f"{subject}{label} changed on both sides: {what}{was}; kept ours")


def _merge_records(
    kind: str, base: Sequence[Any], ours: Sequence[Any], theirs: Sequence[Any],
    names: Sequence[str], key: Callable[[Any], str],
) -> _Merged:
    """Merge lists of records matched by `key`: additions, removals and field changes of both sides."""
    b = {key(r): r for r in base}
    o = {key(r): r for r in ours}
    t = {key(r): r for r in theirs}
    merged: dict[str, Any] = {}
    theirs_only: set[str] = set()
    kept: set[str] = set()
    conflicts: list[Conflict] = []
    for k in dict.fromkeys([*o, *t]):
        rb, ro, rt = b.get(k), o.get(k), t.get(k)
        if ro is not None and rt is not None:
            if ro == rt or rt == rb:
                merged[k] = ro
            elif ro == rb:
                merged[k] = rt
            else:
                values, found = merge_records(rb, ro, rt, names)
                merged[k] = dataclasses.replace(ro, **values)
                conflicts += [_value_conflict(kind, k, c) for c in found]
        elif ro is not None:
            if rb is None or ro != rb:
                merged[k] = ro
                if rb is not None:
                    kept.add(k)
                    conflicts.append(Conflict(kind, k, None, None, f"{kind} {k!r} was changed in ours and removed in "
                                                                   "theirs; kept ours"))
        elif rt is not None:
            if rb is None:
                merged[k] = rt
                theirs_only.add(k)
            elif rt != rb:
                conflicts.append(Conflict(kind, k, None, None, f"{kind} {k!r} was removed in ours and changed in "
                                                               "theirs; kept it removed"))
    return _Merged(merged, theirs_only, conflicts, kept)


def _order_conflicts(kind: str, ids: set[str]) -> list[Conflict]:
    return [Conflict(kind, k, None, None, f"{kind} {k!r} was moved to different places on both sides; kept ours")
            for k in sorted(ids)]


def _flow_key(flow: Flow) -> str:
    return f"{flow.source}→{flow.target}"


def merge_journeys(base: Journey, ours: Journey, theirs: Journey) -> MergeResult:
    """Merge `theirs` into `ours`, both descended from `base`; conflicts keep ours."""
    conflicts: list[Conflict] = []
    journey_fields: dict[str, Any] = {}
    for name in JOURNEY_FIELDS:
        value, found = merge_field(name, getattr(base, name), getattr(ours, name), getattr(theirs, name))
        journey_fields[name] = value
        conflicts += [_value_conflict("journey", "", c) for c in found]

    def by_id(r: Any) -> str:
        return str(r.id)

    personas = _merge_records("persona", base.personas(), ours.personas(), theirs.personas(),
                              field_names(Persona), by_id)
    stages = _merge_records("stage", base.stages(), ours.stages(), theirs.stages(), field_names(Stage), by_id)
    touchpoints = _merge_records("touchpoint", base.touchpoints(), ours.touchpoints(), theirs.touchpoints(),
                                 field_names(Touchpoint), by_id)
    flows = _merge_records("flow", base.flows(), ours.flows(), theirs.flows(), ("label",), _flow_key)
    for part in (personas, stages, touchpoints, flows):
        conflicts += part.conflicts

    lane_config = _merge_lanes(base, ours, theirs, touchpoints, conflicts)
    _restore_entries(ours, touchpoints, "persona_emotions", personas.kept_over_removal)
    lane_config = _keep_referenced(ours, theirs, base, personas, lane_config, touchpoints, conflicts)
    _keep_flows_of_kept_touchpoints(ours, touchpoints, flows)
    _drop_clashing_ids(stages, touchpoints, conflicts)
    _keep_stages_in_use(base, ours, theirs, stages, touchpoints, conflicts)
    _drop_loose_flows(touchpoints, flows, conflicts)

    persona_order, moved = merge_order(
        [p.id for p in base.personas()], [p.id for p in ours.personas()], [p.id for p in theirs.personas()],
        list(personas.records))
    conflicts += _order_conflicts("persona", moved)
    stage_order, moved = merge_order(base.stage_ids(), ours.stage_ids(), theirs.stage_ids(), list(stages.records))
    conflicts += _order_conflicts("stage", moved)
    steps: dict[str, list[str]] = {s: [] for s in stage_order}
    for tp in touchpoints.records.values():
        steps[tp.stage].append(tp.id)
    for stage, members in steps.items():
        order, moved = merge_order(_members(base, stage), _members(ours, stage), _members(theirs, stage), members)
        steps[stage] = order
        conflicts += _order_conflicts("touchpoint", moved)
    flow_order, _ = merge_order(_flow_keys(base), _flow_keys(ours), _flow_keys(theirs), list(flows.records))
    try:
        journey = _build(journey_fields, [personas.records[p] for p in persona_order], lane_config,
                         [stages.records[s] for s in stage_order],
                         [touchpoints.records[t] for s in stage_order for t in steps[s]],
                         [flows.records[f] for f in flow_order])
    except ValueError as err:
        conflicts.append(Conflict("journey", "", None, None, f"the sides could not be combined ({err}); kept ours "
                                                             "whole"))
        journey = ours.copy()
    return MergeResult(journey, tuple(conflicts))


def _flow_keys(journey: Journey) -> list[str]:
    return [_flow_key(f) for f in journey.flows()]


def _members(journey: Journey, stage: str) -> list[str]:
    return journey.touchpoint_ids(stage) if journey.has_stage(stage) else []


def _restore_entries(ours: Journey, touchpoints: _Merged, field: str, keys: set[str]) -> None:
    """Ours' entries under `keys` (lanes or personas ours kept over theirs' removal) come back on each touchpoint."""
    if not keys:
        return
    for tp_id, tp in list(touchpoints.records.items()):
        if not ours.has_touchpoint(tp_id):
            continue
        mine = getattr(ours.touchpoint(tp_id), field)
        entries = dict(getattr(tp, field))
        missing = {k: mine[k] for k in keys if k in mine and k not in entries}
        if missing:
            touchpoints.records[tp_id] = dataclasses.replace(tp, **{field: {**entries, **missing}})


def _merge_lanes(
    base: Journey, ours: Journey, theirs: Journey, touchpoints: _Merged, conflicts: list[Conflict]
) -> tuple[Lane, ...] | None:
    """The merged lane list; None (the default set, no `lanes:` key) when that is what the sides agree on."""
    b, o, t = base.lane_config(), ours.lane_config(), theirs.lane_config()
    if o == t or t == b:
        return o
    if o == b:
        return t
    lanes = _merge_records("lane", base.lanes(), ours.lanes(), theirs.lanes(), LANE_FIELDS, lane_key)
    conflicts += lanes.conflicts
    keys = [[lane_key(x) for x in j.lanes()] for j in (base, ours, theirs)]
    order, moved = merge_order(keys[0], keys[1], keys[2], list(lanes.records))
    conflicts += _order_conflicts("lane", moved)
    _restore_entries(ours, touchpoints, "lanes", lanes.kept_over_removal)
    return tuple(lanes.records[k] for k in order)


def _keep_referenced(
    ours: Journey, theirs: Journey, base: Journey, personas: _Merged, lanes: tuple[Lane, ...] | None,
    touchpoints: _Merged, conflicts: list[Conflict],
) -> tuple[Lane, ...] | None:
    """A persona or text lane one side removed stays while the other side's touchpoints still use it."""
    sides = (ours, theirs, base)
    config = list(lanes if lanes is not None else DEFAULT_LANES)
    text_lanes = {lane.id for lane in config if lane.is_text}
    for tp in touchpoints.records.values():
        for lane_id in tp.lanes:
            if lane_id in text_lanes:
                continue
            lane = next(j.lane(lane_id) for j in sides if j.has_lane(lane_id))
            config.append(lane)
            text_lanes.add(lane_id)
            conflicts.append(Conflict("lane", lane_id, None, None, f"lane {lane_id!r} was removed on one side, but "
                                      f"touchpoint {tp.id!r} has notes in it on the other; kept the lane"))
        for persona_id in tp.persona_emotions:
            if persona_id in personas.records:
                continue
            personas.records[persona_id] = next(
                next(p for p in j.personas() if p.id == persona_id) for j in sides
                if any(p.id == persona_id for p in j.personas()))
            conflicts.append(Conflict("persona", persona_id, None, None, f"persona {persona_id!r} was removed on one "
                                      f"side, but touchpoint {tp.id!r} has an emotion for it on the other; kept the "
                                      "persona"))
    return tuple(config) if lanes is not None or len(config) > len(DEFAULT_LANES) else None


def _keep_flows_of_kept_touchpoints(ours: Journey, touchpoints: _Merged, flows: _Merged) -> None:
    """A touchpoint ours changed and theirs removed stays, and so do ours' flows that theirs removed with it."""
    for tp in touchpoints.kept_over_removal:
        for flow in (*ours.flows_from(tp), *ours.flows_to(tp)):
            flows.records.setdefault(_flow_key(flow), flow)


def _drop_clashing_ids(stages: _Merged, touchpoints: _Merged, conflicts: list[Conflict]) -> None:
    """A stage and a touchpoint may not share an id: the one only theirs added gives way."""
    for rid in set(stages.records) & set(touchpoints.records):
        if rid in touchpoints.theirs_only:
            del touchpoints.records[rid]
            conflicts.append(Conflict("touchpoint", rid, None, None,
                                      f"theirs added touchpoint {rid!r}, but ours has a stage with that id; left it "
                                      "out"))
        else:
            del stages.records[rid]
            conflicts.append(Conflict("stage", rid, None, None,
                                      f"theirs added stage {rid!r}, but ours has a touchpoint with that id; left it "
                                      "out"))


def _keep_stages_in_use(
    base: Journey, ours: Journey, theirs: Journey, stages: _Merged, touchpoints: _Merged, conflicts: list[Conflict]
) -> None:
    """A stage one side removed while the other put touchpoints in it stays, so no touchpoint is lost."""
    for tp in list(touchpoints.records.values()):
        if tp.stage in stages.records:
            continue
        record = next((j.stage(tp.stage) for j in (ours, theirs, base) if j.has_stage(tp.stage)), None)
        if record is None or tp.stage in touchpoints.records:
            del touchpoints.records[tp.id]
            conflicts.append(Conflict("touchpoint", tp.id, "stage", None,
                                      f"touchpoint {tp.id!r} is in stage {tp.stage!r}, which is gone; left it out"))
            continue
        stages.records[tp.stage] = record
        conflicts.append(Conflict("stage", tp.stage, None, None,
                                  f"stage {tp.stage!r} was removed on one side, but touchpoint {tp.id!r} "
                                  "is still in it on the other; kept the stage"))


def _drop_loose_flows(touchpoints: _Merged, flows: _Merged, conflicts: list[Conflict]) -> None:
    """A flow one side added or relabelled, to a touchpoint the other side removed, is left out."""
    for key, flow in list(flows.records.items()):
        gone = [end for end in (flow.source, flow.target) if end not in touchpoints.records]
        if gone:
            del flows.records[key]
            conflicts.append(Conflict("flow", key, None, None,
                                      f"flow {flow.source} → {flow.target} leads to touchpoint {gone[0]!r}, "
                                      "which was removed on the other side; left it out"))


def _build(fields: dict[str, Any], personas: list[Persona], lanes: tuple[Lane, ...] | None, stages: list[Stage],
           touchpoints: list[Touchpoint], flows: list[Flow]) -> Journey:
    """A journey made through the model's methods, which validate every value."""
    journey = Journey(fields["title"], fields["description"])
    persona_fields = field_names(Persona, ("id", "name"))
    for p in personas:
        journey.add_persona(p.name, id=p.id, **{f: getattr(p, f) for f in persona_fields})
    journey.set_lane_config(lanes)
    stage_fields = field_names(Stage, ("id", "name"))
    for s in stages:
        journey.add_stage(s.name, id=s.id, **{f: getattr(s, f) for f in stage_fields})
    tp_fields = field_names(Touchpoint, ("id", "stage", "name"))
    for t in touchpoints:
        journey.add_touchpoint(t.stage, t.name, id=t.id, **{f: getattr(t, f) for f in tp_fields})
    for f in flows:
        journey.add_flow(f.source, f.target, f.label)
    return journey
