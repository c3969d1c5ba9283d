"""The shapes a journey map is made of, in abstract units (1 unit = 1 pt at 100 % zoom).

`compute_layout(journey, options)` (in `journeymap.layout.engine`) returns a
`JourneyLayout` built from these records. The canvas places its items from it and
every export draws it, so the printed map matches the screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Point = tuple[float, float]


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle; y grows downwards (as on screen)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """The x of the right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """The y of the bottom edge (the larger y: y grows downwards)."""
        return self.y + self.h

    @property
    def center(self) -> Point:
        """The middle point (x, y)."""
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, x: float, y: float) -> bool:
        """True when the point lies inside (edges included)."""
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def intersects(self, other: Rect) -> bool:
        """True when the two rectangles overlap."""
        return not (other.x >= self.right or other.right <= self.x or other.y >= self.bottom or other.bottom <= self.y)

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        """A smaller rectangle, `dx`/`dy` in from every side."""
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, max(0.0, self.w - 2 * dx), max(0.0, self.h - 2 * dy))


@dataclass(frozen=True)
class LayoutOptions:
    """Sizes and switches of the map layout. Defaults are tuned for screen and A3 print."""

    card_width: float = 168.0
    card_height: float = 96.0
    card_gap: float = 16.0          # horizontal gap between cards of a stage
    row_gap: float = 24.0           # vertical gap between alternative-path rows
    stage_padding: float = 16.0     # inside a stage column, around its cards
    stage_gap: float = 6.0          # between stage columns
    header_height: float = 52.0
    lane_gap: float = 18.0          # between the card area and each lane
    emotion_lane_height: float = 150.0
    friction_lane_height: float = 80.0
    margin: float = 24.0            # around the whole map
    name_font_size: float = 10.5    # card names, in points at 100 %
    header_font_size: float = 13.0
    label_font_size: float = 8.5    # flow labels, badges, lane labels
    max_name_lines: int = 3
    show_emotion: bool = True
    show_friction: bool = True
    show_flows: bool = True
    lane_title_width: float = 84.0  # left of the lanes: their names and scales
    lane_font_size: float = 8.5     # notes, pain points, opportunities and metric values in the lanes
    lane_max_lines: int = 8         # a text lane grows to its fullest cell up to this many lines, then "+ N more"
    metric_lane_height: float = 40.0
    persona: str | None = None      # draw the emotion line of this persona only (None: every persona's)


@dataclass(frozen=True)
class StageBox:
    """One stage column: its header and the body where its cards sit."""

    id: str
    index: int
    name_lines: tuple[str, ...]     # wrapped and ellipsized to the header width
    color: str                      # '#RRGGBB': the stage's own colour or the automatic one
    column: Rect                    # full height, from header to the bottom of the lanes
    header: Rect
    body: Rect                      # card area (all rows)
    first_slot: int = 0             # its slots are layout.slots[first_slot:first_slot + slot_count]
    slot_count: int = 0


@dataclass(frozen=True)
class CardBox:
    """A touchpoint card and the places of what it shows."""

    id: str
    stage: str
    index: int                      # step index inside the stage (= its x slot)
    row: int                        # 0 = main path, 1.. = alternative-path rows
    rect: Rect
    name_lines: tuple[str, ...]     # wrapped to the card width, ellipsized past max_name_lines
    channel_icon: Rect              # where the channel icon goes
    channel_label: str              # display name of the channel ('' when none)
    friction_badge: Rect            # small badge with the friction number (and colour)
    markers: Rect  # pain-point / opportunity counts
    outline: str  # 'dashed' (assumption), 'dotted' (anecdotal), 'solid' (observed, unknown), 'double' (measured)
    name_rect: Rect = Rect(0.0, 0.0, 0.0, 0.0)      # box of the name lines (first line box starts at its top)
    name_line_height: float = 0.0                    # pitch of the name lines
    channel_label_rect: Rect = Rect(0.0, 0.0, 0.0, 0.0)  # box of the channel label (already elided to fit)


@dataclass(frozen=True)
class FlowPath:
    """A flow arrow: a chain of cubic Bézier segments from source card to target card."""

    source: str
    target: str
    kind: str  # 'forward', 'backward' (a loop drawn back below the cards) or 'vertical' (same slot, other row)
    points: tuple[Point, ...]       # p0, c1, c2, p1, c1, c2, p2, ... (3n + 1 points)
    label: str
    label_anchor: Point             # centre of the label text
    arrow_tip: Point
    arrow_angle: float              # radians, direction the arrow head points
    label_text: str = ""  # the label as drawn: elided to fit label_rect ('' when none)
    label_rect: Rect = Rect(0.0, 0.0, 0.0, 0.0)  # box of label_text, centred on label_anchor (fill it to mask the line)


@dataclass(frozen=True)
class EmotionPoint:
    """A rated touchpoint on the emotion lane."""

    id: str
    x: float
    y: float
    emotion: int
    row: int = 0                    # the touchpoint's row: 0 = on the main curve, else on a branch


@dataclass(frozen=True)
class EmotionBranch:
    """A thinner, dashed line joining an emotion point off the main path to a neighbour on its own path."""

    source: str                     # touchpoint ids, in flow direction
    target: str
    points: tuple[Point, ...]       # one cubic Bézier: p0, c1, c2, p1


@dataclass(frozen=True)
class PersonaLine:
    """One persona's emotion line, drawn when the personas of a journey feel differently somewhere.

    Its points are where that persona has a value (its own entry, else the main emotion),
    each nudged up or down by the persona's `dodge` so that lines and markers of personas
    who feel the same stay apart; `style` picks its colour, dash and marker
    (`journeymap.layout.style.persona_style`).
    """

    persona: str                    # persona id
    name: str
    style: int
    points: tuple[EmotionPoint, ...]
    curve: tuple[Point, ...]        # through its main-path (row 0) points, like the main curve
    branches: tuple[EmotionBranch, ...] = ()
    dodge: float = 0.0              # y offset of this line from the value's grid line


@dataclass(frozen=True)
class CompareLine:
    """Another version's emotion line at this map's slots: the touchpoints both versions have."""

    points: tuple[EmotionPoint, ...]            # at the current slot x, the other version's emotion and row
    curve: tuple[Point, ...]                     # through the points that are on the other version's main path


@dataclass(frozen=True)
class CompareMark:
    """The badge on a card that changed since the other version: new, moved, emotion/friction up or down."""

    id: str
    kinds: tuple[str, ...]          # of journeymap.layout.compare.MARK_KINDS, in that order
    label: str                      # what the badge says, elided to the card
    tone: str                       # 'new', 'better', 'worse' or 'neutral' (its colour: style.COMPARE_COLORS)
    rect: Rect                      # the badge, straddling the card's top edge


@dataclass(frozen=True)
class EmotionLane:
    """The emotion curve below the cards: −2 at the bottom, +2 at the top."""

    rect: Rect
    level_y: Mapping[int, float]                 # emotion value -> y of its grid line
    slots: Mapping[str, float]                   # every touchpoint id -> x of its slot (rated or not)
    points: tuple[EmotionPoint, ...]             # rated touchpoints in journey order
    curve: tuple[Point, ...]                     # the main curve: through the row-0 points (3n + 1 Bézier points)
    title: Rect = Rect(0.0, 0.0, 0.0, 0.0)       # left of the lane: room for its name and the scale
    branches: tuple[EmotionBranch, ...] = ()      # joins of the points off the main path, along their flows
    personas: tuple[PersonaLine, ...] = ()        # one line per persona where personas feel differently
    compare: CompareLine | None = None           # another version's line, drawn dashed under this one (compare view)

    def emotion_at(self, y: float) -> int:
        """The emotion value whose grid line is nearest to `y` (snaps to −2..+2)."""
        return min(self.level_y, key=lambda e: abs(self.level_y[e] - y))


@dataclass(frozen=True)
class FrictionBar:
    """One touchpoint's friction bar on the friction lane."""

    id: str
    rect: Rect                      # zero height when friction is 0; absent (not in bars) when unrated
    friction: int
    color: str


@dataclass(frozen=True)
class FrictionLane:
    """The friction lane: a bar per rated touchpoint, 0–4, coloured by severity."""

    rect: Rect
    level_y: Mapping[int, float]
    slots: Mapping[str, float]
    bars: tuple[FrictionBar, ...]
    title: Rect = Rect(0.0, 0.0, 0.0, 0.0)       # left of the lane: room for its name and the scale


#: Padding inside a lane cell, and the height of a metric bar.
CELL_PAD_X = 4.0
CELL_PAD_Y = 5.0
METRIC_BAR_HEIGHT = 7.0


@dataclass(frozen=True)
class LaneCell:
    """One touchpoint's cell of a text, pain-point, opportunity or metric lane (only cells with content).

    Line i of `lines` has its box's top at `text_rect.y + i * lane.line_height` and starts
    at `text_rect.x + indents[i]`; a note's first line starts with "• ", its other lines
    hang under its text. With `more` > 0 the last line is "+ N more" (the notes that did
    not fit under the lane's cap; `notes` has them all, for the tooltip and the inspector).
    """

    id: str                         # the touchpoint
    rect: Rect                      # the touchpoint's column across the lane's height
    lines: tuple[str, ...]
    indents: tuple[float, ...]
    notes: tuple[str, ...]          # every note of the cell (metric lanes: the value as shown)
    more: int = 0
    value: float | None = None      # metric lanes: the value
    fraction: float = 0.0           # metric lanes: the bar's length as a share of its full width

    @property
    def text_rect(self) -> Rect:
        """Where the lines go: the cell minus its padding."""
        return self.rect.inset(CELL_PAD_X, CELL_PAD_Y)

    @property
    def bar_track(self) -> Rect:
        """Metric lanes: the bar's full-width track, under the value."""
        r = self.text_rect
        return Rect(r.x, r.bottom - METRIC_BAR_HEIGHT, r.w, METRIC_BAR_HEIGHT)

    @property
    def bar(self) -> Rect:
        """Metric lanes: the bar, `fraction` of the track."""
        t = self.bar_track
        return Rect(t.x, t.y, t.w * self.fraction, t.h)


@dataclass(frozen=True)
class LaneBox:
    """One lane: a row across the whole map under the cards, with its title on the left.

    `layout.lanes` lists them top to bottom; the emotion and friction lanes are here too
    (their points and bars are in `layout.emotion` / `layout.friction`, cells empty).
    """

    key: str                        # Lane.key: a text lane's id, a built-in's kind, "metric:NAME"
    kind: str                       # text, emotion, friction, pain-points, opportunities, metric
    index: int                      # position in journey.lanes() (what move_lane takes)
    section: str                    # customer, frontstage, backstage, support
    name: str                       # Lane.title: what the title shows
    rect: Rect                      # the row across the stage columns
    title: Rect                     # the title column left of it (the canvas pins it when scrolling sideways)
    title_lines: tuple[str, ...]    # the name wrapped (bold) to the title width
    line_height: float              # pitch of the cells' lines
    cells: Mapping[str, LaneCell] = field(default_factory=dict)  # touchpoint id -> its cell, slot order

    @property
    def band(self) -> Rect:
        """Title column and row together: the whole horizontal extent of the lane."""
        return Rect(self.title.x, self.rect.y, self.rect.right - self.title.x, self.rect.h)


@dataclass(frozen=True)
class BlueprintRule:
    """A labelled dashed rule between two service-blueprint sections (line of interaction, ...)."""

    section: str                    # the section below the rule
    label: str                      # "Line of interaction", "Line of visibility", "Line of internal interaction"
    y: float
    x0: float                       # from the title column's left ...
    x1: float                       # ... to the right of the stage columns
    label_rect: Rect                # the label's box: in the title column, just above the rule (pinned like the titles)
    label_lines: tuple[str, ...] = ()  # the label wrapped to the title column's width (regular label_font_size)


@dataclass(frozen=True)
class SlotBox:
    """One x slot of the card area: a touchpoint's column, or the single slot of an empty stage."""

    stage: str
    index: int                      # step index inside the stage
    x: float
    w: float
    id: str | None                  # the touchpoint in this slot, None for an empty stage

    @property
    def center_x(self) -> float:
        """The x of the slot's middle, where its card is centred."""
        return self.x + self.w / 2


@dataclass(frozen=True)
class JourneyLayout:
    """Everything needed to draw a journey map; `bounds` encloses it all."""

    options: LayoutOptions
    bounds: Rect
    stages: tuple[StageBox, ...]
    cards: Mapping[str, CardBox]
    flows: tuple[FlowPath, ...]
    emotion: EmotionLane | None
    friction: FrictionLane | None
    extras: Mapping[str, object] = field(default_factory=dict)
    slots: tuple[SlotBox, ...] = ()               # every slot, left to right
    rows: Mapping[int, float] = field(default_factory=dict)  # model row -> y of the top of its cards
    lanes: tuple[LaneBox, ...] = ()               # every lane shown, top to bottom
    rules: tuple[BlueprintRule, ...] = ()         # the blueprint lines between sections, top to bottom
    marks: Mapping[str, CompareMark] = field(default_factory=dict)  # compare view: touchpoint id -> its badge

    def lane(self, key: str) -> LaneBox | None:
        """The lane shown under `key`, or None."""
        return next((lane for lane in self.lanes if lane.key == key), None)
