"""Turn YAML text into a small tree of nodes with line numbers, refusing anything a journey never needs.

We read the *event* stream and build the tree ourselves instead of using PyYAML's
composer: that lets us refuse tags, anchors and aliases before anything is expanded,
check the nesting depth before it can exhaust the C stack (libyaml's composer
crashes on ~50,000 nested brackets), and keep every scalar as written so that the
schema, not YAML 1.1, decides whether `no` is text or a boolean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from journeymap.io.errors import JourneyFileError
from journeymap.io.limits import MAX_DEPTH, MAX_NODES, MAX_TEXT_LENGTH

try:  # libyaml's parser when PyYAML was built with it; pure Python otherwise
    _Loader: type = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

# Characters YAML forbids in a stream (C0 controls but tab/LF/CR, DEL, C1 but NEL, U+FFFE/F).
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


@dataclass
class Node:
    """Where a value sits in the file (1-based line and column)."""

    line: int
    column: int


@dataclass
class Scalar(Node):
    """A scalar as written in the file: its text (never converted by YAML's type rules) and
    whether it was plain, so the reader alone decides what `no`, `1e3` or `null` mean."""

    value: str = ""
    plain: bool = True  # written without quotes (so `null`, `~` and '' mean "no value")


@dataclass
class Sequence(Node):
    """A YAML list: its items in file order, each with its own position."""

    items: list[Node] = field(default_factory=list)


@dataclass
class Mapping(Node):
    """A YAML mapping: its (key, value) pairs in file order, duplicates kept, so the
    reader can report a repeated key at its own line."""

    pairs: list[tuple[Scalar, Node]] = field(default_factory=list)


def _where(mark: yaml.Mark | None) -> tuple[int | None, int | None]:
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def position_of(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of a character index in `text`."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _escaped_character(value: str, line: int, column: int, path: str) -> None:
    """Refuse a double-quoted scalar whose escapes (`"\\x00"`, `"\\uFFFE"`) decode to a character
    the file could not hold raw: decoded text obeys the same rule as written text."""
    bad = _NOT_PRINTABLE.search(value)
    if bad:
        raise JourneyFileError(path, line, column, f"character U+{ord(bad.group()):04X} (written as an escape) "
                                                   "is not allowed in a journey file")


def check_characters(text: str, path: str) -> None:
    """Refuse characters YAML does not allow in a file, naming where the first one is."""
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line, column = position_of(text, bad.start())
        raise JourneyFileError(path, line, column, f"control character U+{ord(bad.group()):04X} is not allowed in a "
                                                   "journey file")


_SKIPPED = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def parse_tree(text: str, path: str, list_limits: dict[str, int] | None = None) -> Node:
    """Parse YAML text into a Node tree, or raise JourneyFileError naming the line.

    `list_limits` bounds the lists under top-level keys (`{"stages": 500}`): parsing
    stops at the first item past a bound, so a hostile file is refused before the rest
    of it is read.
    """
    loader = _Loader(text)
    get_event = loader.get_event
    stack: list[Node] = []
    pending_key: list[Scalar | None] = []
    root: Node | None = None
    documents = 0
    count = 0
    # The hot loop of every load: one pass per YAML event, so the common cases (a scalar,
    # the start or end of a collection) are tested first and by exact type.
    scalar_event, sequence_event, mapping_event = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
    try:
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)
            mark = event.start_mark
            if mark is None:
                line, column = None, None
            else:
                line, column = mark.line + 1, mark.column + 1
            if kind in _ENDS or (kind is not scalar_event and isinstance(event, _ENDS)):
                done = stack.pop()
                if isinstance(done, Mapping):
                    pending_key.pop()
                if stack:
                    _attach(stack[-1], done, pending_key, path)
                else:
                    root = done
                continue
            if kind is not scalar_event and kind is not mapping_event and kind is not sequence_event:
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise JourneyFileError(path, line, column, "a journey file holds one YAML document; found a "
                                                                   "second one ('---')")
                    continue
                if isinstance(event, _SKIPPED):
                    continue
                if isinstance(event, yaml.AliasEvent):
                    raise JourneyFileError(
                        path, line, column, f"aliases (*{event.anchor}) are not allowed in a journey file"
                    )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise JourneyFileError(path, line, column, f"anchors (&{anchor}) are not allowed in a journey file")
            tag = getattr(event, "tag", None)
            if tag is not None:
                raise JourneyFileError(path, line, column, f"tags ({tag}) are not allowed in a journey file; quote the "
                                                           "value if it is text")
            count += 1
            if count > MAX_NODES:
                raise JourneyFileError(path, line, column, f"the file holds more than {MAX_NODES:,} values")
            assert line is not None and column is not None
            if isinstance(event, scalar_event):
                value = event.value
                if len(value) > MAX_TEXT_LENGTH:
                    raise JourneyFileError(path, line, column, f"this text is longer than {MAX_TEXT_LENGTH:,} "
                                                               "characters")
                if event.style == '"':  # only double quotes decode escapes
                    _escaped_character(value, line, column, path)
                scalar = Scalar(line, column, value, bool(event.implicit[0]))
                if stack:
                    parent = stack[-1]
                    if type(parent) is Sequence:
                        parent.items.append(scalar)
                    else:
                        _attach(parent, scalar, pending_key, path)
                else:
                    root = scalar
                continue
            if len(stack) >= MAX_DEPTH:
                raise JourneyFileError(path, line, column, f"the file nests deeper than {MAX_DEPTH} levels")
            if len(stack) == 2 and list_limits:  # an item of a top-level list (not per scalar: this is hot)
                _check_list_limit(stack, pending_key, list_limits, line, path)
            if isinstance(event, sequence_event):
                stack.append(Sequence(line, column))
            elif isinstance(event, mapping_event):
                stack.append(Mapping(line, column))
                pending_key.append(None)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = _where(mark)
        problem = err.problem or err.context or "invalid YAML"
        raise JourneyFileError(path, line, column, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as err:
        raise JourneyFileError(path, None, None, f"YAML syntax error: {err}") from None
    if root is None:
        raise JourneyFileError(path, 1, 1, "the file is empty; a journey starts with 'journeymap: 1'")
    return root


def _check_list_limit(
    stack: list[Node], pending_key: list[Scalar | None], list_limits: dict[str, int], line: int, path: str
) -> None:
    key, items = pending_key[0] if pending_key else None, stack[1]
    if key is None or type(stack[0]) is not Mapping or type(items) is not Sequence:
        return
    limit = list_limits.get(key.value)
    if limit is not None and len(items.items) >= limit:
        raise JourneyFileError(path, key.line, key.column,
                               f"a journey holds at most {limit:,} {key.value}; this file has more (from line {line})")


def _attach(parent: Node, child: Node, pending_key: list[Scalar | None], path: str) -> None:
    if isinstance(parent, Sequence):
        parent.items.append(child)
        return
    assert isinstance(parent, Mapping)
    key = pending_key[-1]
    if key is None:
        if not isinstance(child, Scalar):
            raise JourneyFileError(path, child.line, child.column, "a key must be plain text, not a list or mapping")
        pending_key[-1] = child
    else:
        parent.pairs.append((key, child))
        pending_key[-1] = None
