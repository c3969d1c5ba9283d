"""Read a journey file (format v1) into a Journey, reporting every problem with its line."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from journeymap.io import limits
from journeymap.io.errors import JourneyFileError
from journeymap.io.regular_file import open_regular
from journeymap.io.schema import (
    Problems,
    checked,
    did_you_mean,
    is_null,
    read_int,
    read_list,
    read_mapping,
    read_number,
    read_text,
    read_text_list,
)
from journeymap.io.yaml_tree import Mapping as MappingNode
from journeymap.io.yaml_tree import Node, Scalar, check_characters, parse_tree, position_of
from journeymap.model import Journey
from journeymap.model import entities as E
from journeymap.model.lanes import LANE_KINDS, MAX_LANES, SECTIONS, TEXT, Lane, make_lane
from journeymap.model.text import check_id
from journeymap.runtime import paused_gc

FORMAT_VERSION = 1

TOP_KEYS = ("journeymap", "title", "description", "personas", "lanes", "stages", "touchpoints", "flows")
PERSONA_KEYS = ("id", "name", "description", "goals", "needs", "frustrations")
STAGE_KEYS = ("id", "name", "description", "color")
TOUCHPOINT_KEYS = (
    "id", "stage", "name", "description", "channel", "emotion", "persona_emotions", "friction", "row",
    "pain_points", "opportunities", "lanes", "owner", "evidence", "metrics",
)
LANE_KEYS = ("kind", "id", "name", "metric", "section")
FLOW_KEYS = ("from", "to", "label")

_TEXT_LISTS = ("goals", "needs", "frustrations", "pain_points", "opportunities")
_INTS = {"emotion": E.clean_emotion, "friction": E.clean_friction, "row": E.clean_row}
_TEXTS = {
    "description": lambda v: E.clean_text(v, "description"),
    "owner": lambda v: E.clean_text(v, "owner"),
    "channel": E.clean_channel,
    "evidence": E.clean_evidence,
    "color": E.clean_color,
    "label": lambda v: E.clean_text(v, "label"),
}


def read_file_text(path: str | os.PathLike[str]) -> str:
    """The file's text, strict UTF-8 and within the size limit, or JourneyFileError."""
    name = os.fspath(path)
    try:
        with open_regular(name, "a journey file") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.MAX_FILE_BYTES:
                raise JourneyFileError(
                    name,
                    None,
                    None,
                    f"the file is {size / 2**20:.1f} MB; journey files are limited "
                    ""
                    ""
                    ""
                    f"to {limits.MAX_FILE_BYTES // 2**20} MB",
                )
            data = handle.read(limits.MAX_FILE_BYTES + 1)
    except JourneyFileError:
        raise
    except OSError as err:
        raise JourneyFileError(name, None, None, f"cannot read the file: {err.strerror or err}") from None
    if len(data) > limits.MAX_FILE_BYTES:
        raise JourneyFileError(name, None, None, f"journey files are limited to {limits.MAX_FILE_BYTES // 2**20} MB")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        good = data[: err.start].decode("utf-8")
        line, column = position_of(good + "x", len(good))
        raise JourneyFileError(name, line, column, f"the file is not valid UTF-8 (byte 0x{data[err.start]:02X}); save "
                                                   "it as UTF-8") from None


def read_journey_text(text: str, path: str = "<text>") -> tuple[Journey | None, list[JourneyFileError]]:
    """Parse and validate journey YAML; returns (journey or None, problems in file order)."""
    journey, problems = _read(text, path)
    return journey, problems.sorted()


def _read(text: str, path: str) -> tuple[Journey | None, Problems]:
    """The journey (None when the file has problems) and the problems and warnings of its text."""
    problems = Problems(path, text)
    try:
        check_characters(text, path)
        root = parse_tree(text, path, _LIST_LIMITS)
    except JourneyFileError as err:
        problems.errors.append(err)
        return None, problems
    top = read_mapping(root, "the journey file", TOP_KEYS, (), problems)
    if top is None:
        return None, problems
    if not _check_version(top, root, problems):
        del problems.errors[:-1]
        return None, problems
    for name in ("title", "stages"):
        if name not in top:
            problems.add(root, f"the journey file is missing {name!r}")
    journey = _build(top, problems)
    return (journey if not problems.errors else None), problems


def _check_version(top: Mapping[str, tuple[Node, Node]], root: Node, problems: Problems) -> bool:
    if "journeymap" not in top:
        problems.add(root, "this is not a journey file: it must start with 'journeymap: 1' (the format version)")
        return False
    node = top["journeymap"][1]
    before = len(problems.errors)
    version = read_int(node, "the format version 'journeymap'", problems)
    if version is None:
        if len(problems.errors) == before:
            problems.add(node, "the format version 'journeymap' must be a whole number, e.g. 'journeymap: 1'")
        return False
    if version > FORMAT_VERSION:
        problems.add(node, f"this file was made by a newer journeymap (format version {version}; this program reads up "
                           f"to {FORMAT_VERSION}); please upgrade journeymap")
        return False
    if version < 1:
        problems.add(node, f"unknown format version {version}; journeymap files start with 'journeymap: 1'")
        return False
    return True


def _fields(
    mapping: Mapping[str, tuple[Node, Node]], names: tuple[str, ...], what: str, problems: Problems,
    context: Journey | None = None,
) -> dict[str, Any]:
    """Read and validate the optional fields of a record; invalid ones are left out."""
    values: dict[str, Any] = {}
    for name in names:
        if name not in mapping:
            continue
        node = mapping[name][1]
        label = name.replace("_", " ")
        if name in _TEXT_LISTS:
            values[name] = read_text_list(node, label, problems)
        elif name in _INTS:
            number = read_int(node, label, problems)
            if number is not None:  # an empty value keeps the default (not rated / main row)
                cleaned = checked(node, problems, _INTS[name], number)
                if cleaned is not None:  # an invalid one is reported here, not again as the record's
                    values[name] = cleaned
        elif name == "metrics":
            values[name] = _metrics(node, problems)
        elif name == "lanes":
            values[name] = _notes(node, problems, context)
        elif name == "persona_emotions":
            values[name] = _persona_emotions(node, problems, context)
        else:
            text = read_text(node, label, problems)
            cleaned = checked(node, problems, _TEXTS[name], text)
            if cleaned is not None or text is None:
                values[name] = cleaned
    return values


def _metrics(node: Node, problems: Problems) -> dict[str, float]:
    if is_null(node):
        return {}
    if not isinstance(node, MappingNode):
        problems.add(node, "metrics must be a mapping like 'csat: 4.2'")
        return {}
    metrics: dict[str, float] = {}
    lines: dict[str, int] = {}
    for key, value in node.pairs:
        name = checked(key, problems, E.clean_metric_name, key.value)
        if name is None:
            continue
        if name in metrics or name in lines:
            problems.add(key, f"duplicate metric {name!r} (first at line {lines[name]})")
            continue
        lines[name] = key.line
        number = read_number(value, f"metric {name!r}", problems)
        if number is not None:
            cleaned = checked(value, problems, functools.partial(E.clean_metric_value, name), number)
            if cleaned is not None:
                metrics[name] = cleaned
    return metrics


def _notes(node: Node, problems: Problems, journey: Journey | None) -> dict[str, list[str]]:
    """A touchpoint's `lanes:` notes: text-lane id -> list of texts, each id a text lane of the journey."""
    if is_null(node):
        return {}
    if not isinstance(node, MappingNode):
        problems.add(node, "lanes must be a mapping of text-lane id to a list of notes, like 'doing: [Compares "
                           "prices]'")
        return {}
    known = journey.text_lane_ids() if journey is not None else []
    builtins = {lane.key: lane for lane in journey.lanes()} if journey is not None else {}
    notes: dict[str, list[str]] = {}
    for key, value in node.pairs:
        lane_id = key.value
        if lane_id in notes:
            problems.add(key, f"duplicate lane {lane_id!r} in the notes")
            continue
        if lane_id not in known:
            if lane_id in ("pain-points", "opportunities"):
                field = lane_id.replace("-", "_")
                problems.add(key, f"{lane_id!r} is a built-in lane: write these notes under '{field}:' of the "
                                  "touchpoint")
            elif lane_id in ("emotion", "friction") or lane_id in builtins:
                problems.add(key, f"{lane_id!r} is a built-in lane and holds no notes; notes go in text lanes")
            else:
                have = ", ".join(known) or "none (add them under 'lanes:' at the top of the file)"
                problems.add(key, f"unknown lane {lane_id!r}{did_you_mean(lane_id, known)}; the text lanes are: {have}")
            continue
        notes[lane_id] = read_text_list(value, f"notes of lane {lane_id!r}", problems)
    return notes


def _persona_emotions(node: Node, problems: Problems, journey: Journey | None) -> dict[str, int]:
    """A touchpoint's `persona_emotions:`: persona id -> emotion −2..2, each id a persona of the journey."""
    if is_null(node):
        return {}
    if not isinstance(node, MappingNode):
        problems.add(node, "persona_emotions must be a mapping of persona id to an emotion, like 'tom: 1'")
        return {}
    known = [p.id for p in journey.personas()] if journey is not None else []
    emotions: dict[str, int] = {}
    for key, value in node.pairs:
        persona_id = key.value
        if persona_id in emotions:
            problems.add(key, f"duplicate persona {persona_id!r} in persona_emotions")
            continue
        if persona_id not in known:
            have = ", ".join(known) or "none"
            problems.add(key, f"unknown persona {persona_id!r}{did_you_mean(persona_id, known)}; the personas are: "
                              f"{have}")
            continue
        number = read_int(value, f"emotion of persona {persona_id!r}", problems)
        if number is not None:
            cleaned = checked(value, problems, E.clean_emotion, number)
            if cleaned is not None:
                emotions[persona_id] = cleaned
    return emotions


def _lanes(journey: Journey, top: Mapping[str, tuple[Node, Node]], problems: Problems) -> None:
    """The journey's `lanes:` list; absent keeps the default set."""
    if "lanes" not in top:
        return
    node = top["lanes"][1]
    if is_null(node):
        journey.set_lane_config(())
        return
    items = read_list(node, "lanes", problems)
    if len(items) > MAX_LANES:
        problems.add(node, f"at most {MAX_LANES} lanes are allowed, this file has {len(items):,}")
        return
    lanes: list[Lane] = []
    seen: dict[str, int] = {}
    for item in items:
        m = read_mapping(item, "a lane", LANE_KEYS, (), problems)
        if m is None:
            continue
        texts: dict[str, str] = {}
        for key in LANE_KEYS:
            if key in m:
                text = read_text(m[key][1], f"lane {key}", problems)
                if text is not None:
                    texts[key] = text
        kind = texts.get("kind", TEXT)
        if "kind" in m and kind not in LANE_KINDS:
            problems.add(m["kind"][1], f"unknown lane kind {kind!r}{did_you_mean(kind, LANE_KINDS)}; "
                                       f"the kinds are: {', '.join(LANE_KINDS)}")
            continue
        if kind == TEXT:
            missing = [k for k in ("id", "name") if k not in texts]
            if missing:
                problems.add(item, f"a text lane needs {' and '.join(repr(k) for k in missing)}"
                                   " (or a 'kind:' for a built-in lane)")
                continue
        elif "section" in m:
            problems.add(m["section"][0], f"only text lanes have a section; a {kind} lane is drawn with the customer's "
                                          "lanes")
            continue
        elif "id" in m:
            problems.add(m["id"][0], f"a {kind} lane has no id (only text lanes have ids)")
            continue
        if "section" in texts and texts["section"] not in SECTIONS:
            section = texts["section"]
            problems.add(m["section"][1], f"unknown section {section!r}{did_you_mean(section, SECTIONS)}; "
                                          f"the sections are: {', '.join(SECTIONS)}")
            continue
        where = m["id"][1] if "id" in m else (m["kind"][1] if "kind" in m else item)
        lane = checked(where, problems, lambda _: make_lane(
            kind, id=texts.get("id", ""), name=texts.get("name", ""), section=texts.get("section", "customer"),
            metric=texts.get("metric", "")), None)
        if lane is None:
            continue
        if lane.key in seen:
            what = f"lane id {lane.id!r}" if lane.is_text else f"built-in lane {lane.key!r}"
            problems.add(where, f"duplicate {what} (first at line {seen[lane.key]})")
            continue
        seen[lane.key] = where.line
        lanes.append(lane)
    checked(node, problems, journey.set_lane_config, lanes)


def _id(mapping: Mapping[str, tuple[Node, Node]], what: str, problems: Problems) -> str | None:
    if "id" not in mapping:
        return None
    node = mapping["id"][1]
    text = read_text(node, f"{what} id", problems)
    return checked(node, problems, lambda v: check_id(v, f"{what} id"), text) if text is not None else None


def _name(mapping: Mapping[str, tuple[Node, Node]], what: str, problems: Problems) -> str | None:
    if "name" not in mapping:
        return None
    node = mapping["name"][1]
    text = read_text(node, f"{what} name", problems)
    if text is None:
        problems.add(node, f"{what} name must not be empty")
        return None
    return checked(node, problems, lambda v: E.clean_name(v, f"{what} name"), text)


def _build(top: Mapping[str, tuple[Node, Node]], problems: Problems) -> Journey | None:
    title = None
    if "title" in top:
        node = top["title"][1]
        text = read_text(node, "title", problems)
        if text is None:
            problems.add(node, "title must not be empty")
        else:
            title = checked(node, problems, lambda v: E.clean_name(v, "title"), text)
    journey = Journey(title or "Untitled journey")
    if "description" in top:
        node = top["description"][1]
        text = read_text(node, "description", problems)
        if text:
            journey.set_description(checked(node, problems, E.clean_text, text) or "")
    _personas(journey, top, problems)
    _lanes(journey, top, problems)
    used: dict[str, int] = {}
    unread = _Unread()
    _stages(journey, top, used, problems, unread)
    _touchpoints(journey, top, used, problems, unread)
    _flows(journey, top, problems, unread)
    return journey


class _Unread:
    """Stages and touchpoints that could not be read, by the id they were written with.

    What refers to one of them is not reported again: the cause is, once (a `stages:`
    that is not a list gives one line, not one "unknown stage" per touchpoint).
    """

    def __init__(self) -> None:
        self.all_stages = False
        self.all_touchpoints = False
        self.stages: set[str] = set()
        self.touchpoints: set[str] = set()

    def stage(self, ref: str) -> bool:
        """True when `ref` names a stage that was written but could not be read."""
        return self.all_stages or ref in self.stages

    def touchpoint(self, ref: str) -> bool:
        """True when `ref` names a touchpoint that was written but could not be read."""
        return self.all_touchpoints or ref in self.touchpoints


#: The top-level lists and their bounds, checked while the file is parsed (see `parse_tree`).
_LIST_LIMITS = {"personas": limits.MAX_PERSONAS, "lanes": limits.MAX_LANES, "stages": limits.MAX_STAGES,
                "touchpoints": limits.MAX_TOUCHPOINTS, "flows": limits.MAX_FLOWS}


def _items(top: Mapping[str, tuple[Node, Node]], key: str, limit: int, problems: Problems) -> list[Node] | None:
    """The items of a top-level list; None when it is there but cannot be read (reported)."""
    if key not in top:
        return []
    key_node, node = top[key]
    before = len(problems.errors)
    items = read_list(node, key, problems)
    if len(problems.errors) > before:
        return None
    if len(items) > limit:
        problems.add(key_node, f"a journey holds at most {limit:,} {key}; this file has {len(items):,}")
        return None
    return items


def _raw_id(mapping: Mapping[str, tuple[Node, Node]] | None) -> str | None:
    """The id a record was written with, valid or not (what other records refer to it by)."""
    if mapping is None or "id" not in mapping:
        return None
    node = mapping["id"][1]
    return node.value if isinstance(node, Scalar) else None


def _record(
    item: Node, kind: str, keys: tuple[str, ...], required: tuple[str, ...], used: dict[str, int], problems: Problems,
    journey: Journey | None = None,
) -> tuple[Mapping[str, tuple[Node, Node]] | None, str | None, str | None, dict[str, Any]]:
    """Read one persona, stage or touchpoint: (its keys, id, name, other fields).

    The id is None when it is missing, invalid or already used (each a problem).
    """
    m = read_mapping(item, f"a {kind}", keys, required, problems)
    if m is None:
        return None, None, None, {}
    rid, name = _id(m, kind, problems), _name(m, kind, problems)
    fields = _fields(m, tuple(k for k in keys if k not in ("id", "stage", "name")), kind, problems, journey)
    if rid is not None:
        if rid in used:
            problems.add(m["id"][1], f"duplicate id {rid!r} (first used at line {used[rid]})")
            rid = None
        else:
            used[rid] = m["id"][1].line
    return m, rid, name, fields


def _personas(journey: Journey, top: Mapping[str, tuple[Node, Node]], problems: Problems) -> None:
    used: dict[str, int] = {}  # personas have ids of their own
    for item in _items(top, "personas", limits.MAX_PERSONAS, problems) or ():
        _, pid, name, fields = _record(item, "persona", PERSONA_KEYS, ("id", "name"), used, problems)
        if pid is not None and name is not None:
            checked(item, problems, lambda _: journey.add_persona(name, id=pid, **fields), None)


def _stages(
    journey: Journey, top: Mapping[str, tuple[Node, Node]], used: dict[str, int], problems: Problems, unread: _Unread
) -> None:
    items = _items(top, "stages", limits.MAX_STAGES, problems)
    if items is None or "stages" not in top:
        unread.all_stages = True
    for item in items or ():
        m, sid, name, fields = _record(item, "stage", STAGE_KEYS, ("id", "name"), used, problems)
        if sid is not None and name is not None:
            checked(item, problems, lambda _: journey.add_stage(name, id=sid, **fields), None)
        raw = _raw_id(m)
        if raw is not None and not journey.has_stage(raw):
            unread.stages.add(raw)


def _touchpoints(
    journey: Journey, top: Mapping[str, tuple[Node, Node]], used: dict[str, int], problems: Problems, unread: _Unread
) -> None:
    stage_ids = journey.stage_ids()
    items = _items(top, "touchpoints", limits.MAX_TOUCHPOINTS, problems)
    unread.all_touchpoints = items is None
    for item in items or ():
        m, tid, name, fields = _record(item, "touchpoint", TOUCHPOINT_KEYS, ("id", "stage", "name"), used, problems,
                                        journey)
        _touchpoint(journey, m, tid, name, fields, item, stage_ids, problems, unread)
        raw = _raw_id(m)
        if raw is not None and not journey.has_touchpoint(raw):
            unread.touchpoints.add(raw)


def _touchpoint(
    journey: Journey, m: Mapping[str, tuple[Node, Node]] | None, tid: str | None, name: str | None,
    fields: dict[str, Any], item: Node, stage_ids: list[str], problems: Problems, unread: _Unread,
) -> None:
    if m is None or "stage" not in m:
        return
    node = m["stage"][1]
    if is_null(node):
        problems.add(node, "stage must name one of the stages")
        return
    stage = read_text(node, "stage", problems)
    if stage is None:
        return
    if not journey.has_stage(stage):
        if not unread.stage(stage):  # else its stage's own problem is the one to fix
            problems.add(node, f"unknown stage {stage!r}{did_you_mean(stage, stage_ids)}; "
                               f"the stages are: {', '.join(stage_ids) or 'none'}")
    elif tid is not None and name is not None:
        checked(item, problems, lambda _: journey.add_touchpoint(stage, name, id=tid, **fields), None)


def _flows(journey: Journey, top: Mapping[str, tuple[Node, Node]], problems: Problems, unread: _Unread) -> None:
    seen: dict[tuple[str, str], int] = {}
    touchpoints = None
    for item in _items(top, "flows", limits.MAX_FLOWS, problems) or ():
        m = read_mapping(item, "a flow", FLOW_KEYS, ("from", "to"), problems)
        if m is None:
            continue
        ends = []
        for key in ("from", "to"):
            if key not in m:
                continue
            node = m[key][1]
            if is_null(node):
                problems.add(node, f"flow '{key}' must name a touchpoint")
                continue
            ref = read_text(node, f"flow '{key}'", problems)
            if ref is None:
                continue
            if not journey.has_touchpoint(ref):
                if unread.touchpoint(ref):  # its own problem is reported where it is written
                    continue
                if touchpoints is None:
                    touchpoints = journey.touchpoint_ids()
                what = "a stage, not a touchpoint" if journey.has_stage(ref) else "no touchpoint"
                problems.add(node, f"flow '{key}' names {what} {ref!r}{did_you_mean(ref, touchpoints)}")
            else:
                ends.append(ref)
        label = _fields(m, ("label",), "flow", problems).get("label") or ""
        if len(ends) != 2:
            continue
        source, target = ends
        if source == target:
            problems.add(item, f"a flow cannot lead from {source!r} to itself")
        elif (source, target) in seen:
            problems.add(item, f"duplicate flow from {source!r} to {target!r} (first at line {seen[source, target]})")
        else:
            seen[source, target] = item.line
            checked(item, problems, lambda _: journey.add_flow(source, target, label), None)


def load_journey(path: str | os.PathLike[str]) -> Journey:
    """Read a journey file.

    Raises JourneyFileError (with path, line, column, message) for every way the file
    can be wrong: unreadable, too large, not UTF-8, not YAML, hostile YAML (tags,
    anchors, aliases, deep nesting), a newer format version, or any content error.
    The first problem in file order is raised; `validate_file` lists them all.
    """
    return load_journey_with_warnings(path)[0]


def validate_file(path: str | os.PathLike[str]) -> list[JourneyFileError]:
    """Every problem of a journey file in file order; an empty list when it is valid."""
    return check_file(path)[0]


def check_file(path: str | os.PathLike[str]) -> tuple[list[JourneyFileError], list[str]]:
    """Every problem of a journey file in file order, and its warnings (`FILE:LINE:COL: message`).

    A warning names what the file holds but a reader loses (an unquoted `color: #4C78A8`
    is a YAML comment; an empty list item is left out); the file is valid all the same.
    """
    name = os.fspath(path)
    try:
        with paused_gc():
            _, problems = _read(read_file_text(name), name)
    except JourneyFileError as err:
        return [err], []
    return problems.sorted(), _warnings(problems)


def load_journey_with_warnings(path: str | os.PathLike[str]) -> tuple[Journey, list[str]]:
    """`load_journey`, and the file's warnings (see `check_file`)."""
    name = os.fspath(path)
    with paused_gc():
        journey, problems = _read(read_file_text(name), name)
    errors = problems.sorted()
    if errors or journey is None:
        raise errors[0] if errors else JourneyFileError(name, None, None, "the file could not be read")
    return journey, _warnings(problems)


def _warnings(problems: Problems) -> list[str]:
    return [str(w) for w in sorted(problems.warnings, key=lambda w: (w.line or 0, w.column or 0))]


def loads_journey(text: str, path: str | Path = "<text>") -> Journey:
    """Read a journey from YAML text (e.g. the clipboard); raises JourneyFileError."""
    with paused_gc():
        journey, errors = read_journey_text(text, str(path))
    if errors or journey is None:
        raise errors[0] if errors else JourneyFileError(str(path), None, None, "could not be read")
    return journey
