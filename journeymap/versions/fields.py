"""Field-level comparison of two records, generic over the record's dataclass fields.

Every record of the model (Persona, Stage, Touchpoint, Lane) is a frozen dataclass whose
fields hold one of three shapes of value: a scalar (text, number, None), a tuple of texts
(pain points, goals …), or a mapping (metrics, notes per lane, per-persona emotions)
whose values are scalars or tuples of texts. Diff and merge work on those shapes, not on
field names, so a field added to a record is compared and merged without code here.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    """One changed value of a record.

    `key` names the entry of a mapping field (a metric, a lane id, a persona id) and is
    None for a plain field. A list of texts (`items` is True) changes by `added` and
    `removed` texts; any other value changes from `old` to `new` (None when absent).
    When a list only changed its order, `items` is False and old/new are the whole lists.
    """

    field: str
    key: str | None = None
    old: Any = None
    new: Any = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    items: bool = False


def field_names(record_type: type, skip: Iterable[str] = ("id",)) -> tuple[str, ...]:
    """The dataclass fields of a record type, in declaration order, without `skip`."""
    skipped = set(skip)
    return tuple(f.name for f in dataclasses.fields(record_type) if f.name not in skipped)


def list_delta(old: Sequence[str], new: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(added, removed) texts between two lists, counting repeats; each in its list's order."""
    old_count, new_count = Counter(old), Counter(new)
    added_left = new_count - old_count
    removed_left = old_count - new_count
    added, removed = [], []
    for text in new:
        if added_left[text] > 0:
            added.append(text)
            added_left[text] -= 1
    for text in old:
        if removed_left[text] > 0:
            removed.append(text)
            removed_left[text] -= 1
    return tuple(added), tuple(removed)


def _value_change(name: str, key: str | None, old: Any, new: Any) -> FieldChange:
    if isinstance(old, tuple) or isinstance(new, tuple):
        added, removed = list_delta(old or (), new or ())
        if added or removed:
            return FieldChange(name, key, added=added, removed=removed, items=True)
        return FieldChange(name, key, old=old, new=new)  # same texts, another order
    return FieldChange(name, key, old=old, new=new)


def compare_records(old: Any, new: Any, names: Sequence[str]) -> tuple[FieldChange, ...]:
    """Every difference between two records of one type, over the fields `names`."""
    changes: list[FieldChange] = []
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            for key in _keys(a, b):
                x, y = a.get(key), b.get(key)
                if x != y:
                    changes.append(_value_change(name, key, x, y))
        else:
            changes.append(_value_change(name, None, a, b))
    return tuple(changes)


def _keys(*mappings: Mapping[str, Any]) -> list[str]:
    """The keys of all mappings, each once, in first-seen order."""
    return list(dict.fromkeys(k for m in mappings for k in m))


# ---------------------------------------------------------------- three-way merge of values


@dataclass(frozen=True)
class ValueConflict:
    """Two different changes to one value: `key` as in FieldChange; the values of each side."""

    field: str
    key: str | None
    base: Any
    ours: Any
    theirs: Any


def merge_list(base: tuple[str, ...], ours: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...] | None:
    """Merge two edits of a list of texts item by item; None when they conflict.

    Texts either side removed are removed, texts either side added are added (theirs
    after the text that precedes them in theirs, and after ours' additions there). Both sides replacing one text by
    different texts (each removed it and added something else) is a conflict.
    """
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    added_o, removed_o = list_delta(base, ours)
    added_t, removed_t = list_delta(base, theirs)
    if set(removed_o) & set(removed_t) and added_o and added_t and Counter(added_o) != Counter(added_t):
        return None
    result = list(ours)
    ours_added = set(added_o)
    for text in (Counter(removed_t) - Counter(removed_o)).elements():
        if text in result:
            result.remove(text)
    new = Counter(added_t) - Counter(added_o)
    for i, text in enumerate(theirs):
        if new[text] <= 0:
            continue
        new[text] -= 1
        before = next((theirs[j] for j in range(i - 1, -1, -1) if theirs[j] in result), None)
        at = 0 if before is None else result.index(before) + 1
        while at < len(result) and result[at] in ours_added:  # ours' additions at the same place first
            at += 1
        result.insert(at, text)
    return tuple(result)


def _merge_scalar(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """(merged value, conflicted); a conflict keeps ours."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    if isinstance(ours, tuple) or isinstance(theirs, tuple):
        merged = merge_list(base or (), ours or (), theirs or ())
        if merged is not None:
            return merged, False
    return ours, True


def merge_field(name: str, base: Any, ours: Any, theirs: Any) -> tuple[Any, list[ValueConflict]]:
    """Merge one field's value from three versions; returns (value, conflicts), ours kept on conflict.

    Mappings merge key by key (so two sides changing two different metrics do not
    conflict); an absent key is None.
    """
    if ours == theirs or theirs == base:
        return ours, []
    if ours == base:
        return theirs, []
    if isinstance(ours, Mapping) and isinstance(theirs, Mapping):
        base_map: Mapping[str, Any] = base if isinstance(base, Mapping) else {}
        merged: dict[str, Any] = {}
        conflicts: list[ValueConflict] = []
        for key in _keys(ours, theirs, base_map):
            b, o, t = base_map.get(key), ours.get(key), theirs.get(key)
            value, conflicted = _merge_scalar(b, o, t)
            if conflicted:
                conflicts.append(ValueConflict(name, key, b, o, t))
            if value is not None and value != ():
                merged[key] = value
        order = [k for k in _keys(ours, theirs) if k in merged]
        return {k: merged[k] for k in order}, conflicts
    value, conflicted = _merge_scalar(base, ours, theirs)
    return value, [ValueConflict(name, None, base, ours, theirs)] if conflicted else []


def merge_records(
    base: Any, ours: Any, theirs: Any, names: Sequence[str]
) -> tuple[dict[str, Any], list[ValueConflict]]:
    """Merge the fields `names` of one record from three versions (base may be None: added on both sides).

    Returns the merged field values and the conflicts (where ours was kept).
    """
    values: dict[str, Any] = {}
    conflicts: list[ValueConflict] = []
    for name in names:
        o, t = getattr(ours, name), getattr(theirs, name)
        if base is None:
            if o != t:
                conflicts.append(ValueConflict(name, None, None, o, t))
            values[name] = o
            continue
        b = getattr(base, name)
        value, found = merge_field(name, b, o, t)
        values[name] = value
        conflicts.extend(found)
    return values, conflicts
