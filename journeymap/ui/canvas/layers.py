"""Groups of scene items under empty parents, so a big map has few top-level items.

After every batch of item changes Qt's scene walks all its top-level items to find
the changed ones (its dirty-item pass); on a 5,000-touchpoint map that is over ten
thousand cards and flows, a millisecond or more per mouse move of a drag, however few
items moved. Parented in groups of `GROUP_SIZE`, the pass visits a few hundred
groups and looks inside only the groups where something changed.

A group is an empty item at the scene origin without transform, so its items' own
positions are scene positions. Items of one group stack by their z-values as before;
the groups of one kind share the kind's z-value (cards above flows).
"""

from __future__ import annotations

from PySide6.QtGui import QPen
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene

GROUP_SIZE = 32


def _group(z: float) -> QGraphicsRectItem:
    # A plain Qt item (no Python overrides to call back into), empty and drawing nothing.
    group = QGraphicsRectItem()
    group.setPen(QPen(Qt.PenStyle.NoPen))
    group.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
    group.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    group.setZValue(z)
    return group


class ItemLayers:
    """The groups of one kind of item (cards or flows) on one scene, all at z-value `z`."""

    def __init__(self, scene: QGraphicsScene, z: float) -> None:
        self.scene = scene
        self.z = z
        self._counts: dict[QGraphicsRectItem, int] = {}
        self._open: list[QGraphicsRectItem] = []  # groups with room

    def add(self, item: QGraphicsItem) -> None:
        """Put `item` on the scene, in a group with room."""
        if not self._open:
            group = _group(self.z)
            self.scene.addItem(group)
            self._counts[group] = 0
            self._open.append(group)
        group = self._open[-1]
        item.setParentItem(group)
        self._counts[group] += 1
        if self._counts[group] >= GROUP_SIZE:
            self._open.pop()

    def remove(self, item: QGraphicsItem) -> None:
        """Take `item` off the scene (its group goes too when it was the last one)."""
        group = item.parentItem()
        self.scene.removeItem(item)
        if not isinstance(group, QGraphicsRectItem) or group not in self._counts:
            return
        self._counts[group] -= 1
        if self._counts[group] == 0:
            del self._counts[group]
            if group in self._open:
                self._open.remove(group)
            self.scene.removeItem(group)
        elif self._counts[group] == GROUP_SIZE - 1:
            self._open.append(group)

    def lift(self, item: QGraphicsItem, on: bool) -> None:
        """Stack `item`'s group above the other groups of its kind (a card being dragged
        stacks above every other card, not only those of its own group) or back."""
        group = item.parentItem()
        if group is not None and group in self._counts:
            group.setZValue(self.z + 1 if on else self.z)
