"""The main window's actions, menus and toolbar.

Standard keys come from `QKeySequence.StandardKey`, so they follow the platform.
Our own shortcuts:

    Ctrl+D          Duplicate the selected touchpoints
    Ctrl+T          Add a touchpoint after the selection
    Ctrl+Shift+T    Add a stage after the selected one
    Ctrl+L          Connect the selected touchpoints (in selection order) with flows
    F2              Rename the selected stage or touchpoint
    Ctrl+0          Fit the map in the window
    Ctrl+E          Export a PDF
    Ctrl+Shift+H    Show or hide the friction heat map
    Ctrl+1/2/3      Go to the map / the structure / the inspector
    F5              Present: the map one stage at a time, full screen (Esc leaves)
    Ctrl+Y          Redo, on every platform, besides the platform's own redo key (Ctrl+Shift+Z)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from journeymap.ui.canvas.journey_editor import JourneyEditor
from journeymap.ui.lane_templates import LANE_TEMPLATES
from journeymap.ui.persona_focus import PersonaPicker
from journeymap.ui.icons import action_icon

if TYPE_CHECKING:
    from journeymap.ui.main_window import MainWindow

Key = QKeySequence.StandardKey

#: Touchpoint canvas gestures listed in Help ▸ Keyboard and mouse (the canvas editor owns them).
CANVAS_GESTURES: tuple[tuple[str, str], ...] = (
    ("Enter on a touchpoint", "Add the next touchpoint after it, connected, and rename it"),
    ("Tab / Shift+Tab", "Move to the next / previous stage"),
    ("Left / Right arrows", "Nudge the selected touchpoint between slots and stages"),
    ("Up / Down arrows", "Move the selected touchpoint to the row (alternative path) above or below"),
    ("Double-click a name", "Rename in place (Enter commits, Esc cancels)"),
    ("Double-click empty stage space", "Add a touchpoint there"),
    ("Drag a card's handle onto a card", "Connect them with a flow"),
    ("Drag an emotion point", "Set the emotion (−2 … +2)"),
    ("Ctrl+wheel", "Zoom around the cursor"),
    ("Middle-drag or Space+drag", "Pan"),
)


def _redo_keys() -> list[QKeySequence]:
    """The platform's redo keys, plus Ctrl+Y and Ctrl+Shift+Z wherever the platform lacks one."""
    keys = list(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
    for extra in ("Ctrl+Y", "Ctrl+Shift+Z"):
        sequence = QKeySequence(extra)
        if sequence not in keys:
            keys.append(sequence)
    return keys


class WindowActions:
    """Creates every QAction of the window and puts them into menus and the toolbar."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w = window
        files, canvas, ed = w.files, w.canvas_call, JourneyEditor
        self.new = self._action("&New", files.new, Key.New, "new", "New journey from the buying-cycle template")
        self.new_blank = self._action("New &Blank Journey", lambda: files.new("blank"), None, None,
                                      "New journey without stages")
        self.new_blueprint = self._action("New Service B&lueprint", lambda: files.new("blueprint"), None, None,
                                          "New journey with the buying-cycle stages and the lanes of a service "
                                          "blueprint (doing, thinking, feeling, frontstage, backstage, support)")
        self.open = self._action("&Open…", files.open, Key.Open, "open", "Open a journey map")
        self.save = self._action("&Save", files.save, Key.Save, "save", "Save the journey map")
        self.save_as = self._action("Save &As…", files.save_as, Key.SaveAs, "save-as", "Save under a new name")
        self.revert = self._action("&Revert to Saved", files.revert, None, None, "Reload the file, losing changes")
        self.import_ = self._action("&Import…", w.import_file, None, None,
                                    "Open a Mermaid user journey or a CSV table as a new journey")
        self.export_pdf = self._action("&Export PDF…", w.export_pdf, "Ctrl+E", "export-pdf",
                                       "Export a print-ready PDF of the map")
        self.compare_with = self._action("Compare &With…", w.compare.compare_with, None, None,
                                         "Show what changed since another version: a file, or the last commit "
                                         "or any commit of the map's file in git")
        self.stop_comparing = self._action("Stop &Comparing", w.compare.stop, None, None,
                                           "Back to the plain map")
        self.stop_comparing.setEnabled(False)
        self.quit = self._action("&Quit", w.close, Key.Quit, None, "Quit journeymap")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo = w.undo_group.createUndoAction(w)
        self.undo.setShortcuts(QKeySequence.keyBindings(Key.Undo))
        self.undo.setIcon(action_icon("undo"))
        self.redo = w.undo_group.createRedoAction(w)
        self.redo.setShortcuts(_redo_keys())
        self.redo.setIcon(action_icon("redo"))
        self.cut = self._action("Cu&t", canvas(ed.cut), Key.Cut, "cut", "Cut the selected touchpoints")
        self.copy = self._action("&Copy", canvas(ed.copy), Key.Copy, "copy", "Copy the selected touchpoints")
        self.paste = self._action("&Paste", canvas(ed.paste), Key.Paste, "paste", "Paste touchpoints into the selected "
                                                                                  "stage")
        self.duplicate = self._action("D&uplicate", canvas(ed.duplicate), "Ctrl+D", "duplicate",
                                      "Duplicate the selected touchpoints")
        self.delete = self._action("&Delete", canvas(ed.delete_selection), Key.Delete, "delete", "Delete the selection")
        self.rename = self._action("Re&name", canvas(ed.rename_selected), "F2", None, "Rename the selected stage or "
                                                                                      "touchpoint")
        self.select_all = self._action("Select &All Touchpoints", w.select_all_touchpoints, Key.SelectAll, None,
                                       "Select every touchpoint")
        self.select_none = self._action("Select &None", w.document_call("selection.clear"), "Ctrl+Shift+A", None,
                                        "Clear the selection (shows the journey in the inspector)")

        self.add_stage = self._action("Add &Stage", canvas(ed.add_stage), "Ctrl+Shift+T", "add-stage",
                                      "Add a stage after the selected one")
        self.add_touchpoint = self._action("Add &Touchpoint", canvas(ed.add_touchpoint), "Ctrl+T", "add-touchpoint",
                                           "Add a touchpoint after the selection")
        self.connect = self._action("&Connect Selected Touchpoints", w.connect_selected, "Ctrl+L", "connect",
                                    "Link the selected touchpoints with flows, in selection order")

        self.zoom_in = self._action("Zoom &In", w.view_call("zoom_in"), Key.ZoomIn, "zoom-in", "Zoom in")
        self.zoom_out = self._action("Zoom &Out", w.view_call("zoom_out"), Key.ZoomOut, "zoom-out", "Zoom out")
        self.zoom_fit = self._action("&Fit Map", w.view_call("fit_map"), "Ctrl+0", "zoom-fit", "Fit the whole map in "
                                                                                               "the window")
        self.zoom_reset = self._action("&Actual Size", w.view_call("reset_zoom"), None, None, "Zoom to 100 %")
        self.focus_map = self._action(
            "Go to &Map", lambda: w.view.setFocus(), "Ctrl+1", None, "Move the keyboard focus to the map"
        )
        self.focus_structure = self._action("Go to &Structure", w.focus_structure, "Ctrl+2", None,
                                            "Move the keyboard focus to the structure tree")
        self.focus_inspector = self._action("Go to &Inspector", w.focus_inspector, "Ctrl+3", None,
                                            "Move the keyboard focus to the inspector")

        self.heatmap = self._action("&Heat Map", lambda: w.set_heatmap(self.heatmap.isChecked()), "Ctrl+Shift+H",
                                    "heatmap", "Shade the map by friction and mark channel switches that hurt")
        self.heatmap.setCheckable(True)
        self.present = self._action("&Present", w.present, "F5", None,
                                    "Show the map to the room: one stage at a time, full screen (Esc leaves)")
        self.show_insights = w.insights_dock.toggleViewAction()
        self.show_insights.setText("&Insights")
        self.show_insights.setIcon(action_icon("insights"))
        self.show_insights.setToolTip("Show the insights: hotspots, emotional lows, channel switches, warnings")

        self.shortcuts = self._action("&Keyboard and Mouse", w.show_shortcuts, Key.HelpContents, None,
                                      "Shortcuts and canvas gestures")
        self.about = self._action("&About journeymap", w.show_about, None, None, "About journeymap")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        self.selection_actions = [self.cut, self.copy, self.duplicate, self.delete, self.rename, self.select_none]
        self._build_menus()
        self._build_toolbar()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None,
        icon: str | None,
        tip: str,
    ) -> QAction:
        action = QAction(text, self.window)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setIcon(action_icon(icon))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new, self.new_blueprint, self.new_blank, self.open])
        self.recent_menu = QMenu("Open &Recent", self.window)
        self.recent_menu.aboutToShow.connect(self.window.fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save, self.save_as, self.revert])
        file_menu.addSeparator()
        file_menu.addActions([self.import_, self.export_pdf])
        file_menu.addSeparator()
        file_menu.addAction(self.compare_with)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.cut, self.copy, self.paste, self.duplicate, self.delete])
        edit.addSeparator()
        edit.addActions([self.rename, self.select_all, self.select_none])

        view = bar.addMenu("&View")
        view.addActions([self.zoom_in, self.zoom_out, self.zoom_fit, self.zoom_reset])
        view.addSeparator()
        view.addActions([self.focus_map, self.focus_structure, self.focus_inspector])
        view.addSeparator()
        view.addActions([self.heatmap, self.show_insights])
        view.addAction(self.stop_comparing)
        view.addSeparator()
        view.addAction(self.present)
        view.addSeparator()
        self.panels_menu = view.addMenu("&Panels")

        insert = bar.addMenu("&Insert")
        insert.addActions([self.add_stage, self.add_touchpoint, self.connect])
        self.lane_menu = insert.addMenu("&Lane")
        for lane in LANE_TEMPLATES:
            action = self.lane_menu.addAction(lane.label, partial(self.window.add_lane, lane.label))
            action.setStatusTip(lane.tip)

        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts, self.about])

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar", self.window)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.addActions([self.new, self.open, self.save])
        bar.addSeparator()
        bar.addActions([self.undo, self.redo])
        bar.addSeparator()
        bar.addActions([self.add_stage, self.add_touchpoint, self.connect, self.duplicate, self.delete])
        bar.addSeparator()
        bar.addActions([self.zoom_out, self.zoom_in, self.zoom_fit])
        bar.addSeparator()
        bar.addActions([self.heatmap, self.show_insights, self.export_pdf])
        bar.addSeparator()
        self.persona_picker = PersonaPicker(bar)
        bar.addWidget(self.persona_picker)
        self.toolbar = bar
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def all_actions(self) -> list[QAction]:
        """Every action with its shortcut, for the shortcuts dialog."""
        return [a for a in self.window.actions() if isinstance(a, QAction)]
