"""The details pages: every touchpoint in journey order, then a summary per stage (Platypus)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from journeymap.export.pdf import fonts
from journeymap.model import (
    EVIDENCE_LEVELS,
    Journey,
    Touchpoint,
    channel_label,
    emotion_label,
    friction_label,
    metric_label,
)

HEADER_FILL = HexColor("#3A4149")
STRIPE_FILL = HexColor("#F1F3F5")
GRID = HexColor("#B8BEC5")
MUTED = HexColor("#57606A")

#: (heading, relative width) of the touchpoint table's columns.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Stage", 1.0), ("Touchpoint", 2.6), ("Channel", 1.0), ("Emotion", 0.95), ("Friction", 0.85),
    ("Pain points", 2.0), ("Opportunities", 2.0), ("Owner", 1.0), ("Evidence", 0.95), ("Metrics", 1.1),
)
#: Descriptions longer than this are shortened in the table (the file keeps them whole):
#: a table row should stay a row, not become a page.
DESCRIPTION_LIMIT = 600
SUMMARY_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Stage", 1.4), ("Touchpoints", 0.9), ("Average emotion", 1.1), ("Max friction", 1.0),
    ("Pain points", 4.0), ("Channels", 2.0),
)


@dataclass(frozen=True)
class TableStyles:
    """The paragraph styles of the table pages, sized for the paper (`size` is the body size)."""

    size: float

    def _style(self, name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = dict(fontName=fonts.REGULAR, fontSize=self.size, leading=self.size * 1.22,
                                       splitLongWords=1, allowWidows=1, allowOrphans=1)
        base.update(kw)
        return ParagraphStyle(name, **base)

    @property
    def body(self) -> ParagraphStyle:
        """Plain cell text."""
        return self._style("jm-body")

    @property
    def small(self) -> ParagraphStyle:
        """Secondary text (descriptions)."""
        return self._style("jm-small", fontSize=self.size * 0.88, leading=self.size * 1.08, textColor=MUTED)

    @property
    def strong(self) -> ParagraphStyle:
        """Touchpoint names."""
        return self._style("jm-strong", fontName=fonts.BOLD)

    @property
    def head(self) -> ParagraphStyle:
        """Column headings (white on dark grey: readable on any printer)."""
        return self._style("jm-head", fontName=fonts.BOLD, textColor=HexColor("#FFFFFF"))

    @property
    def heading(self) -> ParagraphStyle:
        """Section headings above the tables."""
        return self._style("jm-heading", fontName=fonts.BOLD, fontSize=self.size * 1.6,
                           leading=self.size * 2.0, spaceAfter=self.size * 0.6)


def text(value: str) -> str:
    """User text made safe for a Paragraph: markup characters print literally, newlines break."""
    return escape(value).replace("\n", "<br/>")


def signed(value: float, digits: int = 0) -> str:
    """'+1', '0', '−2' (typographic minus), as the map's scales are labelled."""
    shown = f"{abs(value):.{digits}f}"
    if float(shown) == 0:
        return shown
    return ("+" if value > 0 else "\u2212") + shown


def shorten(value: str, limit: int) -> str:
    """`value` cut at a word boundary to at most `limit` characters, ending with '…' when cut."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def _bullets(items: tuple[str, ...]) -> str:
    return "<br/>".join("• " + text(item) for item in items)


def _metric(key: str, value: float) -> str:
    shown = f"{value * 100:g} %" if key == "drop_off" else f"{value:g}"
    return f"{text(metric_label(key))} {shown}"


def _touchpoint_row(journey: Journey, tp: Touchpoint, st: TableStyles) -> list[Flowable | list[Flowable]]:
    name: list[Flowable] = [Paragraph(text(tp.name), st.strong)]
    if tp.description:
        name.append(Paragraph(text(shorten(tp.description, DESCRIPTION_LIMIT)), st.small))
    emotion = "–" if tp.emotion is None else f"{signed(tp.emotion)} {emotion_label(tp.emotion)}"
    friction = "–" if tp.friction is None else f"{tp.friction} {friction_label(tp.friction)}"
    cells: list[str] = [
        text(journey.stage(tp.stage).name),
        "",
        text(channel_label(tp.channel)) if tp.channel else "–",
        emotion,
        friction,
        _bullets(tp.pain_points) or "–",
        _bullets(tp.opportunities) or "–",
        text(tp.owner) or "–",
        EVIDENCE_LEVELS.get(tp.evidence or "", "–"),
        "<br/>".join(_metric(k, v) for k, v in tp.metrics.items()) or "–",
    ]
    row: list[Flowable | list[Flowable]] = [Paragraph(c, st.body) for c in cells]
    row[1] = name
    return row


def _table(header: list[str], rows: list[list[Flowable | list[Flowable]]], weights: list[float],
           width: float, st: TableStyles) -> Table:
    total = sum(weights)
    widths = [width * w / total for w in weights]
    data: list[list[Flowable | list[Flowable]]] = [[Paragraph(h, st.head) for h in header], *rows]
    pad = st.size * 0.4
    style = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # the table's own default is Helvetica, never embedded
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]
    style += [("BACKGROUND", (0, i), (-1, i), STRIPE_FILL) for i in range(2, len(data), 2)]
    # splitInRow lets a row taller than a page continue on the next one instead of failing.
    return Table(data, colWidths=widths, repeatRows=1, splitInRow=1, style=TableStyle(style), hAlign="LEFT")


def touchpoint_table(journey: Journey, width: float, st: TableStyles) -> list[Flowable]:
    """The heading and table of every touchpoint in journey order (stage by stage, step by step)."""
    rows = [_touchpoint_row(journey, tp, st) for tp in journey]
    story: list[Flowable] = [Paragraph("Touchpoints", st.heading)]
    if not rows:
        return [*story, Paragraph("This journey has no touchpoints yet.", st.body)]
    story.append(_table([h for h, _ in COLUMNS], rows, [w for _, w in COLUMNS], width, st))
    return story


def _stage_row(journey: Journey, stage_id: str, st: TableStyles) -> list[Flowable | list[Flowable]]:
    stage = journey.stage(stage_id)
    tps = journey.touchpoints(stage_id)
    emotions = [t.emotion for t in tps if t.emotion is not None]
    frictions = [t.friction for t in tps if t.friction is not None]
    pains = tuple(p for t in tps for p in t.pain_points)
    channels = list(dict.fromkeys(channel_label(t.channel) for t in tps if t.channel))
    average = f"{signed(sum(emotions) / len(emotions), 1)}" if emotions else "–"
    top = max(frictions) if frictions else None
    cells = [
        f"<b>{text(stage.name)}</b>",
        str(len(tps)),
        average,
        "–" if top is None else f"{top} {friction_label(top)}",
        (f"{len(pains)}: " + "<br/>".join("• " + text(p) for p in pains)) if pains else "0",
        text(", ".join(channels)) or "–",
    ]
    return [Paragraph(c, st.body) for c in cells]


def stage_summary(journey: Journey, width: float, st: TableStyles) -> list[Flowable]:
    """The per-stage summary: touchpoints, average emotion, highest friction, pain points, channels."""
    rows = [_stage_row(journey, sid, st) for sid in journey.stage_ids()]
    story: list[Flowable] = [Spacer(1, st.size * 2), Paragraph("Stages", st.heading)]
    if not rows:
        return [*story, Paragraph("This journey has no stages.", st.body)]
    story.append(_table([h for h, _ in SUMMARY_COLUMNS], rows, [w for _, w in SUMMARY_COLUMNS], width, st))
    return story


def details_story(journey: Journey, width: float, st: TableStyles) -> list[Flowable]:
    """Everything the details pages hold, as Platypus flowables for a frame `width` wide."""
    return [*touchpoint_table(journey, width, st), *stage_summary(journey, width, st)]
