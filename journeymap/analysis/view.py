"""A read-only snapshot of a journey, indexed once so every rule can look things up cheaply."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
        return cls(
            stages=stages,
            touchpoints=touchpoints,
            flows=tuple(journey.flows()),
            graph=journey.flow_graph(),
            by_id={tp.id: tp for tp in touchpoints},
            position={tp.id: i for i, tp in enumerate(touchpoints)},
            stage_position={s.id: i for i, s in enumerate(stages)},
            members={s.id: tuple(journey.touchpoints(s.id)) for s in stages},
        )

    def stage_of(self, tp_id: str) -> int:
        """The stage index (0 = first stage) of a touchpoint."""
        return self.stage_position[self.by_id[tp_id].stage]

    def entries(self) -> tuple[str, ...]:
        """Touchpoints with outgoing flows but none incoming, in journey order."""
        g = self.graph
        return tuple(t for t in g if g.in_degree(t) == 0 and g.out_degree(t) > 0)

    def exits(self) -> tuple[str, ...]:
        """Touchpoints with incoming flows but none outgoing, in journey order."""
        g = self.graph
        return tuple(t for t in g if g.out_degree(t) == 0 and g.in_degree(t) > 0)


def is_switch(a: Touchpoint, b: Touchpoint) -> bool:
    """True when both touchpoints have a channel and the channels differ.

    A missing channel is never a switch: we cannot know whether the customer changed
    channel, and the `missing_channel` warning already names the touchpoint.
    """
    return a.channel is not None and b.channel is not None and a.channel != b.channel
