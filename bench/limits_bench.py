"""`make bench`, second table: whole journeymap processes on journeys at the loader's limits.

Two journeys from `bench/generate_limits.py`, generated into the work folder (never
committed): `limits` (500 stages, 20,000 touchpoints, 100,000 flows, 200 personas) and
`nodes` (the same counts with long lists, just under 2 million YAML nodes). Each measure
is one whole process, its wall time and its peak memory (`ru_maxrss` of the child), and
the CPU time it used (on a busy shared machine the wall time also holds other tenants'
work). Targets are README's ("The stated limits, held").
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

from _measure import run_child  # noqa: E402


@dataclass(frozen=True)
class Measure:
    """One line of the table: what runs, on which journey, and its targets (seconds, MB)."""

    label: str
    journey: str
    args: tuple[str, ...]
    seconds: float | None = None
    megabytes: float | None = None
    expect: int = 0  # the exit code that means "done as intended" (2: refused, as documented)
    gui: bool = False


MEASURES: tuple[Measure, ...] = (
    Measure("`journeymap validate`", "limits", ("validate", "{file}"), 3),
    Measure("`journeymap insights --format json`", "limits", ("insights", "{file}", "--format", "json"), 5, 1000),
    Measure("PDF export, fit (with details and insights)", "limits", ("export", "{file}", "-o", "limits.pdf"),
            20, 1000),
    Measure("SVG export (refused: past the image limit)", "limits", ("export", "{file}", "-o", "limits.svg"), 20,
            expect=2),
    Measure("PNG export (refused: past the image limit)", "limits", ("export", "{file}", "-o", "limits.png"),
            expect=2),
    Measure("GUI open to first paint", "limits", (), gui=True),
    Measure("`journeymap validate`", "nodes", ("validate", "{file}"), 3),
    Measure("PDF export, fit (with details and insights)", "nodes", ("export", "{file}", "-o", "nodes.pdf"), 20, 1000),
)


@dataclass(frozen=True)
class Result:
    """What one measure gave: wall and CPU seconds, peak MB, and a note when it did not end as expected."""

    wall: float
    cpu: float
    megabytes: float
    note: str = ""


def run_measure(measure: Measure, files: dict[str, Path], command: list[str], work: Path) -> Result:
    """Run one measure once in a fresh process."""
    file = files[measure.journey]
    if measure.gui:
        child = run_child([sys.executable, str(HERE / "_gui_child.py"), str(file), "--no-interaction"],
                          env={"QT_QPA_PLATFORM": "offscreen"}, cwd=work)
        lines = child.stdout.strip().splitlines()
        if child.returncode != 0 or not lines:
            return Result(child.seconds, child.cpu_seconds, child.maxrss_mb, f"failed (exit {child.returncode})")
        wall = json.loads(lines[-1])["first_paint_wall"] - child.started_wall
        return Result(wall, child.cpu_seconds, child.maxrss_mb)
    args = [a.replace("{file}", file.name) for a in measure.args]
    child = run_child(command + args, cwd=work)
    note = "" if child.returncode == measure.expect else f"exit {child.returncode}, expected {measure.expect}"
    return Result(child.seconds, child.cpu_seconds, child.maxrss_mb, note)


def _mark(value: float, target: float | None) -> str:
    return "" if target is None else (" ✅" if value < target else " ❌")


def render(results: list[tuple[Measure, Result]]) -> str:
    """The Markdown table of the measures at the limits."""
    lines = ["| at the limits, whole process | journey | wall time | CPU time | peak memory | target |",
             "|---|---|---|---|---|---|"]
    for m, r in results:
        targets = "; ".join(t for t in (f"< {m.seconds:g} s" if m.seconds else "",
                                        f"< {m.megabytes / 1000:g} GB" if m.megabytes else "") if t)
        wall = f"{r.wall:.1f} s{_mark(r.wall, m.seconds)}"
        memory = f"{r.megabytes:.0f} MB{_mark(r.megabytes, m.megabytes)}"
        note = f" ({r.note})" if r.note else ""
        lines.append(f"| {m.label}{note} | {m.journey} | {wall} | {r.cpu:.1f} s | {memory} | {targets} |")
    return "\n".join(lines)


def measure_limits(work: Path, command: list[str], log: Callable[[str], None]) -> str:
    """Generate both journeys in `work`, run every measure once, and return the table."""
    files: dict[str, Path] = {}
    for kind in ("limits", "nodes"):
        files[kind] = work / f"{kind}.yaml"
        log(f"limits: generating the {kind} journey")
        child = run_child([sys.executable, str(HERE / "generate_limits.py"), kind, "-o", str(files[kind])], cwd=work)
        if child.returncode != 0:
            raise RuntimeError(f"generate_limits.py {kind} failed: {child.stderr.strip()[-200:]}")
    results = []
    for measure in MEASURES:
        log(f"limits: {measure.label} ({measure.journey})")
        results.append((measure, run_measure(measure, files, command, work)))
    sizes = ", ".join(f"{k} {p.stat().st_size / 1e6:.1f} MB" for k, p in files.items())
    return f"Files: {sizes}.\n\n{render(results)}"
