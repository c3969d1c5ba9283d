"""A JourneyDiff as text for a terminal, Markdown for a pull request, or JSON (docs/diff.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from journeymap.model import Flow, emotion_label, friction_label
from journeymap.versions.diff import (
    Changed,
    Entry,
    FlowsDiff,
    JourneyDiff,
    Move,
    RecordsDiff,
    StageNumbers,
    Summary,
)
from journeymap.versions.fields import FieldChange

#: Version of the JSON document; raised only for changes that are not additions.
JSON_VERSION = 1
#: How a field is named in text and Markdown (other fields: underscores become spaces).
FIELD_LABELS = {"row": "row", "lanes": "notes in lane", "persona_emotions": "emotion of persona"}


# ---------------------------------------------------------------- JSON


def diff_to_json(diff: JourneyDiff, old_name: str, new_name: str) -> dict[str, Any]:
    """The public JSON form of a diff (keys and meaning documented in docs/diff.md)."""
    return {
        "version": JSON_VERSION,
        "old": old_name,
        "new": new_name,
        "same": diff.same,
        "summary": _summary_json(diff.summary),
        "journey": [_change_json(c) for c in diff.journey],
        "personas": _records_json(diff.personas),
        "lanes": _records_json(diff.lanes),
        "stages": _records_json(diff.stages),
        "touchpoints": _records_json(diff.touchpoints, with_stage=True),
        "flows": _flows_json(diff.flows),
    }


def _summary_json(summary: Summary) -> dict[str, Any]:
    def numbers(n: StageNumbers | None) -> dict[str, Any] | None:
        if n is None:
            return None
        return {"touchpoints": n.touchpoints, "avg_emotion": _round(n.avg_emotion), "total_friction": n.total_friction}

    return {
        "stages": [
            {"id": s.id, "name": s.name, "before": numbers(s.before), "after": numbers(s.after)} for s in summary.stages
        ],
        "reach": {"before": _round(summary.reach_before), "after": _round(summary.reach_after)},
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _change_json(change: FieldChange) -> dict[str, Any]:
    data: dict[str, Any] = {"field": change.field}
    if change.key is not None:
        data["key"] = change.key
    if change.items:
        data["added"] = list(change.added)
        data["removed"] = list(change.removed)
    else:
        data["old"] = _jsonable(change.old)
        data["new"] = _jsonable(change.new)
    return data


def _entry_json(entry: Entry, with_stage: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entry.id, "name": entry.name}
    if with_stage:
        data["stage"] = entry.stage
    data["index"] = entry.index
    return data


def _move_json(move: Move, with_stage: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"id": move.id, "name": move.name}
    if with_stage:
        data["old_stage"] = move.old_stage
        data["new_stage"] = move.new_stage
    data["old_index"] = move.old_index
    data["new_index"] = move.new_index
    return data


def _records_json(records: RecordsDiff, with_stage: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "added": [_entry_json(e, with_stage) for e in records.added],
        "removed": [_entry_json(e, with_stage) for e in records.removed],
    }
    if with_stage:
        data["renamed_id"] = [
            {"old_id": r.old_id, "new_id": r.new_id, "name": r.name, "stage": r.stage} for r in records.renamed_id
        ]
    data["moved"] = [_move_json(m, with_stage) for m in records.moved]
    data["changed"] = [
        {"id": c.id, "name": c.name, **({"stage": c.stage} if with_stage else {}),
         "changes": [_change_json(x) for x in c.changes]}
        for c in records.changed
    ]
    return data


def _flow_json(flow: Flow) -> dict[str, Any]:
    return {"from": flow.source, "to": flow.target, "label": flow.label}


def _flows_json(flows: FlowsDiff) -> dict[str, Any]:
    return {
        "added": [_flow_json(f) for f in flows.added],
        "removed": [_flow_json(f) for f in flows.removed],
        "relabelled": [
            {"from": new.source, "to": new.target, "old": old.label, "new": new.label} for old, new in flows.relabelled
        ],
    }


# ---------------------------------------------------------------- text and Markdown


def _signed(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "not rated"
    text = f"{value:+.{digits}f}"
    return text.replace("+0.0", "0.0").replace("-0.0", "0.0")


def _trend(before: float | None, after: float | None, higher_is_better: bool, digits: int = 1) -> str:
    """'(rose, better)' or '(fell, worse)' …; nothing when the values look the same as printed."""
    if before is None or after is None or round(after, digits) == round(before, digits):
        return ""
    rose = after > before
    arrow = "rose" if rose else "fell"
    good = rose == higher_is_better
    return f" ({arrow}, {'better' if good else 'worse'})"


def format_value(field: str, value: Any) -> str:
    """A field's value for people: emotion and friction with their labels, lists joined, texts quoted."""
    if value is None or value == "" or value == ():
        return "(none)"
    if field in ("emotion", "persona_emotions") and isinstance(value, int):
        return f"{value:+d} {emotion_label(value)}".replace("+0", "0")
    if field == "friction" and isinstance(value, int):
        return f"{value} {friction_label(value)}"
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _label(change: FieldChange) -> str:
    label = FIELD_LABELS.get(change.field, change.field.replace("_", " "))
    return f"{label} {change.key}" if change.key is not None else label


def change_lines(change: FieldChange) -> list[str]:
    """One line per part of a field change: 'emotion: -1 negative → +1 positive', '+ pain point'."""
    label = _label(change)
    if change.items:
        return [f"{label}: + {t}" for t in change.added] + [f"{label}: - {t}" for t in change.removed]
    return [f"{label}: {format_value(change.field, change.old)} → {format_value(change.field, change.new)}"]


def _stage_name(diff: JourneyDiff, stage: str | None) -> str:
    for s in diff.summary.stages:
        if s.id == stage:
            return s.name
    return stage or ""


def _summary_rows(diff: JourneyDiff) -> list[tuple[str, str, str, str]]:
    rows = []
    for s in diff.summary.stages:
        b, a = s.before, s.after
        count = f"{b.touchpoints if b else '-'} → {a.touchpoints if a else '-'}"
        be, ae = (b.avg_emotion if b else None), (a.avg_emotion if a else None)
        bf, af = (b.total_friction if b else None), (a.total_friction if a else None)
        emotion = f"{_signed(be)} → {_signed(ae)}{_trend(be, ae, True)}"
        friction = f"{'-' if bf is None else bf} → {'-' if af is None else af}{_trend(bf, af, False)}"
        rows.append((s.name, count, emotion, friction))
    return rows


def _reach_line(summary: Summary) -> str | None:
    before, after = summary.reach_before, summary.reach_after
    if before is None and after is None:
        return None

    def pct(v: float | None) -> str:
        return "no drop-off data" if v is None else f"{v * 100:.1f} %"

    return f"estimated reach of the main path: {pct(before)} → {pct(after)}{_trend(before, after, True, 3)}"


def _record_lines(diff: JourneyDiff, kind: str, records: RecordsDiff, with_stage: bool = False) -> list[str]:
    def where(stage: str | None) -> str:
        return f" in {_stage_name(diff, stage)}" if with_stage else ""

    lines = [f"+ added {kind} {e.id!r} ({e.name}){where(e.stage)}" for e in records.added]
    lines += [f"- removed {kind} {e.id!r} ({e.name}){where(e.stage)}" for e in records.removed]
    lines += [f"~ {kind} id {r.old_id!r} renamed to {r.new_id!r} ({r.name})" for r in records.renamed_id]
    for m in records.moved:
        if with_stage and m.old_stage != m.new_stage:
            lines.append(f"> moved {kind} {m.id!r} ({m.name}) from {_stage_name(diff, m.old_stage)} to "
                         f"{_stage_name(diff, m.new_stage)}, step {m.new_index + 1}")
        else:
            lines.append(f"> moved {kind} {m.id!r} ({m.name}) from position {m.old_index + 1} to {m.new_index + 1}"
                         + (f" in {_stage_name(diff, m.new_stage)}" if with_stage else ""))
    for c in records.changed:
        lines.append(f"~ changed {kind} {c.id!r} ({c.name}){where(c.stage) if with_stage else ''}")
        lines += [f"    {line}" for change in c.changes for line in change_lines(change)]
    return lines


def _flow_name(flow: Flow) -> str:
    return f"{flow.source} → {flow.target}" + (f" ({flow.label!r})" if flow.label else "")


def _flow_lines(flows: FlowsDiff) -> list[str]:
    lines = [f"+ added flow {_flow_name(f)}" for f in flows.added]
    lines += [f"- removed flow {_flow_name(f)}" for f in flows.removed]
    lines += [f"~ relabelled flow {n.source} → {n.target}: {format_value('label', o.label)} → "
              f"{format_value('label', n.label)}"
              for o, n in flows.relabelled]
    return lines


def _sections(diff: JourneyDiff) -> list[tuple[str, list[str]]]:
    journey = [line for c in diff.journey for line in change_lines(c)]
    return [
        ("Journey", journey),
        ("Personas", _record_lines(diff, "persona", diff.personas)),
        ("Lanes", _record_lines(diff, "lane", diff.lanes)),
        ("Stages", _record_lines(diff, "stage", diff.stages)),
        ("Touchpoints", _record_lines(diff, "touchpoint", diff.touchpoints, with_stage=True)),
        ("Flows", _flow_lines(diff.flows)),
    ]


def diff_to_text(diff: JourneyDiff, old_name: str, new_name: str) -> str:
    """The diff for a terminal: a per-stage summary first, then every change."""
    out = [f"journeymap diff {old_name} {new_name}"]
    if diff.same:
        out.append("the journeys are the same")
        return "\n".join(out) + "\n"
    rows = [("stage", "touchpoints", "avg emotion", "total friction"), *_summary_rows(diff)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    out.append("")
    out.append("Summary (before → after)")
    for row in rows:
        out.append("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip())
    reach = _reach_line(diff.summary)
    if reach:
        out.append(f"  {reach[0].upper()}{reach[1:]}")
    for title, lines in _sections(diff):
        if lines:
            out += ["", title, *(f"  {line}" for line in lines)]
    return "\n".join(out) + "\n"


_MARKERS = ("+ ", "- ", "~ ", "> ")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def diff_to_markdown(diff: JourneyDiff, old_name: str, new_name: str) -> str:
    """The diff as Markdown (for a pull request or a wiki page)."""
    out = [f"# Changes from `{old_name}` to `{new_name}`", ""]
    if diff.same:
        return "\n".join([*out, "The journeys are the same.", ""])
    out += ["| Stage | Touchpoints | Avg emotion | Total friction |", "|---|---|---|---|"]
    out += [f"| {' | '.join(_md(c) for c in row)} |" for row in _summary_rows(diff)]
    reach = _reach_line(diff.summary)
    if reach:
        out += ["", f"{reach[0].upper()}{reach[1:]}."]
    for title, lines in _sections(diff):
        if not lines:
            continue
        out += ["", f"## {title}", ""]
        for line in lines:
            if line.startswith("    "):
                out.append(f"  - {_md(line.strip())}")
            else:  # the words say added/removed/moved; a leading '-' would nest the list
                out.append(f"- {_md(line[2:] if line[:2] in _MARKERS else line)}")
    return "\n".join(out) + "\n"


__all__ = ["JSON_VERSION", "Changed", "change_lines", "diff_to_json", "diff_to_markdown", "diff_to_text"]
