"""Field commands: do → undo → redo exact; typing in one field merges into one step."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QUndoStack

from journeymap.io import dumps_journey
from journeymap.model import Journey
from journeymap.ui.commands.fields import (
    AddPersonaCommand,
    JourneyFieldCommand,
    PersonaFieldCommand,
    RemovePersonaCommand,
    StageFieldCommand,
    TouchpointFieldCommand,
    check_value,
)


def sample() -> Journey:
    """Two stages, two touchpoints, two personas."""
    j = Journey("Buying shoes", "As-is")
    j.add_stage("Awareness")
    j.add_stage("Purchase", color="#F58518")
    j.add_touchpoint("awareness", "Sees ad", channel="advertising", emotion=1, pain_points=["Old stock"])
    j.add_touchpoint("purchase", "Checkout", metrics={"csat": 3.5})
    j.add_persona("Maya", goals=["Fast"])
    j.add_persona("Tom")
    return j


TOUCHPOINT_EDITS: list[tuple[str, Any]] = [
    ("name", "Pays"),
    ("description", "Card form"),
    ("channel", "website"),
    ("channel", "carrier pigeon"),
    ("channel", None),
    ("emotion", -2),
    ("emotion", None),
    ("friction", 4),
    ("row", 2),
    ("pain_points", ("Slow", "Ugly")),
    ("opportunities", ("Apple Pay",)),
    ("owner", "Payments"),
    ("evidence", "measured"),
    ("metrics", {"csat": 4.0, "nps": -20, "Repeat rate": 0.3}),
]


def roundtrip(journey: Journey, command: Any, check: Any) -> QUndoStack:
    """Push; check; undo leaves the saved text identical; redo checks again."""
    before = dumps_journey(journey)
    stack = QUndoStack()
    stack.push(command)
    check(journey)
    assert dumps_journey(journey) != before
    stack.undo()
    assert dumps_journey(journey) == before
    stack.redo()
    check(journey)
    return stack


@pytest.mark.parametrize(("field", "value"), TOUCHPOINT_EDITS)
def test_touchpoint_field_do_undo_redo(field: str, value: Any) -> None:
    j = sample()
    tp_id = "sees-ad" if value is None else "checkout"
    expected = check_value("touchpoint", field, value)
    cmd = TouchpointFieldCommand(j, tp_id, field, value)
    text = cmd.text()
    stack = roundtrip(j, cmd, lambda jj: getattr(jj.touchpoint(tp_id), field) == expected or pytest.fail(field))
    assert stack.undoText() == text
    assert "'Checkout'" in text or "'Sees ad'" in text


def test_touchpoint_texts_are_clear() -> None:
    j = sample()
    assert TouchpointFieldCommand(j, "checkout", "emotion", 1).text() == "Change emotion of 'Checkout' to Positive"
    assert TouchpointFieldCommand(j, "checkout", "friction", 4).text() == "Change friction of 'Checkout' to Blocking"
    assert TouchpointFieldCommand(j, "checkout", "channel", "email").text() == "Change channel of 'Checkout' to Email"
    assert TouchpointFieldCommand(j, "checkout", "owner", "X").text() == "Change owner of 'Checkout'"
    assert TouchpointFieldCommand(j, "checkout", "name", "X").text() == "Rename touchpoint 'Checkout'"


@pytest.mark.parametrize(
    ("field", "value"), [("name", "Buy"), ("description", "Pay up"), ("color", "#112233"), ("color", None)]
)
def test_stage_field_do_undo_redo(field: str, value: Any) -> None:
    j = sample()
    roundtrip(
        j,
        StageFieldCommand(j, "purchase", field, value),
        lambda jj: getattr(jj.stage("purchase"), field) == value or pytest.fail(),
    )


@pytest.mark.parametrize(("field", "value"), [("title", "Renewing"), ("description", "To-be")])
def test_journey_field_do_undo_redo(field: str, value: str) -> None:
    j = sample()
    roundtrip(j, JourneyFieldCommand(j, field, value), lambda jj: getattr(jj, field) == value or pytest.fail())


def test_journey_field_rejects_unknown() -> None:
    with pytest.raises(ValueError):
        JourneyFieldCommand(sample(), "colour", "x")


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "Maya R."), ("description", "34"), ("goals", ("A", "B")), ("needs", ("N",)), ("frustrations", ("F",))],
)
def test_persona_field_do_undo_redo(field: str, value: Any) -> None:
    j = sample()
    roundtrip(
        j,
        PersonaFieldCommand(j, "maya", field, value),
        lambda jj: getattr(jj.persona("maya"), field) == value or pytest.fail(),
    )


def test_add_and_remove_persona() -> None:
    j = sample()
    stack = roundtrip(
        j,
        AddPersonaCommand(j, "Ana", 1, {"needs": ["Help"]}),
        lambda jj: [p.id for p in jj.personas()] == ["maya", "ana", "tom"] or pytest.fail(),
    )
    assert j.persona("ana").needs == ("Help",)
    stack.undo()
    stack.redo()
    assert [p.id for p in j.personas()] == ["maya", "ana", "tom"]  # same id every redo
    roundtrip(
        j, RemovePersonaCommand(j, "maya"), lambda jj: [p.id for p in jj.personas()] == ["ana", "tom"] or pytest.fail()
    )


def test_typing_merges_into_one_step() -> None:
    j = sample()
    stack = QUndoStack()
    for text in ("P", "Pa", "Pay", "Pays"):
        stack.push(TouchpointFieldCommand(j, "checkout", "name", text, session=1))
    assert stack.count() == 1
    assert j.touchpoint("checkout").name == "Pays"
    assert stack.undoText() == "Rename touchpoint 'Checkout'"
    stack.undo()
    assert j.touchpoint("checkout").name == "Checkout"
    stack.redo()
    assert j.touchpoint("checkout").name == "Pays"


def test_no_merge_across_fields_objects_or_sessions() -> None:
    j = sample()
    stack = QUndoStack()
    stack.push(TouchpointFieldCommand(j, "checkout", "owner", "A", session=1))
    stack.push(TouchpointFieldCommand(j, "checkout", "description", "B", session=1))  # other field
    stack.push(TouchpointFieldCommand(j, "sees-ad", "description", "C", session=1))  # other object
    stack.push(TouchpointFieldCommand(j, "sees-ad", "description", "D", session=2))  # new session
    stack.push(TouchpointFieldCommand(j, "sees-ad", "description", "E"))  # no session: never merges
    stack.push(StageFieldCommand(j, "purchase", "description", "F", session=2))  # other kind
    assert stack.count() == 6


def test_typing_back_to_the_original_leaves_no_step() -> None:
    j = sample()
    stack = QUndoStack()
    stack.push(JourneyFieldCommand(j, "title", "Buying shoes!", session="t"))
    stack.push(JourneyFieldCommand(j, "title", "Buying shoes", session="t"))
    assert stack.count() == 0
    assert j.title == "Buying shoes"
    assert stack.isClean()


def test_check_value_uses_the_model_rules() -> None:
    assert check_value("touchpoint", "name", "  Pay ") == "Pay"
    assert check_value("journey", "title", "T") == "T"
    for kind, field, value in [
        ("touchpoint", "name", "  "),
        ("touchpoint", "metrics", {"csat": 9}),
        ("stage", "color", "red"),
        ("journey", "title", ""),
        ("persona", "name", ""),
    ]:
        with pytest.raises(ValueError):
            check_value(kind, field, value)
