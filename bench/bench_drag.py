"""How fluid is dragging a card on a big map? Time per mouse-move event, repaint included.

Builds a 300-touchpoint journey (10 stages × 30 touchpoints, chained by flows, rated),
shows it offscreen in a JourneyView, and drags one card from the first stage across
the map with the mouse held, one QMouseEvent per step, letting Qt repaint after each.
Prints the mean and 95th percentile time per move, the relayouts (moves whose slot
changed, so the other cards made room) and the commit time on release.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_drag.py [--steps 400]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from journeymap.model import CHANNELS, Journey  # noqa: E402


def big_journey(stages: int = 10, per_stage: int = 30) -> Journey:
    """A journey of `stages` × `per_stage` touchpoints with a flow from each to the next."""
    journey = Journey("Benchmark journey")
    channels = list(CHANNELS)
    previous = None
    for s in range(stages):
        stage = journey.add_stage(f"Stage {s + 1}")
        for t in range(per_stage):
            n = s * per_stage + t
            tp = journey.add_touchpoint(
                stage.id, f"Touchpoint number {n + 1} with a longer name to wrap",
                channel=channels[n % len(channels)], emotion=(n % 5) - 2, friction=n % 5,
                pain_points=["slow"] * (n % 3), opportunities=["faster"] * (n % 2),
                evidence=("assumption", "observed", "measured", None)[n % 4],
            )
            if previous is not None:
                journey.add_flow(previous, tp.id, "next" if n % 7 == 0 else "")
            previous = tp.id
    return journey


def scripted_drag(view: Any, scene: Any, journey: Any, steps: int,
                  on_move: Callable[[], None] | None = None) -> tuple[list[float], float]:
    """Drag the first card of the first stage towards the middle of the third stage.

    The map is far wider than the window, so the view scrolls along as the card goes (as
    auto-scroll would). Returns the seconds each mouse move took, repaint included, and
    the seconds of the release (the move command and the relayout).
    """
    app = QApplication.instance()
    viewport = view.viewport()
    card = scene.layout.cards[journey.touchpoint_ids()[0]].rect
    start = view.mapFromScene(QPointF(card.x + card.w * 0.4, card.y + card.h * 0.3))
    end_x = viewport.width() - 40
    goal = scene.layout.stages[min(2, len(scene.layout.stages) - 1)].body.center[0]
    bar = view.horizontalScrollBar()
    first_scroll = bar.value()
    last_scroll = first_scroll + int(view.mapFromScene(QPointF(goal, 0)).x() - end_x)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    # What the press sets off (selection, inspector, repaint) runs before the first move,
    # as the event loop runs it between a real press and the mouse's next report.
    app.processEvents()
    times: list[float] = []
    pos = QPointF(start)
    for i in range(1, steps + 1):
        t = i / steps
        pos = QPointF(start.x() + (end_x - start.x()) * t, start.y() + 40 * (t - t * t))
        bar.setValue(int(first_scroll + (last_scroll - first_scroll) * t))
        event = QMouseEvent(QEvent.Type.MouseMove, pos, QPointF(viewport.mapToGlobal(pos.toPoint())),
                            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        began = time.perf_counter()
        QApplication.sendEvent(viewport, event)
        app.processEvents()  # the repaint belongs to the cost of a move
        times.append(time.perf_counter() - began)
        if on_move is not None:
            on_move()
    began = time.perf_counter()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos.toPoint())
    app.processEvents()
    return times, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=400, help="mouse moves in the drag")
    parser.add_argument("--stages", type=int, default=10)
    parser.add_argument("--per-stage", type=int, default=30)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from journeymap.ui.canvas.journey_editor import JourneyEditor
    from journeymap.ui.canvas.scene import JourneyScene
    from journeymap.ui.canvas.view import JourneyView
    from journeymap.ui.document import Document

    t0 = time.perf_counter()
    journey = big_journey(args.stages, args.per_stage)
    document = Document(journey)
    scene = JourneyScene(document)
    editor = JourneyEditor(scene)
    view = JourneyView(scene)
    view.set_editor(editor)
    view.resize(1600, 900)
    view.show()
    app.processEvents()
    built = time.perf_counter() - t0

    tp_id = journey.touchpoint_ids()[0]
    targets: list[object] = []
    times, release = scripted_drag(view, scene, journey, args.steps,
                                   on_move=lambda: targets.append(getattr(editor.gesture, "target", None)))
    relayouts = sum(1 for a, b in zip([None, *targets], targets, strict=False) if a != b)

    moved = journey.touchpoint_position(tp_id)
    ms = sorted(x * 1000 for x in times)
    p95 = ms[max(0, int(round(0.95 * len(ms))) - 1)]
    print(f"journey: {journey.touchpoint_count()} touchpoints, {len(journey.flows())} flows; "
          f"scene built and shown in {built * 1000:.0f} ms")
    print(f"drag: {len(ms)} mouse moves, {relayouts} slot changes (live relayouts)")
    print(f"per move: mean {statistics.fmean(ms):.2f} ms, p95 {p95:.2f} ms, max {ms[-1]:.2f} ms")
    print(f"release (one MoveTouchpointCommand + relayout): {release * 1000:.1f} ms; card now at {moved}")
    editor.detach()
    scene.detach()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
