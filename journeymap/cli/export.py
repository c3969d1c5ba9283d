"""`journeymap export FILE -o OUT`: write a journey as PDF, Mermaid, CSV or Markdown.

The format follows the suffix of OUT. Each exporter is named in `EXPORTERS` as
"module:function" and imported only when used, so this module (and `journeymap --help`)
never loads reportlab. An exporter is called as `function(journey, out, options)` with
the parsed arguments and returns warnings for stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from journeymap.io import JourneyFileError, load_journey_with_warnings
from journeymap.io.schema import did_you_mean
from journeymap.model import Journey
from journeymap.runtime import loading_for_good

Exporter = Callable[[Journey, Path, argparse.Namespace], list[str]]

#: Output suffix -> "module:function" of its exporter.
EXPORTERS: dict[str, str] = {
    ".pdf": "journeymap.cli.export:export_pdf_file",
    ".mmd": "journeymap.cli.interop:export_mermaid",
    ".csv": "journeymap.cli.interop:export_csv",
    ".md": "journeymap.cli.interop:export_markdown",
    ".png": "journeymap.ui.image_export:export_png",
    ".svg": "journeymap.ui.image_export:export_svg",
}
PAPERS = ("A4", "A3", "A2", "A1", "A0", "letter", "legal", "tabloid")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `export` sub-command."""
    parser = subparsers.add_parser(
        "export",
        help="write a journey as PDF, Mermaid, CSV or Markdown",
        description="Write a journey in the format given by the suffix of OUT: "
        + ", ".join(EXPORTERS) + ". The PDF holds the map (fitted on one sheet, or tiled "
        "across sheets for a wall poster), a legend, the touchpoint details and the insights.",
    )
    parser.add_argument("file", metavar="FILE", help="a journey file (.yaml)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write; its suffix picks the "
                                                                             "format")
    pdf = parser.add_argument_group("PDF options")
    pdf.add_argument("--paper", default="A3", type=_paper, metavar="|".join(PAPERS),
                     help="paper size (default: %(default)s)")
    orientation = pdf.add_mutually_exclusive_group()
    orientation.add_argument("--landscape", dest="landscape", action="store_true", default=True,
                             help="landscape pages (the default)")
    orientation.add_argument("--portrait", dest="landscape", action="store_false", help="portrait pages")
    mode = pdf.add_mutually_exclusive_group()
    mode.add_argument("--fit", dest="mode", action="store_const", const="fit", default="fit",
                      help="scale the whole map onto one sheet (the default)")
    mode.add_argument("--tile", dest="mode", action="store_const", const="tile",
                      help="print the map at readable size across several sheets, with crop marks, "
                      "to assemble a wall poster")
    pdf.add_argument("--no-details", dest="details", action="store_false",
                     help="leave out the touchpoint details and stage summary pages")
    pdf.add_argument("--no-insights", dest="insights", action="store_false", help="leave out the insights page")
    parser.add_argument("--persona", metavar="ID", default=None,
                        help="the map as this persona feels it: its emotion line alone (default: every persona's)")
    pdf.add_argument("--compare", metavar="OLD", default=None,
                     help="compare with another version of the journey (e.g. the as-is map): mark the changed "
                     "touchpoints on the map, draw OLD's emotion line dashed, and add a comparison section")
    image = parser.add_argument_group("image options")
    image.add_argument("--dpi", type=_positive_int, default=150, metavar="N",
                       help="resolution of raster images (default: %(default)s)")


def _paper(value: str) -> str:
    for name in PAPERS:
        if name.lower() == value.lower():
            return name
    raise argparse.ArgumentTypeError(f"unknown paper {value!r} (choose from {', '.join(PAPERS)})")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= 2400:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 2400, not {value!r}")
    return number


def find_exporter(out: Path) -> Exporter:
    """The exporter for the suffix of `out`; ValueError with a user-facing message if there is none."""
    suffix = out.suffix.lower()
    target = EXPORTERS.get(suffix)
    if target is None:
        known = ", ".join(EXPORTERS)
        shown = f"suffix {suffix!r}" if suffix else "no suffix"
        raise ValueError(f"{out}: cannot tell the format from {shown}; use one of {known}")
    module_name, _, function_name = target.partition(":")
    try:
        with loading_for_good():
            module = importlib.import_module(module_name)
        function: Exporter = getattr(module, function_name)
    except (ImportError, AttributeError) as err:
        raise ValueError(f"{out}: {suffix} export is not available in this installation ({err})") from None
    return function


def export_pdf_file(journey: Journey, out: Path, options: argparse.Namespace) -> list[str]:
    """The PDF exporter of the registry: `export_pdf` with the command-line options."""
    with loading_for_good():
        from journeymap.export.pdf import export_pdf

    other = getattr(options, "compare_journey", None)
    comparison = None
    if other is not None:
        from journeymap.versions.compare import compare_journeys

        comparison = compare_journeys(journey, other, Path(options.compare).name)
    return export_pdf(
        journey, out,
        paper=getattr(options, "paper", "A3"),
        landscape=getattr(options, "landscape", True),
        mode=getattr(options, "mode", "fit"),
        details=getattr(options, "details", True),
        insights=getattr(options, "insights", True),
        compare=comparison,
        compare_name=Path(getattr(options, "file", "") or "this version").name,
    )


def run(args: argparse.Namespace) -> int:
    """Export; exit code 0 when written, 2 for an unreadable journey, unknown format or unwritable OUT."""
    out = Path(args.output)
    try:
        exporter = find_exporter(out)
    except ValueError as err:
        print(f"journeymap export: {err}", file=sys.stderr)
        return 2
    try:
        journey, read_warnings = load_journey_with_warnings(args.file)
    except JourneyFileError as err:
        print(err, file=sys.stderr)
        return 2
    for warning in read_warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if getattr(args, "persona", None) is not None:
        ids = [p.id for p in journey.personas()]
        if args.persona not in ids:
            print(f"{args.file}: there is no persona {args.persona!r}{did_you_mean(args.persona, ids)}; "
                  f"the personas are: {', '.join(ids) or 'none'}", file=sys.stderr)
            return 2
        journey = journey.as_persona(args.persona)
    args.compare_journey = None
    if getattr(args, "compare", None) is not None:
        if out.suffix.lower() != ".pdf":
            print(f"journeymap export: {out}: --compare needs a PDF (.pdf) output", file=sys.stderr)
            return 2
        try:
            other = load_journey_with_warnings(args.compare)[0]
        except JourneyFileError as err:
            print(err, file=sys.stderr)
            return 2
        persona = getattr(args, "persona", None)
        if persona is not None and persona in [p.id for p in other.personas()]:
            other = other.as_persona(persona)  # the same persona's view of both versions
        args.compare_journey = other
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        print(f"journeymap export: {out}: cannot write: folder {folder} does not exist", file=sys.stderr)
        return 2
    if out.is_dir():
        print(f"journeymap export: {out}: cannot write: it is a folder", file=sys.stderr)
        return 2
    try:
        warnings = exporter(journey, out, args)
    except OSError as err:
        reason = err.strerror or str(err)
        print(f"journeymap export: {out}: cannot write: {reason}", file=sys.stderr)
        return 2
    except JourneyFileError as err:
        print(err, file=sys.stderr)
        return 2
    except ValueError as err:  # the exporter refuses this journey (an image of a map too large for one)
        print(f"journeymap export: {out}: {err}", file=sys.stderr)
        return 2
    except ImportError as err:  # an optional library of this format is not installed
        print(f"journeymap export: {out}: {out.suffix} export needs {err.name or err}", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{out}: written")
    return 0
