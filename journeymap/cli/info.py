"""`journeymap info FILE`: a short summary of a journey, stage by stage."""

from __future__ import annotations

import argparse
import sys

from journeymap.io import JourneyFileError, load_journey
from journeymap.model import Journey, channel_label


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `info` sub-command."""
    parser = subparsers.add_parser(
        "info",
        help="summarise a journey",
        description="Print the title, personas and, per stage, the number of touchpoints, "
        "average emotion, highest friction and the channels used.",
    )
    parser.add_argument("file", metavar="FILE", help="a journey file (.yaml)")


def summary(journey: Journey) -> str:
    """The text `journeymap info` prints."""
    lines = [journey.title]
    if journey.description:
        lines.append(journey.description)
    personas = journey.personas()
    lines.append("Persona: " + ("; ".join(p.name for p in personas) if personas else "none"))
    lines.append(
        f"{len(journey.stages())} stages, {journey.touchpoint_count()} touchpoints, {len(journey.flows())} flows"
    )
    lines.append("")
    rows = [("Stage", "Touchpoints", "Avg emotion", "Max friction", "Channels")]
    for stage in journey.stages():
        tps = journey.touchpoints(stage.id)
        emotions = [t.emotion for t in tps if t.emotion is not None]
        frictions = [t.friction for t in tps if t.friction is not None]
        channels = list(dict.fromkeys(channel_label(t.channel) for t in tps if t.channel))
        rows.append((
            stage.name,
            str(len(tps)),
            f"{sum(emotions) / len(emotions):+.1f}" if emotions else "–",
            str(max(frictions)) if frictions else "–",
            ", ".join(channels) or "–",
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [row[i].rjust(widths[i]) for i in (1, 2, 3)] + [row[4]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the summary; a file that cannot be read gives one line and exit code 2."""
    try:
        journey = load_journey(args.file)
    except JourneyFileError as err:
        print(err, file=sys.stderr)
        return 2
    print(summary(journey))
    return 0
