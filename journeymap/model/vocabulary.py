"""The words of the field: channels, emotion and friction scales, evidence levels, metrics."""

from __future__ import annotations

from dataclasses import dataclass

#: Known channel ids with their display names, in palette order.
CHANNELS: dict[str, str] = {
    "website": "Website",
    "mobile-app": "Mobile app",
    "email": "Email",
    "social-media": "Social media",
    "search": "Search",
    "advertising": "Advertising",
    "phone": "Phone",
    "chat": "Chat",
    "chatbot": "Chatbot",
    "in-store": "In store",
    "events": "Events",
    "direct-mail": "Direct mail",
    "sms": "SMS",
    "word-of-mouth": "Word of mouth",
    "review-site": "Review site",
    "partner": "Partner",
}

EMOTION_MIN = -2
EMOTION_MAX = 2
#: Emotion scale, very negative .. very positive.
EMOTIONS: dict[int, str] = {
    -2: "Very negative",
    -1: "Negative",
    0: "Neutral",
    1: "Positive",
    2: "Very positive",
}

FRICTION_MIN = 0
FRICTION_MAX = 4
#: Friction scale: effort and obstacles at a touchpoint.
FRICTIONS: dict[int, str] = {
    0: "None",
    1: "Low",
    2: "Medium",
    3: "High",
    4: "Blocking",
}

#: Evidence levels, weakest first.
EVIDENCE_LEVELS: dict[str, str] = {
    "assumption": "Assumption",
    "anecdotal": "Anecdotal",
    "observed": "Observed",
    "measured": "Measured",
}


#: Whole numbers (metrics included) have at most this many digits: far beyond any scale or
#: measure, still exact as a float (exports and the layout draw metrics as floats), and a
#: file's digit string is range-checked by its length before Python converts it.
MAX_INT_DIGITS = 15


@dataclass(frozen=True)
class MetricSpec:
    """A known metric: its name on screen, its valid range and how to read it."""

    key: str
    label: str
    minimum: float
    maximum: float
    hint: str


#: Known metrics with their ranges; other metric names are allowed with any number.
METRICS: dict[str, MetricSpec] = {
    "csat": MetricSpec("csat", "CSAT", 1, 5, "Customer satisfaction, average rating 1–5"),
    "ces": MetricSpec("ces", "CES", 1, 7, "Customer effort score 1–7 (higher = easier)"),
    "nps": MetricSpec("nps", "NPS", -100, 100, "Net Promoter Score, −100 to 100"),
    "drop_off": MetricSpec("drop_off", "Drop-off", 0, 1, "Share of customers who leave here, 0–1"),
}

#: The default stage template: the buying cycle.
DEFAULT_STAGES: tuple[tuple[str, str, str], ...] = (
    ("Awareness", "The customer realises a need and first hears of us", "#4C78A8"),
    ("Consideration", "The customer compares options and looks for information", "#72B7B2"),
    ("Intent", "The customer settles the decision: emotion, budget and logic", "#EECA3B"),
    ("Purchase", "The customer buys, signs up or books", "#F58518"),
    ("Retention", "The customer uses the product and keeps coming back", "#54A24B"),
    ("Advocacy", "The customer recommends us to others", "#B279A2"),
)


def channel_label(channel: str | None) -> str:
    """Display name of a channel: known ids get their name, custom text is shown as written."""
    if not channel:
        return "No channel"
    return CHANNELS.get(channel, channel)


def emotion_label(emotion: int | None) -> str:
    """Display name of an emotion value, or 'Not rated'."""
    return "Not rated" if emotion is None else EMOTIONS[emotion]


def friction_label(friction: int | None) -> str:
    """Display name of a friction value, or 'Not rated'."""
    return "Not rated" if friction is None else FRICTIONS[friction]


def metric_label(key: str) -> str:
    """Display name of a metric: CSAT, CES, NPS, Drop-off, or the custom name as written."""
    spec = METRICS.get(key)
    return spec.label if spec else key
