"""The details pages: every touchpoint in journey order, grouped by stage, then a summary per stage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeymap.export.pdf.textflow import Block, Gap, Keep, Row
from journeymap.export.pdf.rich import Para
from journeymap.export.pdf.tables import (
    STRIPE_FILL,
    Cell,
    TableStyles,
    column_widths,
    make_table,
    row,
    shorten,
    signed,
    text,
)
from journeymap.layout import style
from journeymap.model import (
    EVIDENCE_LEVELS,
    Journey,
    Lane,
    Touchpoint,
    channel_label,
    emotion_label,
    friction_label,
    metric_label,
)

__all__ = ["DESCRIPTION_LIMIT", "MAX_CELL_ITEMS", "MAX_DETAIL_ROWS", "details_story", "stage_summary",
           "touchpoint_table"]

#: Descriptions longer than this are shortened in the table (the file keeps them whole):
#: a table row should stay a row, not become a page.
DESCRIPTION_LIMIT = 600
#: The table lists the first this-many touchpoints in journey order; a note names how many
#: more there are and where they are listed in full. A map at the loader's limits (20,000
#: touchpoints) would otherwise print some 1,300 pages of table.
MAX_DETAIL_ROWS = 1000
#: A list in one cell (a touchpoint's pain points or opportunities, a stage's pain points)
#: shows at most this many items, then "… and N more".
MAX_CELL_ITEMS = 20
#: Where the whole of a capped list can be read.
FULL_LIST = ("the journey file lists them all, and <i>journeymap export FILE -o touchpoints.csv</i> "
             "writes them as a table")
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


def _emotion_cell(tp: Touchpoint) -> str:
    """The emotion, and under it each persona that feels differently here (by persona id)."""
    own = "".join(f"<br/><i>{text(pid)}</i> {signed(value)}" for pid, value in tp.persona_emotions.items())
    return _emotion(tp) + own


def _emotion_plain(tp: Touchpoint) -> str:
    return " ".join([_emotion(tp), *(f"{pid} {signed(value)}" for pid, value in tp.persona_emotions.items())])


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
    shown = "<br/>".join("• " + text(item) for item in items[:MAX_CELL_ITEMS]) or "–"
    return shown + _more(len(items) - MAX_CELL_ITEMS)


def _more(hidden: int) -> str:
    """'… and N more' on a line of its own, or nothing when nothing is hidden."""
    return f"<br/><i>… and {hidden} more</i>" if hidden > 0 else ""


def _shown(items: tuple[str, ...]) -> str:
    """The plain text of the items a cell shows (what its column is measured by)."""
    return " ".join(items[:MAX_CELL_ITEMS])


def _columns(narrow: bool) -> list[Column]:
    pains = Column("Pain points", 2.0, False, lambda t: _bullets(t.pain_points), lambda t: _shown(t.pain_points))
    ideas = Column("Opportunities", 2.0, False, lambda t: _bullets(t.opportunities),
                   lambda t: _shown(t.opportunities))
    metrics = Column("Metrics", 1.0, True, lambda t: text(_metrics(t)), _metrics)
    channel = Column("Channel", 1.0, True, lambda t: text(_channel(t)), _channel)
    if narrow:
        return [
            channel,
            Column("Emotion / friction", 1.0, True,
                   lambda t: f"{_emotion_cell(t)}<br/><i>friction</i> {_friction(t)}",
                   lambda t: f"{_emotion_plain(t)} friction {_friction(t)}"),
            pains, ideas,
            Column("Owner / evidence", 1.0, True, lambda t: f"{text(t.owner or '–')}<br/><i>{_evidence(t)}</i>",
                   lambda t: f"{t.owner} {_evidence(t)}"),
            metrics,
        ]
    return [
        channel,
        Column("Emotion", 1.0, True, _emotion_cell, _emotion_plain),
        Column("Friction", 1.0, True, lambda t: _friction(t), _friction),
        pains, ideas,
        Column("Owner", 1.0, True, lambda t: text(t.owner or "–"), lambda t: t.owner),
        Column("Evidence", 1.0, True, lambda t: _evidence(t), _evidence),
        metrics,
    ]


def _notes_column(lanes: list[Lane]) -> Column:
    """Each text lane's notes of the touchpoint, under the lane's name, in lane order."""
    def markup(tp: Touchpoint) -> str:
        parts = [f"<b>{text(lane.title)}</b><br/>{_bullets(tp.notes(lane.id))}" for lane in lanes if tp.notes(lane.id)]
        return "<br/>".join(parts) or "–"

    def plain(tp: Touchpoint) -> str:
        return " ".join(f"{lane.title} {_shown(tp.notes(lane.id))}" for lane in lanes if tp.notes(lane.id))

    return Column("Lane notes", 2.4, False, markup, plain)


def _name_cell(tp: Touchpoint, st: TableStyles) -> Cell:
    cell = [Para(text(tp.name), st.strong)]
    if tp.description:
        cell.append(Para(text(shorten(tp.description, DESCRIPTION_LIMIT)), st.small))
    return cell


#: The coloured rule on the left of a stage's row, in points.
STAGE_BAR = 4.0


def touchpoint_table(journey: Journey, width: float, st: TableStyles) -> list[Block]:
    """The heading and table of every touchpoint in journey order, a shaded row naming each stage.

    The stage's row spans the table and stays with the stage's first touchpoint; rows
    alternate white and grey within a stage. Past MAX_DETAIL_ROWS touchpoints a last
    row says how many more there are and where they are listed.
    """
    heading = Para("Touchpoints", st.heading)
    if not journey.touchpoint_count():
        return [heading, Para("This journey has no touchpoints yet.", st.body)]
    columns = _columns(width < NARROW)
    tps = list(journey)[:MAX_DETAIL_ROWS]
    listed = {tp.id for tp in tps}
    noted = [lane for lane in journey.lanes() if lane.is_text and any(t.notes(lane.id) for t in tps)]
    if noted:
        columns.insert(columns.index(next(c for c in columns if c.heading == "Opportunities")) + 1,
                       _notes_column(noted))
    headings = ["Touchpoint", *(c.heading for c in columns)]
    plain = [[t.name for t in tps], *([c.plain(t) for t in tps] for c in columns)]
    weights = [2.6, *(c.weight for c in columns)]
    widths = column_widths(headings, plain, weights, [False, *(c.narrow for c in columns)], width, st)
    rows: list[Row] = []
    for index, stage in enumerate(journey.stages()):
        stage_tps = [tp for tp in journey.touchpoints(stage.id) if tp.id in listed]
        if not stage_tps:
            continue
        colour = style.stage_color(stage, index)
        rows.append(Row([[Para(text(stage.name), st.strong)]], fill=style.tint(colour, 0.72),
                        bars=((0, colour, STAGE_BAR),), keep_with_next=True))
        for n, tp in enumerate(stage_tps):
            made = row([_name_cell(tp, st), *(Para(c.markup(tp), st.body) for c in columns)])
            made.fill = STRIPE_FILL if n % 2 else None
            rows.append(made)
    hidden = journey.touchpoint_count() - len(tps)
    if hidden > 0:
        note = f"<i>… and {hidden:,} more touchpoints, not printed here: {FULL_LIST}.</i>"
        rows.append(Row([[Para(note, st.body)]]))
    return [Keep([heading, make_table(headings, rows, widths, st)])]


def _stage_row(journey: Journey, stage_id: str, st: TableStyles) -> tuple[Row, list[str]]:
    stage = journey.stage(stage_id)
    tps = journey.touchpoints(stage_id)
    emotions = [t.emotion for t in tps if t.emotion is not None]
    frictions = [t.friction for t in tps if t.friction is not None]
    pains = tuple(p for t in tps for p in t.pain_points)
    channels = ", ".join(dict.fromkeys(channel_label(t.channel) for t in tps if t.channel))
    average = signed(sum(emotions) / len(emotions), 1) if emotions else "–"
    top = max(frictions) if frictions else None
    most = "–" if top is None else f"{top} {friction_label(top)}"
    plain = [stage.name, str(len(tps)), average, most, _shown(pains), channels]
    pain_cell = [Para(f"<b>{len(pains)}</b>", st.body),
                 *(Para("• " + text(p), st.body) for p in pains[:MAX_CELL_ITEMS])]
    if len(pains) > MAX_CELL_ITEMS:
        pain_cell.append(Para(f"<i>… and {len(pains) - MAX_CELL_ITEMS} more</i>", st.body))
    made = row([Para(text(stage.name), st.strong), Para(str(len(tps)), st.body), Para(average, st.body),
                Para(most, st.body), pain_cell if pains else Para("0", st.body),
                Para(text(channels) or "–", st.body)])
    return made, plain


def stage_summary(journey: Journey, width: float, st: TableStyles) -> list[Block]:
    """The per-stage summary: touchpoints, average emotion, highest friction, pain points, channels."""
    heading = Para("Stages", st.heading)
    if not journey.stages():
        return [Gap(st.size * 2), heading, Para("This journey has no stages.", st.body)]
    made = [_stage_row(journey, sid, st) for sid in journey.stage_ids()]
    headings = ["Stage", "Touchpoints", "Average emotion", "Max friction", "Pain points", "Channels"]
    plain = [[p[c] for _, p in made] for c in range(len(headings))]
    widths = column_widths(headings, plain, [1.4, 1, 1, 1, 4.0, 2.0], [False, True, True, True, False, False],
                           width, st)
    rows = [cells for cells, _ in made]
    table = make_table(headings, rows, widths, st, stripes=range(2, len(rows) + 1, 2))
    return [Gap(st.size * 2), Keep([heading, table])]


def details_story(journey: Journey, width: float, st: TableStyles) -> list[Block]:
    """Everything the details pages hold, as blocks for a frame `width` points wide."""
    return [*touchpoint_table(journey, width, st), *stage_summary(journey, width, st)]
