"""One GUI benchmark run, in its own process: open to first paint, zoom, pan, drag.

Run by `bench/run_bench.py` as `python bench/_gui_child.py FILE --steps N` with
QT_QPA_PLATFORM=offscreen. Prints one JSON object on the last line of stdout:

- `first_paint_wall`: `time.time()` when the view's viewport finished its first paint
  (the parent subtracts its own `time.time()` before starting this process, so the
  figure covers interpreter start, imports, window, file load and the paint);
- `zoom_ms` / `pan_ms`: per step, one zoom step (or one scroll-bar step) plus
  `viewport().repaint()`;
- `drag_ms`: per mouse-move of a scripted drag of one card, repaint included (the loop
  of `bench/bench_drag.py`, run on the opened window's view); `release_ms`: the drop.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


class _PaintSpy(QObject):
    """Event filter that notes the first Paint event of the object it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def open_to_first_paint(path: Path) -> tuple[object, float]:
    """Create the app and main window on `path`, show it, spin until the first paint."""
    from journeymap.ui.app import make_application, open_window

    app = make_application()
    window = open_window(path)
    window.resize(1600, 900)
    spy = _PaintSpy()
    window.view.viewport().installEventFilter(spy)
    window.show()
    deadline = time.monotonic() + 300
    while not spy.painted and time.monotonic() < deadline:
        app.processEvents()
    stamp = time.time()
    window.view.viewport().removeEventFilter(spy)
    return window, stamp


def _ms(seconds: list[float]) -> list[float]:
    return [s * 1000 for s in seconds]


def zoom_and_pan(window: object, steps: int = 8) -> tuple[list[float], list[float]]:
    """Time zoom steps (out to 17 %, back, in to 244 %, back) and horizontal scroll steps, each with a repaint."""
    view = window.view  # type: ignore[attr-defined]
    viewport = view.viewport()
    app = QApplication.instance()
    app.processEvents()  # let the deferred "show start of map" run first
    zooms: list[float] = []
    for factor in [1 / 1.25] * steps + [1.25] * steps + [1.25] * (steps // 2) + [1 / 1.25] * (steps // 2):
        began = time.perf_counter()
        view.set_zoom(view.zoom() * factor)
        viewport.repaint()
        zooms.append(time.perf_counter() - began)
    app.processEvents()
    pans: list[float] = []
    bar = view.horizontalScrollBar()
    step = max(1, viewport.width() // 4)
    for i in range(2 * steps):
        began = time.perf_counter()
        bar.setValue(bar.value() + (step if i < steps else -step))
        viewport.repaint()
        pans.append(time.perf_counter() - began)
    return _ms(zooms), _ms(pans)


def drag(window: object, steps: int) -> tuple[list[float], float]:
    """The scripted drag of `bench/bench_drag.py` on the real window (move times, release ms)."""
    from bench_drag import scripted_drag

    view = window.view  # type: ignore[attr-defined]
    view.set_zoom(1.0)
    view.scroll_to_map_start()
    QApplication.instance().processEvents()
    times, release = scripted_drag(view, window.scene, window.document.journey, steps)  # type: ignore[attr-defined]
    return _ms(times), release * 1000


def main(argv: list[str]) -> int:
    """Usage: _gui_child.py FILE [--steps N] [--no-interaction] [--profile OUT.prof]."""
    path = Path(argv[0])
    steps = int(argv[argv.index("--steps") + 1]) if "--steps" in argv else 100
    profile_to = argv[argv.index("--profile") + 1] if "--profile" in argv else None
    profiler = None
    if profile_to:  # cProfile of the whole run (to find what is slow, not to time it)
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    window, stamp = open_to_first_paint(path)
    result: dict[str, object] = {"first_paint_wall": stamp,
                                 "touchpoints": window.document.journey.touchpoint_count()}  # type: ignore[attr-defined]
    if "--no-interaction" not in argv:
        result["zoom_ms"], result["pan_ms"] = zoom_and_pan(window)
        result["drag_ms"], result["release_ms"] = drag(window, steps)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_to)
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip teardown of thousands of items: not part of any measure


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
