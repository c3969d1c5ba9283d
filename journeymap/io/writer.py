"""Write a Journey in the canonical form of format v1.

Keys in a fixed order, defaults omitted, block style, UTF-8, one value per line
(no folding), multi-line text as literal blocks, and every string that some YAML
reader could take for something else (`no`, `on`, `1e3`, `0x1F`, `null`, `12:30` …)
quoted — so stock `yaml.safe_load` and YAML 1.2 readers read back exactly the text.
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

import yaml

from journeymap.io.atomic import ReadOnlyFileError, atomic_write, is_read_only, real_path
from journeymap.io.errors import JourneyFileError
from journeymap.runtime import paused_gc
from journeymap.io import limits
from journeymap.io.reader import FORMAT_VERSION
from journeymap.io.regular_file import open_regular
from journeymap.model import Journey, Lane, Persona, Stage, Touchpoint

try:
    _BaseDumper: type = yaml.CSafeDumper  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseDumper = yaml.SafeDumper


class _JourneyDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """SafeDumper that also quotes what YAML 1.2 and the rest of YAML 1.1 would not read as text."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_JourneyDumper.add_representer(str, _represent_str)
_AMBIGUOUS = {
    # YAML 1.2 core schema numbers that YAML 1.1 reads as text
    "tag:yaml.org,2002:float": (
        re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
        list("-+0123456789."),
    ),
    "tag:yaml.org,2002:int": (re.compile(r"^(?:0o[0-7]+|0x[0-9a-fA-F]+)$"), list("0")),
    # YAML 1.1 booleans PyYAML does not resolve itself
    "tag:yaml.org,2002:bool": (re.compile(r"^(?:y|Y|n|N)$"), list("yYnN")),
}
for _tag, (_pattern, _first) in _AMBIGUOUS.items():
    _JourneyDumper.add_implicit_resolver(_tag, _pattern, _first)


def _persona_data(p: Persona) -> dict[str, Any]:
    data: dict[str, Any] = {"id": p.id, "name": p.name}
    if p.description:
        data["description"] = p.description
    for key in ("goals", "needs", "frustrations"):
        if getattr(p, key):
            data[key] = list(getattr(p, key))
    return data


def _stage_data(s: Stage) -> dict[str, Any]:
    data: dict[str, Any] = {"id": s.id, "name": s.name}
    if s.description:
        data["description"] = s.description
    if s.color:
        data["color"] = s.color
    return data


def _lane_data(lane: Lane) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if lane.kind != "text":
        data["kind"] = lane.kind
    if lane.id:
        data["id"] = lane.id
    if lane.name:
        data["name"] = lane.name
    if lane.metric:
        data["metric"] = lane.metric
    if lane.section != "customer":
        data["section"] = lane.section
    return data


def _touchpoint_data(t: Touchpoint, lane_order: dict[str, int], persona_order: dict[str, int]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": t.id, "stage": t.stage, "name": t.name}
    if t.description:
        data["description"] = t.description
    if t.channel:
        data["channel"] = t.channel
    if t.emotion is not None:
        data["emotion"] = t.emotion
    if t.persona_emotions:
        data["persona_emotions"] = dict(
            sorted(t.persona_emotions.items(), key=lambda kv: persona_order.get(kv[0], len(persona_order))))
    if t.friction is not None:
        data["friction"] = t.friction
    if t.row:
        data["row"] = t.row
    if t.pain_points:
        data["pain_points"] = list(t.pain_points)
    if t.opportunities:
        data["opportunities"] = list(t.opportunities)
    if t.lanes:
        data["lanes"] = {k: list(t.lanes[k]) for k in sorted(t.lanes, key=lambda k: lane_order.get(k, len(lane_order)))}
    if t.owner:
        data["owner"] = t.owner
    if t.evidence:
        data["evidence"] = t.evidence
    if t.metrics:
        data["metrics"] = dict(t.metrics)
    return data


def journey_to_data(journey: Journey) -> dict[str, Any]:
    """The journey as plain dicts and lists, in canonical key order with defaults left out."""
    data: dict[str, Any] = {"journeymap": FORMAT_VERSION, "title": journey.title}
    if journey.description:
        data["description"] = journey.description
    if journey.personas():
        data["personas"] = [_persona_data(p) for p in journey.personas()]
    config = journey.lane_config()
    if config is not None:
        data["lanes"] = [_lane_data(lane) for lane in config]
    data["stages"] = [_stage_data(s) for s in journey.stages()]
    touchpoints = journey.touchpoints()
    if touchpoints:
        lane_order = {lane_id: k for k, lane_id in enumerate(journey.text_lane_ids())}
        persona_order = {p.id: k for k, p in enumerate(journey.personas())}
        data["touchpoints"] = [_touchpoint_data(t, lane_order, persona_order) for t in touchpoints]
    flows = journey.flows()
    if flows:
        data["flows"] = [
            {"from": f.source, "to": f.target, **({"label": f.label} if f.label else {})} for f in flows
        ]
    return data


#: The options of the canonical form (also what `_dump_reference` gives `yaml.dump`).
DUMP_OPTIONS: dict[str, Any] = dict(sort_keys=False, allow_unicode=True, default_flow_style=False,
                                    width=1_000_000, indent=2)
_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _to_node(dumper: Any, value: Any) -> yaml.Node:
    """The node PyYAML's representer makes for `value` (block style, no aliases), made directly.

    `journey_to_data` gives only fresh dicts and lists of str, int and float, so the generic
    representer's type dispatch and alias bookkeeping are not needed; any other type still
    goes through it.
    """
    kind = type(value)
    if kind is str:
        return yaml.ScalarNode(_STR, value, style="|" if "\n" in value else None)
    if kind is dict:
        return yaml.MappingNode(_MAP, [(_to_node(dumper, k), _to_node(dumper, v)) for k, v in value.items()],
                                flow_style=False)
    if kind is list:
        return yaml.SequenceNode(_SEQ, [_to_node(dumper, v) for v in value], flow_style=False)
    if kind is int:
        return yaml.ScalarNode(_INT, str(value))
    if kind is float and value == value and value not in (dumper.inf_value, -dumper.inf_value):
        text = repr(value).lower()
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)
        return yaml.ScalarNode(_FLOAT, text)
    node: yaml.Node = dumper.represent_data(value)
    return node


def dumps_journey(journey: Journey) -> str:
    """The canonical YAML text of a journey (what `yaml.dump` with DUMP_OPTIONS gives, faster)."""
    with paused_gc():
        stream = io.StringIO()
        dumper = _JourneyDumper(stream, default_style=None, **DUMP_OPTIONS)
        try:
            dumper.open()
            dumper.serialize(_to_node(dumper, journey_to_data(journey)))
            dumper.close()
        finally:
            dumper.dispose()
        return stream.getvalue()


def _dump_reference(journey: Journey) -> str:
    """The canonical text the plain way, through PyYAML's representer (for tests)."""
    return yaml.dump(journey_to_data(journey), Dumper=_JourneyDumper, **DUMP_OPTIONS)  # type: ignore[no-any-return]


def count_values(data: Any) -> int:
    """How many YAML values (scalars, keys, lists, mappings) `data` makes: what the loader counts."""
    count, pending = 0, [data]
    while pending:
        value = pending.pop()
        count += 1
        if isinstance(value, dict):
            count += len(value)  # the keys
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return count


class JourneyTooLargeError(JourneyFileError):
    """A journey too big for its file to open again: nothing was written (shorten or remove texts)."""


def check_file_limits(journey: Journey, data: bytes, path: str) -> None:
    """Refuse (JourneyTooLargeError) a journey whose file text `data` the loader would refuse as too big.

    The model holds texts and counts to the loader's limits as they are edited; the
    size of the whole file and its number of values depend on the YAML form, so they
    are checked here, before anything is written.
    """
    if len(data) > limits.MAX_FILE_BYTES:
        size = len(data) / 2**20
        most = limits.MAX_FILE_BYTES // 2**20
        raise JourneyTooLargeError(path, None, None, f"not saved: the journey would make a {size:.2f} MB file; "
                                                     f"journey files are limited to {most} MB")
    # Every scalar takes at least one character of the text and every list or mapping
    # holds a scalar of its own, so a text of at most MAX_NODES / 2 bytes cannot pass.
    if 2 * len(data) > limits.MAX_NODES:
        values = count_values(journey_to_data(journey))
        if values > limits.MAX_NODES:
            raise JourneyTooLargeError(path, None, None, f"not saved: the journey would make a file of "
                                                         f"{values:,} values; journey files are limited to "
                                                         f"{limits.MAX_NODES:,}")


def backup_path(path: str | os.PathLike[str]) -> str:
    """Where the previous version of a file is kept: `NAME.yaml.bak` next to it."""
    return os.fspath(path) + ".bak"


def save_journey(
    journey: Journey, path: str | os.PathLike[str], *, backup: bool = False, overwrite_read_only: bool = False
) -> None:
    """Save a journey in canonical form, atomically.

    The text is made in memory first, then written to a temporary file in the same
    folder and renamed over `path`; if anything fails, the old file is untouched and
    JourneyFileError (with no line) says why; so does a journey too big for the loader to
    open again (see `check_file_limits`), and nothing is written. Through a symbolic link
    the link's target is written (the link stays). The file keeps its mode, owner and
    group. A read-only file is refused ("the file is read-only") unless
    `overwrite_read_only`. With `backup=True` the previous content of the file (if any) is
    first kept as `NAME.yaml.bak` next to it, with the file's mode, owner and group.
    """
    name = os.fspath(path)
    data = dumps_journey(journey).encode("utf-8")
    check_file_limits(journey, data, name)
    try:
        target = real_path(name)
        if not overwrite_read_only and is_read_only(target):
            raise ReadOnlyFileError(target)
        if backup and target.is_file():
            with open_regular(target) as handle:
                previous = handle.read()
            if previous != data:
                atomic_write(backup_path(target), previous, like=target, overwrite_read_only=True)
        atomic_write(target, data, overwrite_read_only=overwrite_read_only)
    except JourneyFileError as err:
        raise JourneyFileError(name, None, None, f"cannot save: {err.message}") from None
    except OSError as err:
        reason = err.strerror or str(err)
        raise JourneyFileError(name, None, None, f"cannot save: {reason}") from None
