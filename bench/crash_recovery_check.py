"""End-to-end crash check, run by hand (not in CI): edit, `kill -9`, start again, get the edit back.

    .venv/bin/python bench/crash_recovery_check.py [--keep]

1. Starts the real app (`run_app`) on a fresh journey file in a subprocess under
   QT_QPA_PLATFORM=offscreen, with its own state and settings folders in a temp dir.
   A timer in that process makes one edit (a new title) as soon as the window is up.
2. Waits until the autosave snapshot appears in the state folder, then SIGKILLs the app:
   no close event, no clean-up, no Python `finally` — exactly like a crash or power cut.
3. Starts the app again on no file. The recovery question is answered "Restore" by a
   stub of `RecoveryDialogs.ask_restore` (the real one is a modal box); the child then
   reports what it was offered and what the window holds, saves, and quits normally.
4. Checks: the offer named the file and the edit; the restored window is modified and
   associated with the file; the saved file holds the edit; after the clean exit no
   snapshot and no session lock are left.

Prints each step and a JSON summary; exit code 0 when every check holds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITED_TITLE = "Edited seconds before the crash"


def child_edit(path: Path) -> int:
    """Phase 1: the app on `path`; one edit once the window exists; then run until killed."""
    from PySide6.QtCore import QTimer

    from journeymap.ui.app import make_application, run_app
    from journeymap.ui.commands.fields import JourneyFieldCommand
    from journeymap.ui.main_window import MainWindow

    app = make_application()

    def edit() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(50, edit)
            return
        doc = windows[0].document
        doc.undo_stack.push(JourneyFieldCommand(doc.journey, "title", EDITED_TITLE))
        print(f"EDITED {time.time():.3f}", flush=True)

    QTimer.singleShot(100, edit)
    return run_app(path)


def child_recover() -> int:
    """Phase 2: the app on no file; answers Restore; reports, saves and quits cleanly."""
    from PySide6.QtCore import QTimer

    from journeymap.ui import recovery
    from journeymap.ui.recovery_store import Snapshot
    from journeymap.ui.app import make_application, run_app
    from journeymap.ui.main_window import MainWindow

    offered: list[dict[str, object]] = []

    def ask_restore(self: object, parent: object, snapshot: Snapshot) -> recovery.Choice:
        offered.append({"title": snapshot.title, "original": str(snapshot.original), "time": snapshot.describe_time()})
        return "restore"

    recovery.RecoveryDialogs.ask_restore = ask_restore  # type: ignore[method-assign]
    app = make_application()

    def report() -> None:
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        doc = window.document
        state = {
            "offered": offered,
            "title": doc.journey.title,
            "path": str(doc.path),
            "modified": doc.is_modified(),
        }
        state["saved"] = window.files.save()
        print("REPORT " + json.dumps(state), flush=True)
        window.close()

    QTimer.singleShot(300, report)
    return run_app(None)


def _env(base: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        JOURNEYMAP_STATE_DIR=str(base / "state"),
        XDG_CONFIG_HOME=str(base / "config"),
        PYTHONPATH=str(ROOT),
    )
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", choices=["edit", "recover"], help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the temp folder for inspection")
    args = parser.parse_args()
    if args.child == "edit":
        return child_edit(args.path)
    if args.child == "recover":
        return child_recover()

    sys.path.insert(0, str(ROOT))
    from journeymap.io import load_journey, save_journey
    from journeymap.model import Journey

    base = Path(tempfile.mkdtemp(prefix="jm-crash-"))
    env = _env(base)
    user_file = base / "work" / "workshop.yaml"
    user_file.parent.mkdir()
    save_journey(Journey.from_template("default", "Workshop map"), user_file)
    autosave = base / "state" / "autosave"
    checks: dict[str, bool] = {}
    result: dict[str, object] = {"folder": str(base)}
    try:
        print(f"1. starting the app on {user_file}")
        child = subprocess.Popen([sys.executable, __file__, "--child", "edit", str(user_file)], env=env,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        if not line.startswith("EDITED"):
            child.kill()
            raise SystemExit(f"the app did not make its edit: {line!r}")
        edited_at = float(line.split()[1])
        print("   edit made; waiting for the autosave snapshot")
        deadline = time.time() + 20
        snapshots: list[Path] = []
        while time.time() < deadline and not snapshots:
            snapshots = list(autosave.glob("*.autosave.yaml")) if autosave.is_dir() else []
            time.sleep(0.05)
        checks["snapshot written"] = bool(snapshots)
        result["snapshot_after_s"] = round(time.time() - edited_at, 2)
        print(f"2. snapshot after {result['snapshot_after_s']} s: {[p.name for p in snapshots]}; kill -9 {child.pid}")
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        result["killed_returncode"] = child.returncode
        checks["killed by SIGKILL"] = child.returncode == -signal.SIGKILL
        checks["user file untouched by the crash"] = load_journey(user_file).title == "Workshop map"
        checks["stale lock left behind"] = any((base / "state" / "sessions").glob("*.lock"))

        print("3. starting the app again")
        again = subprocess.run([sys.executable, __file__, "--child", "recover"], env=env,
                               capture_output=True, text=True, timeout=120)
        report_line = next((ln for ln in again.stdout.splitlines() if ln.startswith("REPORT ")), None)
        if report_line is None:
            raise SystemExit(f"no report from the second start:\n{again.stdout}\n{again.stderr}")
        report = json.loads(report_line[len("REPORT "):])
        result["second_start"] = report
        offered = report["offered"]
        checks["offered once"] = len(offered) == 1
        checks["offer names the edit and the file"] = bool(offered) and offered[0]["title"] == EDITED_TITLE \
            and offered[0]["original"] == str(user_file)
        checks["restored as a modified document of the file"] = report["title"] == EDITED_TITLE \
            and report["path"] == str(user_file) and report["modified"] is True
        checks["save after restore"] = report["saved"] is True and load_journey(user_file).title == EDITED_TITLE
        checks["clean exit leaves no snapshot"] = not list(autosave.glob("*.autosave.yaml"))
        checks["clean exit leaves no lock"] = not list((base / "state" / "sessions").glob("*.lock"))
        checks["second start exited 0"] = again.returncode == 0
        checks["faulthandler log in the log folder"] = (base / "state" / "log" / "crash.log").is_file()
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    result["checks"] = checks
    print("4. checks:")
    for name, ok in checks.items():
        print(f"   {'PASS' if ok else 'FAIL'}  {name}")
    print(json.dumps(result, indent=2))
    return 0 if checks and all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
