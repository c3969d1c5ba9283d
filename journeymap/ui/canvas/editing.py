"""The scene's editing actions: the window's slots, renaming in place, double-click.

A mixin of `JourneyScene` (its keys are in `keys.SceneKeys`); every change is an undo
command pushed through `push`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGraphicsScene

from journeymap.layout import hit
from journeymap.ui.canvas.clipboard import data_to_mime, mime_to_data, touchpoints_to_data
from journeymap.ui.canvas.editor import InlineEditor
from journeymap.ui.canvas.items.flow import FlowItem
from journeymap.ui.canvas.items.stage import StageItem
from journeymap.ui.canvas.items.touchpoint import TouchpointItem
from journeymap.ui.commands.structure import (
    AddCommand,
    AddStageCommand,
    AddTouchpointCommand,
    DeleteItemsCommand,
    PasteTouchpointsCommand,
    RelabelFlowCommand,
    RenameStageCommand,
    RenameTouchpointCommand,
    StagePolicy,
    first_naming,
    rename_just_added,
)
from journeymap.ui.selection import Ref

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QUndoCommand
    from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

    from journeymap.layout.geometry import JourneyLayout, LayoutOptions
    from journeymap.model import Journey
    from journeymap.ui.canvas.dialogs import StageChoice
    from journeymap.ui.canvas.interactions import Gesture
    from journeymap.ui.canvas.painting import PaintContext
    from journeymap.ui.document import Document

NEW_STAGE_NAME = "New stage"
NEW_TOUCHPOINT_NAME = "New touchpoint"


class SceneEditing(QGraphicsScene):
    """The editing half of `JourneyScene`: its slots and renaming (the scene holds the state)."""

    if TYPE_CHECKING:  # provided by JourneyScene
        document: Document
        journey: Journey
        options: LayoutOptions
        layout: JourneyLayout
        ctx: PaintContext
        editor: InlineEditor | None
        gesture: Gesture | None
        touchpoint_items: dict[str, TouchpointItem]
        message: SignalInstance
        ask_stage_policy: Callable[[QWidget | None, str, int, str | None], StageChoice]

        def push(self, command: QUndoCommand) -> None: ...
        def select(self, refs: Iterable[Ref]) -> None: ...
        def flush(self) -> None: ...
        def item_for(self, ref: Ref) -> QGraphicsItem | None: ...
        def item_at(self, pos: QPointF) -> QGraphicsItem | None: ...
        def view_widget(self) -> QGraphicsView | None: ...
        def cancel_gesture(self) -> bool: ...
        def tab_to_stage(self, step: int) -> bool: ...  # SceneKeys

    # ------------------------------------------------------------------ where things go
    def _selected(self, kind: str) -> list[str]:
        return self.document.selection.ids(kind)

    def _insertion_point(self) -> tuple[str, int, str | None] | None:
        """(stage, index, touchpoint before) for a new touchpoint: after the selected one,
        at the end of the selected stage, or at the end of the first stage."""
        tps = self._selected("touchpoint")
        if tps:
            stage, index = self.journey.touchpoint_position(tps[-1])
            return stage, index + 1, tps[-1]
        stages = self._selected("stage") or self.journey.stage_ids()[:1]
        if not stages:
            return None
        return stages[-1], len(self.journey.touchpoint_ids(stages[-1])), None

    # ------------------------------------------------------------------ slots for the window
    def add_stage(self) -> None:
        """Add a stage after the selected one (or at the end) and start renaming it."""
        stage_ids = self.journey.stage_ids()
        current = self._selected("stage") or [
            self.journey.touchpoint(t).stage for t in self._selected("touchpoint")
        ]
        index = stage_ids.index(current[-1]) + 1 if current else len(stage_ids)
        command = AddStageCommand(self.journey, NEW_STAGE_NAME, index)
        self.push(command)
        assert command.stage_id is not None
        self.select([Ref.stage(command.stage_id)])
        self.start_rename(Ref.stage(command.stage_id))

    def add_touchpoint(self) -> None:
        """Add a touchpoint after the selection (or in the selected or first stage), then rename it."""
        point = self._insertion_point()
        if point is None:
            self.message.emit("Add a stage first")
            return
        self._add_touchpoint_at(point[0], point[1])

    def _add_touchpoint_at(self, stage: str, index: int, connect_from: str | None = None) -> str:
        command = AddTouchpointCommand(self.journey, stage, NEW_TOUCHPOINT_NAME, index, connect_from=connect_from)
        self.push(command)
        assert command.tp_id is not None
        self.select([Ref.touchpoint(command.tp_id)])
        self.start_rename(Ref.touchpoint(command.tp_id))
        return command.tp_id

    def delete_selection(self) -> bool:
        """Delete the selected touchpoints, flows and stages as one undo step.

        A stage that still holds unselected touchpoints asks whether to delete them or
        move them to the neighbouring stage; cancelling deletes nothing. Returns True
        when something was deleted.
        """
        command = self._delete_command()
        if command is None:
            return False
        self.push(command)
        return True

    def _delete_command(self) -> DeleteItemsCommand | None:
        j = self.journey
        tps = [t for t in self._selected("touchpoint") if j.has_touchpoint(t)]
        flows = [Ref("flow", f).flow_ends for f in self._selected("flow")]
        flows = [f for f in flows if j.has_flow(*f)]
        stages = [s for s in self._selected("stage") if j.has_stage(s)]
        if not (tps or flows or stages):
            return None
        policies: dict[str, tuple[StagePolicy, str | None]] = {}
        for stage in stages:
            remaining = [t for t in j.touchpoint_ids(stage) if t not in tps]
            if not remaining:
                continue
            neighbour = self._neighbour_stage(stage, set(stages))
            name = None if neighbour is None else j.stage(neighbour).name
            choice = self.ask_stage_policy(self.view_widget(), j.stage(stage).name, len(remaining), name)
            if choice is None:
                return None
            policies[stage] = (choice, neighbour if choice == "move" else None)
        return DeleteItemsCommand(j, tps, flows, stages, policies)

    def _neighbour_stage(self, stage: str, leaving: set[str]) -> str | None:
        order = self.journey.stage_ids()
        i = order.index(stage)
        before = [s for s in reversed(order[:i]) if s not in leaving]
        after = [s for s in order[i + 1:] if s not in leaving]
        return (before + after)[0] if before or after else None

    def copy(self) -> bool:
        """Put the selected touchpoints on the clipboard; True when there were some."""
        tps = self._selected("touchpoint")
        if not tps:
            return False
        QGuiApplication.clipboard().setMimeData(data_to_mime(touchpoints_to_data(self.journey, tps)))
        return True

    def cut(self) -> bool:
        """Copy the selected touchpoints, then delete them (one undo step)."""
        tps = self._selected("touchpoint")
        if not self.copy():
            return False
        command = DeleteItemsCommand(self.journey, tps)
        command.setText("Cut " + (f"{len(tps)} touchpoints" if len(tps) > 1 else command.text().split(" ", 1)[1]))
        self.push(command)
        return True

    def paste(self) -> bool:
        """Paste touchpoints from the clipboard after the selection, into the selected stage."""
        parsed = mime_to_data(QGuiApplication.clipboard().mimeData())
        point = self._insertion_point()
        if parsed is None or point is None:
            return False
        return self._paste(point[0], point[1], parsed[0], parsed[1], "Paste")

    def duplicate(self) -> bool:
        """Insert copies of the selected touchpoints after the last of them."""
        tps = self._selected("touchpoint")
        if not tps:
            return False
        data = touchpoints_to_data(self.journey, tps)
        last = [t for t in self.journey.touchpoint_ids() if t in set(tps)][-1]
        stage, index = self.journey.touchpoint_position(last)
        return self._paste(stage, index + 1, data["touchpoints"], [tuple(f) for f in data["flows"]], "Duplicate")

    def _paste(self, stage: str, index: int, items: list[dict[str, Any]], flows: list[Any],
               text: str) -> bool:
        command = PasteTouchpointsCommand(self.journey, stage, index, items, flows, text=text)
        self.push(command)
        self.select(Ref.touchpoint(t) for t in command.new_ids)
        return True

    # ------------------------------------------------------------------ renaming in place
    def rename_selected(self) -> bool:
        """Start renaming the single selected stage or touchpoint (or labelling a flow)."""
        ref = self.document.selection.current()
        return ref is not None and self.start_rename(ref)

    def start_rename(self, ref: Ref) -> bool:
        """Open the in-place editor on a stage or touchpoint name, or on a flow label.

        The first naming of a stage or touchpoint that the last command added renames
        that add instead (see `first_naming`): one undo step, the id derived from the
        typed name. Esc there keeps the default name and its id, as Esc does on any
        rename; the add stays one step away on Undo.
        """
        self.finish_editing()
        self.flush()
        item = self.item_for(ref)
        j = self.journey
        if isinstance(item, TouchpointItem):
            text, rect, size = j.touchpoint(ref.id).name, item.name_rect_scene(), self.options.name_font_size
        elif isinstance(item, StageItem):
            text, rect, size = j.stage(ref.id).name, item.name_rect_scene(), self.options.header_font_size
        elif isinstance(item, FlowItem):
            text, rect, size = j.flow(*ref.flow_ends).label, item.label_rect_scene(), self.options.label_font_size
        else:
            return False
        view = self.view_widget()
        dpi = float(view.logicalDpiY()) if view is not None else 96.0
        fresh = first_naming(self.document.undo_stack, ref.kind, ref.id)
        editor = InlineEditor(self.ctx, text, rect, size, lambda t, how: self._commit_rename(ref, t, how, fresh),
                              self._cancel_rename, dpi)
        self.editor = editor
        self.addItem(editor)
        editor.begin()
        if view is not None:
            view.ensureVisible(rect, 40, 40)
        return True

    def finish_editing(self) -> None:
        """Commit the in-place editor, if one is open."""
        if self.editor is not None and not self.editor.finished:
            self.editor.finish("focus")

    def _cancel_rename(self) -> None:
        self.editor = None

    def _commit_rename(self, ref: Ref, text: str, how: str, fresh: AddCommand | None = None) -> None:
        self.editor = None
        j = self.journey
        if ref.kind == "touchpoint" and j.has_touchpoint(ref.id):
            if text and text != j.touchpoint(ref.id).name:
                self._rename(ref, text, RenameTouchpointCommand, fresh)
        elif ref.kind == "stage" and j.has_stage(ref.id):
            if text and text != j.stage(ref.id).name:
                self._rename(ref, text, RenameStageCommand, fresh)
        elif ref.kind == "flow" and j.has_flow(*ref.flow_ends):
            if text != j.flow(*ref.flow_ends).label:
                self.push(RelabelFlowCommand(j, *ref.flow_ends, text))
        if how in ("tab", "backtab"):
            self.tab_to_stage(1 if how == "tab" else -1)

    def _rename(self, ref: Ref, text: str, rename: type[RenameStageCommand | RenameTouchpointCommand],
                fresh: AddCommand | None) -> None:
        # A name typed right after an add belongs to the add: its id follows the name.
        new_id = None if fresh is None else rename_just_added(self.document.undo_stack, fresh, text)
        if new_id is None:
            self.push(rename(self.journey, ref.id, text))
        else:
            self.flush()
            self.select([Ref(ref.kind, new_id)])

    def double_click(self, pos: QPointF) -> None:
        """Rename what was double-clicked, or add a touchpoint where a stage is empty."""
        item = self.item_at(pos)
        if isinstance(item, TouchpointItem):
            self.start_rename(Ref.touchpoint(item.tp_id))
        elif isinstance(item, StageItem):
            self.start_rename(Ref.stage(item.stage_id))
        elif isinstance(item, FlowItem):
            self.start_rename(Ref.flow(*item.key))
        elif item is None:
            stage = hit.stage_at(self.layout, pos.x(), pos.y())
            box = next((s for s in self.layout.stages if s.id == stage), None)
            if box is not None and box.body.contains(pos.x(), pos.y()):
                target_stage, index = hit.drop_target(self.layout, pos.x(), pos.y())
                if target_stage == stage:
                    self._add_touchpoint_at(stage, index)
