"""A read-only snapshot of a journey, indexed once so every rule can look things up cheaply."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from journeymap.model import Flow, Journey, Stage, Touchpoint


@dataclass(frozen=True)
class JourneyView:
    """Stages, touchpoints and flows of one journey, with positions for deterministic ordering.

    `position` is a touchpoint's index in journey order (stage order, then step order);
    every rule breaks ties with it, so the same journey always gives the same insights.
    `members` holds each stage's touchpoints in step order.
    """

    stages: tuple[Stage, ...]
    touchpoints: tuple[Touchpoint, ...]
    flows: tuple[Flow, ...]
    graph: nx.DiGraph[str]
    by_id: Mapping[str, Touchpoint]
    position: Mapping[str, int]
    stage_position: Mapping[str, int]
    members: Mapping[str, tuple[Touchpoint, ...]]

    @classmethod
    def of(cls, journey: Journey) -> JourneyView:
        """Take a snapshot of `journey` (later edits do not change it)."""
        touchpoints = tuple(journey.touchpoints())
        stages = tuple(journey.stages())
        flows = tuple(journey.flows())
        # The rules need only the shape of the graph: ids and edges, no attribute copies
        # (at 100,000 flows `journey.flow_graph()` would copy every label and rating again).
        graph: nx.DiGraph[str] = nx.DiGraph()
        graph.add_nodes_from(tp.id for tp in touchpoints)
        graph.add_edges_from((f.source, f.target) for f in flows)
        return cls(
            stages=stages,
            touchpoints=touchpoints,
            flows=flows,
            graph=nx.freeze(graph),
            by_id={tp.id: tp for tp in touchpoints},
            position={tp.id: i for i, tp in enumerate(touchpoints)},
            stage_position={s.id: i for i, s in enumerate(stages)},
            members={s.id: tuple(journey.touchpoints(s.id)) for s in stages},
        )

    def stage_of(self, tp_id: str) -> int:
        """The stage index (0 = first stage) of a touchpoint."""
        return self.stage_position[self.by_id[tp_id].stage]

    def entries(self) -> tuple[str, ...]:
        """Touchpoints with outgoing flows but none incoming, in journey order.

        A connected part of the flow graph in which every touchpoint is reached by a
        flow (a loop back to the very first step) would have no entry at all; there
        the part's first touchpoint in journey order is its entry.
        """
        return self._entries

    @cached_property
    def _entries(self) -> tuple[str, ...]:
        # Asked for by several rules; one pass over the graph's components, not one per rule.
        return self._ends(lambda g, t: g.in_degree(t) == 0, first=True)

    def exits(self) -> tuple[str, ...]:
        """Touchpoints with incoming flows but none outgoing, in journey order.

        A connected part in which every touchpoint flows on (a loop back from the very
        last step) uses its last touchpoint in journey order as its exit.
        """
        return self._exits

    @cached_property
    def _exits(self) -> tuple[str, ...]:
        return self._ends(lambda g, t: g.out_degree(t) == 0, first=False)

    def _ends(self, strict: Callable[[nx.DiGraph[str], str], bool], first: bool) -> tuple[str, ...]:
        g = self.graph
        found: set[str] = set()
        for part in nx.weakly_connected_components(g):
            if len(part) < 2:
                continue  # isolated touchpoints are neither entries nor exits
            ends = [t for t in part if strict(g, t)]
            if not ends:
                ends = [(min if first else max)(part, key=self.position.__getitem__)]
            found.update(ends)
        return tuple(sorted(found, key=self.position.__getitem__))


def is_switch(a: Touchpoint, b: Touchpoint) -> bool:
    """True when both touchpoints have a channel and the channels differ.

    A missing channel is never a switch: we cannot know whether the customer changed
    channel, and the `missing_channel` warning already names the touchpoint.
    """
    return a.channel is not None and b.channel is not None and a.channel != b.channel
