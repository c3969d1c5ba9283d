"""The metrics editor: CSAT, CES, NPS, Drop-off with their ranges, plus custom name/value rows."""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymap.model import METRICS
from journeymap.model.entities import clean_metric_name, clean_metric_value
from journeymap.ui.inspector.base import tool_button, with_side_buttons
from journeymap.ui.inspector.editors import LineField, UndoRedoPassThrough, label_for

_INTEGER = re.compile(r"[+-]?\d+\Z")

#: What each known metric's row says next to the field (CES: which way is better).
RANGE_HINTS = {
    "csat": "1–5, higher = happier",
    "ces": "1–7, higher = easier",
    "nps": "−100 to 100",
    "drop_off": "0–1, share who leave",
}


def parse_number(text: str) -> float | int | None:
    """A typed number ('4', '4.5', '4,5', '−20'), None for empty; ValueError otherwise."""
    clean = text.strip().replace("−", "-").replace(",", ".")
    if not clean:
        return None
    if _INTEGER.match(clean):
        return int(clean)
    try:
        return float(clean)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a number") from None


def format_number(value: float) -> str:
    """A metric value as the user would type it."""
    return f"{value:g}"


class MetricsEditor(QWidget):
    """Edits a touchpoint's metrics; each edit emits `edited(metrics, session)`.

    `invalid(message)` reports a value the model would refuse (nothing is emitted then);
    `invalid("")` means the error is gone.
    """

    edited = Signal(dict, object)
    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._metrics: dict[str, float] = {}
        self._loading = False
        self.fields: dict[str, LineField] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        for row, (key, spec) in enumerate(METRICS.items()):
            field = LineField(self)
            field.setPlaceholderText("–")
            field.setMaximumWidth(80)
            label_for(field, spec.label, spec.hint)
            field.edited.connect(lambda text, key=key: self._on_known_edited(key, text))
            name = QLabel(spec.label, self)
            name.setToolTip(spec.hint)
            name.setBuddy(field)
            hint = QLabel(RANGE_HINTS[key], self)
            hint.setToolTip(spec.hint)
            hint.setEnabled(False)  # drawn in the muted text colour
            grid.addWidget(name, row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(hint, row, 2)
            self.fields[key] = field
        grid.setColumnStretch(2, 1)

        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Custom metric", "Value"])
        self.table.setAccessibleName("Custom metrics")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.installEventFilter(UndoRedoPassThrough(self))
        self.table.itemChanged.connect(self._on_table_changed)
        self.add_button = tool_button(self, "+", "Add custom metric", self.add_row)
        self.remove_button = tool_button(self, "−", "Remove custom metric", self.remove_row)
        custom = with_side_buttons(self.table, [self.add_button, self.remove_button])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(custom)
        self._fit_table()

    # ------------------------------------------------------------------ model side
    def new_session(self) -> None:
        """The next edit starts a new undo step in every field."""
        for field in self.fields.values():
            field.new_session()

    def show_value(self, metrics: Mapping[str, float]) -> None:
        """Show the model's metrics without touching a field that already says its value."""
        self._metrics = dict(metrics)
        for key, field in self.fields.items():
            value = metrics.get(key)
            try:
                shown = parse_number(field.text())
            except ValueError:
                shown = None if value is not None else 0  # force a refresh
            if shown != value or (value is None and field.text().strip()):
                cursor = field.cursorPosition()
                field.setText("" if value is None else format_number(value))
                field.setCursorPosition(min(cursor, len(field.text())))
            field.set_error(None)
        custom = [(k, v) for k, v in metrics.items() if k not in METRICS]
        if custom != self._table_rows(strict=False):
            self._loading = True
            try:
                self.table.setRowCount(0)
                for name, value in custom:
                    self._append_row(name, format_number(value))
            finally:
                self._loading = False
            self._fit_table()

    def _append_row(self, name: str, value: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        value_item = QTableWidgetItem(value)
        value_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, 1, value_item)

    # ------------------------------------------------------------------ user side
    def _on_known_edited(self, key: str, text: str) -> None:
        field = self.fields[key]
        metrics = dict(self._metrics)
        try:
            value = parse_number(text)
            if value is None:
                metrics.pop(key, None)
            else:
                metrics[key] = clean_metric_value(key, value)
        except ValueError as err:
            field.set_error(str(err))
            self.invalid.emit(str(err))
            return
        field.set_error(None)
        self.invalid.emit("")
        self._emit(metrics, ("metric", key, field.session))

    def add_row(self) -> None:
        """Add an empty custom row and start editing its name."""
        self._loading = True
        try:
            self._append_row("", "")
        finally:
            self._loading = False
        self._fit_table()
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        name_item = self.table.item(row, 0)
        if name_item is not None:
            self.table.editItem(name_item)

    def remove_row(self) -> None:
        """Remove the current custom row."""
        row = self.table.currentRow()
        if row < 0:
            return
        self._loading = True
        try:
            self.table.removeRow(row)
        finally:
            self._loading = False
        self._fit_table()
        self._on_table_changed(None)

    def _table_rows(self, strict: bool = True) -> list[tuple[str, float]]:
        rows: list[tuple[str, float]] = []
        seen: set[str] = set()
        for row in range(self.table.rowCount()):
            name_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            name_text = name_item.text() if name_item else ""
            value_text = value_item.text() if value_item else ""
            if not name_text.strip() and not value_text.strip():
                continue
            try:
                name = clean_metric_name(name_text)
                if name in METRICS:
                    raise ValueError(f"{METRICS[name].label} has its own field above")
                if name in seen:
                    raise ValueError(f"metric {name!r} appears twice")
                value = parse_number(value_text)
                if value is None:
                    continue  # a name without a value yet
                rows.append((name, clean_metric_value(name, value)))
                seen.add(name)
            except ValueError:
                if strict:
                    raise
        return rows

    def _on_table_changed(self, _item: QTableWidgetItem | None) -> None:
        if self._loading:
            return
        try:
            rows = self._table_rows()
        except ValueError as err:
            self.invalid.emit(str(err))
            return
        self.invalid.emit("")
        metrics = {k: v for k, v in self._metrics.items() if k in METRICS}
        metrics.update(rows)
        self._emit(metrics, None)

    def _emit(self, metrics: dict[str, float], session: object) -> None:
        if metrics != self._metrics:
            self.edited.emit(metrics, session)

    def _fit_table(self) -> None:
        rows = max(1, min(self.table.rowCount(), 5))
        height = (
            self.table.horizontalHeader().sizeHint().height() + rows * self.table.verticalHeader().defaultSectionSize()
        )
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + 2)
