"""The facilitator's gestures with real input events on a real X display, checked in the saved file.

    .venv/bin/python tools/real_input_check.py [--keep] [--display :N]

Offscreen tests send Qt events straight to widgets; this check goes through an X server
instead, so what the window system delivers (a drag that crosses empty canvas, the redo
key of the platform's key scheme) is what the app gets:

1. Starts Xvfb on a free display (or uses `--display`), unless neither Xvfb nor xdotool is
   installed: then it prints one "SKIP:" line and exits 0 (`apt-get install xvfb xdotool`).
2. Starts the app (a real `MainWindow`, platform xcb) on a small journey in a child process.
   The child computes where the widgets are on screen and drives them with `xdotool`:
   - drags the "Phone" channel from the palette across empty canvas onto the card
     "Reads review" (mouse down, a dozen moves, mouse up);
   - clicks the card "Sees ad", presses Enter, types "Compares prices" and Enter: the step
     is inserted between "Sees ad" and "Reads review";
   - Ctrl+Z undoes that insertion, Ctrl+Y redoes it;
   - Ctrl+S saves, then the window is closed.
3. Checks the saved file: the channel, the inserted step and its flows, nothing else lost.

Prints each step and exits 0 when every check holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TIMEOUT_S = 60


def _journey_file(path: Path) -> None:
    from journeymap.io import save_journey
    from journeymap.model import Journey

    j = Journey("Opening a bank account online")
    j.add_stage("Awareness")
    j.add_stage("Onboarding")
    j.add_touchpoint("awareness", "Sees ad", channel="advertising")
    j.add_touchpoint("awareness", "Reads review")
    j.add_touchpoint("onboarding", "Opens the app", channel="mobile-app")
    j.add_flow("sees-ad", "reads-review", "clicks")
    j.add_flow("reads-review", "opens-the-app")
    save_journey(j, path)


# ---------------------------------------------------------------------- the child: the app under X
def child(path: Path, report: Path) -> int:
    """Run the app on `path` and drive it with xdotool; write what happened to `report`."""
    from PySide6.QtCore import QPoint, QPointF, QTimer
    from PySide6.QtWidgets import QApplication

    from journeymap.ui.app import make_application
    from journeymap.ui.document import Document
    from journeymap.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(Document.open(path))
    window.resize(1500, 900)
    window.move(0, 0)
    window.show()
    window.raise_()
    window.activateWindow()
    steps: list[dict[str, object]] = []

    def wait(ms: int) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.005)

    def xdotool(*args: str) -> None:
        """Run xdotool while the event loop keeps going (a drag runs its own loop meanwhile)."""
        process = subprocess.Popen(["xdotool", *args])
        while process.poll() is None:
            app.processEvents()
            time.sleep(0.005)
        wait(150)

    def card(tp_id: str) -> QPoint:
        view = window.view
        r = window.scene.layout.cards[tp_id].rect
        local = view.mapFromScene(QPointF(r.x + r.w * 0.4, r.y + r.h * 0.4))
        return view.viewport().mapToGlobal(local)

    def record(name: str, ok: bool, detail: object = "") -> None:
        steps.append({"step": name, "ok": ok, "detail": detail})
        print(f"  {'ok ' if ok else 'BAD'} {name} {detail}", flush=True)

    def run() -> None:
        try:
            drive()
        except Exception as error:  # noqa: BLE001  (reported, then the app quits)
            record("unexpected error", False, repr(error))
        report.write_text(json.dumps(steps, indent=1))
        window.document.undo_stack.setClean()  # never ask Save/Discard on close
        window.close()
        app.quit()

    def drive() -> None:
        journey = window.document.journey
        wait(500)
        window.view.scroll_to_map_start()
        # 1. the channel drag: from the palette, across empty canvas, onto a card
        channels = window.palette_widget.channels
        entry = window.palette_widget.entry("Phone")
        start = channels.viewport().mapToGlobal(channels.visualItemRect(entry).center())
        end = card("reads-review")
        view_left = window.view.viewport().mapToGlobal(QPoint(0, 0)).x()
        moves = ["mousemove", str(start.x()), str(start.y()), "mousedown", "1"]
        path = [(start.x() + 12, start.y()), (start.x() + 30, start.y())]
        path += [(view_left + 10, end.y()), (view_left + 40, end.y())]  # in over empty canvas
        path += [(view_left + 40 + (end.x() - view_left - 40) * i // 8, end.y()) for i in range(1, 9)]
        for x, y in path:
            moves += ["sleep", "0.05", "mousemove", str(x), str(y)]
        moves += ["sleep", "0.1", "mouseup", "1"]
        over_empty = window.scene.item_at(window.view.mapToScene(window.view.viewport().mapFromGlobal(
            QPoint(view_left + 40, end.y())))) is None
        xdotool(*moves)
        wait(300)
        record("channel dragged from the palette across empty canvas onto 'Reads review'",
               over_empty and journey.touchpoint("reads-review").channel == "phone",
               {"channel": journey.touchpoint("reads-review").channel, "entered over empty canvas": over_empty})
        # 2. Enter in the middle of a path
        at = card("sees-ad")
        xdotool("mousemove", str(at.x()), str(at.y()), "click", "1")
        xdotool("key", "Return")
        xdotool("type", "--delay", "20", "Compares prices")
        xdotool("key", "Return")
        flows = [(f.source, f.target) for f in journey.flows()]
        inserted = ("sees-ad", "compares-prices") in flows and ("compares-prices", "reads-review") in flows
        record("Enter in the middle inserts 'Compares prices' between 'Sees ad' and 'Reads review'",
               inserted and ("sees-ad", "reads-review") not in flows, flows)
        # 3. undo and redo from the keyboard
        xdotool("key", "ctrl+z")
        undone = not journey.has_touchpoint("compares-prices") and journey.has_flow("sees-ad", "reads-review")
        record("Ctrl+Z undoes the insertion in one step", undone)
        xdotool("key", "ctrl+y")
        record("Ctrl+Y redoes it", journey.has_touchpoint("compares-prices")
               and journey.has_flow("compares-prices", "reads-review"))
        xdotool("key", "ctrl+shift+z")
        record("Ctrl+Shift+Z with nothing to redo changes nothing", journey.has_touchpoint("compares-prices"))
        # 4. save from the keyboard
        xdotool("key", "ctrl+s")
        wait(500)
        record("Ctrl+S saves", window.document.undo_stack.isClean())

    QTimer.singleShot(300, run)
    QApplication.processEvents()
    return app.exec()


# ---------------------------------------------------------------------- the parent
def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise RuntimeError("Xvfb did not start")
    return xvfb, f":{number}"


def _check_file(path: Path) -> list[tuple[str, bool]]:
    from journeymap.io import load_journey

    j = load_journey(path)
    flows = [(f.source, f.target, f.label) for f in j.flows()]
    return [
        ("saved: 'Reads review' has the channel phone", j.touchpoint("reads-review").channel == "phone"),
        ("saved: the steps of Awareness are Sees ad, Compares prices, Reads review",
         j.touchpoint_ids("awareness") == ["sees-ad", "compares-prices", "reads-review"]),
        ("saved: flows sees-ad → compares-prices (label kept) → reads-review → opens-the-app",
         sorted(flows) == sorted([("sees-ad", "compares-prices", "clicks"), ("compares-prices", "reads-review", ""),
                                  ("reads-review", "opens-the-app", "")])),
        ("saved: the other touchpoints are untouched", j.touchpoint("sees-ad").channel == "advertising"
         and j.touchpoint("opens-the-app").channel == "mobile-app"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--display", help="an X display to use instead of starting Xvfb")
    parser.add_argument("--child", nargs=2, metavar=("FILE", "REPORT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(Path(args.child[0]), Path(args.child[1]))
    if shutil.which("xdotool") is None or (args.display is None and shutil.which("Xvfb") is None):
        print("SKIP: the real-display check needs Xvfb and xdotool (apt-get install xvfb xdotool)")
        return 0
    temp = Path(tempfile.mkdtemp(prefix="journeymap-real-input-"))
    xvfb = None
    try:
        display = args.display
        if display is None:
            xvfb, display = _start_xvfb()
        path = temp / "bank-account.yaml"
        report = temp / "report.json"
        _journey_file(path)
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "XDG_CONFIG_HOME": str(temp / "config"), "JOURNEYMAP_STATE_DIR": str(temp / "state"),
               "JOURNEYMAP_CACHE_DIR": str(temp / "cache")}
        env.pop("QT_SCALE_FACTOR", None)
        print(f"app on {display}, file {path}", flush=True)
        done = subprocess.run([sys.executable, __file__, "--child", str(path), str(report)], env=env,
                              timeout=TIMEOUT_S, check=False)
        steps = json.loads(report.read_text()) if report.exists() else []
        results = [(str(s["step"]), bool(s["ok"])) for s in steps]
        if not steps:
            results.append((f"the app ran the gestures (exit code {done.returncode})", False))
        results += _check_file(path)
        for name, ok in results[len(steps):]:
            print(f"  {'ok ' if ok else 'BAD'} {name}")
        failed = [name for name, ok in results if not ok]
        print("all checks hold" if not failed else f"{len(failed)} checks failed")
        return 0 if not failed else 1
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)
        if args.keep:
            print(f"kept {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
