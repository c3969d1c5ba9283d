"""What a facilitator does in front of the room, driven as a person does it: a channel
dragged from the palette across empty canvas onto a card, redo with Ctrl+Y, Enter in the
middle of a path."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent, QKeySequence, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from journeymap.io import save_journey
from journeymap.model import Journey
from journeymap.ui.document import Document
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import MainWindow
from journeymap.ui.selection import Ref
from journeymap.ui.settings import app_settings

Left = Qt.MouseButton.LeftButton
NoMod = Qt.KeyboardModifier.NoModifier


class QuietDialogs(Dialogs):
    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        return "discard"

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        raise AssertionError(message)


def journey() -> Journey:
    j = Journey("Shoes")
    j.add_stage("Awareness")
    j.add_stage("Purchase")
    j.add_touchpoint("awareness", "Sees ad", channel="advertising")
    j.add_touchpoint("awareness", "Reads review")
    j.add_touchpoint("purchase", "Checkout", emotion=-1)
    j.add_flow("sees-ad", "reads-review", "clicks")
    j.add_flow("reads-review", "checkout")
    return j


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    app_settings().clear()
    w = MainWindow(Document(journey()), dialogs=QuietDialogs())
    qtbot.addWidget(w)
    w.resize(1600, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    app_settings().clear()


def _send_drag(kind: type, target: QWidget, point: QPoint, drag: QDrag) -> bool:
    """One drag event as QApplication delivers it to the widget under the pointer."""
    args = (drag.supportedActions(), drag.mimeData(), Left, NoMod)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Qt 6 marks the QPoint constructors deprecated
        event = kind(QPointF(point) if kind is QDropEvent else point, *args)
    QApplication.sendEvent(target, event)
    return event.isAccepted()


class DragAcross:
    """Stands in for the platform's drag loop: when the palette starts its QDrag, the pointer
    enters the canvas at `path[0]` and moves along `path` (viewport points), then drops."""

    def __init__(self, viewport: QWidget, path: list[QPoint]) -> None:
        self.viewport, self.path = viewport, path
        self.moves_accepted: list[bool] = []
        self.dropped = False

    def exec(self, drag: QDrag, *args: object) -> Qt.DropAction:
        _send_drag(QDragEnterEvent, self.viewport, self.path[0], drag)
        for point in self.path:
            self.moves_accepted.append(_send_drag(QDragMoveEvent, self.viewport, point, drag))
        if self.moves_accepted[-1]:
            self.dropped = _send_drag(QDropEvent, self.viewport, self.path[-1], drag)
        else:
            QApplication.sendEvent(self.viewport, QDragLeaveEvent())
        return Qt.DropAction.CopyAction if self.dropped else Qt.DropAction.IgnoreAction


def test_a_channel_dragged_from_the_palette_across_empty_canvas_lands_on_the_card(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    view, scene = window.view, window.scene
    card = scene.layout.cards["reads-review"].rect
    target = view.mapFromScene(QPointF(card.x + card.w * 0.4, card.y + card.h * 0.4))
    # the pointer comes in at the canvas's left edge, level with the card, over no card
    entry = QPoint(2, target.y())
    assert scene.item_at(view.mapToScene(entry)) is None
    path = [QPoint(entry.x() + (target.x() - entry.x()) * i // 12, target.y()) for i in range(13)]
    across = DragAcross(view.viewport(), path)
    monkeypatch.setattr(QDrag, "exec", lambda drag, *a: across.exec(drag, *a))

    channels = window.palette_widget.channels
    item = window.palette_widget.entry("Phone")
    start = channels.visualItemRect(item).center()
    QTest.mousePress(channels.viewport(), Left, NoMod, start)
    for dx in (4, 10, 20, 40):  # past the drag distance: the list starts its QDrag
        p = QPointF(start.x() + dx, start.y())
        QApplication.sendEvent(channels.viewport(), QMouseEvent(
            QEvent.Type.MouseMove, p, QPointF(channels.viewport().mapToGlobal(p.toPoint())), Qt.MouseButton.NoButton,
            Left, NoMod))
    QTest.mouseRelease(channels.viewport(), Left, NoMod, start + QPoint(40, 0))

    assert across.moves_accepted[0] is False      # no card under the pointer yet: no drop there
    assert across.moves_accepted[-1] is True      # over the card: it highlights and takes the drop
    assert across.dropped
    assert window.document.journey.touchpoint("reads-review").channel == "phone"
    assert window.document.undo_stack.undoText() == "Set channel of 'Reads review' to Phone"
    assert window.document.selection.refs() == (Ref.touchpoint("reads-review"),)


def _click_card(window: MainWindow, tp_id: str) -> None:
    view = window.view
    r = window.scene.layout.cards[tp_id].rect
    QTest.mouseClick(view.viewport(), Left, NoMod, view.mapFromScene(QPointF(r.x + r.w * 0.4, r.y + r.h * 0.3)))


@pytest.mark.parametrize("redo", [(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
                                  (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                                   | Qt.KeyboardModifier.ShiftModifier)])
def test_ctrl_y_and_ctrl_shift_z_redo(
    qtbot: QtBot, window: MainWindow, redo: tuple[Qt.Key, Qt.KeyboardModifier]
) -> None:
    journey = window.document.journey
    window.view.setFocus()
    _click_card(window, "checkout")
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert not journey.has_touchpoint("checkout")
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert journey.has_touchpoint("checkout")
    QTest.keyClick(window.view, *redo)
    assert not journey.has_touchpoint("checkout")
    # the platform's own redo key may be only one of them (X11 desktops: Ctrl+Shift+Z)
    assert QKeySequence(redo[1].value | redo[0].value) in window.actions_.redo.shortcuts()


def _saved(window: MainWindow, tmp_path: Path) -> bytes:
    path = tmp_path / "saved.yaml"
    save_journey(window.document.journey, path)
    return path.read_bytes()


def _flows(window: MainWindow) -> list[tuple[str, str, str]]:
    return [(f.source, f.target, f.label) for f in window.document.journey.flows()]


def test_enter_in_the_middle_of_a_path_inserts_a_step(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    before = _saved(window, tmp_path)
    stack = window.document.undo_stack
    window.view.setFocus()
    _click_card(window, "sees-ad")
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    QTest.keyClicks(window.view, "Compares prices")
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    journey = window.document.journey
    assert journey.touchpoint_ids("awareness") == ["sees-ad", "compares-prices", "reads-review"]
    assert _flows(window) == [("sees-ad", "compares-prices", "clicks"), ("reads-review", "checkout", ""),
                              ("compares-prices", "reads-review", "")]
    assert stack.count() == 1 and stack.undoText() == "Add touchpoint 'Compares prices'"
    after = _saved(window, tmp_path)
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _saved(window, tmp_path) == before
    QTest.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _saved(window, tmp_path) == after


def test_enter_at_the_end_of_a_path_adds_the_next_step(qtbot: QtBot, window: MainWindow) -> None:
    window.view.setFocus()
    _click_card(window, "checkout")
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    QTest.keyClicks(window.view, "Pays")
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    assert window.document.journey.touchpoint_ids("purchase") == ["checkout", "pays"]
    assert _flows(window)[-1] == ("checkout", "pays", "")
    assert len(_flows(window)) == 3
