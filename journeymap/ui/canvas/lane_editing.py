"""Editing the lanes on the canvas: a cell's notes in place, a lane's name, its menu, reordering.

- Double-click a cell of a text, pain-point or opportunity lane: a multi-line editor opens
  over it, one note per line (Enter commits, Shift+Enter starts a new note, Esc cancels,
  Tab / Shift+Tab commit and move to the next / previous touchpoint's cell, so a
  facilitator fills a lane from the keyboard). Pain-point and opportunity cells edit the
  touchpoint's own lists.
- Double-click a lane title: rename the lane in place. Right-click it: rename, move a text
  lane to another blueprint section, remove it (a text lane with notes asks first).
- Drag a lane title up or down: the lane moves there (`DragLaneTitle`, one undo step).
Every change is one undo command.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QInputDialog, QMenu, QMessageBox, QWidget

from journeymap.layout.geometry import LaneBox
from journeymap.layout.geometry import JourneyLayout
from journeymap.model import METRICS, SECTION_LABELS, SECTIONS, metric_label
from journeymap.model.lanes import OPPORTUNITIES, PAIN_POINTS
from journeymap.ui.canvas.gestures import Gesture, Modifiers
from journeymap.ui.canvas.inline_editor import InlineEditor
from journeymap.ui.canvas.items.notes_lanes import EDITABLE_KINDS, LaneTitleItem, NotesLaneItem
from journeymap.ui.commands.fields import TouchpointFieldCommand
from journeymap.ui.commands.lanes import (
    AddLaneCommand,
    MoveLaneCommand,
    RemoveLaneCommand,
    SetNotesCommand,
    UpdateLaneCommand,
)
from journeymap.ui.lane_templates import CUSTOM_TEMPLATE, lane_for, template
from journeymap.ui.limits import no_room

if TYPE_CHECKING:
    from journeymap.ui.canvas.journey_editor import JourneyEditor

#: Field of the touchpoint a built-in notes lane edits.
_FIELDS = {PAIN_POINTS: "pain_points", OPPORTUNITIES: "opportunities"}


def ask_remove_lane(parent: QWidget | None, lane_name: str, notes: int) -> bool:
    """Ask before removing a text lane that holds notes; True to remove it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Remove lane")
    box.setText(f"The lane “{lane_name}” holds {notes} note{'s' if notes != 1 else ''}.")
    box.setInformativeText("Remove the lane and its notes? (Undo brings them back.)")
    remove = box.addButton("Remove lane and notes", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is remove


def ask_metric(parent: QWidget | None, known: list[str]) -> str | None:
    """Ask which metric a new metric lane shows (a known one, or any name typed); None cancels."""
    labels = [metric_label(m) for m in known]
    chosen, ok = QInputDialog.getItem(parent, "Add a metric lane", "Metric:", labels, 0, True)
    if not ok or not chosen.strip():
        return None
    return known[labels.index(chosen)] if chosen in labels else chosen.strip()


def insert_index(layout: JourneyLayout, y: float) -> tuple[int, float]:
    """Where a lane dropped at height `y` goes (its index in the lane list) and the y of the bar
    that shows it: above the first lane whose middle is below `y`, else after the last."""
    for box in layout.lanes:
        if y < box.rect.y + box.rect.h / 2:
            return box.index, box.rect.y - layout.options.lane_gap / 2
    if not layout.lanes:
        return 0, layout.bounds.bottom - layout.options.margin
    last = layout.lanes[-1]
    return last.index + 1, last.rect.bottom + layout.options.lane_gap / 2


class LaneEditing:
    """The lane edits of one `JourneyEditor` (it owns the in-place editor and the commands)."""

    def __init__(self, editor: JourneyEditor) -> None:
        self.editor = editor
        #: Asks before a text lane with notes is removed; replace it in tests.
        self.ask_remove = ask_remove_lane
        #: Asks which metric a new metric lane shows; replace it in tests.
        self.ask_metric = ask_metric

    def add_from_template(self, label: str, index: int | None = None) -> bool:
        """Add the lane of palette template `label` at `index` (None: at the bottom); a custom
        lane is renamed in place at once. A built-in lane already shown is said in the status bar."""
        journey = self.scene.journey
        refused = no_room(journey, "Cannot add a lane", lanes=1)
        if refused:
            self.editor.message.emit(refused)
            return False
        metric = ""
        if template(label).kind == "metric":
            known = list(dict.fromkeys([*METRICS, *(m for tp in journey.touchpoints() for m in tp.metrics)]))
            known = [m for m in known if not journey.has_lane(f"metric:{m}")]
            chosen = self.ask_metric(self.scene.view_widget(), known)
            if chosen is None:
                return False
            metric = chosen
        try:
            lane = lane_for(journey, label, metric)
        except ValueError as err:
            self.editor.message.emit(str(err))
            return False
        if not self.editor.push_checked(lambda: AddLaneCommand(journey, lane, index)):
            return False
        if label == CUSTOM_TEMPLATE:
            self.scene.flush()
            self.rename_lane(lane.key)
        return True

    @property
    def scene(self):  # type: ignore[no-untyped-def]  # SceneApi, through the editor
        return self.editor.scene

    # ------------------------------------------------------------------ cells
    def notes_of(self, lane: LaneBox, tp_id: str) -> tuple[str, ...]:
        """What a cell shows: the touchpoint's notes in a text lane, or its own list."""
        tp = self.scene.journey.touchpoint(tp_id)
        if lane.kind in _FIELDS:
            return tuple(getattr(tp, _FIELDS[lane.kind]))
        return tp.notes(lane.key)

    def cell_rect(self, lane: LaneBox, tp_id: str) -> QRectF | None:
        """The cell of `tp_id` in `lane` (scene coordinates), with or without content."""
        cell = lane.cells.get(tp_id)
        if cell is not None:
            r = cell.rect
            return QRectF(r.x, r.y, r.w, r.h)
        slot = next((s for s in self.scene.layout.slots if s.id == tp_id), None)
        if slot is None:
            return None
        return QRectF(slot.x, lane.rect.y, slot.w, lane.rect.h)

    def cell_at(self, pos: QPointF) -> tuple[LaneBox, str] | None:
        """(lane, touchpoint id) of the editable cell under `pos`, empty cells included."""
        for lane in self.scene.layout.lanes:
            if lane.kind not in EDITABLE_KINDS or not lane.rect.contains(pos.x(), pos.y()):
                continue
            for slot in self.scene.layout.slots:
                if slot.id is not None and slot.x <= pos.x() <= slot.x + slot.w:
                    return lane, slot.id
        return None

    def edit_cell(self, lane_key: str, tp_id: str) -> bool:
        """Open the multi-line editor on a touchpoint's cell of a notes lane."""
        editor, scene = self.editor, self.scene
        editor.finish_editing()
        scene.flush()
        lane = scene.layout.lane(lane_key)
        if lane is None or lane.kind not in EDITABLE_KINDS or not scene.journey.has_touchpoint(tp_id):
            return False
        rect = self.cell_rect(lane, tp_id)
        if rect is None:
            return False
        text = "\n".join(self.notes_of(lane, tp_id))
        inline = InlineEditor(scene.ctx, text, rect, scene.options.label_font_size,
                              lambda typed, how: self._commit_cell(lane_key, tp_id, typed, how),
                              editor._cancel_rename, self._dpi(), multiline=True)
        editor.inline = inline
        scene.addItem(inline)
        inline.begin()
        view = scene.view_widget()
        if view is not None:
            view.ensureVisible(rect, 60, 40)
        return True

    def _commit_cell(self, lane_key: str, tp_id: str, typed: str, how: str) -> None:
        self.editor.inline = None
        journey = self.scene.journey
        if not journey.has_touchpoint(tp_id) or not journey.has_lane(lane_key):
            return
        notes = tuple(line.strip() for line in typed.split("\n") if line.strip())
        lane = journey.lane(lane_key)
        tp = journey.touchpoint(tp_id)
        if lane.kind in _FIELDS:
            field = _FIELDS[lane.kind]
            if notes != tuple(getattr(tp, field)):
                self.editor.push_checked(lambda: TouchpointFieldCommand(journey, tp_id, field, notes))
        elif notes != tp.notes(lane_key):
            self.editor.push_checked(lambda: SetNotesCommand(journey, tp_id, lane_key, notes))
        if how in ("tab", "backtab"):
            order = journey.touchpoint_ids()
            i = order.index(tp_id) + (1 if how == "tab" else -1)
            if 0 <= i < len(order):
                self.edit_cell(lane_key, order[i])

    # ------------------------------------------------------------------ titles
    def rename_lane(self, key: str) -> bool:
        """Open the in-place editor on a lane's title."""
        editor, scene = self.editor, self.scene
        editor.finish_editing()
        scene.flush()
        item = scene.title_items.get(key)
        if not isinstance(item, LaneTitleItem):
            return False
        lane = scene.journey.lane(key)
        inline = InlineEditor(scene.ctx, lane.title, item.name_rect(), scene.options.label_font_size,
                              lambda typed, how: self._commit_name(key, typed), editor._cancel_rename, self._dpi())
        editor.inline = inline
        scene.addItem(inline)
        inline.begin()
        return True

    def _commit_name(self, key: str, typed: str) -> None:
        self.editor.inline = None
        journey = self.scene.journey
        if not journey.has_lane(key):
            return
        lane = journey.lane(key)
        if lane.is_text and not typed:
            return  # a text lane keeps a name
        if typed != lane.title:
            self.editor.push_checked(lambda: UpdateLaneCommand(journey, key, name=typed))

    def remove_lane(self, key: str) -> bool:
        """Remove (hide) a lane; a text lane that holds notes asks first. True when removed."""
        journey = self.scene.journey
        if not journey.has_lane(key):
            return False
        lane = journey.lane(key)
        notes = sum(len(tp.notes(lane.id)) for tp in journey.touchpoints()) if lane.is_text else 0
        if notes and not self.ask_remove(self.scene.view_widget(), lane.title, notes):
            return False
        self.scene.push(RemoveLaneCommand(journey, key))
        return True

    def set_section(self, key: str, section: str) -> None:
        """Move a text lane to another service-blueprint section."""
        journey = self.scene.journey
        if journey.has_lane(key) and journey.lane(key).section != section:
            self.scene.push(UpdateLaneCommand(journey, key, section=section))

    def context_menu(self, key: str, screen_pos: QPoint) -> QMenu:
        """The menu of a lane title (shown at `screen_pos`; returned for tests)."""
        journey = self.scene.journey
        lane = journey.lane(key)
        menu = QMenu(self.scene.view_widget())
        menu.addAction("Rename lane", lambda: self.rename_lane(key))
        if lane.is_text:
            sections = menu.addMenu("Blueprint section")
            for section in SECTIONS:
                action = sections.addAction(SECTION_LABELS[section], partial(self.set_section, key, section))
                action.setCheckable(True)
                action.setChecked(section == lane.section)
        menu.addSeparator()
        menu.addAction("Remove lane" if lane.is_text else "Hide lane", lambda: self.remove_lane(key))
        menu.popup(screen_pos)
        return menu

    def _dpi(self) -> float:
        view = self.scene.view_widget()
        return float(view.logicalDpiY()) if view is not None else 96.0


class DragLaneTitle(Gesture):
    """Drag a lane's title up or down; a line shows where the lane will go; one MoveLaneCommand."""

    def __init__(self, editor: JourneyEditor, item: LaneTitleItem) -> None:
        super().__init__(editor)
        self.item = item
        self.key = item.key
        self.index = self.scene.journey.lane_index(item.key)
        self.target = self.index
        self.start_y = item.pos().y()
        self.line: QGraphicsLineItem | None = None

    def move(self, pos: QPointF) -> None:
        if not self.moved_enough(pos):
            return
        self.item.setOpacity(0.75)
        self.item.setY(self.start_y + pos.y() - self.press.y())
        self.target, y = self._target(pos.y())
        lanes = self.scene.layout.lanes
        if self.line is None:
            self.line = QGraphicsLineItem()
            self.line.setPen(self.scene.ctx.pen(self.scene.ctx.colors.drop_indicator, 4.0))
            self.line.setZValue(60)
            self.scene.addItem(self.line)
        x0, x1 = lanes[0].title.x, lanes[0].rect.right
        self.line.setLine(x0, y, x1, y)

    def _target(self, y: float) -> tuple[int, float]:
        """The index the lane would take if dropped at height `y`, and where the line goes."""
        lanes = self.scene.layout.lanes
        order = [box.index for box in lanes]
        for k, box in enumerate(lanes):
            if y < box.rect.y + box.rect.h / 2:
                gap_y = box.rect.y - 3
                before = order[k]
                return (before if before < self.index else before - 1) if k else 0, gap_y
        last = lanes[-1]
        return len(order) - 1, last.rect.bottom + 3

    def end(self, pos: QPointF) -> None:
        moved = self.active
        self.cancel()
        target = max(0, min(self.target, len(self.scene.journey.lanes()) - 1))
        if moved and target != self.index:
            self.scene.push(MoveLaneCommand(self.scene.journey, self.key, target))

    def cancel(self) -> None:
        self.item.setOpacity(1.0)
        self.item.setY(self.start_y)
        if self.line is not None:
            self.scene.removeItem(self.line)
            self.line = None


def press_lane_title(editor: JourneyEditor, item: QGraphicsItem | None, pos: QPointF,
                     modifiers: Modifiers) -> Gesture | None:
    """The press rule of a lane title: drag it to reorder the lanes."""
    return DragLaneTitle(editor, item) if isinstance(item, LaneTitleItem) else None


def double_click_lane(editing: LaneEditing, item: QGraphicsItem | None, pos: QPointF) -> bool:
    """A double-click on a lane: rename at the title, edit the notes in a cell. True when used."""
    if isinstance(item, LaneTitleItem):
        return editing.rename_lane(item.key)
    if isinstance(item, NotesLaneItem) or item is None:
        found = editing.cell_at(pos)
        if found is not None:
            return editing.edit_cell(found[0].key, found[1])
    return False

