"""`make bench`: time journeymap on synthetic journeys and print a Markdown table of medians.

For each size (touchpoints over 8 stages, see `bench/generate.py`) it measures
load + validate, save and insights in this process; PDF export (fit and --tile), PNG
export, `diff` and `merge` of edited versions (`bench/versions.py`), `journeymap --help`
and `journeymap validate` as whole CLI processes; and, in a child process with
QT_QPA_PLATFORM=offscreen (`bench/_gui_child.py`), GUI open to first paint, one
mouse-move of a scripted card drag (mean and p95), one zoom step and one scroll step
with a repaint, and the peak memory of the children. The table goes to
stdout and to `bench/results.md`. Performance is measured here, never asserted in tests.

    .venv/bin/python bench/run_bench.py [--sizes 50,200,1000,5000] [--runs 5] [--quick]
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for entry in (str(ROOT), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from _measure import machine, median, p95, run_child  # noqa: E402

#: Stop repeating one measure of one size once this many seconds are spent on it.
BUDGET_S = 40.0


@dataclass(frozen=True)
class Row:
    """One line of the table: a key, its label, the unit ('s', 'ms' or 'MB') and its targets by size."""

    key: str
    label: str
    unit: str
    targets: dict[int, float]


ROWS: tuple[Row, ...] = (
    Row("load", "load + validate (`load_journey`)", "ms", {1000: 150}),
    Row("save", "save (`save_journey`)", "ms", {1000: 100}),
    Row("insights", "insights (`compute_insights`)", "ms", {1000: 200}),
    Row("pdf_fit", "PDF export, fit, whole CLI process", "s", {200: 0.4, 1000: 1.5}),
    Row("pdf_tile", "PDF export, `--tile`, whole CLI process", "s", {5000: 10}),
    Row("png", "PNG export, whole CLI process", "s", {}),
    Row("diff", "`journeymap diff` of two versions, 5 % of touchpoints changed, whole process", "s", {5000: 1.0}),
    Row("merge", "`journeymap merge` of two such edits (three files), whole process", "s", {5000: 1.0}),
    Row("gui_open", "GUI open to first paint, whole process", "s", {1000: 1.5, 5000: 6}),
    Row("drag_mean", "drag: one mouse-move, mean", "ms", {}),
    Row("drag_p95", "drag: one mouse-move, p95", "ms", {1000: 16, 5000: 16}),
    Row("zoom", "zoom step + `viewport().repaint()`", "ms", {}),
    Row("pan", "scroll step + `viewport().repaint()`", "ms", {}),
    Row("rss_pdf", "peak memory, PDF fit process", "MB", {}),
    Row("rss_gui", "peak memory, GUI process", "MB", {}),
)
FIXED_ROWS: tuple[Row, ...] = (
    Row("help", "`journeymap --help`, whole process", "s", {0: 0.3}),
    Row("validate", "`journeymap validate` of the 50-touchpoint file, whole process", "s", {0: 0.3}),
)

Results = dict[str, dict[int, "Cell"]]


@dataclass(frozen=True)
class Cell:
    """A measured median (or a note instead), with the number of runs behind it."""

    value: float | None
    runs: int
    note: str = ""


def journeymap_cmd() -> list[str]:
    """The installed `journeymap` console script next to this Python, else `python -m journeymap`."""
    script = Path(sys.executable).with_name("journeymap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "journeymap"]


class Samples:
    """Every sample taken, by measure and size, and the time spent on each (for the budget)."""

    def __init__(self) -> None:
        self.values: dict[str, dict[int, list[float]]] = {}
        self.notes: dict[str, dict[int, str]] = {}
        self.spent: dict[tuple[str, int], float] = {}

    def due(self, keys: tuple[str, ...], size: int) -> bool:
        """True while the first of `keys` has had less than BUDGET_S seconds at `size`."""
        return self.spent.get((keys[0], size), 0.0) < BUDGET_S

    def add(self, key: str, size: int, values: list[float], seconds: float = 0.0) -> None:
        self.values.setdefault(key, {}).setdefault(size, []).extend(values)
        self.spent[(key, size)] = self.spent.get((key, size), 0.0) + seconds

    def note(self, key: str, size: int, text: str) -> None:
        self.notes.setdefault(key, {})[size] = text

    def cells(self) -> Results:
        """Medians (peak memory: the largest), with a note where a measure failed."""
        results: Results = {}
        for key in {*self.values, *self.notes}:
            for size in {*self.values.get(key, {}), *self.notes.get(key, {})}:
                values = self.values.get(key, {}).get(size, [])
                note = self.notes.get(key, {}).get(size, "")
                if note:
                    results.setdefault(key, {})[size] = Cell(None, len(values), note)
                elif values:
                    value = max(values) if key.startswith("rss") else median(values)
                    results.setdefault(key, {})[size] = Cell(value, len(values))
        return results


def cli_samples(args: list[str], runs: int, cwd: Path) -> tuple[list[float], list[float], str]:
    """Wall times and peak RSS of `runs` whole `journeymap ARGS` processes, and a note if one failed."""
    times: list[float] = []
    rss: list[float] = []
    for _ in range(runs):
        child = run_child(journeymap_cmd() + args, cwd=cwd)
        if child.returncode not in (0, 1):
            tail = child.stderr.strip().splitlines()[-1:] or ["?"]
            return times, rss, f"failed (exit {child.returncode}: {tail[0][:60]})"
        times.append(child.seconds)
        rss.append(child.maxrss_mb)
    return times, rss, ""


def cli_measure(args: list[str], runs: int, cwd: Path) -> Cell:
    """Median wall time of `runs` whole `journeymap ARGS` processes."""
    times, _, note = cli_samples(args, runs, cwd)
    return Cell(None, len(times), note) if note else Cell(median(times), len(times))


def in_process(path: Path, size: int, work: Path, samples: Samples, runs: int = 3) -> None:
    """Load, save and insights, `runs` times each (ms), timed inside a child process."""
    child = run_child([sys.executable, str(HERE / "_io_child.py"), str(path), str(runs)], cwd=work)
    lines = child.stdout.strip().splitlines()
    if child.returncode != 0 or not lines:
        error = (child.stderr.strip().splitlines() or ["no output"])[-1][:80]
        for key in ("load", "save", "insights"):
            samples.note(key, size, f"failed: {error}")
        return
    for key, times in json.loads(lines[-1]).items():
        samples.add(key, size, times, sum(times) / 1000)


def gui_sample(path: Path, size: int, steps: int, cwd: Path, samples: Samples) -> None:
    """Open, zoom, pan and drag once in an offscreen child process."""
    child = run_child([sys.executable, str(HERE / "_gui_child.py"), str(path), "--steps", str(steps)],
                      env={"QT_QPA_PLATFORM": "offscreen"}, cwd=cwd)
    lines = child.stdout.strip().splitlines()
    if child.returncode != 0 or not lines:
        error = (child.stderr.strip().splitlines() or ["no output"])[-1][:80]
        for key in GUI_KEYS:
            samples.note(key, size, f"failed: {error}")
        return
    data = json.loads(lines[-1])
    samples.add("gui_open", size, [data["first_paint_wall"] - child.started_wall], child.seconds)
    samples.add("drag_mean", size, [sum(data["drag_ms"]) / len(data["drag_ms"])])
    samples.add("drag_p95", size, [p95(data["drag_ms"])])
    samples.add("zoom", size, [median(data["zoom_ms"])])
    samples.add("pan", size, [median(data["pan_ms"])])
    samples.add("rss_gui", size, [child.maxrss_mb])


GUI_KEYS = ("gui_open", "drag_mean", "drag_p95", "zoom", "pan", "rss_gui")


def measure_round(size: int, path: Path, work: Path, steps: int, samples: Samples,
                  log: Callable[[str], None]) -> None:
    """One sample of every per-size measure still within its time budget."""
    log(f"size {size}")
    if samples.due(("load",), size):
        in_process(path, size, work, samples)
    exports = [(("pdf_fit", "rss_pdf"), ["export", path.name, "-o", "fit.pdf"]),
               (("pdf_tile",), ["export", path.name, "-o", "tile.pdf", "--tile"]),
               (("png",), ["export", path.name, "-o", "map.png"]),
               (("diff",), ["diff", path.name, _version(path, "ours").name]),
               (("merge",), ["merge", path.name, _version(path, "ours").name, _version(path, "theirs").name,
                             "-o", "merged.yaml"])]
    for keys, command in exports:
        if samples.due(keys, size):
            times, rss, note = cli_samples(command, 1, work)
            samples.add(keys[0], size, times, sum(times))
            if len(keys) > 1:
                samples.add(keys[1], size, rss)
            if note:
                samples.note(keys[0], size, note)
    if samples.due(GUI_KEYS, size):
        gui_sample(path, size, drag_steps(steps, size), work, samples)


def _version(path: Path, side: str) -> Path:
    """The edited version of a benchmark journey made by `bench/versions.py` (ours or theirs)."""
    return path.with_name(f"{path.stem}-{side}.yaml")


def drag_steps(steps: int, size: int) -> int:
    """Mouse moves of the scripted drag: a third of them on the largest maps (each move is slow there)."""
    return steps if size < 5000 else max(20, steps // 3)


def _load() -> str:
    try:
        return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "load average unknown"


def _format(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def render_cell(cell: Cell | None, row: Row, size: int, runs: int) -> str:
    """A table cell: the median, ✅/❌ against a target, and the run count when fewer than asked."""
    if cell is None:
        return ""
    if cell.value is None or math.isnan(cell.value):
        return cell.note or "—"
    text = _format(cell.value, row.unit)
    target = row.targets.get(size)
    if target is not None:
        text += " ✅" if cell.value < target else " ❌"
    if cell.runs < runs:
        text += f" (n={cell.runs})"
    return text


def _target_text(row: Row) -> str:
    return "; ".join(f"{size:,}: < {_format(t, row.unit).replace('.00 s', ' s')}" if size else f"< {t} s"
                     for size, t in row.targets.items())


def render_table(results: Results, fixed: dict[str, Cell], sizes: list[int], runs: int) -> str:
    """The Markdown table: one line per measure, one column per size, then the targets."""
    header = "| measure | " + " | ".join(f"{s:,} tp" for s in sizes) + " | target |"
    lines = [header, "|" + "---|" * (len(sizes) + 2)]
    for row in ROWS:
        cells = [render_cell(results.get(row.key, {}).get(s), row, s, runs) for s in sizes]
        lines.append(f"| {row.label} | " + " | ".join(cells) + f" | {_target_text(row)} |")
    for row in FIXED_ROWS:
        cell = render_cell(fixed.get(row.key), row, 0, runs)
        lines.append(f"| {row.label} | {cell} |" + " |" * (len(sizes) - 1) + f" {_target_text(row)} |")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,1000,5000", help="touchpoint counts, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measure (default: %(default)s; "
                        "in rounds over all sizes; in-process measures take 3 a round; a measure stops repeating after "
                        f"{BUDGET_S:.0f} s and shows its n)")
    parser.add_argument("--steps", type=int, default=120, help="mouse moves in the scripted drag")
    parser.add_argument("--quick", action="store_true", help="sizes 50,200, one run, a short drag, no limits table")
    parser.add_argument("--no-limits", action="store_true", help="leave out the journeys at the loader's limits")
    parser.add_argument("--limits-only", action="store_true", help="only the journeys at the loader's limits")
    parser.add_argument("--long-descriptions", action="store_true", help="2,000-character descriptions")
    parser.add_argument("--output", type=Path, default=HERE / "results.md", help="where to write the table")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.steps = "50,200", 1, 30
    args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    """Run every measure and print (and write) the table."""
    args = parse_args(argv)
    began = time.perf_counter()

    def log(text: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f} s] {text}", file=sys.stderr, flush=True)

    load_before = _load()
    # As installed: bytecode compiled (a wheel install does it; PYTHONDONTWRITEBYTECODE
    # would otherwise make every child compile the package again).
    compileall.compile_dir(str(ROOT / "journeymap"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="journeymap-bench-") as tmp:
        work = Path(tmp)
        run_child([sys.executable, str(HERE / "generate.py"), "50", "-o", str(work / "small.yaml")])
        # A machine that has exported before: the parsed fonts are in the cache folder.
        os.environ["JOURNEYMAP_CACHE_DIR"] = str(work / "cache")
        cli_measure(["export", "small.yaml", "-o", "warm-up.pdf"], 1, work)
        log("--help and validate")
        fixed = {"help": cli_measure(["--help"], max(args.runs, 5), work),
                 "validate": cli_measure(["validate", "small.yaml"], max(args.runs, 5), work)}
        limits_table = ""
        if not (args.quick or args.no_limits):
            from limits_bench import measure_limits

            limits_table = measure_limits(work, journeymap_cmd(), log)
        if args.limits_only:
            print(limits_table)
            return 0
        paths = {}
        for size in args.size_list:  # in a child too: this process stays small (see _io_child.py)
            paths[size] = work / f"journey-{size}.yaml"
            extra = ["--long-descriptions"] if args.long_descriptions else []
            run_child([sys.executable, str(HERE / "generate.py"), str(size), "-o", str(paths[size]), *extra])
            run_child([sys.executable, str(HERE / "versions.py"), str(paths[size]),
                       "-o", str(_version(paths[size], "ours")), str(_version(paths[size], "theirs"))])
        # Rounds over all sizes rather than all runs of one size in a row: the machine's
        # speed drifts (other tenants of the host), and a slow spell then touches one run
        # of each measure instead of every run of one size.
        samples = Samples()
        for round_number in range(1, args.runs + 1):
            for size in args.size_list:
                measure_round(size, paths[size], work, args.steps, samples,
                              lambda text, n=round_number: log(f"round {n}/{args.runs}: {text}"))
        results = samples.cells()
    total = time.perf_counter() - began
    table = render_table(results, fixed, args.size_list, args.runs)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (f"Medians of {args.runs} runs per measure, taken in {args.runs} rounds over all sizes (load, save "
            f"and insights: of {3 * args.runs}; `(n=…)` marks a measure cut short by the {BUDGET_S:.0f} s budget), "
            f"drag of {args.steps} mouse moves ({drag_steps(args.steps, 5000)} from 5,000 touchpoints)"
            f"{', 2,000-character descriptions' if args.long_descriptions else ''}; "
            f"{stamp}, whole run {total:.0f} s.\n\n"
            f"Machine: {machine()}; {load_before} at the start, {_load()} at the end.\n\n{table}\n")
    if limits_table:
        text += ("\nAt the loader's limits (`bench/generate_limits.py`; one run each, measured before the "
                 f"table above): {limits_table}\n")
    print(text)
    args.output.write_text(text + _kept_notes(args.output), encoding="utf-8")
    return 0


NOTES_MARK = "<!-- notes: kept when make bench rewrites this file -->"


def _kept_notes(path: Path) -> str:
    """The hand-written notes at the end of an earlier results file (from NOTES_MARK on), if any."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    at = old.find(NOTES_MARK)
    return "\n" + old[at:] if at >= 0 else ""


if __name__ == "__main__":
    raise SystemExit(main())
