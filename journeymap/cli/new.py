"""`journeymap new`: create a journey file from a template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymap.io import JourneyFileError, save_journey
from journeymap.model import TEMPLATES, Journey


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `new` sub-command."""
    parser = subparsers.add_parser(
        "new",
        help="create a journey from a template",
        description="Create a journey file. The default template has the buying-cycle stages "
        "Awareness, Consideration, Intent, Purchase, Retention and Advocacy; blueprint has the same stages "
        "with the lanes of a service blueprint (Doing, Thinking, Feeling, emotion, pain points, opportunities, "
        "frontstage, backstage and support processes); blank has none.",
    )
    parser.add_argument("--template", choices=TEMPLATES, default="default",
                        help="stages and lanes to start with (default: %(default)s)")
    parser.add_argument("--title", default=None, help="the journey's title")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the journey (.yaml)")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run(args: argparse.Namespace) -> int:
    """Write the new journey; refuses to overwrite an existing file without --force."""
    out = Path(args.output)
    if out.exists() and not args.force:
        print(f"{out}: already exists; use --force to overwrite it", file=sys.stderr)
        return 2
    try:
        journey = Journey.from_template(args.template, args.title)
    except ValueError as err:
        print(f"journeymap new: {err}", file=sys.stderr)
        return 2
    try:
        save_journey(journey, out)
    except JourneyFileError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"{out}: created ({len(journey.stages())} stages)")
    return 0
