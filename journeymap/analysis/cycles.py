"""Loops in the flow graph (retries, repeat purchases), found with a bounded, deterministic search."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from journeymap.analysis.view import JourneyView

MAX_CYCLES = 100
#: Touchpoints in all listed cycles together: on the largest maps one cycle can run
#: through 20,000 touchpoints, and a hundred of them would swamp every report.
MAX_CYCLE_TOUCHPOINTS = 200_000
#: Search steps allowed over all cycles before the search gives up and says so.
CYCLE_BUDGET = 200_000


@dataclass(frozen=True)
class CycleSearch:
    """The simple cycles found and whether the search stopped before seeing them all."""

    cycles: tuple[tuple[str, ...], ...]
    truncated: bool


class _OutOfSteps(Exception):
    pass


class _Steps:
    def __init__(self, budget: int) -> None:
        self.left = budget

    def spend(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            raise _OutOfSteps


def find_cycles(view: JourneyView, limit: int = MAX_CYCLES, budget: int = CYCLE_BUDGET) -> CycleSearch:
    """Each simple cycle once, as touchpoint ids, starting at its first touchpoint in journey order.

    Cycles are listed by that first touchpoint (journey order), then depth first along
    flows in file order, so the same journey always lists the same cycles. A cycle
    `(a, b, c)` means the flows a→b, b→c and c→a.
    """
    g = view.graph
    component: dict[str, int] = {}
    for k, members in enumerate(nx.strongly_connected_components(g)):
        if len(members) > 1:
            component.update(dict.fromkeys(members, k))
    found: list[tuple[str, ...]] = []
    listed = 0
    steps = _Steps(budget)
    try:
        for root in g:
            if root not in component:
                continue
            for cycle in _circuits(view, root, _leads_back(view, root, component, steps), steps):
                if len(found) == limit or listed + len(cycle) > MAX_CYCLE_TOUCHPOINTS:
                    return CycleSearch(tuple(found), True)
                found.append(cycle)
                listed += len(cycle)
    except _OutOfSteps:
        return CycleSearch(tuple(found), True)
    return CycleSearch(tuple(found), False)


def _leads_back(view: JourneyView, root: str, component: dict[str, int], steps: _Steps) -> set[str]:
    """Touchpoints after `root` (journey order), in its component, that can flow back to it.

    A cycle is reported from its earliest touchpoint, so the search from `root` only
    walks touchpoints that come later; touchpoints that cannot lead back are skipped.
    """
    g, k, first = view.graph, component[root], view.position[root]
    back: set[str] = set()
    todo = [root]
    while todo:
        for p in g.predecessors(todo.pop()):
            if p not in back and component.get(p) == k and view.position[p] > first:
                steps.spend()
                back.add(p)
                todo.append(p)
    return back


def _circuits(view: JourneyView, root: str, allowed: set[str], steps: _Steps) -> Iterator[tuple[str, ...]]:
    """Johnson's circuit search from `root` inside `allowed`, successors in file order.

    Blocking touchpoints that cannot (yet) lead back to the root keeps the work between
    two cycles linear, where a plain depth-first search can take exponential time.
    """
    g = view.graph
    blocked = {root}
    blockers: dict[str, set[str]] = {}  # w: touchpoints to unblock when w is unblocked
    path = [root]
    pending = [iter(g.successors(root))]
    closed = [False]
    while pending:
        for w in pending[-1]:
            steps.spend()
            if w == root:
                yield tuple(path)
                closed[-1] = True
            elif w in allowed and w not in blocked:
                path.append(w)
                closed.append(False)
                pending.append(iter(g.successors(w)))
                blocked.add(w)
                break
        else:
            pending.pop()
            v = path.pop()
            if closed.pop():
                if closed:
                    closed[-1] = True
                unblock = [v]
                while unblock:
                    u = unblock.pop()
                    steps.spend()
                    if u in blocked:
                        blocked.discard(u)
                        unblock.extend(blockers.pop(u, ()))
            else:
                for w in g.successors(v):
                    if w in allowed:
                        blockers.setdefault(w, set()).add(v)
