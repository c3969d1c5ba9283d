"""JSON text indented like `json.dumps(data, indent=2)`, byte for byte, but several times faster.

With `indent`, the standard library encodes in pure Python, one generator step per
value; the insights of a map at the loader's limits hold about two million values (the
paths alone up to a million ids), which took seconds. Here every list of plain strings
(paths, cycles, id lists: nearly all of the values) is escaped and joined in C, and
the rest is a direct recursion. Only what `insights_to_json` produces is supported:
dicts with string keys, lists, strings, ints, floats, booleans and None.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

_ESCAPE_ASCII = json.encoder.encode_basestring_ascii  # type: ignore[attr-defined]
_ESCAPE = json.encoder.encode_basestring  # type: ignore[attr-defined]


_FLAT = (str, int, float, bool, type(None))


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def dumps_indented(data: Any, ensure_ascii: bool = True) -> str:
    """The same text as `json.dumps(data, indent=2, ensure_ascii=ensure_ascii)`."""
    escape = _ESCAPE_ASCII if ensure_ascii else _ESCAPE
    parts: list[str] = []
    write = parts.append

    def scalar(value: Any) -> str:
        if isinstance(value, str):
            return escape(value)  # type: ignore[no-any-return]
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return int.__repr__(value)
        if isinstance(value, float):
            return _float(value)
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    def records(items: Sequence[dict[str, Any]], depth: int) -> None:
        outer = "\n" + "  " * depth
        inner = outer + "  "
        keys: dict[str, str] = {}  # key -> its escaped form followed by ": "
        texts = []
        for item in items:
            fields = []
            for key, value in item.items():
                label = keys.get(key)
                if label is None:
                    label = keys[key] = escape(key) + ": "
                fields.append(label + (escape(value) if type(value) is str else scalar(value)))
            texts.append("{" + inner + ("," + inner).join(fields) + outer + "}")
        write("[" + outer + ("," + outer).join(texts) + outer[:-2] + "]")

    def encode(value: Any, depth: int) -> None:
        if isinstance(value, dict):
            if not value:
                write("{}")
                return
            inner = "\n" + "  " * (depth + 1)
            write("{")
            first = True
            for key, item in value.items():
                write(inner if first else "," + inner)
                first = False
                write(escape(key))
                write(": ")
                encode(item, depth + 1)
            write("\n" + "  " * depth + "}")
        elif isinstance(value, (list, tuple)):
            if not value:
                write("[]")
                return
            inner = "\n" + "  " * (depth + 1)
            if all(type(item) is str for item in value):
                write("[" + inner + ("," + inner).join(map(escape, value)) + "\n" + "  " * depth + "]")
                return
            if all(type(item) is dict and item and all(type(v) in _FLAT for v in item.values()) for item in value):
                records(value, depth + 1)  # hotspots, drops, switches: most of the remaining values
                return
            write("[")
            first = True
            for item in value:
                write(inner if first else "," + inner)
                first = False
                encode(item, depth + 1)
            write("\n" + "  " * depth + "]")
        else:
            write(scalar(value))

    encode(data, 0)
    return "".join(parts)
