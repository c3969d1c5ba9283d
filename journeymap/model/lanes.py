"""Lanes: the rows of a journey map under the cards.

A lane is a row across the whole map with one cell per touchpoint. Text lanes hold the
team's own short notes (Doing, Thinking, Feeling, and the service-blueprint lanes:
frontstage, backstage, support); the built-in lanes draw the touchpoints' own data (the
emotion curve, the friction bars, the pain points, the opportunities, one metric).

A journey without a `lanes:` key in its file shows `DEFAULT_LANES`; the model keeps that
difference (`Journey.lane_config()` is None) so such a file saves byte-identical.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from journeymap.model.text import check_id, normalise_text, normalise_text_list

TEXT = "text"
EMOTION = "emotion"
FRICTION = "friction"
PAIN_POINTS = "pain-points"
OPPORTUNITIES = "opportunities"
METRIC = "metric"

#: Built-in lanes: each at most once per journey.
BUILTIN_KINDS = (EMOTION, FRICTION, PAIN_POINTS, OPPORTUNITIES)
#: Every kind a lane can have, in the order the palette offers them.
LANE_KINDS = (TEXT, *BUILTIN_KINDS, METRIC)

CUSTOMER, FRONTSTAGE, BACKSTAGE, SUPPORT = "customer", "frontstage", "backstage", "support"
#: Service-blueprint bands of text lanes, top to bottom.
SECTIONS = (CUSTOMER, FRONTSTAGE, BACKSTAGE, SUPPORT)
SECTION_LABELS = {
    CUSTOMER: "Customer",
    FRONTSTAGE: "Frontstage",
    BACKSTAGE: "Backstage",
    SUPPORT: "Support processes",
}
#: The labelled rules drawn between two blueprint sections (above the lower one).
BLUEPRINT_LINES = {
    FRONTSTAGE: "Line of interaction",
    BACKSTAGE: "Line of visibility",
    SUPPORT: "Line of internal interaction",
}

MAX_LANES = 50
MAX_LANE_NAME = 200

_DEFAULT_NAMES = {
    EMOTION: "Emotion",
    FRICTION: "Friction",
    PAIN_POINTS: "Pain points",
    OPPORTUNITIES: "Opportunities",
}


@dataclass(frozen=True)
class Lane:
    """One row of the map.

    `kind` is "text" or a built-in kind; a text lane has an `id` (its notes are kept
    under it on each touchpoint) and a `name`; a built-in lane's `name` is "" unless the
    team renamed it; a metric lane names its `metric`; `section` is the blueprint band
    of a text lane (customer, frontstage, backstage, support).
    """

    kind: str = TEXT
    id: str = ""
    name: str = ""
    section: str = CUSTOMER
    metric: str = ""

    @property
    def key(self) -> str:
        """What names this lane in the journey: a text lane's id, a built-in's kind,
        `metric:NAME` for a metric lane (ids cannot contain ':', so keys never clash)."""
        if self.kind == TEXT:
            return self.id
        if self.kind == METRIC:
            return f"{METRIC}:{self.metric}"
        return self.kind

    @property
    def title(self) -> str:
        """The name shown on the map: the lane's own name, or its kind's default."""
        if self.name:
            return self.name
        if self.kind == METRIC:
            from journeymap.model.vocabulary import metric_label

            return metric_label(self.metric)
        return _DEFAULT_NAMES.get(self.kind, self.kind)

    @property
    def is_text(self) -> bool:
        """True for a lane of the team's own notes."""
        return self.kind == TEXT


#: The lanes of a journey whose file has no `lanes:` key.
DEFAULT_LANES: tuple[Lane, ...] = (Lane(EMOTION), Lane(FRICTION), Lane(PAIN_POINTS), Lane(OPPORTUNITIES))

#: The lanes of the `blueprint` template: the customer's lanes, then the three blueprint bands.
BLUEPRINT_LANES: tuple[Lane, ...] = (
    Lane(TEXT, "doing", "Doing"),
    Lane(TEXT, "thinking", "Thinking"),
    Lane(TEXT, "feeling", "Feeling"),
    Lane(EMOTION),
    Lane(PAIN_POINTS),
    Lane(OPPORTUNITIES),
    Lane(TEXT, "frontstage", "Frontstage", FRONTSTAGE),
    Lane(TEXT, "backstage", "Backstage", BACKSTAGE),
    Lane(TEXT, "support-processes", "Support processes", SUPPORT),
)

_EMPTY_NOTES: Mapping[str, tuple[str, ...]] = MappingProxyType({})


def make_lane(
    kind: str = TEXT, *, id: str = "", name: str = "", section: str = CUSTOMER, metric: str = ""
) -> Lane:
    """A validated lane (ValueError with a clear message when something is wrong)."""
    if kind not in LANE_KINDS:
        raise ValueError(f"unknown lane kind {kind!r}: use one of {', '.join(LANE_KINDS)}")
    name = normalise_text(name, "lane name") if name else ""
    if "\n" in name:
        name = " ".join(name.split())
    if len(name) > MAX_LANE_NAME:
        raise ValueError(f"a lane name has at most {MAX_LANE_NAME} characters")
    if section not in SECTIONS:
        raise ValueError(f"section must be one of {', '.join(SECTIONS)}, not {section!r}")
    if kind == TEXT:
        check_id(id, "lane id")
        if id in BUILTIN_KINDS or id == METRIC:
            raise ValueError(f"lane id {id!r} is the name of a built-in lane kind; choose another id")
        if not name:
            raise ValueError(f"text lane {id!r} needs a name")
        return Lane(TEXT, id, name, section, "")
    if id:
        raise ValueError(f"a {kind} lane has no id (only text lanes have ids)")
    if section != CUSTOMER:
        raise ValueError(f"only text lanes have a section; a {kind} lane is drawn with the customer's lanes")
    if kind == METRIC:
        from journeymap.model.entities import clean_metric_name

        metric = clean_metric_name(metric) if metric else ""
        if not metric:
            raise ValueError("a metric lane names its metric, e.g. 'metric: drop_off'")
        return Lane(METRIC, "", name, CUSTOMER, metric)
    if metric:
        raise ValueError(f"only metric lanes name a metric; a {kind} lane has none")
    return Lane(kind, "", name, CUSTOMER, "")


def check_lanes(lanes: tuple[Lane, ...]) -> None:
    """Refuse a lane list with a repeated key (a built-in twice, two text lanes with one id)."""
    if len(lanes) > MAX_LANES:
        raise ValueError(f"a journey has at most {MAX_LANES} lanes")
    seen: set[str] = set()
    for lane in lanes:
        if lane.key in seen:
            what = f"text lane id {lane.id!r}" if lane.is_text else f"the {lane.title} lane"
            raise ValueError(f"{what} appears twice; each lane appears at most once")
        seen.add(lane.key)


def clean_lane_notes(value: object) -> Mapping[str, tuple[str, ...]]:
    """A touchpoint's notes: a read-only mapping of text-lane id to a tuple of non-empty texts.

    Lanes with no notes are left out, so "no notes" has one form. Whether each id names
    a text lane of the journey is checked by the journey.
    """
    if value is None:
        return _EMPTY_NOTES
    if not isinstance(value, Mapping):
        raise ValueError("lane notes must be a mapping of lane id to a list of texts")
    cleaned: dict[str, tuple[str, ...]] = {}
    for lane_id, notes in value.items():
        check_id(lane_id, "lane id")
        if notes is None:
            continue
        if not isinstance(notes, (list, tuple)):
            raise ValueError(f"the notes of lane {lane_id!r} must be a list of texts")
        texts = normalise_text_list(notes, f"notes of lane {lane_id!r}")
        if texts:
            cleaned[lane_id] = texts
    return MappingProxyType(cleaned) if cleaned else _EMPTY_NOTES
