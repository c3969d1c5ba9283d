"""Cards and flows sit in groups of a few dozen (layers.py) instead of as top-level items;
a dragged card's group stacks above the others; groups come and go with their items."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QGraphicsRectItem

from canvas_helpers import Canvas, canvas  # noqa: F401  (fixture)
from journeymap.model import Journey
from journeymap.ui.canvas.layers import GROUP_SIZE, ItemLayers
from journeymap.ui.commands.structure import DeleteItemsCommand


def chain(count: int) -> Journey:
    """Two stages, `count` touchpoints, each linked to the next."""
    journey = Journey("Long")
    journey.add_stage("One")
    journey.add_stage("Two")
    previous = None
    for n in range(count):
        tp = journey.add_touchpoint("one" if n < count // 2 else "two", f"Step {n}", friction=n % 5)
        if previous is not None:
            journey.add_flow(previous, tp.id)
        previous = tp.id
    return journey


@pytest.fixture
def shown(qtbot: object, tmp_path: Path) -> Iterator[Callable[[Journey], Canvas]]:
    """Make shown canvases on given journeys; detached afterwards."""
    made: list[Canvas] = []

    def make(journey: Journey) -> Canvas:
        made.append(Canvas(qtbot, journey, tmp_path))
        return made[-1]

    yield make
    for c in made:
        c.scene.detach()


def top_level(scene: object) -> list[object]:
    return [i for i in scene.items() if i.parentItem() is None]  # type: ignore[attr-defined]


def test_items_sit_in_groups_at_scene_coordinates(shown: Callable[[Journey], Canvas]) -> None:
    c = shown(chain(100))
    groups = {item.parentItem() for item in c.scene.touchpoint_items.values()}
    assert len(groups) == math.ceil(100 / GROUP_SIZE)
    assert all(isinstance(g, QGraphicsRectItem) and g.pos() == QPointF(0, 0) for g in groups)
    assert len(top_level(c.scene)) < 20  # groups, stages, lanes, the drop indicator
    for tp_id, item in c.scene.touchpoint_items.items():
        rect = c.scene.layout.cards[tp_id].rect
        assert (item.scenePos().x(), item.scenePos().y()) == (rect.x, rect.y)
    assert c.scene.item_at(QPointF(*c.scene.layout.cards["step-7"].rect.center)) is c.scene.touchpoint_items["step-7"]


def test_groups_go_with_their_last_item(shown: Callable[[Journey], Canvas]) -> None:
    c = shown(chain(40))
    doomed = c.journey.touchpoint_ids()[:GROUP_SIZE]
    groups_before = {i.parentItem() for i in c.scene.touchpoint_items.values()}
    c.scene.push(DeleteItemsCommand(c.journey, doomed))
    groups_after = {i.parentItem() for i in c.scene.touchpoint_items.values()}
    assert len(c.scene.touchpoint_items) == 40 - GROUP_SIZE
    assert len(groups_after) < len(groups_before)
    assert all(g.scene() is c.scene for g in groups_after)
    c.stack.undo()
    QApplication.processEvents()
    assert len(c.scene.touchpoint_items) == 40
    assert all(i.parentItem() is not None for i in c.scene.touchpoint_items.values())


def test_layers_fill_reuse_and_lift(shown: Callable[[Journey], Canvas]) -> None:
    c = shown(chain(2))
    layers = ItemLayers(c.scene, 5.0)
    items = [QGraphicsRectItem() for _ in range(GROUP_SIZE + 1)]
    for item in items:
        layers.add(item)
    first, last = items[0].parentItem(), items[-1].parentItem()
    assert first is not last and first.zValue() == last.zValue() == 5.0
    layers.lift(items[0], True)
    assert first.zValue() > last.zValue()
    layers.lift(items[0], False)
    assert first.zValue() == 5.0
    layers.remove(items[1])
    assert items[1].scene() is None
    extra = QGraphicsRectItem()
    layers.add(extra)  # the group with room again takes it
    assert extra.parentItem() in (first, last)
    layers.remove(items[-1])
    assert last.scene() is None or extra.parentItem() is last


def test_dragged_card_group_stacks_above_the_others(canvas: Canvas) -> None:  # noqa: F811
    item = canvas.scene.touchpoint_items["sees-ad"]
    canvas.press(canvas.card_center("sees-ad"))
    canvas.move(canvas.card_center("checkout"))
    QApplication.processEvents()
    others = {i.parentItem() for k, i in canvas.scene.touchpoint_items.items() if k != "sees-ad"} - {item.parentItem()}
    assert all(item.parentItem().zValue() > g.zValue() for g in others)
    canvas.scene.cancel_gesture()
    assert all(item.parentItem().zValue() == g.zValue() for g in others)
