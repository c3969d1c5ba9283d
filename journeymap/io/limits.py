"""Bounds on what a journey file may hold, so a hostile file cannot exhaust the machine.

Each is far above any real journey map (the largest benchmark journey has 5,000
touchpoints with 2,000-character descriptions, about 12 MB).
"""

MAX_FILE_BYTES = 20 * 1024 * 1024   # 20 MiB
MAX_DEPTH = 16                       # a journey nests 4 levels deep; anything deeper is not ours
MAX_NODES = 2_000_000                # YAML scalars, sequences and mappings in one file
MAX_TEXT_LENGTH = 100_000            # characters in one text value
MAX_STAGES = 500
MAX_TOUCHPOINTS = 20_000
MAX_FLOWS = 100_000
MAX_PERSONAS = 200
