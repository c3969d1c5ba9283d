"""Undo commands for per-persona emotions: how one persona feels at one touchpoint."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from journeymap.model import Journey
from journeymap.model.vocabulary import emotion_label
from journeymap.ui.commands.fields import quoted


class SetPersonaEmotionCommand(QUndoCommand):
    """Set (or, equal to the main emotion, remove) a persona's emotion at a touchpoint."""

    def __init__(self, journey: Journey, tp_id: str, persona_id: str, emotion: int | None) -> None:
        tp = journey.touchpoint(tp_id)
        persona = journey.persona(persona_id)
        what = emotion_label(emotion) if emotion is not None else "the main emotion"
        super().__init__(f"Set emotion of {quoted(persona.name, 24)} at {quoted(tp.name)} to {what}")
        self.journey = journey
        self.tp_id = tp_id
        self.persona_id = persona_id
        self.emotion = emotion
        self.old = dict(tp.persona_emotions)

    def redo(self) -> None:
        self.journey.set_persona_emotion(self.tp_id, self.persona_id, self.emotion)

    def undo(self) -> None:
        self.journey.update_touchpoint(self.tp_id, persona_emotions=self.old)
