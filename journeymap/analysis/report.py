"""All insights of a journey in one frozen record, and its JSON form (a public contract)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeymap.analysis.channels import ChannelMatrix, ChannelSwitch, channel_matrix, channel_switches
from journeymap.analysis.cycles import MAX_CYCLES
from journeymap.analysis.paths import MAX_PATHS, PathInsight, simple_paths
from journeymap.analysis.ranking import Drop, EmotionalLow, Hotspot, drops, emotional_lows, hotspots
from journeymap.analysis.reach import Reach, estimate_reach
from journeymap.analysis.stages import StageSummary, stage_summaries
from journeymap.analysis.view import JourneyView
from journeymap.analysis.warnings import Warnings, find_warnings
from journeymap.model import Journey

#: The top-level keys of `insights_to_json`, in order. Scripts rely on exactly these.
JSON_KEYS = (
    "hotspots", "emotional_lows", "drops", "channel_switches", "paths",
    "warnings", "stages", "channel_matrix", "reach",
)


@dataclass(frozen=True)
class Insights:
    """Everything `compute_insights` finds in a journey; every list is in a stable order."""

    hotspots: tuple[Hotspot, ...]
    emotional_lows: tuple[EmotionalLow, ...]
    drops: tuple[Drop, ...]
    channel_switches: tuple[ChannelSwitch, ...]
    entries: tuple[str, ...]
    exits: tuple[str, ...]
    paths: tuple[PathInsight, ...]
    paths_truncated: bool
    warnings: Warnings
    stages: tuple[StageSummary, ...]
    channel_matrix: ChannelMatrix
    reach: Reach | None

    def worst_path(self) -> PathInsight | None:
        """The path with the most friction; ties: lowest emotion, then most switches, then first found."""
        if not self.paths:
            return None

        def badness(p: PathInsight) -> tuple[int, int, int]:
            lowest = 3 if p.min_emotion is None else p.min_emotion  # 3: above any rating
            return (p.friction, -lowest, p.channel_switches)

        return max(self.paths, key=badness)  # max() keeps the first of equals


def compute_insights(journey: Journey, max_paths: int = MAX_PATHS, max_cycles: int = MAX_CYCLES) -> Insights:
    """Compute every insight of `journey` (see docs/insights.md for the rules)."""
    view = JourneyView.of(journey)
    search = simple_paths(view, limit=max_paths)
    return Insights(
        hotspots=hotspots(view),
        emotional_lows=emotional_lows(view),
        drops=drops(view),
        channel_switches=channel_switches(view),
        entries=view.entries(),
        exits=view.exits(),
        paths=search.paths,
        paths_truncated=search.truncated,
        warnings=find_warnings(view, max_cycles=max_cycles),
        stages=stage_summaries(view),
        channel_matrix=channel_matrix(view),
        reach=estimate_reach(view),
    )


def _float(value: float | None) -> float | None:
    """Twelve significant digits: exact enough, without noise such as 0.30000000000000004."""
    return None if value is None else float(f"{value:.12g}")


def _warnings_json(w: Warnings, paths_truncated: bool) -> dict[str, Any]:
    truncated = [name for name, cut in (("paths", paths_truncated), ("cycles", w.cycles_truncated)) if cut]
    return {
        "isolated": list(w.isolated),
        "dead_ends": list(w.dead_ends),
        "late_entries": list(w.late_entries),
        "cycles": [list(c) for c in w.cycles],
        "empty_stages": list(w.empty_stages),
        "backward_flows": [{"from": s, "to": t} for s, t in w.backward_flows],
        "missing_channel": list(w.missing_channel),
        "missing_emotion": list(w.missing_emotion),
        "missing_friction": list(w.missing_friction),
        "truncated": truncated,
    }


def insights_to_json(insights: Insights) -> dict[str, Any]:
    """The insights as plain JSON data with exactly the keys in JSON_KEYS (see docs/insights.md)."""
    i = insights
    m = i.channel_matrix
    reach = i.reach
    return {
        "hotspots": [
            {"touchpoint": h.touchpoint, "name": h.name, "stage": h.stage, "friction": h.friction, "emotion": h.emotion}
            for h in i.hotspots
        ],
        "emotional_lows": [
            {"touchpoint": e.touchpoint, "name": e.name, "emotion": e.emotion} for e in i.emotional_lows
        ],
        "drops": [{"from": d.source, "to": d.target, "change": d.change} for d in i.drops],
        "channel_switches": [
            {
                "from": c.source,
                "to": c.target,
                "from_channel": c.source_channel,
                "to_channel": c.target_channel,
                "flagged": c.flagged,
            }
            for c in i.channel_switches
        ],
        "paths": [
            {
                "touchpoints": list(p.touchpoints),
                "friction": p.friction,
                "min_emotion": p.min_emotion,
                "channel_switches": p.channel_switches,
                "unrated_friction": p.unrated_friction,
            }
            for p in i.paths
        ],
        "warnings": _warnings_json(i.warnings, i.paths_truncated),
        "stages": [
            {
                "stage": s.stage,
                "name": s.name,
                "touchpoints": s.touchpoints,
                "avg_emotion": _float(s.avg_emotion),
                "max_friction": s.max_friction,
                "pain_points": s.pain_points,
                "metrics": {k: _float(v) for k, v in s.metrics.items()},
                "channels": list(s.channels),
            }
            for s in i.stages
        ],
        "channel_matrix": {
            "stages": list(m.stages),
            "channels": list(m.channels),
            "counts": [list(row) for row in m.counts],
        },
        "reach": None
        if reach is None
        else {
            "share": _float(reach.share),
            "path": list(reach.path),
            "drop_offs": [{"touchpoint": t, "drop_off": d} for t, d in reach.drop_offs],
        },
    }
