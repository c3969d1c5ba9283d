"""Check the lane gestures on a real X display with real input events (xdotool).

    python tools/check_lanes_on_display.py

Starts Xvfb on :99 when no DISPLAY is set (needs the Debian packages xvfb and xdotool;
without them it says so and exits 0), opens a copy of telecom-support.yaml in the app,
and with real mouse and key events: double-clicks a Doing cell, types two notes
(Shift+Enter between them), Tab to the next touchpoint's cell and types there, drags the
Feeling lane's title above Doing, saves with Ctrl+S and undoes with Ctrl+Z. It checks the
saved file and the model after each step and exits 1 on the first thing that is wrong.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    if not shutil.which("xdotool") or (not os.environ.get("DISPLAY") and not shutil.which("Xvfb")):
        print("skipped: needs xdotool and an X display (or Xvfb): apt-get install xvfb xdotool")
        return 0
    xvfb = None
    if not os.environ.get("DISPLAY"):
        xvfb = subprocess.Popen(["Xvfb", ":99", "-screen", "0", "1920x1080x24"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.environ["DISPLAY"] = ":99"
        time.sleep(1.0)
    try:
        return run()
    finally:
        if xvfb is not None:
            xvfb.terminate()


def run() -> int:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from journeymap.ui.document import Document
    from journeymap.ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp())
    path = folder / "map.yaml"
    shutil.copy(ROOT / "sample_journeys" / "telecom-support.yaml", path)
    w = MainWindow(Document.open(path))
    w.resize(1800, 1000)
    w.move(0, 0)
    w.show()

    def pump(t: float = 0.3) -> None:
        end = time.time() + t
        while time.time() < end:
            app.processEvents()
            time.sleep(0.01)

    def xdo(*args: object) -> None:
        subprocess.run(["xdotool", *map(str, args)], check=True)
        pump(0.25)

    def screen(pt: QPointF) -> tuple[int, int]:
        v = w.view
        p = v.viewport().mapToGlobal(v.mapFromScene(pt))
        return p.x(), p.y()

    def check(ok: bool, what: str) -> None:
        print(("ok:     " if ok else "FAILED: ") + what)
        if not ok:
            raise SystemExit(1)

    pump(1.5)
    w.activateWindow()
    pump(0.5)
    scene, journey = w.scene, w.document.journey
    assert scene is not None and w.editor is not None
    lane = scene.layout.lane("doing")
    assert lane is not None
    slot = next(s for s in scene.layout.slots if s.id == "speed-test")
    x, y = screen(QPointF(slot.x + slot.w / 2, lane.rect.y + lane.rect.h - 6))
    xdo("mousemove", x, y)
    xdo("click", "--repeat", "2", "--delay", "80", 1)
    check(w.editor.is_editing(), "a double-click on a Doing cell opens its editor")
    xdo("key", "ctrl+a")
    xdo("type", "--delay", "20", "Runs it twice")
    xdo("key", "shift+Return")
    xdo("type", "--delay", "20", "Takes a screenshot")
    xdo("key", "Tab")
    xdo("type", "--delay", "20", "Opens the help page")
    xdo("key", "Return")
    check(journey.touchpoint("speed-test").notes("doing") == ("Runs it twice", "Takes a screenshot"),
          "two notes typed, Shift+Enter between them")
    check(journey.touchpoint("help-article").notes("doing") == ("Opens the help page",),
          "Tab moved to the next touchpoint's cell")
    feeling, doing = scene.layout.lane("feeling"), scene.layout.lane("doing")
    assert feeling is not None and doing is not None
    x0, y0 = screen(QPointF(feeling.title.x + 20, feeling.title.y + feeling.title.h / 2))
    x1, y1 = screen(QPointF(feeling.title.x + 20, doing.rect.y + 3))
    xdo("mousemove", x0, y0)
    xdo("mousedown", 1)
    for k in range(1, 9):
        xdo("mousemove", x0, y0 + (y1 - y0) * k // 8)
    xdo("mouseup", 1)
    check([lane.key for lane in journey.lanes()][:3] == ["feeling", "doing", "thinking"],
          "dragging the Feeling title above Doing moved the lane")
    xdo("key", "ctrl+s")
    pump(0.5)
    saved = path.read_text(encoding="utf-8")
    check("- Takes a screenshot" in saved and saved.index("id: feeling") < saved.index("id: doing"),
          "Ctrl+S saved the notes and the lane order")
    for _ in range(3):
        xdo("key", "ctrl+z")
    check([lane.key for lane in journey.lanes()][:3] == ["doing", "thinking", "feeling"]
          and journey.touchpoint("speed-test").notes("doing") == ("Runs the speed test twice",),
          "three Ctrl+Z undid the drag and both cell edits")
    w.document.undo_stack.setClean()
    w.close()
    pump(0.3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
