"""Adding lanes from the window: a palette entry dragged between two lanes (one continuous
drag), Enter on a palette entry, Insert ▸ Lane, a metric lane, File ▸ New Service Blueprint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journeymap.io import dumps_journey
from journeymap.ui.document import Document
from journeymap.ui.main_window import MainWindow
from journeymap.ui.settings import app_settings
from test_facilitator_gestures import DragAcross, QuietDialogs, journey

Left = Qt.MouseButton.LeftButton
NoMod = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    app_settings().clear()
    w = MainWindow(Document(journey()), dialogs=QuietDialogs())
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    yield w


def drag_palette_entry(
    window: MainWindow, label: str, path: list[QPoint], monkeypatch: pytest.MonkeyPatch
) -> DragAcross:
    across = DragAcross(window.view.viewport(), path)
    monkeypatch.setattr(QDrag, "exec", lambda drag, *a: across.exec(drag, *a))
    lanes = window.palette_widget.lanes
    start = lanes.visualItemRect(window.palette_widget.entry(label)).center()
    QTest.mousePress(lanes.viewport(), Left, NoMod, start)
    for dx in (4, 10, 20, 40):
        p = QPointF(start.x() + dx, start.y())
        QApplication.sendEvent(lanes.viewport(), QMouseEvent(
            QEvent.Type.MouseMove, p, QPointF(lanes.viewport().mapToGlobal(p.toPoint())), Qt.MouseButton.NoButton,
            Left, NoMod))
    QTest.mouseRelease(lanes.viewport(), Left, NoMod, start + QPoint(40, 0))
    return across


def test_a_lane_dragged_from_the_palette_lands_between_two_lanes(window: MainWindow,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    view, scene = window.view, window.scene
    assert scene is not None
    before = dumps_journey(window.document.journey)
    friction = scene.layout.lane("friction")
    assert friction is not None
    # from the canvas's left edge over the cards, down to just above the friction lane
    target = view.mapFromScene(QPointF(friction.rect.x + 200, friction.rect.y + 4))
    path = [QPoint(2 + (target.x() - 2) * i // 10, 40 + (target.y() - 40) * i // 10) for i in range(11)]
    across = drag_palette_entry(window, "Doing", path, monkeypatch)
    assert across.dropped
    journey = window.document.journey
    assert [lane.key for lane in journey.lanes()] == ["emotion", "doing", "friction", "pain-points", "opportunities"]
    assert window.document.undo_stack.undoText() == "Add lane 'Doing'"
    window.document.undo_stack.undo()
    assert dumps_journey(journey) == before  # no `lanes:` key again


def test_enter_on_a_palette_lane_adds_it_at_the_bottom_and_a_builtin_only_once(window: MainWindow) -> None:
    lanes = window.palette_widget.lanes
    lanes.setFocus()
    lanes.setCurrentItem(window.palette_widget.entry("Backstage"))
    QTest.keyClick(lanes, Qt.Key.Key_Return)
    journey = window.document.journey
    assert journey.lanes()[-1].name == "Backstage" and journey.lanes()[-1].section == "backstage"
    lanes.setCurrentItem(window.palette_widget.entry("Pain points"))
    QTest.keyClick(lanes, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == "The Pain points lane is already on the map"


def test_insert_lane_menu_adds_a_metric_lane_after_asking_which_metric(window: MainWindow) -> None:
    assert window.editor is not None
    asked: list[list[str]] = []
    window.editor.lanes.ask_metric = lambda parent, known: asked.append(known) or "csat"
    actions = {a.text(): a for a in window.actions_.lane_menu.actions()}
    actions["Metric…"].trigger()
    assert asked and asked[0][:4] == ["csat", "ces", "nps", "drop_off"]
    assert window.document.journey.lanes()[-1].key == "metric:csat"


def test_custom_lane_is_named_in_place(window: MainWindow) -> None:
    window.add_lane("Custom text lane")
    assert window.editor is not None and window.editor.is_editing()
    QTest.keyClicks(window.view, "Quotes")
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    lane = window.document.journey.lanes()[-1]
    assert (lane.name, lane.id) == ("Quotes", "new-lane")


def test_file_new_service_blueprint(window: MainWindow) -> None:
    window.files.new("blueprint")
    journey = window.document.journey
    assert [lane.section for lane in journey.lanes()][-3:] == ["frontstage", "backstage", "support"]
    assert window.scene is not None and set(window.scene.rule_items) == {"frontstage", "backstage", "support"}
