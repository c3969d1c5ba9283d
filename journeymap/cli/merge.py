"""`journeymap merge BASE OURS THEIRS [-o OUT]`: three-way merge of journeys; also git's merge driver.

Without `-o` the result is written into OURS, as git's merge driver (`%O %A %B`) expects.
Each conflict is one `FILE:LINE: conflict: ...` line on stderr (FILE is the written
file, or `--name`, the path git passes as `%P`; LINE is where the value is in it); the
exit code is 0 for a clean merge, 1 when there were conflicts (ours was kept for each),
2 when a file cannot be read or written. As git's driver, a file that is not a valid
journey is merged line by line by `git merge-file` instead. An empty BASE (git's base
when both sides added the file) counts as a journey with nothing in it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from journeymap.io import JourneyFileError, dumps_journey, load_journey
from journeymap.io.atomic import atomic_write
from journeymap.model import Journey


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `merge` sub-command."""
    parser = subparsers.add_parser(
        "merge",
        help="merge two edits of a journey (also git's merge driver)",
        description="Three-way merge: the changes from BASE to OURS and from BASE to THEIRS, "
        "combined by stage, touchpoint, field, note and flow. Two different changes to one "
        "value are a conflict: ours is kept, and each conflict is listed as 'FILE:LINE: ...' "
        "on stderr. The result always validates. Writes OUT (or, without -o, OURS, as git's "
        "merge driver does). Exits 0 when clean, 1 with conflicts, 2 on an error.",
    )
    parser.add_argument("base", metavar="BASE", help="the common ancestor (git's %%O)")
    parser.add_argument("ours", metavar="OURS", help="our version (git's %%A); written when -o is not given")
    parser.add_argument("theirs", metavar="THEIRS", help="their version (git's %%B)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write the merged journey here instead of into OURS")
    parser.add_argument("--name", metavar="PATH", help="the file's name in messages (git's %%P)")


def run(args: argparse.Namespace) -> int:
    """Merge, write the result atomically, report conflicts; 0 clean, 1 conflicts, 2 error."""
    out = args.output or args.ours
    name = args.name or out
    try:
        ours, theirs = load_journey(args.ours), load_journey(args.theirs)
        # git passes an empty base when both sides added the file: everything is added on both sides
        base = Journey(ours.title) if _is_empty(args.base) else load_journey(args.base)
    except JourneyFileError as err:
        if args.output is None:
            print(f"journeymap merge: {name}: not a valid journey ({err}); merging line by line", file=sys.stderr)
            return _line_merge(args.ours, args.base, args.theirs)
        print(err, file=sys.stderr)
        return 2
    from journeymap.versions.locate import conflict_lines
    from journeymap.versions.merge import merge_journeys

    result = merge_journeys(base, ours, theirs)
    text = dumps_journey(result.journey)
    try:
        atomic_write(out, text.encode("utf-8"))
    except OSError as err:
        print(f"{out}: cannot write the merged journey: {err.strerror or err}", file=sys.stderr)
        return 2
    if not result.conflicts:
        return 0
    lines = conflict_lines(text, name, result.conflicts)
    for conflict, line in zip(result.conflicts, lines, strict=False):
        print(f"{name}:{line}: conflict: {conflict.message}", file=sys.stderr)
    print(f"{name}: {len(result.conflicts)} conflict(s); ours was kept for each", file=sys.stderr)
    return 1


def _is_empty(path: str) -> bool:
    try:
        return os.path.getsize(path) == 0
    except OSError:
        return False  # the loader says what is wrong with it


def _line_merge(ours: str, base: str, theirs: str) -> int:
    """git's own line merge into OURS (conflict markers where lines clash)."""
    try:
        done = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs],
                              check=False)
    except FileNotFoundError:
        print("journeymap merge: git is not installed, so the file cannot be merged line by line", file=sys.stderr)
        return 2
    return 0 if done.returncode == 0 else 1
