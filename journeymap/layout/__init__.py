"""Pure geometry of a journey map, shared by the canvas and every export.

`compute_layout(journey)` says where every stage column, card, flow arrow, lane (with its
cells, emotion points and friction bars) and blueprint rule goes, in abstract units
(1 unit = 1 pt at 100 % zoom); `hit` answers what lies under a point; `text` measures
and wraps DejaVu Sans; `style` holds the colours.
"""

from journeymap.layout.engine import compute_layout
from journeymap.layout.geometry import (
    BlueprintRule,
    CardBox,
    EmotionBranch,
    EmotionLane,
    EmotionPoint,
    FlowPath,
    FrictionBar,
    FrictionLane,
    JourneyLayout,
    LaneBox,
    LaneCell,
    LayoutOptions,
    Point,
    Rect,
    SlotBox,
    StageBox,
)
from journeymap.layout.hit import (
    card_at,
    cell_rect,
    drop_target,
    emotion_slot_at,
    lane_at,
    lane_cell_at,
    lane_title_at,
    stage_at,
    stage_insert_index,
)
from journeymap.layout.text import elide_text, text_width, wrap_text

__all__ = [
    "BlueprintRule", "CardBox", "EmotionBranch", "EmotionLane", "EmotionPoint", "FlowPath", "FrictionBar",
    "FrictionLane", "JourneyLayout", "LaneBox", "LaneCell", "LayoutOptions", "Point", "Rect", "SlotBox", "StageBox",
    "card_at", "cell_rect", "compute_layout", "drop_target", "elide_text", "emotion_slot_at", "lane_at",
    "lane_cell_at", "lane_title_at", "stage_at", "stage_insert_index", "text_width", "wrap_text",
]
