"""Mouse gestures on the canvas, each a small object with start / move / end / cancel.

The scene picks one on a press (`gesture_for_press`) and feeds it the mouse until the
release; Esc or a model change cancels it. A gesture changes the model only once, on
`end`, by pushing one undo command.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsRectItem

from journeymap.layout import hit
from journeymap.layout.geometry import JourneyLayout, Rect
from journeymap.layout.preview import DragPreview
from journeymap.ui.canvas.items.flow import FlowItem
from journeymap.ui.canvas.items.lanes import EmotionLaneItem
from journeymap.ui.canvas.items.overlays import OVERLAY_Z, RubberBandItem, RubberLineItem
from journeymap.ui.canvas.items.stage import StageItem
from journeymap.ui.canvas.items.touchpoint import TouchpointItem
from journeymap.ui.canvas.painting import qrect
from journeymap.ui.commands.structure import (
    AddFlowCommand,
    MoveStageCommand,
    MoveTouchpointCommand,
    SetEmotionCommand,
)
from journeymap.ui.selection import Ref

if TYPE_CHECKING:
    from journeymap.ui.canvas.scene import JourneyScene

Modifiers = Qt.KeyboardModifier


class Gesture:
    """Base gesture: remembers the press and knows when the mouse has really moved."""

    def __init__(self, scene: JourneyScene) -> None:
        self.scene = scene
        self.press = QPointF()
        self.active = False  # moved past the drag distance

    def start(self, pos: QPointF, modifiers: Modifiers) -> None:
        """The mouse was pressed at `pos` (scene coordinates)."""
        self.press = QPointF(pos)

    def moved_enough(self, pos: QPointF) -> bool:
        """True once the mouse has travelled the platform's drag distance from the press."""
        if not self.active:
            distance = (pos - self.press).manhattanLength() * self.scene.zoom()
            self.active = distance >= QApplication.startDragDistance()
        return self.active

    def move(self, pos: QPointF) -> None:
        """The mouse moved with the button held."""

    def end(self, pos: QPointF) -> None:
        """The button was released: finish, pushing at most one undo command."""

    def cancel(self) -> None:
        """Abandon the gesture and remove its feedback; the model is left unchanged."""


def _select_on_press(scene: JourneyScene, ref: Ref, modifiers: Modifiers) -> bool:
    """Click selection rules; returns True when a plain click should narrow the selection
    to `ref` on release (it was already part of a multi-selection)."""
    refs = list(scene.document.selection.refs())
    if modifiers & (Modifiers.ControlModifier | Modifiers.MetaModifier):
        scene.select([r for r in refs if r != ref] if ref in refs else refs + [ref])
        return False
    if ref not in refs:
        scene.select([ref])
        return False
    return len(refs) > 1


class ClickSelect(Gesture):
    """A click on a flow (or anything only selectable)."""

    def __init__(self, scene: JourneyScene, ref: Ref) -> None:
        super().__init__(scene)
        self.ref = ref
        self.narrow = False

    def start(self, pos: QPointF, modifiers: Modifiers) -> None:
        super().start(pos, modifiers)
        self.narrow = _select_on_press(self.scene, self.ref, modifiers)

    def end(self, pos: QPointF) -> None:
        if self.narrow and not self.active:
            self.scene.select([self.ref])


class DragTouchpoint(ClickSelect):
    """Drag a card within its stage or into another: the other cards make room live,
    a ghost shows the slot, and one MoveTouchpointCommand is pushed on release."""

    def __init__(self, scene: JourneyScene, item: TouchpointItem) -> None:
        super().__init__(scene, Ref.touchpoint(item.tp_id))
        self.item = item
        self.tp_id = item.tp_id
        self.origin = scene.journey.touchpoint_position(item.tp_id)
        self.target = self.origin
        self.offset = QPointF()
        self.previews: DragPreview | None = None
        self.live: JourneyLayout | None = None  # the layout shown while dragging
        self.pending: QPointF | None = None     # the latest mouse position, not aimed at yet
        self.aim_queued = False
        self.gc_was_enabled = False             # the cyclic collector is paused while dragging
        self.ghost: QGraphicsRectItem | None = None

    def start(self, pos: QPointF, modifiers: Modifiers) -> None:
        super().start(pos, modifiers)
        self.offset = pos - self.item.pos()

    def _begin(self) -> None:
        scene = self.scene
        # A drag allocates many small records; on a big map a full pass of the cyclic
        # collector over the heap takes tens of ms, a frame or more. They hold no cycles.
        self.gc_was_enabled = gc.isenabled()
        gc.disable()
        self.previews = DragPreview(scene.journey, scene.layout, self.tp_id)
        self.live = scene.layout
        self.item.setZValue(100)
        self.item.setOpacity(0.85)
        self.item.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.ghost = QGraphicsRectItem()
        self.ghost.setPen(scene.ctx.pen(scene.ctx.colors.drop_indicator, 2.0, Qt.PenStyle.DashLine))
        self.ghost.setZValue(OVERLAY_Z - 1)
        scene.addItem(self.ghost)
        self._preview(self.origin)

    def move(self, pos: QPointF) -> None:
        if not self.moved_enough(pos):
            return
        if self.live is None:
            self._begin()
        self.item.setPos(pos - self.offset)
        # Mouse moves come faster than a slot can be shown on a big map: aim once per
        # event-loop turn, at the latest position (release aims at once, see `end`).
        self.pending = QPointF(pos)
        if not self.aim_queued:
            self.aim_queued = True
            QTimer.singleShot(0, self._aim_pending)

    def _aim_pending(self) -> None:
        self.aim_queued = False
        pos, self.pending = self.pending, None
        if pos is not None and self.live is not None and self.ghost is not None:
            self._aim(pos)

    def _aim(self, pos: QPointF) -> None:
        assert self.live is not None
        # Aim at the cards as shown now, the dragged one left out of the count.
        target = hit.drop_target(self.live, pos.x(), pos.y(), exclude=self.tp_id)
        if target != self.target:
            self._preview(target)

    def _preview(self, target: tuple[str, int]) -> None:
        self.target = target
        assert self.previews is not None
        preview = self.previews.layout_for(*target)
        self.live = preview.layout
        self.scene.apply_preview(preview, floating=self.tp_id)
        box = preview.layout.cards.get(self.tp_id)
        if box is not None and self.ghost is not None:
            self.ghost.setRect(qrect(box.rect))

    def _finish(self) -> None:
        if self.gc_was_enabled:
            gc.enable()
            self.gc_was_enabled = False
        self.pending = None
        self.item.setZValue(10)
        self.item.setOpacity(1.0)
        self.item.unsetCursor()
        if self.ghost is not None:
            self.scene.removeItem(self.ghost)
            self.ghost = None

    def end(self, pos: QPointF) -> None:
        if self.live is None:
            super().end(pos)
            return
        self.pending = None
        try:
            self._aim(pos)  # the drop lands where the mouse is, queued aims or not
        finally:
            self._finish()  # whatever happens, the collector runs again
        scene = self.scene
        if self.target != self.origin and scene.journey.has_touchpoint(self.tp_id):
            scene.push(MoveTouchpointCommand(scene.journey, self.tp_id, *self.target))
        else:
            self._restore()

    def cancel(self) -> None:
        if self.live is not None:
            self._finish()
            self._restore()

    def _restore(self) -> None:
        scene = self.scene
        scene.apply_layout(scene.layout)
        box = scene.layout.cards.get(self.tp_id)
        if box is not None:  # its box may be the one it had all along: put it back explicitly
            self.item.set_box(box)


class ReorderStage(ClickSelect):
    """Drag a stage header sideways; a bar shows where it will go; one MoveStageCommand."""

    def __init__(self, scene: JourneyScene, item: StageItem) -> None:
        super().__init__(scene, Ref.stage(item.stage_id))
        self.item = item
        self.old_index = scene.journey.stage_index(item.stage_id)
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
        bounds = scene.layout.bounds
        scene.indicator.show_at(x, bounds.y + scene.options.margin / 2, bounds.bottom - scene.options.margin / 2)

    def _restore(self) -> None:
        self.item.setOpacity(1.0)
        self.item.setZValue(-10)
        self.item.setX(self.start_x)
        self.scene.indicator.hide()

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

    def __init__(self, scene: JourneyScene, item: TouchpointItem) -> None:
        super().__init__(scene)
        self.source = item.tp_id
        self.anchor = item.mapToScene(item.handle_center())
        self.line = RubberLineItem(scene.ctx)
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
        if target is not None:
            self.scene.push(AddFlowCommand(self.scene.journey, self.source, target))
            self.scene.select([Ref.flow(self.source, target)])
        elif hit.card_at(self.scene.layout, pos.x(), pos.y()) not in (None, self.source):
            self.scene.message.emit("These touchpoints are already connected")


class RubberBand(Gesture):
    """Drag on empty canvas to select the cards the rectangle touches (Ctrl adds)."""

    def __init__(self, scene: JourneyScene) -> None:
        super().__init__(scene)
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

    def __init__(self, scene: JourneyScene, lane: EmotionLaneItem, tp_id: str, value: int, dragging: bool) -> None:
        super().__init__(scene)
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
        if moved and journey.has_touchpoint(self.tp_id) and journey.touchpoint(self.tp_id).emotion != self.value:
            self.scene.push(SetEmotionCommand(journey, self.tp_id, self.value))

    def cancel(self) -> None:
        self.lane.set_preview(None)


def emotion_hint(scene: JourneyScene, pos: QPointF) -> tuple[str, int] | None:
    """(touchpoint, value) a click at `pos` would rate, for an unrated touchpoint's slot."""
    lane = scene.emotion_item
    if lane is None or not lane.lane.rect.contains(pos.x(), pos.y()) or lane.point_at(pos) is not None:
        return None
    tp_id = hit.emotion_slot_at(scene.layout, pos.x(), pos.y())
    if tp_id is None or scene.journey.touchpoint(tp_id).emotion is not None:
        return None
    return tp_id, lane.lane.emotion_at(pos.y())


def gesture_for_press(scene: JourneyScene, pos: QPointF, modifiers: Modifiers) -> Gesture:
    """The gesture a left press at `pos` begins."""
    item = scene.item_at(pos)
    if isinstance(item, TouchpointItem):
        if item.handle_contains(pos) and not modifiers & Modifiers.ControlModifier:
            return Connect(scene, item)
        return DragTouchpoint(scene, item)
    if isinstance(item, StageItem):
        return ReorderStage(scene, item)
    if isinstance(item, FlowItem):
        return ClickSelect(scene, Ref.flow(*item.key))
    if isinstance(item, EmotionLaneItem):
        point = item.point_at(pos)
        if point is not None:
            return RateEmotion(scene, item, point.id, point.emotion, dragging=True)
        tp_id = hit.emotion_slot_at(scene.layout, pos.x(), pos.y())
        if tp_id is not None:
            return RateEmotion(scene, item, tp_id, item.lane.emotion_at(pos.y()), dragging=False)
    return RubberBand(scene)
