"""Structure commands: do → undo restores the journey exactly (and its saved file), redo reapplies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoCommand, QUndoStack

from journeymap.io import save_journey
from journeymap.model import Journey
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
    first_naming,
    rename_just_added,
)


def sample() -> Journey:
    """Three stages, five touchpoints with rich fields, three flows."""
    j = Journey("Buying shoes")
    for name in ("Awareness", "Intent", "Purchase"):
        j.add_stage(name)
    j.add_touchpoint("awareness", "Sees ad", channel="advertising", emotion=1, friction=0)
    j.add_touchpoint("awareness", "Reads review", channel="review-site", pain_points=["Old"], evidence="assumption")
    j.add_touchpoint("intent", "Compares sizes", emotion=-1, friction=3, metrics={"csat": 3.5})
    j.add_touchpoint("purchase", "Checkout", channel="website", opportunities=["Apple Pay"], row=1)
    j.add_touchpoint("purchase", "Confirmation", channel="email")
    j.add_flow("sees-ad", "reads-review", "clicks")
    j.add_flow("reads-review", "compares-sizes")
    j.add_flow("compares-sizes", "checkout")
    return j


def saved_bytes(journey: Journey, tmp_path: Path) -> bytes:
    """The journey as its saved file."""
    path = tmp_path / "j.yaml"
    save_journey(journey, path)
    return path.read_bytes()


def roundtrip(make: Callable[[Journey], QUndoCommand], tmp_path: Path, check: Callable[[Journey], None]) -> QUndoStack:
    """Push, check, undo (equal and byte-identical), redo (check again), undo again."""
    j = sample()
    before = j.copy()
    before_bytes = saved_bytes(j, tmp_path)
    stack = QUndoStack()
    stack.push(make(j))
    check(j)
    after = j.copy()
    stack.undo()
    assert j == before
    assert saved_bytes(j, tmp_path) == before_bytes
    stack.redo()
    assert j == after
    check(j)
    stack.undo()
    assert j == before
    return stack


def test_add_stage(tmp_path: Path) -> None:
    stack = roundtrip(lambda j: AddStageCommand(j, "Consideration", 1, color="#72B7B2"), tmp_path,
                      lambda j: j.stage_ids() == ["awareness", "consideration", "intent", "purchase"] or pytest.fail())
    assert stack.undoText() == "" and stack.redoText() == "Add stage 'Consideration'"


def test_remove_stage_delete_and_move(tmp_path: Path) -> None:
    roundtrip(lambda j: RemoveStageCommand(j, "awareness", "delete"), tmp_path,
              lambda j: j.touchpoint_count() == 3 or pytest.fail())
    roundtrip(lambda j: RemoveStageCommand(j, "intent", "move"), tmp_path,
              lambda j: j.touchpoint_ids("awareness")[-1] == "compares-sizes" or pytest.fail())


def test_move_and_rename_stage(tmp_path: Path) -> None:
    roundtrip(lambda j: MoveStageCommand(j, "purchase", 0), tmp_path,
              lambda j: j.stage_ids()[0] == "purchase" or pytest.fail())
    stack = roundtrip(lambda j: RenameStageCommand(j, "intent", "Decision"), tmp_path,
                      lambda j: j.stage("intent").name == "Decision" or pytest.fail())
    assert stack.redoText() == "Rename stage 'Intent' to 'Decision'"


def test_add_touchpoint_connected(tmp_path: Path) -> None:
    def check(j: Journey) -> None:
        assert j.touchpoint_ids("awareness") == ["sees-ad", "new-step", "reads-review"]
        assert j.has_flow("sees-ad", "new-step")

    roundtrip(lambda j: AddTouchpointCommand(j, "awareness", "New step", 1, connect_from="sees-ad"), tmp_path, check)


def test_remove_touchpoint_restores_flows_in_place(tmp_path: Path) -> None:
    roundtrip(lambda j: RemoveTouchpointCommand(j, "reads-review"), tmp_path,
              lambda j: len(j.flows()) == 1 or pytest.fail())


def test_move_touchpoint_text(tmp_path: Path) -> None:
    stack = roundtrip(lambda j: MoveTouchpointCommand(j, "checkout", "awareness", 0), tmp_path,
                      lambda j: j.touchpoint_position("checkout") == ("awareness", 0) or pytest.fail())
    assert stack.redoText() == "Move touchpoint 'Checkout'"


def test_nudges_merge_and_cancel_out() -> None:
    j = sample()
    before = j.copy()
    stack = QUndoStack()
    stack.push(MoveTouchpointCommand(j, "sees-ad", "awareness", 1, nudge=True))
    stack.push(MoveTouchpointCommand(j, "sees-ad", "intent", 0, nudge=True))
    assert stack.count() == 1
    assert j.touchpoint_position("sees-ad") == ("intent", 0)
    stack.undo()
    assert j == before
    stack.redo()
    stack.push(MoveTouchpointCommand(j, "sees-ad", "awareness", 1, nudge=True))
    stack.push(MoveTouchpointCommand(j, "sees-ad", "awareness", 0, nudge=True))
    assert j == before
    assert stack.count() == 0  # back where it started: no undo step left
    # a drag move never merges
    stack.push(MoveTouchpointCommand(j, "sees-ad", "awareness", 1))
    stack.push(MoveTouchpointCommand(j, "sees-ad", "awareness", 0))
    assert stack.count() == 2


def test_row_nudges_merge_with_slot_nudges(tmp_path: Path) -> None:
    def check(j: Journey) -> None:
        assert j.touchpoint("checkout").row == 2 and j.touchpoint_position("checkout") == ("purchase", 0)

    roundtrip(lambda j: MoveTouchpointCommand(j, "checkout", "purchase", 0, row=2), tmp_path, check)
    j = sample()
    before = j.copy()
    stack = QUndoStack()
    stack.push(MoveTouchpointCommand(j, "checkout", "purchase", 0, row=0, nudge=True))
    stack.push(MoveTouchpointCommand(j, "checkout", "purchase", 1, nudge=True))
    assert stack.count() == 1 and j.touchpoint("checkout").row == 0
    stack.push(MoveTouchpointCommand(j, "checkout", "purchase", 1, row=1, nudge=True))
    stack.push(MoveTouchpointCommand(j, "checkout", "purchase", 0, nudge=True))
    assert j == before and stack.count() == 0


def test_naming_a_just_added_touchpoint_renames_the_add(tmp_path: Path) -> None:
    j = sample()
    before = saved_bytes(j, tmp_path)
    stack = QUndoStack()
    stack.push(AddTouchpointCommand(j, "intent", "New touchpoint", 1, connect_from="compares-sizes"))
    command = first_naming(stack, "touchpoint", "new-touchpoint")
    assert command is not None
    assert first_naming(stack, "touchpoint", "new-touchpoint") is None  # only the first naming
    assert rename_just_added(stack, command, "Picks a size") == "picks-a-size"
    assert j.touchpoint_ids("intent") == ["compares-sizes", "picks-a-size"] and not j.has_touchpoint("new-touchpoint")
    assert j.has_flow("compares-sizes", "picks-a-size")
    assert stack.count() == 1 and stack.undoText() == "Add touchpoint 'Picks a size'"
    after = saved_bytes(j, tmp_path)
    stack.undo()
    assert saved_bytes(j, tmp_path) == before
    stack.redo()
    assert saved_bytes(j, tmp_path) == after


def test_naming_is_not_folded_once_the_add_is_not_the_last_step() -> None:
    j = sample()
    stack = QUndoStack()
    stack.push(AddStageCommand(j, "New stage"))
    command = first_naming(stack, "stage", "new-stage")
    assert command is not None and first_naming(stack, "touchpoint", "new-stage") is None
    stack.setClean()                               # saved: the id is in a file now
    assert rename_just_added(stack, command, "Delivery") is None
    stack.push(RenameStageCommand(j, "new-stage", "Delivery"))
    assert rename_just_added(stack, command, "Shipping") is None  # something followed it
    stack.undo()
    stack.undo()
    assert rename_just_added(stack, command, "Shipping") is None  # undone
    assert j.stage_ids() == ["awareness", "intent", "purchase"]


def test_field_commands(tmp_path: Path) -> None:
    stack = roundtrip(lambda j: SetChannelCommand(j, "compares-sizes", "chat"), tmp_path,
                      lambda j: j.touchpoint("compares-sizes").channel == "chat" or pytest.fail())
    assert stack.redoText() == "Set channel of 'Compares sizes' to Chat"
    roundtrip(lambda j: SetEmotionCommand(j, "reads-review", -2), tmp_path,
              lambda j: j.touchpoint("reads-review").emotion == -2 or pytest.fail())
    roundtrip(lambda j: RenameTouchpointCommand(j, "checkout", "Pays"), tmp_path,
              lambda j: j.touchpoint("checkout").name == "Pays" or pytest.fail())


def test_flow_commands(tmp_path: Path) -> None:
    stack = roundtrip(lambda j: AddFlowCommand(j, "checkout", "sees-ad"), tmp_path,
                      lambda j: j.has_flow("checkout", "sees-ad") or pytest.fail())
    assert stack.redoText() == "Connect 'Checkout' to 'Sees ad'"
    roundtrip(lambda j: RemoveFlowCommand(j, "sees-ad", "reads-review"), tmp_path,
              lambda j: not j.has_flow("sees-ad", "reads-review") or pytest.fail())
    roundtrip(lambda j: RelabelFlowCommand(j, "sees-ad", "reads-review", "taps"), tmp_path,
              lambda j: j.flow("sees-ad", "reads-review").label == "taps" or pytest.fail())


def test_paste_with_inner_flows(tmp_path: Path) -> None:
    items = [{"name": "Sees ad", "channel": "advertising", "emotion": 1}, {"name": "Reads review"}]

    def check(j: Journey) -> None:
        assert j.touchpoint_ids("intent") == ["sees-ad-2", "reads-review-2", "compares-sizes"]
        assert j.flow("sees-ad-2", "reads-review-2").label == "clicks"

    stack = roundtrip(lambda j: PasteTouchpointsCommand(j, "intent", 0, items, [(0, 1, "clicks")]), tmp_path, check)
    assert stack.redoText() == "Paste 2 touchpoints"


def test_delete_items_compound(tmp_path: Path) -> None:
    def make(j: Journey) -> QUndoCommand:
        return DeleteItemsCommand(
            j,
            touchpoints=["reads-review"],
            flows=[("sees-ad", "reads-review"), ("compares-sizes", "checkout")],
            stages=["purchase"],
            stage_policies={"purchase": ("move", "intent")},
        )

    def check(j: Journey) -> None:
        assert j.stage_ids() == ["awareness", "intent"]
        assert j.touchpoint_ids("intent") == ["compares-sizes", "checkout", "confirmation"]
        assert j.flows() == []

    stack = roundtrip(make, tmp_path, check)
    assert stack.redoText() == "Delete 3 items"


def test_delete_single_item_text() -> None:
    j = sample()
    assert DeleteItemsCommand(j, touchpoints=["checkout"]).text() == "Delete touchpoint 'Checkout'"
