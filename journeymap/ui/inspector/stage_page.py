"""The inspector page for one stage: name, description and header colour."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QHBoxLayout, QPushButton, QWidget

from journeymap.ui.inspector.base import Page
from journeymap.ui.inspector.editors import LineField, TextArea, label_for

if TYPE_CHECKING:
    from journeymap.ui.inspector.inspector import Inspector

ColorChooser = Callable[[QColor, QWidget], QColor]


def ask_color(initial: QColor, parent: QWidget) -> QColor:
    """Ask for a stage colour with the standard colour dialog (invalid colour = cancelled)."""
    return QColorDialog.getColor(initial, parent, "Stage colour")


class StagePage(Page):
    """Name, description and colour (a chosen one or "automatic") of one stage."""

    title = "Stage"

    def __init__(self, inspector: Inspector, choose_color: ColorChooser = ask_color) -> None:
        super().__init__(inspector)
        self.choose_color = choose_color
        self.name = LineField(self)
        label_for(self.name, "Name")
        self.name.edited.connect(lambda text: self._push("name", text, self.name))
        self.add_row("Name", self.name)

        self.description = TextArea(self, lines=4)
        self.description.edited.connect(lambda text: self._push("description", text, self.description))
        self.add_row("Description", self.description, stacked=True)

        self.color_button = QPushButton(self)
        self.color_button.setAccessibleName("Stage colour")
        self.color_button.setToolTip("Choose the colour of the stage header")
        self.color_button.clicked.connect(self.pick_color)
        self.auto_button = QPushButton("Automatic", self)
        self.auto_button.setAccessibleName("Use the automatic stage colour")
        self.auto_button.setToolTip("Let journeymap pick the header colour")
        self.auto_button.clicked.connect(lambda: self.push("stage", "color", None))
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.color_button, 1)
        layout.addWidget(self.auto_button)
        self.add_row("Colour", row)
        self.color_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _push(self, field: str, text: str, editor: LineField | TextArea) -> None:
        self.push("stage", field, text, editor=editor, session=(field, editor.session))

    def pick_color(self) -> None:
        """Ask for a colour and set it (nothing happens when the dialog is cancelled)."""
        if self.target is None:
            return
        current = self.journey.stage(self.target).color
        chosen = self.choose_color(QColor(current or "#4C78A8"), self)
        if chosen.isValid():
            self.push("stage", "color", chosen.name(QColor.NameFormat.HexRgb).upper())

    def refresh(self, fields: frozenset[str] | None) -> None:
        if self.target is None or not self.journey.has_stage(self.target):
            return
        stage = self.journey.stage(self.target)
        count = len(self.journey.touchpoint_ids(stage.id))
        self.heading.setText(stage.name)
        self.subheading.setText(f"Stage {self.journey.stage_index(stage.id) + 1} · {count} "
                                f"touchpoint{'s' * (count != 1)}")
        if fields is None or "name" in fields:
            self.name.show_value(stage.name)
        if fields is None or "description" in fields:
            self.description.show_value(stage.description)
        if fields is None or "color" in fields:
            if stage.color:
                swatch = QPixmap(16, 16)
                swatch.fill(QColor(stage.color))
                self.color_button.setIcon(QIcon(swatch))
                self.color_button.setText(stage.color)
            else:
                self.color_button.setIcon(QIcon())
                self.color_button.setText("Automatic — choose…")
            self.auto_button.setEnabled(stage.color is not None)
