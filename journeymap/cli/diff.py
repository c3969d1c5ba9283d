"""`journeymap diff OLD NEW`: what changed between two journeys; also git's external diff driver.

Exit codes as `diff`'s: 0 the journeys are the same, 1 they differ, 2 a file cannot be
read. Given the seven (or, for a rename, nine) arguments git passes an external diff
command, it prints the semantic diff of a journey file and exits 0 (git stops on any
other code); a file that is not a valid journey gets a plain line diff instead.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys

from journeymap.io import JourneyFileError, load_journey
from journeymap.io.reader import read_file_text
from journeymap.model import Journey

FORMATS = ("text", "markdown", "json")
DEV_NULL = "/dev/null"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `diff` sub-command."""
    parser = subparsers.add_parser(
        "diff",
        help="what changed between two journeys (also git's diff driver)",
        description="Compare two journeys: stages, touchpoints, fields, notes, flows and personas "
        "added, removed, renamed, moved or changed, after a per-stage summary (average emotion, "
        "total friction, estimated reach). Exits 0 when the journeys are the same, 1 when they "
        "differ, 2 when a file cannot be read. With the 7 arguments git passes an external diff "
        "command (see 'journeymap git-setup'), it works as git's diff driver. "
        "The JSON format is a stable interface for scripts (see docs/diff.md).",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="OLD.yaml NEW.yaml (or git's 7 arguments)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")


def run(args: argparse.Namespace) -> int:
    """Print the diff; exit code 0 same, 1 different, 2 error (0 as git's driver unless it fails)."""
    files = list(args.files)
    if len(files) in (7, 9):
        return _run_git(files, args.format)
    if len(files) != 2:
        print(f"journeymap diff: error: give two files, OLD and NEW (got {len(files)})", file=sys.stderr)
        return 2
    try:
        old, new = load_journey(files[0]), load_journey(files[1])
    except JourneyFileError as err:
        print(err, file=sys.stderr)
        return 2
    text, same = _render(old, new, files[0], files[1], args.format)
    _write(text)
    return 0 if same else 1


def _render(old: Journey, new: Journey, old_name: str, new_name: str, fmt: str) -> tuple[str, bool]:
    from journeymap.versions.diff import diff_journeys
    from journeymap.versions.render import diff_to_json, diff_to_markdown, diff_to_text

    diff = diff_journeys(old, new)
    if fmt == "json":
        ascii_only = not (sys.stdout.encoding or "").lower().replace("-", "").startswith("utf")
        return json.dumps(diff_to_json(diff, old_name, new_name), indent=2, ensure_ascii=ascii_only) + "\n", diff.same
    if fmt == "markdown":
        return diff_to_markdown(diff, old_name, new_name), diff.same
    return diff_to_text(diff, old_name, new_name), diff.same


def _run_git(files: list[str], fmt: str) -> int:
    """git's form: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE [NEW-PATH RENAME-INFO]."""
    path, old_file, new_file = files[0], files[1], files[4]
    new_path = files[7] if len(files) == 9 else path
    try:
        old = None if old_file == DEV_NULL else load_journey(old_file)
        new = None if new_file == DEV_NULL else load_journey(new_file)
    except JourneyFileError as err:
        print(f"journeymap diff: {path}: not a valid journey ({err.message}); showing a line diff", file=sys.stderr)
        return _line_diff(path, new_path, old_file, new_file)
    if old is None and new is None:
        return 0
    old = old if old is not None else Journey(new.title if new is not None else "-")
    new = new if new is not None else Journey(old.title)
    text, _ = _render(old, new, f"a/{path}", f"b/{new_path}", fmt)
    _write(text)
    return 0


def _line_diff(path: str, new_path: str, old_file: str, new_file: str) -> int:
    try:
        old = [] if old_file == DEV_NULL else read_file_text(old_file).splitlines(keepends=True)
        new = [] if new_file == DEV_NULL else read_file_text(new_file).splitlines(keepends=True)
    except JourneyFileError as err:
        print(err, file=sys.stderr)
        return 2
    _write("".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{new_path}")))
    return 0


def _write(text: str) -> None:
    """Write to stdout, replacing characters its encoding cannot show instead of crashing."""
    encoding = sys.stdout.encoding or "utf-8"
    sys.stdout.write(text.encode(encoding, errors="replace").decode(encoding))
    sys.stdout.flush()
