"""The details pages: every touchpoint in journey order, grouped by stage, then a summary per stage."""

from __future__ import annotations

from collections.abc import Callable
import dataclasses
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Spacer

from journeymap.export.pdf.tables import (
    Cell,
    Para,
    TableRun,
    TableStyles,
    column_widths,
    make_table,
    plain_cell,
    shorten,
    signed,
    text,
)
from journeymap.layout import style
from journeymap.model import (
    EVIDENCE_LEVELS,
    Journey,
    Touchpoint,
    channel_label,
    emotion_label,
    friction_label,
    metric_label,
)

__all__ = ["DESCRIPTION_LIMIT", "details_story", "stage_summary", "touchpoint_table"]

#: Descriptions longer than this are shortened in the table (the file keeps them whole):
#: a table row should stay a row, not become a page.
DESCRIPTION_LIMIT = 600
#: Below this frame width (points) related columns share a cell, so words need not break.
NARROW = 700.0


@dataclass(frozen=True)
class Column:
    """A column of the touchpoint table: heading, share of the free width, and its cell text.

    `narrow` columns are sized to their longest word; `plain` gives the text to measure.
    """

    heading: str
    weight: float
    narrow: bool
    markup: Callable[[Touchpoint], str]
    plain: Callable[[Touchpoint], str]


def _emotion(tp: Touchpoint) -> str:
    return "–" if tp.emotion is None else f"{signed(tp.emotion)} {emotion_label(tp.emotion)}"


def _friction(tp: Touchpoint) -> str:
    return "–" if tp.friction is None else f"{tp.friction} {friction_label(tp.friction)}"


def _evidence(tp: Touchpoint) -> str:
    return EVIDENCE_LEVELS.get(tp.evidence or "", "–")


def _channel(tp: Touchpoint) -> str:
    return channel_label(tp.channel) if tp.channel else "–"


def _metric(key: str, value: float) -> str:
    shown = f"{value * 100:g} %" if key == "drop_off" else f"{value:g}"
    return f"{metric_label(key)} {shown}"


def _metrics(tp: Touchpoint) -> str:
    return "\n".join(_metric(k, v) for k, v in tp.metrics.items()) or "–"


def _bullets(items: tuple[str, ...]) -> str:
    return "<br/>".join("• " + text(item) for item in items) or "–"


def _columns(narrow: bool) -> list[Column]:
    pains = Column("Pain points", 2.0, False, lambda t: _bullets(t.pain_points), lambda t: " ".join(t.pain_points))
    ideas = Column("Opportunities", 2.0, False, lambda t: _bullets(t.opportunities),
                   lambda t: " ".join(t.opportunities))
    metrics = Column("Metrics", 1.0, True, lambda t: text(_metrics(t)), _metrics)
    channel = Column("Channel", 1.0, True, lambda t: text(_channel(t)), _channel)
    if narrow:
        return [
            channel,
            Column("Emotion / friction", 1.0, True,
                   lambda t: f"{_emotion(t)}<br/><i>friction</i> {_friction(t)}",
                   lambda t: f"{_emotion(t)} friction {_friction(t)}"),
            pains, ideas,
            Column("Owner / evidence", 1.0, True, lambda t: f"{text(t.owner or '–')}<br/><i>{_evidence(t)}</i>",
                   lambda t: f"{t.owner} {_evidence(t)}"),
            metrics,
        ]
    return [
        channel,
        Column("Emotion", 1.0, True, lambda t: _emotion(t), _emotion),
        Column("Friction", 1.0, True, lambda t: _friction(t), _friction),
        pains, ideas,
        Column("Owner", 1.0, True, lambda t: text(t.owner or "–"), lambda t: t.owner),
        Column("Evidence", 1.0, True, lambda t: _evidence(t), _evidence),
        metrics,
    ]


def _name_cell(tp: Touchpoint, st: TableStyles) -> list[Flowable]:
    cell: list[Flowable] = [Para(text(tp.name), st.strong)]
    if tp.description:
        cell.append(Para(text(shorten(tp.description, DESCRIPTION_LIMIT)), st.small))
    return cell


def _height(row: list[Cell], widths: list[float], st: TableStyles) -> float:
    """The height a table row will take (its tallest cell, padding included)."""
    tallest = 0.0
    for cell, w in zip(row, widths):
        if isinstance(cell, str):
            tallest = max(tallest, st.size * 1.22 * (cell.count("\n") + 1))
            continue
        for flowable in (cell if isinstance(cell, list) else [cell]):
            tallest = max(tallest, flowable.wrap(w - 2 * st.padding, 1e9)[1])
    return tallest + 2 * st.padding


def _cell(markup: str, width: float, st: TableStyles) -> Cell:
    plain = plain_cell(markup, width, st)
    return Para(markup, st.body) if plain is None else plain


def touchpoint_table(journey: Journey, width: float, st: TableStyles, page_height: float = 1e9) -> list[Flowable]:
    """The heading and table of every touchpoint in journey order, a shaded row naming each stage.

    The table is set as runs of a stage's rows (see `TableRun`) that read as one table: the
    header row opens the first stage and every page. `page_height` is the height of the
    frame the table is set in (see `stage row` below).
    """
    story: list[Flowable] = [Para("Touchpoints", st.heading)]
    if not journey.touchpoint_count():
        return [*story, Para("This journey has no touchpoints yet.", st.body)]
    columns = _columns(width < NARROW)
    tps = list(journey)
    headings = ["Touchpoint", *(c.heading for c in columns)]
    plain = [[t.name for t in tps], *([c.plain(t) for t in tps] for c in columns)]
    weights = [2.6, *(c.weight for c in columns)]
    widths = column_widths(headings, plain, weights, [False, *(c.narrow for c in columns)], width, st)
    runs: list[TableRun] = []
    for index, stage in enumerate(journey.stages()):
        stage_tps = journey.touchpoints(stage.id)
        if not stage_tps:
            continue
        rows: list[list[Cell]] = [[Para(text(stage.name), st.strong)] + [""] * len(columns)]
        extra: list[tuple[object, ...]] = [
            ("SPAN", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), HexColor(style.tint(style.stage_color(stage, index), 0.72))),
            ("LINEBEFORE", (0, 0), (0, 0), 4, HexColor(style.stage_color(stage, index))),
        ]
        stripes: list[int] = []
        for n, tp in enumerate(stage_tps):
            rows.append([_name_cell(tp, st), *(_cell(c.markup(tp), w, st) for c, w in zip(columns, widths[1:]))])
            if n % 2:
                stripes.append(len(rows) - 1)
        # Keep a stage's name with its first touchpoint, unless that row may have to be split
        # itself: reportlab cannot split inside a row held by NOSPLIT and would loop forever.
        if _height(rows[1], widths, st) < page_height * 0.5:
            extra.append(("NOSPLIT", (0, 0), (-1, 1)))
        runs.append(TableRun(headings, rows, widths, st, extra, stripes, closes=False))
    runs[-1] = dataclasses.replace(runs[-1], closes=True)
    return story + [t for n, run in enumerate(runs) for t in run.tables(header=n == 0)]


def _stage_row(journey: Journey, stage_id: str, st: TableStyles) -> tuple[list[Cell], list[str]]:
    stage = journey.stage(stage_id)
    tps = journey.touchpoints(stage_id)
    emotions = [t.emotion for t in tps if t.emotion is not None]
    frictions = [t.friction for t in tps if t.friction is not None]
    pains = tuple(p for t in tps for p in t.pain_points)
    channels = ", ".join(dict.fromkeys(channel_label(t.channel) for t in tps if t.channel))
    average = signed(sum(emotions) / len(emotions), 1) if emotions else "–"
    top = max(frictions) if frictions else None
    most = "–" if top is None else f"{top} {friction_label(top)}"
    cells = [f"<b>{text(stage.name)}</b>", str(len(tps)), average, most,
             "" if pains else "0", text(channels) or "–"]
    plain = [stage.name, str(len(tps)), average, most, " ".join(pains), channels]
    row: list[Cell] = [Para(c, st.body) for c in cells]
    if pains:
        # One paragraph per line, stacked as the lines of one would be: a page break then
        # moves between paragraphs instead of re-breaking all the lines left (O(lines²)).
        row[4] = [Para(f"<b>{len(pains)}</b>", st.body), *(Para("• " + text(p), st.body) for p in pains)]
    return row, plain


def stage_summary(journey: Journey, width: float, st: TableStyles) -> list[Flowable]:
    """The per-stage summary: touchpoints, average emotion, highest friction, pain points, channels."""
    story: list[Flowable] = [Spacer(1, st.size * 2), Para("Stages", st.heading)]
    if not journey.stages():
        return [*story, Para("This journey has no stages.", st.body)]
    made = [_stage_row(journey, sid, st) for sid in journey.stage_ids()]
    headings = ["Stage", "Touchpoints", "Average emotion", "Max friction", "Pain points", "Channels"]
    plain = [[p[c] for _, p in made] for c in range(len(headings))]
    widths = column_widths(headings, plain, [1.4, 1, 1, 1, 4.0, 2.0], [False, True, True, True, False, False],
                           width, st)
    rows = [cells for cells, _ in made]
    return [*story, make_table(headings, rows, widths, st, stripes=range(2, len(rows) + 1, 2))]


def details_story(journey: Journey, width: float, st: TableStyles, page_height: float = 1e9) -> list[Flowable]:
    """Everything the details pages hold, as Platypus flowables for a frame `width` × `page_height`."""
    return [*touchpoint_table(journey, width, st, page_height), *stage_summary(journey, width, st)]
