"""Pure geometry of a journey map, shared by the canvas and every export.

`compute_layout(journey)` says where every stage column, card, flow arrow, emotion point
and friction bar goes, in abstract units (1 unit = 1 pt at 100 % zoom); `hit` answers
what lies under a point; `text` measures and wraps DejaVu Sans; `style` holds the colours.
"""

from journeymap.layout.engine import compute_layout
from journeymap.layout.geometry import (
    CardBox,
    EmotionLane,
    EmotionPoint,
    FlowPath,
    FrictionBar,
    FrictionLane,
    JourneyLayout,
    LayoutOptions,
    Point,
    Rect,
    SlotBox,
    StageBox,
)
from journeymap.layout.hit import card_at, drop_target, emotion_slot_at, stage_at, stage_insert_index
from journeymap.layout.text import elide_text, text_width, wrap_text

__all__ = [
    "CardBox", "EmotionLane", "EmotionPoint", "FlowPath", "FrictionBar", "FrictionLane", "JourneyLayout",
    "LayoutOptions", "Point", "Rect", "SlotBox", "StageBox",
    "card_at", "compute_layout", "drop_target", "elide_text", "emotion_slot_at", "stage_at",
    "stage_insert_index", "text_width", "wrap_text",
]
