"""Where a merge conflict sits in the OURS file: the line of the value, else of its record."""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.io.yaml_tree import Mapping, Node, Scalar, parse_tree
from journeymap.io.yaml_tree import Sequence as SequenceNode
from journeymap.versions.merge import Conflict

_SECTIONS = {"persona": "personas", "lane": "lanes", "stage": "stages", "touchpoint": "touchpoints", "flow": "flows"}


def _pairs(node: Node) -> dict[str, tuple[Scalar, Node]]:
    return {k.value: (k, v) for k, v in node.pairs} if isinstance(node, Mapping) else {}


def _record_key(kind: str, fields: dict[str, tuple[Scalar, Node]]) -> str | None:
    def text(name: str) -> str | None:
        value = fields.get(name, (None, None))[1]
        return value.value if isinstance(value, Scalar) else None

    if kind == "flow":
        source, target = text("from"), text("to")
        return f"{source}→{target}" if source and target else None
    if kind == "lane" and "id" not in fields:  # a built-in lane is known by its kind, a metric lane by its metric
        lane_kind = text("kind")
        return f"metric:{text('metric')}" if lane_kind == "metric" else lane_kind
    return text("id")


def conflict_lines(text: str, path: str, conflicts: Sequence[Conflict]) -> list[int]:
    """The 1-based line in `text` (the OURS file) of each conflict, in the same order.

    The line of the conflicting value when ours has it, else of its record, else of the
    list the record belongs to, else 1.
    """
    root = parse_tree(text, path)
    top = _pairs(root)
    records: dict[tuple[str, str], tuple[Node, dict[str, tuple[Scalar, Node]]]] = {}
    for kind, section in _SECTIONS.items():
        node = top.get(section, (None, None))[1]
        if not isinstance(node, SequenceNode):
            continue
        for item in node.items:
            fields = _pairs(item)
            key = _record_key(kind, fields)
            if key is not None:
                records.setdefault((kind, key), (item, fields))
    lines = []
    for conflict in conflicts:
        fields, line = top, 1
        if conflict.kind != "journey":
            found = records.get((conflict.kind, conflict.id))
            if found is not None:
                line, fields = found[0].line, found[1]
            else:
                heading = top.get(_SECTIONS[conflict.kind])
                line, fields = (heading[0].line if heading else 1), {}
        if conflict.field is not None and conflict.field in fields:
            key_node, value = fields[conflict.field]
            line = key_node.line
            nested = _pairs(value)
            if conflict.key is not None and conflict.key in nested:
                line = nested[conflict.key][0].line
        lines.append(line)
    return lines
