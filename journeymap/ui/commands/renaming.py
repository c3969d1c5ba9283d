"""Ids that follow names: a touchpoint or persona made in this editing session takes its id
from its name when it is renamed, as long as nothing depends on the old id.

"Made in this session" means its id is not among the document's `saved_ids` (every id the
journey held when it was opened or created, or at a save). "Nothing depends on it": no flow
starts or ends at the touchpoint; no touchpoint has an emotion for the persona. Anything
else keeps its id forever, so a saved file's ids, and whatever refers to them, never change.
The re-id is a remove and a restore under the new id at the same place, so undo gives back
the old id, name and position byte for byte.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from PySide6.QtGui import QUndoCommand

from journeymap.model import Journey, RemovedPersona, RemovedTouchpoint
from journeymap.model.text import unique_id
from journeymap.ui.commands.fields import quoted
from journeymap.ui.commands.structure import RenameTouchpointCommand


def fresh_id(journey: Journey, kind: str, object_id: str, name: str, saved_ids: Collection[str]) -> str | None:
    """The id a touchpoint or persona takes from `name` under the rule above, or None when
    it keeps `object_id` (made before this session, depended on, or the same id)."""
    if object_id in saved_ids:
        return None
    if kind == "touchpoint":
        if not journey.has_touchpoint(object_id) or journey.flows_from(object_id) or journey.flows_to(object_id):
            return None
        taken = (set(journey.stage_ids()) | set(journey.touchpoint_ids())) - {object_id}
        new = unique_id(name, taken, "touchpoint")
    elif kind == "persona":
        if object_id not in {p.id for p in journey.personas()}:
            return None
        if any(object_id in tp.persona_emotions for tp in journey.touchpoints()):
            return None
        new = unique_id(name, {p.id for p in journey.personas()} - {object_id}, "persona")
    else:
        return None
    return None if new == object_id or new in saved_ids else new


class RenameTouchpointWithIdCommand(QUndoCommand):
    """Give a touchpoint the name `name` and the id `new_id` (from `fresh_id`)."""

    def __init__(self, journey: Journey, tp_id: str, name: str, new_id: str, *, text: str | None = None) -> None:
        old_name = journey.touchpoint(tp_id).name
        super().__init__(text or f"Rename touchpoint {quoted(old_name)} to {quoted(name)}")
        self.journey, self.old_id, self.new_id, self.name = journey, tp_id, new_id, name
        self.removed: RemovedTouchpoint | None = None

    def redo(self) -> None:
        removed = self.journey.remove_touchpoint(self.old_id)
        self.removed = removed
        renamed = dataclasses.replace(removed.touchpoint, id=self.new_id, name=self.name)
        self.journey.restore_touchpoint(RemovedTouchpoint(renamed, removed.index, removed.flows))

    def undo(self) -> None:
        assert self.removed is not None
        self.journey.remove_touchpoint(self.new_id)
        self.journey.restore_touchpoint(self.removed)


class RenamePersonaWithIdCommand(QUndoCommand):
    """Give a persona the name `name` and the id `new_id` (from `fresh_id`)."""

    def __init__(self, journey: Journey, persona_id: str, name: str, new_id: str, *, text: str | None = None) -> None:
        old_name = journey.persona(persona_id).name
        super().__init__(text or f"Rename persona {quoted(old_name)}")
        self.journey, self.old_id, self.new_id, self.name = journey, persona_id, new_id, name
        self.removed: RemovedPersona | None = None

    def redo(self) -> None:
        removed = self.journey.remove_persona(self.old_id)
        self.removed = removed
        persona, position, emotions = removed
        self.journey.restore_persona(dataclasses.replace(persona, id=self.new_id, name=self.name), position, emotions)

    def undo(self) -> None:
        assert self.removed is not None
        self.journey.remove_persona(self.new_id)
        self.journey.restore_persona(*self.removed)


def rename_touchpoint(journey: Journey, tp_id: str, name: str, saved_ids: Collection[str]) -> QUndoCommand:
    """The command renaming a touchpoint: its id follows the name where `fresh_id` allows."""
    new_id = fresh_id(journey, "touchpoint", tp_id, name, saved_ids)
    if new_id is None:
        return RenameTouchpointCommand(journey, tp_id, name)
    return RenameTouchpointWithIdCommand(journey, tp_id, name, new_id)


def renamed_id(command: QUndoCommand, old_id: str) -> str:
    """The id the object `old_id` has after `command` (itself, unless the command re-ids it)."""
    if isinstance(command, (RenameTouchpointWithIdCommand, RenamePersonaWithIdCommand)) and command.old_id == old_id:
        return command.new_id
    return old_id
