"""A card dragged across the map: while the mouse is held, every item shows the live layout
(cards, flows moved or rerouted, lane ticks), and the drop or Esc leaves them as a fresh
layout would."""

from __future__ import annotations

import gc

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from canvas_helpers import Canvas, canvas  # noqa: F401  (fixture)
from journeymap.ui.canvas.items.lanes import EmotionLaneItem, FrictionLaneItem


def assert_items_show(c: Canvas, floating: str | None = None) -> None:
    """Every card, flow and lane item shows what the scene's live (or settled) layout says."""
    scene, gesture = c.scene, c.editor.gesture
    layout = getattr(gesture, "live", None) or scene.layout
    for tp_id, box in layout.cards.items():
        item = scene.touchpoint_items[tp_id]
        assert item.box == box
        if tp_id != floating:
            assert (item.pos().x(), item.pos().y()) == (box.rect.x, box.rect.y)
    for flow in layout.flows:
        item = scene.flow_items[(flow.source, flow.target)]
        assert item.flow == flow
        start = item.mapToScene(item._path.elementAt(0).x, item._path.elementAt(0).y)  # noqa: SLF001
        assert abs(start.x() - flow.points[0][0]) < 1e-6 and abs(start.y() - flow.points[0][1]) < 1e-6
    for lane_item, kind, lane in ((scene.emotion_item, EmotionLaneItem, layout.emotion),
                                  (scene.friction_item, FrictionLaneItem, layout.friction)):
        assert lane_item is not None and lane is not None
        assert lane_item.lane == lane
        fresh = kind(scene.ctx, lane)
        assert lane_item._unrated.xs == fresh._unrated.xs  # noqa: SLF001


def aim_at(c: Canvas, tp_id: str | None, stage: str = "") -> QPointF:
    """The left part of card `tp_id` as shown now, or the middle of `stage`'s body."""
    layout = getattr(c.editor.gesture, "live", None) or c.scene.layout
    if tp_id is None:
        return QPointF(*next(s for s in layout.stages if s.id == stage).body.center)
    r = layout.cards[tp_id].rect
    return QPointF(r.x + r.w * 0.15, r.y + r.h / 2)


def test_items_follow_the_live_layout_and_settle(canvas: Canvas) -> None:
    canvas.press(canvas.card_center("sees-ad"))
    point = canvas.card_center("sees-ad")
    for tp_id, stage in (("visits-shop", ""), ("checkout", ""), ("confirmation", ""), (None, "advocacy"),
                         ("reads-review", "")):
        point = aim_at(canvas, tp_id, stage)
        canvas.move(point)
        QApplication.processEvents()  # one aim per event-loop turn
        assert not gc.isenabled()  # paused while dragging
        assert_items_show(canvas, floating="sees-ad")
    canvas.release(point)
    assert gc.isenabled()
    assert canvas.journey.touchpoint_ids("awareness") == ["sees-ad", "reads-review", "visits-shop"]
    assert canvas.stack.count() == 0  # back where it was: nothing to undo
    assert_items_show(canvas)


def test_a_drop_elsewhere_leaves_a_fresh_layout(canvas: Canvas) -> None:
    canvas.press(canvas.card_center("sees-ad"))
    for tp_id in ("visits-shop", "checkout", "confirmation"):
        point = aim_at(canvas, tp_id)
        canvas.move(point)
        QApplication.processEvents()
    canvas.release(point)
    assert canvas.journey.touchpoint_ids("purchase") == ["checkout", "sees-ad", "confirmation"]
    assert canvas.stack.count() == 1
    assert_items_show(canvas)


def test_escape_puts_every_item_back(canvas: Canvas) -> None:
    canvas.press(canvas.card_center("sees-ad"))
    canvas.move(aim_at(canvas, "visits-shop"))
    canvas.move(aim_at(canvas, "confirmation"))
    QApplication.processEvents()
    assert canvas.editor.gesture.target == ("purchase", 1)  # type: ignore[union-attr]
    canvas.editor.cancel_gesture()
    assert gc.isenabled()
    assert canvas.stack.count() == 0
    assert_items_show(canvas)


def test_a_preview_readied_on_press_serves_the_drag_and_a_plain_click_changes_nothing(canvas: Canvas) -> None:
    # The press readies the drag preview in idle time; a click without a drag leaves the
    # map and the collector as they were, a drag after it moves the card as usual.
    before = canvas.journey.touchpoint_ids("awareness")
    steps = canvas.stack.count()
    canvas.press(canvas.card_center("visits-shop"))
    QApplication.processEvents()
    assert canvas.editor.gesture.previews is not None and gc.isenabled()
    canvas.release(canvas.card_center("visits-shop"))
    QApplication.processEvents()
    assert canvas.journey.touchpoint_ids("awareness") == before and gc.isenabled()
    assert canvas.stack.count() == steps
    canvas.press(canvas.card_center("sees-ad"))
    QApplication.processEvents()
    point = aim_at(canvas, "visits-shop")
    canvas.move(point)
    QApplication.processEvents()
    assert_items_show(canvas, floating="sees-ad")
    canvas.release(point)
    assert canvas.journey.touchpoint_ids("awareness") == ["reads-review", "sees-ad", "visits-shop"]
    assert canvas.stack.count() == steps + 1
