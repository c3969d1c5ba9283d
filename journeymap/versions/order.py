"""Order of ids in two and three versions: which ids moved, and a merged order."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from difflib import SequenceMatcher


def moved_ids(old: Sequence[str], new: Sequence[str]) -> set[str]:
    """Ids present in both orders that changed place relative to the others.

    The ids that keep their relative order form the longest run the two orders share
    (difflib's matching blocks); every other common id moved. Inserting or removing
    ids moves nothing.
    """
    new_set, old_set = set(new), set(old)
    a = [x for x in old if x in new_set]
    b = [x for x in new if x in old_set]
    if a == b:
        return set()
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    kept: set[str] = set()
    for block in matcher.get_matching_blocks():
        kept.update(a[block.a: block.a + block.size])
    return set(a) - kept


def merge_order(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str], keep: Collection[str]
) -> tuple[list[str], set[str]]:
    """The merged order of the ids in `keep`, and the ids both sides moved to different places.

    Starts from ours; ids theirs added, and ids theirs moved that ours did not, go after
    the id that precedes them in theirs (and after what ours added right there). An id both
    sides moved keeps ours' place (the returned set names it when the places differ). Ids of `keep` in none of the three
    orders go last.
    """
    keep_set = set(keep)
    moved_o, moved_t = moved_ids(base, ours), moved_ids(base, theirs)
    ours_set = set(ours)
    from_theirs = {x for x in theirs if x in keep_set and (x not in ours_set or (x in moved_t and x not in moved_o))}
    result = [x for x in ours if x in keep_set and x not in from_theirs]
    base_set = set(base)
    ours_added = {x for x in result if x not in base_set}
    conflicts: set[str] = set()
    for x in moved_o & moved_t:
        if _before(ours, x, keep_set) != _before(theirs, x, keep_set):
            conflicts.add(x)
    if from_theirs:
        index = {x: i for i, x in enumerate(result)}
        previous: str | None = None
        pending: list[tuple[str | None, str]] = []
        for x in theirs:
            if x in from_theirs:
                pending.append((previous, x))
            if x in keep_set:
                previous = x
        for anchor, x in pending:
            at = index[anchor] + 1 if anchor is not None and anchor in index else 0
            while at < len(result) and result[at] in ours_added:  # ours' additions at the same place first
                at += 1
            result.insert(at, x)
            index = _reindex(result, index, at)
    placed = set(result)
    result.extend(x for x in keep if x not in placed)
    return result, conflicts


def _reindex(result: list[str], index: dict[str, int], start: int) -> dict[str, int]:
    for i in range(start, len(result)):
        index[result[i]] = i
    return index


def _before(order: Sequence[str], x: str, keep: set[str]) -> str | None:
    i = list(order).index(x)
    for j in range(i - 1, -1, -1):
        if order[j] in keep:
            return order[j]
    return None
