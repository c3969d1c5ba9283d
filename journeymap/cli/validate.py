"""`journeymap validate FILE...`: check journey files, one line per problem."""

from __future__ import annotations

import argparse
import sys

from journeymap.io import check_file


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `validate` sub-command."""
    parser = subparsers.add_parser(
        "validate",
        help="check journey files",
        description="Check journey files. Prints 'FILE: ok' or one 'FILE:LINE:COL: message' "
        "line per problem (and 'warning: ...' lines on stderr for what a reader would lose); "
        "exits 0 when every file is valid, 2 otherwise.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="journey files (.yaml)")


def run(args: argparse.Namespace) -> int:
    """Validate each file; exit code 0 when all are valid, 2 otherwise."""
    failed = False
    for name in args.files:
        problems, warnings = check_file(name)
        for warning in warnings:  # as `import` and `export` print theirs; they do not fail the file
            print(f"warning: {warning}", file=sys.stderr)
        if problems:
            failed = True
            for problem in problems:
                print(problem)
        else:
            print(f"{name}: ok")
    return 2 if failed else 0
