"""Draw the lanes of a `JourneyLayout` on a PDF page: backgrounds and titles, the cells' notes,
metric values and bars, the blueprint rules and the emotion curve's branches.

Everything comes from the layout (wrapped lines, their places, the "+ N more" line);
this module only chooses strokes, fills and fonts. Text is drawn with the embedded
DejaVu fonts at the layout's sizes, so a line the layout fitted into its cell stays in it.
"""

from __future__ import annotations

from journeymap.export.pdf import fonts
from journeymap.export.pdf.pdfops import OpsWriter
from journeymap.layout import style
from journeymap.layout.geometry import CELL_PAD_Y, BlueprintRule, EmotionBranch, LaneBox, LaneCell, Rect
from journeymap.layout.text import baseline, line_height

LANE_RADIUS = 6.0
RULE_DASH = [6.0, 4.0]
BRANCH_DASH = [4.0, 3.0]
BAR_FILL = "#4C78A8"


def draw_title(p: OpsWriter, title: Rect, lines: tuple[str, ...], size: float) -> None:
    """A lane's name, bold and muted, level with the first line of its cells."""
    pitch = line_height(size)
    for i, line in enumerate(lines):
        p.text(title.x, baseline(title.y + CELL_PAD_Y + i * pitch, size), line, font=fonts.BOLD, size=size,
               fill=style.MUTED)


def lane_frame(p: OpsWriter, lane: LaneBox, size: float, titled: bool) -> None:
    """A text, pain-point, opportunity or metric lane's background; with `titled`, its title."""
    p.rect(lane.rect, fill=style.LANE_BACKGROUND, stroke=style.GRID, width=1.0, radius=LANE_RADIUS)
    if titled:
        draw_title(p, lane.title, lane.title_lines, size)


def cell(p: OpsWriter, lane: LaneBox, c: LaneCell, size: float) -> None:
    """A cell's lines (a bullet per note, "+ N more" muted) or a metric's value and bar."""
    box = c.text_rect
    lines = [(indent, line, fonts.REGULAR, style.INK) for line, indent in zip(c.lines, c.indents, strict=False)]
    if c.more and lines:
        lines[-1] = (lines[-1][0], lines[-1][1], fonts.OBLIQUE, style.MUTED)
    p.text_lines(box.x, baseline(box.y, size), lane.line_height, size, lines)
    if c.value is not None:
        track = c.bar_track
        p.rect(track, fill=style.CARD_FILL, stroke=style.GRID, width=0.6, radius=1.5)
        if c.bar.w > 0:
            p.rect(c.bar, fill=BAR_FILL, radius=1.5)


def rule(p: OpsWriter, r: BlueprintRule, size: float, labelled: bool) -> None:
    """A blueprint line: dashed across the map; with `labelled`, its name above it on the left."""
    p.line(r.x0, r.y, r.x1, r.y, stroke=style.MUTED, width=1.0, dash=RULE_DASH)
    if labelled:
        pitch = line_height(size)
        for i, line in enumerate(r.label_lines):
            p.text(r.label_rect.x, baseline(r.label_rect.y + i * pitch, size), line, font=fonts.OBLIQUE, size=size,
                   fill=style.INK)


def branch(p: OpsWriter, b: EmotionBranch) -> None:
    """A branch of the emotion curve: thinner and dashed, in the curve's colour."""
    p.path(b.points, curve=True, stroke=style.FLOW, width=1.2, dash=BRANCH_DASH)

