"""The friction heat map: a tint over every card by its friction, and a highlight on the
channel switches the customer feels (flagged switches, see docs/insights.md).

The shading is a view option, not an edit: it lives in overlay items that are children
of the cards and flows (so they follow every move and drag), is driven by the insights
that the window recomputes after edits, and never touches the model or the undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPainterPathStroker
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap.analysis import Insights
from journeymap.layout.style import friction_color
from journeymap.ui.canvas.items.flow import FlowItem
from journeymap.ui.canvas.items.touchpoint import CARD_RADIUS, TouchpointItem
from journeymap.ui.canvas.scene import JourneyScene
import contextlib

#: The colour of an omnichannel break: apart from the friction colours on purpose.
SWITCH_COLOR = QColor("#8E24AA")
SWITCH_MARK = "⇄"
MARK_RADIUS = 8.5
HALO_MAX = 5.0
_UNRATED = -1


def halo_width(friction: int) -> float:
    """How far the rim of a card of this friction reaches out (layout units)."""
    return 1.0 + HALO_MAX * max(0, min(4, friction)) / 4


def tint_alpha(friction: int) -> int:
    """How strongly a card of this friction is tinted (0..255): more friction, more colour."""
    return 26 + 14 * max(0, min(4, friction))  # capped low: dark ink must stay readable on it


class CardHeatItem(QGraphicsItem):
    """A translucent wash of the friction colour over one card (a grey hatch when the
    friction is not rated), so the card's own number stays readable; with `halo=True`
    instead a rim around the card, thicker with more friction, stacked behind the card
    so that its evidence outline and the selection stay visible."""

    def __init__(self, card: TouchpointItem, *, halo: bool = False) -> None:
        super().__init__(card)
        self.card = card  # kept here too: asking Qt for the parent costs a call per refresh
        self.halo = halo
        self.friction = _UNRATED
        self._size = (0.0, 0.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        if halo:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.sync()

    def sync(self, friction: int | None = _UNRATED) -> None:
        """Follow the card's size and, when given, a new friction (None: not rated)."""
        card = self.card
        size = (card.box.rect.w, card.box.rect.h)
        value = _UNRATED if friction is None else friction
        if size != self._size:
            self.prepareGeometryChange()
            self._size = size
        if value != self.friction:
            self.friction = value
            self.update()

    def boundingRect(self) -> QRectF:
        m = HALO_MAX + 1 if self.halo else 0
        return QRectF(-m, -m, self._size[0] + 2 * m, self._size[1] + 2 * m)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = QRectF(0, 0, *self._size)
        painter.setPen(Qt.PenStyle.NoPen)
        if self.halo:
            if self.friction >= 1:
                grow = halo_width(self.friction)
                painter.setBrush(QColor(friction_color(self.friction)))
                painter.drawRoundedRect(rect.adjusted(-grow, -grow, grow, grow), CARD_RADIUS + grow, CARD_RADIUS + grow)
            return
        if self.friction == _UNRATED:
            painter.setBrush(QBrush(QColor(128, 128, 128, 90), Qt.BrushStyle.BDiagPattern))
            painter.drawRoundedRect(rect, CARD_RADIUS, CARD_RADIUS)
            return
        color = QColor(friction_color(self.friction))
        wash = QColor(color)
        wash.setAlpha(tint_alpha(self.friction))
        painter.setBrush(wash)
        painter.drawRoundedRect(rect, CARD_RADIUS, CARD_RADIUS)


class SwitchGlowItem(QGraphicsItem):
    """A wide translucent band under a flagged flow (a child stacked behind the flow)."""

    def __init__(self, flow: FlowItem) -> None:
        super().__init__(flow)
        self.flow = flow
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._path = QPainterPath()
        self._bounds = QRectF()
        self.sync()

    def sync(self) -> None:
        """Follow the flow's current curve."""
        path = self.flow._path  # noqa: SLF001 (the curve the flow draws; no public copy kept)
        if path is self._path:  # the flow builds a new path object whenever its curve changes
            return
        self.prepareGeometryChange()
        self._path = path
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        self._bounds = stroker.createStroke(path).boundingRect().adjusted(-2, -2, 2, 2)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        color = QColor(SWITCH_COLOR)
        color.setAlpha(95)
        pen = painter.pen()
        pen.setColor(color)
        pen.setWidthF(9.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setStyle(Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)


class SwitchMarkItem(QGraphicsItem):
    """A round '⇄' marker on a flagged flow, placed where it covers no flow label."""

    def __init__(self, flow: FlowItem, tooltip: str) -> None:
        super().__init__(flow)
        self.flow = flow
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(tooltip)
        self.centre = QPointF()
        self._path: QPainterPath | None = None
        self.sync()

    def sync(self) -> None:
        """Move to a free spot along the flow's current curve."""
        flow = self.flow
        path = flow._path  # noqa: SLF001
        if path is self._path:
            return
        self._path = path
        label = flow._label_rect.adjusted(-MARK_RADIUS, -MARK_RADIUS, MARK_RADIUS, MARK_RADIUS)  # noqa: SLF001
        spot = path.pointAtPercent(0.5)
        for t in (0.5, 0.3, 0.7, 0.2, 0.8):
            spot = path.pointAtPercent(t)
            if label.isEmpty() or not label.contains(spot):
                break
        if spot != self.centre:
            self.prepareGeometryChange()
            self.centre = spot

    def boundingRect(self) -> QRectF:
        r = MARK_RADIUS + 1
        return QRectF(self.centre.x() - r, self.centre.y() - r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(QColor("#FFFFFF"))
        painter.setBrush(SWITCH_COLOR)
        painter.drawEllipse(self.centre, MARK_RADIUS, MARK_RADIUS)
        font = painter.font()
        font.setPixelSize(12)
        font.setBold(True)
        painter.setFont(font)
        rect = QRectF(
            self.centre.x() - MARK_RADIUS, self.centre.y() - MARK_RADIUS - 1, 2 * MARK_RADIUS, 2 * MARK_RADIUS
        )
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, SWITCH_MARK)


class HeatMapLayer(QObject):
    """Shows or hides the heat map on the current scene and keeps it in step with the
    insights (`set_insights`) and with the layout (the scene's `layout_applied`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene: JourneyScene | None = None
        self.enabled = False
        self.insights: Insights | None = None
        self.cards: dict[str, tuple[CardHeatItem, CardHeatItem]] = {}
        self.flows: dict[tuple[str, str], tuple[SwitchGlowItem, SwitchMarkItem]] = {}

    def set_scene(self, scene: JourneyScene | None) -> None:
        """Draw on another scene (None: none); the old one loses its shading."""
        if self.scene is not None:
            self._clear()
            with contextlib.suppress(RuntimeError, TypeError):
                self.scene.layout_applied.disconnect(self.refresh)
        self.scene = scene
        if scene is not None:
            scene.layout_applied.connect(self.refresh)
        self.refresh()

    def set_enabled(self, on: bool) -> None:
        """Show (True) or hide the heat map. Not an edit: the document stays as it is."""
        self.enabled = bool(on)
        self.refresh()

    def set_insights(self, insights: Insights | None) -> None:
        """Shade by these insights (recomputed by the window after edits)."""
        self.insights = insights
        self.refresh()

    def refresh(self) -> None:
        """Bring the overlays in step with the scene's items and the insights."""
        scene = self.scene
        if scene is None or not self.enabled or self.insights is None:
            self._clear()
            return
        self._sync_cards(scene, self.insights)
        self._sync_flows(scene, self.insights)

    def _sync_cards(self, scene: JourneyScene, insights: Insights) -> None:
        friction = {h.touchpoint: h.friction for h in insights.hotspots}
        for gone in [k for k, (o, _) in self.cards.items() if o.card is not scene.touchpoint_items.get(k)]:
            for item in self.cards.pop(gone):
                self._drop(item)
        for tp_id, card in scene.touchpoint_items.items():
            pair = self.cards.get(tp_id)
            if pair is None:
                self.cards[tp_id] = pair = (CardHeatItem(card), CardHeatItem(card, halo=True))
            for overlay in pair:
                overlay.sync(friction.get(tp_id))

    def _sync_flows(self, scene: JourneyScene, insights: Insights) -> None:
        flagged = {(c.source, c.target): c for c in insights.channel_switches if c.flagged}
        for key in [k for k, (glow, _) in self.flows.items()
                    if k not in flagged or glow.flow is not scene.flow_items.get(k)]:
            for item in self.flows.pop(key):
                self._drop(item)
        for key, switch in flagged.items():
            flow = scene.flow_items.get(key)
            if flow is None:
                continue
            pair = self.flows.get(key)
            if pair is None:
                tip = f"Channel switch the customer feels: {switch.source_channel} → {switch.target_channel}"
                self.flows[key] = (SwitchGlowItem(flow), SwitchMarkItem(flow, tip))
            else:
                for item in pair:
                    item.sync()

    def overlay_count(self) -> int:
        """How many overlay items are on the scene (0 when the heat map is off)."""
        return 2 * len(self.cards) + 2 * len(self.flows)

    def _clear(self) -> None:
        for pair in [*self.cards.values(), *self.flows.values()]:
            for item in pair:
                self._drop(item)
        self.cards.clear()
        self.flows.clear()

    @staticmethod
    def _drop(item: QGraphicsItem) -> None:
        scene = item.scene()
        if scene is not None:
            scene.removeItem(item)
        item.setParentItem(None)  # type: ignore[arg-type]  # None detaches; the stubs leave it out
