"""The journey model: no Qt, no files. One networkx graph behind typed accessors."""

from journeymap.model import events
from journeymap.model.entities import (
    PERSONA_FIELDS,
    STAGE_FIELDS,
    TOUCHPOINT_FIELDS,
    Flow,
    Persona,
    Stage,
    Touchpoint,
)
from journeymap.model.journey import TEMPLATES, Journey, RemovedLane, RemovedPersona, RemovedStage, RemovedTouchpoint
from journeymap.model.lanes import (
    BLUEPRINT_LANES,
    BLUEPRINT_LINES,
    BUILTIN_KINDS,
    DEFAULT_LANES,
    LANE_KINDS,
    SECTION_LABELS,
    SECTIONS,
    Lane,
    make_lane,
)
from journeymap.model.text import normalise_text, slugify
from journeymap.model.vocabulary import (
    CHANNELS,
    DEFAULT_STAGES,
    EMOTIONS,
    EVIDENCE_LEVELS,
    FRICTIONS,
    METRICS,
    MetricSpec,
    channel_label,
    emotion_label,
    friction_label,
    metric_label,
)

__all__ = [
    "BLUEPRINT_LANES", "BLUEPRINT_LINES", "BUILTIN_KINDS", "DEFAULT_LANES", "LANE_KINDS", "SECTIONS",
    "SECTION_LABELS", "TEMPLATES", "Lane", "RemovedLane", "RemovedPersona", "make_lane",
    "CHANNELS", "DEFAULT_STAGES", "EMOTIONS", "EVIDENCE_LEVELS", "FRICTIONS", "METRICS",
    "PERSONA_FIELDS", "STAGE_FIELDS", "TOUCHPOINT_FIELDS",
    "Flow", "Journey", "MetricSpec", "Persona", "RemovedStage", "RemovedTouchpoint", "Stage", "Touchpoint",
    "channel_label", "emotion_label", "events", "friction_label", "metric_label", "normalise_text", "slugify",
]
