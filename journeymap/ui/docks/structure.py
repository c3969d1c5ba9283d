"""The structure tree: stages → touchpoints → outgoing flows, mirroring the canvas selection.

It is the keyboard and screen-reader path to every object on the map: arrow keys walk
it, selecting here selects on the canvas (and back), F2 renames, Delete deletes (the
window's action). Every row has an accessible text that says what it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QUndoCommand
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from journeymap.layout.style import stage_color
from journeymap.model import Journey, channel_label, emotion_label, events as ev, friction_label
from journeymap.model.entities import clean_name
from journeymap.ui.commands.structure import RenameStageCommand, RenameTouchpointCommand
from journeymap.ui.docks.palette import stage_swatch
from journeymap.ui.document import Document
from journeymap.ui.icons import channel_icon
from journeymap.ui.inspector.editors import is_undo_or_redo
from journeymap.ui.selection import Ref

_REF_ROLE = Qt.ItemDataRole.UserRole
_STRUCTURAL = (
    ev.StageAdded, ev.StageRemoved, ev.StageMoved,
    ev.TouchpointAdded, ev.TouchpointRemoved, ev.TouchpointMoved,
    ev.FlowAdded, ev.FlowRemoved,
)


class StructureTree(QTreeWidget):
    """Stages, their touchpoints in step order, and each touchpoint's outgoing flows.

    `reveal_requested` is emitted when the user selects something here, so the window
    can scroll the canvas to it.
    """

    reveal_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName("Map structure")
        self.setAccessibleDescription("Stages, touchpoints and flows of the journey. F2 renames.")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setUniformRowHeights(True)
        self.document: Document | None = None
        self.items: dict[Ref, QTreeWidgetItem] = {}
        self._syncing = False
        self._dirty = False
        self.itemSelectionChanged.connect(self._selection_to_model)
        self.itemChanged.connect(self._on_item_changed)

    # ------------------------------------------------------------------ document wiring
    def set_document(self, document: Document | None) -> None:
        """Mirror another document (None: empty); unsubscribes from the old one."""
        if self.document is not None:
            self.document.journey.unsubscribe(self._on_event)
            self.document.selection.changed.disconnect(self._selection_from_model)
            self.document.undo_stack.indexChanged.disconnect(self.flush)
        self.document = document
        if document is not None:
            document.journey.subscribe(self._on_event)
            document.selection.changed.connect(self._selection_from_model)
            document.undo_stack.indexChanged.connect(self.flush)
        self.rebuild()

    def _on_event(self, event: ev.Event) -> None:
        if isinstance(event, _STRUCTURAL):
            if not self._dirty:
                self._dirty = True
                QTimer.singleShot(0, self, self.flush)
        elif isinstance(event, ev.TouchpointChanged):
            self._update_touchpoint(event.id)
        elif isinstance(event, ev.StageChanged):
            self._update_stage(event.id)
        elif isinstance(event, ev.FlowChanged):
            self._update_flow(Ref.flow(event.source, event.target))

    def flush(self) -> None:
        """Rebuild now if the structure changed since the last rebuild."""
        if self._dirty:
            self.rebuild()

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Changes made inside are the tree following the model, not the user editing."""
        before = self._syncing
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = before

    # ------------------------------------------------------------------ building
    def rebuild(self) -> None:
        """Build every row again from the model, keeping the selection and scroll position."""
        self._dirty = False
        scroll = self.verticalScrollBar().value()
        with self._quiet():
            self.clear()
            self.items = {}
            journey = self.document.journey if self.document is not None else Journey()
            for stage in journey.stages():
                stage_item = self._add(None, Ref.stage(stage.id))
                self._update_stage(stage.id)
                for tp in journey.touchpoints(stage.id):
                    tp_item = self._add(stage_item, Ref.touchpoint(tp.id))
                    for flow in journey.flows_from(tp.id):
                        self._add(tp_item, Ref.flow(flow.source, flow.target))
                    self._update_touchpoint(tp.id)
                stage_item.setExpanded(True)
        self._selection_from_model()
        self.verticalScrollBar().setValue(scroll)

    def _add(self, parent: QTreeWidgetItem | None, ref: Ref) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self)
        item.setData(0, _REF_ROLE, ref)
        if ref.kind != "flow":
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.items[ref] = item
        return item

    def _update_stage(self, stage_id: str) -> None:
        item = self.items.get(Ref.stage(stage_id))
        if item is None or self.document is None:
            return
        journey = self.document.journey
        stage = journey.stage(stage_id)
        count = len(journey.touchpoint_ids(stage_id))
        with self._quiet():
            item.setText(0, stage.name)
            item.setIcon(0, stage_swatch(stage_color(stage, journey.stage_index(stage_id))))
            text = f"Stage {stage.name}, {count} touchpoint{'s' * (count != 1)}"
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, text)
            item.setToolTip(0, stage.description or text)

    def _update_touchpoint(self, tp_id: str) -> None:
        item = self.items.get(Ref.touchpoint(tp_id))
        if item is None or self.document is None:
            return
        tp = self.document.journey.touchpoint(tp_id)
        with self._quiet():
            item.setText(0, tp.name)
            item.setIcon(0, channel_icon(tp.channel))
            details = (f"{channel_label(tp.channel)}; emotion {emotion_label(tp.emotion).lower()}; "
                       f"friction {friction_label(tp.friction).lower()}")
            if tp.pain_points:
                details += f"; {len(tp.pain_points)} pain point{'s' * (len(tp.pain_points) != 1)}"
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"Touchpoint {tp.name}: {details}")
            item.setToolTip(0, details[0].upper() + details[1:])
        for flow in self.document.journey.flows_to(tp_id):
            self._update_flow(Ref.flow(flow.source, flow.target))

    def _update_flow(self, ref: Ref) -> None:
        item = self.items.get(ref)
        if item is None or self.document is None:
            return
        journey = self.document.journey
        source, target = ref.flow_ends
        flow = journey.flow(source, target)
        text = f"→ {journey.touchpoint(target).name}" + (f" ({flow.label})" if flow.label else "")
        with self._quiet():
            item.setText(0, text)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                         f"Flow from {journey.touchpoint(source).name} to {journey.touchpoint(target).name}"
                         + (f", {flow.label}" if flow.label else ""))

    # ------------------------------------------------------------------ selection, both ways
    def _selection_to_model(self) -> None:
        if self._syncing or self.document is None:
            return
        refs = [item.data(0, _REF_ROLE) for item in self.selectedItems()]
        with self._quiet():
            self.document.selection.set(refs)
        self.reveal_requested.emit()

    def _selection_from_model(self) -> None:
        if self._syncing or self.document is None:
            return
        refs = self.document.selection.refs()
        selection = QItemSelection()
        first: QTreeWidgetItem | None = None
        for ref in refs:
            item = self.items.get(ref)
            if item is None:
                continue
            index = self.indexFromItem(item)
            selection.select(index, index)
            first = first or item
        with self._quiet():
            self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if first is not None:
                self.selectionModel().setCurrentIndex(self.indexFromItem(first), QItemSelectionModel.SelectionFlag.NoUpdate)
                self.scrollToItem(first)

    def selected_refs(self) -> list[Ref]:
        """The references of the selected rows."""
        return [item.data(0, _REF_ROLE) for item in self.selectedItems()]

    # ------------------------------------------------------------------ renaming
    def _on_item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._syncing or self.document is None:
            return
        ref: Ref = item.data(0, _REF_ROLE)
        if ref is None or ref.kind == "flow":
            return
        journey = self.document.journey
        try:
            name = clean_name(item.text(0))
        except ValueError:
            name = ""
        command: QUndoCommand | None
        if ref.kind == "stage":
            old = journey.stage(ref.id).name
            command = RenameStageCommand(journey, ref.id, name) if name and name != old else None
        else:
            old = journey.touchpoint(ref.id).name
            command = RenameTouchpointCommand(journey, ref.id, name) if name and name != old else None
        if command is not None:
            self.document.undo_stack.push(command)
        else:
            with self._quiet():
                item.setText(0, old)

    def event(self, event: QEvent) -> bool:
        if is_undo_or_redo(event):
            event.ignore()
            return True
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F2
            and self.currentItem() is not None
        ):
            event.accept()  # F2 renames right here, not on the canvas
            return True
        return super().event(event)
