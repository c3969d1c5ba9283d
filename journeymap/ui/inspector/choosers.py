"""Choosers for fields with a vocabulary: emotion and friction scales, channel, evidence."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QIcon, QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from journeymap.model import CHANNELS, EVIDENCE_LEVELS, normalise_text
from journeymap.ui.icons import channel_icon
from journeymap.ui.inspector.editors import UndoRedoPassThrough
from journeymap.ui.limits import limit_length

_NOT_RATED = 99  # button-group id of "Not rated"
_OFFSET = 10  # QButtonGroup treats id -1 as "assign one", so values -2..4 are stored shifted


# The checked rating must stand out in every style, light or dark.
_SCALE_STYLE = """
QToolButton { border: 1px solid palette(mid); border-radius: 4px; padding: 2px 1px;
              background: palette(button); }
QToolButton:hover { border-color: palette(highlight); }
QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);
                      border-color: palette(highlight); font-weight: bold; }
QToolButton:focus { border: 2px solid palette(highlight); }
"""


def _id(value: int | None) -> int:
    return _NOT_RATED if value is None else value + _OFFSET


class ScalePicker(QWidget):
    """Exclusive buttons for a rating scale plus "Not rated"; a click emits `picked(value)`.

    `picked` carries an int from the scale, or None for not rated.
    """

    picked = Signal(object)

    def __init__(
        self,
        what: str,
        labels: Mapping[int, str],
        *,
        short: Callable[[int, str], str] = lambda value, label: label,
        icon: Callable[[int | None], QIcon] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.what = what
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(2)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        entries: list[tuple[int | None, str, str]] = [(v, short(v, t), t) for v, t in labels.items()]
        entries.append((None, "Not\nrated", "Not rated"))
        for column, (value, text, full) in enumerate(entries):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setText(text)
            button.setFont(small)
            button.setToolTip(f"{what}: {full}")
            button.setAccessibleName(f"{what}: {full}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            if icon is not None:
                button.setIcon(icon(value))
                button.setIconSize(QSize(22, 22))
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            self.group.addButton(button, _id(value))
            layout.addWidget(button, 0, column)
        self.group.idClicked.connect(self._on_clicked)
        self.setStyleSheet(_SCALE_STYLE)

    def button(self, value: int | None) -> QToolButton:
        """The button of a value (None = not rated)."""
        return self.group.button(_id(value))  # type: ignore[return-value]

    def value(self) -> int | None:
        """The checked value."""
        checked = self.group.checkedId()
        return None if checked in (_NOT_RATED, -1) else checked - _OFFSET

    def show_value(self, value: int | None) -> None:
        """Check the button of the model's value."""
        self.button(value).setChecked(True)

    def _on_clicked(self, button_id: int) -> None:
        self.picked.emit(None if button_id == _NOT_RATED else button_id - _OFFSET)


def index_of_data(combo: QComboBox, data: object) -> int:
    """The first item whose data equals `data` (None included), or -1."""
    for index in range(combo.count()):
        if combo.itemData(index) == data:
            return index
    return -1


def two_lines(label: str) -> str:
    """'Very negative' -> 'Very\\nnegative', so scale buttons stay narrow."""
    return label.replace(" ", "\n", 1) if " " in label else label + "\n"


class ChannelCombo(QComboBox):
    """Channel chooser: the known channels with their icons, or any custom text typed in.

    Emits `picked(value)` with a channel id, custom text, or None for no channel.
    """

    picked = Signal(object)
    refused = Signal(str)
    NO_CHANNEL = "No channel"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(len(CHANNELS) + 2)
        self.addItem(self.NO_CHANNEL, None)
        for channel, label in CHANNELS.items():
            self.addItem(channel_icon(channel), label, channel)
        line = self.text_field()
        line.setPlaceholderText("Choose or type a channel")
        limit_length(line).refused.connect(self.refused)
        line.installEventFilter(UndoRedoPassThrough(self))
        line.installEventFilter(self)
        # A click anywhere on the field lists the channels; typing filters that list and
        # stays in the field (a combo's own popup would take the keys).
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(self.maxVisibleItems())
        self.setCompleter(completer)
        self.activated.connect(self._on_activated)
        line.editingFinished.connect(self._on_text_committed)

    def show_choices(self) -> None:
        """Open the list of every channel under the field, leaving the typing in the field."""
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if completer is not None and popup is not None and not popup.isVisible():
            completer.setCompletionPrefix("")
            completer.complete()
            # after the click has placed the cursor: what is typed next replaces the channel
            QTimer.singleShot(0, self.text_field().selectAll)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonPress
                and isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.LeftButton):
            self.show_choices()
        return super().eventFilter(watched, event)

    def text_field(self) -> QLineEdit:
        """The line edit the user types a custom channel into."""
        line = self.lineEdit()
        assert line is not None, "the channel combo is editable"
        return line

    @staticmethod
    def value_of(text: str) -> str | None:
        """The channel a typed text means: a known id (by name or id), custom text, or None."""
        try:
            clean = normalise_text(text)
        except ValueError:
            return None
        folded = clean.casefold()
        if not clean or folded == ChannelCombo.NO_CHANNEL.casefold():
            return None
        for channel, label in CHANNELS.items():
            if folded in (channel, label.casefold()):
                return channel
        return clean

    def show_value(self, channel: str | None) -> None:
        """Show the model's channel (a custom one as its text)."""
        if self.text_field().hasFocus() and self.value_of(self.currentText()) == channel:
            return
        index = index_of_data(self, channel) if channel is None or channel in CHANNELS else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(channel or "")

    def _on_activated(self, index: int) -> None:
        self.picked.emit(self.itemData(index))

    def _on_text_committed(self) -> None:
        self.picked.emit(self.value_of(self.currentText()))


class EvidenceCombo(QComboBox):
    """Evidence level chooser including "Not stated"; emits `picked(level or None)`."""

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("Not stated", None)
        for level, label in EVIDENCE_LEVELS.items():
            self.addItem(label, level)
        self.setItemData(1, "Nobody has checked it yet (drawn with a dashed outline)", Qt.ItemDataRole.ToolTipRole)
        self.activated.connect(lambda index: self.picked.emit(self.itemData(index)))

    def show_value(self, level: str | None) -> None:
        """Select the model's level."""
        self.setCurrentIndex(max(0, index_of_data(self, level)))
