"""The semantic diff of two journeys: what was added, removed, renamed, moved and changed.

Records are matched by id. A touchpoint whose id changed but whose name and stage did
not is reported as renamed-id, not as removed and added, and its flows follow it.
`diff_journeys(old, new)` gives a `JourneyDiff`; `journeymap.versions.render` prints it
as text, Markdown or the JSON documented in docs/diff.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from journeymap.analysis.reach import reach_along
from journeymap.model import Flow, Journey, Lane, Persona, Stage, Touchpoint
from journeymap.versions.fields import FieldChange, compare_records, field_names
from journeymap.versions.order import moved_ids

JOURNEY_FIELDS = ("title", "description")
#: What can change about a lane that stays (its kind, text-lane id and metric make its key).
LANE_FIELDS = field_names(Lane, ("kind", "id", "metric"))


def lane_key(lane: Lane) -> str:
    """A lane's identity across versions: a text lane's id, a built-in's kind, 'metric:NAME'."""
    return lane.key


@dataclass(frozen=True)
class Entry:
    """A record that was added or removed: its id, name, stage (touchpoints) and index.

    `index` is the position in its list (personas, stages) or the step in its stage
    (touchpoints), in the version that has it.
    """

    id: str
    name: str
    index: int
    stage: str | None = None


@dataclass(frozen=True)
class Move:
    """A record that changed place: stage (touchpoints) and index before and after."""

    id: str
    name: str
    old_index: int
    new_index: int
    old_stage: str | None = None
    new_stage: str | None = None


@dataclass(frozen=True)
class Changed:
    """A record present in both versions whose fields differ."""

    id: str
    name: str
    changes: tuple[FieldChange, ...]
    stage: str | None = None


@dataclass(frozen=True)
class RenamedId:
    """A touchpoint whose id changed while its name and stage stayed."""

    old_id: str
    new_id: str
    name: str
    stage: str


@dataclass(frozen=True)
class RecordsDiff:
    """How one list of records (personas, stages, touchpoints …) changed."""

    added: tuple[Entry, ...] = ()
    removed: tuple[Entry, ...] = ()
    renamed_id: tuple[RenamedId, ...] = ()
    moved: tuple[Move, ...] = ()
    changed: tuple[Changed, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed_id or self.moved or self.changed)


@dataclass(frozen=True)
class FlowsDiff:
    """Flows added, removed and relabelled (`relabelled` pairs the old flow with the new one)."""

    added: tuple[Flow, ...] = ()
    removed: tuple[Flow, ...] = ()
    relabelled: tuple[tuple[Flow, Flow], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.relabelled)


@dataclass(frozen=True)
class StageNumbers:
    """One stage in numbers: touchpoints, average rated emotion, total rated friction."""

    touchpoints: int
    avg_emotion: float | None
    total_friction: int | None


@dataclass(frozen=True)
class StageSummary:
    """A stage before and after (None where the stage does not exist)."""

    id: str
    name: str
    before: StageNumbers | None
    after: StageNumbers | None


@dataclass(frozen=True)
class Summary:
    """Per stage before → after, and the estimated reach of the main path (None: no drop-off data)."""

    stages: tuple[StageSummary, ...]
    reach_before: float | None
    reach_after: float | None


@dataclass(frozen=True)
class JourneyDiff:
    """Everything that differs between two journeys, with a per-stage summary."""

    journey: tuple[FieldChange, ...]
    personas: RecordsDiff
    lanes: RecordsDiff
    stages: RecordsDiff
    touchpoints: RecordsDiff
    flows: FlowsDiff
    summary: Summary
    old_title: str
    new_title: str

    @property
    def same(self) -> bool:
        """True when the journeys do not differ."""
        return not (self.journey or self.personas or self.lanes or self.stages or self.touchpoints or self.flows)


def diff_journeys(old: Journey, new: Journey) -> JourneyDiff:
    """Compare two journeys (as-is and to-be, or two versions of one file)."""
    journey_changes = tuple(
        FieldChange(name, None, getattr(old, name), getattr(new, name))
        for name in JOURNEY_FIELDS
        if getattr(old, name) != getattr(new, name)
    )
    touchpoints, renames = _touchpoints(old, new)
    return JourneyDiff(
        journey=journey_changes,
        personas=_ordered(old.personas(), new.personas(), field_names(Persona)),
        lanes=_ordered(old.lanes(), new.lanes(), LANE_FIELDS, lane_key),
        stages=_ordered(old.stages(), new.stages(), field_names(Stage)),
        touchpoints=touchpoints,
        flows=_flows(old.flows(), new.flows(), renames),
        summary=_summary(old, new),
        old_title=old.title,
        new_title=new.title,
    )


def _ordered(
    old: Sequence[Any], new: Sequence[Any], names: Sequence[str], key: Callable[[Any], str] | None = None
) -> RecordsDiff:
    """Diff of a list of records matched by id (or `key`): added, removed, moved, changed in `names`."""
    key = key or (lambda r: r.id)
    old_by = {key(r): (i, r) for i, r in enumerate(old)}
    new_by = {key(r): (i, r) for i, r in enumerate(new)}
    added = tuple(Entry(k, _name(r), i) for k, (i, r) in new_by.items() if k not in old_by)
    removed = tuple(Entry(k, _name(r), i) for k, (i, r) in old_by.items() if k not in new_by)
    moved_set = moved_ids(list(old_by), list(new_by))
    moved = tuple(
        Move(k, _name(new_by[k][1]), old_by[k][0], new_by[k][0]) for k in new_by if k in moved_set
    )
    changed = []
    for k, (_, r) in new_by.items():
        if k in old_by and old_by[k][1] != r:
            changes = compare_records(old_by[k][1], r, names)
            if changes:
                changed.append(Changed(k, _name(r), changes))
    return RecordsDiff(added=added, removed=removed, moved=moved, changed=tuple(changed))


def _name(record: Any) -> str:
    return str(getattr(record, "name", "") or getattr(record, "title", ""))


def _touchpoints(old: Journey, new: Journey) -> tuple[RecordsDiff, dict[str, str]]:
    """The touchpoints' diff and the renamed ids (old id → new id)."""
    names = field_names(Touchpoint, ("id", "stage"))
    old_tps = {tp.id: tp for tp in old.touchpoints()}
    new_tps = {tp.id: tp for tp in new.touchpoints()}
    only_new = [t for t in new_tps if t not in old_tps]
    only_old = [t for t in old_tps if t not in new_tps]
    renames = _renamed_ids(only_old, only_new, old_tps, new_tps)
    renamed_new = set(renames.values())
    step_old = _steps(old)
    step_new = _steps(new)

    added = tuple(
        Entry(t, new_tps[t].name, step_new[t], new_tps[t].stage) for t in only_new if t not in renamed_new
    )
    removed = tuple(
        Entry(t, old_tps[t].name, step_old[t], old_tps[t].stage) for t in only_old if t not in renames
    )
    renamed = tuple(RenamedId(o, n, new_tps[n].name, new_tps[n].stage) for o, n in renames.items())

    back = {n: o for o, n in renames.items()}
    pairs = [(back.get(t, t), t) for t in new_tps if t in old_tps or t in back]  # (old id, new id) in new order
    moved_steps: set[str] = set()
    for stage in new.stage_ids():
        if not old.has_stage(stage):
            continue
        after = [back.get(t, t) for t in new.touchpoint_ids(stage)]
        before = old.touchpoint_ids(stage)
        moved_steps |= moved_ids(before, after)
    moved = []
    changed = []
    for o, n in pairs:
        a, b = old_tps[o], new_tps[n]
        if a.stage != b.stage or o in moved_steps:
            moved.append(Move(n, b.name, step_old[o], step_new[n], a.stage, b.stage))
        if a != b:
            changes = compare_records(a, b, names)
            if changes:
                changed.append(Changed(n, b.name, changes, b.stage))
    diff = RecordsDiff(added=added, removed=removed, renamed_id=renamed, moved=tuple(moved), changed=tuple(changed))
    return diff, renames


def _steps(journey: Journey) -> dict[str, int]:
    return {t: i for s in journey.stage_ids() for i, t in enumerate(journey.touchpoint_ids(s))}


def _renamed_ids(
    only_old: list[str], only_new: list[str], old_tps: dict[str, Touchpoint], new_tps: dict[str, Touchpoint]
) -> dict[str, str]:
    """Pair removed and added touchpoints that share name and stage (when the pairing is unambiguous)."""
    candidates: dict[tuple[str, str], list[str]] = {}
    for t in only_new:
        candidates.setdefault((new_tps[t].name, new_tps[t].stage), []).append(t)
    olds: dict[tuple[str, str], list[str]] = {}
    for t in only_old:
        olds.setdefault((old_tps[t].name, old_tps[t].stage), []).append(t)
    return {ids[0]: candidates[k][0] for k, ids in olds.items() if len(ids) == 1 and len(candidates.get(k, ())) == 1}


def _flows(old: Sequence[Flow], new: Sequence[Flow], renames: dict[str, str]) -> FlowsDiff:
    """Flows matched by their ends (old ends followed through renamed ids)."""
    old_by = {(renames.get(f.source, f.source), renames.get(f.target, f.target)): f for f in old}
    new_by = {(f.source, f.target): f for f in new}
    return FlowsDiff(
        added=tuple(f for k, f in new_by.items() if k not in old_by),
        removed=tuple(f for k, f in old_by.items() if k not in new_by),
        relabelled=tuple((old_by[k], f) for k, f in new_by.items() if k in old_by and old_by[k].label != f.label),
    )


def _numbers(journey: Journey, stage: str) -> StageNumbers:
    tps = journey.touchpoints(stage)
    emotions = [t.emotion for t in tps if t.emotion is not None]
    frictions = [t.friction for t in tps if t.friction is not None]
    return StageNumbers(
        touchpoints=len(tps),
        avg_emotion=sum(emotions) / len(emotions) if emotions else None,
        total_friction=sum(frictions) if frictions else None,
    )


def _summary(old: Journey, new: Journey) -> Summary:
    """Per stage (the new order, removed stages where they were) before → after, and the reach."""
    order = list(new.stage_ids())
    for i, stage in enumerate(old.stage_ids()):
        if not new.has_stage(stage):
            order.insert(min(i, len(order)), stage)
    stages = []
    for stage in order:
        before = _numbers(old, stage) if old.has_stage(stage) else None
        after = _numbers(new, stage) if new.has_stage(stage) else None
        name = (new.stage(stage) if new.has_stage(stage) else old.stage(stage)).name
        stages.append(StageSummary(stage, name, before, after))
    return Summary(tuple(stages), _reach(old), _reach(new))


def _reach(journey: Journey) -> float | None:
    reach = reach_along(journey.touchpoints())
    return None if reach is None else reach.share
