"""An editable list of short texts: pain points, opportunities, goals, needs, frustrations."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from journeymap.model import normalise_text
from journeymap.ui.inspector.base import tool_button
from journeymap.ui.inspector.editors import is_undo_or_redo
from journeymap.ui.limits import limit_length


class _ListView(QListWidget):
    """Keeps Delete for removing an item here, and Undo/Redo for the window."""

    delete_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        if is_undo_or_redo(event):
            event.ignore()
            return True
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) and self.state() != QAbstractItemView.State.EditingState:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class _ItemDelegate(QStyledItemDelegate):
    """Edits a row in a framed line edit that says what to type (a new row is empty),
    held to the text limit (`refused` says when it refuses a paste)."""

    refused = Signal(str)

    def __init__(self, noun: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.noun = noun

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setFrame(True)
            editor.setPlaceholderText(f"New {self.noun}: type it, then Enter")
            limit_length(editor).refused.connect(self.refused)
        return editor


class TextListEditor(QWidget):
    """A list of texts with Add, Remove, Move up and Move down.

    Every change emits `changed(values, verb)` once, with the whole new list and a verb
    for the undo text ("Add", "Edit", "Remove", "Reorder"). Double-click or F2 edits an
    item; an item edited to nothing is removed.
    """

    changed = Signal(tuple, str)
    refused = Signal(str)

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self._values: tuple[str, ...] = ()
        self._loading = False
        self._adding: QListWidgetItem | None = None

        self.list = _ListView(self)
        self.list.setAccessibleName(noun.capitalize())
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.list.setWordWrap(True)
        delegate = _ItemDelegate(noun, self.list)
        delegate.refused.connect(self.refused)
        self.list.setItemDelegate(delegate)
        self.list.setAlternatingRowColors(True)
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.itemDelegate().closeEditor.connect(self._on_editor_closed)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.delete_pressed.connect(self.remove_current)

        self.add_button = tool_button(self, "+", f"Add {noun}", self.add_item)
        self.remove_button = tool_button(self, "−", f"Remove {noun}", self.remove_current)
        self.up_button = tool_button(self, "↑", f"Move {noun} up", lambda: self.move_current(-1))
        self.down_button = tool_button(self, "↓", f"Move {noun} down", lambda: self.move_current(1))

        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)
        layout.setAlignment(self.list, Qt.AlignmentFlag.AlignTop)
        self._fit_height()
        self._update_buttons()

    # ------------------------------------------------------------------ model side
    def values(self) -> tuple[str, ...]:
        """The texts as the model holds them."""
        return self._values

    def show_values(self, values: tuple[str, ...]) -> None:
        """Show the model's list, updating rows in place (an open item editor survives)."""
        if values == self._values:
            return
        self._values = tuple(values)
        self._adding = None
        self._loading = True
        try:
            while self.list.count() > len(values):
                self.list.takeItem(self.list.count() - 1)
            for row, text in enumerate(values):
                item = self.list.item(row)
                if item is None:
                    self.list.addItem(self._make_item(text))
                elif item.text() != text:
                    item.setText(text)
        finally:
            self._loading = False
        self._fit_height()
        self._update_buttons()

    def _make_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def _emit(self, values: tuple[str, ...], verb: str) -> None:
        if values != self._values:
            self.changed.emit(values, verb)

    # ------------------------------------------------------------------ user side
    def add_item(self) -> None:
        """Append an empty item and start editing it; it is added once it has text."""
        self._loading = True
        try:
            item = self._make_item("")
            # An empty row would be a few pixels high, its editor a blinking line: give
            # it a full line until it has text (see `_on_item_changed`).
            item.setSizeHint(QSize(0, self._row_height()))
            self.list.addItem(item)
        finally:
            self._loading = False
        self._adding = item
        self.list.setCurrentItem(item)
        self._fit_height()
        self.list.scrollToItem(item)
        self.list.editItem(item)

    def _row_height(self) -> int:
        return self.list.fontMetrics().lineSpacing() + 10

    def remove_current(self) -> None:
        """Remove the current item."""
        row = self.list.currentRow()
        if 0 <= row < len(self._values):
            self._emit(self._values[:row] + self._values[row + 1 :], "Remove")

    def move_current(self, step: int) -> None:
        """Move the current item up (-1) or down (+1)."""
        row = self.list.currentRow()
        target = row + step
        if not (0 <= row < len(self._values) and 0 <= target < len(self._values)):
            return
        values = list(self._values)
        values[row], values[target] = values[target], values[row]
        self._emit(tuple(values), "Reorder")
        self.list.setCurrentRow(target)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        row = self.list.row(item)
        try:
            text = normalise_text(item.text())
        except ValueError as err:  # never silently an empty text, which would remove the item
            self.refused.emit(str(err))
            values, self._values = self._values, ()
            self.show_values(values)  # the rows as the model holds them
            return
        if item is self._adding:
            self._adding = None
            self._loading = True
            item.setSizeHint(QSize())  # rows with text take the height their text needs
            self._loading = False
            if text:
                self._emit(self._values + (text,), "Add")
            else:
                self._drop_empty_new_item()
            return
        if not 0 <= row < len(self._values):
            return
        if not text:
            self._emit(self._values[:row] + self._values[row + 1 :], "Remove")
        else:
            self._emit(self._values[:row] + (text,) + self._values[row + 1 :], "Edit")

    def _on_editor_closed(self) -> None:
        if self._adding is not None and not self._adding.text().strip():
            self._adding = None
            self._drop_empty_new_item()

    def _drop_empty_new_item(self) -> None:
        self._loading = True
        try:
            for row in range(self.list.count() - 1, len(self._values) - 1, -1):
                self.list.takeItem(row)
        finally:
            self._loading = False
        self._fit_height()
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        valid = 0 <= row < len(self._values)
        self.remove_button.setEnabled(valid)
        self.up_button.setEnabled(valid and row > 0)
        self.down_button.setEnabled(valid and row < len(self._values) - 1)

    def _fit_height(self) -> None:
        rows = max(2, min(self.list.count() + 1, 6))
        height = self.list.fontMetrics().lineSpacing() + 6
        self.list.setFixedHeight(rows * height + 2 * self.list.frameWidth() + 4)

