"""Time load + validate, save and insights of one journey file in a fresh process (for `run_bench.py`).

Run in a child so that the benchmark's own process stays small: a child's peak memory as
the kernel reports it includes what it was forked from.

    .venv/bin/python bench/_io_child.py FILE RUNS   # prints {"load": [ms...], "save": [...], "insights": [...]}
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from journeymap.analysis import compute_insights  # noqa: E402
from journeymap.io import load_journey, save_journey  # noqa: E402


def main(argv: list[str]) -> int:
    path, runs = Path(argv[0]), int(argv[1])
    journey = load_journey(path)
    result: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "saved.yaml"
        for key, action in (("load", lambda: load_journey(path)),
                            ("save", lambda: save_journey(journey, out)),
                            ("insights", lambda: compute_insights(journey))):
            times = []
            for _ in range(runs):
                began = time.perf_counter()
                action()
                times.append((time.perf_counter() - began) * 1000)
            result[key] = times
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
