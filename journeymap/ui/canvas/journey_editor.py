"""JourneyEditor: everything that edits the map on the canvas — gestures, keys, palette drops,
the editing actions and renaming in place — for one `JourneyScene`.

The split follows orange-canvas-core (CanvasScene vs SchemeEditWidget): the scene
projects the model, the editor edits it. The editor installs itself as the scene's event
filter and routes the canvas's mouse, key, focus and drag events through one table
(`_routes`); a handler returns True when it used the event, False to let Qt's own
handling run (clicks and keys for the in-place text editor). A press starts one gesture
object (`interactions.gesture_for_press`, itself a small table), which the editor feeds
until the release. Everything the editor asks of the scene goes through `SceneApi`; every
change to the model is an undo command pushed through it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeyEvent, QUndoCommand
from PySide6.QtWidgets import QGraphicsSceneContextMenuEvent, QGraphicsSceneDragDropEvent, QGraphicsSceneMouseEvent

from journeymap.layout import hit
from journeymap.ui.canvas import dialogs, editing
from journeymap.ui.canvas.clipboard import data_to_mime, mime_to_data, touchpoints_to_data
from journeymap.ui.canvas.drops import PaletteDrop
from journeymap.ui.canvas.gestures import Gesture
from journeymap.ui.canvas.inline_editor import InlineEditor
from journeymap.ui.canvas.interactions import emotion_hint, gesture_for_press
from journeymap.ui.canvas.items.flow import FlowItem
from journeymap.ui.canvas.items.notes_lanes import LaneTitleItem
from journeymap.ui.canvas.items.stage import StageItem
from journeymap.ui.canvas.items.touchpoint import TouchpointItem
from journeymap.ui.canvas.keys import CanvasKeys
from journeymap.ui.canvas.lane_editing import LaneEditing, double_click_lane
from journeymap.ui.canvas.scene import JourneyScene
from journeymap.ui.canvas.scene_api import SceneApi
from journeymap.ui.commands.renaming import rename_touchpoint, renamed_id
from journeymap.ui.commands.structure import (
    AddCommand,
    AddStageCommand,
    AddTouchpointCommand,
    PasteTouchpointsCommand,
    RelabelFlowCommand,
    RenameStageCommand,
    RenameTouchpointCommand,
    first_naming,
    rename_just_added,
)
from journeymap.ui.limits import no_room, too_long, would_pass
from journeymap.ui.selection import Ref

E = TypeVar("E", bound=QEvent)
#: What PySide puts before the message of an exception raised in a Qt override (a command's redo).
_PYSIDE_PREFIX = re.compile(r"^Error calling Python override of [\w:]+\(\): ")
_Handler = Callable[[QEvent], bool]


def _route(kind: type[E], handler: Callable[[E], bool]) -> _Handler:
    """`handler` for events of class `kind` (PySide delivers the concrete event class)."""
    return lambda event: handler(event) if isinstance(event, kind) else False


class JourneyEditor(QObject):
    """The editor of one scene's document.

    Slots for the window's actions: `add_stage`, `add_touchpoint`, `delete_selection`,
    `cut`, `copy`, `paste`, `duplicate`, `rename_selected`. Call `detach()` before
    dropping the editor: it cancels what is under way and stops taking the scene's events.
    """

    #: A short message for the status bar ("There is already a flow …").
    message = Signal(str)

    def __init__(self, scene: JourneyScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene: SceneApi = scene
        self._source = scene  # the Qt object whose events this editor filters
        self.keys = CanvasKeys(self)
        #: Lane edits: cells, titles, the lane menu (see lane_editing).
        self.lanes = LaneEditing(self)
        #: The mouse gesture under way (from press to release), if any.
        self.gesture: Gesture | None = None
        #: The palette drag over the canvas, if any.
        self.palette_drop: PaletteDrop | None = None
        #: The in-place text editor while a name is edited.
        self.inline: InlineEditor | None = None
        #: Asks what to do with a deleted stage's touchpoints; replace it in tests.
        self.ask_stage_policy = dialogs.ask_stage_policy
        Type = QEvent.Type
        self._routes: dict[QEvent.Type, _Handler] = {
            Type.GraphicsSceneMousePress: _route(QGraphicsSceneMouseEvent, self._mouse_press),
            Type.GraphicsSceneMouseMove: _route(QGraphicsSceneMouseEvent, self._mouse_move),
            Type.GraphicsSceneMouseRelease: _route(QGraphicsSceneMouseEvent, self._mouse_release),
            Type.GraphicsSceneMouseDoubleClick: _route(QGraphicsSceneMouseEvent, self._mouse_double_click),
            Type.KeyPress: _route(QKeyEvent, self._key_press),
            Type.FocusOut: _route(QFocusEvent, self._focus_out),
            Type.GraphicsSceneDragEnter: _route(QGraphicsSceneDragDropEvent, self._drag_enter),
            Type.GraphicsSceneDragMove: _route(QGraphicsSceneDragDropEvent, self._drag_move),
            Type.GraphicsSceneDragLeave: _route(QGraphicsSceneDragDropEvent, self._drag_leave),
            Type.GraphicsSceneDrop: _route(QGraphicsSceneDragDropEvent, self._drop),
            Type.GraphicsSceneContextMenu: _route(QGraphicsSceneContextMenuEvent, self._context_menu),
        }
        self._attached = True
        scene.installEventFilter(self)
        scene.relayout_started.connect(self._model_changed)

    # ------------------------------------------------------------------ life cycle
    def detach(self) -> None:
        """Drop an open rename uncommitted, cancel the gesture, stop taking the scene's events."""
        if not self._attached:
            return
        self._attached = False
        if self.inline is not None and not self.inline.finished:
            self.inline.finish(None)  # never commit typing into a document being put away
        self.cancel_gesture()
        self._source.removeEventFilter(self)
        self._source.relayout_started.disconnect(self._model_changed)

    def _model_changed(self) -> None:
        self.cancel_gesture()  # its items and layout are about to be replaced

    def cancel_gesture(self) -> bool:
        """Cancel the gesture under way (Esc); True if there was one."""
        gesture, self.gesture = self.gesture, None
        if gesture is None:
            return False
        gesture.cancel()
        return True

    def is_editing(self) -> bool:
        """True while a name is being edited in place."""
        return self.inline is not None and not self.inline.finished

    # ------------------------------------------------------------------ routing the scene's events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        route = self._routes.get(event.type())
        return route is not None and watched is self._source and route(event)

    def _inline_hit(self, pos: QPointF) -> bool:
        inline = self.inline
        return inline is not None and inline.isVisible() and inline.sceneBoundingRect().contains(pos)

    def _mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool:
        if self._inline_hit(event.scenePos()):
            return False
        self.finish_editing()
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return True
        self.cancel_gesture()
        self.scene.flush()
        self.gesture = gesture_for_press(self, event.scenePos(), event.modifiers())
        self.gesture.start(event.scenePos(), event.modifiers())
        event.accept()
        return True

    def _mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if self.gesture is not None:
            self.gesture.move(event.scenePos())
            event.accept()
            return True
        lane = self.scene.emotion_item
        if lane is not None and not event.buttons():
            lane.set_hint(emotion_hint(self, event.scenePos()))
        return False

    def _mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        gesture, self.gesture = self.gesture, None
        if gesture is None:
            return False
        gesture.end(event.scenePos())
        event.accept()
        return True

    def _mouse_double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        if self._inline_hit(event.scenePos()):
            return False
        if event.button() == Qt.MouseButton.LeftButton:
            self.double_click(event.scenePos())
        event.accept()
        return True

    def _key_press(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not mods & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            # QGraphicsScene would move the keyboard focus between items: Tab walks the stages.
            forward = key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
            if not self._tab(forward):
                event.ignore()
            return True
        if self.inline is not None and self.is_editing():
            self.scene.sendEvent(self.inline, event)
        elif self.keys.handle(event):
            event.accept()
        else:
            event.ignore()
        return True

    def _tab(self, forward: bool) -> bool:
        if self.inline is not None and self.is_editing():
            self.inline.finish("tab" if forward else "backtab")
            return True
        return self.keys.tab_to_stage(1 if forward else -1)

    def _focus_out(self, event: QFocusEvent) -> bool:
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.cancel_gesture()
        return False

    def _context_menu(self, event: QGraphicsSceneContextMenuEvent) -> bool:
        item = self.scene.item_at(event.scenePos())
        if isinstance(item, LaneTitleItem):
            self.finish_editing()
            self.lanes.context_menu(item.key, event.screenPos())
            event.accept()
            return True
        return False

    def _drag_enter(self, event: QGraphicsSceneDragDropEvent) -> bool:
        self.finish_editing()
        self.palette_drop = PaletteDrop.accepting(self, event.mimeData())
        if self.palette_drop is None:
            event.ignore()
            return True
        # Accept the enter even off any card: Qt sends the moves that follow only to a
        # widget that took the enter, and a channel dragged from the palette always
        # crosses empty canvas before it reaches a card. The moves say where it may land.
        self._drag_move(event)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        return True

    def _drag_move(self, event: QGraphicsSceneDragDropEvent) -> bool:
        if self.palette_drop is not None and self.palette_drop.move(event.scenePos()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
        return True

    def _drag_leave(self, event: QGraphicsSceneDragDropEvent) -> bool:
        if self.palette_drop is not None:
            self.palette_drop.cancel()
        self.palette_drop = None
        return True

    def _drop(self, event: QGraphicsSceneDragDropEvent) -> bool:
        drop, self.palette_drop = self.palette_drop, None
        if drop is not None and drop.drop(event.scenePos()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
        return True

    # ------------------------------------------------------------------ slots for the window
    def add_stage(self) -> None:
        """Add a stage after the selected one (or at the end) and start renaming it."""
        journey = self.scene.journey
        refused = no_room(journey, "Cannot add a stage", stages=1)
        if refused:
            self.message.emit(refused)
            return
        command = AddStageCommand(journey, editing.NEW_STAGE_NAME,
                                  editing.new_stage_index(journey, self.scene.document.selection))
        self.scene.push(command)
        assert command.stage_id is not None
        self.scene.select([Ref.stage(command.stage_id)])
        self.start_rename(Ref.stage(command.stage_id))

    def add_touchpoint(self) -> None:
        """Add a touchpoint after the selection (or in the selected or first stage), then rename it."""
        point = editing.insertion_point(self.scene.journey, self.scene.document.selection)
        if point is None:
            self.message.emit("Add a stage first")
            return
        self.add_touchpoint_at(point[0], point[1])

    def add_touchpoint_at(self, stage: str, index: int, connect_from: str | None = None,
                          split_to: str | None = None) -> str | None:
        """Add a touchpoint at `index` in `stage` (linked from `connect_from`, inserted into
        its flow to `split_to` if given), select it and rename it; None when it does not fit."""
        refused = no_room(self.scene.journey, "Cannot add a touchpoint", touchpoints=1,
                          flows=0 if connect_from is None else 1)
        if refused:
            self.message.emit(refused)
            return None
        command = AddTouchpointCommand(self.scene.journey, stage, editing.NEW_TOUCHPOINT_NAME, index,
                                       connect_from=connect_from, split_to=split_to)
        self.scene.push(command)
        assert command.tp_id is not None
        self.scene.select([Ref.touchpoint(command.tp_id)])
        self.start_rename(Ref.touchpoint(command.tp_id))
        return command.tp_id

    def delete_selection(self) -> bool:
        """Delete the selected touchpoints, flows and stages as one undo step.

        A stage that still holds unselected touchpoints asks whether to delete them or
        move them to the neighbouring stage; cancelling deletes nothing. Returns True
        when something was deleted.
        """
        parent = self.scene.view_widget()
        command = editing.delete_command(self.scene.journey, self.scene.document.selection,
                                         lambda *question: self.ask_stage_policy(parent, *question))
        if command is None:
            return False
        self.scene.push(command)
        return True

    def copy(self) -> bool:
        """Put the selected touchpoints on the clipboard; True when there were some."""
        tps = self.scene.document.selection.ids("touchpoint")
        if not tps:
            return False
        QGuiApplication.clipboard().setMimeData(data_to_mime(touchpoints_to_data(self.scene.journey, tps)))
        return True

    def cut(self) -> bool:
        """Copy the selected touchpoints, then delete them (one undo step)."""
        tps = self.scene.document.selection.ids("touchpoint")
        if not self.copy():
            return False
        self.scene.push(editing.cut_command(self.scene.journey, tps))
        return True

    def paste(self) -> bool:
        """Paste touchpoints from the clipboard after the selection, into the selected stage."""
        parsed = mime_to_data(QGuiApplication.clipboard().mimeData())
        point = editing.insertion_point(self.scene.journey, self.scene.document.selection)
        if parsed is None or point is None:
            return False
        return self._paste(point[0], point[1], parsed[0], parsed[1], "Paste")

    def duplicate(self) -> bool:
        """Insert copies of the selected touchpoints after the last of them."""
        tps = self.scene.document.selection.ids("touchpoint")
        if not tps:
            return False
        data = touchpoints_to_data(self.scene.journey, tps)
        stage, index = editing.after_last(self.scene.journey, tps)
        return self._paste(stage, index, data["touchpoints"], [tuple(f) for f in data["flows"]], "Duplicate")

    def _paste(self, stage: str, index: int, items: list[dict[str, Any]], flows: list[Any], text: str) -> bool:
        refused = no_room(self.scene.journey, f"Not {text.lower()}d", touchpoints=len(items), flows=len(flows))
        if refused:
            self.message.emit(refused)
            return False
        command = PasteTouchpointsCommand(self.scene.journey, stage, index, items, flows, text=text)
        self.scene.push(command)
        self.scene.select(Ref.touchpoint(t) for t in command.new_ids)
        return True

    # ------------------------------------------------------------------ renaming in place
    def rename_selected(self) -> bool:
        """Start renaming the single selected stage or touchpoint (or labelling a flow)."""
        ref = self.scene.document.selection.current()
        return ref is not None and self.start_rename(ref)

    def start_rename(self, ref: Ref) -> bool:
        """Open the in-place editor on a stage or touchpoint name, or on a flow label.

        The first naming of a stage or touchpoint that the last command added renames
        that add instead (see `first_naming`): one undo step, the id derived from the
        typed name. Esc there keeps the default name and its id, as Esc does on any
        rename; the add stays one step away on Undo.
        """
        self.finish_editing()
        scene = self.scene
        scene.flush()
        item = scene.item_for(ref)
        j, options = scene.journey, scene.options
        if isinstance(item, TouchpointItem):
            text, rect, size = j.touchpoint(ref.id).name, item.name_rect_scene(), options.name_font_size
        elif isinstance(item, StageItem):
            text, rect, size = j.stage(ref.id).name, item.name_rect_scene(), options.header_font_size
        elif isinstance(item, FlowItem):
            text, rect, size = j.flow(*ref.flow_ends).label, item.label_rect_scene(), options.label_font_size
        else:
            return False
        view = scene.view_widget()
        dpi = float(view.logicalDpiY()) if view is not None else 96.0
        fresh = first_naming(scene.document.undo_stack, ref.kind, ref.id)
        inline = InlineEditor(scene.ctx, text, rect, size, lambda t, how: self._commit_rename(ref, t, how, fresh),
                              self._cancel_rename, dpi)
        self.inline = inline
        scene.addItem(inline)
        inline.begin()
        if view is not None:
            view.ensureVisible(rect, 40, 40)
        return True

    def finish_editing(self) -> None:
        """Commit the in-place editor, if one is open."""
        if self.inline is not None and not self.inline.finished:
            self.inline.finish("focus")

    def _cancel_rename(self) -> None:
        self.inline = None

    def _commit_rename(self, ref: Ref, text: str, how: str, fresh: AddCommand | None = None) -> None:
        self.inline = None
        j = self.scene.journey
        if would_pass(len(text), 0, 0):  # the in-place editor takes any length; the model does not
            self.message.emit(too_long("Not renamed"))
        elif ref.kind == "touchpoint" and j.has_touchpoint(ref.id):
            if text and text != j.touchpoint(ref.id).name:
                self._rename(ref, text, RenameTouchpointCommand, fresh)
        elif ref.kind == "stage" and j.has_stage(ref.id):
            if text and text != j.stage(ref.id).name:
                self._rename(ref, text, RenameStageCommand, fresh)
        elif ref.kind == "flow" and j.has_flow(*ref.flow_ends) and text != j.flow(*ref.flow_ends).label:
            self.scene.push(RelabelFlowCommand(j, *ref.flow_ends, text))
        if how in ("tab", "backtab"):
            self.keys.tab_to_stage(1 if how == "tab" else -1)

    def _rename(self, ref: Ref, text: str, rename: type[RenameStageCommand | RenameTouchpointCommand],
                fresh: AddCommand | None) -> None:
        # A name typed right after an add belongs to the add: its id follows the name.
        new_id = None if fresh is None else rename_just_added(self.scene.document.undo_stack, fresh, text)
        if new_id is None:
            document = self.scene.document
            command = (rename_touchpoint(self.scene.journey, ref.id, text, document.saved_ids)
                       if rename is RenameTouchpointCommand else rename(self.scene.journey, ref.id, text))
            self.scene.push(command)
            if renamed_id(command, ref.id) != ref.id:  # a touchpoint made in this session: its id follows
                self.scene.select([Ref(ref.kind, renamed_id(command, ref.id))])
        else:
            self.scene.flush()
            self.scene.select([Ref(ref.kind, new_id)])

    def push_checked(self, make: Callable[[], QUndoCommand]) -> bool:
        """Make and push a command; a value the model refuses (too long, too many) is said in
        the status bar instead, and nothing changes. True when it was pushed."""
        command = make()
        stack = self.scene.document.undo_stack
        try:
            self.scene.push(command)
        except ValueError as err:
            # Qt keeps a command whose redo raised; an obsolete one is dropped by undo()
            # without calling its undo, and the stack's clean state stays as it was.
            if stack.count() and stack.command(stack.count() - 1) is command:
                command.setObsolete(True)
                stack.undo()
            self.message.emit(_PYSIDE_PREFIX.sub("", str(err)))
            return False
        return True

    def double_click(self, pos: QPointF) -> None:
        """Rename what was double-clicked, edit a lane cell's notes, or add a touchpoint
        where a stage is empty."""
        item = self.scene.item_at(pos)
        if double_click_lane(self.lanes, item, pos):
            return
        if isinstance(item, TouchpointItem):
            self.start_rename(Ref.touchpoint(item.tp_id))
        elif isinstance(item, StageItem):
            self.start_rename(Ref.stage(item.stage_id))
        elif isinstance(item, FlowItem):
            self.start_rename(Ref.flow(*item.key))
        elif item is None:
            layout = self.scene.layout
            stage = hit.stage_at(layout, pos.x(), pos.y())
            box = next((s for s in layout.stages if s.id == stage), None)
            if box is not None and box.body.contains(pos.x(), pos.y()):
                target_stage, index = hit.drop_target(layout, pos.x(), pos.y())
                if target_stage == stage:
                    self.add_touchpoint_at(stage, index)
