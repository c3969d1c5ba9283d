"""Two edited versions of a benchmark journey, for timing `journeymap diff` and `journeymap merge`.

Each version changes a share of the touchpoints (5 % by default), ours and theirs
different ones: ratings, names, pain points and metrics changed, a few touchpoints
removed, added or moved, a flow relabelled — what two people editing one map do. The
same input always gives the same bytes (a seeded `random.Random`).

    .venv/bin/python bench/versions.py /tmp/j5000.yaml -o /tmp/ours.yaml /tmp/theirs.yaml [--share 0.05]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from journeymap.io import load_journey, save_journey  # noqa: E402
from journeymap.model import Journey  # noqa: E402


def edit(journey: Journey, ids: list[str], side: str, rng: random.Random) -> None:
    """Change the touchpoints `ids` of `journey` the way one editor would."""
    for n, tp_id in enumerate(ids):
        kind = n % 10
        if kind == 0:
            journey.remove_touchpoint(tp_id)
        elif kind == 1:
            stage = rng.choice(journey.stage_ids())
            journey.move_touchpoint(tp_id, stage, rng.randint(0, len(journey.touchpoint_ids(stage)) - 1))
        elif kind == 2:
            tp = journey.touchpoint(tp_id)
            new = journey.add_touchpoint(tp.stage, f"{side} follow-up {n}", emotion=rng.randint(-2, 2))
            journey.add_flow(tp_id, new.id, "then")
        elif kind == 3:
            tp = journey.touchpoint(tp_id)
            journey.update_touchpoint(tp_id, name=f"{tp.name} ({side})", pain_points=[*tp.pain_points, f"{side} noted"])
        elif kind == 4 and journey.flows_from(tp_id):
            flow = journey.flows_from(tp_id)[0]
            journey.relabel_flow(flow.source, flow.target, f"{side} label")
        else:
            journey.update_touchpoint(
                tp_id,
                emotion=rng.randint(-2, 2),
                friction=rng.randint(0, 4),
                metrics={**journey.touchpoint(tp_id).metrics, "csat": round(rng.uniform(1, 5), 1)},
            )


def main(argv: list[str] | None = None) -> int:
    """Write ours and theirs: each the input with its own share of the touchpoints changed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journey", type=Path)
    parser.add_argument("-o", nargs=2, type=Path, required=True, metavar=("OURS", "THEIRS"))
    parser.add_argument("--share", type=float, default=0.05)
    args = parser.parse_args(argv)
    base = load_journey(args.journey)
    rng = random.Random(17)
    ids = base.touchpoint_ids()
    rng.shuffle(ids)
    count = max(1, round(len(ids) * args.share))
    for side, chosen, out in (("ours", ids[:count], args.o[0]), ("theirs", ids[count:2 * count], args.o[1])):
        journey = base.copy()
        edit(journey, chosen, side, rng)
        save_journey(journey, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
