"""`journeymap git-setup`: make `git diff` and `git merge` understand journey files.

Prints what it will write, asks first when standard input is a terminal, and writes
without asking when it is not (a script) or with `--yes`. The drivers go into the
repository's own git config; `--global` puts them in the user's global config instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `git-setup` sub-command."""
    parser = subparsers.add_parser(
        "git-setup",
        help="make git diff and merge journey files by stage, touchpoint and field",
        description="Write the .gitattributes lines and the git config that make 'git diff' show "
        "journeymap's semantic diff and 'git merge' use journeymap's merge for journey files. "
        "Prints what it writes; asks first on a terminal. The config goes into this repository "
        "only, unless --global is given.",
    )
    parser.add_argument("--yes", "-y", action="store_true", help="write without asking")
    parser.add_argument("--global", dest="global_", action="store_true",
                        help="set the drivers in your global git config instead of this repository's")
    parser.add_argument("--pattern", action="append", metavar="GLOB",
                        help="which files are journeys (repeatable; default: *.yaml and *.yml)")


def run(args: argparse.Namespace) -> int:
    """Plan, show, confirm and write; 0 done (or nothing to do / declined), 2 on an error."""
    from journeymap.io import JourneyFileError
    from journeymap.versions.gitsetup import DEFAULT_PATTERNS, GitSetupError, apply_setup, describe, plan_setup

    patterns = tuple(args.pattern) if args.pattern else DEFAULT_PATTERNS
    try:
        setup = plan_setup(Path.cwd(), patterns=patterns, scope="global" if args.global_ else "local")
    except GitSetupError as err:
        print(f"journeymap git-setup: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(describe(setup))
    if setup.empty:
        return 0
    if not args.yes and sys.stdin.isatty():
        try:
            answer = input("Write these? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing written.")
            return 0
    try:
        apply_setup(setup)
    except (GitSetupError, OSError, JourneyFileError) as err:
        print(f"journeymap git-setup: {err}", file=sys.stderr)
        return 2
    print("Done. Commit .gitattributes so your team's clones use it; each clone runs 'journeymap git-setup' once.")
    return 0
