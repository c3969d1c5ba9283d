"""JourneyView: the widget that shows a JourneyScene, with zoom and pan.

The view only shows: editing on the canvas is the `JourneyEditor` of the scene shown
(`set_editor`), which the view asks whether a name is being typed and which gesture to
keep feeding while it scrolls at an edge.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QKeyEvent, QMouseEvent, QPainter, QShowEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from journeymap.ui.canvas.journey_editor import JourneyEditor
from journeymap.ui.canvas.scene import JourneyScene
from journeymap.ui.selection import Ref
import contextlib

MIN_ZOOM = 0.1
MAX_ZOOM = 4.0
ZOOM_STEP = 1.25
AUTOSCROLL_MARGIN = 36      # px from the viewport edge where a drag scrolls the map
AUTOSCROLL_INTERVAL_MS = 30
AUTOSCROLL_MAX_STEP = 24    # px per tick, reached at the very edge


class JourneyView(QGraphicsView):
    """Shows the map. Ctrl+wheel and Ctrl+= / Ctrl+− zoom around the cursor, Ctrl+0 fits
    the map, middle-drag or Space+drag pans. `zoom_changed(factor)` reports the zoom."""

    zoom_changed = Signal(float)

    def __init__(self, scene: QGraphicsScene | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setAcceptDrops(True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.editor: JourneyEditor | None = None
        self._space = False
        self._pan_from: QPoint | None = None
        self._shown = False
        self._edge_pos: QPointF | None = None
        self._edge_timer = QTimer(self)
        self._edge_timer.setInterval(AUTOSCROLL_INTERVAL_MS)
        self._edge_timer.timeout.connect(self._autoscroll)
        self.zoom_changed.connect(self.pin_titles)
        if scene is not None:
            self.setScene(scene)

    def pin_titles(self) -> None:
        """Keep the lane titles at the visible left edge of the map (a frozen first column)."""
        scene = self.scene()
        if isinstance(scene, JourneyScene):
            scene.pin_titles(self.mapToScene(QPoint(0, 0)).x())

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 (Qt override)
        super().scrollContentsBy(dx, dy)
        if dx:
            self.pin_titles()

    def setScene(self, scene: QGraphicsScene | None) -> None:  # noqa: N802 (Qt override)
        """Show `scene`; a JourneyScene's selection is kept in view."""
        old = self.scene()
        if isinstance(old, JourneyScene):
            with contextlib.suppress(RuntimeError, TypeError):
                old.document.selection.changed.disconnect(self.reveal_selection)
        super().setScene(scene)
        if isinstance(scene, JourneyScene):
            scene.document.selection.changed.connect(self.reveal_selection)
            scene.set_palette(self.palette())
        self.scroll_to_map_start()
        self.pin_titles()

    def set_editor(self, editor: JourneyEditor | None) -> None:
        """The editor of the scene shown (None: the map is only shown)."""
        self.editor = editor

    # ------------------------------------------------------------------ zoom
    def zoom(self) -> float:
        """The current zoom factor (1.0 = 100 %)."""
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to `factor` (clamped to 10 %–400 %), keeping the scene point under the
        viewport position `anchor` (default: the centre) where it is."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        if abs(factor - self.zoom()) < 1e-9:
            return
        viewport_rect = self.viewport().rect()
        anchor_pos = anchor if anchor is not None else QPointF(viewport_rect.center())
        scene_point = self.mapToScene(anchor_pos.toPoint())
        self.setTransform(QTransform.fromScale(factor, factor))
        moved = self.mapFromScene(scene_point) - anchor_pos.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self.zoom_changed.emit(self.zoom())

    def _cursor_anchor(self) -> QPointF | None:
        pos = self.viewport().mapFromGlobal(QCursor.pos())
        return QPointF(pos) if self.viewport().rect().contains(pos) else None

    def zoom_in(self) -> None:
        """Zoom in one step around the mouse cursor (or the centre)."""
        self.set_zoom(self.zoom() * ZOOM_STEP, self._cursor_anchor())

    def zoom_out(self) -> None:
        """Zoom out one step around the mouse cursor (or the centre)."""
        self.set_zoom(self.zoom() / ZOOM_STEP, self._cursor_anchor())

    def reset_zoom(self) -> None:
        """Back to 100 %."""
        self.set_zoom(1.0)

    def map_rect(self) -> QRectF:
        """The map's extent in scene coordinates (without the scroll margin)."""
        scene = self.scene()
        if isinstance(scene, JourneyScene):
            b = scene.layout.bounds
            return QRectF(b.x, b.y, b.w, b.h)
        return scene.itemsBoundingRect() if scene is not None else QRectF()

    def fit_map(self) -> None:
        """Zoom so that the whole map fits the window (never above 100 %)."""
        rect = self.map_rect()
        viewport = self.viewport().rect()
        if rect.isEmpty() or viewport.isEmpty():
            return
        factor = min(viewport.width() / rect.width(), viewport.height() / rect.height(), 1.0)
        factor = max(MIN_ZOOM, factor * 0.98)
        self.setTransform(QTransform.fromScale(factor, factor))
        self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom())

    def scroll_to_map_start(self) -> None:
        """Scroll so the map's top-left corner is at the top-left of the window."""
        rect = self.map_rect()
        if rect.isNull():
            return
        corner = self.mapFromScene(rect.topLeft())
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + corner.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + corner.y())

    def reveal_selection(self) -> None:
        """Scroll the single selected item into view when it is entirely out of sight."""
        scene = self.scene()
        if not isinstance(scene, JourneyScene):
            return
        ref = scene.document.selection.current()
        item = scene.item_for(ref) if ref is not None else None
        if item is None:
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if not visible.intersects(item.sceneBoundingRect()):
            self.ensureVisible(item, 60, 60)

    def centre_on(self, ref: Ref) -> bool:
        """Scroll so the item of `ref` is in the middle of the window; False when it is not on the map."""
        scene = self.scene()
        if not isinstance(scene, JourneyScene):
            return False
        scene.flush()
        item = scene.item_for(ref)
        if item is None:
            return False
        self.centerOn(item.sceneBoundingRect().center())
        return True

    # ------------------------------------------------------------------ events
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self.zoom() * ZOOM_STEP ** steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def _editing(self) -> bool:
        return self.editor is not None and self.editor.is_editing()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            self.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.fit_map()
        elif key == Qt.Key.Key_Space and not self._editing():
            if not event.isAutoRepeat():
                self._space = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            if self._pan_from is None:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: object) -> None:
        self._space = False
        super().focusOutEvent(event)  # type: ignore[arg-type]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            pos = event.position().toPoint()
            delta = pos - self._pan_from
            self._pan_from = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)
        self._track_edge(event.position() if event.buttons() & Qt.MouseButton.LeftButton else None)

    def _edge_step(self, pos: QPointF) -> QPointF:
        rect = self.viewport().rect()

        def step(p: float, low: float, high: float) -> float:
            if p < low + AUTOSCROLL_MARGIN:
                return -AUTOSCROLL_MAX_STEP * min(1.0, (low + AUTOSCROLL_MARGIN - p) / AUTOSCROLL_MARGIN)
            if p > high - AUTOSCROLL_MARGIN:
                return AUTOSCROLL_MAX_STEP * min(1.0, (p - high + AUTOSCROLL_MARGIN) / AUTOSCROLL_MARGIN)
            return 0.0

        return QPointF(step(pos.x(), rect.left(), rect.right()), step(pos.y(), rect.top(), rect.bottom()))

    def _track_edge(self, pos: QPointF | None) -> None:
        """Scroll while a gesture holds the mouse near an edge (a card dragged off-screen)."""
        busy = self.editor is not None and self.editor.gesture is not None
        self._edge_pos = pos if busy and pos is not None and not self._edge_step(pos).isNull() else None
        if self._edge_pos is None:
            self._edge_timer.stop()
        elif not self._edge_timer.isActive():
            self._edge_timer.start()

    def _autoscroll(self) -> None:
        gesture = self.editor.gesture if self.editor is not None else None
        if self._edge_pos is None or gesture is None:
            self._edge_timer.stop()
            return
        step = self._edge_step(self._edge_pos)
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(step.x()))
        v.setValue(v.value() + round(step.y()))
        gesture.move(self.mapToScene(self._edge_pos.toPoint()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._track_edge(None)
        if self._pan_from is not None:
            self._pan_from = None
            if self._space:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        first = not self._shown
        self._shown = True
        super().showEvent(event)
        if first:
            self.scroll_to_map_start()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._editing():
            # While a name is typed in place, Delete, Ctrl+C and the like edit the text
            # instead of firing the window's actions on the selection.
            event.accept()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            scene = self.scene()
            if isinstance(scene, JourneyScene):
                scene.set_palette(self.palette())
        super().changeEvent(event)
