"""Bounds on what a journey file may hold, so a hostile file cannot exhaust the machine.

The limits on texts and counts are the model's own (`journeymap.model.limits` and
`journeymap.model.lanes.MAX_LANES`, re-exported here): an edit past one is refused when it is made. The limits below
belong to the file alone — its size, its nesting, its number of YAML values — and
`save_journey` refuses to write a journey whose text would pass them.
"""

from journeymap.model.lanes import MAX_LANES
from journeymap.model.limits import MAX_FLOWS, MAX_PERSONAS, MAX_STAGES, MAX_TEXT_LENGTH, MAX_TOUCHPOINTS

MAX_FILE_BYTES = 20 * 1024 * 1024   # 20 MiB
MAX_DEPTH = 16                       # a journey nests 4 levels deep; anything deeper is not ours
MAX_NODES = 2_000_000                # YAML scalars, sequences and mappings in one file

__all__ = [
    "MAX_DEPTH", "MAX_FILE_BYTES", "MAX_FLOWS", "MAX_LANES", "MAX_NODES", "MAX_PERSONAS", "MAX_STAGES",
    "MAX_TEXT_LENGTH", "MAX_TOUCHPOINTS",
]
