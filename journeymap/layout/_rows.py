"""The lanes under the cards: their order, their heights, their cells and the blueprint rules.

Every lane of `journey.lanes()` is a row across the map. Lanes are grouped by blueprint
section (customer, frontstage, backstage, support; built-in and metric lanes belong to
the customer's), keeping the journey's order inside a section. A text-like lane (text,
pain points, opportunities) is as tall as its fullest cell up to `lane_max_lines`; the
emotion, friction and metric lanes have fixed heights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from journeymap.layout.geometry import CELL_PAD_X, CELL_PAD_Y, METRIC_BAR_HEIGHT, LaneCell, LayoutOptions, Rect
from journeymap.layout.text import line_height, text_width, wrap_text
from journeymap.model import BLUEPRINT_LINES, METRICS, SECTIONS, Lane, Touchpoint

BULLET = "• "
TITLE_BOLD = True
TITLE_LINES = 3
#: An empty text lane still has room for two lines (somewhere to double-click).
MIN_LINES = 2
#: Room kept right of an emotion or friction lane's title for its scale (+2, 0, −2 / 0, 2, 4).
SCALE_ROOM = 22.0


@dataclass(frozen=True)
class PlannedLane:
    """A lane placed at some y: the model's lane, its position in `journey.lanes()`, its height and cells."""

    lane: Lane
    index: int
    height: float
    cells: dict[str, LaneCell]


def shown_lanes(lanes: Sequence[Lane], o: LayoutOptions) -> list[tuple[int, Lane]]:
    """The lanes to draw, top to bottom, with their index in `lanes`: grouped by section in
    blueprint order, the journey's order kept inside a section, hidden built-ins left out."""
    hidden = {"emotion"} if not o.show_emotion else set()
    if not o.show_friction:
        hidden.add("friction")
    kept = [(i, lane) for i, lane in enumerate(lanes) if lane.kind not in hidden]
    return sorted(kept, key=lambda item: (SECTIONS.index(item[1].section), item[0]))


def notes_of(lane: Lane, tp: Touchpoint) -> tuple[str, ...]:
    """What a text-like lane shows for `tp`: its notes, pain points or opportunities."""
    if lane.kind == "pain-points":
        return tp.pain_points
    if lane.kind == "opportunities":
        return tp.opportunities
    return tp.notes(lane.id)


def plan_lane(lane: Lane, index: int, ordered: Sequence[Touchpoint], xs: dict[str, float], y: float,
              o: LayoutOptions) -> PlannedLane:
    """Cells and height of a text-like or metric lane whose top is `y` (`xs`: each touchpoint's column x)."""
    pitch = line_height(o.lane_font_size)
    cells: dict[str, LaneCell] = {}
    if lane.kind == "metric":
        height = max(o.metric_lane_height, 2 * CELL_PAD_Y + pitch + 3 + METRIC_BAR_HEIGHT, min_height(lane, o))
        values = {tp.id: tp.metrics[lane.metric] for tp in ordered if lane.metric in tp.metrics}
        lo, hi = _metric_range(lane.metric, list(values.values()))
        for tp in ordered:
            if tp.id in values:
                v = values[tp.id]
                shown = format_metric(lane.metric, v)
                fraction = min(1.0, max(0.0, (v - lo) / (hi - lo))) if hi > lo else (1.0 if v else 0.0)
                cells[tp.id] = LaneCell(tp.id, Rect(xs[tp.id], y, o.card_width, height), (shown,), (0.0,),
                                        (shown,), 0, v, fraction)
        return PlannedLane(lane, index, height, cells)
    width = o.card_width - 2 * CELL_PAD_X
    found = []
    size, cap = o.lane_font_size, max(2, o.lane_max_lines)
    fullest = 0
    for tp in ordered:
        notes = notes_of(lane, tp)
        if notes:
            lines, indents, more = cell_lines(notes, width, size, cap)
            fullest = max(fullest, len(lines))
            found.append((tp.id, notes, lines, indents, more))
    height = max(min_height(lane, o), 2 * CELL_PAD_Y + max(MIN_LINES, fullest) * pitch)
    w = o.card_width
    for tp_id, notes, lines, indents, more in found:
        cells[tp_id] = LaneCell(tp_id, Rect(xs[tp_id], y, w, height), lines, indents, notes, more)
    return PlannedLane(lane, index, height, cells)


@lru_cache(maxsize=16384)
def cell_lines(notes: tuple[str, ...], width: float, size: float,
               cap: int) -> tuple[tuple[str, ...], tuple[float, ...], int]:
    """(lines, indents, notes left out) of a cell: a bullet per note, its text wrapped to
    `width` and hanging under the bullet; past `cap` lines the last line says "+ N more"."""
    hang = text_width(BULLET, size)
    wrapped = [wrap_text(note, width - hang, size, cap) for note in notes]
    if len(notes) == 1 or sum(len(w) for w in wrapped) <= cap:
        shown = wrapped
    else:
        shown, used = [], 0
        for w in wrapped:
            if used + len(w) > cap - 1:
                break
            shown.append(w)
            used += len(w)
        if not shown:  # the first note alone is longer than the room left: cut it
            shown = [wrap_text(notes[0], width - hang, size, cap - 1)]
    lines: list[str] = []
    indents: list[float] = []
    for w in shown:
        for k, line in enumerate(w):
            lines.append(BULLET + line if k == 0 else line)
            indents.append(0.0 if k == 0 else hang)
    more = len(notes) - len(shown)
    if more:
        lines.append(f"+ {more} more")
        indents.append(0.0)
    return tuple(lines), tuple(indents), more


def format_metric(key: str, value: float) -> str:
    """A metric value as the map shows it (drop-off as a percentage)."""
    return f"{value * 100:g} %" if key == "drop_off" else f"{value:g}"


def _metric_range(key: str, values: list[float]) -> tuple[float, float]:
    spec = METRICS.get(key)
    if spec is not None:
        return spec.minimum, spec.maximum
    if not values:
        return 0.0, 1.0
    return min(0.0, min(values)), max(0.0, max(values))


def title_lines(lane: Lane, o: LayoutOptions) -> tuple[str, ...]:
    """The lane's name wrapped (bold) into its title column, at most `TITLE_LINES` lines."""
    width = o.lane_title_width - (SCALE_ROOM if lane.kind in ("emotion", "friction") else 4.0)
    return wrap_text(lane.title, width, o.label_font_size, TITLE_LINES, TITLE_BOLD)


def min_height(lane: Lane, o: LayoutOptions) -> float:
    """A text-like or metric lane is at least as tall as its title."""
    return 2 * CELL_PAD_Y + len(title_lines(lane, o)) * line_height(o.label_font_size)


def rule_above(section: str, previous: str | None) -> str | None:
    """The blueprint line drawn above the first lane of `section` when the lane before it
    is of `previous` (None at the top): only between two neighbouring sections that both
    have lanes."""
    if previous is None or previous == section:
        return None
    k = SECTIONS.index(section)
    if k == 0 or SECTIONS[k - 1] != previous:
        return None
    return BLUEPRINT_LINES.get(section)
