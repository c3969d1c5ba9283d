"""Insights over the flow graph: hotspots, emotional lows, channel switches, paths."""
