"""JourneyScene: the map of one document as scene items, kept in step with the model.

The scene *projects*: model + layout → one item per stage, touchpoint and flow, and one
per lane, each kept in an id → item dict. It places them (`apply_layout`; `apply_preview`
for a live drag), reflects the shared selection onto them and answers lookups (`item_at`,
`item_for`). It holds no gesture, key, drop or editing logic: that is `JourneyEditor`
(journey_editor.py), which reaches the scene only through `SceneApi` (scene_api.py).

How input reaches the editor: Qt delivers the canvas's mouse, key, focus and drag events
to the QGraphicsScene, and the editor installs itself as the scene's event filter (as
orange-canvas-core's SchemeEditWidget does with its CanvasScene). The scene overrides no
event handler at all, so: a scene without an editor (the image export) is a pure
projection; the editor sees each event first and either handles it or lets Qt's own
handling run (the in-place text editor then gets its keys and clicks), without the scene
forwarding anything; and the input code lives in one place, the editor's routing table.

Edits flow one way: the editor (or a window action) pushes a QUndoCommand, the command
changes the model, the model announces events, and the scene relayouts and updates the
items that changed. The scene never changes the model itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPalette, QTransform, QUndoCommand
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from journeymap.layout.geometry import JourneyLayout, LayoutOptions
from journeymap.layout.compare import with_comparison
from journeymap.layout.preview import Preview
from journeymap.model import Journey
from journeymap.model import events as ev
from journeymap.ui.canvas.items.flow import FlowItem
from journeymap.ui.canvas.items.lanes import EmotionLaneItem, FrictionLaneItem
from journeymap.ui.canvas.items.notes_lanes import BlueprintRuleItem, LaneTitleItem, NotesLaneItem
from journeymap.ui.canvas.items.overlays import DropIndicatorItem
from journeymap.ui.canvas.items.stage import StageItem
from journeymap.ui.canvas.items.touchpoint import TouchpointItem
from journeymap.ui.canvas.painting import PaintContext
from journeymap.ui.document import Document
from journeymap.ui.selection import Ref
from journeymap.versions.compare import Comparison, compare_journeys

LayoutFunction = Callable[..., JourneyLayout]
SCENE_MARGIN = 400.0  # room to scroll past the map's edges
_IGNORED_EVENTS = (ev.JourneyChanged, ev.PersonaAdded, ev.PersonaRemoved, ev.PersonaChanged)
#: The items `item_at` finds (overlays and the in-place editor are not among them).
_HIT_KINDS = (TouchpointItem, FlowItem, StageItem, LaneTitleItem, EmotionLaneItem, FrictionLaneItem, NotesLaneItem)


def _default_layout(journey: Any, options: LayoutOptions, *,
                    order: Mapping[str, Sequence[str]] | None = None) -> JourneyLayout:
    from journeymap.layout.engine import compute_layout

    return compute_layout(journey, options, order=order)


class JourneyScene(QGraphicsScene):
    """The canvas scene of a `Document`: one item per stage, touchpoint and flow, plus the lanes.

    `stage_items`, `touchpoint_items` and `flow_items` map ids (a flow: its two ends) to
    items; `lane_items` maps a lane's key ("emotion", "friction") to its item. Call
    `detach()` before dropping the scene, so it stops listening to the journey.
    """

    #: The items were just placed by `apply_layout` (overlays such as the heat map follow).
    layout_applied = Signal()
    #: The items are about to follow a change of the model: a gesture under way is stale.
    relayout_started = Signal()
    #: The compare view started, stopped, or its changes were recomputed after an edit.
    comparison_changed = Signal()

    def __init__(
        self,
        document: Document,
        options: LayoutOptions | None = None,
        *,
        layout_fn: LayoutFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.journey = document.journey
        self.options = options or LayoutOptions()
        self.ctx = PaintContext(self.options, QGuiApplication.palette())
        self.stage_items: dict[str, StageItem] = {}
        self.touchpoint_items: dict[str, TouchpointItem] = {}
        self.flow_items: dict[tuple[str, str], FlowItem] = {}
        self.lane_items: dict[str, QGraphicsItem] = {}
        #: Each lane's title (emotion and friction too), pinned to the left edge of the view.
        self.title_items: dict[str, LaneTitleItem] = {}
        #: The blueprint lines, by the section below them.
        self.rule_items: dict[str, BlueprintRuleItem] = {}
        self._pinned_left = float("-inf")
        #: The bar that shows where a stage will be inserted (see `show_insert_bar`).
        self.indicator = DropIndicatorItem(self.ctx)
        self.addItem(self.indicator)
        self._layout_fn = layout_fn or _default_layout
        self._dirty = True
        self._flush_pending = False
        self._changed: set[str] = set()
        self._attached = True
        #: The compare view (view state, never in the model): the other version and what changed since it.
        self.comparison: Comparison | None = None
        # A repaint or hit test then asks only the items near it for their bounds, not
        # all ten thousand of a big map; a drag moves few items per frame.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(self.ctx.colors.background)
        self.layout: JourneyLayout  # set by every flush()
        self.journey.subscribe(self._on_journey_event)
        document.undo_stack.indexChanged.connect(self.flush)
        document.selection.changed.connect(self._selection_from_model)
        document.persona_focus_changed.connect(self._show_persona_focus)
        self.flush()

    # ------------------------------------------------------------------ life cycle
    def detach(self) -> None:
        """Stop following the journey and the selection (call before dropping the scene)."""
        if not self._attached:
            return
        self._attached = False
        self.journey.unsubscribe(self._on_journey_event)
        self.document.undo_stack.indexChanged.disconnect(self.flush)
        self.document.selection.changed.disconnect(self._selection_from_model)
        self.document.persona_focus_changed.disconnect(self._show_persona_focus)

    def set_palette(self, palette: QPalette) -> None:
        """Repaint in the colours of a new system palette (light/dark switch)."""
        self.ctx.set_palette(palette)
        self.setBackgroundBrush(self.ctx.colors.background)
        self.indicator.setPen(self.ctx.pen(self.ctx.colors.drop_indicator, 4.0))
        for item in self.items():
            if isinstance(item, QGraphicsItem) and item.cacheMode() != QGraphicsItem.CacheMode.NoCache:
                item.update()
        self.update()

    # ------------------------------------------------------------------ following the model
    def compute_layout(self, order: Mapping[str, Sequence[str]] | None = None) -> JourneyLayout:
        """The layout of the journey now, optionally with a step-order override (live drags);
        with the other version's line and the badges while comparing."""
        layout = self._layout_fn(self.journey, self.options, order=order)
        c = self.comparison
        return layout if c is None else with_comparison(layout, c.other, c.other_ids, c.marks)

    # ------------------------------------------------------------------ the compare view
    def set_comparison(self, other: Journey | None, label: str = "") -> None:
        """Compare the map with another version of it (None stops comparing). Nothing edits `other`."""
        self.comparison = None if other is None else compare_journeys(self.journey, other, label)
        self._dirty = True
        self.flush()
        self.comparison_changed.emit()

    def _on_journey_event(self, event: ev.Event) -> None:
        if isinstance(event, _IGNORED_EVENTS):
            return
        if isinstance(event, ev.TouchpointChanged):
            self._changed.add(event.id)
        self._dirty = True
        if not self._flush_pending:
            self._flush_pending = True
            QTimer.singleShot(0, self._deferred_flush)

    def _deferred_flush(self) -> None:
        self._flush_pending = False
        if self._attached:
            self.flush()

    def flush(self) -> None:
        """Bring the items up to date with the journey now (cheap when nothing changed).

        Runs after every undo-stack step and on the next event-loop turn after any
        model event, so a command that changes many things relayouts once.
        """
        if not self._dirty or not self._attached:
            return
        self.relayout_started.emit()
        self._dirty = False
        changed, self._changed = self._changed, set()
        compared = self.comparison
        if compared is not None:  # the map changed: so did what differs from the other version
            self.comparison = compare_journeys(self.journey, compared.other, compared.label)
        self.layout = self.compute_layout()
        self.apply_layout(self.layout, changed=changed)
        bounds = self.layout.bounds
        self.setSceneRect(QRectF(bounds.x, bounds.y, bounds.w, bounds.h).adjusted(
            -SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))
        if compared is not None:
            self.comparison_changed.emit()

    def push(self, command: QUndoCommand) -> None:
        """Push an undo command and bring the items up to date at once."""
        self.document.undo_stack.push(command)
        self.flush()

    # ------------------------------------------------------------------ placing the items
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
        for tp_id, item in self.touchpoint_items.items():
            if item.badge is not None or tp_id in layout.marks:
                item.set_mark(layout.marks.get(tp_id))
        self._sync(self.flow_items, {(f.source, f.target): f for f in layout.flows},
                   lambda f: FlowItem(self.ctx, f), lambda item, f: f is item.flow or item.set_flow(f))
        self._sync_lane("emotion", layout.emotion, EmotionLaneItem)
        self._sync_lane("friction", layout.friction, FrictionLaneItem)
        self._sync_notes_lanes(layout)
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
        for lane_key, lane in (("emotion", layout.emotion), ("friction", layout.friction)):
            lane_item = self.lane_items.get(lane_key)
            if isinstance(lane_item, (EmotionLaneItem, FrictionLaneItem)) and lane is not None:
                lane_item.set_lane(lane, preview.cards)  # type: ignore[arg-type]
        self.layout_applied.emit()

    def put_back(self, tp_id: str) -> None:
        """Place every item where the settled layout says, the card `tp_id` too even where
        its box did not change (a card dragged, then dropped where it was)."""
        self.apply_layout(self.layout)
        box, item = self.layout.cards.get(tp_id), self.touchpoint_items.get(tp_id)
        if box is not None and item is not None:
            item.set_box(box)

    def show_insert_bar(self, x: float) -> None:
        """Show the stage insertion bar at `x`, across the whole map."""
        bounds, margin = self.layout.bounds, self.options.margin / 2
        self.indicator.show_at(x, bounds.y + margin, bounds.bottom - margin)

    def show_lane_insert_bar(self, y: float) -> None:
        """Show where a lane will be inserted: a bar at height `y` across the lanes."""
        bounds, margin = self.layout.bounds, self.options.margin / 2
        self.indicator.show_across(y, bounds.x + margin, bounds.right - margin)

    def hide_insert_bar(self) -> None:
        """Hide the stage insertion bar."""
        self.indicator.hide()

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

    def _sync_notes_lanes(self, layout: JourneyLayout) -> None:
        """The lanes of notes, every lane's title and the blueprint rules."""
        notes = {box.key: box for box in layout.lanes if box.kind not in ("emotion", "friction")}
        for key in [k for k, item in self.lane_items.items() if isinstance(item, NotesLaneItem) and k not in notes]:
            self.removeItem(self.lane_items.pop(key))
        for key, box in notes.items():
            item = self.lane_items.get(key)
            if isinstance(item, NotesLaneItem):
                item.set_box(box)
            else:
                self.lane_items[key] = item = NotesLaneItem(self.ctx, box)
                self.addItem(item)
        levels = {"emotion": layout.emotion.level_y if layout.emotion else None,
                  "friction": layout.friction.level_y if layout.friction else None}
        lines = layout.emotion.personas if layout.emotion else ()

        def personas(box: Any) -> tuple[Any, ...]:
            return lines if box.kind == "emotion" else ()

        self._sync(self.title_items, {box.key: box for box in layout.lanes},
                   lambda box: LaneTitleItem(self.ctx, box, levels.get(box.kind), personas(box)),
                   lambda item, box: item.set_box(box, levels.get(box.kind), personas(box)))
        self._sync(self.rule_items, {rule.section: rule for rule in layout.rules},
                   lambda rule: BlueprintRuleItem(self.ctx, rule), lambda item, rule: item.set_rule(rule))
        self.pin_titles(self._pinned_left)
        self._show_persona_focus()

    def _show_persona_focus(self) -> None:
        """The focused persona's line drawn on top (and bold in the legend), the others faded."""
        focus = self.document.persona_focus
        emotion, title = self.emotion_item, self.title_items.get("emotion")
        if emotion is not None:
            emotion.set_focus(focus)
        if title is not None:
            title.set_focus(focus)

    def pin_titles(self, left: float) -> None:
        """Keep the lane titles and blueprint labels at scene x `left` (the view's left edge)
        once the map has scrolled past them, as a spreadsheet freezes its first column."""
        self._pinned_left = left
        for item in self.title_items.values():
            item.pin(left)
        for rule in self.rule_items.values():
            rule.pin(left)

    def _sync_lane(self, key: str, lane: Any, kind: type) -> None:
        item = self.lane_items.get(key)
        if lane is None:
            if item is not None:
                self.removeItem(self.lane_items.pop(key))
            return
        if item is None:
            self.lane_items[key] = item = kind(self.ctx, lane)
            self.addItem(item)
        else:
            item.set_lane(lane)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ lookups
    @property
    def emotion_item(self) -> EmotionLaneItem | None:
        """The emotion lane's item, if the map shows that lane."""
        item = self.lane_items.get("emotion")
        return item if isinstance(item, EmotionLaneItem) else None

    @property
    def friction_item(self) -> FrictionLaneItem | None:
        """The friction lane's item, if the map shows that lane."""
        item = self.lane_items.get("friction")
        return item if isinstance(item, FrictionLaneItem) else None

    def item_at(self, pos: QPointF) -> QGraphicsItem | None:
        """The topmost stage header, card, flow or lane under `pos` (overlays are skipped)."""
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder,
                               QTransform()):
            if isinstance(item, _HIT_KINDS) and item.isVisible():
                return item
        return None

    def item_for(self, ref: Ref) -> QGraphicsItem | None:
        """The scene item of a model reference, if it is on the map."""
        if ref.kind == "stage":
            return self.stage_items.get(ref.id)
        if ref.kind == "touchpoint":
            return self.touchpoint_items.get(ref.id)
        if ref.kind == "flow":
            return self.flow_items.get(ref.flow_ends)
        return None

    def view_widget(self) -> QGraphicsView | None:
        """The first view showing the scene (parent for dialogs), if any."""
        views = self.views()
        return views[0] if views else None

    def zoom(self) -> float:
        """The first view's zoom factor (1.0 without a view)."""
        view = self.view_widget()
        return view.transform().m11() if view is not None else 1.0

    # ------------------------------------------------------------------ selection
    def select(self, refs: Iterable[Ref]) -> None:
        """Replace the shared selection (the items follow through the SelectionModel)."""
        self.document.selection.set(refs)

    def _selection_from_model(self) -> None:
        selected = set(self.document.selection.refs())
        wanted = {id(item) for item in (self.item_for(r) for r in selected) if item is not None}
        for item in self.selectedItems():
            if id(item) not in wanted:
                item.setSelected(False)
        for ref in selected:
            found = self.item_for(ref)
            if found is not None and not found.isSelected():
                found.setSelected(True)
