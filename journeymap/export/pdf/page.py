"""Paper sizes and the furniture every page shares (title block, page label, footer)."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field

from reportlab.lib.units import inch, mm

from journeymap.export.pdf import fonts
from journeymap.export.pdf.painter import Painter
from journeymap.export.pdf.session import PageFinisher, PdfSession
from journeymap.layout.geometry import Rect
from journeymap.model import Journey

#: Paper name -> (width, height) in points, portrait.
PAPERS: dict[str, tuple[float, float]] = {
    "A4": (210 * mm, 297 * mm),
    "A3": (297 * mm, 420 * mm),
    "A2": (420 * mm, 594 * mm),
    "A1": (594 * mm, 841 * mm),
    "A0": (841 * mm, 1189 * mm),
    "letter": (8.5 * inch, 11 * inch),
    "legal": (8.5 * inch, 14 * inch),
    "tabloid": (11 * inch, 17 * inch),
}
#: PDF viewers (after Acrobat) refuse pages larger than 200 inches on a side.
MAX_PAGE_SIDE = 14_400.0

INK = "#1F2328"
MUTED = "#57606A"
RULE = "#8C959F"


def paper_names() -> list[str]:
    """The paper names accepted by the exports, in menu order."""
    return list(PAPERS)


def page_size(paper: str, landscape: bool) -> tuple[float, float]:
    """(width, height) in points; raises ValueError for an unknown paper."""
    key = next((name for name in PAPERS if name.lower() == paper.lower()), None)
    if key is None:
        raise ValueError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    w, h = PAPERS[key]
    size = (h, w) if landscape else (w, h)
    assert max(size) <= MAX_PAGE_SIDE
    return size


@dataclass(frozen=True)
class Sheet:
    """A page of the chosen paper and the sizes its furniture is set in."""

    width: float
    height: float
    title: str = ""

    @property
    def k(self) -> float:
        """Furniture scale: 1 on A3, smaller on A4 and letter, larger on posters."""
        return float((min(self.width, self.height) / PAPERS["A3"][0]) ** 0.7)

    @property
    def margin(self) -> float:
        """White margin kept free on every side (printers cannot print to the edge)."""
        return float(max(10 * mm, 0.035 * min(self.width, self.height)))

    @property
    def content(self) -> Rect:
        """The page inside the margins, top-down coordinates."""
        m = self.margin
        return Rect(m, m, self.width - 2 * m, self.height - 2 * m)


@dataclass
class PageInfo:
    """What one page of the PDF holds; `cards` are the card rectangles drawn on it (page points, y up)."""

    kind: str                       # 'map', 'overview', 'tile', 'details' or 'insights'
    label: str = ""
    scale: float = 1.0
    cards: dict[str, Rect] = field(default_factory=dict)


def export_date() -> str:
    """Today as YYYY-MM-DD, or the day of SOURCE_DATE_EPOCH (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    return datetime.date.today().isoformat()


def persona_summary(journey: Journey) -> str:
    """'Maya, busy runner — 34, runs 3x a week · Goals: …' for the personas of a journey."""
    parts = []
    for persona in journey.personas():
        text = persona.name
        if persona.description:
            text += f" — {persona.description}"
        if persona.goals:
            text += " · Goals: " + "; ".join(persona.goals)
        parts.append(text)
    return "Persona: " + " | ".join(parts) if parts else ""


def title_block_height(sheet: Sheet) -> float:
    """Height of the title block drawn by `draw_title_block`, rule included."""
    k = sheet.k
    return 17 * k * 1.2 + 2 * 8.5 * k * 1.3 + 8.5 * k * 1.3 + 10 * k


def draw_title_block(painter: Painter, sheet: Sheet, journey: Journey, subtitle: str) -> Rect:
    """Title, description, persona summary, export date and `subtitle` across the page top.

    Returns the block's rectangle. The page label itself ('page 2 of 7') is added when
    the document is complete (see `PdfSession.end_page`), at `page_label_anchor(sheet)`.
    """
    k = sheet.k
    box = sheet.content
    height = title_block_height(sheet)
    right_w = min(box.w * 0.3, 190 * k)
    left_w = box.w - right_w - 12 * k
    size = 17 * k
    y = painter.text_lines(box.x, box.y, [fonts.ellipsize(journey.title, fonts.BOLD, size, left_w)],
                           font=fonts.BOLD, size=size, fill=INK)
    small = 8.5 * k
    if journey.description:
        lines = fonts.wrap_lines(journey.description, fonts.REGULAR, small, left_w, 2)
        painter.text_lines(box.x, y, lines, size=small, leading=small * 1.3, fill=INK)
    persona = persona_summary(journey)
    if persona:
        line = fonts.ellipsize(" ".join(persona.split()), fonts.OBLIQUE, small, left_w)
        painter.text_lines(box.x, y + 2 * small * 1.3, [line], font=fonts.OBLIQUE, size=small, fill=MUTED)
    rx = box.right
    painter.text_lines(rx, box.y + 2 * k, [fonts.ellipsize(subtitle, fonts.BOLD, 10 * k, right_w)],
                       font=fonts.BOLD, size=10 * k, fill=INK, anchor="end")
    stats = (f"{len(journey.stages())} stages · {journey.touchpoint_count()} touchpoints · "
             f"{len(journey.flows())} flows")
    painter.text_lines(rx, box.y + 2 * k + 10 * k * 1.3, [fonts.ellipsize(stats, fonts.REGULAR, small, right_w),
                                                          f"Exported {export_date()}"],
                       size=small, leading=small * 1.3, fill=MUTED, anchor="end")
    rule_y = box.y + height - 4 * k
    painter.line(box.x, rule_y, box.right, rule_y, stroke=RULE, width=0.8 * k)
    return Rect(box.x, box.y, box.w, height)


def page_label_anchor(sheet: Sheet) -> tuple[float, float, float]:
    """(x of the right edge, baseline, font size) of the page label in the title block."""
    k = sheet.k
    small = 8.5 * k
    top = sheet.content.y + 2 * k + 10 * k * 1.3 + 2 * small * 1.3
    return sheet.content.right, top + small * 0.93, small


def label_finisher(sheet: Sheet, prefix: str = "") -> PageFinisher:
    """A finisher that writes '{prefix}page N of M' at the title block's page-label place."""
    def finish(session: PdfSession, number: int, total: int) -> None:
        x, baseline, size = page_label_anchor(sheet)
        Painter.for_page(session, sheet.height).text(
            x, baseline, f"{prefix}page {number} of {total}", size=size, fill=MUTED, anchor="end")
    return finish


def footer_finisher(sheet: Sheet, text: str, inset: float = 0.0) -> PageFinisher:
    """A finisher that writes `text` and 'page N of M' in the bottom margin, `inset` from the sides."""
    def finish(session: PdfSession, number: int, total: int) -> None:
        k = sheet.k
        size = 7.5 * k
        painter = Painter.for_page(session, sheet.height)
        baseline = sheet.height - sheet.margin / 2 + size * 0.35
        label = fonts.ellipsize(text, fonts.REGULAR, size, sheet.content.w * 0.7)
        painter.text(sheet.content.x + inset, baseline, label, size=size, fill=MUTED)
        painter.text(sheet.content.right - inset, baseline, f"page {number} of {total}", size=size, fill=MUTED,
                     anchor="end")
    return finish


def rect_inside(r: Rect, area: Rect, page_height: float) -> bool:
    """True when `r` (page points, y up) lies wholly inside `area` (page points, top-down)."""
    bottom_up = Rect(area.x, page_height - area.bottom, area.w, area.h)
    return (bottom_up.x <= r.x and r.right <= bottom_up.right
            and bottom_up.y <= r.y and r.bottom <= bottom_up.bottom)
