"""Journeys as CSV tables for spreadsheets: one row per touchpoint, one column per field.

Writing and reading live side by side so that one column list and one escaping rule
serve both directions (like the YAML format in this package). What a CSV carries and
what it cannot is described in docs/interop.md; in short: every touchpoint field,
stages (name, id, description, colour, order, empty ones too) and flows with labels
(`next`), but not the journey's title, description or personas.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from journeymap.io.atomic import atomic_write
from journeymap.io.csv_cells import (
    guard_formula,
    join_list,
    parse_channel,
    parse_evidence,
    parse_number,
    parse_scale,
    split_list,
    unguard_formula,
)
from journeymap.io import limits
from journeymap.io.errors import JourneyFileError
from journeymap.io.import_support import IdMaker, ImportLog, read_bytes, shown
from journeymap.model import (
    BUILTIN_KINDS,
    DEFAULT_LANES,
    EMOTIONS,
    FRICTIONS,
    METRICS,
    Journey,
    Lane,
    Stage,
    Touchpoint,
)
from journeymap.model.lanes import CUSTOMER, MAX_LANES, TEXT, make_lane
from journeymap.model.text import first_unwanted, unique_id

STAGE_COLUMNS = ("stage", "stage_id", "stage_description", "stage_color")
TOUCHPOINT_COLUMNS = (
    "id", "name", "description", "channel", "emotion", "friction", "row",
    "pain_points", "opportunities", "owner", "evidence", "next",
)
#: Every column but the metrics, in the order they are written.
COLUMNS = STAGE_COLUMNS + TOUCHPOINT_COLUMNS
#: A metric whose name could be mistaken for another column is written `metric:NAME`.
METRIC_PREFIX = "metric:"
#: A text lane's column is headed with its name (and its blueprint section in brackets, as in
#: "Staff actions (frontstage)"); `lane:NAME` where the name alone could be mistaken for
#: another column or a metric.
LANE_PREFIX = "lane:"
#: A persona's emotion where it differs from the main one: `emotion:PERSONA-ID`.
PERSONA_EMOTION_PREFIX = "emotion:"
_PREFIXES = (METRIC_PREFIX, LANE_PREFIX, PERSONA_EMOTION_PREFIX)
_SECTION_SUFFIX = re.compile(r"\A(.*?)\s*\((customer|frontstage|backstage|support)\)\s*\Z", re.IGNORECASE | re.DOTALL)
SUFFIXES = (".csv",)
_ALIASES = {"touchpoint": "name", "stage_name": "stage", "stage_colour": "stage_color", "colour": "stage_color",
            "pain_point": "pain_points", "opportunity": "opportunities", "lane": "row"}


def header_key(cell: str) -> str:
    """A header cell as a column key: 'Pain points' and 'pain-points' are 'pain_points'."""
    key = re.sub(r"[\s-]+", "_", cell.strip().lower())
    return _ALIASES.get(key, key)


# ---------------------------------------------------------------------------- writing


def _metric_names(touchpoints: Iterable[Touchpoint]) -> list[str]:
    present = list(dict.fromkeys(name for tp in touchpoints for name in tp.metrics))
    return [k for k in METRICS if k in present] + [k for k in present if k not in METRICS]


def _metric_header(name: str) -> str:
    if name in METRICS:
        return name
    key = header_key(name)
    taken = key in COLUMNS or key in METRICS or name.lower().startswith(_PREFIXES)
    # A header is a cell like any other: `=HYPERLINK(...)` as a metric name must not run in a spreadsheet.
    return METRIC_PREFIX + name if taken else guard_formula(name)


def _lane_label(lane: Lane) -> str:
    """A text lane's column name: its name, and its section in brackets unless that is the customer's."""
    if lane.section != CUSTOMER or _SECTION_SUFFIX.match(lane.name):
        return f"{lane.name} ({lane.section})"
    return lane.name


def _lane_header(lane: Lane, cells: list[str], metric_keys: set[str]) -> str:
    label = _lane_label(lane)
    key = header_key(lane.name)
    ambiguous = (key in COLUMNS or key in METRICS or key in metric_keys or lane.name.lower().startswith(_PREFIXES)
                 or all(parse_number(c) is not None for c in cells if c))  # would read back as a metric
    return LANE_PREFIX + label if ambiguous else label


def _persona_columns(journey: Journey) -> list[str]:
    """The personas that get an `emotion:ID` column: all of them, once any feels differently somewhere."""
    if not any(tp.persona_emotions for tp in journey.touchpoints()):
        return []
    return [p.id for p in journey.personas()]


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) else repr(value)


def _next_cell(journey: Journey, tp: Touchpoint) -> str:
    return join_list(f"{f.target}: {f.label}" if f.label else f.target for f in journey.flows_from(tp.id))


def _row(
    journey: Journey, stage: Stage, first: bool, tp: Touchpoint | None, extra: tuple[list[str], list[str], list[str]]
) -> list[str]:
    lanes, personas, metrics = extra
    cells = [guard_formula(stage.name), stage.id,
             guard_formula(stage.description) if first else "", (stage.color or "") if first else ""]
    if tp is None:
        return cells + [""] * (len(TOUCHPOINT_COLUMNS) + len(lanes) + len(personas) + len(metrics))
    cells += [
        tp.id, guard_formula(tp.name), guard_formula(tp.description), guard_formula(tp.channel or ""),
        "" if tp.emotion is None else str(tp.emotion),
        "" if tp.friction is None else str(tp.friction),
        str(tp.row) if tp.row else "",
        guard_formula(join_list(tp.pain_points)), guard_formula(join_list(tp.opportunities)),
        guard_formula(tp.owner), tp.evidence or "", _next_cell(journey, tp),
    ]
    cells += [guard_formula(join_list(tp.notes(lane_id))) for lane_id in lanes]
    cells += [str(tp.persona_emotions[p]) if p in tp.persona_emotions else "" for p in personas]
    return cells + [_number(tp.metrics[m]) if m in tp.metrics else "" for m in metrics]


def dumps_csv(journey: Journey) -> str:
    """The CSV text of a journey (no BOM; `write_csv` adds it). Rows end with CRLF."""
    touchpoints = journey.touchpoints()
    metrics = _metric_names(touchpoints)
    metric_headers = [_metric_header(m) for m in metrics]
    lanes = [lane for lane in journey.lanes() if lane.is_text]
    personas = _persona_columns(journey)
    lane_headers = [_lane_header(lane, [join_list(tp.notes(lane.id)) for tp in touchpoints],
                                 {header_key(h) for h in metric_headers}) for lane in lanes]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(COLUMNS) + [guard_formula(h) for h in lane_headers]
                    + [PERSONA_EMOTION_PREFIX + p for p in personas] + metric_headers)
    extra = ([lane.id for lane in lanes], personas, metrics)
    for stage in journey.stages():
        tps = journey.touchpoints(stage.id)
        if not tps:
            writer.writerow(_row(journey, stage, True, None, extra))
        for i, tp in enumerate(tps):
            writer.writerow(_row(journey, stage, i == 0, tp, extra))
    return out.getvalue()


def lanes_from_columns(names: list[str], taken: set[str] | None = None) -> list[Lane]:
    """The lane list an import makes from text-lane column names: the customer's text lanes,
    then the default built-in lanes, then the blueprint lanes (frontstage, backstage, support)."""
    made: list[Lane] = []
    used = set(taken or ()) | {"metric", *BUILTIN_KINDS}
    for header in names:
        name, section = header, CUSTOMER
        match = _SECTION_SUFFIX.match(header)
        if match and match.group(1).strip():
            name, section = match.group(1).strip(), match.group(2).lower()
        lane_id = unique_id(name, used, "lane")
        used.add(lane_id)
        made.append(make_lane(TEXT, id=lane_id, name=name, section=section))
    customer = [lane for lane in made if lane.section == CUSTOMER]
    return customer + list(DEFAULT_LANES) + [lane for lane in made if lane.section != CUSTOMER]


def csv_warnings(journey: Journey, path: str | os.PathLike[str]) -> list[str]:
    """What a CSV of this journey cannot carry, as warnings for the person exporting it."""
    lost = []
    if journey.title != Path(path).stem:
        lost.append(f"the title ({journey.title!r}; importing names the journey after the file)")
    if journey.description:
        lost.append("the journey description")
    if journey.personas():
        with_columns = _persona_columns(journey)
        kept = " (their emotions are kept in emotion:ID columns, their other fields are not)" if with_columns else ""
        lost.append(f"{len(journey.personas())} persona(s){kept}")
    texts = [lane for lane in journey.lanes() if lane.is_text]
    if journey.lane_config() is not None:
        rebuilt = lanes_from_columns([_lane_label(lane) for lane in texts])
        if [(lane.kind, lane.name, lane.section, lane.metric) for lane in rebuilt] != \
                [(lane.kind, lane.name, lane.section, lane.metric) for lane in journey.lanes()]:
            lost.append("the order of the lanes and the built-in and metric lanes shown (text lanes are kept)")
        elif [lane.id for lane in rebuilt] != [lane.id for lane in journey.lanes()]:
            lost.append("the ids of the text lanes (an import derives them from the lane names)")
    return [f"a CSV keeps touchpoints, stages and flows only; not written: {'; '.join(lost)}"] if lost else []


def write_csv(journey: Journey, path: str | os.PathLike[str]) -> list[str]:
    """Write the journey as UTF-8 CSV with a BOM (so Excel reads it as UTF-8), atomically.

    Returns warnings about what the CSV cannot carry; raises JourneyFileError when
    the file cannot be written (the old file is then untouched).
    """
    try:
        atomic_write(path, ("\ufeff" + dumps_csv(journey)).encode("utf-8"))
    except OSError as err:
        raise JourneyFileError(path, None, None, f"cannot save: {err.strerror or err}") from None
    return csv_warnings(journey, path)


# ---------------------------------------------------------------------------- reading


def read_csv(path: str | os.PathLike[str]) -> tuple[Journey, list[str]]:
    """Read a CSV table of touchpoints; returns the journey (named after the file) and warnings.

    Raises JourneyFileError with the spreadsheet row number (`FILE:ROW: message`,
    the header is row 1) for the first bad row.
    """
    log = ImportLog(path)
    text = _decode(read_bytes(path), log)
    journey = _Reader(log).read(text, Path(path).stem or "Untitled journey")
    return journey, log.warnings


def parse_csv(
    text: str, path: str | os.PathLike[str] = "<text>", *, title: str = "Untitled journey"
) -> tuple[Journey, list[str]]:
    """Parse CSV text (see `read_csv`); `path` only names the source in messages."""
    log = ImportLog(path)
    journey = _Reader(log).read(text.removeprefix("\ufeff"), title)
    return journey, log.warnings


_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _decode(data: bytes, log: ImportLog) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec.lower())
            except UnicodeDecodeError:
                raise log.error(None, f"the file starts like {codec} but is not valid {codec}") from None
    wide = _wide_encoding(data)
    if wide is not None:  # else every cell would be read full of NUL characters
        raise log.error(None, f"the file looks like {wide} text without a byte-order mark; save it as 'CSV UTF-8'")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise log.error(line, f"the file is not valid UTF-8 (byte 0x{data[err.start]:02X}); save it as 'CSV "
                                  "UTF-8'") from None
        log.warn(line, "the file is not UTF-8; it was read as Windows-1252 (Excel's plain 'CSV'). Save as 'CSV UTF-8' "
                       "to keep every character")
        return text


def _wide_encoding(data: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the file starts like mostly-ASCII text in it (every second or
    three in four bytes NUL), else None."""
    sample = data[:4096]
    if b"\x00" not in sample:
        return None

    def mostly_nul(start: int, step: int) -> bool:
        part = sample[start::step]
        return bool(part) and part.count(0) > len(part) / 2

    if len(sample) >= 4 and sum(mostly_nul(i, 4) for i in range(4)) >= 3:
        return "UTF-32"
    if len(sample) >= 2 and (mostly_nul(0, 2) or mostly_nul(1, 2)):
        return "UTF-16"
    return None


def _delimiter(text: str) -> str:
    # Excel writes ';' where the decimal separator is a comma; tab-separated text is common too.
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count) if any(d in first for d in ",;\t") else ","


class _Reader:
    """Rows → journey: stages in order of first appearance, flows from `next` or row order."""

    def __init__(self, log: ImportLog) -> None:
        self.log = log
        self.journey = Journey()
        self.columns: list[tuple[str, str]] = []  # (kind, key): field / metric / text / skip
        self.stage: str | None = None
        self.stage_by_name: dict[str, str] = {}  # the first stage of each name
        self.stages = 0
        self.ids = IdMaker(self.journey)
        self.links: list[tuple[int, str, str]] = []  # (row, touchpoint id, next cell)
        self.order: list[tuple[int, str]] = []
        self.lane_ids: dict[int, str] = {}  # column index -> text-lane id
        self.lost: list[tuple[int, str, str]] = []  # (row, column, character) of cells that lose characters

    def read(self, text: str, title: str) -> Journey:
        self.journey.set_title(title)
        table = self._table(text)
        if not table:
            raise self.log.error(1, "the file is empty: the first row must name the columns (stage, name, ...)")
        self._header(table.pop(0)[1])
        self._classify_text_columns(table)
        for number, cells in table:
            if any(c.strip() for c in cells):
                self._row(number, cells)
        self._flows()
        self.log.check_size(None, self.journey)
        if self.lost:
            number, column, char = self.lost[0]
            self.log.warn(number, f"{len(self.lost):,} cell(s) hold characters a journey cannot keep, such as "
                                  f"U+{ord(char):04X} (first in column {shown(column)}); they are removed")
        return self.journey

    def _table(self, text: str) -> list[tuple[int, list[str]]]:
        delimiter = _delimiter(text)
        table: list[tuple[int, list[str]]] = []
        try:  # strict: only so that a quote left open is noticed, not read as the rest of the file
            for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
                table.append((len(table) + 1, cells))
        except csv.Error as err:
            # Quotes come in pairs in a CSV file; an odd count means one was left open (the cell
            # then runs on to the end of the file, or past the longest cell the reader takes).
            if str(err) == "unexpected end of data" or (str(err).startswith("field larger") and text.count('"') % 2):
                raise self.log.error(len(table) + 1, "unterminated quoted cell: its opening '\"' is never closed, "
                                                     "so the rest of the file would be one cell") from None
            return self._lenient_table(text, delimiter)
        return table

    def _lenient_table(self, text: str, delimiter: str) -> list[tuple[int, list[str]]]:
        # A stray quote inside a cell (`"a"b`) is what spreadsheets read as 'ab'; so do we.
        table: list[tuple[int, list[str]]] = []
        try:
            for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
                table.append((len(table) + 1, cells))
        except csv.Error as err:
            raise self.log.error(len(table) + 1, f"not a readable CSV row: {err}") from None
        return table

    def _header(self, header: list[str]) -> None:
        seen: dict[str, int] = {}
        taken: set[tuple[str, str]] = set()
        for index, cell in enumerate(header, start=1):
            name = unguard_formula(cell.strip().removeprefix("\ufeff"))
            key = header_key(name)
            if name.lower().startswith(METRIC_PREFIX):
                column = ("metric", name[len(METRIC_PREFIX):].strip())
            elif name.lower().startswith(LANE_PREFIX):
                column = ("lane", name[len(LANE_PREFIX):].strip())
            elif name.lower().startswith(PERSONA_EMOTION_PREFIX):
                column = ("persona", name[len(PERSONA_EMOTION_PREFIX):].strip())
            elif key in COLUMNS:
                column = ("field", key)
            elif key in METRICS:
                column = ("metric", key)
            elif not name:
                column = ("skip", f"column {index}")
            else:
                column = ("text", name)  # a metric if every value is a number, see below
            if column[0] != "skip" and column in taken:
                raise self.log.error(1, f"column {shown(name)} appears twice (columns {seen[column[1]]} and {index})")
            seen[column[1]] = index
            taken.add(column)
            self.columns.append(column)
        missing = [k for k in ("stage", "name") if ("field", k) not in taken]
        if missing:
            named = [shown(c.strip()) for c in header if c.strip()]
            found = ", ".join(named[:10]) + (f" … ({len(named):,} in all)" if len(named) > 10 else "") or "none"
            raise self.log.error(1, f"the first row must name the columns; missing {' and '.join(map(repr, missing))} "
                                    f"(found: {found})")

    def _classify_text_columns(self, table: list[tuple[int, list[str]]]) -> None:
        # One pass over the cells (not one per column: a sheet may have 100,000 columns).
        kinds = [kind for kind, _ in self.columns]
        filled = [False] * len(kinds)
        numeric = [True] * len(kinds)
        for _, cells in table:
            for index, cell in enumerate(cells[: len(kinds)]):
                kind = kinds[index]
                if (kind == "text" or kind == "skip") and cell.strip():
                    filled[index] = True
                    if kind == "text" and numeric[index] and parse_number(cell) is None:
                        numeric[index] = False
        headless = []
        for index, (kind, name) in enumerate(self.columns):
            if kind == "text":
                # a column of numbers is a metric; a column of text is a text lane of notes
                self.columns[index] = ("metric" if numeric[index] else "lane", name)
            elif kind == "skip" and filled[index]:
                headless.append(name.removeprefix("column "))
        _warn_columns(self.log, headless, "has no header; its values are "
                                          "ignored", "have no header; their values are ignored")
        self._make_lanes_and_personas()

    def _make_lanes_and_personas(self) -> None:
        names = [name for kind, name in self.columns if kind == "lane"]
        if len(names) > MAX_LANES:  # before making any of them
            raise self.log.error(1, f"a journey has at most {MAX_LANES} lanes; this table has {len(names):,} columns "
                                    f"of text that are no journeymap field (such as {shown(names[0])})")
        if names:
            lanes = self.log.apply(1, lambda: lanes_from_columns(names))
            self.log.apply(1, lambda: self.journey.set_lane_config(lanes))
            by_name: dict[str, list[str]] = {}
            for lane in lanes:
                if lane.is_text:
                    by_name.setdefault(lane.name, []).append(lane.id)
            for index, (kind, name) in enumerate(self.columns):
                if kind == "lane":
                    match = _SECTION_SUFFIX.match(name)
                    plain = match.group(1).strip() if match and match.group(1).strip() else name
                    self.lane_ids[index] = by_name[plain].pop(0)
        for kind, name in self.columns:
            if kind == "persona":
                self.log.apply(1, lambda: self.journey.add_persona(name, id=name))

    def _row(self, number: int, cells: list[str]) -> None:
        if len(cells) > len(self.columns) and any(c.strip() for c in cells[len(self.columns):]):
            raise self.log.error(number, f"the row has {len(cells)} cells but the first row names only "
                                         f"{len(self.columns)} columns")
        fields: dict[str, str] = {}
        metrics: dict[str, str] = {}
        notes: dict[str, tuple[str, ...]] = {}
        emotions: dict[str, str] = {}
        for index, ((kind, key), cell) in enumerate(zip(self.columns, cells, strict=False)):
            value = unguard_formula(cell.strip())
            if kind == "field":
                fields[key] = value
            elif kind == "metric" and value:
                metrics[key] = value
            elif kind == "lane" and value:
                notes[self.lane_ids[index]] = split_list(value)
            elif kind == "persona" and value:
                emotions[key] = value
            else:
                continue
            lost = first_unwanted(value)
            if lost is not None:
                self.lost.append((number, key, lost))
        stage_id = self._stage(number, fields)
        if not fields.get("name"):
            filled = [k for k in TOUCHPOINT_COLUMNS if fields.get(k)] + list(metrics) + list(notes) + list(emotions)
            if filled:
                raise self.log.error(number, f"the touchpoint has no name (the row fills {', '.join(filled)})")
            return
        self._touchpoint(number, stage_id, fields, metrics, (notes, emotions))

    def _stage(self, number: int, fields: Mapping[str, str]) -> str:
        name, wanted = fields.get("stage", ""), fields.get("stage_id", "")
        if not name and not wanted:
            if self.stage is None:
                raise self.log.error(number, "the row names no stage: fill in the 'stage' column")
            stage_id = self.stage  # a blank stage cell continues the stage above, as in a filled-down sheet
        else:
            found = (wanted if self.journey.has_stage(wanted) else None) if wanted else self.stage_by_name.get(name)
            if found is not None:
                stage_id = found
                known = self.journey.stage(found).name
                if name and known != name:
                    self.log.warn(number, f"stage id {shown(wanted)} is named {shown(known)} above; keeping that name")
            else:
                if not name:
                    raise self.log.error(number, f"stage id {shown(wanted)} appears here first, without a stage name")
                self.log.check_text(number, name, "stage name")
                self.log.room(number, self.stages, limits.MAX_STAGES, "stages")
                stage = self.log.apply(
                    number, lambda: self.journey.add_stage(name, id=wanted or self.ids.new(name, "stage"))
                )
                stage_id = stage.id
                self.stages += 1
                self.stage_by_name.setdefault(stage.name, stage_id)
        self.stage = stage_id
        self._stage_details(number, stage_id, fields)
        return stage_id

    def _stage_details(self, number: int, stage_id: str, fields: Mapping[str, str]) -> None:
        stage = self.journey.stage(stage_id)
        for column, attribute in (("stage_description", "description"), ("stage_color", "color")):
            value = fields.get(column, "")
            if not value:
                continue
            current = getattr(stage, attribute)
            if not current:
                self.log.check_text(number, value, column.replace("_", " "))
                stage = self.log.apply(number, lambda: self.journey.update_stage(stage_id, **{attribute: value}))
            elif current != value and current != value.upper():
                self.log.warn(number, f"stage {shown(stage.name)} already has a {attribute} from a row above; this one "
                                      "is ignored")

    def _touchpoint(
        self, number: int, stage_id: str, fields: Mapping[str, str], metrics: Mapping[str, str],
        extra: tuple[dict[str, tuple[str, ...]], dict[str, str]] = ({}, {}),
    ) -> None:
        notes, emotions = extra
        for key in ("description", "owner"):
            self.log.check_text(number, fields.get(key, ""), key)
        try:
            values: dict[str, Any] = {
                "description": fields.get("description", ""),
                "channel": parse_channel(fields.get("channel", "")),
                "emotion": parse_scale(fields.get("emotion", ""), EMOTIONS, "emotion"),
                "friction": parse_scale(fields.get("friction", ""), FRICTIONS, "friction"),
                "row": parse_scale(fields.get("row", ""), None, "row") or 0,
                "pain_points": split_list(fields.get("pain_points", "")),
                "opportunities": split_list(fields.get("opportunities", "")),
                "owner": fields.get("owner", ""),
                "evidence": parse_evidence(fields.get("evidence", "")),
                "metrics": {name: _metric(name, value) for name, value in metrics.items()},
                "lanes": notes,
                "persona_emotions": {p: parse_scale(v, EMOTIONS, "emotion of persona "
                                                                 f"{p!r}") for p, v in emotions.items()},
            }
        except ValueError as err:
            raise self.log.error(number, str(err)) from None
        name = self.log.check_text(number, fields["name"], "touchpoint name")
        self.log.room(number, len(self.order), limits.MAX_TOUCHPOINTS, "touchpoints")
        tp = self.log.apply(number, lambda: self.journey.add_touchpoint(
            stage_id, name, id=fields.get("id") or self.ids.new(name, "touchpoint"), **values))
        self.order.append((number, tp.id))
        if "next" in fields:
            self.links.append((number, tp.id, fields["next"]))

    def _flows(self) -> None:
        if ("field", "next") not in self.columns:
            for (_, source), (number, target) in zip(self.order, self.order[1:], strict=False):
                self.log.apply(number, lambda: self.journey.add_flow(source, target))
            return
        by_name: dict[str, list[str]] = {}
        for tp in self.journey.touchpoints():
            by_name.setdefault(tp.name, []).append(tp.id)
        flows = 0
        for number, source, cell in self.links:
            for item in split_list(cell):
                target, _, label = item.partition(":")
                target, label = target.strip(), label.strip()
                if not self.journey.has_touchpoint(target) and len(by_name.get(item, ())) == 1:
                    target, label = by_name[item][0], ""  # a hand-typed sheet may name the next touchpoint
                self.log.room(number, flows, limits.MAX_FLOWS, "flows")
                self.log.apply(number, lambda: self.journey.add_flow(source, target, label))
                flows += 1


def _warn_columns(log: ImportLog, names: list[str], one: str, many: str) -> None:
    """One warning per column, or one for them all when there are more than three."""
    if len(names) <= 3:
        for name in names:
            log.warn(1, f"column {name} {one}")
    else:
        log.warn(1, f"columns {', '.join(names[:3])} and {len(names) - 3:,} more {many}")


def _metric(name: str, cell: str) -> float:
    value = parse_number(cell)
    if value is None:
        raise ValueError(f"metric {shown(name)} must be a number, not {shown(cell)}")
    return value
