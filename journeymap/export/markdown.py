"""The journey as a Markdown report: title, personas, one table per stage, flows, insights.

Each stage table has a column per text lane (Doing, Thinking, the blueprint lanes …) after
the fixed columns, with the touchpoint's notes in that lane.

GitHub-flavoured Markdown: pipe tables, `<br>` for a line break. Every text from the
journey is escaped (`escape_markdown`), so a '|', '*', '&amp;' or a leading '- ' in a
pain point stays as written, and a newline never ends a heading or a list item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from journeymap.analysis.render import escape_markdown
from journeymap.model import (
    Journey,
    Lane,
    Persona,
    Touchpoint,
    channel_label,
    emotion_label,
    friction_label,
    metric_label,
)

_HEADING = re.compile(r"^(#+) ", re.MULTILINE)
NONE = "–"
COLUMNS = (
    "Touchpoint",
    "Channel",
    "Emotion",
    "Friction",
    "Pain points",
    "Opportunities",
    "Owner",
    "Evidence",
    "Metrics",
)


def escape(text: str) -> str:
    """Free text made safe for Markdown, on one line: escaped, newlines as `<br>`."""
    return escape_markdown(text)


def cell(text: str) -> str:
    """Free text made safe for a table cell: escaped, newlines as `<br>`, never empty."""
    return escape_markdown(text) or NONE


def _items(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return cell(items[0]) if items else NONE
    return "<br>".join("• " + cell(item) for item in items)


def _scale(value: int | None, label: str, signed: bool) -> str:
    if value is None:
        return label
    return f"{label} ({value:+d})" if signed and value else f"{label} ({value})"


def _metric(key: str, value: float) -> str:
    if key == "drop_off":
        return f"{metric_label(key)} {value * 100:g}%"
    return f"{cell(metric_label(key))} {value:g}"


def touchpoint_row(tp: Touchpoint, lanes: Sequence[Lane] = ()) -> tuple[str, ...]:
    """The cells of one touchpoint, in the order of `COLUMNS`, then one per text lane of `lanes`."""
    name = ("↳ " if tp.row else "") + f"**{cell(tp.name)}**"
    if tp.description:
        name += "<br>" + cell(tp.description)
    return (
        name,
        cell(channel_label(tp.channel)) if tp.channel else NONE,
        _scale(tp.emotion, emotion_label(tp.emotion), signed=True),
        _scale(tp.friction, friction_label(tp.friction), signed=False),
        _items(tp.pain_points),
        _items(tp.opportunities),
        cell(tp.owner),
        tp.evidence.capitalize() if tp.evidence else NONE,
        ", ".join(_metric(k, v) for k, v in tp.metrics.items()) or NONE,
        *(_items(tp.notes(lane.id)) for lane in lanes),
    )


def _table(rows: Sequence[tuple[str, ...]], lanes: Sequence[Lane] = ()) -> list[str]:
    columns = [*COLUMNS, *(cell(lane.title) for lane in lanes)]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _persona(persona: Persona) -> list[str]:
    lines = [f"### {escape(persona.name)}", ""]
    if persona.description:
        lines += [escape(persona.description), ""]
    for title, items in (("Goals", persona.goals), ("Needs", persona.needs), ("Frustrations", persona.frustrations)):
        if items:
            lines.append(f"- **{title}**")
            lines += [f"  - {escape(item)}" for item in items]
    if lines[-1]:
        lines.append("")
    return lines


def _flows(journey: Journey) -> list[str]:
    order = journey.touchpoint_ids()
    following = dict(zip(order, order[1:], strict=False))
    names = {tp.id: tp.name for tp in journey.touchpoints()}
    lines = []
    for flow in journey.flows():
        if following.get(flow.source) == flow.target and not flow.label:
            continue
        label = f" — {escape(flow.label)}" if flow.label else ""
        lines.append(f"- {escape(names[flow.source])} → {escape(names[flow.target])}{label}")
    if not lines:
        return []
    return ["## Flows", "", "Besides the step-by-step order of the tables (branches, loops and labelled "
                            "steps):", "", *lines, ""]


def _insights(journey: Journey) -> list[str]:
    try:
        from journeymap.analysis import compute_insights
        from journeymap.analysis.render import insights_to_markdown
    except ImportError:  # the analysis is optional for this report
        return []
    report = insights_to_markdown(journey, compute_insights(journey))
    return [_HEADING.sub(r"#\1 ", report).rstrip("\n"), ""]


def journey_to_markdown(journey: Journey, *, insights: bool = True) -> str:
    """The Markdown report of a journey; `insights=False` leaves out the insights section."""
    lines = [f"# {escape(journey.title)}", ""]
    if journey.description:
        lines += [escape(journey.description), ""]
    personas = journey.personas()
    if personas:
        lines += ["## Persona" if len(personas) == 1 else "## Personas", ""]
        for persona in personas:
            lines += _persona(persona)
    alternative = False
    lanes = [lane for lane in journey.lanes() if lane.is_text]
    for number, stage in enumerate(journey.stages(), start=1):
        lines += [f"## {number}. {escape(stage.name)}", ""]
        if stage.description:
            lines += [escape(stage.description), ""]
        tps = journey.touchpoints(stage.id)
        alternative = alternative or any(tp.row for tp in tps)
        lines += [*_table([touchpoint_row(tp, lanes) for tp in tps], lanes), ""] if tps else ["No touchpoints yet.", ""]
    if alternative:
        lines += ["↳ marks a touchpoint on an alternative path (a row below the main path).", ""]
    lines += _flows(journey)
    if insights:
        lines += _insights(journey)
    return "\n".join(lines).rstrip("\n") + "\n"
