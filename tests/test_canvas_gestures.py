"""Mouse gestures with real events: each changes the model as intended, in one undo step
that restores the saved file byte for byte."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from canvas_helpers import Canvas, canvas, check_undo_redo  # noqa: F401  (fixture)
from journeymap.ui.canvas.mime import CHANNEL_MIME, STAGE_MIME
from journeymap.ui.selection import Ref

Ctrl = Qt.KeyboardModifier.ControlModifier


def slot_point(c: Canvas, stage: str, index: int) -> QPointF:
    """A point just left of card `index` of `stage` (or in the empty stage's body)."""
    cards = sorted((b for b in c.scene.layout.cards.values() if b.stage == stage and b.row == 0),
                   key=lambda b: b.index)
    if index < len(cards):
        r = cards[index].rect
        return QPointF(r.x + r.w * 0.15, r.y + r.h / 2)
    box = next(s for s in c.scene.layout.stages if s.id == stage)
    if cards:
        r = cards[-1].rect
        return QPointF(min(r.right + 4, box.body.right - 2), r.y + r.h / 2)
    return QPointF(*box.body.center)


def test_drag_touchpoint_within_stage(canvas: Canvas) -> None:
    before = canvas.saved()
    # the left part of the third card: lands before it (the gaps may change as cards move,
    # since a flow label needs room, so aim well inside the half)
    canvas.drag(canvas.card_center("sees-ad"), slot_point(canvas, "awareness", 2))
    assert canvas.journey.touchpoint_ids("awareness") == ["reads-review", "sees-ad", "visits-shop"]
    assert canvas.stack.count() == 1
    assert canvas.stack.undoText() == "Move touchpoint 'Sees ad'"
    item = canvas.scene.touchpoint_items["sees-ad"]
    box = canvas.scene.layout.cards["sees-ad"]
    assert (item.pos().x(), item.pos().y()) == (box.rect.x, box.rect.y)
    check_undo_redo(canvas, before)


def test_drag_touchpoint_into_another_stage_makes_room_live(canvas: Canvas) -> None:
    before = canvas.saved()
    checkout = canvas.scene.touchpoint_items["checkout"]
    purchase = canvas.scene.stage_items["purchase"]
    offset_before = checkout.pos().x() - purchase.pos().x()
    target = slot_point(canvas, "purchase", 0)
    canvas.drag(canvas.card_center("visits-shop"), target, release=False)
    QApplication.processEvents()  # the drag aims once per event-loop turn
    assert checkout.pos().x() - purchase.pos().x() > offset_before  # made room, mouse still down
    assert canvas.journey.touchpoint_ids("purchase") == ["checkout", "confirmation"]  # nothing pushed yet
    canvas.release(target)
    assert canvas.journey.touchpoint_position("visits-shop") == ("purchase", 0)
    assert canvas.stack.count() == 1
    check_undo_redo(canvas, before)


def test_drag_into_empty_stage(canvas: Canvas) -> None:
    canvas.drag(canvas.card_center("confirmation"), slot_point(canvas, "advocacy", 0))
    assert canvas.journey.touchpoint_ids("advocacy") == ["confirmation"]


def test_escape_cancels_a_drag(canvas: Canvas) -> None:
    before = canvas.saved()
    start = canvas.card_center("sees-ad")
    canvas.drag(start, slot_point(canvas, "purchase", 1), release=False)
    canvas.key(Qt.Key.Key_Escape)
    canvas.release(slot_point(canvas, "purchase", 1))
    assert canvas.saved() == before and canvas.stack.count() == 0
    item = canvas.scene.touchpoint_items["sees-ad"]
    assert item.pos().x() == canvas.scene.layout.cards["sees-ad"].rect.x
    assert canvas.scene.touchpoint_items["checkout"].pos().x() == canvas.scene.layout.cards["checkout"].rect.x


def test_a_click_is_not_a_move(canvas: Canvas) -> None:
    canvas.click(canvas.card_center("sees-ad"))
    assert canvas.stack.count() == 0 and canvas.selected() == ("sees-ad",)


def test_connect_cards_with_the_handle(canvas: Canvas) -> None:
    before = canvas.saved()
    canvas.drag(canvas.handle("visits-shop"), canvas.card_center("checkout"))
    assert canvas.journey.has_flow("visits-shop", "checkout")
    assert canvas.stack.undoText() == "Connect 'Visits shop' to 'Checkout'"
    assert ("visits-shop", "checkout") in canvas.scene.flow_items
    assert canvas.document.selection.refs() == (Ref.flow("visits-shop", "checkout"),)
    check_undo_redo(canvas, before)


def test_connect_rubber_line_and_refusals(canvas: Canvas) -> None:
    canvas.drag(canvas.handle("sees-ad"), canvas.card_center("reads-review"), release=False)
    assert any(type(i).__name__ == "RubberLineItem" for i in canvas.scene.items())
    canvas.release(canvas.card_center("reads-review"))  # already connected: nothing
    assert not any(type(i).__name__ == "RubberLineItem" for i in canvas.scene.items())
    canvas.drag(canvas.handle("sees-ad"), canvas.card_center("sees-ad"))  # onto itself: nothing
    canvas.drag(canvas.handle("sees-ad"), QPointF(-200, -200))  # onto nothing
    assert canvas.stack.count() == 0


def test_reorder_stage_by_header(canvas: Canvas) -> None:
    before = canvas.saved()
    advocacy = next(s for s in canvas.scene.layout.stages if s.id == "advocacy")
    canvas.drag(canvas.header_center("awareness"), QPointF(advocacy.column.right - 5, advocacy.header.center[1]),
                release=False)
    assert canvas.scene.indicator.isVisible()
    canvas.release(QPointF(advocacy.column.right - 5, advocacy.header.center[1]))
    assert not canvas.scene.indicator.isVisible()
    assert canvas.journey.stage_ids() == ["purchase", "advocacy", "awareness"]
    assert canvas.stack.undoText() == "Move stage 'Awareness'"
    check_undo_redo(canvas, before)


def test_drop_stage_back_in_place_does_nothing(canvas: Canvas) -> None:
    header = canvas.header_center("purchase")
    canvas.drag(header, header + QPointF(15, 0))
    assert canvas.stack.count() == 0


def test_rubber_band_and_ctrl_add(canvas: Canvas) -> None:
    layout = canvas.scene.layout
    a, b = layout.cards["sees-ad"].rect, layout.cards["reads-review"].rect
    start = QPointF(a.x - 10, a.bottom + 10)
    canvas.drag(start, QPointF(b.center[0], b.y + 10))
    assert set(canvas.selected()) == {"sees-ad", "reads-review"}
    c = layout.cards["checkout"].rect
    canvas.drag(QPointF(c.x - 8, c.bottom + 8), QPointF(*c.center), modifiers=Ctrl)
    assert set(canvas.selected()) == {"sees-ad", "reads-review", "checkout"}
    assert all(canvas.scene.touchpoint_items[t].isSelected() for t in canvas.selected())
    assert canvas.stack.count() == 0


def _lane_point(c: Canvas, tp_id: str, value: int) -> QPointF:
    lane = c.scene.layout.emotion
    return QPointF(lane.slots[tp_id], lane.level_y[value])


def test_drag_emotion_point_snaps(canvas: Canvas) -> None:
    before = canvas.saved()
    lane = canvas.scene.emotion_item
    canvas.drag(_lane_point(canvas, "sees-ad", 1), _lane_point(canvas, "sees-ad", -2) + QPointF(0, -4),
                release=False)
    assert lane.preview == ("sees-ad", -2)  # the label of the value is shown
    canvas.release(_lane_point(canvas, "sees-ad", -2))
    assert lane.preview is None
    assert canvas.journey.touchpoint("sees-ad").emotion == -2
    assert canvas.stack.undoText() == "Set emotion of 'Sees ad' to Very negative"
    check_undo_redo(canvas, before)


def test_click_empty_slot_rates(canvas: Canvas) -> None:
    before = canvas.saved()
    point = _lane_point(canvas, "reads-review", 2)
    canvas.move(point, Qt.MouseButton.NoButton)
    assert canvas.scene.emotion_item.hint == ("reads-review", 2)
    canvas.click(point)
    assert canvas.journey.touchpoint("reads-review").emotion == 2
    check_undo_redo(canvas, before)


def test_click_on_a_point_changes_nothing(canvas: Canvas) -> None:
    canvas.click(_lane_point(canvas, "sees-ad", 1))
    assert canvas.stack.count() == 0 and canvas.selected() == ("sees-ad",)


def _drag_mime(c: Canvas, fmt: str, payload: str, pos: QPointF, drop: bool = True) -> bool:
    return c.drop_mime(fmt, payload.encode("utf-8"), pos, drop=drop)


def test_drop_stage_template_between_stages(canvas: Canvas) -> None:
    before = canvas.saved()
    purchase = next(s for s in canvas.scene.layout.stages if s.id == "purchase")
    pos = QPointF(purchase.column.x + 10, purchase.body.center[1])
    assert _drag_mime(canvas, STAGE_MIME, "Intent", pos, drop=False)
    assert canvas.scene.indicator.isVisible()
    _drag_mime(canvas, STAGE_MIME, "Intent", pos)
    assert not canvas.scene.indicator.isVisible()
    assert canvas.journey.stage_ids() == ["awareness", "intent", "purchase", "advocacy"]
    assert canvas.journey.stage("intent").color == "#EECA3B"
    assert canvas.stack.undoText() == "Add stage 'Intent'"
    assert canvas.selected() == ("intent",)
    check_undo_redo(canvas, before)


def test_drop_custom_stage_starts_renaming(canvas: Canvas) -> None:
    """The typed name belongs to the add: one step, and the id is derived from the name."""
    before = canvas.saved()
    _drag_mime(canvas, STAGE_MIME, "", QPointF(-100, 100))
    assert canvas.journey.stage_ids()[0] == "new-stage"
    assert canvas.editor.is_editing()
    canvas.type("Onboarding")
    canvas.key(Qt.Key.Key_Return)
    assert canvas.journey.stage_ids()[0] == "onboarding"
    assert canvas.journey.stage("onboarding").name == "Onboarding"
    assert canvas.stack.count() == 1 and canvas.stack.undoText() == "Add stage 'Onboarding'"
    assert canvas.selected() == ("onboarding",)
    check_undo_redo(canvas, before)
    canvas.stack.redo()
    assert canvas.journey.stage_ids()[0] == "onboarding"


def test_drop_channel_on_a_card(canvas: Canvas) -> None:
    before = canvas.saved()
    assert not _drag_mime(canvas, CHANNEL_MIME, "phone", QPointF(-100, -100), drop=False)
    _drag_mime(canvas, CHANNEL_MIME, "phone", canvas.card_center("reads-review"))
    assert canvas.journey.touchpoint("reads-review").channel == "phone"
    assert canvas.stack.undoText() == "Set channel of 'Reads review' to Phone"
    check_undo_redo(canvas, before)


def test_drop_of_foreign_data_is_refused(canvas: Canvas) -> None:
    assert not canvas.drop_mime("text/plain", b"hello", canvas.card_center("sees-ad"))
    assert canvas.stack.count() == 0
