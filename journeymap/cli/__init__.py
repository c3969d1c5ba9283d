"""The `journeymap` command: sub-commands for files, and the desktop app when given none.

    journeymap                      open the app on a new journey
    journeymap FILE.yaml            open the app on a file
    journeymap validate FILE...     check files
    journeymap new -o FILE          create a journey from a template
    journeymap info FILE            summarise a journey
    journeymap insights FILE        hotspots, emotional lows, channel switches, paths
    journeymap export FILE -o OUT   PDF, Mermaid, CSV, Markdown, images
    journeymap import FILE -o OUT   Mermaid or CSV into a journey file
    journeymap diff OLD NEW         what changed between two journeys
    journeymap merge BASE OURS THEIRS   three-way merge (git's merge driver)
    journeymap git-setup            make git diff and merge journey files

This package is the front door (this module) and one module per sub-command
(`validate.py`, `new.py`, `info.py`, `insights.py`, `export.py`, `interop.py`, `diff.py`,
`merge.py`, `git_setup.py`), each with `register(subparsers)` and `run(args)`. Importing
this module must stay cheap: no Qt, no reportlab and no sub-command (each loads only when it is the one run), so
`journeymap --help` and `validate` answer at once.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from journeymap import __version__, runtime
from journeymap.runtime import loading_for_good

#: sub-command -> (module, its register function, its run function, one-line help)
COMMANDS: dict[str, tuple[str, str, str, str]] = {
    "validate": ("journeymap.cli.validate", "register", "run", "check journey files"),
    "new": ("journeymap.cli.new", "register", "run", "create a journey from a template"),
    "info": ("journeymap.cli.info", "register", "run", "summarise a journey"),
    "insights": ("journeymap.cli.insights", "register", "run",
                 "friction hotspots, emotional lows, channel switches and paths"),
    "export": ("journeymap.cli.export", "register", "run",
               "write a PDF, image, Mermaid, CSV or Markdown file"),
    "import": ("journeymap.cli.interop", "register_import", "run_import",
               "turn a Mermaid user journey or a CSV table into a journey file"),
    "diff": ("journeymap.cli.diff", "register", "run",
             "what changed between two journeys (also git's diff driver)"),
    "merge": ("journeymap.cli.merge", "register", "run",
              "merge two edits of a journey (also git's merge driver)"),
    "git-setup": ("journeymap.cli.git_setup", "register", "run",
                  "make git diff and merge journey files by stage, touchpoint and field"),
}


def build_parser(
    selected: str | None = None,
) -> tuple[argparse.ArgumentParser, dict[str, Callable[[argparse.Namespace], int]]]:
    """The argument parser, and the run function of the `selected` sub-command.

    Only the selected sub-command's module is imported (it adds its own options);
    the others appear in `journeymap --help` by name and help line alone, so the
    help and every command start without loading what they do not use.
    """
    parser = argparse.ArgumentParser(
        prog="journeymap",
        description="Customer journey maps on your desktop. Run without a sub-command "
        "(or with a .yaml file) to open the app.",
        epilog="Run 'journeymap COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"journeymap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    runners: dict[str, Callable[[argparse.Namespace], int]] = {}
    for name, (module_name, register, run, help_text) in COMMANDS.items():
        if name != selected:
            sub.add_parser(name, help=help_text)
            continue
        module = importlib.import_module(module_name)
        getattr(module, register)(sub)
        runners[name] = getattr(module, run)
    return parser, runners


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 findings, 2 bad input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        return _open_app(args_list)
    with loading_for_good():
        parser, runners = build_parser(args_list[0] if args_list[0] in COMMANDS else None)
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return runners[args.command](args)
    except KeyboardInterrupt:
        return 130


def console_main() -> None:
    """The `journeymap` console script and `python -m journeymap`: `main()`, then exit.

    The process-wide tweaks of `journeymap.runtime` are applied first. A one-shot
    command that returned normally ends with `runtime.exit_now` once its output is
    flushed (no interpreter teardown). The app, and any command that raised, exit the
    usual way.
    """
    runtime.apply_cli()
    args = sys.argv[1:]
    try:
        code = main(args)
    except BrokenPipeError:  # `journeymap validate *.yaml | head -1`: the reader has gone
        runtime.exit_now(141)  # 128 + SIGPIPE, as a shell tool ends; nothing more to write
        return
    if args and (args[0] in COMMANDS or args[0].startswith("-")):
        runtime.exit_now(code)
    sys.exit(code)


def _open_app(args: list[str]) -> int:
    if len(args) > 1:
        print(f"journeymap: error: open one file at a time (got {len(args)}); "
              "run 'journeymap --help' for the commands", file=sys.stderr)
        return 2
    path = Path(args[0]) if args else None
    if path is not None and path.suffix.lower() not in (".yaml", ".yml"):
        print(f"journeymap: error: unknown command or not a journey file: {args[0]!r}; "
              "run 'journeymap --help' for the commands", file=sys.stderr)
        return 2
    try:
        with loading_for_good():
            from journeymap.ui.app import run_app
    except ImportError as err:
        print(f"journeymap: error: the desktop app cannot start: {err}", file=sys.stderr)
        return 2
    return run_app(path)
