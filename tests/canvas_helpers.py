"""Helpers for canvas tests: a shown view on a journey, and real mouse and key events.

`QTest.mouseMove` does not carry held buttons reliably across Qt versions, so moves
are sent as QMouseEvents straight to the viewport, with the buttons held; presses,
releases and key clicks go through QTest. Positions are scene points, mapped to the
viewport with `view.mapFromScene`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymap.io import save_journey
from journeymap.model import Journey
from journeymap.ui.canvas.journey_editor import JourneyEditor
from journeymap.ui.canvas.scene import JourneyScene
from journeymap.ui.canvas.view import JourneyView
from journeymap.ui.document import Document

Left = Qt.MouseButton.LeftButton
NoMod = Qt.KeyboardModifier.NoModifier


def sample_journey() -> Journey:
    """Three stages (the last empty), five touchpoints, two flows; some rated."""
    j = Journey("Buying shoes")
    for name in ("Awareness", "Purchase", "Advocacy"):
        j.add_stage(name)
    j.add_touchpoint("awareness", "Sees ad", channel="advertising", emotion=1, friction=0)
    j.add_touchpoint("awareness", "Reads review", evidence="assumption", pain_points=["Old reviews"])
    j.add_touchpoint("awareness", "Visits shop", channel="website", emotion=-1, friction=2)
    j.add_touchpoint("purchase", "Checkout", channel="website", emotion=0, friction=3)
    j.add_touchpoint("purchase", "Confirmation", channel="email")
    j.add_flow("sees-ad", "reads-review", "clicks")
    j.add_flow("reads-review", "visits-shop")
    return j


class Canvas:
    """A document, its scene, its editor and a shown view; with event helpers in scene coordinates."""

    def __init__(self, qtbot: object, journey: Journey, tmp_path: Path) -> None:
        self.document = Document(journey)
        self.journey = journey
        self.scene = JourneyScene(self.document)
        self.editor = JourneyEditor(self.scene)
        self.view = JourneyView(self.scene)
        self.view.set_editor(self.editor)
        self.view.resize(1400, 800)
        qtbot.addWidget(self.view)  # type: ignore[attr-defined]
        self.view.show()
        qtbot.waitExposed(self.view)  # type: ignore[attr-defined]
        self.view.activateWindow()
        self.view.setFocus()
        self.view.scroll_to_map_start()
        self.tmp_path = tmp_path
        self.stack = self.document.undo_stack

    # ------------------------------------------------------------------ positions
    def vp(self, pos: QPointF | tuple[float, float]) -> QPoint:
        """A scene point in viewport coordinates."""
        point = QPointF(*pos) if isinstance(pos, tuple) else pos
        return self.view.mapFromScene(point)

    def card_center(self, tp_id: str) -> QPointF:
        """Centre of a card's body (away from the connector handle)."""
        r = self.scene.layout.cards[tp_id].rect
        return QPointF(r.x + r.w * 0.4, r.y + r.h * 0.3)

    def header_center(self, stage_id: str) -> QPointF:
        box = next(s for s in self.scene.layout.stages if s.id == stage_id)
        return QPointF(*box.header.center)

    def handle(self, tp_id: str) -> QPointF:
        item = self.scene.touchpoint_items[tp_id]
        return item.mapToScene(item.handle_center())

    # ------------------------------------------------------------------ mouse
    def _send(self, kind: QEvent.Type, pos: QPointF, button: Qt.MouseButton, buttons: Qt.MouseButton,
              modifiers: Qt.KeyboardModifier) -> None:
        viewport = self.view.viewport()
        local = QPointF(self.vp(pos))
        event = QMouseEvent(kind, local, QPointF(viewport.mapToGlobal(local.toPoint())), button, buttons, modifiers)
        QApplication.sendEvent(viewport, event)

    def press(self, pos: QPointF, modifiers: Qt.KeyboardModifier = NoMod, button: Qt.MouseButton = Left) -> None:
        QTest.mousePress(self.view.viewport(), button, modifiers, self.vp(pos))

    def move(self, pos: QPointF, buttons: Qt.MouseButton = Left, modifiers: Qt.KeyboardModifier = NoMod) -> None:
        """A mouse move with `buttons` held (NoButton for a hover)."""
        self._send(QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton, buttons, modifiers)

    def release(self, pos: QPointF, modifiers: Qt.KeyboardModifier = NoMod, button: Qt.MouseButton = Left) -> None:
        QTest.mouseRelease(self.view.viewport(), button, modifiers, self.vp(pos))

    def drag(self, start: QPointF, end: QPointF, steps: int = 10, modifiers: Qt.KeyboardModifier = NoMod,
             release: bool = True, button: Qt.MouseButton = Left) -> None:
        """Press at `start`, move in `steps` steps to `end` with the button held, release."""
        self.press(start, modifiers, button)
        for i in range(1, steps + 1):
            t = i / steps
            self.move(QPointF(start.x() + (end.x() - start.x()) * t, start.y() + (end.y() - start.y()) * t),
                      button, modifiers)
        if release:
            self.release(end, modifiers, button)

    def drag_fixed(self, start: QPointF, end: QPointF, button: Qt.MouseButton = Left, steps: int = 5) -> None:
        """Like `drag`, but between two viewport positions fixed before it starts (for pans,
        which scroll the scene under the mouse)."""
        a, b = self.vp(start), self.vp(end)
        viewport = self.view.viewport()
        QTest.mousePress(viewport, button, NoMod, a)
        for i in range(1, steps + 1):
            p = QPointF(a.x() + (b.x() - a.x()) * i / steps, a.y() + (b.y() - a.y()) * i / steps)
            event = QMouseEvent(QEvent.Type.MouseMove, p, QPointF(viewport.mapToGlobal(p.toPoint())),
                                Qt.MouseButton.NoButton, button, NoMod)
            QApplication.sendEvent(viewport, event)
        QTest.mouseRelease(viewport, button, NoMod, b)

    def click(self, pos: QPointF, modifiers: Qt.KeyboardModifier = NoMod) -> None:
        QTest.mouseClick(self.view.viewport(), Left, modifiers, self.vp(pos))

    def double_click(self, pos: QPointF) -> None:
        QTest.mouseDClick(self.view.viewport(), Left, NoMod, self.vp(pos))

    def drop_mime(self, fmt: str, payload: bytes, pos: QPointF, drop: bool = True) -> bool:
        """Drag data of MIME type `fmt` over `pos` (enter, move) and drop it there unless `drop`
        is False; returns whether the move was accepted (the drop allowed there)."""
        mime = QMimeData()
        mime.setData(fmt, QByteArray(payload))
        viewport = self.view.viewport()
        point = self.vp(pos)
        args = (Qt.DropAction.CopyAction, mime, Left, NoMod)
        with warnings.catch_warnings():
            # Qt 6 offers only QPoint constructors for these two events, marked deprecated.
            warnings.simplefilter("ignore", DeprecationWarning)
            enter = QDragEnterEvent(point, *args)
            QApplication.sendEvent(viewport, enter)
            if not enter.isAccepted():
                return False
            move = QDragMoveEvent(point, *args)
        QApplication.sendEvent(viewport, move)
        if drop:
            QApplication.sendEvent(viewport, QDropEvent(QPointF(point), *args))
        return move.isAccepted()

    # ------------------------------------------------------------------ keys
    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NoMod) -> None:
        QTest.keyClick(self.view, key, modifiers)

    def type(self, text: str) -> None:
        QTest.keyClicks(self.view, text)

    # ------------------------------------------------------------------ model state
    def saved(self) -> bytes:
        """The journey as its saved file."""
        path = self.tmp_path / "canvas.yaml"
        save_journey(self.journey, path)
        return path.read_bytes()

    def selected(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.document.selection.refs())


@pytest.fixture
def canvas(qtbot: object, tmp_path: Path) -> Iterator[Canvas]:
    """A shown canvas on `sample_journey()`; detached afterwards."""
    c = Canvas(qtbot, sample_journey(), tmp_path)
    yield c
    c.editor.detach()
    c.scene.detach()


def check_undo_redo(c: Canvas, before: bytes, steps: int = 1) -> None:
    """Undo `steps` commands: the file is byte-identical to `before`; redo and undo again."""
    after = c.saved()
    assert after != before
    for _ in range(steps):
        c.stack.undo()
    assert c.saved() == before
    for _ in range(steps):
        c.stack.redo()
    assert c.saved() == after
    for _ in range(steps):
        c.stack.undo()
    assert c.saved() == before
