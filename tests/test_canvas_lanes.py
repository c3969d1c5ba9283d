"""Lanes on the canvas: cells edited in place from the keyboard, titles renamed, dragged,
removed; pinned while scrolling; every gesture one undo step, byte-identical after undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from canvas_helpers import Canvas, check_undo_redo, sample_journey
from journeymap.model import Journey, Lane
from journeymap.ui.canvas.items.notes_lanes import LaneTitleItem, NotesLaneItem


def lane_journey() -> Journey:
    j = sample_journey()
    j.set_lane_config([Lane("text", "doing", "Doing"), Lane("emotion"), Lane("friction"), Lane("pain-points"),
                       Lane("opportunities"), Lane("text", "staff", "Staff actions", "frontstage")])
    j.set_notes("sees-ad", "doing", ["Scrolls the feed"])
    return j


@pytest.fixture
def lanes(qtbot: object, tmp_path: Path) -> Iterator[Canvas]:
    c = Canvas(qtbot, lane_journey(), tmp_path)
    yield c
    c.editor.detach()
    c.scene.detach()


def cell_point(c: Canvas, lane_key: str, tp_id: str) -> QPointF:
    lane = c.scene.layout.lane(lane_key)
    assert lane is not None
    slot = next(s for s in c.scene.layout.slots if s.id == tp_id)
    return QPointF(slot.x + slot.w / 2, lane.rect.y + lane.rect.h / 2)


def title_point(c: Canvas, lane_key: str) -> QPointF:
    box = c.scene.layout.lane(lane_key)
    assert box is not None
    return QPointF(box.title.x + box.title.w / 2, box.title.y + box.title.h / 2)


def test_every_lane_has_an_item_and_a_title(lanes: Canvas) -> None:
    scene = lanes.scene
    assert set(scene.title_items) == {"doing", "emotion", "friction", "pain-points", "opportunities", "staff"}
    assert isinstance(scene.lane_items["doing"], NotesLaneItem)
    assert isinstance(scene.lane_items["pain-points"], NotesLaneItem)
    assert set(scene.rule_items) == {"frontstage"}  # the line of interaction above the staff lane


def test_typing_notes_into_a_cell_then_tab_to_the_next_touchpoint(lanes: Canvas) -> None:
    before = lanes.saved()
    lanes.double_click(cell_point(lanes, "doing", "reads-review"))
    assert lanes.editor.is_editing()
    lanes.type("Opens three reviews")
    lanes.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    lanes.type("Checks the stars")
    lanes.key(Qt.Key.Key_Tab)
    assert lanes.editor.is_editing()  # now in the next touchpoint's cell of the same lane
    lanes.type("Compares prices")
    lanes.key(Qt.Key.Key_Return)
    assert not lanes.editor.is_editing()
    j = lanes.journey
    assert j.touchpoint("reads-review").notes("doing") == ("Opens three reviews", "Checks the stars")
    assert j.touchpoint("visits-shop").notes("doing") == ("Compares prices",)
    assert lanes.stack.count() == 2
    assert lanes.stack.text(0) == "Edit Doing of 'Reads review'"
    check_undo_redo(lanes, before, steps=2)


def test_escape_cancels_a_cell_edit(lanes: Canvas) -> None:
    before = lanes.saved()
    lanes.double_click(cell_point(lanes, "doing", "sees-ad"))
    lanes.type("Something else")
    lanes.key(Qt.Key.Key_Escape)
    assert lanes.saved() == before and lanes.stack.count() == 0


def test_a_pain_point_cell_edits_the_touchpoints_own_list(lanes: Canvas) -> None:
    before = lanes.saved()
    lanes.double_click(cell_point(lanes, "pain-points", "reads-review"))
    lanes.key(Qt.Key.Key_End)
    lanes.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    lanes.type("No photos")
    lanes.key(Qt.Key.Key_Return)
    assert lanes.journey.touchpoint("reads-review").pain_points == ("Old reviews", "No photos")
    check_undo_redo(lanes, before)


def test_rename_a_lane_in_place(lanes: Canvas) -> None:
    before = lanes.saved()
    lanes.double_click(title_point(lanes, "staff"))
    assert lanes.editor.is_editing()
    lanes.type("Front desk")
    lanes.key(Qt.Key.Key_Return)
    assert lanes.journey.lane("staff").name == "Front desk"
    check_undo_redo(lanes, before)


def test_drag_a_lane_title_to_reorder_the_lanes(lanes: Canvas) -> None:
    before = lanes.saved()
    opportunities = lanes.scene.layout.lane("opportunities")
    assert opportunities is not None
    lanes.drag(title_point(lanes, "doing"), QPointF(title_point(lanes, "doing").x(), opportunities.rect.bottom - 2))
    assert [lane.key for lane in lanes.journey.lanes()][:5] == [
        "emotion", "friction", "pain-points", "opportunities", "doing"]
    assert lanes.stack.count() == 1
    check_undo_redo(lanes, before)


def test_removing_a_lane_with_notes_asks_first(lanes: Canvas) -> None:
    before = lanes.saved()
    asked: list[tuple[str, int]] = []
    lanes.editor.lanes.ask_remove = lambda parent, name, notes: asked.append((name, notes)) or False
    assert not lanes.editor.lanes.remove_lane("doing")
    assert asked == [("Doing", 1)] and lanes.journey.has_lane("doing")
    lanes.editor.lanes.ask_remove = lambda parent, name, notes: True
    assert lanes.editor.lanes.remove_lane("doing")
    assert not lanes.journey.has_lane("doing")
    check_undo_redo(lanes, before)


def test_the_lane_menu_moves_a_lane_to_another_section(lanes: Canvas) -> None:
    before = lanes.saved()
    menu = lanes.editor.lanes.context_menu("staff", lanes.view.mapToGlobal(lanes.vp(title_point(lanes, "staff"))))
    section_menu = next(a.menu() for a in menu.actions() if a.text() == "Blueprint section")
    next(a for a in section_menu.actions() if a.text() == "Backstage").trigger()
    menu.close()
    assert lanes.journey.lane("staff").section == "backstage"
    # the rules are drawn only between neighbouring sections that both have lanes
    assert set(lanes.scene.rule_items) == set()
    check_undo_redo(lanes, before)


def test_lane_titles_stay_in_view_when_the_map_scrolls_sideways(lanes: Canvas) -> None:
    view = lanes.view
    view.resize(500, 700)
    bar = view.horizontalScrollBar()
    bar.setValue(bar.maximum())
    left = view.mapToScene(0, 0).x()
    title = lanes.scene.title_items["doing"]
    assert isinstance(title, LaneTitleItem)
    assert title.sceneBoundingRect().left() == pytest.approx(left, abs=2)
    bar.setValue(bar.minimum())
    assert title.pos().x() == 0
