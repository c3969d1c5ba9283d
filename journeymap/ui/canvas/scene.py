"""JourneyScene: the map of one document as scene items, kept in step with the model.

Edits flow one way: a gesture (or a key, or a window action) pushes a QUndoCommand,
the command changes the model, the model announces events, and the scene relayouts
and updates the items that changed. The scene never changes the model directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeyEvent, QPalette, QTransform, QUndoCommand
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneDragDropEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QWidget,
)

from journeymap.layout.geometry import JourneyLayout, LayoutOptions
from journeymap.model import events as ev
from journeymap.ui.canvas import dialogs, drops, interactions
from journeymap.ui.canvas.editor import InlineEditor
from journeymap.ui.canvas.items.flow import FlowItem
from journeymap.ui.canvas.items.lanes import EmotionLaneItem, FrictionLaneItem
from journeymap.ui.canvas.items.overlays import DropIndicatorItem
from journeymap.ui.canvas.items.stage import StageItem
from journeymap.ui.canvas.items.touchpoint import TouchpointItem
from journeymap.ui.canvas.painting import PaintContext
from journeymap.ui.canvas.placement import ScenePlacement
from journeymap.ui.document import Document
from journeymap.ui.selection import Ref

LayoutFunction = Callable[..., JourneyLayout]
SCENE_MARGIN = 400.0  # room to scroll past the map's edges
_IGNORED_EVENTS = (ev.JourneyChanged, ev.PersonaAdded, ev.PersonaRemoved, ev.PersonaChanged)


def _default_layout(journey: Any, options: LayoutOptions, *, order: Mapping[str, Sequence[str]] | None = None) -> JourneyLayout:
    from journeymap.layout.engine import compute_layout

    return compute_layout(journey, options, order=order)


class JourneyScene(ScenePlacement):
    """The canvas scene of a `Document`: one item per stage, touchpoint and flow, plus the lanes.

    Public slots for the window's actions: `add_stage`, `add_touchpoint`,
    `delete_selection`, `cut`, `copy`, `paste`, `duplicate`, `rename_selected`.
    Call `detach()` before dropping the scene, so it stops listening to the journey.
    """

    #: A short message for the status bar ("There is already a flow …").
    message = Signal(str)
    #: The items were just placed by `apply_layout` (overlays such as the heat map follow).
    layout_applied = Signal()

    def __init__(
        self,
        document: Document,
        options: LayoutOptions | None = None,
        *,
        layout_fn: LayoutFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.journey = document.journey
        self.options = options or LayoutOptions()
        self.ctx = PaintContext(self.options, QGuiApplication.palette())
        self.stage_items: dict[str, StageItem] = {}
        self.touchpoint_items: dict[str, TouchpointItem] = {}
        self.flow_items: dict[tuple[str, str], FlowItem] = {}
        self.emotion_item: EmotionLaneItem | None = None
        self.friction_item: FrictionLaneItem | None = None
        self.gesture: interactions.Gesture | None = None
        self.palette_drop: drops.PaletteDrop | None = None
        self.editor: InlineEditor | None = None
        #: Asks what to do with a deleted stage's touchpoints; replace it in tests.
        self.ask_stage_policy = dialogs.ask_stage_policy
        self.indicator = DropIndicatorItem(self.ctx)
        self.addItem(self.indicator)
        self._layout_fn = layout_fn or _default_layout
        self._dirty = True
        self._flush_pending = False
        self._changed: set[str] = set()
        self._attached = True
        # A repaint or hit test then asks only the items near it for their bounds, not
        # all ten thousand of a big map; a drag moves few items per frame.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(self.ctx.colors.background)
        self.layout: JourneyLayout  # set by every flush()
        self.journey.subscribe(self._on_journey_event)
        document.undo_stack.indexChanged.connect(self.flush)
        document.selection.changed.connect(self._selection_from_model)
        self.flush()

    # ------------------------------------------------------------------ life cycle
    def detach(self) -> None:
        """Stop following the journey and the selection (call before dropping the scene)."""
        if not self._attached:
            return
        self._attached = False
        if self.editor is not None and not self.editor.finished:
            self.editor.finish(None)  # never commit typing into a document being put away
        if self.gesture is not None:
            self.gesture.cancel()
            self.gesture = None
        self.journey.unsubscribe(self._on_journey_event)
        self.document.undo_stack.indexChanged.disconnect(self.flush)
        self.document.selection.changed.disconnect(self._selection_from_model)

    def set_palette(self, palette: QPalette) -> None:
        """Repaint in the colours of a new system palette (light/dark switch)."""
        self.ctx.set_palette(palette)
        self.setBackgroundBrush(self.ctx.colors.background)
        self.indicator.setPen(self.ctx.pen(self.ctx.colors.drop_indicator, 4.0))
        for item in self.items():
            if isinstance(item, QGraphicsItem) and item.cacheMode() != QGraphicsItem.CacheMode.NoCache:
                item.update()
        self.update()

    # ------------------------------------------------------------------ layout
    def compute_layout(self, order: Mapping[str, Sequence[str]] | None = None) -> JourneyLayout:
        """The layout of the journey now, optionally with a step-order override (live drags)."""
        return self._layout_fn(self.journey, self.options, order=order)

    def _on_journey_event(self, event: ev.Event) -> None:
        if isinstance(event, _IGNORED_EVENTS):
            return
        if isinstance(event, ev.TouchpointChanged):
            self._changed.add(event.id)
        self._dirty = True
        if not self._flush_pending:
            self._flush_pending = True
            QTimer.singleShot(0, self._deferred_flush)

    def _deferred_flush(self) -> None:
        self._flush_pending = False
        if self._attached:
            self.flush()

    def flush(self) -> None:
        """Bring the items up to date with the journey now (cheap when nothing changed).

        Runs after every undo-stack step and on the next event-loop turn after any
        model event, so a command that changes many things relayouts once.
        """
        if not self._dirty or not self._attached:
            return
        if self.gesture is not None:
            self.gesture.cancel()
            self.gesture = None
        self._dirty = False
        changed, self._changed = self._changed, set()
        self.layout = self.compute_layout()
        self.apply_layout(self.layout, changed=changed)
        bounds = self.layout.bounds
        self.setSceneRect(QRectF(bounds.x, bounds.y, bounds.w, bounds.h).adjusted(
            -SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))

    # ------------------------------------------------------------------ lookups
    def item_at(self, pos: QPointF) -> QGraphicsItem | None:
        """The topmost stage header, card, flow or lane under `pos` (overlays are skipped)."""
        kinds = (TouchpointItem, FlowItem, StageItem, EmotionLaneItem, FrictionLaneItem)
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder,
                               QTransform()):
            if isinstance(item, kinds) and item.isVisible():
                return item
        return None

    def item_for(self, ref: Ref) -> QGraphicsItem | None:
        """The scene item of a model reference, if it is on the map."""
        if ref.kind == "stage":
            return self.stage_items.get(ref.id)
        if ref.kind == "touchpoint":
            return self.touchpoint_items.get(ref.id)
        if ref.kind == "flow":
            return self.flow_items.get(ref.flow_ends)
        return None

    def view_widget(self) -> QGraphicsView | None:
        """The first view showing the scene (parent for dialogs), if any."""
        views = self.views()
        return views[0] if views else None

    def zoom(self) -> float:
        """The first view's zoom factor (1.0 without a view)."""
        view = self.view_widget()
        return view.transform().m11() if view is not None else 1.0

    def push(self, command: QUndoCommand) -> None:
        """Push an undo command and bring the items up to date at once."""
        self.document.undo_stack.push(command)
        self.flush()

    # ------------------------------------------------------------------ selection
    def select(self, refs: Iterable[Ref]) -> None:
        """Replace the shared selection (the items follow through the SelectionModel)."""
        self.document.selection.set(refs)

    def _selection_from_model(self) -> None:
        selected = set(self.document.selection.refs())
        wanted = {id(item) for item in (self.item_for(r) for r in selected) if item is not None}
        for item in self.selectedItems():
            if id(item) not in wanted:
                item.setSelected(False)
        for ref in selected:
            found = self.item_for(ref)
            if found is not None and not found.isSelected():
                found.setSelected(True)

    # ------------------------------------------------------------------ mouse
    def _editor_hit(self, pos: QPointF) -> bool:
        editor = self.editor
        return editor is not None and editor.isVisible() and editor.sceneBoundingRect().contains(pos)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._editor_hit(event.scenePos()):
            super().mousePressEvent(event)
            return
        self.finish_editing()
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        if self.gesture is not None:
            self.gesture.cancel()
        self.flush()
        self.gesture = interactions.gesture_for_press(self, event.scenePos(), event.modifiers())
        self.gesture.start(event.scenePos(), event.modifiers())
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gesture is not None:
            self.gesture.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)
        if self.emotion_item is not None and not event.buttons():
            self.emotion_item.set_hint(interactions.emotion_hint(self, event.scenePos()))

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        gesture, self.gesture = self.gesture, None
        if gesture is not None:
            gesture.end(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._editor_hit(event.scenePos()):
            super().mouseDoubleClickEvent(event)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.double_click(event.scenePos())
        event.accept()

    def cancel_gesture(self) -> bool:
        """Cancel the gesture under way (Esc); True if there was one."""
        gesture, self.gesture = self.gesture, None
        if gesture is None:
            return False
        gesture.cancel()
        return True

    # ------------------------------------------------------------------ keyboard
    def is_editing(self) -> bool:
        """True while a name is being edited in place."""
        return self.editor is not None and not self.editor.finished

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_editing():
            assert self.editor is not None
            self.sendEvent(self.editor, event)
            return
        if self.handle_key(event):
            event.accept()
        else:
            event.ignore()

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.editor is not None and self.is_editing():
            self.editor.finish("tab" if next else "backtab")
            return True
        return self.tab_to_stage(1 if next else -1)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.cancel_gesture()
        super().focusOutEvent(event)

    # ------------------------------------------------------------------ drops from the palette
    def dragEnterEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self.finish_editing()
        self.palette_drop = drops.PaletteDrop.accepting(self, event.mimeData())
        if self.palette_drop is None:
            event.ignore()
            return
        self.dragMoveEvent(event)

    def dragMoveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        if self.palette_drop is None:
            event.ignore()
            return
        if self.palette_drop.move(event.scenePos()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        if self.palette_drop is not None:
            self.palette_drop.cancel()
        self.palette_drop = None

    def dropEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        drop, self.palette_drop = self.palette_drop, None
        if drop is not None and drop.drop(event.scenePos()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
