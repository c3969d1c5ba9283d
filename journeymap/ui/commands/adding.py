"""Undo commands that add stages and touchpoints, and the rename that folds into an add.

New ids are derived from the name on the first redo and reused on later ones, so
redo after undo brings back the same ids. A stage or touchpoint added under a
placeholder name ("New touchpoint") and named in place right away is not renamed
by a second command: `first_naming` finds the add command when the editor opens,
and `rename_just_added` gives it the typed name, so the id is derived from that
name and the whole gesture is one undo step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from journeymap.model import Journey
from journeymap.ui.commands.fields import quoted


class AddStageCommand(QUndoCommand):
    """Insert a new, empty stage at `index` (default: last)."""

    def __init__(
        self,
        journey: Journey,
        name: str,
        index: int | None = None,
        *,
        description: str = "",
        color: str | None = None,
    ) -> None:
        super().__init__(f"Add stage {quoted(name)}")
        self.journey = journey
        self.name, self.index, self.description, self.color = name, index, description, color
        self.stage_id: str | None = None
        self.named = False  # see `first_naming`

    @property
    def added(self) -> tuple[str, str | None]:
        """(kind, id) of what this command adds; the id is None before the first redo."""
        return "stage", self.stage_id

    def adopt_name(self, name: str) -> None:
        """While undone: take `name`, and forget the id so the next redo derives it from `name`."""
        self.name, self.stage_id = name, None
        self.setText(f"Add stage {quoted(name)}")

    def redo(self) -> None:
        stage = self.journey.add_stage(
            self.name, index=self.index, id=self.stage_id, description=self.description, color=self.color
        )
        self.stage_id = stage.id

    def undo(self) -> None:
        assert self.stage_id is not None
        self.journey.remove_stage(self.stage_id)


class AddTouchpointCommand(QUndoCommand):
    """Add a touchpoint to a stage at step `index`; optionally linked by a flow from `connect_from`.

    With `split_to` as well, the new touchpoint is inserted into the flow
    `connect_from` → `split_to`: that flow becomes `connect_from` → new (keeping its
    place in the file and its label) → `split_to`; undo gives the flow back as it was.
    """

    def __init__(
        self,
        journey: Journey,
        stage_id: str,
        name: str,
        index: int | None = None,
        *,
        fields: Mapping[str, Any] | None = None,
        connect_from: str | None = None,
        split_to: str | None = None,
    ) -> None:
        super().__init__(f"Add touchpoint {quoted(name)}")
        self.journey, self.stage_id, self.name, self.index = journey, stage_id, name, index
        self.fields = dict(fields or {})
        self.connect_from = connect_from
        self.split_to = split_to if connect_from is not None else None
        self._split: tuple[str, int] | None = None  # the split flow's label and file index
        self.tp_id: str | None = None
        self.named = False  # see `first_naming`

    @property
    def added(self) -> tuple[str, str | None]:
        """(kind, id) of what this command adds; the id is None before the first redo."""
        return "touchpoint", self.tp_id

    def adopt_name(self, name: str) -> None:
        """While undone: take `name`, and forget the id so the next redo derives it from `name`."""
        self.name, self.tp_id = name, None
        self.setText(f"Add touchpoint {quoted(name)}")

    def redo(self) -> None:
        tp = self.journey.add_touchpoint(self.stage_id, self.name, index=self.index, id=self.tp_id, **self.fields)
        self.tp_id = tp.id
        if self.connect_from is None:
            return
        if self.split_to is not None:
            flow, index = self.journey.remove_flow(self.connect_from, self.split_to)
            self._split = flow.label, index
            self.journey.add_flow(self.connect_from, tp.id, flow.label, index=index)
            self.journey.add_flow(tp.id, self.split_to)
        else:
            self.journey.add_flow(self.connect_from, tp.id)

    def undo(self) -> None:
        assert self.tp_id is not None
        self.journey.remove_touchpoint(self.tp_id)  # takes the new flows with it
        if self._split is not None:
            assert self.connect_from is not None and self.split_to is not None
            label, index = self._split
            self.journey.add_flow(self.connect_from, self.split_to, label, index=index)
            self._split = None


AddCommand = AddStageCommand | AddTouchpointCommand


def first_naming(stack: QUndoStack, kind: str, object_id: str) -> AddCommand | None:
    """The add command to fold a rename of this stage or touchpoint into, or None.

    That is the top command of `stack` when it has just added the object and its name
    is being edited for the first time since: the in-place editor opened by the add
    itself (or opened first on the new object). Asking marks that first time as used,
    so a later rename — even of a card nothing else has touched — keeps the id.
    """
    top = stack.index()
    if top == 0 or top != stack.count():
        return None
    command = stack.command(top - 1)
    if not isinstance(command, AddCommand) or command.added != (kind, object_id) or command.named:
        return None
    command.named = True
    return command


def rename_just_added(stack: QUndoStack, command: AddCommand, name: str) -> str | None:
    """Give the just-added object of `command` (from `first_naming`) the name `name`.

    While `command` is still the top of `stack`, nothing followed it and the document
    was not saved since, it is undone, takes `name` and is redone: the object gets an
    id derived from `name` (as `Journey.new_touchpoint_id` / `new_stage_id` derive
    it), a flow the add made is made again, and the add stays one undo step. Going
    through the stack keeps its undo text and signals true. Returns the new id, or
    None when the add is no longer fresh: the caller then pushes an ordinary rename,
    which keeps the id (ids that may be in a saved file never change).
    """
    top = stack.index()
    if top == 0 or top != stack.count() or stack.isClean() or stack.command(top - 1) is not command:
        return None
    stack.undo()
    command.adopt_name(name)
    stack.redo()
    return command.added[1]


class PasteTouchpointsCommand(QUndoCommand):
    """Insert copies of touchpoints into a stage from step `index`, with the flows among them.

    `items` are field mappings (name required; no id or stage); `flows` are
    (source position, target position, label) triples indexing into `items`.
    New ids are derived from the names on the first redo and reused on later ones.
    """

    def __init__(
        self,
        journey: Journey,
        stage_id: str,
        index: int,
        items: Sequence[Mapping[str, Any]],
        flows: Iterable[tuple[int, int, str]] = (),
        *,
        text: str = "Paste",
    ) -> None:
        count = len(items)
        noun = f"touchpoint {quoted(str(items[0]['name']))}" if count == 1 else f"{count} touchpoints"
        super().__init__(f"{text} {noun}")
        self.journey, self.stage_id, self.index = journey, stage_id, index
        self.items = [dict(i) for i in items]
        self.flows = list(flows)
        self.new_ids: list[str] = []

    def redo(self) -> None:
        ids: list[str] = []
        for offset, data in enumerate(self.items):
            fields = {k: v for k, v in data.items() if k != "name"}
            wanted = self.new_ids[offset] if self.new_ids else None
            tp = self.journey.add_touchpoint(
                self.stage_id, data["name"], index=self.index + offset, id=wanted, **fields
            )
            ids.append(tp.id)
        self.new_ids = ids
        for source, target, label in self.flows:
            self.journey.add_flow(ids[source], ids[target], label)

    def undo(self) -> None:
        for tp_id in reversed(self.new_ids):
            self.journey.remove_touchpoint(tp_id)
