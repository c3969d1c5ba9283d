"""The structure tree follows the model event by event and ends up as a fresh build would."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from journeymap.io import load_journey
from journeymap.model import Journey
from journeymap.ui.commands.structure import MoveTouchpointCommand
from journeymap.ui.docks.structure import StructureTree
from journeymap.ui.document import Document
from journeymap.ui.selection import Ref

SAMPLES = Path(__file__).resolve().parent.parent / "sample_journeys"
Row = tuple[int, object, str, object, str]


def snapshot(widget: StructureTree) -> list[Row]:
    """Every row, depth first: depth, ref, text, accessible text, tooltip."""
    rows: list[Row] = []

    def walk(item, depth: int) -> None:  # type: ignore[no-untyped-def]
        rows.append((depth, item.data(0, Qt.ItemDataRole.UserRole), item.text(0),
                     item.data(0, Qt.ItemDataRole.AccessibleTextRole), item.toolTip(0)))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(widget.topLevelItemCount()):
        walk(widget.topLevelItem(i), 0)
    assert len([row for row in rows if row[1] is not None]) == len(widget.items)  # the lane rows have no ref
    return rows


def fresh(qtbot: QtBot, journey: Journey) -> list[Row]:
    other = StructureTree()
    qtbot.addWidget(other)
    other.set_document(Document(journey.copy()))
    return snapshot(other)


def edit(journey: Journey, rng: random.Random) -> None:
    """One random structural or field change."""
    tps = journey.touchpoint_ids()
    stages = journey.stage_ids()
    flows = journey.flows()
    choice = rng.randrange(9)
    if choice == 0 or not tps:
        journey.add_touchpoint(rng.choice(stages), f"New {rng.randrange(999)}",
                               index=0 if rng.random() < 0.5 else None)
    elif choice == 1 and len(tps) > 2:
        journey.remove_touchpoint(rng.choice(tps))
    elif choice == 2:
        tp_id, stage = rng.choice(tps), rng.choice(stages)
        size = len(journey.touchpoint_ids(stage)) - (journey.touchpoint(tp_id).stage == stage)
        journey.move_touchpoint(tp_id, stage, rng.randrange(size + 1))
    elif choice == 3:
        source, target = rng.sample(tps, 2) if len(tps) > 1 else (tps[0], tps[0])
        if source != target and not journey.has_flow(source, target):
            journey.add_flow(source, target, rng.choice(["", "retries"]), index=rng.randrange(len(flows) + 1))
    elif choice == 4 and flows:
        flow = rng.choice(flows)
        journey.remove_flow(flow.source, flow.target)
    elif choice == 5:
        journey.update_touchpoint(rng.choice(tps), name=f"Renamed {rng.randrange(999)}",
                                  channel=rng.choice(["email", "phone", None]))
    elif choice == 6 and flows:
        flow = rng.choice(flows)
        journey.relabel_flow(flow.source, flow.target, f"label {rng.randrange(9)}")
    elif choice == 7:
        journey.move_stage(rng.choice(stages), rng.randrange(len(stages)))
    else:
        stage = journey.add_stage(f"Stage {rng.randrange(999)}", index=rng.randrange(len(stages) + 1))
        journey.update_stage(stage.id, description="added")
        if rng.random() < 0.5:
            journey.remove_stage(rng.choice(stages), touchpoints=rng.choice(["delete", "move"]))


def test_incremental_tree_matches_a_fresh_build(qtbot: QtBot) -> None:
    journey = load_journey(sorted(SAMPLES.glob("*.yaml"))[0])
    widget = StructureTree()
    qtbot.addWidget(widget)
    widget.set_document(Document(journey))
    rng = random.Random(8)
    for step in range(150):
        edit(journey, rng)
        if step % 10 == 0:
            assert snapshot(widget) == fresh(qtbot, journey), step
    assert snapshot(widget) == fresh(qtbot, journey)


def test_a_move_updates_rows_in_place_and_keeps_the_selection(qtbot: QtBot) -> None:
    journey = Journey("Shoes")
    journey.add_stage("Awareness")
    journey.add_stage("Purchase")
    journey.add_touchpoint("awareness", "Sees ad")
    journey.add_touchpoint("purchase", "Checkout")
    journey.add_touchpoint("purchase", "Pays")
    journey.add_flow("sees-ad", "checkout")
    doc = Document(journey)
    widget = StructureTree()
    qtbot.addWidget(widget)
    widget.set_document(doc)
    widget.show()
    untouched = widget.items[Ref.touchpoint("pays")]
    moved = widget.items[Ref.touchpoint("sees-ad")]
    doc.selection.set([Ref.touchpoint("sees-ad")])
    doc.undo_stack.push(MoveTouchpointCommand(journey, "sees-ad", "purchase", 1))
    assert widget.items[Ref.touchpoint("pays")] is untouched
    assert widget.items[Ref.touchpoint("sees-ad")] is moved
    assert moved.parent() is widget.items[Ref.stage("purchase")]
    assert moved.child(0).data(0, Qt.ItemDataRole.UserRole) == Ref.flow("sees-ad", "checkout")
    assert widget.selected_refs() == [Ref.touchpoint("sees-ad")]
    assert widget.items[Ref.stage("awareness")].data(0, Qt.ItemDataRole.AccessibleTextRole) == (
        "Stage Awareness, 0 touchpoints"
    )
    doc.undo_stack.undo()
    assert snapshot(widget) == fresh(qtbot, journey)


def test_renaming_a_touchpoint_renames_its_flows_both_ways(qtbot: QtBot) -> None:
    journey = Journey("Shoes")
    journey.add_stage("Awareness")
    for name in ("A", "B", "C"):
        journey.add_touchpoint("awareness", name)
    journey.add_flow("a", "b")
    journey.add_flow("b", "c")
    widget = StructureTree()
    qtbot.addWidget(widget)
    widget.set_document(Document(journey))
    journey.update_touchpoint("b", name="Bee")
    assert snapshot(widget) == fresh(qtbot, journey)
