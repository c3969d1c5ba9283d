"""Mermaid user-journey diagrams (`journey`) to and from journeys.

Reading follows Mermaid's own grammar (see `journeymap.io.mermaid_syntax`); writing
produces text that grammar reads back to the same names, order and emotions. The
mapping, and what a Mermaid diagram cannot carry, is described in docs/interop.md.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

from journeymap.io import limits
from journeymap.io.atomic import atomic_write
from journeymap.io.errors import JourneyFileError
from journeymap.io.import_support import IdMaker, ImportLog, decode_utf8, read_bytes, shown
from journeymap.io.mermaid_syntax import JS_SPACE, WS, Token, decode, escape, escape_task_name, preprocess, tokenize
from journeymap.model import Journey

#: Mermaid scores run 1..5; journeymap emotions −2..+2.
SCORE_MIN, SCORE_MAX, SCORE_OFFSET = 1, 5, 3
#: What a task gets when its touchpoint has no emotion yet (neutral).
UNRATED_SCORE = 3
#: The stage that holds tasks written before the first `section` (or a section without a name).
FIRST_STAGE_NAME = "Untitled stage"
#: A task whose name is blank (Mermaid shows it without text).
UNNAMED_TASK = "Untitled touchpoint"
#: Mermaid's default maxTextSize; longer diagrams are refused by Mermaid.
MERMAID_MAX_TEXT = 50_000
SUFFIXES = (".mmd", ".mermaid")

_INDENT_AFTER_NEWLINE = re.compile(f"\n{WS}+")  # Mermaid's setAccDescription drops it
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def emotion_to_score(emotion: int | None) -> int:
    """Mermaid score 1..5 of an emotion −2..2 (unrated → 3)."""
    return UNRATED_SCORE if emotion is None else emotion + SCORE_OFFSET


def score_to_emotion(score: int) -> int:
    """Emotion −2..2 of a Mermaid score 1..5."""
    return score - SCORE_OFFSET


# ---------------------------------------------------------------------------- reading


def read_mermaid(path: str | os.PathLike[str]) -> tuple[Journey, list[str]]:
    """Read a Mermaid `journey` file; returns the journey and warnings (`FILE:LINE: ...`).

    A diagram without a title is named after the file. Raises JourneyFileError
    (`FILE:LINE: message`) when the file cannot be read, is not a diagram Mermaid
    accepts, or a task has no usable score.
    """
    text = decode_utf8(read_bytes(path), path)
    return parse_mermaid(text, path, default_title=Path(path).stem or "Untitled journey")


def parse_mermaid(
    text: str, path: str | os.PathLike[str] = "<text>", *, default_title: str = "Untitled journey"
) -> tuple[Journey, list[str]]:
    """Parse Mermaid `journey` text; `path` only names the source in messages."""
    log = ImportLog(path)
    source = preprocess(text, log.path)
    parser = _Parser(log, list(tokenize(source)))
    journey = parser.run()
    title = parser.title or source.front_matter_title or parser.acc_title or default_title
    log.apply(None, lambda: journey.set_title(log.check_text(None, title, "title")))
    return journey, log.warnings


_UNFINISHED = {
    "acc_title": "'accTitle:', which needs a text",
    "acc_descr": "'accDescr:', which needs a text",
    "acc_descr_multiline": "'accDescr {', which needs a closing '}'",
}


class _Parser:
    """The grammar of journey.jison over the tokens, building the journey as it goes."""

    def __init__(self, log: ImportLog, tokens: list[Token]) -> None:
        self.log = log
        self.tokens = tokens
        self.journey = Journey()
        self.ids = IdMaker(self.journey)
        self.touchpoints = 0
        self.title = ""
        self.acc_title = ""
        self.stage: str | None = None
        self.personas: set[str] = set()

    def run(self) -> Journey:
        first = self.tokens[0]
        if first.kind != "JOURNEY":
            found = "nothing" if first.kind == "EOF" else repr(first.text.strip()[:40])
            raise self.log.error(first.line, "not a Mermaid user journey: the diagram must start with 'journey', found "
                                             f"{found}")
        if first.text != "journey":
            self.log.warn(first.line, "Mermaid recognises the diagram only by a lowercase 'journey', not "
                                      f"{shown(first.text)}")
        i = 1
        while True:
            token = self.tokens[i]
            kind = token.kind
            if kind == "EOF":
                if token.text in _UNFINISHED:
                    raise self.log.error(token.line, f"the file ends inside {_UNFINISHED[token.text]}")
                break
            if kind == "TASKNAME":
                self._task(token, self.tokens[i + 1])
                i += 2
                continue
            if kind in ("ACC_TITLE", "ACC_DESCR"):
                if self.tokens[i + 1].kind == "EOF":
                    i += 1
                    continue
                value = self.tokens[i + 1].text
                if kind == "ACC_TITLE":
                    self.acc_title = decode(value).strip(JS_SPACE)
                else:
                    self._describe(token.line, value)
                i += 2
                continue
            if kind == "TITLE":
                self.title = self.log.check_text(token.line, decode(token.text[6:]).strip(JS_SPACE), "title")
            elif kind == "ACC_DESCR_MULTILINE_VALUE":
                self._describe(token.line, token.text)
            elif kind == "SECTION":
                name = decode(token.text[8:]).strip(JS_SPACE)
                if not name:
                    self.log.warn(token.line, f"the section has no name; it is called {FIRST_STAGE_NAME!r}")
                self._section(token.line, name or FIRST_STAGE_NAME)
            elif kind != "NEWLINE":
                raise self.log.error(token.line, self._unexpected(i))
            i += 1
        self._link_in_order()
        return self.journey

    def _unexpected(self, i: int) -> str:
        token, before = self.tokens[i], self.tokens[i - 1]
        if token.kind == "INVALID":
            return f"Mermaid does not allow {token.text!r} here (write #{ord(token.text)}; to show it)"
        if token.kind == "JOURNEY":
            return ("'journey' may only start the diagram "
                    "(a task name starting with 'journey' must be written '#106;ourney...')")
        if before.kind == "SECTION" and before.line == token.line:
            return "a section name cannot contain ':' (write #58; to show a colon)"
        return "a line cannot start with ':'; a task is written 'Task name: score: Actor 1, Actor 2'"

    def _describe(self, line: int, raw: str) -> None:
        value = decode(_INDENT_AFTER_NEWLINE.sub("\n", raw.strip(JS_SPACE))).strip(JS_SPACE)
        self.log.apply(line, lambda: self.journey.set_description(self.log.check_text(line, value, "description")))

    def _section(self, line: int, name: str) -> None:
        self.log.check_text(line, name, "section name")
        self.log.room(line, len(self.journey.stage_ids()), limits.MAX_STAGES, "stages")
        stage = self.log.apply(line, lambda: self.journey.add_stage(name, id=self.ids.new(name, "stage")))
        self.stage = stage.id

    def _task(self, name_token: Token, data: Token) -> None:
        line = name_token.line
        name = decode(name_token.text).strip(JS_SPACE) or UNNAMED_TASK
        if data.kind != "TASKDATA":
            if data.kind == "INVALID":
                raise self.log.error(data.line, f"Mermaid does not allow {data.text!r} here (write #{ord(data.text)}; "
                                                "to show it)")
            raise self.log.error(line, f"task {shown(name)} has no score: write it as '{name[:40]}: 3' (a score from 1 "
                                       "to 5, then optional actors after another ':')")
        pieces = data.text[1:].split(":")
        emotion = score_to_emotion(self._score(line, name, pieces[0]))
        actors = [decode(a).strip(JS_SPACE) for a in pieces[1].split(",")] if len(pieces) > 1 else []
        extra = ":".join(pieces[2:]).strip(JS_SPACE)
        if extra:
            self.log.warn(line, f"Mermaid ignores what follows the actors: {shown(extra)}")
        if self.stage is None:
            self._section(line, FIRST_STAGE_NAME)
        stage = self.stage
        assert stage is not None
        self.log.check_text(line, name, "task name")
        self.log.room(line, self.touchpoints, limits.MAX_TOUCHPOINTS, "touchpoints")
        self.log.apply(line, lambda: self.journey.add_touchpoint(
            stage, name, id=self.ids.new(name, "touchpoint"), emotion=emotion))
        self.touchpoints += 1
        for actor in actors:
            if actor and actor not in self.personas:
                self.log.check_text(line, actor, "actor name")
                self.log.room(line, len(self.personas), limits.MAX_PERSONAS, "personas (actors)")
                self.personas.add(actor)
                self.log.apply(line, lambda: self.journey.add_persona(actor))

    def _score(self, line: int, task: str, text: str) -> int:
        # Mermaid takes Number(text): empty is 0 and words are NaN; neither can be placed on a map.
        raw = text.strip(JS_SPACE)
        if not raw:
            raise self.log.error(line, f"task {shown(task)} has no score: write a score from 1 to 5 after the ':'")
        if not _NUMBER.fullmatch(raw) or not math.isfinite(float(raw)):
            raise self.log.error(line, f"the score of task {shown(task)} must be a number from 1 to 5, not "
                                       f"{shown(raw)}")
        value = float(raw)
        score = math.floor(value + 0.5)
        if score != value:
            self.log.warn(line, f"score {raw[:40]} of task {shown(task)} is rounded to {score}")
        if not SCORE_MIN <= score <= SCORE_MAX:
            clamped = min(max(score, SCORE_MIN), SCORE_MAX)
            self.log.warn(line, f"score {raw[:40]} of task {shown(task)} is outside 1..5; using {clamped}")
            score = clamped
        return int(score)

    def _link_in_order(self) -> None:
        ids = self.journey.touchpoint_ids()
        for source, target in zip(ids, ids[1:], strict=False):
            self.journey.add_flow(source, target)
        self.log.check_size(None, self.journey)


# ---------------------------------------------------------------------------- writing


def dumps_mermaid(journey: Journey) -> tuple[str, list[str]]:
    """The Mermaid `journey` text of a journey, and warnings about what changed on the way.

    Writes the title, the description as `accDescr`, one `section` per stage and one
    task per touchpoint with its emotion as score (unrated → 3) and as actors the
    personas whose emotion line is rated there (every persona, unless some feel
    differently where the main line is not rated). Reserved characters become Mermaid
    entity codes (`#58;` for ':'), which Mermaid shows as the character and `read_mermaid` reads back as it.
    """
    lines = ["journey", f"    title {escape(journey.title, '', newline='#10;')}"]
    if journey.description:
        lines.append(f"    accDescr: {escape(journey.description, '', newline='#10;')}")
    personas = [(p.id, escape(p.name, ":,", newline="#10;")) for p in journey.personas()]
    unrated = differing = 0
    for stage in journey.stages():
        lines.append(f"    section {escape(stage.name, ':')}")
        for tp in journey.touchpoints(stage.id):
            unrated += tp.emotion is None
            differing += bool(tp.persona_emotions)
            task = f"      {escape_task_name(tp.name)}: {emotion_to_score(tp.emotion)}"
            actors = ", ".join(name for pid, name in personas if tp.emotion_of(pid) is not None or tp.emotion is None)
            lines.append(f"{task}: {actors}" if actors else task)
    text = "\n".join(lines) + "\n"
    warnings = []
    if unrated:
        warnings.append(f"{unrated} touchpoint(s) have no emotion yet; Mermaid shows them with the neutral score "
                        f"{UNRATED_SCORE}")
    if differing:
        warnings.append(f"at {differing} touchpoint(s) personas feel differently; Mermaid has one score per task, "
                        "so only the main emotion is written")
    notes = sum(len(v) for tp in journey.touchpoints() for v in tp.lanes.values())
    if notes:
        warnings.append(f"{notes} lane note(s) are not written: a Mermaid journey has no place for lanes "
                        "(keep the YAML file, or export CSV or Markdown for them)")
    if len(text) > MERMAID_MAX_TEXT:
        warnings.append(f"the diagram has {len(text):,} characters; Mermaid refuses more than {MERMAID_MAX_TEXT:,} "
                        "unless its maxTextSize is raised")
    return text, warnings


def write_mermaid(journey: Journey, path: str | os.PathLike[str]) -> list[str]:
    """Write the journey as a Mermaid `journey` diagram (UTF-8), atomically; returns warnings.

    Raises JourneyFileError when the file cannot be written (the old file is then untouched).
    """
    text, warnings = dumps_mermaid(journey)
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as err:
        raise JourneyFileError(path, None, None, f"cannot save: {err.strerror or err}") from None
    return warnings
