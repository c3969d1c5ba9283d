"""SceneApi: what the editor and its gestures may ask of the scene, and nothing more.

`JourneyScene` provides it; `JourneyEditor`, the gestures, the palette drops and the
keys see the scene only through it, so the projection can change behind it and the
editing side cannot reach into item placement. A new kind of item the editor must find
(a lane cell, a lane title) joins here as a lookup, not as an attribute to poke at.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QUndoCommand
    from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

    from journeymap.layout.geometry import JourneyLayout, LayoutOptions
    from journeymap.layout.preview import Preview
    from journeymap.model import Journey
    from journeymap.ui.canvas.items.lanes import EmotionLaneItem
    from journeymap.ui.canvas.items.notes_lanes import LaneTitleItem
    from journeymap.ui.canvas.items.touchpoint import TouchpointItem
    from journeymap.ui.canvas.painting import PaintContext
    from journeymap.ui.document import Document
    from journeymap.ui.selection import Ref


class SceneApi(Protocol):
    """The scene as the editor sees it: the document, the layout shown now, item lookups,
    one way to change the model (`push`), the selection, and the placement the editor
    may ask for (a live drag preview, the insertion bar, putting a card back)."""

    document: Document
    journey: Journey
    options: LayoutOptions
    ctx: PaintContext
    layout: JourneyLayout
    touchpoint_items: dict[str, TouchpointItem]
    title_items: dict[str, LaneTitleItem]

    @property
    def emotion_item(self) -> EmotionLaneItem | None:
        """The emotion lane's item, if the map shows that lane."""
        ...

    def item_at(self, pos: QPointF) -> QGraphicsItem | None:
        """The topmost stage header, card, flow or lane under `pos`."""
        ...

    def item_for(self, ref: Ref) -> QGraphicsItem | None:
        """The item of a model reference, if it is on the map."""
        ...

    def flush(self) -> None:
        """Bring the items up to date with the model now."""
        ...

    def push(self, command: QUndoCommand) -> None:
        """Push an undo command (the only way the editor changes the model)."""
        ...

    def select(self, refs: Iterable[Ref]) -> None:
        """Replace the shared selection."""
        ...

    def apply_preview(self, preview: Preview, *, floating: str) -> None:
        """Show a live drag layout; the card `floating` stays under the mouse."""
        ...

    def put_back(self, tp_id: str) -> None:
        """Place every item, the card `tp_id` included, where the settled layout says."""
        ...

    def show_insert_bar(self, x: float) -> None:
        """Show where a stage will be inserted."""
        ...

    def show_lane_insert_bar(self, y: float) -> None:
        """Show where a lane will be inserted."""
        ...

    def hide_insert_bar(self) -> None:
        """Hide the insertion bar."""
        ...

    def view_widget(self) -> QGraphicsView | None:
        """The view showing the scene (parent for dialogs, scrolling into view)."""
        ...

    def zoom(self) -> float:
        """The view's zoom factor."""
        ...

    # Feedback items of a gesture (rubber band, ghost) and the in-place text editor.
    def addItem(self, item: QGraphicsItem, /) -> None: ...  # noqa: N802 (Qt's name)
    def removeItem(self, item: QGraphicsItem, /) -> None: ...  # noqa: N802
    def sendEvent(self, item: QGraphicsItem, event: QEvent, /) -> bool: ...  # noqa: N802
