"""The compare marks on the printed map: the other version's emotion line (dashed) and the card badges.

Both come from the layout (`journeymap.layout.compare`), so the page marks exactly what
the app's compare view marks.
"""

from __future__ import annotations

from journeymap.export.pdf import fonts
from journeymap.export.pdf.pdfops import OpsWriter, origin_of
from journeymap.layout import style
from journeymap.layout.geometry import CompareLine, CompareMark
from journeymap.layout.text import baseline

#: The other version's line: dashed, thinner than the current curve, in its own colour.
LINE_DASH = [5.0, 3.0]
DOT_RADIUS = 3.0


def other_line(p: OpsWriter, line: CompareLine, span: tuple[float, float]) -> None:
    """The other version's curve and a small dot per point, for what lies in `span` (x)."""
    points = [pt for pt in line.points if span[0] <= pt.x <= span[1]]
    curve = line.curve
    shown = [i for i in range(0, len(curve) - 1, 3) if curve[i + 3][0] >= span[0] and curve[i][0] <= span[1]]
    if shown:
        part = curve[shown[0]: shown[-1] + 4]
        p.move_origin(origin_of(part[0][0]))
        p.path(part, curve=True, stroke=style.COMPARE_LINE, width=1.6, dash=LINE_DASH)
    for pt in points:
        p.move_origin(origin_of(pt.x))
        p.circle(pt.x, pt.y, DOT_RADIUS, fill=style.CARD_FILL, stroke=style.COMPARE_LINE, width=1.2)


def badge(p: OpsWriter, mark: CompareMark, size: float) -> None:
    """A card's compare badge: a filled pill with its words in white."""
    r = mark.rect
    color = style.COMPARE_COLORS.get(mark.tone, style.COMPARE_COLORS["neutral"])
    p.move_origin(origin_of(r.x))
    p.rect(r, fill=color, stroke=style.CARD_FILL, width=1.0, radius=r.h / 2)
    p.text(r.x + r.w / 2, baseline(r.y + 1, size), mark.label, font=fonts.REGULAR, size=size, fill="#FFFFFF",
           anchor="middle")
