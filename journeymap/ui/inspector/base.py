"""What every inspector page shares: the form layout, headings, and the way edits are pushed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeymap.model import Journey

if TYPE_CHECKING:
    from journeymap.ui.inspector.inspector import Inspector


class Page(QWidget):
    """One page of the inspector (touchpoint, stage, journey, flow, several).

    Subclasses build their editors in `__init__`, show a target with `show_target`
    and update from the model in `refresh(fields)` (None = every field).
    """

    title = ""

    def __init__(self, inspector: Inspector) -> None:
        super().__init__()
        self.inspector = inspector
        self.target: str | None = None
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(10, 8, 10, 10)
        self.outer.setSpacing(6)
        self.heading = QLabel(self.title, self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subheading = QLabel(self)
        self.subheading.setEnabled(False)
        self.subheading.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #C0392B;")
        self.error.hide()
        self.outer.addWidget(self.heading)
        self.outer.addWidget(self.subheading)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.outer.addLayout(self.form)
        self.outer.addWidget(self.error)
        self.outer.addStretch(1)

    @property
    def journey(self) -> Journey:
        """The journey being edited."""
        return self.inspector.journey

    def add_row(self, label: str, widget: QWidget, *, stacked: bool = False) -> None:
        """Add a labelled editor; `stacked` puts the label above a wide editor."""
        caption = QLabel(f"&{label}" if "&" not in label else label, self)
        caption.setBuddy(widget)
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", ""))
        if stacked:
            self.form.addRow(caption)
            self.form.addRow(widget)
        else:
            self.form.addRow(caption, widget)

    def add_section(self, text: str) -> None:
        """A small bold heading between groups of fields."""
        label = QLabel(text, self)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 8, 0, 0)
        self.form.addRow(label)

    def show_error(self, message: str) -> None:
        """Show why an edit was not applied ('' hides it)."""
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def refuse(self, message: str) -> None:
        """An editor refused what was typed or pasted: say why here and in the status bar."""
        self.show_error(message)
        self.inspector.message.emit(message)

    def push(
        self, kind: str, field: str, value: Any, *, editor: Any = None, session: object = None, text: str | None = None
    ) -> None:
        """Push a field edit for this page's target through the inspector."""
        message = self.inspector.push_field(kind, self.target or "", field, value, session=session, text=text)
        if editor is not None and hasattr(editor, "set_error"):
            editor.set_error(message or None)
        self.show_error(message)

    def show_target(self, target: str | None) -> None:
        """Show another object (its id; None for the journey page)."""
        self.target = target
        self.show_error("")
        self.new_sessions()
        self.refresh(None)

    def new_sessions(self) -> None:
        """Every editor's next edit starts a new undo step."""
        for child in self.findChildren(QWidget):
            if hasattr(child, "new_session"):
                child.new_session()

    def refresh(self, fields: frozenset[str] | None) -> None:
        """Update editors from the model (only `fields`, or all)."""
        raise NotImplementedError


def tool_button(parent: QWidget, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
    """A small flat button (+, −, ↑, ↓) whose tooltip is also its screen-reader name."""
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setAutoRaise(True)
    button.clicked.connect(slot)
    return button


def with_side_buttons(widget: QWidget, buttons: list[QToolButton]) -> QHBoxLayout:
    """`widget` with a column of buttons on its right, top-aligned."""
    column = QVBoxLayout()
    for button in buttons:
        column.addWidget(button)
    column.addStretch(1)
    row = QHBoxLayout()
    row.addWidget(widget, 1)
    row.addLayout(column)
    return row
