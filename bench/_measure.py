"""Timing helpers for the benchmarks: child processes with their peak memory, medians, p95."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ChildRun:
    """One finished child process: wall time from just before start, exit code, output, peak RSS."""

    seconds: float
    started_wall: float
    returncode: int
    stdout: str
    stderr: str
    maxrss_mb: float
    cpu_seconds: float = 0.0  # user + system time of the child


def run_child(cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
              timeout: float = 900) -> ChildRun:
    """Run `cmd` to the end; the wall time and this child's own `ru_maxrss` and CPU time (via wait4)."""
    full_env = {**os.environ, **(env or {})}
    out_path = Path(cwd or ".") / f".bench-child-{os.getpid()}.out"
    err_path = out_path.with_suffix(".err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started_wall = time.time()
        began = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=full_env, cwd=cwd)
        deadline = began + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.0005)
        seconds = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = out_path.read_text(errors="replace")
    stderr = err_path.read_text(errors="replace")
    out_path.unlink()
    err_path.unlink()
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    return ChildRun(seconds, started_wall, proc.returncode, stdout, stderr, usage.ru_maxrss * scale,
                    usage.ru_utime + usage.ru_stime)


def repeat(action: Callable[[], float], runs: int, budget: float) -> list[float]:
    """Call `action` (which returns a time) up to `runs` times, stopping once `budget` seconds are spent."""
    results: list[float] = []
    began = time.perf_counter()
    for _ in range(runs):
        results.append(action())
        if time.perf_counter() - began > budget:
            break
    return results


def timed(action: Callable[[], object]) -> float:
    """Seconds one call of `action` takes."""
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def median(values: Sequence[float]) -> float:
    """The median (NaN when empty)."""
    return statistics.median(values) if values else float("nan")


def p95(values: Sequence[float]) -> float:
    """The 95th percentile, nearest-rank (NaN when empty)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def machine() -> str:
    """One line about this machine: CPU model, cores, OS, Python, Qt and PySide versions."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"Qt {qVersion()}, PySide6 {PySide6.__version__}"
    except ImportError:
        qt = "Qt not installed"
    try:
        import yaml

        libyaml = "libyaml" if getattr(yaml, "__with_libyaml__", False) else "pure-Python YAML"
    except ImportError:
        libyaml = "no yaml"
    return (f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {qt}; PyYAML with {libyaml}")
