"""Pieces of the main window that need no window state of their own: status bar widgets,
keyboard use of the palette, and which dropped files are journeys."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QLabel, QStatusBar

from journeymap.model import DEFAULT_STAGES, Journey
from journeymap.ui.commands.structure import AddStageCommand, SetChannelCommand
from journeymap.ui.limits import no_room
from journeymap.ui.selection import Ref

if TYPE_CHECKING:
    from journeymap.ui.main_window import MainWindow

CUSTOM_STAGE_NAME = "New stage"


class StatusParts:
    """The permanent status bar widgets: counts of stages, touchpoints, flows; the zoom."""

    def __init__(self, bar: QStatusBar) -> None:
        self.counts = QLabel()
        self.counts.setAccessibleName("Map size")
        self.zoom = QLabel()
        self.zoom.setAccessibleName("Zoom")
        self.zoom.setMinimumWidth(52)
        bar.addPermanentWidget(self.counts)
        bar.addPermanentWidget(self.zoom)

    def show_counts(self, journey: Journey) -> None:
        """'6 stages · 14 touchpoints · 12 flows'."""
        parts = []
        for count, noun in (
            (len(journey.stage_ids()), "stage"),
            (journey.touchpoint_count(), "touchpoint"),
            (len(journey.flows()), "flow"),
        ):
            parts.append(f"{count} {noun}{'s' * (count != 1)}")
        self.counts.setText(" · ".join(parts))

    def show_zoom(self, factor: float) -> None:
        """'125 %'."""
        self.zoom.setText(f"{round(factor * 100)} %")


def add_palette_stage(window: MainWindow, template: str) -> None:
    """Add a stage from a palette template after the selected stage (or at the end)."""
    doc = window.document
    journey = doc.journey
    stages = journey.stage_ids()
    current = doc.selection.ids("stage") or [journey.touchpoint(t).stage for t in doc.selection.ids("touchpoint")]
    index = stages.index(current[-1]) + 1 if current else len(stages)
    templates = {name: (description, color) for name, description, color in DEFAULT_STAGES}
    description, color = templates.get(template, ("", None))
    refused = no_room(journey, "Cannot add a stage", stages=1)
    if refused:
        window.statusBar().showMessage(refused, 8000)
        return
    command = AddStageCommand(journey, template or CUSTOM_STAGE_NAME, index, description=description, color=color)
    doc.undo_stack.push(command)
    assert command.stage_id is not None
    doc.selection.set([Ref.stage(command.stage_id)])
    if not template and window.editor is not None:
        window.editor.start_rename(Ref.stage(command.stage_id))


def set_palette_channel(window: MainWindow, channel: str) -> None:
    """Set the channel of every selected touchpoint, as one undo step."""
    doc = window.document
    journey = doc.journey
    tps = [t for t in doc.selection.ids("touchpoint") if journey.touchpoint(t).channel != channel]
    if not doc.selection.ids("touchpoint"):
        window.statusBar().showMessage("Select a touchpoint first, or drag the channel onto a card", 5000)
        return
    if not tps:
        return
    if len(tps) == 1:
        doc.undo_stack.push(SetChannelCommand(journey, tps[0], channel))
        return
    doc.undo_stack.beginMacro(f"Set channel of {len(tps)} touchpoints")
    for tp_id in tps:
        doc.undo_stack.push(SetChannelCommand(journey, tp_id, channel))
    doc.undo_stack.endMacro()


def journey_files(mime: QMimeData | None) -> list[Path]:
    """The local .yaml/.yml files in dropped MIME data."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in (".yaml", ".yml")]
