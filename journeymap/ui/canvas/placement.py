"""Placing the scene's items where a layout says: the whole map, or a live drag preview."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from journeymap.layout.geometry import JourneyLayout
from journeymap.layout.preview import Preview
from journeymap.ui.canvas.items.flow import FlowItem
from journeymap.ui.canvas.items.lanes import EmotionLaneItem, FrictionLaneItem
from journeymap.ui.canvas.items.stage import StageItem
from journeymap.ui.canvas.items.touchpoint import TouchpointItem
from journeymap.ui.canvas.keys import SceneKeys

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from journeymap.model import Journey
    from journeymap.ui.canvas.painting import PaintContext


class ScenePlacement(SceneKeys):
    """The placing half of `JourneyScene`: one item per stage, card and flow, kept in the
    id → item dicts, and the two lanes (the scene holds the state)."""

    if TYPE_CHECKING:  # provided by JourneyScene
        journey: Journey
        ctx: PaintContext
        stage_items: dict[str, StageItem]
        flow_items: dict[tuple[str, str], FlowItem]
        emotion_item: EmotionLaneItem | None
        friction_item: FrictionLaneItem | None
        layout_applied: SignalInstance

        def _selection_from_model(self) -> None: ...

    def apply_layout(self, layout: JourneyLayout, *, changed: Iterable[str] = (), floating: str | None = None) -> None:
        """Place every item where `layout` says: create new ones, drop gone ones, move the rest.

        `changed` names touchpoints whose record changed; `floating` is a card being
        dragged, which keeps its position under the mouse.
        """
        changed = set(changed)
        self._sync(self.stage_items, {s.id: s for s in layout.stages},
                   lambda box: StageItem(self.ctx, box), lambda item, box: item.set_box(box))

        def update_card(item: TouchpointItem, box: Any) -> None:
            if box.id in changed:
                item.set_touchpoint(self.journey.touchpoint(box.id))
            if box is not item.box or box.id == floating:
                item.set_box(box, move=box.id != floating)

        self._sync(self.touchpoint_items, dict(layout.cards),
                   lambda box: TouchpointItem(self.ctx, box, self.journey.touchpoint(box.id)), update_card)
        self._sync(self.flow_items, {(f.source, f.target): f for f in layout.flows},
                   lambda f: FlowItem(self.ctx, f), lambda item, f: f is item.flow or item.set_flow(f))
        self.emotion_item = self._sync_lane(self.emotion_item, layout.emotion, EmotionLaneItem)
        self.friction_item = self._sync_lane(self.friction_item, layout.friction, FrictionLaneItem)
        if floating is None:
            self._selection_from_model()  # new items of selected objects show as selected
        self.layout_applied.emit()

    def apply_preview(self, preview: Preview, *, floating: str) -> None:
        """Show a live drag layout: only the items `preview` says changed are touched."""
        layout = preview.layout
        self._sync(self.stage_items, {s.id: s for s in layout.stages},
                   lambda box: StageItem(self.ctx, box), lambda item, box: box is item.box or item.set_box(box))
        cards, items = layout.cards, self.touchpoint_items
        for tp_id in preview.cards:
            items[tp_id].follow(cards[tp_id], move=tp_id != floating)
        for tp_id in preview.restepped:  # past a stage boundary: same place, same look
            items[tp_id].box = cards[tp_id]
        for key, path in preview.flows.items():
            item = self.flow_items[key]
            before, dx = preview.shifted.get(key, (None, 0.0))
            if before is not None and before is item.flow:
                item.move_by(path, dx)
            else:
                item.set_flow(path)
        for lane_item, lane in ((self.emotion_item, layout.emotion), (self.friction_item, layout.friction)):
            if lane_item is not None and lane is not None:
                lane_item.set_lane(lane, preview.cards)  # type: ignore[arg-type]
        self.layout_applied.emit()

    def _sync(self, items: dict[Any, Any], boxes: dict[Any, Any], create: Callable[[Any], Any],
              update: Callable[[Any, Any], object]) -> None:
        for key in [k for k in items if k not in boxes]:
            self.removeItem(items.pop(key))
        for key, box in boxes.items():
            item = items.get(key)
            if item is None:
                items[key] = item = create(box)
                self.addItem(item)
            else:
                update(item, box)

    def _sync_lane(self, item: Any, lane: Any, kind: type) -> Any:
        if lane is None:
            if item is not None:
                self.removeItem(item)
            return None
        if item is None:
            item = kind(self.ctx, lane)
            self.addItem(item)
        else:
            item.set_lane(lane)
        return item
