"""The typed, immutable records the journey hands out: Stage, Touchpoint, Flow, Persona.

They are snapshots: change them through `Journey` methods, which validate and announce.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from journeymap.model.lanes import clean_lane_notes
from journeymap.model.text import check_id, normalise_text, normalise_text_list
from journeymap.model.vocabulary import (
    EMOTION_MAX,
    EMOTION_MIN,
    EVIDENCE_LEVELS,
    FRICTION_MAX,
    FRICTION_MIN,
    MAX_INT_DIGITS,
    METRICS,
)

MAX_ROW = 99
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}\Z")
_EMPTY: Mapping[str, float] = MappingProxyType({})
_EMPTY_NOTES: Mapping[str, tuple[str, ...]] = MappingProxyType({})
_EMPTY_EMOTIONS: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True)
class Persona:
    """A researched, representative customer whose journey the map tells."""

    id: str
    name: str
    description: str = ""
    goals: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stage:
    """A column of the map: one phase of the buying cycle."""

    id: str
    name: str
    description: str = ""
    color: str | None = None


@dataclass(frozen=True)
class Touchpoint:
    """A moment where the customer meets the organisation through a channel."""

    id: str
    stage: str
    name: str
    description: str = ""
    channel: str | None = None
    emotion: int | None = None
    friction: int | None = None
    row: int = 0
    pain_points: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    owner: str = ""
    evidence: str | None = None
    metrics: Mapping[str, float] = field(default_factory=lambda: _EMPTY)
    lanes: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY_NOTES)
    persona_emotions: Mapping[str, int] = field(default_factory=lambda: _EMPTY_EMOTIONS)

    def notes(self, lane_id: str) -> tuple[str, ...]:
        """This touchpoint's notes in the text lane `lane_id` (empty when it has none)."""
        return self.lanes.get(lane_id, ())

    def emotion_of(self, persona_id: str | None) -> int | None:
        """How persona `persona_id` feels here: its own entry, else the main `emotion`.

        None (or an unknown persona) gives the main emotion.
        """
        if persona_id is not None and persona_id in self.persona_emotions:
            return self.persona_emotions[persona_id]
        return self.emotion


@dataclass(frozen=True)
class Flow:
    """A directed link: customers move from `source` to `target`."""

    source: str
    target: str
    label: str = ""


# --- field validators: each takes a raw value and returns the clean one or raises ValueError ---


def _whole_number(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number from {low} to {high}, not {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{what} must be from {low} to {high}, not {value}")
    return value


def clean_name(value: object, what: str = "name") -> str:
    """A required, non-empty display name."""
    text = normalise_text(value, what)
    if not text:
        raise ValueError(f"{what} must not be empty")
    return text


def clean_text(value: object, what: str = "text") -> str:
    """Optional free text; None becomes ''."""
    return "" if value is None else normalise_text(value, what)


def clean_emotion(value: object) -> int | None:
    """Emotion −2..2, or None for not rated."""
    if value is None:
        return None
    return _whole_number(value, "emotion", EMOTION_MIN, EMOTION_MAX)


def clean_friction(value: object) -> int | None:
    """Friction 0..4, or None for not rated."""
    if value is None:
        return None
    return _whole_number(value, "friction", FRICTION_MIN, FRICTION_MAX)


def clean_row(value: object) -> int:
    """Lane for alternative paths, 0 = main path."""
    return _whole_number(value, "row", 0, MAX_ROW)


def clean_channel(value: object) -> str | None:
    """A known channel id or any custom text; empty means no channel."""
    if value is None:
        return None
    text = normalise_text(value, "channel")
    return text or None


def clean_evidence(value: object) -> str | None:
    """One of the evidence levels, or None when not stated."""
    if value is None or value == "":
        return None
    if value not in EVIDENCE_LEVELS:
        raise ValueError(f"evidence must be one of {', '.join(EVIDENCE_LEVELS)}, not {value!r}")
    return str(value)


def clean_color(value: object) -> str | None:
    """A '#RRGGBB' colour (stored upper case), or None for the automatic colour."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _COLOR.match(value):
        raise ValueError(f"color must look like '#4C78A8', not {value!r}")
    return value.upper()


def clean_metric_value(key: str, value: object) -> float:
    """A finite number; known metrics must be in their range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"metric {key!r} must be a number, not {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"metric {key!r} must be a finite number, not {value!r}")
    if isinstance(value, int) and abs(value) >= 10**MAX_INT_DIGITS:
        raise ValueError(f"metric {key!r} is a whole number of more than {MAX_INT_DIGITS} digits; write it as a "
                         "decimal, e.g. 1.5e20")
    spec = METRICS.get(key)
    if spec and not spec.minimum <= value <= spec.maximum:
        raise ValueError(
            f"{spec.label} must be from {spec.minimum:g} to {spec.maximum:g}, not {value:g}"
        )
    return value


def clean_metric_name(key: object) -> str:
    """A metric name: known (csat, ces, nps, drop_off) or any short custom text."""
    name = normalise_text(key, "metric name")
    if not name:
        raise ValueError("metric name must not be empty")
    if len(name) > 60:
        raise ValueError(f"metric name {name[:20]!r}… is too long (at most 60 characters)")
    return name


def clean_metrics(value: object) -> Mapping[str, float]:
    """A read-only mapping of metric name to number."""
    if value is None:
        return _EMPTY
    if not isinstance(value, Mapping):
        raise ValueError(f"metrics must be a mapping of name to number, not {value!r}")
    cleaned: dict[str, float] = {}
    for raw_key, raw_value in value.items():
        key = clean_metric_name(raw_key)
        cleaned[key] = clean_metric_value(key, raw_value)
    return MappingProxyType(cleaned) if cleaned else _EMPTY


def clean_persona_emotions(value: object) -> Mapping[str, int]:
    """Per-persona emotions: a read-only mapping of persona id to −2..2.

    Whether each id names a persona of the journey is checked by the journey.
    """
    if value is None:
        return _EMPTY_EMOTIONS
    if not isinstance(value, Mapping):
        raise ValueError("persona emotions must be a mapping of persona id to an emotion from -2 to 2")
    cleaned: dict[str, int] = {}
    for persona_id, emotion in value.items():
        check_id(persona_id, "persona id")
        if emotion is None:
            continue
        cleaned[persona_id] = _whole_number(emotion, f"emotion of persona {persona_id!r}", EMOTION_MIN, EMOTION_MAX)
    return MappingProxyType(cleaned) if cleaned else _EMPTY_EMOTIONS


def _list_of(what: str) -> Callable[[object], tuple[str, ...]]:
    def clean(value: object) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"{what} must be a list of texts")
        return normalise_text_list(value, what)

    return clean


#: Editable touchpoint fields and their validators (id and stage change through moves).
TOUCHPOINT_FIELDS: dict[str, Callable[[Any], Any]] = {
    "name": lambda v: clean_name(v, "touchpoint name"),
    "description": lambda v: clean_text(v, "description"),
    "channel": clean_channel,
    "emotion": clean_emotion,
    "friction": clean_friction,
    "row": clean_row,
    "pain_points": _list_of("pain points"),
    "opportunities": _list_of("opportunities"),
    "owner": lambda v: clean_text(v, "owner"),
    "evidence": clean_evidence,
    "metrics": clean_metrics,
    "lanes": clean_lane_notes,
    "persona_emotions": clean_persona_emotions,
}

STAGE_FIELDS: dict[str, Callable[[Any], Any]] = {
    "name": lambda v: clean_name(v, "stage name"),
    "description": lambda v: clean_text(v, "description"),
    "color": clean_color,
}

PERSONA_FIELDS: dict[str, Callable[[Any], Any]] = {
    "name": lambda v: clean_name(v, "persona name"),
    "description": lambda v: clean_text(v, "description"),
    "goals": _list_of("goals"),
    "needs": _list_of("needs"),
    "frustrations": _list_of("frustrations"),
}


def clean_fields(
    validators: Mapping[str, Callable[[Any], Any]], fields: Mapping[str, Any], kind: str
) -> dict[str, Any]:
    """Validate `fields` for a record of `kind`; unknown field names are an error."""
    cleaned = {}
    for name, value in fields.items():
        validator = validators.get(name)
        if validator is None:
            raise ValueError(f"{kind} has no field {name!r} (fields: {', '.join(validators)})")
        cleaned[name] = validator(value)
    return cleaned
