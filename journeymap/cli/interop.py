"""`journeymap import FILE -o OUT.yaml`, and the Mermaid, CSV and Markdown exporters of `export`.

The readers and writers load only when used, so `journeymap --help` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymap.io import JourneyFileError, atomic_write, save_journey
from journeymap.model import Journey

#: Input suffix -> format name, for `journeymap import`.
IMPORT_FORMATS = {".mmd": "Mermaid", ".mermaid": "Mermaid", ".csv": "CSV"}


def register_import(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `import` sub-command."""
    parser = subparsers.add_parser(
        "import",
        help="read a Mermaid user journey or a CSV table into a journey file",
        description="Read a Mermaid user journey (.mmd, .mermaid) or a CSV table of touchpoints "
        "(.csv, one row per touchpoint) and save it as a journey file. Problems in the input "
        "are reported as 'FILE:LINE: message' (for a CSV, LINE is the spreadsheet row); "
        "repaired ones as warnings. See docs/interop.md for the mapping.",
    )
    parser.add_argument("file", metavar="FILE", help="the file to import (.mmd, .mermaid or .csv)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.yaml", help="the journey file to write")
    parser.add_argument("--force", action="store_true", help="overwrite OUT.yaml if it exists")


def import_journey(path: str | Path) -> tuple[Journey, list[str]]:
    """Read a Mermaid or CSV file (by its suffix) into a journey; returns it and warnings.

    Raises JourneyFileError for a file that cannot be read and ValueError for a suffix
    that names no importable format.
    """
    path = Path(path)
    kind = IMPORT_FORMATS.get(path.suffix.lower())
    if kind == "Mermaid":
        from journeymap.io.mermaid import read_mermaid

        return read_mermaid(path)
    if kind == "CSV":
        from journeymap.io.csv_format import read_csv

        return read_csv(path)
    shown = f"suffix {path.suffix!r}" if path.suffix else "no suffix"
    raise ValueError(f"{path}: cannot tell the format from {shown}; use one of {', '.join(IMPORT_FORMATS)}")


def run_import(args: argparse.Namespace) -> int:
    """Import; exit code 0 when written, 2 for unreadable input, unknown format or unwritable OUT."""
    out = Path(args.output)
    if out.suffix.lower() not in (".yaml", ".yml"):
        print(f"journeymap import: {out}: the output is a journey file; give it a .yaml suffix", file=sys.stderr)
        return 2
    if out.exists() and not args.force:
        print(f"journeymap import: {out} exists; use --force to overwrite it", file=sys.stderr)
        return 2
    try:
        journey, warnings = import_journey(args.file)
    except ValueError as err:
        print(f"journeymap import: {err}", file=sys.stderr)
        return 2
    except JourneyFileError as err:
        print(err, file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        save_journey(journey, out)
    except JourneyFileError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"{out}: written ({len(journey.stages())} stages, {journey.touchpoint_count()} touchpoints, "
          f"{len(journey.personas())} personas)")
    return 0


def export_mermaid(journey: Journey, out: Path, options: argparse.Namespace) -> list[str]:
    """Write `out` as a Mermaid user journey; returns warnings (see `journeymap.io.mermaid`)."""
    from journeymap.io.mermaid import write_mermaid

    return write_mermaid(journey, out)


def export_csv(journey: Journey, out: Path, options: argparse.Namespace) -> list[str]:
    """Write `out` as a CSV table, one row per touchpoint; returns what the CSV cannot carry."""
    from journeymap.io.csv_format import write_csv

    return write_csv(journey, out)


def export_markdown(journey: Journey, out: Path, options: argparse.Namespace) -> list[str]:
    """Write `out` as a Markdown report (with the insights unless `options.insights` is False)."""
    from journeymap.export.markdown import journey_to_markdown

    text = journey_to_markdown(journey, insights=getattr(options, "insights", True))
    try:
        atomic_write(out, text.encode("utf-8"))
    except OSError as err:
        raise JourneyFileError(out, None, None, f"cannot save: {err.strerror or err}") from None
    return []
