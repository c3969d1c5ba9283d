"""Where an editing action lands and which command it pushes, from the journey and the selection.

Plain functions with no scene and no items: `JourneyEditor` decides when an action runs
and pushes what these return.
"""

from __future__ import annotations

from collections.abc import Callable
from journeymap.model import Journey
from journeymap.ui.canvas.dialogs import StageChoice
from journeymap.ui.commands.structure import DeleteItemsCommand, StagePolicy
from journeymap.ui.selection import Ref, SelectionModel

NEW_STAGE_NAME = "New stage"
NEW_TOUCHPOINT_NAME = "New touchpoint"

#: Asks what to do with the `count` touchpoints left in stage `name` (`neighbour`: where they may go).
AskStagePolicy = Callable[[str, int, str | None], StageChoice]


def new_stage_index(journey: Journey, selection: SelectionModel) -> int:
    """Where a new stage goes: after the selected stage (or the stage of the selected
    touchpoint), else at the end."""
    stage_ids = journey.stage_ids()
    current = selection.ids("stage") or [journey.touchpoint(t).stage for t in selection.ids("touchpoint")]
    return stage_ids.index(current[-1]) + 1 if current else len(stage_ids)


def insertion_point(journey: Journey, selection: SelectionModel) -> tuple[str, int, str | None] | None:
    """(stage, index, touchpoint before) for a new touchpoint: after the selected one,
    at the end of the selected stage, or at the end of the first stage."""
    tps = selection.ids("touchpoint")
    if tps:
        stage, index = journey.touchpoint_position(tps[-1])
        return stage, index + 1, tps[-1]
    stages = selection.ids("stage") or journey.stage_ids()[:1]
    if not stages:
        return None
    return stages[-1], len(journey.touchpoint_ids(stages[-1])), None


def flow_to_split(journey: Journey, tp_id: str) -> str | None:
    """Where Enter on `tp_id` inserts the next step: the target of the flow it splits, or None.

    None at the end of a path (no flow leaves `tp_id`): the new step is simply linked
    from it. Otherwise the flow split is the only one leaving it, or, at a branch, the
    one to the touchpoint right after it in step order; at a branch without such a flow
    the new step is a new branch (None).
    """
    leaving = [f.target for f in journey.flows_from(tp_id)]
    if len(leaving) == 1:
        return leaving[0]
    order = journey.touchpoint_ids()
    position = order.index(tp_id)
    following = order[position + 1] if position + 1 < len(order) else None
    return following if following in leaving else None


def delete_command(journey: Journey, selection: SelectionModel, ask: AskStagePolicy) -> DeleteItemsCommand | None:
    """The command deleting the selected touchpoints, flows and stages, or None.

    None when nothing that still exists is selected, or when `ask` was asked what to do
    with a stage's remaining touchpoints and the user cancelled.
    """
    tps = [t for t in selection.ids("touchpoint") if journey.has_touchpoint(t)]
    flows = [Ref("flow", f).flow_ends for f in selection.ids("flow")]
    flows = [f for f in flows if journey.has_flow(*f)]
    stages = [s for s in selection.ids("stage") if journey.has_stage(s)]
    if not (tps or flows or stages):
        return None
    policies: dict[str, tuple[StagePolicy, str | None]] = {}
    for stage in stages:
        remaining = [t for t in journey.touchpoint_ids(stage) if t not in tps]
        if not remaining:
            continue
        neighbour = neighbour_stage(journey, stage, set(stages))
        name = None if neighbour is None else journey.stage(neighbour).name
        choice = ask(journey.stage(stage).name, len(remaining), name)
        if choice is None:
            return None
        policies[stage] = (choice, neighbour if choice == "move" else None)
    return DeleteItemsCommand(journey, tps, flows, stages, policies)


def neighbour_stage(journey: Journey, stage: str, leaving: set[str]) -> str | None:
    """The stage before `stage` (else after it) that is not `leaving`, if any."""
    order = journey.stage_ids()
    i = order.index(stage)
    before = [s for s in reversed(order[:i]) if s not in leaving]
    after = [s for s in order[i + 1:] if s not in leaving]
    return (before + after)[0] if before or after else None


def cut_command(journey: Journey, tps: list[str]) -> DeleteItemsCommand:
    """The command deleting the touchpoints `tps`, named as a cut."""
    command = DeleteItemsCommand(journey, tps)
    command.setText("Cut " + (f"{len(tps)} touchpoints" if len(tps) > 1 else command.text().split(" ", 1)[1]))
    return command


def after_last(journey: Journey, tps: list[str]) -> tuple[str, int]:
    """(stage, index) just after the last of `tps` in step order (where duplicates go)."""
    chosen = set(tps)
    last = [t for t in journey.touchpoint_ids() if t in chosen][-1]
    stage, index = journey.touchpoint_position(last)
    return stage, index + 1

