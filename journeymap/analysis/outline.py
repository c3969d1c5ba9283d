"""The insights report as an outline of headings, paragraphs, lists and tables.

Text and Markdown render the same outline (see `render.py`), so they never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from journeymap.analysis.report import Insights
from journeymap.analysis.shown import MAX_NAMED, NONE, TOP
from journeymap.model import Journey, channel_label, emotion_label, friction_label, metric_label


@dataclass(frozen=True)
class Heading:
    """A heading of the report; `level` 2 is a section, 3 a subsection."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text (renderers escape it for their format)."""

    text: str


@dataclass(frozen=True)
class Items:
    """A list, bulleted or `numbered`, one line per item."""

    lines: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    """A table: its header cells and rows of as many cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Para | Items | Table


@dataclass(frozen=True)
class Style:
    """How names and ids appear: `escape` makes free text safe, `code` marks an id."""

    escape: Callable[[str], str]
    code: Callable[[str], str]


def number(value: float) -> str:
    """A number with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Namer:
    def __init__(self, journey: Journey, style: Style) -> None:
        self.journey, self.style = journey, style

    def text(self, text: str) -> str:
        return self.style.escape(_one_line(text))

    def tp(self, tp_id: str) -> str:
        name = self.journey.touchpoint(tp_id).name if self.journey.has_touchpoint(tp_id) else tp_id
        return f"{self.text(name)} ({self.style.code(tp_id)})"

    def stage(self, stage_id: str) -> str:
        return self.text(self.journey.stage(stage_id).name) if self.journey.has_stage(stage_id) else stage_id

    def chain(self, ids: Sequence[str], joiner: str = " → ") -> str:
        if len(ids) <= MAX_NAMED:
            return joiner.join(self.tp(t) for t in ids)
        head = joiner.join(self.tp(t) for t in ids[: MAX_NAMED - 1])
        return f"{head}{joiner}… ({len(ids) - MAX_NAMED} more){joiner}{self.tp(ids[-1])}"

    def some(self, ids: Sequence[str]) -> str:
        shown = ", ".join(self.tp(t) for t in ids[:MAX_NAMED])
        return shown if len(ids) <= MAX_NAMED else f"{shown} and {len(ids) - MAX_NAMED} more"


def _scale(value: int | None, label: Callable[[int | None], str]) -> str:
    return "not rated" if value is None else f"{value} ({label(value)})"


def _ranked(n: _Namer, i: Insights) -> list[Block]:
    rated = [h for h in i.hotspots if h.friction]
    blocks: list[Block] = [Heading("Friction hotspots")]
    if rated:
        blocks.append(Para(f"{len(rated)} touchpoint(s) with friction above none; the top {min(TOP, len(rated))}:"))
        blocks.append(Items(tuple(
            f"{n.tp(h.touchpoint)} in {n.stage(h.stage)}: friction {_scale(h.friction, friction_label)}, "
            f"emotion {_scale(h.emotion, emotion_label)}"
            for h in rated[:TOP]
        ), numbered=True))
    else:
        blocks.append(Para("No touchpoint has friction rated above none."))
    blocks.append(Heading("Emotional lows"))
    if i.emotional_lows:
        blocks.append(Para(f"{len(i.emotional_lows)} touchpoint(s) feel negative or worse:"))
        blocks.append(Items(tuple(
            f"{n.tp(e.touchpoint)}: emotion {_scale(e.emotion, emotion_label)}" for e in i.emotional_lows[:TOP]
        ), numbered=True))
    else:
        blocks.append(Para("No touchpoint is rated negative."))
    falls = [d for d in i.drops if d.change < 0]
    blocks.append(Heading("Emotional drops"))
    if falls:
        blocks.append(Para(f"{len(falls)} flow(s) where emotion falls; the steepest:"))
        blocks.append(Items(tuple(
            f"{n.tp(d.source)} → {n.tp(d.target)}: {d.change}" for d in falls[:TOP]
        ), numbered=True))
    else:
        blocks.append(Para("No flow between two rated touchpoints falls in emotion."))
    return blocks


def _switches(n: _Namer, i: Insights) -> list[Block]:
    switches = i.channel_switches
    flagged = [s for s in switches if s.flagged]
    blocks: list[Block] = [Heading("Channel switches")]
    if not switches:
        return blocks + [Para("No flow changes channel.")]
    blocks.append(Para(f"{len(switches)} flow(s) change channel; {len(flagged)} flagged "
                       "(the target has friction 2+ or emotion -1 or lower):"))
    shown = (flagged + [s for s in switches if not s.flagged])[:TOP]
    blocks.append(Items(tuple(
        f"{'FLAGGED ' if s.flagged else ''}{n.tp(s.source)} → {n.tp(s.target)}: "
        f"{n.text(channel_label(s.source_channel))} → {n.text(channel_label(s.target_channel))}"
        for s in shown
    )))
    return blocks


def _paths(n: _Namer, i: Insights) -> list[Block]:
    blocks: list[Block] = [Heading("Paths")]
    if not i.entries and not i.exits:
        return blocks + [Para("No entry or exit: draw flows to see the paths customers take.")]
    blocks.append(Items((
        f"Entries ({len(i.entries)}): {n.some(i.entries) or 'none'}",
        f"Exits ({len(i.exits)}): {n.some(i.exits) or 'none'}",
    )))
    cut = " (search stopped early: there may be more)" if i.paths_truncated else ""
    blocks.append(Para(f"{len(i.paths)} path(s) from an entry to an exit{cut}."))
    worst = i.worst_path()
    if worst is not None:
        low = "none rated" if worst.min_emotion is None else str(worst.min_emotion)
        blocks.append(Para(
            f"Hardest path: friction {worst.friction} ({worst.unrated_friction} unrated), "
            f"lowest emotion {low}, {worst.channel_switches} channel switch(es): {n.chain(worst.touchpoints)}"
        ))
    return blocks


def _stages(n: _Namer, i: Insights) -> list[Block]:
    rows = tuple(
        (
            n.text(s.name),
            str(s.touchpoints),
            NONE if s.avg_emotion is None else f"{s.avg_emotion:+.1f}",
            NONE if s.max_friction is None else str(s.max_friction),
            str(s.pain_points),
            ", ".join(n.text(channel_label(c)) for c in s.channels) or NONE,
            ", ".join(f"{n.text(metric_label(k))} {number(v)}" for k, v in s.metrics.items()) or NONE,
        )
        for s in i.stages
    )
    header = ("Stage", "Touchpoints", "Avg emotion", "Max friction", "Pain points", "Channels", "Metrics")
    return [Heading("Stages"), Table(header, rows)]


def _coverage(n: _Namer, i: Insights) -> list[Block]:
    m = i.channel_matrix
    blocks: list[Block] = [Heading("Channel coverage")]
    if not m.channels:
        return blocks + [Para("No touchpoint has a channel.")]
    header = ("Channel",) + tuple(n.stage(s) for s in m.stages)
    rows = tuple(
        (n.text(channel_label(c)),) + tuple(str(k) if k else "." for k in counts)
        for c, counts in zip(m.channels, m.counts, strict=False)
    )
    return blocks + [Table(header, rows)]


def _reach(i: Insights) -> list[Block]:
    r = i.reach
    if r is None:
        return [Heading("Reach"), Para("No drop-off metric on the main path (row 0), so no estimate.")]
    return [Heading("Reach"), Para(
        f"An estimated {r.share * 100:.0f}% of the customers who start the main path (row 0, "
        f"{len(r.path)} touchpoints) reach its end, from the drop-off measured at {len(r.drop_offs)} of them."
    )]


def _warnings(n: _Namer, i: Insights) -> list[Block]:
    w = i.warnings
    lines = []
    for label, ids in (
        ("Isolated (no flows)", w.isolated),
        ("Dead ends (exits before the last stage)", w.dead_ends),
        ("Late entries (entries after the first stage)", w.late_entries),
    ):
        if ids:
            lines.append(f"{label} ({len(ids)}): {n.some(ids)}")
    if w.cycles:
        more = "+" if w.cycles_truncated else ""
        which = "listed below" if len(w.cycles) <= 3 else "the 3 shortest listed below"
        lines.append(f"Loops ({len(w.cycles)}{more}), {which}")
    if w.empty_stages:
        lines.append(f"Empty stages ({len(w.empty_stages)}): " + ", ".join(
            f"{n.stage(s)} ({n.style.code(s)})" for s in w.empty_stages))
    if w.backward_flows:
        flows = w.backward_flows
        listed = "; ".join(f"{n.tp(a)} → {n.tp(b)}" for a, b in flows[:TOP])
        lines.append(f"Backward flows, into an earlier stage ({len(flows)}): "
                     f"{listed}{'; …' if len(flows) > TOP else ''}")
    for label, ids in (
        ("No channel", w.missing_channel),
        ("Emotion not rated", w.missing_emotion),
        ("Friction not rated", w.missing_friction),
    ):
        if ids:
            lines.append(f"{label} ({len(ids)}): {n.some(ids)}")
    blocks: list[Block] = [Heading("Warnings")]
    if not lines:
        return blocks + [Para("No warnings.")]
    blocks.append(Items(tuple(lines)))
    if w.cycles:
        shortest = sorted(w.cycles, key=len)[:3]  # a short loop is usually a retry worth fixing
        blocks += [Para("Loops, shortest first:"), Items(tuple(n.chain(c + c[:1]) for c in shortest))]
    return blocks


def outline(journey: Journey, insights: Insights, style: Style) -> list[Block]:
    """The whole report, section by section, with names written in `style`."""
    n = _Namer(journey, style)
    summary = (f"{len(insights.stages)} stage(s), {len(insights.hotspots)} touchpoint(s), "
               f"{len(journey.flows())} flow(s).")
    return [
        Heading(f"Insights: {n.text(journey.title)}", level=1),
        Para(summary),
        *_ranked(n, insights),
        *_switches(n, insights),
        *_paths(n, insights),
        *_stages(n, insights),
        *_coverage(n, insights),
        *_reach(insights),
        *_warnings(n, insights),
    ]

