"""The presenter view, driven from the keyboard as a facilitator does: F5 opens it full
screen, the arrows (and a clicker's Page Down/Up) walk every stage and touchpoint, N
captures what the room says into a chosen lane, undoable and saved; Esc leaves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from journeymap.io import dumps_journey, load_journey
from journeymap.ui.document import Document
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import MainWindow
from journeymap.ui.presenter import PresenterView
from journeymap.ui.presenter.drawing import CARD_PX, MIN_PX, STAGE_PX, Scale
from journeymap.ui.selection import Ref
from journeymap.ui.settings import app_settings

SAMPLES = Path(__file__).resolve().parent.parent / "sample_journeys"
Ctrl = Qt.KeyboardModifier.ControlModifier


class DiscardingDialogs(Dialogs):
    def ask_unsaved(self, parent: QWidget, name: str) -> str:  # type: ignore[override]
        return "discard"


def _window(qtbot: QtBot, sample: str, tmp_path: Path) -> MainWindow:
    app_settings().clear()
    path = tmp_path / sample
    path.write_bytes((SAMPLES / sample).read_bytes())
    window = MainWindow(Document.open(path), dialogs=DiscardingDialogs())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def retail(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    window = _window(qtbot, "online-retail.yaml", tmp_path)
    yield window
    window.leave_presenter()
    app_settings().clear()


def _present(qtbot: QtBot, window: MainWindow) -> PresenterView:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    presenter = window.presenter
    assert presenter is not None and presenter.isVisible()
    assert presenter.windowState() & Qt.WindowState.WindowFullScreen
    presenter.resize(1920, 1080)
    return presenter


def test_walk_every_stage_and_touchpoint_then_leave(qtbot: QtBot, retail: MainWindow) -> None:
    journey = retail.document.journey
    retail.document.selection.set([Ref.stage(journey.stage_ids()[0])])
    presenter = _present(qtbot, retail)
    seen = []
    for i, stage in enumerate(journey.stage_ids()):
        assert presenter.current_stage() == stage
        walked = [presenter.current_touchpoint()]
        for _ in journey.touchpoint_ids(stage)[1:]:
            qtbot.keyClick(presenter, Qt.Key.Key_Down)
            walked.append(presenter.current_touchpoint())
        assert walked == journey.touchpoint_ids(stage)
        qtbot.keyClick(presenter, Qt.Key.Key_Down)  # past the last one it stays there
        assert presenter.current_touchpoint() == walked[-1]
        qtbot.keyClick(presenter, Qt.Key.Key_Up)
        assert presenter.current_touchpoint() == (walked[-2] if len(walked) > 1 else walked[-1])
        seen.append(stage)
        qtbot.keyClick(presenter, Qt.Key.Key_Right if i % 2 else Qt.Key.Key_PageDown)
    assert seen == journey.stage_ids()
    assert presenter.current_stage() == seen[-1]  # the last stage stays
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert presenter.current_stage() == seen[-2]
    qtbot.keyClick(presenter, Qt.Key.Key_Left)
    assert presenter.current_stage() == seen[-3]
    assert presenter.current_touchpoint() == journey.touchpoint_ids(seen[-3])[0]
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert retail.presenter is None
    assert retail.document.undo_stack.count() == 0  # walking is not editing
    # back in the window, the map shows where the room was
    assert retail.document.selection.refs() == (Ref.touchpoint(journey.touchpoint_ids(seen[-3])[0]),)


def test_capture_a_note_into_a_chosen_lane_undo_redo_and_save(qtbot: QtBot, retail: MainWindow) -> None:
    document, journey = retail.document, retail.document.journey
    before = dumps_journey(journey)
    retail.document.selection.set([Ref.touchpoint("size-guide")])
    presenter = _present(qtbot, retail)
    assert presenter.current_touchpoint() == "size-guide"
    old_pains = journey.touchpoint("size-guide").pain_points
    old_ideas = journey.touchpoint("size-guide").opportunities

    qtbot.keyClick(presenter, Qt.Key.Key_N)
    box = presenter.capture
    assert box.isVisible() and presenter.focusWidget() is box.field
    assert [box.lane.itemText(i) for i in range(box.lane.count())] == ["Pain point", "Opportunity"]
    qtbot.keyClick(box.field, Qt.Key.Key_Down)  # the next lane: Opportunity
    qtbot.keyClicks(box.field, "Let her compare with a shoe she owns")
    qtbot.keyClick(box.field, Qt.Key.Key_Return)
    assert not box.isVisible() and presenter.isVisible()
    assert journey.touchpoint("size-guide").opportunities == old_ideas + ("Let her compare with a shoe she owns",)
    assert journey.touchpoint("size-guide").pain_points == old_pains

    qtbot.keyClick(presenter, Qt.Key.Key_N)  # the box remembers the lane
    assert box.lane.currentText() == "Opportunity"
    qtbot.keyClicks(box.field, "never mind")
    qtbot.keyClick(box.field, Qt.Key.Key_Escape)  # Esc closes the box, not the view
    assert not box.isVisible() and presenter.isVisible()
    assert document.undo_stack.count() == 1

    qtbot.keyClick(presenter, Qt.Key.Key_Z, Ctrl)
    assert dumps_journey(journey) == before
    qtbot.keyClick(presenter, Qt.Key.Key_Y, Ctrl)
    assert journey.touchpoint("size-guide").opportunities[-1] == "Let her compare with a shoe she owns"

    qtbot.keyClick(presenter, Qt.Key.Key_S, Ctrl)
    assert document.undo_stack.isClean()
    saved = load_journey(document.path)
    assert saved.touchpoint("size-guide").opportunities[-1] == "Let her compare with a shoe she owns"
    assert presenter.isVisible()


def test_capture_into_a_text_lane_of_a_blueprint(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, "hotel-stay.yaml", tmp_path)
    journey = window.document.journey
    presenter = _present(qtbot, window)
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    tp = presenter.current_touchpoint()
    assert tp is not None
    lanes = [lane for lane in journey.lanes() if lane.is_text]
    qtbot.keyClick(presenter, Qt.Key.Key_N)
    box = presenter.capture
    titles = [box.lane.itemText(i) for i in range(box.lane.count())]
    assert titles == ["Pain point", "Opportunity"] + [lane.title for lane in lanes]
    box.lane.setFocus()
    qtbot.keyClicks(box.lane, lanes[1].title)  # type the lane's name in the chooser, Enter back to the field
    qtbot.keyClick(box.lane, Qt.Key.Key_Return)
    assert box.lane.currentText() == lanes[1].title and presenter.focusWidget() is box.field
    old = journey.touchpoint(tp).notes(lanes[1].key)
    qtbot.keyClicks(box.field, "  Will they remember us next year?  ")
    qtbot.keyClick(box.field, Qt.Key.Key_Return)
    assert journey.touchpoint(tp).notes(lanes[1].key) == old + ("Will they remember us next year?",)
    window.document.undo_stack.undo()
    assert journey.touchpoint(tp).notes(lanes[1].key) == old
    window.leave_presenter()


def test_an_empty_note_adds_nothing_and_an_empty_stage_has_no_box(qtbot: QtBot, retail: MainWindow) -> None:
    presenter = _present(qtbot, retail)
    qtbot.keyClick(presenter, Qt.Key.Key_N)
    qtbot.keyClicks(presenter.capture.field, "   ")
    qtbot.keyClick(presenter.capture.field, Qt.Key.Key_Return)
    assert retail.document.undo_stack.count() == 0
    stage = retail.document.journey.stage_ids()[0]
    for tp in retail.document.journey.touchpoint_ids(stage):
        retail.document.journey.remove_touchpoint(tp)  # as an undo in the window behind would
    QApplication.processEvents()
    assert presenter.current_touchpoint() is None
    qtbot.keyClick(presenter, Qt.Key.Key_N)
    assert not presenter.capture.isVisible()


def test_a_room_reads_it_from_the_back(qtbot: QtBot, retail: MainWindow, tmp_path: Path) -> None:
    presenter = _present(qtbot, retail)
    scale = Scale.for_height(presenter.height())
    assert presenter.height() == 1080
    assert scale.px(STAGE_PX, MIN_PX) >= 28 and scale.px(CARD_PX, MIN_PX) >= 28
    assert presenter.text_px() >= 28
    image = presenter.grab()
    assert image.width() == 1920 and image.height() == 1080
    image.save(str(tmp_path / "presenter.png"))
    small = Scale.for_height(600)
    assert small.px(CARD_PX, MIN_PX) == 28  # never below, on any screen
