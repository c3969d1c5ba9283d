"""The personas' emotion lines on the PDF map: a colour, a dash and a marker each, and their legend.

The same styles as the canvas (`journeymap.layout.style.persona_style`): the lines stay
apart in greyscale by their dash and marker, and for colour-blind readers by the
Okabe–Ito colours. Each persona's line is one path, so a reader (or a test) finds it whole.
"""

from __future__ import annotations

import math

from journeymap.export.pdf import fonts
from journeymap.export.pdf.pdfops import OpsWriter
from journeymap.layout import style
from journeymap.layout.geometry import EmotionLane, PersonaLine, Point, Rect
from journeymap.layout.text import baseline, elide_text, line_height

MARKER_RADIUS = 3.2
LINE_WIDTH = 1.6
DASHES: dict[str, list[float] | None] = {
    "solid": None,
    "dash": [4.0, 2.5],
    "dot": [1.0, 2.0],
    "dashdot": [4.0, 2.0, 1.0, 2.0],
    "longdash": [7.0, 3.0],
    "dashdotdot": [4.0, 2.0, 1.0, 2.0, 1.0, 2.0],
}


def marker(p: OpsWriter, shape: str, x: float, y: float, r: float, color: str) -> None:
    """A persona's marker at (x, y): paper-filled, outlined in its colour."""
    fill, width = style.CARD_FILL, 1.2
    if shape == "circle":
        p.circle(x, y, r, fill=fill, stroke=color, width=width)
        return
    points: list[Point]
    if shape == "square":
        k = r * 0.85
        points = [(x - k, y - k), (x + k, y - k), (x + k, y + k), (x - k, y + k)]
    elif shape in ("triangle", "triangle-down"):
        s = -1.0 if shape == "triangle" else 1.0
        points = [(x, y + s * r), (x - r, y - s * r * 0.8), (x + r, y - s * r * 0.8)]
    elif shape == "diamond":
        points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif shape == "star":
        points = [(x + (r if k % 2 == 0 else r * 0.45) * math.cos(-math.pi / 2 + k * math.pi / 5),
                   y + (r if k % 2 == 0 else r * 0.45) * math.sin(-math.pi / 2 + k * math.pi / 5)) for k in range(10)]
    else:  # cross and plus: two strokes
        if shape == "cross":
            p.line(x - r, y - r, x + r, y + r, stroke=color, width=1.6)
            p.line(x - r, y + r, x + r, y - r, stroke=color, width=1.6)
        else:
            p.line(x - r, y, x + r, y, stroke=color, width=1.6)
            p.line(x, y - r, x, y + r, stroke=color, width=1.6)
        return
    p.path(points, closed=True, fill=fill, stroke=color, width=width)


def draw_line(p: OpsWriter, line: PersonaLine, span: tuple[float, float]) -> None:
    """One persona's line (one path), its branches and its markers within the x `span`."""
    color, dash, shape = style.persona_style(line.style)
    if len(line.curve) >= 4:
        p.path(line.curve, curve=True, stroke=color, width=LINE_WIDTH, dash=DASHES.get(dash))
    for b in line.branches:
        p.path(b.points, curve=True, stroke=color, width=0.9, dash=[2.0, 2.0])
    for point in line.points:
        if span[0] <= point.x <= span[1]:
            marker(p, shape, point.x, point.y, MARKER_RADIUS, color)


def draw_legend(p: OpsWriter, lane: EmotionLane, title: Rect, title_lines: int, size: float) -> None:
    """The key of the persona lines under the lane's name: a line sample, the marker, the name."""
    small = size * 0.9
    pitch = line_height(small) * 1.25
    y = title.y + title_lines * line_height(size) + 4
    width = title.w - 30
    for line in lane.personas:
        if y + pitch > title.bottom:
            break
        color, dash, shape = style.persona_style(line.style)
        mid = y + pitch / 2
        p.line(title.x, mid, title.x + 16, mid, stroke=color, width=LINE_WIDTH, dash=DASHES.get(dash))
        marker(p, shape, title.x + 8, mid, 2.4, color)
        name = elide_text(line.name, width - 20, small)
        p.text(title.x + 20, baseline(y + (pitch - line_height(small)) / 2, small), name, font=fonts.REGULAR,
               size=small, fill=style.INK)
        y += pitch
