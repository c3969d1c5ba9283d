"""The comparison section of the PDF (`--compare OLD`): after the map, what changed since OLD.

A drawn page with both emotion lines per stage (OLD dashed, this version solid), then
flowing pages: a before/after table per stage (touchpoints, average emotion, total
friction) and the changed touchpoints (new, moved, changed, removed) with what changed.
Every number comes from `journeymap.versions` (the same diff as `journeymap diff`).
"""

from __future__ import annotations

from journeymap.export.pdf import fonts, page
from journeymap.export.pdf.page import PageInfo, Sheet
from journeymap.export.pdf.painter import Painter
from journeymap.export.pdf.rich import Para
from journeymap.export.pdf.session import PdfSession
from journeymap.export.pdf.tables import TableStyles, column_widths, make_table, row, signed, text
from journeymap.export.pdf.textflow import Block, Gap, Keep
from journeymap.layout import style
from journeymap.layout.geometry import Rect
from journeymap.model import Journey
from journeymap.versions.compare import Comparison, change_entries
from journeymap.versions.diff import StageNumbers

HEADING = "Comparison"
KIND_LABELS = {"new": "New", "changed": "Changed", "moved": "Moved", "removed": "Removed"}
#: The other version's line and points (dashed), as on the map.
OLD_DASH = [5.0, 3.0]


def draw_chart_page(session: PdfSession, sheet: Sheet, journey: Journey, comparison: Comparison,
                    new_name: str) -> PageInfo:
    """One page: per stage, the other version's emotions (dashed) and this version's (solid), −2..+2."""
    p = Painter.for_page(session, sheet.height)
    k = sheet.k
    block = page.draw_title_block(p, sheet, journey, f"Comparison with {comparison.label}")
    box = sheet.content
    size = 9 * k
    top = block.bottom + 10 * k
    p.text(box.x, top + size, "Emotion per stage, before and after", font=fonts.BOLD, size=size * 1.4,
           fill=page.INK)
    legend_y = top + size * 3
    _legend(p, box.x, legend_y, size, comparison.label, new_name)
    chart = Rect(box.x + 40 * k, legend_y + size * 2, box.w - 40 * k, box.bottom - legend_y - size * 8)
    _chart(p, chart, journey, comparison, size)
    session.end_page(page.label_finisher(sheet))
    return PageInfo("comparison", "comparison")


def _legend(p: Painter, x: float, y: float, size: float, old_name: str, new_name: str) -> None:
    p.line(x, y - size * 0.35, x + 24, y - size * 0.35, stroke=style.COMPARE_LINE, width=1.6, dash=OLD_DASH)
    x = p_text(p, x + 30, y, f"before: {old_name}", size) + 18
    p.line(x, y - size * 0.35, x + 24, y - size * 0.35, stroke=style.FLOW, width=2.2)
    p_text(p, x + 30, y, f"after: {new_name}", size)


def p_text(p: Painter, x: float, y: float, value: str, size: float) -> float:
    """Draw `value` at (x, baseline y); return where it ends."""
    p.text(x, y, value, size=size, fill=page.INK)
    return x + fonts.string_width(value, fonts.REGULAR, size)


def _chart(p: Painter, area: Rect, journey: Journey, comparison: Comparison, size: float) -> None:
    old = comparison.other
    stages = comparison.diff.summary.stages
    if not stages:
        return
    level = {e: area.y + size * 2.5 + (2 - e) * (area.h - size * 7) / 4 for e in range(-2, 3)}
    for e, y in level.items():
        p.line(area.x, y, area.right, y, stroke=page.RULE, width=1.0 if e == 0 else 0.5,
               dash=None if e == 0 else [1.0, 2.5])
        p.text(area.x - 6, y + size * 0.35, signed(e), size=size, fill=page.MUTED, anchor="end")
    col = area.w / len(stages)
    for i, s in enumerate(stages):
        x0 = area.x + i * col
        p.rect(Rect(x0 + 2, area.y, col - 4, area.h), stroke=page.RULE, width=0.5)
        p.text(x0 + col / 2, area.y + size * 1.2, fonts.ellipsize(s.name, fonts.BOLD, size, col - 8),
               font=fonts.BOLD, size=size, fill=page.INK, anchor="middle")
        for version, dash, color, width in ((old, OLD_DASH, style.COMPARE_LINE, 1.6), (journey, None, style.FLOW, 2.2)):
            if not version.has_stage(s.id):
                continue
            rated = [t.emotion for t in version.touchpoints(s.id) if t.emotion is not None]
            pts = [(x0 + col * (j + 1) / (len(rated) + 1), level[e]) for j, e in enumerate(rated)]
            if len(pts) > 1:
                p.path(pts, stroke=color, width=width, dash=dash)
            for x, y in pts:
                p.circle(x, y, 2.6, fill=style.CARD_FILL if dash else color, stroke=color, width=1.2)
        line = f"avg {_avg(s.before)} \u2192 {_avg(s.after)}"
        p.text(x0 + col / 2, area.bottom - size * 1.6, line, size=size, fill=page.INK, anchor="middle")
        line = f"friction {_total(s.before)} \u2192 {_total(s.after)}"
        p.text(x0 + col / 2, area.bottom - size * 0.5, line, size=size, fill=page.MUTED, anchor="middle")


def _avg(numbers: StageNumbers | None) -> str:
    if numbers is None:
        return "\u2013"
    return "not rated" if numbers.avg_emotion is None else signed(numbers.avg_emotion, 1)


def _total(numbers: StageNumbers | None) -> str:
    if numbers is None:
        return "\u2013"
    return "not rated" if numbers.total_friction is None else str(numbers.total_friction)


def _count(numbers: StageNumbers | None) -> str:
    return "\u2013" if numbers is None else str(numbers.touchpoints)


def comparison_story(journey: Journey, comparison: Comparison, width: float, st: TableStyles) -> list[Block]:
    """The before/after table per stage, then the changed touchpoints."""
    stages = comparison.diff.summary.stages
    headings = ["Stage", "Touchpoints", "Average emotion", "Total friction"]
    cells = [[s.name, f"{_count(s.before)} \u2192 {_count(s.after)}", f"{_avg(s.before)} \u2192 {_avg(s.after)}",
              f"{_total(s.before)} \u2192 {_total(s.after)}"] for s in stages]
    widths = column_widths(headings, [[c[i] for c in cells] for i in range(4)], [2, 1, 1, 1],
                           [False, False, False, False], min(width, 520 * st.size / 8), st)
    rows = [row([Para(text(c[0]), st.strong)] + [Para(text(v), st.body) for v in c[1:]]) for c in cells]
    story: list[Block] = [Keep([Para(text(f"Before and after, stage by stage (before: {comparison.label})"),
                                     st.heading),
                                make_table(headings, rows, widths, st, range(2, len(rows) + 1, 2))]),
                          Gap(st.size * 2)]
    entries = change_entries(comparison, journey)
    headings = ["Touchpoint", "Stage", "Change", "What changed"]
    plain = [[e.name for e in entries], [e.stage for e in entries], [KIND_LABELS[e.kind] for e in entries],
             ["; ".join(e.details) for e in entries]]
    widths = column_widths(headings, plain, [2, 1, 1, 4], [False, False, True, False], width, st)
    rows = [row([Para(text(e.name), st.strong), Para(text(e.stage), st.body), Para(KIND_LABELS[e.kind], st.body),
                 [Para(text(d), st.small) for d in e.details] or [Para("", st.small)]]) for e in entries]
    title = Para(text(f"Changed touchpoints ({len(entries)})"), st.heading)
    if rows:
        story.append(Keep([title, make_table(headings, rows, widths, st, range(2, len(rows) + 1, 2))]))
    else:
        story += [title, Para("No touchpoint changed.", st.body)]
    return story
