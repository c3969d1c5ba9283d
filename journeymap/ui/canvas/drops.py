"""Drops from the palette: a stage template between two stages, a channel onto a card, a lane
between two lanes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPointF

from journeymap.layout import hit
from journeymap.model import DEFAULT_STAGES
from journeymap.ui.canvas.lane_editing import insert_index
from journeymap.ui.canvas.mime import CHANNEL_MIME, LANE_MIME, STAGE_MIME
from journeymap.ui.commands.structure import AddStageCommand, SetChannelCommand
from journeymap.ui.lane_templates import LANE_TEMPLATES
from journeymap.ui.limits import no_room
from journeymap.ui.selection import Ref

if TYPE_CHECKING:
    from journeymap.ui.canvas.journey_editor import JourneyEditor

CUSTOM_STAGE_NAME = "New stage"


def _payload(mime: QMimeData, fmt: str) -> str:
    return bytes(mime.data(fmt).data()).decode("utf-8", errors="replace").strip()


class PaletteDrop:
    """One drag from the palette over the canvas: feedback while moving, one command on drop."""

    def __init__(self, editor: JourneyEditor, kind: str, payload: str) -> None:
        self.editor = editor
        self.scene = editor.scene
        self.kind = kind          # "stage", "channel" or "lane"
        self.payload = payload
        self.index = 0            # stage (or lane) insert index
        self.card: str | None = None

    @classmethod
    def accepting(cls, editor: JourneyEditor, mime: QMimeData | None) -> PaletteDrop | None:
        """A drop for this MIME data, or None when the canvas does not take it."""
        if mime is None:
            return None
        if mime.hasFormat(STAGE_MIME):
            return cls(editor, "stage", _payload(mime, STAGE_MIME))
        if mime.hasFormat(CHANNEL_MIME):
            channel = _payload(mime, CHANNEL_MIME)
            return cls(editor, "channel", channel) if channel else None
        if mime.hasFormat(LANE_MIME):
            label = _payload(mime, LANE_MIME)
            return cls(editor, "lane", label) if label in {t.label for t in LANE_TEMPLATES} else None
        return None

    def move(self, pos: QPointF) -> bool:
        """Show where the drop would land; False where it cannot land (a channel off any card)."""
        scene = self.scene
        if self.kind == "stage":
            self.index, x = hit.stage_insert_index(scene.layout, pos.x())
            scene.show_insert_bar(x)
            return True
        if self.kind == "lane":
            self.index, y = insert_index(scene.layout, pos.y())
            scene.show_lane_insert_bar(y)
            return True
        card = hit.card_at(scene.layout, pos.x(), pos.y())
        if card != self.card:
            self._highlight(False)
            self.card = card
            self._highlight(True)
        return card is not None

    def _highlight(self, on: bool) -> None:
        item = self.scene.touchpoint_items.get(self.card) if self.card else None
        if item is not None:
            item.set_drop_highlight(on)

    def cancel(self) -> None:
        """Remove the feedback."""
        self.scene.hide_insert_bar()
        self._highlight(False)

    def drop(self, pos: QPointF) -> bool:
        """Push the command for a drop at `pos`; False when nothing happened."""
        ok = self.move(pos)
        self.cancel()
        if not ok:
            return False
        scene, journey = self.scene, self.scene.journey
        if self.kind == "lane":
            return self.editor.lanes.add_from_template(self.payload, self.index)
        if self.kind == "channel":
            assert self.card is not None
            if journey.touchpoint(self.card).channel != self.payload:
                scene.push(SetChannelCommand(journey, self.card, self.payload))
            scene.select([Ref.touchpoint(self.card)])
            return True
        template = {name: (description, color) for name, description, color in DEFAULT_STAGES}.get(self.payload)
        name = self.payload or CUSTOM_STAGE_NAME
        description, color = template if template else ("", None)
        refused = no_room(journey, "Cannot add a stage", stages=1)
        if refused:
            self.editor.message.emit(refused)
            return False
        command = AddStageCommand(journey, name, self.index, description=description, color=color)
        scene.push(command)
        assert command.stage_id is not None
        scene.select([Ref.stage(command.stage_id)])
        if not self.payload:
            self.editor.start_rename(Ref.stage(command.stage_id))
        return True

