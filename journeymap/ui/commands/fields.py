"""Undo commands that change fields: touchpoint, stage, journey and persona fields.

Each command calls only public `Journey` methods. Typing in one field pushes one
command per keystroke; consecutive commands for the same object and field merge
into one undo step when they carry the same `session` (the inspector starts a new
session whenever a field gains focus), so leaving a field and coming back to it
later makes a new step. A merge that brings the field back to its original value
leaves no step at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand

from journeymap.model import PERSONA_FIELDS, STAGE_FIELDS, TOUCHPOINT_FIELDS, Journey, RemovedPersona
from journeymap.model.entities import clean_name, clean_text
from journeymap.model.vocabulary import (
    channel_label,
    emotion_label,
    friction_label,
)

#: `id()` of mergeable field edits (all kinds share it; `mergeWith` checks the key).
FIELD_COMMAND_ID = 0x4A4D20

_TOUCHPOINT_LABELS = {
    "name": "name",
    "description": "description",
    "channel": "channel",
    "emotion": "emotion",
    "friction": "friction",
    "row": "lane",
    "pain_points": "pain points",
    "opportunities": "opportunities",
    "owner": "owner",
    "evidence": "evidence",
    "metrics": "metrics",
}


def quoted(name: str, limit: int = 40) -> str:
    """A name in quotes for an undo text, shortened with an ellipsis past `limit` characters."""
    text = " ".join(name.split())
    return f"'{text[: limit - 1]}…'" if len(text) > limit else f"'{text}'"


class FieldCommand(QUndoCommand):
    """Base of every field edit: remembers the old value, merges consecutive edits of one field.

    Subclasses implement `_read()` and `_write(value)` with model calls only.
    """

    kind = ""

    def __init__(
        self,
        journey: Journey,
        object_id: str,
        field: str,
        value: Any,
        text: str,
        *,
        session: object | None = None,
    ) -> None:
        super().__init__(text)
        self.journey = journey
        self.object_id = object_id
        self.field = field
        self.value = value
        self.session = session
        self.old_value = self._read()

    @property
    def key(self) -> tuple[str, str, str]:
        """What this command edits: (kind, object id, field)."""
        return (self.kind, self.object_id, self.field)

    def _read(self) -> Any:
        raise NotImplementedError

    def _write(self, value: Any) -> None:
        raise NotImplementedError

    def id(self) -> int:
        return FIELD_COMMAND_ID if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldCommand) or other.session is None:
            return False
        if other.key != self.key or other.session != self.session:
            return False
        self.value = other.value
        self.setObsolete(self.value == self.old_value)
        return True

    def redo(self) -> None:
        self._write(self.value)

    def undo(self) -> None:
        self._write(self.old_value)


# ---------------------------------------------------------------------- touchpoints
class TouchpointFieldCommand(FieldCommand):
    """Set one field of a touchpoint (any of TOUCHPOINT_FIELDS except moves)."""

    kind = "touchpoint"

    def __init__(
        self,
        journey: Journey,
        tp_id: str,
        field: str,
        value: Any,
        *,
        text: str | None = None,
        session: object | None = None,
    ) -> None:
        if text is None:
            text = touchpoint_field_text(journey.touchpoint(tp_id).name, field, value)
        super().__init__(journey, tp_id, field, value, text, session=session)

    def _read(self) -> Any:
        return getattr(self.journey.touchpoint(self.object_id), self.field)

    def _write(self, value: Any) -> None:
        self.journey.update_touchpoint(self.object_id, **{self.field: value})


def touchpoint_field_text(name: str, field: str, value: Any) -> str:
    """The undo text of a touchpoint field edit ("Change emotion of 'Checkout' to Positive")."""
    who = quoted(name)
    if field == "name":
        return f"Rename touchpoint {who}"
    if field == "emotion":
        return f"Change emotion of {who} to {emotion_label(value)}"
    if field == "friction":
        return f"Change friction of {who} to {friction_label(value)}"
    if field == "channel":
        return f"Change channel of {who} to {channel_label(value)}"
    return f"Change {_TOUCHPOINT_LABELS.get(field, field)} of {who}"


# ---------------------------------------------------------------------- stages
class StageFieldCommand(FieldCommand):
    """Set one field of a stage: name, description or color (None = automatic)."""

    kind = "stage"

    def __init__(
        self,
        journey: Journey,
        stage_id: str,
        field: str,
        value: Any,
        *,
        text: str | None = None,
        session: object | None = None,
    ) -> None:
        if text is None:
            who = quoted(journey.stage(stage_id).name)
            text = {
                "name": f"Rename stage {who}",
                "description": f"Change description of stage {who}",
                "color": f"Change colour of stage {who}",
            }.get(field, f"Change {field} of stage {who}")
        super().__init__(journey, stage_id, field, value, text, session=session)

    def _read(self) -> Any:
        return getattr(self.journey.stage(self.object_id), self.field)

    def _write(self, value: Any) -> None:
        self.journey.update_stage(self.object_id, **{self.field: value})


# ---------------------------------------------------------------------- journey
class JourneyFieldCommand(FieldCommand):
    """Set the journey's title or description."""

    kind = "journey"

    def __init__(
        self,
        journey: Journey,
        field: str,
        value: Any,
        *,
        text: str | None = None,
        session: object | None = None,
    ) -> None:
        if field not in ("title", "description"):
            raise ValueError(f"journey has no field {field!r} (fields: title, description)")
        if text is None:
            text = "Change journey title" if field == "title" else "Change journey description"
        super().__init__(journey, "", field, value, text, session=session)

    def _read(self) -> Any:
        return getattr(self.journey, self.field)

    def _write(self, value: Any) -> None:
        self.journey.update_journey(**{self.field: value})


# ---------------------------------------------------------------------- personas
class PersonaFieldCommand(FieldCommand):
    """Set one field of a persona: name, description, goals, needs or frustrations."""

    kind = "persona"

    def __init__(
        self,
        journey: Journey,
        persona_id: str,
        field: str,
        value: Any,
        *,
        text: str | None = None,
        session: object | None = None,
    ) -> None:
        if text is None:
            who = quoted(journey.persona(persona_id).name)
            text = f"Rename persona {who}" if field == "name" else f"Change {field} of persona {who}"
        super().__init__(journey, persona_id, field, value, text, session=session)

    def _read(self) -> Any:
        return getattr(self.journey.persona(self.object_id), self.field)

    def _write(self, value: Any) -> None:
        self.journey.update_persona(self.object_id, **{self.field: value})


class AddPersonaCommand(QUndoCommand):
    """Add a persona at `index` (default: last); its id is derived from the name once."""

    def __init__(
        self,
        journey: Journey,
        name: str,
        index: int | None = None,
        fields: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(f"Add persona {quoted(name)}")
        self.journey, self.name, self.index = journey, name, index
        self.fields = dict(fields or {})
        self.persona_id: str | None = None

    def redo(self) -> None:
        persona = self.journey.add_persona(self.name, index=self.index, id=self.persona_id, **self.fields)
        self.persona_id = persona.id

    def undo(self) -> None:
        assert self.persona_id is not None
        self.journey.remove_persona(self.persona_id)


class RemovePersonaCommand(QUndoCommand):
    """Remove a persona; undo puts it back at its place."""

    def __init__(self, journey: Journey, persona_id: str) -> None:
        super().__init__(f"Delete persona {quoted(journey.persona(persona_id).name)}")
        self.journey, self.persona_id = journey, persona_id
        self.removed: RemovedPersona | None = None

    def redo(self) -> None:
        self.removed = self.journey.remove_persona(self.persona_id)

    def undo(self) -> None:
        assert self.removed is not None
        self.journey.restore_persona(*self.removed)


_JOURNEY_FIELDS: dict[str, Callable[[Any], Any]] = {
    "title": lambda v: clean_name(v, "title"),
    "description": lambda v: clean_text(v, "description"),
}
_VALIDATORS = {
    "touchpoint": TOUCHPOINT_FIELDS,
    "stage": STAGE_FIELDS,
    "persona": PERSONA_FIELDS,
    "journey": _JOURNEY_FIELDS,
}


def check_value(kind: str, field: str, value: Any) -> Any:
    """The model's clean form of `value` for a field, or ValueError with the model's message.

    Editors call this before pushing, so a command never carries a value the model refuses.
    """
    return _VALIDATORS[kind][field](value)
