"""The lanes a person can add from the palette or Insert ▸ Lane: what each template makes.

The words are the practitioners' (NN/g, the Miro/Mural templates): Doing, Thinking,
Feeling for the customer; Frontstage, Backstage and Support processes for a service
blueprint; the built-in lanes draw the touchpoints' own data and appear at most once.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.model import Journey, Lane
from journeymap.model.lanes import (
    BACKSTAGE,
    CUSTOMER,
    EMOTION,
    FRICTION,
    FRONTSTAGE,
    METRIC,
    OPPORTUNITIES,
    PAIN_POINTS,
    SUPPORT,
    TEXT,
    make_lane,
)

CUSTOM_LANE_NAME = "New lane"
METRIC_TEMPLATE = "Metric…"
CUSTOM_TEMPLATE = "Custom text lane"


@dataclass(frozen=True)
class LaneTemplate:
    """One palette entry: its label, what it says when hovered, and the lane it makes."""

    label: str
    tip: str
    kind: str
    section: str = CUSTOMER


LANE_TEMPLATES: tuple[LaneTemplate, ...] = (
    LaneTemplate("Doing", "What the customer does at each step", TEXT),
    LaneTemplate("Thinking", "What the customer thinks or asks: questions, quotes", TEXT),
    LaneTemplate("Feeling", "How the customer feels, in words", TEXT),
    LaneTemplate("Emotion curve", "The emotion of each touchpoint as a curve", EMOTION),
    LaneTemplate("Friction", "The friction of each touchpoint as bars", FRICTION),
    LaneTemplate("Pain points", "Each touchpoint's pain points as text", PAIN_POINTS),
    LaneTemplate("Opportunities", "Each touchpoint's opportunities as text", OPPORTUNITIES),
    LaneTemplate(METRIC_TEMPLATE, "One metric's value per touchpoint (CSAT, CES, NPS, drop-off, or your own)", METRIC),
    LaneTemplate("Frontstage", "Service blueprint: what staff do that the customer sees", TEXT, FRONTSTAGE),
    LaneTemplate("Backstage", "Service blueprint: what staff do that the customer does not see", TEXT, BACKSTAGE),
    LaneTemplate("Support processes", "Service blueprint: the systems, suppliers and processes behind it", TEXT,
                 SUPPORT),
    LaneTemplate(CUSTOM_TEMPLATE, "A lane of notes you name yourself", TEXT),
)


def template(label: str) -> LaneTemplate:
    """The template with this label (KeyError if there is none)."""
    for found in LANE_TEMPLATES:
        if found.label == label:
            return found
    raise KeyError(label)


def lane_for(journey: Journey, label: str, metric: str = "") -> Lane:
    """The lane the template `label` adds to `journey` (a metric lane needs `metric`).

    Raises ValueError with a sentence for the status bar when the journey already shows
    that built-in lane (or that metric).
    """
    chosen = template(label)
    if chosen.kind == TEXT:
        name = CUSTOM_LANE_NAME if chosen.label == CUSTOM_TEMPLATE else chosen.label
        return make_lane(TEXT, id=journey.new_lane_id(name), name=name, section=chosen.section)
    lane = make_lane(chosen.kind, metric=metric)
    if journey.has_lane(lane.key):
        raise ValueError(f"The {lane.title} lane is already on the map")
    return lane
