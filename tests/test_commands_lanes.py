"""Lane undo commands: do → undo → redo, the saved file byte-identical after undo."""

from PySide6.QtGui import QUndoStack

from journeymap.io import dumps_journey, load_journey
from journeymap.model import Lane
from journeymap.ui.commands.lanes import (
    AddLaneCommand,
    MoveLaneCommand,
    RemoveLaneCommand,
    SetNotesCommand,
    UpdateLaneCommand,
)


def test_every_lane_command_undoes_byte_identical() -> None:
    journey = load_journey("sample_journeys/online-retail.yaml")
    stack = QUndoStack()
    original = dumps_journey(journey)
    tp = journey.touchpoint_ids()[0]
    steps = [
        lambda: AddLaneCommand(journey, Lane("text", "doing", "Doing"), 0),
        lambda: SetNotesCommand(journey, tp, "doing", ["Scrolls the feed", "Taps the ad"]),
        lambda: MoveLaneCommand(journey, "doing", 2),
        lambda: UpdateLaneCommand(journey, "doing", name="What she does"),
        lambda: UpdateLaneCommand(journey, "doing", section="frontstage"),
        lambda: AddLaneCommand(journey, Lane("metric", metric="csat")),
        lambda: RemoveLaneCommand(journey, "friction"),
    ]
    saved = [original]
    for make in steps:
        # a command reads the journey when it is made: make each against the state it applies to
        stack.push(make())
        saved.append(dumps_journey(journey))
    assert journey.lane("doing").section == "frontstage"
    assert journey.touchpoint(tp).notes("doing") == ("Scrolls the feed", "Taps the ad")
    assert [s.text() for s in (stack.command(i) for i in range(stack.count()))][:2] == [
        "Add lane 'Doing'", f"Edit Doing of '{journey.touchpoint(tp).name}'"]
    for i in range(len(steps), 0, -1):
        stack.undo()
        assert dumps_journey(journey) == saved[i - 1]
    for i in range(1, len(steps) + 1):
        stack.redo()
        assert dumps_journey(journey) == saved[i]


def test_removing_a_text_lane_takes_its_notes_and_undo_brings_them_back() -> None:
    journey = load_journey("sample_journeys/online-retail.yaml")
    stack = QUndoStack()
    tp = journey.touchpoint_ids()[3]
    stack.push(AddLaneCommand(journey, Lane("text", "thinking", "Thinking")))
    stack.push(SetNotesCommand(journey, tp, "thinking", ["Is this the real price?"]))
    before = dumps_journey(journey)
    stack.push(RemoveLaneCommand(journey, "thinking"))
    assert not journey.has_lane("thinking") and journey.touchpoint(tp).lanes == {}
    stack.undo()
    assert dumps_journey(journey) == before
