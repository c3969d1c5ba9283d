"""The shared look of a journey map: fonts, colours and outlines for the canvas and the PDF.

Calm and printable: stage colours are muted, severity colours get darker as things get
worse (so friction still reads in greyscale), and neither emotion nor friction is ever
told by colour alone: renderers add the face glyph, the number or the position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journeymap.model import Stage

FONT_FAMILY = "DejaVu Sans"
HEADER_BOLD = True          # stage names
CARD_NAME_BOLD = False      # touchpoint names (measured by the layout in this weight)

#: The automatic stage palette (muted, distinct in print), used in order for stages without a colour.
STAGE_COLORS: tuple[str, ...] = (
    "#4C78A8", "#72B7B2", "#EECA3B", "#F58518", "#54A24B",
    "#B279A2", "#FF9DA6", "#9D755D", "#BAB0AC", "#E45756",
)

#: Friction 0..4: none, low, medium, high, blocking; darker as it gets worse.
FRICTION_COLORS: Mapping[int, str] = {
    0: "#CFE3C8",
    1: "#F2D675",
    2: "#EDA54A",
    3: "#D4603A",
    4: "#8E2424",
}

#: Emotion −2..2: very negative .. very positive, red through grey to green.
EMOTION_COLORS: Mapping[int, str] = {
    -2: "#B2282F",
    -1: "#E0836B",
    0: "#9AA5B1",
    1: "#74B96E",
    2: "#2B7A3B",
}

#: Compare badges by tone: a new touchpoint, better (emotion up, friction down), worse, mixed or other changes.
COMPARE_COLORS: Mapping[str, str] = {
    "new": "#2F5F8F",
    "better": "#2B7A3B",
    "worse": "#B2282F",
    "neutral": "#57606A",
}
#: The other version's emotion line (compare view and print), drawn dashed.
COMPARE_LINE = "#8A6FB0"

#: Card outline per evidence level (None = not stated, drawn as observed).
OUTLINE_BY_EVIDENCE: Mapping[str | None, str] = {
    "assumption": "dashed",
    "anecdotal": "dotted",
    "observed": "solid",
    "measured": "double",
    None: "solid",
}

@dataclass(frozen=True)
class Scheme:
    """Neutral colours of the map; `LIGHT` prints, `DARK` follows a dark desktop."""

    paper: str          # background of the whole map
    ink: str            # names and numbers
    muted: str          # secondary text: channel labels, scales, flow labels
    card_fill: str
    card_border: str
    lane_background: str
    grid: str           # lane grid lines and the friction baseline
    flow: str           # flow arrows
    selection: str


LIGHT = Scheme(
    paper="#FFFFFF", ink="#1F2933", muted="#616E7C", card_fill="#FFFFFF", card_border="#7B8794",
    lane_background="#F5F7FA", grid="#D3D9E0", flow="#52606D", selection="#2F6FDE",
)
DARK = Scheme(
    paper="#1E2227", ink="#E4E7EB", muted="#9AA5B1", card_fill="#2A3038", card_border="#7B8794",
    lane_background="#252A31", grid="#3E4752", flow="#9AA5B1", selection="#6FA1F5",
)

INK = LIGHT.ink
MUTED = LIGHT.muted
CARD_FILL = LIGHT.card_fill
CARD_BORDER = LIGHT.card_border
LANE_BACKGROUND = LIGHT.lane_background
GRID = LIGHT.grid
FLOW = LIGHT.flow


def stage_color(stage: Stage, index: int) -> str:
    """The stage's own colour, or the automatic palette colour for its position."""
    return stage.color or STAGE_COLORS[index % len(STAGE_COLORS)]


def friction_color(friction: int) -> str:
    """Severity colour of a friction value 0..4 (clamped)."""
    return FRICTION_COLORS[min(4, max(0, friction))]


def emotion_color(emotion: int) -> str:
    """Colour of an emotion value −2..2 (clamped)."""
    return EMOTION_COLORS[min(2, max(-2, emotion))]


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def luminance(color: str) -> float:
    """Relative luminance 0 (black) .. 1 (white) of a '#RRGGBB' colour (WCAG)."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(color: str) -> str:
    """Ink or white, whichever reads better on a `color` background."""
    return INK if luminance(color) > 0.36 else "#FFFFFF"


def tint(color: str, amount: float, toward: str = "#FFFFFF") -> str:
    """`color` mixed with `toward` (white by default); `amount` 0 keeps it, 1 gives `toward`."""
    a = _rgb(color)
    b = _rgb(toward)
    mixed = (round(x + (y - x) * amount) for x, y in zip(a, b, strict=False))
    return "#" + "".join(f"{c:02X}" for c in mixed)


#: Persona lines: colours from the Okabe–Ito palette (told apart with every common colour
#: blindness), each with its own dash and marker so the lines survive greyscale printing.
PERSONA_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D1F")
PERSONA_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "dashdotdot")
PERSONA_MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "cross", "plus", "star")


def persona_style(index: int) -> tuple[str, str, str]:
    """(colour, dash, marker) of the `index`-th persona line. Colours and markers repeat every
    8 personas and dashes every 6, so no two of the first 24 personas look alike."""
    return (PERSONA_COLORS[index % len(PERSONA_COLORS)], PERSONA_DASHES[index % len(PERSONA_DASHES)],
            PERSONA_MARKERS[index % len(PERSONA_MARKERS)])
