"""Render the main window offscreen on a sample journey: docs/images/screenshot.png.

    python docs/make_screenshots.py [--sample FILE] [--size 1600x1000] [--out PNG] [--insights]

With --insights the Insights dock is in front and the friction heat map is on
(docs/images/screenshot-insights.png by default).

Run by `make screenshot`; keep the README's screenshot current with it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLE = ROOT / "sample_journeys" / "online-retail.yaml"
DEFAULT_OUT = ROOT / "docs" / "images" / "screenshot.png"
INSIGHTS_OUT = ROOT / "docs" / "images" / "screenshot-insights.png"
#: The touchpoint shown in the inspector: a low point with pain points and metrics.
FEATURED = "size-guide"
ZOOM = 0.7


def main(argv: list[str] | None = None) -> int:
    """Render the screenshot; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--size", default="1600x940")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--insights", action="store_true", help="show the Insights dock and the heat map")
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = INSIGHTS_OUT if args.insights else DEFAULT_OUT
    width, height = (int(n) for n in args.size.lower().split("x"))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A throwaway settings folder: the screenshot never uses or changes the user's layout.
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="journeymap-shot-")
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication

    from journeymap.ui.app import make_application, open_window
    from journeymap.ui.selection import Ref

    app = make_application(["journeymap"])
    app.setStyle("Fusion")
    window = open_window(args.sample)
    window.resize(width, height)
    # The insights read better in a wider, taller dock (names are longer than stage names).
    left, lower = (290, 560) if args.insights else (240, 370)
    window.resizeDocks([window.palette_dock, window.inspector_dock], [left, 360], _orientation("Horizontal"))
    window.resizeDocks([window.palette_dock, window.structure_dock], [height - 100 - lower, lower],
                       _orientation("Vertical"))
    window.show()
    journey = window.document.journey
    featured = FEATURED if journey.has_touchpoint(FEATURED) else journey.touchpoint_ids()[0]
    if args.insights:
        window.insights_dock.raise_()
        window.actions_.heatmap.trigger()
        window.insights_panel.live.refresh()
        hotspots = window.insights_panel.live.insights.hotspots
        featured = hotspots[0].touchpoint if hotspots else featured
    _settle(app)
    window.document.selection.set([Ref.touchpoint(featured)])
    _settle(app)
    window.show_start_of_map()
    _center_on(window, featured)
    _settle(app)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(args.out)):
        print(f"make_screenshots: cannot write {args.out}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({width}x{height})")
    window.document.undo_stack.setClean()
    window.close()
    QApplication.processEvents()
    return 0


def _center_on(window, tp_id: str) -> None:  # type: ignore[no-untyped-def]
    """Scroll so the featured card is in the middle and the whole map height is centred."""
    from PySide6.QtCore import QPointF

    view = window.view
    stage = window.scene.stage_items.get(window.document.journey.touchpoint(tp_id).stage)
    if stage is None:
        return
    view.set_zoom(ZOOM)
    rect = view.map_rect()
    # The map's top edge near the top of the canvas, the featured stage in the middle.
    half_height = view.viewport().height() / 2 / ZOOM
    view.centerOn(QPointF(stage.sceneBoundingRect().center().x(), rect.top() - 16 / ZOOM + half_height))


def _orientation(name: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return getattr(Qt.Orientation, name)


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
