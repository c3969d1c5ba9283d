"""Undo commands that change the structure of a journey: stages, touchpoints, flows.

Every command calls only public `Journey` methods and stores ids and indexes (never
scene items), so undo puts the journey back exactly as it was — same order, same
ids — and the saved file is byte-identical. Removals keep the records the model
returns and hand them back to its `restore_*` methods. The commands that add stages
and touchpoints live in `adding` and are imported from here like the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from PySide6.QtGui import QUndoCommand

from journeymap.model import Journey, RemovedStage, RemovedTouchpoint, channel_label, emotion_label

# The adding commands live in `adding`; callers import every structure command from here.
from journeymap.ui.commands.adding import (
    AddCommand,
    AddStageCommand,
    AddTouchpointCommand,
    PasteTouchpointsCommand,
    first_naming,
    rename_just_added,
)

__all__ = [
    "NUDGE_COMMAND_ID", "AddCommand", "AddFlowCommand", "AddStageCommand", "AddTouchpointCommand",
    "DeleteItemsCommand", "MoveStageCommand", "MoveTouchpointCommand", "PasteTouchpointsCommand",
    "RelabelFlowCommand", "RemoveFlowCommand", "RemoveStageCommand", "RemoveTouchpointCommand",
    "RenameStageCommand", "RenameTouchpointCommand", "SetChannelCommand", "SetEmotionCommand", "StagePolicy",
    "first_naming", "rename_just_added",
]

#: `id()` of nudge moves: consecutive nudges of the same touchpoint merge into one step.
NUDGE_COMMAND_ID = 0x4A4D01

StagePolicy = Literal["delete", "move"]


def _quoted(name: str, limit: int = 40) -> str:
    text = " ".join(name.split())
    return f"'{text[: limit - 1]}…'" if len(text) > limit else f"'{text}'"


# ---------------------------------------------------------------------- stages
class RemoveStageCommand(QUndoCommand):
    """Remove a stage; its touchpoints are deleted or moved to stage `to` (see `Journey.remove_stage`)."""

    def __init__(
        self,
        journey: Journey,
        stage_id: str,
        touchpoints: StagePolicy = "delete",
        to: str | None = None,
    ) -> None:
        super().__init__(f"Delete stage {_quoted(journey.stage(stage_id).name)}")
        self.journey, self.stage_id, self.policy, self.to = journey, stage_id, touchpoints, to
        self.removed: RemovedStage | None = None

    def redo(self) -> None:
        self.removed = self.journey.remove_stage(self.stage_id, touchpoints=self.policy, to=self.to)

    def undo(self) -> None:
        assert self.removed is not None
        self.journey.restore_stage(self.removed)


class MoveStageCommand(QUndoCommand):
    """Move a stage to position `index`."""

    def __init__(self, journey: Journey, stage_id: str, index: int) -> None:
        super().__init__(f"Move stage {_quoted(journey.stage(stage_id).name)}")
        self.journey, self.stage_id, self.index = journey, stage_id, index
        self.old_index = journey.stage_index(stage_id)

    def redo(self) -> None:
        self.journey.move_stage(self.stage_id, self.index)

    def undo(self) -> None:
        self.journey.move_stage(self.stage_id, self.old_index)


class RenameStageCommand(QUndoCommand):
    """Give a stage a new name."""

    def __init__(self, journey: Journey, stage_id: str, name: str) -> None:
        self.old_name = journey.stage(stage_id).name
        super().__init__(f"Rename stage {_quoted(self.old_name)} to {_quoted(name)}")
        self.journey, self.stage_id, self.name = journey, stage_id, name

    def redo(self) -> None:
        self.journey.rename_stage(self.stage_id, self.name)

    def undo(self) -> None:
        self.journey.rename_stage(self.stage_id, self.old_name)


# ---------------------------------------------------------------------- touchpoints
class RemoveTouchpointCommand(QUndoCommand):
    """Remove a touchpoint and its flows."""

    def __init__(self, journey: Journey, tp_id: str) -> None:
        super().__init__(f"Delete touchpoint {_quoted(journey.touchpoint(tp_id).name)}")
        self.journey, self.tp_id = journey, tp_id
        self.removed: RemovedTouchpoint | None = None

    def redo(self) -> None:
        self.removed = self.journey.remove_touchpoint(self.tp_id)

    def undo(self) -> None:
        assert self.removed is not None
        self.journey.restore_touchpoint(self.removed)


class MoveTouchpointCommand(QUndoCommand):
    """Move a touchpoint to step `index` of `stage_id`, and to lane `row` when given.

    A drag pushes one of these on release. Arrow-key nudges pass `nudge=True`:
    consecutive nudges of the same touchpoint (left/right between slots, up/down
    between rows) merge into one undo step, and a merge that brings the card back
    where it started leaves no step at all.
    """

    def __init__(
        self,
        journey: Journey,
        tp_id: str,
        stage_id: str,
        index: int,
        *,
        row: int | None = None,
        nudge: bool = False,
    ) -> None:
        super().__init__(f"Move touchpoint {_quoted(journey.touchpoint(tp_id).name)}")
        self.journey, self.tp_id, self.nudge = journey, tp_id, nudge
        old_row = journey.touchpoint(tp_id).row
        self.old = (*journey.touchpoint_position(tp_id), old_row)
        self.new = (stage_id, index, old_row if row is None else row)

    def id(self) -> int:
        return NUDGE_COMMAND_ID if self.nudge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveTouchpointCommand) or not other.nudge or other.tp_id != self.tp_id:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def _place(self, stage_id: str, index: int, row: int) -> None:
        self.journey.move_touchpoint(self.tp_id, stage_id, index)
        self.journey.update_touchpoint(self.tp_id, row=row)  # announces only a real change

    def redo(self) -> None:
        self._place(*self.new)

    def undo(self) -> None:
        self._place(*self.old)


class RenameTouchpointCommand(QUndoCommand):
    """Give a touchpoint a new name."""

    def __init__(self, journey: Journey, tp_id: str, name: str) -> None:
        self.old_name = journey.touchpoint(tp_id).name
        super().__init__(f"Rename touchpoint {_quoted(self.old_name)} to {_quoted(name)}")
        self.journey, self.tp_id, self.name = journey, tp_id, name

    def redo(self) -> None:
        self.journey.update_touchpoint(self.tp_id, name=self.name)

    def undo(self) -> None:
        self.journey.update_touchpoint(self.tp_id, name=self.old_name)


class _SetTouchpointFieldCommand(QUndoCommand):
    field = ""

    def __init__(self, journey: Journey, tp_id: str, value: Any, text: str) -> None:
        super().__init__(text)
        self.journey, self.tp_id, self.value = journey, tp_id, value
        self.old_value = getattr(journey.touchpoint(tp_id), self.field)

    def redo(self) -> None:
        self.journey.update_touchpoint(self.tp_id, **{self.field: self.value})

    def undo(self) -> None:
        self.journey.update_touchpoint(self.tp_id, **{self.field: self.old_value})


class SetChannelCommand(_SetTouchpointFieldCommand):
    """Set a touchpoint's channel (a channel dropped from the palette onto its card)."""

    field = "channel"

    def __init__(self, journey: Journey, tp_id: str, channel: str | None) -> None:
        name = _quoted(journey.touchpoint(tp_id).name)
        super().__init__(journey, tp_id, channel, f"Set channel of {name} to {channel_label(channel)}")


class SetEmotionCommand(_SetTouchpointFieldCommand):
    """Set a touchpoint's emotion (−2..2, or None for not rated) from the emotion lane."""

    field = "emotion"

    def __init__(self, journey: Journey, tp_id: str, emotion: int | None) -> None:
        name = _quoted(journey.touchpoint(tp_id).name)
        super().__init__(journey, tp_id, emotion, f"Set emotion of {name} to {emotion_label(emotion)}")


# ---------------------------------------------------------------------- flows
class AddFlowCommand(QUndoCommand):
    """Link two touchpoints with a flow."""

    def __init__(
        self, journey: Journey, source: str, target: str, label: str = ""
    ) -> None:
        a, b = (_quoted(journey.touchpoint(t).name) for t in (source, target))
        super().__init__(f"Connect {a} to {b}")
        self.journey, self.source, self.target, self.label = journey, source, target, label
        self.index: int | None = None

    def redo(self) -> None:
        self.journey.add_flow(self.source, self.target, self.label, index=self.index)
        self.index = self.journey.flow_index(self.source, self.target)

    def undo(self) -> None:
        self.journey.remove_flow(self.source, self.target)


class RemoveFlowCommand(QUndoCommand):
    """Remove a flow; undo puts it back at its place in file order."""

    def __init__(self, journey: Journey, source: str, target: str) -> None:
        a, b = (_quoted(journey.touchpoint(t).name) for t in (source, target))
        super().__init__(f"Delete flow {a} → {b}")
        self.journey, self.source, self.target = journey, source, target
        self.label = ""
        self.index = -1

    def redo(self) -> None:
        flow, self.index = self.journey.remove_flow(self.source, self.target)
        self.label = flow.label

    def undo(self) -> None:
        self.journey.add_flow(self.source, self.target, self.label, index=self.index)


class RelabelFlowCommand(QUndoCommand):
    """Change the label of a flow ('' removes it)."""

    def __init__(
        self, journey: Journey, source: str, target: str, label: str
    ) -> None:
        a, b = (_quoted(journey.touchpoint(t).name) for t in (source, target))
        super().__init__(f"Label flow {a} → {b}")
        self.journey, self.source, self.target, self.label = journey, source, target, label
        self.old_label = journey.flow(source, target).label

    def redo(self) -> None:
        self.journey.relabel_flow(self.source, self.target, self.label)

    def undo(self) -> None:
        self.journey.relabel_flow(self.source, self.target, self.old_label)


# ---------------------------------------------------------------------- compound
class DeleteItemsCommand(QUndoCommand):
    """Delete touchpoints, flows and stages as one undo step, made of one child command each.

    The children are held in a Python list rather than as Qt child commands: PySide
    does not hand a Python child's ownership to its Qt parent, which crashes on use.
    Flows go first, then touchpoints, then stages, so each child finds what it removes
    still in place; flows a removed touchpoint takes with it are not removed twice.
    `stage_policies` says, per non-empty stage, whether its remaining touchpoints are
    deleted or moved (and where: a stage that is not being deleted).
    """

    def __init__(
        self,
        journey: Journey,
        touchpoints: Iterable[str] = (),
        flows: Iterable[tuple[str, str]] = (),
        stages: Iterable[str] = (),
        stage_policies: Mapping[str, tuple[StagePolicy, str | None]] | None = None,
    ) -> None:
        super().__init__("Delete")
        policies = dict(stage_policies or {})
        tp_ids = list(dict.fromkeys(touchpoints))
        stage_ids = list(dict.fromkeys(stages))
        gone = set(tp_ids)
        for stage_id in stage_ids:
            if policies.get(stage_id, ("delete", None))[0] == "delete":
                gone.update(journey.touchpoint_ids(stage_id))
        self.children: list[QUndoCommand] = []
        for source, target in dict.fromkeys(flows):
            if source not in gone and target not in gone:
                self.children.append(RemoveFlowCommand(journey, source, target))
        self.children += [RemoveTouchpointCommand(journey, tp_id) for tp_id in tp_ids]
        for stage_id in stage_ids:
            policy, to = policies.get(stage_id, ("delete", None))
            self.children.append(RemoveStageCommand(journey, stage_id, policy, to))
        count = len(self.children)
        self.setText(self.children[0].text() if count == 1 else f"Delete {count} items")

    def redo(self) -> None:
        for child in self.children:
            child.redo()

    def undo(self) -> None:
        for child in reversed(self.children):
            child.undo()
