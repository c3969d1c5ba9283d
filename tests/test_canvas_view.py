"""The view: zoom keys and Ctrl+wheel around the cursor, fit, middle-drag and Space+drag pan."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from canvas_helpers import Canvas, canvas  # noqa: F401  (fixture)

Ctrl = Qt.KeyboardModifier.ControlModifier


def test_zoom_keys_and_signal(canvas: Canvas, qtbot: object) -> None:
    view = canvas.view
    seen: list[float] = []
    view.zoom_changed.connect(seen.append)
    canvas.key(Qt.Key.Key_Equal, Ctrl)
    assert view.zoom() == 1.25 and seen == [1.25]
    canvas.key(Qt.Key.Key_Plus, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert abs(view.zoom() - 1.5625) < 1e-9
    canvas.key(Qt.Key.Key_Minus, Ctrl)
    canvas.key(Qt.Key.Key_Minus, Ctrl)
    assert abs(view.zoom() - 1.0) < 1e-9
    for _ in range(20):
        view.zoom_out()
    assert view.zoom() == 0.1  # clamped
    canvas.key(Qt.Key.Key_0, Ctrl)
    rect = view.mapToScene(view.viewport().rect()).boundingRect()
    assert rect.contains(view.map_rect())  # the whole map is in sight
    assert seen[-1] == view.zoom()


def _wheel(canvas: Canvas, pos: QPoint, delta: int, modifiers: Qt.KeyboardModifier) -> None:
    viewport = canvas.view.viewport()
    event = QWheelEvent(QPointF(pos), QPointF(viewport.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, delta),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)


def test_ctrl_wheel_zooms_around_the_cursor(canvas: Canvas) -> None:
    view = canvas.view
    target = canvas.card_center("checkout")
    pos = canvas.vp(target)
    _wheel(canvas, pos, 120, Ctrl)
    assert view.zoom() == 1.25
    after = view.mapToScene(pos)
    assert abs(after.x() - target.x()) < 2 and abs(after.y() - target.y()) < 2
    _wheel(canvas, pos, -240, Ctrl)
    assert abs(view.zoom() - 0.8) < 1e-9


def test_plain_wheel_scrolls(canvas: Canvas) -> None:
    bar = canvas.view.verticalScrollBar()
    value = bar.value()
    _wheel(canvas, QPoint(100, 100), -120, Qt.KeyboardModifier.NoModifier)
    assert canvas.view.zoom() == 1.0 and bar.value() != value


def test_view_opens_on_the_map_corner(canvas: Canvas) -> None:
    corner = canvas.view.mapFromScene(canvas.view.map_rect().topLeft())
    assert abs(corner.x()) <= 1 and abs(corner.y()) <= 1


def test_middle_drag_pans(canvas: Canvas) -> None:
    bar = canvas.view.horizontalScrollBar()
    value = bar.value()
    start = canvas.card_center("checkout")
    canvas.drag_fixed(start, start + QPointF(-150, 0), button=Qt.MouseButton.MiddleButton)
    assert bar.value() == value + 150
    assert canvas.stack.count() == 0 and canvas.selected() == ()


def test_space_drag_pans_instead_of_moving_a_card(canvas: Canvas) -> None:
    bar = canvas.view.horizontalScrollBar()
    value = bar.value()
    QTest.keyPress(canvas.view, Qt.Key.Key_Space)
    start = canvas.card_center("checkout")
    canvas.drag_fixed(start, start + QPointF(-100, 0))
    QTest.keyRelease(canvas.view, Qt.Key.Key_Space)
    assert bar.value() == value + 100
    assert canvas.stack.count() == 0
    start = canvas.card_center("checkout")
    canvas.drag(start, start + QPointF(-300, 0))  # Space released: a normal drag again
    assert canvas.stack.count() == 1


def test_dragging_near_the_edge_scrolls(canvas: Canvas, qtbot: object) -> None:
    view = canvas.view
    view.resize(500, 400)
    view.scroll_to_map_start()
    bar = view.horizontalScrollBar()
    value = bar.value()
    start = canvas.card_center("sees-ad")
    edge = view.mapToScene(QPoint(view.viewport().width() - 5, canvas.vp(start).y()))
    canvas.drag(start, edge, release=False)
    qtbot.wait(300)  # type: ignore[attr-defined]
    assert bar.value() > value
    canvas.key(Qt.Key.Key_Escape)
    canvas.release(edge)
    qtbot.wait(100)  # type: ignore[attr-defined]
    stopped = bar.value()
    qtbot.wait(100)  # type: ignore[attr-defined]
    assert bar.value() == stopped and canvas.stack.count() == 0
