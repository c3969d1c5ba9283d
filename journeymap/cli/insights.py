"""`journeymap insights FILE`: friction hotspots, emotional lows, channel switches, paths, warnings."""

from __future__ import annotations

import argparse
import sys

from journeymap.analysis import compute_insights, insights_to_json
from journeymap.analysis.json_text import dumps_indented
from journeymap.analysis.personas import persona_gaps, persona_gaps_json, persona_gaps_text
from journeymap.analysis.render import insights_to_markdown, insights_to_text
from journeymap.io import JourneyFileError, load_journey
from journeymap.io.schema import did_you_mean
from journeymap.runtime import loading_for_good

FORMATS = ("text", "markdown", "json")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `insights` sub-command."""
    parser = subparsers.add_parser(
        "insights",
        help="find friction hotspots, emotional lows, channel switches and paths",
        description="Analyse a journey: friction hotspots, emotional lows and drops, channel "
        "switches, paths from entries to exits, per-stage numbers, channel coverage, the "
        "estimated reach of the main path, and warnings about the map itself. "
        "The JSON format is a stable interface for scripts (see docs/insights.md).",
    )
    parser.add_argument("file", metavar="FILE", help="a journey file (.yaml)")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--persona", metavar="ID", default=None,
        help="the insights as this persona feels the journey (its own emotions where it has them)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the insights in the chosen format; an unreadable file gives one line and exit code 2."""
    try:
        with loading_for_good():  # the journey lives until the command ends: later collections skip it
            journey = load_journey(args.file)
    except JourneyFileError as err:
        print(err, file=sys.stderr)
        return 2
    gaps = persona_gaps(journey)
    persona = None
    if getattr(args, "persona", None) is not None:
        ids = [p.id for p in journey.personas()]
        if args.persona not in ids:
            print(f"{args.file}: there is no persona {args.persona!r}{did_you_mean(args.persona, ids)}; "
                  f"the personas are: {', '.join(ids) or 'none'}", file=sys.stderr)
            return 2
        persona = journey.persona(args.persona)
        journey = journey.as_persona(persona.id)
    insights = compute_insights(journey)
    if args.format == "json":
        # Escape non-ASCII only when the output cannot carry it: the data stays exact either way.
        ascii_only = not (sys.stdout.encoding or "").lower().replace("-", "").startswith("utf")
        data = insights_to_json(insights)
        if persona is not None:
            data["persona"] = {"id": persona.id, "name": persona.name}
        if gaps:
            data["persona_gaps"] = persona_gaps_json(gaps)
        output = dumps_indented(data, ensure_ascii=ascii_only) + "\n"
    elif args.format == "markdown":
        output = insights_to_markdown(journey, insights)
        if persona is not None:
            output = output.replace("\n", f"\n\nAs {persona.name} feels the journey.\n", 1)
        output += ("\n" + persona_gaps_text(journey, gaps, markdown=True)) if gaps else ""
    else:
        output = insights_to_text(journey, insights)
        if persona is not None:
            output = f"As {persona.name} feels the journey\n\n" + output
        output += ("\n" + persona_gaps_text(journey, gaps)) if gaps else ""
    _write(output)
    return 0


def _write(text: str) -> None:
    """Write to stdout, replacing characters its encoding cannot show instead of crashing."""
    encoding = sys.stdout.encoding or "utf-8"
    sys.stdout.write(text.encode(encoding, errors="replace").decode(encoding))
    sys.stdout.flush()
