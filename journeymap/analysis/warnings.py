"""Structural warnings: what in the map is probably unfinished or broken."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.analysis.cycles import MAX_CYCLES, find_cycles
from journeymap.analysis.view import JourneyView


@dataclass(frozen=True)
class Warnings:
    """Lists of touchpoint ids (journey order), stage ids, flows as (from, to) and cycles."""

    isolated: tuple[str, ...]
    dead_ends: tuple[str, ...]
    late_entries: tuple[str, ...]
    cycles: tuple[tuple[str, ...], ...]
    cycles_truncated: bool
    empty_stages: tuple[str, ...]
    backward_flows: tuple[tuple[str, str], ...]
    missing_channel: tuple[str, ...]
    missing_emotion: tuple[str, ...]
    missing_friction: tuple[str, ...]

    def count(self) -> int:
        """How many warnings there are in all lists together."""
        return sum(
            len(items)
            for items in (
                self.isolated, self.dead_ends, self.late_entries, self.cycles, self.empty_stages,
                self.backward_flows, self.missing_channel, self.missing_emotion, self.missing_friction,
            )
        )


def find_warnings(view: JourneyView, max_cycles: int = MAX_CYCLES) -> Warnings:
    """Every warning rule over the journey (see docs/insights.md for each rule)."""
    g = view.graph
    filled = [i for i, s in enumerate(view.stages) if view.members[s.id]]
    first_filled = filled[0] if filled else None
    last_filled = filled[-1] if filled else None
    isolated = tuple(t for t in g if g.degree(t) == 0) if view.flows else ()
    cycles = find_cycles(view, limit=max_cycles)
    return Warnings(
        isolated=isolated,
        dead_ends=tuple(t for t in view.exits() if view.stage_of(t) != last_filled),
        late_entries=tuple(t for t in view.entries() if view.stage_of(t) != first_filled),
        cycles=cycles.cycles,
        cycles_truncated=cycles.truncated,
        empty_stages=tuple(s.id for s in view.stages if not view.members[s.id]),
        backward_flows=tuple(
            (f.source, f.target) for f in view.flows if view.stage_of(f.target) < view.stage_of(f.source)
        ),
        missing_channel=tuple(tp.id for tp in view.touchpoints if tp.channel is None),
        missing_emotion=tuple(tp.id for tp in view.touchpoints if tp.emotion is None),
        missing_friction=tuple(tp.id for tp in view.touchpoints if tp.friction is None),
    )

