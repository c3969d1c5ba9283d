"""What the compare view and the printed comparison show: the map against another version.

`compare_journeys(current, other)` diffs the other version (old) against the current one
(new) and says, per touchpoint of the current map, how it changed (`marks`: new, moved,
emotion/friction up or down, changed) and which touchpoint of the other version it is
(`other_ids`, renamed ids followed). `change_entries` lists every change for people: one
entry per touchpoint, the removed ones last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from journeymap.model import Journey
from journeymap.versions.diff import JourneyDiff, Move, diff_journeys
from journeymap.versions.fields import FieldChange
from journeymap.versions.render import change_lines


@dataclass(frozen=True)
class ChangeEntry:
    """One touchpoint that differs: `id` is its id on the current map (None when removed)."""

    id: str | None
    kind: str                       # 'new', 'changed', 'moved' or 'removed'
    name: str
    stage: str                      # the stage's name (in the version that has the touchpoint)
    details: tuple[str, ...] = ()   # 'emotion: -1 negative → +1 positive', 'moved from Intent step 3' …


@dataclass(frozen=True)
class Comparison:
    """The current map against another version of it (`label` names that version: a file, HEAD, a commit)."""

    other: Journey
    diff: JourneyDiff
    label: str = ""
    marks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    other_ids: Mapping[str, str] = field(default_factory=dict)


def compare_journeys(current: Journey, other: Journey, label: str = "") -> Comparison:
    """Compare the current map with `other` (the older version, as `journeymap diff OTHER CURRENT`)."""
    diff = diff_journeys(other, current)
    renamed = {r.new_id: r.old_id for r in diff.touchpoints.renamed_id}
    other_ids = {
        tp.id: renamed.get(tp.id, tp.id)
        for tp in current.touchpoints()
        if other.has_touchpoint(renamed.get(tp.id, tp.id))
    }
    marks: dict[str, list[str]] = {}
    for entry in diff.touchpoints.added:
        marks.setdefault(entry.id, []).append("new")
    for move in diff.touchpoints.moved:
        marks.setdefault(move.id, []).append("moved")
    for changed in diff.touchpoints.changed:
        marks.setdefault(changed.id, []).extend(_change_kinds(changed.changes))
    return Comparison(other, diff, label, {k: tuple(v) for k, v in marks.items() if v}, other_ids)


def _change_kinds(changes: tuple[FieldChange, ...]) -> list[str]:
    kinds = []
    for c in changes:
        if c.field in ("emotion", "friction") and c.old is not None and c.new is not None:
            kinds.append(f"{c.field}-{'up' if c.new > c.old else 'down'}")
        elif "changed" not in kinds:
            kinds.append("changed")
    return kinds


def change_entries(comparison: Comparison, current: Journey) -> list[ChangeEntry]:
    """Every touchpoint that differs, in the current map's order, then the removed ones."""
    diff = comparison.diff
    added = {e.id for e in diff.touchpoints.added}
    moves = {m.id: m for m in diff.touchpoints.moved}
    changes = {c.id: c.changes for c in diff.touchpoints.changed}
    renamed = {r.new_id: r.old_id for r in diff.touchpoints.renamed_id}
    entries = []
    for tp in current.touchpoints():
        if tp.id not in added and tp.id not in moves and tp.id not in changes and tp.id not in renamed:
            continue
        stage = current.stage(tp.stage).name
        details: list[str] = []
        if tp.id in renamed:
            details.append(f"id: {renamed[tp.id]} → {tp.id}")
        if tp.id in moves:
            details.append(_move_line(comparison.other, current, moves[tp.id]))
        for change in changes.get(tp.id, ()):
            details += change_lines(change)
        kind = "new" if tp.id in added else ("changed" if tp.id in changes or tp.id in renamed else "moved")
        entries.append(ChangeEntry(tp.id, kind, tp.name, stage, tuple(details)))
    for entry in diff.touchpoints.removed:
        stage_id = entry.stage or ""
        other = comparison.other
        stage = other.stage(stage_id).name if other.has_stage(stage_id) else stage_id
        entries.append(ChangeEntry(None, "removed", entry.name, stage))
    return entries


def _move_line(other: Journey, current: Journey, move: Move) -> str:
    old_stage, new_stage = move.old_stage or "", move.new_stage or ""
    old_index, new_index = move.old_index, move.new_index
    if old_stage != new_stage:
        name = other.stage(old_stage).name if other.has_stage(old_stage) else old_stage
        return f"moved from {name} (step {old_index + 1}) to {current.stage(new_stage).name} (step {new_index + 1})"
    return f"moved from step {old_index + 1} to step {new_index + 1}"
