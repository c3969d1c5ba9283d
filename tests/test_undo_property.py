"""Property: any sequence of edits through the undo stack undoes to the exact original.

Hypothesis draws a sequence of real undo commands (stages, touchpoints, flows,
field, journey and persona edits, compound deletes, pastes, merging field sessions)
and pushes each on a QUndoStack, the way the window does. Undoing everything must
give back a journey equal to the original whose saved text is byte-identical;
redoing everything must give back the final state, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QUndoCommand, QUndoStack

from journeymap.io import dumps_journey, load_journey
from journeymap.model import Journey, normalise_text
from journeymap.ui.commands.fields import (
    AddPersonaCommand,
    JourneyFieldCommand,
    PersonaFieldCommand,
    RemovePersonaCommand,
    StageFieldCommand,
    TouchpointFieldCommand,
    check_value,
)
from journeymap.ui.commands.structure import (
    AddFlowCommand,
    AddStageCommand,
    AddTouchpointCommand,
    DeleteItemsCommand,
    MoveStageCommand,
    MoveTouchpointCommand,
    PasteTouchpointsCommand,
    RelabelFlowCommand,
    RemoveFlowCommand,
    RemoveStageCommand,
    RemoveTouchpointCommand,
    RenameStageCommand,
    RenameTouchpointCommand,
    SetChannelCommand,
    SetEmotionCommand,
    StagePolicy,
)

SAMPLES = Path(__file__).resolve().parent.parent / "sample_journeys"
#: Texts that stress the writer: YAML 1.1 words, numbers, colons, newlines, non-ASCII.
TRICKY = ["no", "on", "1e3", "null", "0x1F", "12:30", "a: b", "- x", "Café ☕", "two\nlines", "#tag", "  padded  "]
texts = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12),
)
names = texts.filter(lambda t: bool(normalise_text(t)) and "\n" not in t)  # what the model accepts as a name
SESSIONS = [None, None, "s1", "s2"]

Op = Callable[[st.DataObject, Journey], QUndoCommand | None]


def _pick(data: st.DataObject, items: list[Any]) -> Any:
    return data.draw(st.sampled_from(items)) if items else None


def _valid(kind: str, field: str, value: Any) -> Any:
    try:
        return check_value(kind, field, value)
    except ValueError:
        return None


TOUCHPOINT_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "name": names,
    "description": texts,
    "channel": st.one_of(st.none(), st.sampled_from(["email", "search", "phone", "Carrier pigeon"])),
    "emotion": st.one_of(st.none(), st.integers(-2, 2)),
    "friction": st.one_of(st.none(), st.integers(0, 4)),
    "row": st.integers(0, 3),
    "pain_points": st.lists(names, max_size=3),
    "opportunities": st.lists(names, max_size=2),
    "owner": texts,
    "evidence": st.one_of(st.none(), st.sampled_from(["assumption", "anecdotal", "observed", "measured"])),
    "metrics": st.dictionaries(st.sampled_from(["csat", "nps", "custom"]), st.integers(1, 5), max_size=2),
}


def add_stage(data: st.DataObject, j: Journey) -> QUndoCommand:
    return AddStageCommand(j, data.draw(names), data.draw(st.integers(0, len(j.stage_ids()))))


def remove_stage(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    if len(j.stage_ids()) < 2:
        return None
    policy: StagePolicy = data.draw(st.sampled_from(["delete", "move"]))
    return RemoveStageCommand(j, _pick(data, j.stage_ids()), policy)


def move_stage(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    stage = _pick(data, j.stage_ids())
    return MoveStageCommand(j, stage, data.draw(st.integers(0, len(j.stage_ids()) - 1))) if stage else None


def stage_field(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    stage = _pick(data, j.stage_ids())
    if stage is None:
        return None
    if data.draw(st.booleans()):
        return RenameStageCommand(j, stage, data.draw(names))
    field = data.draw(st.sampled_from(["name", "description", "color"]))
    raw = {"name": names, "description": texts, "color": st.sampled_from([None, "#4C78A8", "#00ff00"])}[field]
    value = _valid("stage", field, data.draw(raw))
    if field == "name" and value is None:
        return None
    return StageFieldCommand(j, stage, field, value, session=data.draw(st.sampled_from(SESSIONS)))


def add_touchpoint(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    stage = _pick(data, j.stage_ids())
    if stage is None:
        return None
    index = data.draw(st.integers(0, len(j.touchpoint_ids(stage))))
    fields = {"emotion": data.draw(TOUCHPOINT_VALUES["emotion"]), "channel": data.draw(TOUCHPOINT_VALUES["channel"])}
    connect = data.draw(st.one_of(st.none(), st.sampled_from(j.touchpoint_ids()))) if j.touchpoint_ids() else None
    return AddTouchpointCommand(j, stage, data.draw(names), index, fields=fields, connect_from=connect)


def remove_touchpoint(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    tp = _pick(data, j.touchpoint_ids())
    return RemoveTouchpointCommand(j, tp) if tp else None


def move_touchpoint(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    tp = _pick(data, j.touchpoint_ids())
    if tp is None:
        return None
    stage = _pick(data, j.stage_ids())
    size = len(j.touchpoint_ids(stage)) - (1 if j.touchpoint(tp).stage == stage else 0)
    return MoveTouchpointCommand(j, tp, stage, data.draw(st.integers(0, size)), nudge=data.draw(st.booleans()))


def touchpoint_field(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    tp = _pick(data, j.touchpoint_ids())
    if tp is None:
        return None
    kind = data.draw(st.integers(0, 3))
    if kind == 0:
        return RenameTouchpointCommand(j, tp, data.draw(names))
    if kind == 1:
        return SetChannelCommand(j, tp, data.draw(TOUCHPOINT_VALUES["channel"]))
    if kind == 2:
        return SetEmotionCommand(j, tp, data.draw(TOUCHPOINT_VALUES["emotion"]))
    field = data.draw(st.sampled_from(sorted(TOUCHPOINT_VALUES)))
    value = _valid("touchpoint", field, data.draw(TOUCHPOINT_VALUES[field]))
    if field == "name" and value is None:
        return None
    return TouchpointFieldCommand(j, tp, field, value, session=data.draw(st.sampled_from(SESSIONS)))


def flow_edit(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    flows = [(f.source, f.target) for f in j.flows()]
    choice = data.draw(st.integers(0, 2))
    if choice == 0 or not flows:
        ids = j.touchpoint_ids()
        pairs = [(a, b) for a in ids for b in ids if a != b and not j.has_flow(a, b)]
        pair: tuple[str, str] | None = _pick(data, pairs)
        if pair is None:
            return None
        return AddFlowCommand(j, pair[0], pair[1], data.draw(st.sampled_from(["", "clicks", "no"])))
    source, target = _pick(data, flows)
    if choice == 1:
        return RemoveFlowCommand(j, source, target)
    return RelabelFlowCommand(j, source, target, data.draw(st.sampled_from(["", "retries", "on"])))


def journey_field(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    field = data.draw(st.sampled_from(["title", "description"]))
    value = _valid("journey", field, data.draw(names if field == "title" else texts))
    if value is None:
        return None
    return JourneyFieldCommand(j, field, value, session=data.draw(st.sampled_from(SESSIONS)))


def persona_edit(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    ids = [p.id for p in j.personas()]
    choice = data.draw(st.integers(0, 2))
    if choice == 0 or not ids:
        return AddPersonaCommand(j, data.draw(names), data.draw(st.integers(0, len(ids))),
                                 {"goals": data.draw(st.lists(names, max_size=2))})
    persona = _pick(data, ids)
    if choice == 1:
        return RemovePersonaCommand(j, persona)
    field = data.draw(st.sampled_from(["name", "description", "goals", "needs", "frustrations"]))
    raw = names if field == "name" else texts if field == "description" else st.lists(names, max_size=3)
    value = _valid("persona", field, data.draw(raw))
    if value is None:
        return None
    return PersonaFieldCommand(j, persona, field, value, session=data.draw(st.sampled_from(SESSIONS)))


def compound(data: st.DataObject, j: Journey) -> QUndoCommand | None:
    tps = j.touchpoint_ids()
    if data.draw(st.booleans()) and tps:
        stage = _pick(data, j.stage_ids())
        picked = data.draw(st.lists(st.sampled_from(tps), min_size=1, max_size=3, unique=True))
        items = [{"name": j.touchpoint(t).name, "emotion": j.touchpoint(t).emotion} for t in picked]
        links = [(0, 1, "then")] if len(items) > 1 else []
        index = data.draw(st.integers(0, len(j.touchpoint_ids(stage))))
        return PasteTouchpointsCommand(j, stage, index, items, links)
    chosen = data.draw(st.lists(st.sampled_from(tps), max_size=3, unique=True)) if tps else []
    flows = [(f.source, f.target) for f in j.flows()]
    chosen_flows = data.draw(st.lists(st.sampled_from(flows), max_size=2, unique=True)) if flows else []
    stages = []
    if len(j.stage_ids()) > 1 and data.draw(st.booleans()):
        stages = [_pick(data, j.stage_ids())]
    if not (chosen or chosen_flows or stages):
        return None
    return DeleteItemsCommand(j, chosen, chosen_flows, stages)


OPS: list[Op] = [
    add_stage, remove_stage, move_stage, stage_field, add_touchpoint, remove_touchpoint,
    move_touchpoint, touchpoint_field, flow_edit, journey_field, persona_edit, compound,
]
STARTS = sorted(SAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def starts() -> list[Journey]:
    journeys = []
    for path in STARTS:
        try:
            journeys.append(load_journey(path))
        except Exception:  # a sample of a future format version, for instance
            continue
    return [Journey.from_template("default"), Journey.from_template("blank"), *journeys]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_undo_all_restores_original_and_redo_all_restores_final(qapp: object, starts: list[Journey],
                                                                 data: st.DataObject) -> None:
    journey = data.draw(st.sampled_from(starts)).copy()
    original, original_text = journey.copy(), dumps_journey(journey)
    stack = QUndoStack()
    steps = data.draw(st.integers(1, 25))
    for _ in range(steps):
        op = data.draw(st.sampled_from(OPS))
        command = op(data, journey)
        if command is not None:
            stack.push(command)
    final, final_text = journey.copy(), dumps_journey(journey)

    while stack.canUndo():
        stack.undo()
    assert journey == original
    assert dumps_journey(journey) == original_text

    while stack.canRedo():
        stack.redo()
    assert journey == final
    assert dumps_journey(journey) == final_text
