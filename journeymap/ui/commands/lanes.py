"""Undo commands for lanes: add, remove, move, rename or re-section a lane, and set a cell's notes.

Each command calls only public `Journey` methods and remembers the journey's lane list as
it was (`lane_config()`, None for the default set), so undo gives back exactly that list
and the saved file is byte-identical after do → undo.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from journeymap.model import Journey, Lane, RemovedLane
from journeymap.model.lanes import SECTION_LABELS
from journeymap.ui.commands.fields import quoted


class _LaneListCommand(QUndoCommand):
    """Base: undo puts the lane list back as it was before the first redo."""

    def __init__(self, journey: Journey, text: str) -> None:
        super().__init__(text)
        self.journey = journey
        self.before = journey.lane_config()

    def undo(self) -> None:
        self.journey.set_lane_config(self.before)


class AddLaneCommand(_LaneListCommand):
    """Add a lane at `index` (None: at the bottom)."""

    def __init__(self, journey: Journey, lane: Lane, index: int | None = None) -> None:
        super().__init__(journey, f"Add lane {quoted(lane.title)}")
        self.lane = lane
        self.index = index

    def redo(self) -> None:
        self.journey.add_lane(self.lane, self.index)


class RemoveLaneCommand(QUndoCommand):
    """Remove a lane; a text lane's notes go with it and come back on undo."""

    def __init__(self, journey: Journey, key: str) -> None:
        super().__init__(f"Remove lane {quoted(journey.lane(key).title)}")
        self.journey = journey
        self.key = key
        self.removed: RemovedLane | None = None

    def redo(self) -> None:
        self.removed = self.journey.remove_lane(self.key)

    def undo(self) -> None:
        assert self.removed is not None
        self.journey.restore_lane(self.removed)


class MoveLaneCommand(_LaneListCommand):
    """Move a lane to position `index`."""

    def __init__(self, journey: Journey, key: str, index: int) -> None:
        super().__init__(journey, f"Move lane {quoted(journey.lane(key).title)}")
        self.key = key
        self.index = index

    def redo(self) -> None:
        self.journey.move_lane(self.key, self.index)


class UpdateLaneCommand(_LaneListCommand):
    """Rename a lane and/or move a text lane to another blueprint section."""

    def __init__(self, journey: Journey, key: str, *, name: str | None = None, section: str | None = None) -> None:
        lane = journey.lane(key)
        if section is not None and name is None:
            text = f"Move lane {quoted(lane.title)} to {SECTION_LABELS.get(section, section)}"
        else:
            text = f"Rename lane {quoted(lane.title)}"
        super().__init__(journey, text)
        self.key = key
        self.name = name
        self.section = section

    def redo(self) -> None:
        self.journey.update_lane(self.key, name=self.name, section=self.section)


class SetNotesCommand(QUndoCommand):
    """Set one touchpoint's notes in one text lane (the text of a lane cell)."""

    def __init__(self, journey: Journey, tp_id: str, lane_id: str, notes: Sequence[str]) -> None:
        tp = journey.touchpoint(tp_id)
        lane = journey.lane(lane_id)
        super().__init__(f"Edit {lane.title} of {quoted(tp.name)}")
        self.journey = journey
        self.tp_id = tp_id
        self.lane_id = lane_id
        self.notes = tuple(notes)
        self.old = dict(tp.lanes)

    def redo(self) -> None:
        self.journey.set_notes(self.tp_id, self.lane_id, self.notes)

    def undo(self) -> None:
        self.journey.update_touchpoint(self.tp_id, lanes=self.old)
