"""The scene projects, the editor edits: the scene takes no input of its own, the editor
reaches it through its event filter, tells the window through `message`, and lets go on
`detach`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsScene

from canvas_helpers import Canvas, canvas, sample_journey  # noqa: F401  (fixture)
from journeymap.ui.canvas.scene import JourneyScene
from journeymap.ui.selection import Ref

Key = Qt.Key


def test_the_scene_overrides_no_input_handler() -> None:
    handlers = {name for name in vars(QGraphicsScene) if name.endswith("Event") or name == "focusNextPrevChild"}
    assert handlers  # the check looks at real Qt names
    assert not handlers & set(vars(JourneyScene))


def test_a_scene_without_editor_only_shows(qtbot: object, tmp_path: Path) -> None:
    c = Canvas(qtbot, sample_journey(), tmp_path)
    c.editor.detach()
    c.view.set_editor(None)
    before = c.saved()
    c.click(c.card_center("checkout"))
    c.drag(c.card_center("sees-ad"), c.card_center("confirmation"))
    c.double_click(c.header_center("purchase"))
    c.document.selection.set([Ref.touchpoint("checkout")])
    c.key(Key.Key_Delete)
    c.key(Key.Key_Return)
    assert c.saved() == before and c.stack.count() == 0
    assert c.scene.touchpoint_items["checkout"].isSelected()  # the selection still shows
    c.scene.detach()


def test_detach_lets_go_of_the_scene(canvas: Canvas) -> None:
    canvas.press(canvas.card_center("sees-ad"))
    assert canvas.editor.gesture is not None
    canvas.editor.detach()
    assert canvas.editor.gesture is None
    canvas.release(canvas.card_center("sees-ad"))
    canvas.double_click(canvas.card_center("checkout"))
    assert not canvas.editor.is_editing() and canvas.stack.count() == 0
    canvas.editor.detach()  # twice is harmless


def test_a_model_change_cancels_the_gesture(canvas: Canvas) -> None:
    canvas.press(canvas.card_center("sees-ad"))
    canvas.move(canvas.card_center("checkout"))
    assert canvas.editor.gesture is not None
    canvas.journey.add_touchpoint("advocacy", "Tells a friend")
    canvas.scene.flush()
    assert canvas.editor.gesture is None
    canvas.release(canvas.card_center("checkout"))
    assert canvas.journey.touchpoint_ids("awareness") == ["sees-ad", "reads-review", "visits-shop"]


def test_editor_messages_reach_the_window(canvas: Canvas) -> None:
    said: list[str] = []
    canvas.editor.message.connect(said.append)
    canvas.drag(canvas.handle("sees-ad"), canvas.card_center("reads-review"))
    assert said == ["These touchpoints are already connected"]
