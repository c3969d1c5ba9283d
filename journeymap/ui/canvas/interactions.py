"""Mouse gestures on the canvas, each a small object with start / move / end / cancel.

The editor picks one on a press (`gesture_for_press`, which asks the rules of
`PRESS_GESTURES` in turn) and feeds it the mouse until the release; Esc or a model
change cancels it. A gesture changes the model only once, on `end`, by pushing one undo
command. The base classes are in `gestures`, the card drag in `drag_card`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem

from journeymap.layout import hit
from journeymap.layout.geometry import Rect
from journeymap.ui.canvas.drag_card import DragTouchpoint
from journeymap.ui.canvas.gestures import ClickSelect, Gesture, Modifiers
from journeymap.ui.canvas.items.flow import FlowItem
from journeymap.ui.canvas.items.lanes import EmotionLaneItem
from journeymap.ui.canvas.items.overlays import RubberBandItem, RubberLineItem
from journeymap.ui.canvas.items.stage import StageItem
from journeymap.ui.canvas.items.touchpoint import TouchpointItem
from journeymap.ui.canvas.lane_editing import press_lane_title
from journeymap.ui.commands.personas import SetPersonaEmotionCommand
from journeymap.ui.commands.structure import AddFlowCommand, MoveStageCommand, SetEmotionCommand
from journeymap.ui.limits import no_room
from journeymap.ui.selection import Ref

if TYPE_CHECKING:
    from journeymap.ui.canvas.journey_editor import JourneyEditor

__all__ = ["PRESS_GESTURES", "ClickSelect", "DragTouchpoint", "Gesture", "gesture_for_press", "emotion_hint"]


class ReorderStage(ClickSelect):
    """Drag a stage header sideways; a bar shows where it will go; one MoveStageCommand."""

    def __init__(self, editor: JourneyEditor, item: StageItem) -> None:
        super().__init__(editor, Ref.stage(item.stage_id))
        self.item = item
        self.old_index = self.scene.journey.stage_index(item.stage_id)
        self.insert_at = self.old_index
        self.start_x = item.pos().x()

    def move(self, pos: QPointF) -> None:
        if not self.moved_enough(pos):
            return
        scene = self.scene
        self.item.setOpacity(0.7)
        self.item.setZValue(50)
        self.item.setX(self.start_x + pos.x() - self.press.x())
        index, x = hit.stage_insert_index(scene.layout, pos.x())
        self.insert_at = index
        scene.show_insert_bar(x)

    def _restore(self) -> None:
        self.item.setOpacity(1.0)
        self.item.setZValue(-10)
        self.item.setX(self.start_x)
        self.scene.hide_insert_bar()

    def end(self, pos: QPointF) -> None:
        if not self.active:
            super().end(pos)
            return
        self._restore()
        new_index = self.insert_at - 1 if self.insert_at > self.old_index else self.insert_at
        if new_index != self.old_index:
            self.scene.push(MoveStageCommand(self.scene.journey, self.item.stage_id, new_index))

    def cancel(self) -> None:
        self._restore()


class Connect(Gesture):
    """Drag from a card's connector handle onto another card: one AddFlowCommand."""

    def __init__(self, editor: JourneyEditor, item: TouchpointItem) -> None:
        super().__init__(editor)
        self.source = item.tp_id
        self.anchor = item.mapToScene(item.handle_center())
        self.line = RubberLineItem(self.scene.ctx)
        self.target: str | None = None

    def start(self, pos: QPointF, modifiers: Modifiers) -> None:
        super().start(pos, modifiers)
        self.scene.addItem(self.line)
        self.line.stretch(self.anchor, pos)

    def _valid(self, target: str | None) -> bool:
        return target is not None and target != self.source and not self.scene.journey.has_flow(self.source, target)

    def move(self, pos: QPointF) -> None:
        self.line.stretch(self.anchor, pos)
        target = hit.card_at(self.scene.layout, pos.x(), pos.y())
        target = target if self._valid(target) else None
        if target != self.target:
            for tp_id, on in ((self.target, False), (target, True)):
                item = self.scene.touchpoint_items.get(tp_id) if tp_id else None
                if item is not None:
                    item.set_drop_highlight(on)
            self.target = target

    def cancel(self) -> None:
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)
        item = self.scene.touchpoint_items.get(self.target) if self.target else None
        if item is not None:
            item.set_drop_highlight(False)

    def end(self, pos: QPointF) -> None:
        self.move(pos)
        target = self.target
        self.cancel()
        refused = "" if target is None else no_room(self.scene.journey, "Not connected", flows=1)
        if refused:
            self.editor.message.emit(refused)
        elif target is not None:
            self.scene.push(AddFlowCommand(self.scene.journey, self.source, target))
            self.scene.select([Ref.flow(self.source, target)])
        elif hit.card_at(self.scene.layout, pos.x(), pos.y()) not in (None, self.source):
            self.editor.message.emit("These touchpoints are already connected")


class RubberBand(Gesture):
    """Drag on empty canvas to select the cards the rectangle touches (Ctrl adds)."""

    def __init__(self, editor: JourneyEditor) -> None:
        super().__init__(editor)
        self.base: list[Ref] = []
        self.band: RubberBandItem | None = None

    def start(self, pos: QPointF, modifiers: Modifiers) -> None:
        super().start(pos, modifiers)
        if modifiers & (Modifiers.ControlModifier | Modifiers.MetaModifier):
            self.base = list(self.scene.document.selection.refs())
        else:
            self.scene.select(())

    def move(self, pos: QPointF) -> None:
        if not self.moved_enough(pos):
            return
        if self.band is None:
            self.band = RubberBandItem(self.scene.ctx)
            self.scene.addItem(self.band)
        r = self.band.span(self.press, pos)
        area = Rect(r.x(), r.y(), r.width(), r.height())
        hits = [Ref.touchpoint(c.id) for c in self.scene.layout.cards.values() if c.rect.intersects(area)]
        self.scene.select(self.base + [h for h in hits if h not in self.base])

    def end(self, pos: QPointF) -> None:
        self.cancel()

    def cancel(self) -> None:
        if self.band is not None:
            self.scene.removeItem(self.band)
            self.band = None


class RateEmotion(Gesture):
    """Drag an emotion point up or down (it snaps to −2..+2 and shows the label), or click
    an empty slot to rate that touchpoint; one SetEmotionCommand on release."""

    def __init__(self, editor: JourneyEditor, lane: EmotionLaneItem, tp_id: str, value: int,
                 dragging: bool) -> None:
        super().__init__(editor)
        self.lane, self.tp_id, self.value = lane, tp_id, value
        self.dragging = dragging  # started on an existing point: a click alone changes nothing

    def start(self, pos: QPointF, modifiers: Modifiers) -> None:
        super().start(pos, modifiers)
        self.scene.select([Ref.touchpoint(self.tp_id)])
        self.lane.set_hint(None)
        if not self.dragging:
            self.lane.set_preview((self.tp_id, self.value))

    def move(self, pos: QPointF) -> None:
        if self.dragging and not self.moved_enough(pos):
            return
        self.value = self.lane.lane.emotion_at(pos.y())
        self.lane.set_preview((self.tp_id, self.value))

    def end(self, pos: QPointF) -> None:
        moved = self.active or not self.dragging
        self.cancel()
        journey = self.scene.journey
        if not moved or not journey.has_touchpoint(self.tp_id):
            return
        tp = journey.touchpoint(self.tp_id)
        focus = self.scene.document.persona_focus
        if focus is not None and tp.emotion is not None:
            # the focused persona's own emotion (a touchpoint not rated yet is rated for everyone)
            if tp.emotion_of(focus) != self.value:
                self.scene.push(SetPersonaEmotionCommand(journey, self.tp_id, focus, self.value))
        elif tp.emotion != self.value:
            self.scene.push(SetEmotionCommand(journey, self.tp_id, self.value))

    def cancel(self) -> None:
        self.lane.set_preview(None)


def emotion_hint(editor: JourneyEditor, pos: QPointF) -> tuple[str, int] | None:
    """(touchpoint, value) a click at `pos` would rate, for an unrated touchpoint's slot."""
    scene = editor.scene
    lane = scene.emotion_item
    if lane is None or not lane.lane.rect.contains(pos.x(), pos.y()) or lane.point_at(pos) is not None:
        return None
    tp_id = hit.emotion_slot_at(scene.layout, pos.x(), pos.y())
    if tp_id is None or scene.journey.touchpoint(tp_id).emotion is not None:
        return None
    return tp_id, lane.lane.emotion_at(pos.y())


#: One rule of `PRESS_GESTURES`: the gesture a left press on `item` at `pos` begins, or
#: None when the rule does not apply.
PressRule = Callable[["JourneyEditor", QGraphicsItem | None, QPointF, Modifiers], Gesture | None]


def _press_card(editor: JourneyEditor, item: QGraphicsItem | None, pos: QPointF,
                modifiers: Modifiers) -> Gesture | None:
    if not isinstance(item, TouchpointItem):
        return None
    if item.handle_contains(pos) and not modifiers & Modifiers.ControlModifier:
        return Connect(editor, item)
    return DragTouchpoint(editor, item)


def _press_stage(editor: JourneyEditor, item: QGraphicsItem | None, pos: QPointF,
                 modifiers: Modifiers) -> Gesture | None:
    return ReorderStage(editor, item) if isinstance(item, StageItem) else None


def _press_flow(editor: JourneyEditor, item: QGraphicsItem | None, pos: QPointF,
                modifiers: Modifiers) -> Gesture | None:
    return ClickSelect(editor, Ref.flow(*item.key)) if isinstance(item, FlowItem) else None


def _press_emotion(editor: JourneyEditor, item: QGraphicsItem | None, pos: QPointF,
                   modifiers: Modifiers) -> Gesture | None:
    if not isinstance(item, EmotionLaneItem):
        return None
    point = item.point_at(pos)
    if point is not None:
        return RateEmotion(editor, item, point.id, point.emotion, dragging=True)
    tp_id = hit.emotion_slot_at(editor.scene.layout, pos.x(), pos.y())
    if tp_id is not None:
        return RateEmotion(editor, item, tp_id, item.lane.emotion_at(pos.y()), dragging=False)
    return None


#: The rules a left press goes through, in order; the first gesture wins. A new gesture
#: (a lane title dragged, a cell edited) joins by adding its rule here.
PRESS_GESTURES: list[PressRule] = [press_lane_title, _press_card, _press_stage, _press_flow, _press_emotion]


def gesture_for_press(editor: JourneyEditor, pos: QPointF, modifiers: Modifiers) -> Gesture:
    """The gesture a left press at `pos` begins: the first rule's, else a rubber band."""
    item = editor.scene.item_at(pos)
    for rule in PRESS_GESTURES:
        gesture = rule(editor, item, pos, modifiers)
        if gesture is not None:
            return gesture
    return RubberBand(editor)
