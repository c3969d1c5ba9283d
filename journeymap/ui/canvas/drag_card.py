"""Dragging a card: the other cards make room live, one MoveTouchpointCommand on release."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QGraphicsRectItem

from journeymap.layout import hit
from journeymap.layout.geometry import JourneyLayout
from journeymap.layout.preview import DragPreview
from journeymap.runtime import GcHold, paused_gc
from journeymap.ui.canvas.gestures import ClickSelect, Modifiers
from journeymap.ui.canvas.items.overlays import OVERLAY_Z
from journeymap.ui.canvas.items.touchpoint import TouchpointItem
from journeymap.ui.canvas.painting import qrect
from journeymap.ui.commands.structure import MoveTouchpointCommand
from journeymap.ui.selection import Ref

if TYPE_CHECKING:
    from journeymap.ui.canvas.journey_editor import JourneyEditor


class DragTouchpoint(ClickSelect):
    """Drag a card within its stage or into another: the other cards make room live,
    a ghost shows the slot, and one MoveTouchpointCommand is pushed on release."""

    def __init__(self, editor: JourneyEditor, item: TouchpointItem) -> None:
        super().__init__(editor, Ref.touchpoint(item.tp_id))
        self.item = item
        self.tp_id = item.tp_id
        self.origin = self.scene.journey.touchpoint_position(item.tp_id)
        self.target = self.origin
        self.offset = QPointF()
        self.previews: DragPreview | None = None
        self.live: JourneyLayout | None = None  # the layout shown while dragging
        self.pending: QPointF | None = None     # the latest mouse position, not aimed at yet
        self.aim_queued = False
        self.gc_hold: GcHold | None = None      # the cyclic collector is paused while dragging
        self.ghost: QGraphicsRectItem | None = None
        self.prepared_for: JourneyLayout | None = None  # the layout `previews` was made from
        self.ended = False

    def start(self, pos: QPointF, modifiers: Modifiers) -> None:
        super().start(pos, modifiers)
        self.offset = pos - self.item.pos()
        # Get the drag preview ready while the hand has not moved yet: on a big map it
        # takes a frame's worth of time, which would otherwise fall on the first move.
        QTimer.singleShot(0, self._prepare)

    def _prepare(self) -> None:
        if self.previews is not None or self.ended:
            return
        with paused_gc():  # many small records, no cycles (see `_begin`)
            self.previews = DragPreview(self.scene.journey, self.scene.layout, self.tp_id)
            self.prepared_for = self.scene.layout

    def _begin(self) -> None:
        scene = self.scene
        # A drag allocates many small records; on a big map a full pass of the cyclic
        # collector over the heap takes tens of ms, a frame or more. They hold no cycles.
        self.gc_hold = GcHold()
        if self.previews is None or self.prepared_for is not scene.layout:
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
        if self.gc_hold is not None:
            self.gc_hold.release()
            self.gc_hold = None
        self.pending = None
        self.item.setZValue(10)
        self.item.setOpacity(1.0)
        self.item.unsetCursor()
        if self.ghost is not None:
            self.scene.removeItem(self.ghost)
            self.ghost = None

    def end(self, pos: QPointF) -> None:
        self.ended = True
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
        self.ended = True
        if self.live is not None:
            self._finish()
            self._restore()

    def _restore(self) -> None:
        self.scene.put_back(self.tp_id)  # its box may be the one it had all along
