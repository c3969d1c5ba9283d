"""The structure tree: stages → touchpoints → outgoing flows, mirroring the canvas selection,
and the map's lanes under a last "Lanes" row (F2 renames a lane there too).

It is the keyboard and screen-reader path to every object on the map: arrow keys walk
it, selecting here selects on the canvas (and back), F2 renames, Delete deletes (the
window's action). Every row has an accessible text that says what it is.

The tree is built once per document and then follows the model event by event: each
event touches only its own rows, so a change costs O(rows touched), not O(map). An event
the tree cannot place is a bug in this mirror: the error is raised (the model announces
the change to every other listener first), never hidden by a rebuild.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QUndoCommand
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from journeymap.layout.style import stage_color
from journeymap.model import SECTION_LABELS, Journey, channel_label, emotion_label, events as ev, friction_label
from journeymap.model.entities import Flow, Touchpoint, clean_name
from journeymap.ui.commands.lanes import UpdateLaneCommand
from journeymap.ui.commands.renaming import rename_touchpoint, renamed_id
from journeymap.ui.commands.structure import RenameStageCommand
from journeymap.ui.docks.palette import stage_swatch
from journeymap.ui.document import Document
from journeymap.ui.icons import channel_icon
from journeymap.ui.inspector.editors import is_undo_or_redo
from journeymap.ui.selection import Ref

_REF_ROLE = Qt.ItemDataRole.UserRole
_LANE_ROLE = Qt.ItemDataRole.UserRole + 1
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
LANES_ROW = "Lanes"


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
        self._reselect = False
        self._handlers: dict[type, Callable[[Any], None]] = {
            ev.StageAdded: self._stage_added,
            ev.StageRemoved: self._stage_removed,
            ev.StageMoved: self._stage_moved,
            ev.StageChanged: lambda e: self._update_stage(e.id),
            ev.TouchpointAdded: self._touchpoint_added,
            ev.TouchpointRemoved: self._touchpoint_removed,
            ev.TouchpointMoved: self._touchpoint_moved,
            ev.TouchpointChanged: self._touchpoint_changed,
            ev.FlowAdded: self._flow_added,
            ev.FlowRemoved: self._flow_removed,
            ev.FlowChanged: lambda e: self._update_flow(Ref.flow(e.source, e.target)),
            ev.LanesChanged: lambda e: self._fill_lanes(),
        }
        #: The "Lanes" row, whose children are the map's lanes top to bottom.
        self.lanes_item: QTreeWidgetItem | None = None
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
        handler = self._handlers.get(type(event))
        if handler is None or self.document is None:
            return
        with self._quiet():
            handler(event)
        if isinstance(event, (ev.StageMoved, ev.StageRemoved, ev.TouchpointMoved, ev.TouchpointRemoved,
                              ev.FlowRemoved)):
            self._schedule()  # rows moved or went: the selection is shown again once they settle

    def _schedule(self) -> None:
        if not self._reselect:
            self._reselect = True
            QTimer.singleShot(0, self, self.flush)

    def flush(self) -> None:
        """Re-apply the model's selection after rows moved."""
        if self._reselect:
            self._reselect = False
            scroll = self.verticalScrollBar().value()
            self._selection_from_model()
            self.verticalScrollBar().setValue(scroll)

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
        self._reselect = False
        scroll = self.verticalScrollBar().value()
        journey = self.document.journey if self.document is not None else Journey()
        outgoing: dict[str, list[Flow]] = {}
        for flow in journey.flows():
            outgoing.setdefault(flow.source, []).append(flow)
        names = {tp.id: tp.name for tp in journey.touchpoints()}
        with self._quiet():
            self.clear()
            self.items = {}
            stage_items = []
            for stage in journey.stages():
                stage_item = self._new(Ref.stage(stage.id))
                stage_items.append(stage_item)
                for tp in journey.touchpoints(stage.id):
                    tp_item = self._new(Ref.touchpoint(tp.id))
                    self._fill_touchpoint(tp_item, tp)
                    stage_item.addChild(tp_item)
                    for flow in outgoing.get(tp.id, ()):
                        flow_item = self._new(Ref.flow(flow.source, flow.target))
                        self._fill_flow(flow_item, flow, names[flow.source], names[flow.target])
                        tp_item.addChild(flow_item)
            # Items built detached and added at once: one model insertion, not one per row.
            self.addTopLevelItems(stage_items)
            for stage_item in stage_items:
                stage_item.setExpanded(True)
            self._restyle_stages()
            self.lanes_item = None
            self._fill_lanes()
        self._selection_from_model()
        self.verticalScrollBar().setValue(scroll)

    def _fill_lanes(self) -> None:
        """The "Lanes" row (last) and one row per lane: its name, and what kind of lane it is."""
        journey = self.document.journey if self.document is not None else None
        with self._quiet():
            if self.lanes_item is None:
                self.lanes_item = QTreeWidgetItem([LANES_ROW])
                self.lanes_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.lanes_item.setData(0, _ACCESSIBLE, "The lanes of the map, top to bottom")
                self.addTopLevelItem(self.lanes_item)
            self.lanes_item.takeChildren()
            for lane in journey.lanes() if journey is not None else []:
                row = QTreeWidgetItem([lane.title])
                row.setData(0, _LANE_ROLE, lane.key)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable)
                kind = SECTION_LABELS[lane.section] + " notes" if lane.is_text else lane.kind.replace("-", " ")
                row.setToolTip(0, kind)
                row.setData(0, _ACCESSIBLE, f"Lane {lane.title}, {kind}")
                self.lanes_item.addChild(row)
            self.lanes_item.setExpanded(True)

    def _new(self, ref: Ref) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, _REF_ROLE, ref)
        if ref.kind != "flow":
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.items[ref] = item
        return item

    def _forget(self, item: QTreeWidgetItem) -> None:
        """Drop a detached row and its children from `items`."""
        self.items.pop(item.data(0, _REF_ROLE), None)
        for child in _children(item):
            self._forget(child)

    def _place(self, item: QTreeWidgetItem, parent: QTreeWidgetItem | None, index: int) -> None:
        """Move a row (with its children) to `index` under `parent` (None: top level)."""
        expanded = [child for child in _subtree(item) if child.isExpanded()]
        old_parent = item.parent()
        if old_parent is not None:
            old_parent.removeChild(item)
        elif self.indexOfTopLevelItem(item) >= 0:
            self.takeTopLevelItem(self.indexOfTopLevelItem(item))
        if parent is None:
            self.insertTopLevelItem(index, item)
        else:
            parent.insertChild(index, item)
        for child in expanded:
            child.setExpanded(True)

    # ------------------------------------------------------------------ following the model
    def _stage_added(self, event: ev.StageAdded) -> None:
        item = self._new(Ref.stage(event.id))
        self._place(item, None, event.index)
        item.setExpanded(True)
        self._restyle_stages()

    def _stage_removed(self, event: ev.StageRemoved) -> None:
        item = self.items[Ref.stage(event.id)]
        self.takeTopLevelItem(self.indexOfTopLevelItem(item))
        self._forget(item)
        self._restyle_stages()

    def _stage_moved(self, event: ev.StageMoved) -> None:
        item = self.items[Ref.stage(event.id)]
        self._place(item, None, event.index)
        item.setExpanded(True)
        self._restyle_stages()

    def _touchpoint_added(self, event: ev.TouchpointAdded) -> None:
        journey = self._journey()
        item = self._new(Ref.touchpoint(event.id))
        self._fill_touchpoint(item, journey.touchpoint(event.id))
        self._place(item, self.items[Ref.stage(event.stage)], event.index)
        self._update_stage(event.stage)

    def _touchpoint_removed(self, event: ev.TouchpointRemoved) -> None:
        item = self.items[Ref.touchpoint(event.id)]
        self.items[Ref.stage(event.stage)].removeChild(item)
        self._forget(item)
        self._update_stage(event.stage)

    def _touchpoint_moved(self, event: ev.TouchpointMoved) -> None:
        item = self.items[Ref.touchpoint(event.id)]
        self._place(item, self.items[Ref.stage(event.stage)], event.index)
        if event.stage != event.old_stage:
            self._update_stage(event.stage)
            self._update_stage(event.old_stage)

    def _touchpoint_changed(self, event: ev.TouchpointChanged) -> None:
        self._update_touchpoint(event.id, flows="name" in event.fields)

    def _flow_added(self, event: ev.FlowAdded) -> None:
        journey = self._journey()
        parent = self.items[Ref.touchpoint(event.source)]
        targets = [flow.target for flow in journey.flows_from(event.source)]
        ref = Ref.flow(event.source, event.target)
        item = self._new(ref)
        self._place(item, parent, targets.index(event.target))
        self._update_flow(ref)

    def _flow_removed(self, event: ev.FlowRemoved) -> None:
        item = self.items.pop(Ref.flow(event.source, event.target))
        parent = item.parent()
        assert parent is not None, "a flow row always hangs under its source touchpoint"
        parent.removeChild(item)

    # ------------------------------------------------------------------ row texts
    def _journey(self) -> Journey:
        assert self.document is not None
        return self.document.journey

    def _restyle_stages(self) -> None:
        """Every stage row again: a stage's default colour follows its position."""
        if self.document is None:
            return
        for stage_id in self.document.journey.stage_ids():
            self._update_stage(stage_id)

    def _update_stage(self, stage_id: str) -> None:
        item = self.items.get(Ref.stage(stage_id))
        if item is None or self.document is None:
            return
        journey = self.document.journey
        stage = journey.stage(stage_id)
        count = item.childCount()
        with self._quiet():
            item.setText(0, stage.name)
            item.setIcon(0, stage_swatch(stage_color(stage, journey.stage_index(stage_id))))
            text = f"Stage {stage.name}, {count} touchpoint{'s' * (count != 1)}"
            item.setData(0, _ACCESSIBLE, text)
            item.setToolTip(0, stage.description or text)

    def _update_touchpoint(self, tp_id: str, *, flows: bool = True) -> None:
        item = self.items.get(Ref.touchpoint(tp_id))
        if item is None or self.document is None:
            return
        journey = self.document.journey
        with self._quiet():
            self._fill_touchpoint(item, journey.touchpoint(tp_id))
        if flows:
            for flow in [*journey.flows_to(tp_id), *journey.flows_from(tp_id)]:
                self._update_flow(Ref.flow(flow.source, flow.target))

    @staticmethod
    def _fill_touchpoint(item: QTreeWidgetItem, tp: Touchpoint) -> None:
        item.setText(0, tp.name)
        item.setIcon(0, channel_icon(tp.channel))
        details = (f"{channel_label(tp.channel)}; emotion {emotion_label(tp.emotion).lower()}; "
                   f"friction {friction_label(tp.friction).lower()}")
        if tp.pain_points:
            details += f"; {len(tp.pain_points)} pain point{'s' * (len(tp.pain_points) != 1)}"
        item.setData(0, _ACCESSIBLE, f"Touchpoint {tp.name}: {details}")
        item.setToolTip(0, details[0].upper() + details[1:])

    def _update_flow(self, ref: Ref) -> None:
        item = self.items.get(ref)
        if item is None or self.document is None:
            return
        journey = self.document.journey
        source, target = ref.flow_ends
        with self._quiet():
            self._fill_flow(item, journey.flow(source, target),
                            journey.touchpoint(source).name, journey.touchpoint(target).name)

    @staticmethod
    def _fill_flow(item: QTreeWidgetItem, flow: Flow, source_name: str, target_name: str) -> None:
        item.setText(0, f"→ {target_name}" + (f" ({flow.label})" if flow.label else ""))
        item.setData(0, _ACCESSIBLE, f"Flow from {source_name} to {target_name}"
                     + (f", {flow.label}" if flow.label else ""))

    # ------------------------------------------------------------------ selection, both ways
    def _selection_to_model(self) -> None:
        if self._syncing or self.document is None:
            return
        refs = [ref for ref in (item.data(0, _REF_ROLE) for item in self.selectedItems()) if ref is not None]
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
                self.selectionModel().setCurrentIndex(
                    self.indexFromItem(first), QItemSelectionModel.SelectionFlag.NoUpdate
                )
                self.scrollToItem(first)

    def selected_refs(self) -> list[Ref]:
        """The references of the selected rows."""
        return [ref for ref in (item.data(0, _REF_ROLE) for item in self.selectedItems()) if ref is not None]

    # ------------------------------------------------------------------ renaming
    def _on_item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._syncing or self.document is None:
            return
        lane_key = item.data(0, _LANE_ROLE)
        if lane_key is not None:
            self._rename_lane(item, lane_key)
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
            command = (rename_touchpoint(journey, ref.id, name, self.document.saved_ids)
                       if name and name != old else None)
        if command is not None:
            self.document.undo_stack.push(command)
            if renamed_id(command, ref.id) != ref.id:  # made in this session: the id followed the name
                self.document.selection.set([Ref(ref.kind, renamed_id(command, ref.id))])
        else:
            with self._quiet():
                item.setText(0, old)

    def _rename_lane(self, item: QTreeWidgetItem, key: str) -> None:
        assert self.document is not None
        journey = self.document.journey
        if not journey.has_lane(key):
            return
        lane = journey.lane(key)
        name = " ".join(item.text(0).split())
        if name and name != lane.title:
            self.document.undo_stack.push(UpdateLaneCommand(journey, key, name=name))
        else:
            with self._quiet():
                item.setText(0, lane.title)

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


def _subtree(item: QTreeWidgetItem) -> Iterator[QTreeWidgetItem]:
    """A row and all rows below it."""
    yield item
    for child in _children(item):
        yield from _subtree(child)


def _children(item: QTreeWidgetItem) -> Iterator[QTreeWidgetItem]:
    """The rows right below a row (Qt types `child(i)` as optional; in range it never is None)."""
    for i in range(item.childCount()):
        child = item.child(i)
        assert child is not None
        yield child
