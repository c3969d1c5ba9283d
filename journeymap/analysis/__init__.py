"""Insights over the flow graph: hotspots, emotional lows, channel switches, paths.

Pure Python over the model (no Qt, no files). Start with `compute_insights(journey)`;
`insights_to_json` gives the public JSON form, `journeymap.analysis.render` the text
and Markdown reports. Every rule is documented in docs/insights.md.
"""

from journeymap.analysis.channels import ChannelMatrix, ChannelSwitch
from journeymap.analysis.cycles import MAX_CYCLES
from journeymap.analysis.paths import MAX_PATHS, PathInsight
from journeymap.analysis.ranking import Drop, EmotionalLow, Hotspot
from journeymap.analysis.reach import Reach
from journeymap.analysis.report import JSON_KEYS, Insights, compute_insights, insights_to_json
from journeymap.analysis.stages import StageSummary
from journeymap.analysis.view import JourneyView
from journeymap.analysis.warnings import Warnings

__all__ = [
    "JSON_KEYS", "MAX_CYCLES", "MAX_PATHS",
    "ChannelMatrix", "ChannelSwitch", "Drop", "EmotionalLow", "Hotspot", "Insights", "JourneyView",
    "PathInsight", "Reach", "StageSummary", "Warnings",
    "compute_insights", "insights_to_json",
]
