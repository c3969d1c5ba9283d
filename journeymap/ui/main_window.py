"""The main window: the map in the centre, palette, structure and inspector docks around it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoGroup
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QScrollArea, QWidget

from journeymap import __version__
from journeymap.model import events as ev
from journeymap.ui.actions import CANVAS_GESTURES, WindowActions
from journeymap.ui.canvas.heatmap import HeatMapLayer
from journeymap.ui.canvas.journey_editor import JourneyEditor
from journeymap.ui.canvas.scene import JourneyScene
from journeymap.ui.canvas.view import JourneyView
from journeymap.ui.commands.structure import AddFlowCommand
from journeymap.ui.compare_view import CompareView
from journeymap.ui.docks.compare import ComparePanel
from journeymap.ui.docks.insights import InsightsPanel
from journeymap.ui.docks.palette import PaletteWidget
from journeymap.ui.docks.structure import StructureTree
from journeymap.ui.document import Document
from journeymap.ui.export_dialog import InteropDialogs, export_pdf_from, import_into
from journeymap.ui.file_ops import Dialogs, FileOps
from journeymap.ui.icons import app_icon
from journeymap.ui.inspector import Inspector
from journeymap.ui.limits import no_room
from journeymap.ui.presenter import PresenterView
from journeymap.ui.selection import Ref
from journeymap.ui.settings import app_settings
from journeymap.ui.window_parts import StatusParts, add_palette_stage, journey_files, set_palette_channel

_STATE_VERSION = 1
#: The palette, structure and insights column: wide enough for most touchpoint names in the Insights panel.
LEFT_DOCK_WIDTH = 300
#: Below this zoom, card names are too small to read; a new map opens at least this big.
READABLE_ZOOM = 0.6
#: A long map opens at most this big, so a few stages fit side by side.
COMFORTABLE_ZOOM = 0.75


class MainWindow(QMainWindow):
    """One window editing one `Document` at a time (File ▸ Open replaces it)."""

    def __init__(self, document: Document | None = None, dialogs: Dialogs | None = None) -> None:
        super().__init__()
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.undo_group = QUndoGroup(self)
        self.files = FileOps(self, dialogs)
        self.document: Document = document or Document.new()
        self.scene: JourneyScene | None = None
        self.editor: JourneyEditor | None = None

        self.view = JourneyView(None, self)
        self.view.setAccessibleName("Journey map")
        self.setCentralWidget(self.view)
        self.palette_widget = PaletteWidget()
        self.structure = StructureTree()
        self.inspector = Inspector()
        self.inspector.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        palette_scroll = QScrollArea()
        palette_scroll.setWidget(self.palette_widget)
        palette_scroll.setWidgetResizable(True)
        palette_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        palette_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.palette_dock = self._dock("Palette", "paletteDock", palette_scroll, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.structure_dock = self._dock(
            "Structure", "structureDock", self.structure, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.inspector_dock = self._dock(
            "Inspector", "inspectorDock", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.insights_panel = InsightsPanel()
        self.insights_dock = self._dock(
            "Insights", "insightsDock", self.insights_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.structure_dock, self.insights_dock)
        self.compare_panel = ComparePanel()
        self.compare_dock = self._dock("Compare", "compareDock", self.compare_panel,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.insights_dock, self.compare_dock)
        self.structure_dock.raise_()
        self.compare_dock.hide()
        self.compare_panel.centre_requested.connect(self.view.centre_on)
        #: File ▸ Compare With… and View ▸ Stop Comparing (view state on the scene).
        self.compare = CompareView(self)
        #: Export PDF… and Import… ask through this; replace it in tests.
        self.interop_dialogs = InteropDialogs()
        #: The presenter view while one is shown (View ▸ Present).
        self.presenter: PresenterView | None = None
        self.heatmap = HeatMapLayer(self)
        self.insights_panel.live.updated.connect(self.heatmap.set_insights)
        self.insights_panel.centre_requested.connect(self.view.centre_on)
        self.resizeDocks([self.palette_dock, self.inspector_dock], [LEFT_DOCK_WIDTH, 360], Qt.Orientation.Horizontal)
        self.resizeDocks([self.palette_dock, self.structure_dock], [420, 420], Qt.Orientation.Vertical)

        self.status = StatusParts(self.statusBar())
        self.view.zoom_changed.connect(self.status.show_zoom)
        self.actions_ = WindowActions(self)
        for dock in (self.palette_dock, self.structure_dock, self.inspector_dock, self.insights_dock):
            self.actions_.panels_menu.addAction(dock.toggleViewAction())
        self.actions_.panels_menu.addAction(self.actions_.toolbar.toggleViewAction())
        self.palette_widget.stage_requested.connect(lambda name: add_palette_stage(self, name))
        self.palette_widget.channel_requested.connect(lambda channel: set_palette_channel(self, channel))
        self.palette_widget.lane_requested.connect(self.add_lane)
        self.structure.reveal_requested.connect(self._reveal_selection)
        self._attach(self.document)
        self.restore_layout()
        self.compare_dock.hide()  # shown by Compare With…, even if it was open when the window last closed

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    # ------------------------------------------------------------------ the document
    def set_document(self, document: Document) -> None:
        """Edit another document; the old scene and editor are detached and the old document dropped."""
        old, old_scene, old_editor = self.document, self.scene, self.editor
        self.leave_presenter()
        if old_editor is not None:
            old_editor.detach()
        if old_scene is not None:
            old_scene.detach()
        old.journey.unsubscribe(self._on_journey_event)
        self.undo_group.removeStack(old.undo_stack)
        self._attach(document)
        if old is not document:
            old.deleteLater()
        if old_editor is not None:
            old_editor.deleteLater()
        if old_scene is not None:
            old_scene.deleteLater()

    def _attach(self, document: Document) -> None:
        self.document = document
        document.setParent(self)
        self.scene = JourneyScene(document, parent=self)
        self.editor = JourneyEditor(self.scene, parent=self)
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.view.setScene(self.scene)
        self.view.set_editor(self.editor)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        self.inspector.set_document(document)
        self.structure.set_document(document)
        self.insights_panel.set_document(document)
        self.actions_.persona_picker.set_document(document)
        self.heatmap.set_scene(self.scene)
        self.compare_panel.set_scene(self.scene)
        self.compare.stop()  # another map: nothing to compare it with yet
        document.journey.subscribe(self._on_journey_event)
        document.undo_stack.cleanChanged.connect(self.update_title)
        document.undo_stack.indexChanged.connect(self._update_actions)
        document.path_changed.connect(self.update_title)
        document.selection.changed.connect(self._update_actions)
        self.update_title()
        self._update_actions()
        self.status.show_counts(document.journey)
        self.status.show_zoom(self.view.zoom())
        QTimer.singleShot(0, self, self.show_start_of_map)

    def show_start_of_map(self) -> None:
        """Fit the map; a long map that would become unreadable shows its start at a readable zoom."""
        self.view.fit_map()
        if self.view.zoom() >= READABLE_ZOOM:
            return
        rect = self.view.map_rect()
        height = max(1.0, rect.height())
        self.view.set_zoom(min(COMFORTABLE_ZOOM, max(READABLE_ZOOM, 0.95 * self.view.viewport().height() / height)))
        self.view.scroll_to_map_start()

    def _on_journey_event(self, event: ev.Event) -> None:
        if not isinstance(event, (ev.JourneyChanged, ev.PersonaAdded, ev.PersonaRemoved, ev.PersonaChanged,
                                  ev.StageChanged, ev.TouchpointChanged, ev.FlowChanged)):
            self.status.show_counts(self.document.journey)

    def update_title(self) -> None:
        """'name.yaml[*] — journeymap', with the modified marker from the undo stack."""
        self.setWindowTitle(f"{self.document.display_name()}[*] — journeymap")
        self.setWindowModified(self.document.is_modified())
        self.actions_.revert.setEnabled(self.document.path is not None and self.document.is_modified())

    def _update_actions(self) -> None:
        has_selection = bool(self.document.selection.refs())
        for action in self.actions_.selection_actions:
            action.setEnabled(has_selection)
        self.actions_.connect.setEnabled(len(self.document.selection.ids("touchpoint")) >= 2)
        self.actions_.revert.setEnabled(self.document.path is not None and self.document.is_modified())

    # ------------------------------------------------------------------ action helpers
    def canvas_call(self, method: Callable[[JourneyEditor], object]) -> Callable[[], None]:
        """A slot that calls `method` on the canvas editor (whichever document is current)."""
        def call() -> None:
            if self.editor is not None:
                method(self.editor)
        return call

    def view_call(self, name: str) -> Callable[[], None]:
        """A slot that calls the view's method `name`."""
        return lambda: getattr(self.view, name)()

    def document_call(self, dotted: str) -> Callable[[], None]:
        """A slot that calls `document.<dotted>()` on the current document."""
        def call() -> None:
            target: object = self.document
            for part in dotted.split("."):
                target = getattr(target, part)
            target()  # type: ignore[operator]
        return call

    def select_all_touchpoints(self) -> None:
        """Select every touchpoint of the map."""
        self.document.selection.set(Ref.touchpoint(t) for t in self.document.journey.touchpoint_ids())

    def connect_selected(self) -> None:
        """Link the selected touchpoints with flows in selection order, as one undo step."""
        journey, stack = self.document.journey, self.document.undo_stack
        ids = self.document.selection.ids("touchpoint")
        pairs = [(a, b) for a, b in zip(ids, ids[1:], strict=False) if not journey.has_flow(a, b)]
        if not pairs:
            self.statusBar().showMessage("Select two or more touchpoints that are not yet connected", 5000)
            return
        refused = no_room(journey, "Not connected", flows=len(pairs))
        if refused:
            self.statusBar().showMessage(refused, 8000)
            return
        if len(pairs) == 1:
            stack.push(AddFlowCommand(journey, *pairs[0]))
            return
        stack.beginMacro(f"Connect {len(pairs) + 1} touchpoints")
        for a, b in pairs:
            stack.push(AddFlowCommand(journey, a, b))
        stack.endMacro()

    def add_lane(self, label: str) -> None:
        """Add the lane of a palette template at the bottom of the map (Enter in the palette, Insert ▸ Lane)."""
        if self.editor is not None:
            self.editor.lanes.add_from_template(label)

    def set_heatmap(self, on: bool) -> None:
        """Shade the map by friction and mark the channel switches that hurt (a view option, not an edit)."""
        self.insights_panel.live.set_wanted("heat map", on)  # the insights it shades by
        self.heatmap.set_enabled(on)
        if on:
            self.statusBar().showMessage("Heat map: the stronger the tint, the more friction; "
                                         "hatched cards are not rated; ⇄ marks a channel switch the customer "
                                         "feels", 8000)

    def present(self) -> None:
        """View ▸ Present (F5): the map for the room, full screen, one stage at a time."""
        if self.presenter is None:
            self.presenter = PresenterView(self.document, save=self.files.save, parent=self)
            self.presenter.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.presenter.closed.connect(self._presenter_closed)
        self.presenter.present(self.screen())

    def leave_presenter(self) -> None:
        """Close the presenter view, if one is shown."""
        if self.presenter is not None:
            self.presenter.close()

    def _presenter_closed(self) -> None:
        self.presenter = None
        self.activateWindow()
        self.view.setFocus()

    def export_pdf(self) -> None:
        """File ▸ Export PDF…"""
        export_pdf_from(self, self.interop_dialogs)

    def import_file(self) -> None:
        """File ▸ Import… (Mermaid or CSV, opened as a new unsaved journey)."""
        import_into(self, self.interop_dialogs)

    def focus_structure(self) -> None:
        """Show the structure dock and give it the keyboard focus."""
        self.structure_dock.show()
        self.structure_dock.raise_()
        self.structure.setFocus()

    def focus_inspector(self) -> None:
        """Show the inspector dock and focus its first field."""
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        for child in self.inspector.current_page().findChildren(QWidget):
            if child.isVisible() and child.isEnabled() and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
                child.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    def _reveal_selection(self) -> None:
        reveal = getattr(self.view, "reveal_selection", None)
        if reveal is not None:
            reveal()

    def fill_recent_menu(self) -> None:
        """Rebuild File ▸ Open Recent (files that no longer exist are dropped)."""
        menu = self.actions_.recent_menu
        menu.clear()
        recent = self.files.recent_files()
        for number, path in enumerate(recent, start=1):
            prefix = f"&{number} " if number < 10 else ""
            action = menu.addAction(f"{prefix}{path.name}  —  {path.parent}")
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.files.open_path(p))
        if not recent:
            menu.addAction("No recent files").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Clear Menu", self.files.clear_recent).setEnabled(bool(recent))

    def show_shortcuts(self) -> None:
        """A dialog listing the keyboard shortcuts and canvas gestures."""
        rows = []
        for action in self.actions_.all_actions():
            keys = action.shortcut().toString()
            if keys:
                rows.append(f"<tr><td>{action.text().replace('&', '')}</td><td><b>{keys}</b></td></tr>")
        rows += [f"<tr><td>{what}</td><td><b>{how}</b></td></tr>" for how, what in CANVAS_GESTURES]
        QMessageBox.information(self, "Keyboard and mouse", f"<table cellpadding=3>{''.join(rows)}</table>")

    def show_about(self) -> None:
        """The About box."""
        QMessageBox.about(
            self,
            "About journeymap",
            f"<h3>journeymap {__version__}</h3><p>Customer journey maps on your desktop: stages, "
            "touchpoints, emotion, friction and channels, in plain YAML files.</p><p>MIT licence.</p>",
        )

    # ------------------------------------------------------------------ window life
    def restore_layout(self) -> None:
        """Restore the window geometry and dock layout saved by the last session."""
        settings = app_settings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, _STATE_VERSION)

    def save_layout(self) -> None:
        """Remember the window geometry and dock layout."""
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(_STATE_VERSION))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_layout()
        self.leave_presenter()
        if self.editor is not None:
            self.editor.detach()
        if self.scene is not None:
            self.scene.detach()
        self.inspector.set_document(None)
        self.structure.set_document(None)
        self.insights_panel.set_document(None)
        self.heatmap.set_scene(None)
        self.document.journey.unsubscribe(self._on_journey_event)
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if journey_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = journey_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, self, lambda: self.open_dropped(paths[0]))

    def open_dropped(self, path: Path) -> bool:
        """Open a file dropped on the window (asks about unsaved changes first)."""
        return self.files.open_path(path)
