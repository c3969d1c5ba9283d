"""The emotion lane keeps its curve in pieces: a piece a drag only moved sideways is moved,
one that changed is built again, and either way each piece draws its part of the curve."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QGuiApplication

from journeymap.layout import compute_layout
from journeymap.layout.geometry import EmotionPoint, LayoutOptions
from journeymap.model import Journey
from journeymap.ui.canvas.items.flow import bezier_path
from journeymap.ui.canvas.items.lanes import CURVE_CHUNK, EmotionLaneItem
from journeymap.ui.canvas.painting import PaintContext


def rated(count: int) -> Journey:
    journey = Journey("Rated")
    journey.add_stage("One")
    for n in range(count):
        journey.add_touchpoint("one", f"Step {n}", emotion=(n * 3) % 5 - 2)
    return journey


def same_path(a: object, b: object) -> bool:
    pa, pb = a, b
    if pa.elementCount() != pb.elementCount():  # type: ignore[attr-defined]
        return False
    return all(abs(pa.elementAt(i).x - pb.elementAt(i).x) < 1e-6 and pa.elementAt(i).y == pb.elementAt(i).y  # type: ignore[attr-defined]
               for i in range(pa.elementCount()))  # type: ignore[attr-defined]


def test_pieces_moved_sideways_or_rebuilt_draw_the_new_curve(qapp: object) -> None:
    lane = compute_layout(rated(3 * CURVE_CHUNK), LayoutOptions()).emotion
    assert lane is not None
    item = EmotionLaneItem(PaintContext(LayoutOptions(), QGuiApplication.palette()), lane)
    first = item._chunks[0]  # noqa: SLF001
    # the second half of the curve moved 40 units to the right, the first half as it was
    half = len(lane.curve) // 2
    curve = lane.curve[:half] + tuple((x + 40.0, y) for x, y in lane.curve[half:])
    points = tuple(p if i < len(lane.points) // 2 else EmotionPoint(p.id, p.x + 40.0, p.y, p.emotion)
                   for i, p in enumerate(lane.points))
    item.set_lane(replace(lane, curve=curve, points=points), moved=[p.id for p in points[len(points) // 2:]])
    chunks = item._chunks  # noqa: SLF001
    assert chunks[0] is first  # untouched
    for points_, left, right, path in chunks:
        assert same_path(path, bezier_path(points_))
        xs = [p[0] for p in points_]
        assert abs(left - min(xs)) < 1e-6 and abs(right - max(xs)) < 1e-6
