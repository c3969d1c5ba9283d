"""Every simple path from an entry to an exit, found with a bounded depth-first search.

The number of simple paths can grow exponentially with branches, so the search stops
after `MAX_PATHS` paths, `MAX_PATH_TOUCHPOINTS` touchpoints in all paths together, or
`SEARCH_BUDGET` steps, and says it was truncated. On the largest maps a single path can
be 20,000 touchpoints long: without the second bound, 1,000 of them would be 20 million
ids (half a gigabyte of JSON). To keep the
steps few on large maps, straight chains (a touchpoint whose only successor has no other
predecessor) are first collapsed into segments: a simple path always runs through a
whole segment, so the search only branches where the map branches.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.analysis.view import JourneyView, is_switch
from journeymap.model import Touchpoint

MAX_PATHS = 1000
#: Touchpoints in all listed paths together (a path is listed whole or not at all).
MAX_PATH_TOUCHPOINTS = 1_000_000
#: Steps (segments entered) the search may take over all entries before it gives up.
SEARCH_BUDGET = 200_000
#: Touchpoints the search may walk through in all (long segments cost their length).
WALK_BUDGET = 10_000_000


@dataclass(frozen=True)
class PathInsight:
    """One simple path from an entry to an exit.

    `friction` sums the rated frictions; unrated touchpoints count 0 and are counted in
    `unrated_friction`. `min_emotion` is the lowest rated emotion, None when none is rated.
    `channel_switches` counts consecutive touchpoints whose (present) channels differ.
    """

    touchpoints: tuple[str, ...]
    friction: int
    min_emotion: int | None
    channel_switches: int
    unrated_friction: int


@dataclass(frozen=True)
class PathSearch:
    """The paths found, in search order, and whether the search stopped early."""

    paths: tuple[PathInsight, ...]
    truncated: bool


@dataclass
class _Segment:
    """A maximal straight chain of touchpoints, with its totals precomputed."""

    ids: list[str]
    first: Touchpoint
    last: Touchpoint
    friction: int = 0
    unrated: int = 0
    min_emotion: int | None = None
    switches: int = 0
    is_exit: bool = False
    successors: tuple[int, ...] = ()


def _segments(view: JourneyView) -> tuple[list[_Segment], dict[str, int]]:
    g = view.graph
    entries, exits = set(view.entries()), set(view.exits())
    succ, pred = g.succ, g.pred  # plain adjacency: far cheaper than the degree views, per touchpoint

    def chained(n: str) -> bool:  # one way in, from a touchpoint with one way out
        into = pred[n]
        if len(into) != 1 or n in entries:
            return False
        (before,) = into
        return len(succ[before]) == 1 and before not in exits

    segments: list[_Segment] = []
    index_of: dict[str, int] = {}
    for start in g:
        if chained(start):
            continue
        ids = [start]
        node = start
        while len(succ[node]) == 1 and node not in exits:
            (nxt,) = succ[node]
            if not chained(nxt) or nxt == start:
                break
            ids.append(nxt)
            node = nxt
        index_of[start] = len(segments)
        segments.append(_summarise(view, ids))
    for seg in segments:
        last = seg.ids[-1]
        seg.is_exit = last in exits
        seg.successors = tuple(index_of[s] for s in succ[last])
    return segments, index_of


def _summarise(view: JourneyView, ids: list[str]) -> _Segment:
    tps = [view.by_id[i] for i in ids]
    emotions = [tp.emotion for tp in tps if tp.emotion is not None]
    return _Segment(
        ids=ids,
        first=tps[0],
        last=tps[-1],
        friction=sum(tp.friction for tp in tps if tp.friction is not None),
        unrated=sum(1 for tp in tps if tp.friction is None),
        min_emotion=min(emotions) if emotions else None,
        switches=sum(1 for a, b in zip(tps, tps[1:], strict=False) if is_switch(a, b)),
    )


def _useful(segments: list[_Segment]) -> set[int]:
    """Segments from which some exit can be reached (the others only lead to dead loops)."""
    predecessors: list[list[int]] = [[] for _ in segments]
    for i, seg in enumerate(segments):
        for j in seg.successors:
            predecessors[j].append(i)
    todo = [i for i, seg in enumerate(segments) if seg.is_exit]
    seen = set(todo)
    while todo:
        for p in predecessors[todo.pop()]:
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


class _Walk:
    """The path being explored, as a stack of segments with running totals.

    Totals are kept per depth so a finished path costs one copy of its ids, not a
    second walk over them.
    """

    def __init__(self, segments: list[_Segment]) -> None:
        self.segments = segments
        self.chain: list[int] = []
        self.on_chain: set[int] = set()
        self.ids: list[str] = []
        self.marks: list[int] = []
        self.totals: list[tuple[int, int, int | None, int]] = []  # friction, unrated, lowest, switches
        self.walked = 0  # touchpoints pushed so far, over the whole search

    def push(self, index: int) -> None:
        """Extend the path by a whole segment."""
        seg = self.segments[index]
        friction, unrated, low, switches = self.totals[-1] if self.totals else (0, 0, None, 0)
        if self.chain and is_switch(self.segments[self.chain[-1]].last, seg.first):
            switches += 1
        if seg.min_emotion is not None and (low is None or seg.min_emotion < low):
            low = seg.min_emotion
        self.totals.append((friction + seg.friction, unrated + seg.unrated, low, switches + seg.switches))
        self.marks.append(len(self.ids))
        self.ids.extend(seg.ids)
        self.walked += len(seg.ids)
        self.chain.append(index)
        self.on_chain.add(index)

    def pop(self) -> None:
        """Take the last segment off the path."""
        self.on_chain.discard(self.chain.pop())
        del self.ids[self.marks.pop():]
        self.totals.pop()

    def insight(self) -> PathInsight:
        """The current path, described."""
        friction, unrated, low, switches = self.totals[-1]
        return PathInsight(tuple(self.ids), friction, low, switches, unrated)


def simple_paths(view: JourneyView, limit: int = MAX_PATHS, budget: int = SEARCH_BUDGET,
                 max_touchpoints: int = MAX_PATH_TOUCHPOINTS) -> PathSearch:
    """Every simple path from an entry to an exit, at most `limit` of them.

    Order: entries in journey order; from each, depth first, following flows in file
    order. `truncated` is True when more paths exist than `limit`, when the next path
    would take the paths together past `max_touchpoints`, or when the search used up its
    step budget before it had seen every path.
    """
    segments, index_of = _segments(view)
    useful = _useful(segments)
    found: list[PathInsight] = []
    listed = 0  # touchpoints in `found`
    steps = 0
    walk = _Walk(segments)  # empty again after each entry

    def full(walk: _Walk) -> bool:
        return len(found) == limit or listed + len(walk.ids) > max_touchpoints

    for entry in view.entries():
        root = index_of[entry]
        if root not in useful:
            continue
        walk.push(root)
        pending = [iter(segments[root].successors)]
        if segments[root].is_exit:
            if full(walk):
                return PathSearch(tuple(found), True)
            found.append(walk.insight())
            listed += len(walk.ids)
            walk.pop()
            continue  # a path ends at its exit
        while pending:
            nxt = next(pending[-1], None)
            if nxt is None:
                pending.pop()
                walk.pop()
                continue
            if nxt in walk.on_chain or nxt not in useful:
                continue
            if steps == budget or walk.walked > WALK_BUDGET:
                return PathSearch(tuple(found), True)
            steps += 1
            walk.push(nxt)
            if segments[nxt].is_exit:  # a path ends at its exit, even one a loop leaves again
                if full(walk):
                    return PathSearch(tuple(found), True)
                found.append(walk.insight())
                listed += len(walk.ids)
                walk.pop()
                continue
            pending.append(iter(segments[nxt].successors))
    return PathSearch(tuple(found), False)
