"""The Compare panel: every touchpoint that differs from the other version, and the removed ones.

It follows the scene's compare view (`JourneyScene.comparison`, recomputed after each
edit). Clicking a change selects its touchpoint and centres the map on it; a removed
touchpoint is only listed (it is not on this map). The panel never edits anything.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from journeymap.ui.canvas.scene import JourneyScene
from journeymap.ui.selection import Ref
from journeymap.versions.compare import ChangeEntry, change_entries

KIND_WORDS = {"new": "New", "changed": "Changed", "moved": "Moved", "removed": "Removed"}
_ID = Qt.ItemDataRole.UserRole


class ComparePanel(QWidget):
    """A tree: one row per changed touchpoint (its field changes below it), then the removed ones.

    `centre_requested(Ref)` asks the window to centre the map on a clicked change.
    """

    centre_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene: JourneyScene | None = None
        self.summary = QLabel("Not comparing. File ▸ Compare With… shows what changed since another version.")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Touchpoint", "Change"])
        self.tree.setAccessibleName("Changes since the other version")
        self.tree.setColumnWidth(0, 190)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)

    def set_scene(self, scene: JourneyScene | None) -> None:
        """Follow the compare view of `scene` (None: of nothing)."""
        if self.scene is not None:
            self.scene.comparison_changed.disconnect(self.refresh)
        self.scene = scene
        if scene is not None:
            scene.comparison_changed.connect(self.refresh)
        self.refresh()

    def entries(self) -> list[ChangeEntry]:
        """The changes listed now (empty when not comparing)."""
        scene = self.scene
        if scene is None or scene.comparison is None:
            return []
        return change_entries(scene.comparison, scene.journey)

    def refresh(self) -> None:
        """Rebuild the list from the scene's comparison."""
        scene = self.scene
        self.tree.clear()
        if scene is None or scene.comparison is None:
            self.summary.setText("Not comparing. File ▸ Compare With… shows what changed since another version.")
            return
        entries = self.entries()
        changed = [e for e in entries if e.kind != "removed"]
        removed = [e for e in entries if e.kind == "removed"]
        label = scene.comparison.label or "the other version"
        self.summary.setText(f"Compared with {label}: {len(changed)} touchpoints changed or new, "
                             f"{len(removed)} removed. Click a change to select it.")
        for entry in changed:
            self._add(self.tree.invisibleRootItem(), entry)
        if removed:
            group = QTreeWidgetItem(self.tree, [f"Removed ({len(removed)})", ""])
            group.setFirstColumnSpanned(True)
            for entry in removed:
                self._add(group, entry)
            group.setExpanded(True)

    def _add(self, parent: QTreeWidgetItem, entry: ChangeEntry) -> None:
        item = QTreeWidgetItem(parent, [entry.name, KIND_WORDS[entry.kind]])
        item.setToolTip(0, f"{entry.name} ({entry.stage})")
        item.setData(0, _ID, entry.id)
        for line in entry.details:
            child = QTreeWidgetItem(item, [line, ""])
            child.setToolTip(0, line)
            child.setData(0, _ID, entry.id)
            child.setFirstColumnSpanned(True)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        tp_id = item.data(0, _ID)
        scene = self.scene
        if not tp_id or scene is None or not scene.journey.has_touchpoint(tp_id):
            return
        ref = Ref.touchpoint(tp_id)
        scene.document.selection.set([ref])
        self.centre_requested.emit(ref)
