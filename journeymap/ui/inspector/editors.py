"""Small text editors the inspector pages are made of.

Each editor reports user edits only (never its own `show_value`), carries an edit
`session` that changes whenever the user starts a new edit (focus in, Enter, a new
target), and never resets text that already says what the model holds — so the model
echoing a keystroke back does not move the user's cursor. Each refuses text past the
model's text limit as it is typed, pasted or dropped, and says so with `refused(message)`.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from journeymap.model import normalise_text
from journeymap.ui.limits import TOO_LONG, limit_length, would_pass

_sessions = itertools.count(1)

_ERROR_STYLE = "border: 1px solid #C0392B; border-radius: 2px;"


def new_session() -> int:
    """A fresh edit-session token."""
    return next(_sessions)


def is_undo_or_redo(event: QEvent) -> bool:
    """True for a shortcut-override key event that asks for Undo or Redo."""
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    return event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)


def same_text(shown: str, value: str) -> bool:
    """True when the text on screen already means `value` to the model."""
    try:
        return normalise_text(shown) == value
    except ValueError:
        return False


class _ErrorMixin:
    """Shows a validation message as a red frame and tooltip on the editor."""

    def set_error(self, message: str | None) -> None:
        """Show `message` on the editor, or clear the error with None."""
        widget: QWidget = self  # type: ignore[assignment]
        widget.setStyleSheet(_ERROR_STYLE if message else "")
        widget.setToolTip(message or widget.property("baseToolTip") or "")


class LineField(_ErrorMixin, QLineEdit):
    """A one-line text editor for a model field; typing emits `edited(text)`.

    Undo and Redo go to the document's undo stack (the window's actions), not to the
    line edit's own history, so there is one history for everything.
    """

    edited = Signal(str)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = new_session()
        limit_length(self).refused.connect(self.refused)
        self.textEdited.connect(self.edited)
        self.editingFinished.connect(self.new_session)

    def new_session(self) -> None:
        """The next keystroke starts a new undo step."""
        self.session = new_session()

    def show_value(self, value: str) -> None:
        """Show the model's value unless the text already says it (keeps the cursor)."""
        if same_text(self.text(), value):
            return
        cursor = self.cursorPosition()
        self.setText(value)
        self.setCursorPosition(min(cursor, len(value)) if self.hasFocus() else 0)
        self.set_error(None)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.new_session()
        super().focusInEvent(event)

    def event(self, event: QEvent) -> bool:
        if is_undo_or_redo(event):
            event.ignore()
            return True
        return super().event(event)


class TextArea(_ErrorMixin, QPlainTextEdit):
    """A multi-line text editor for descriptions; typing emits `edited(text)`. Tab leaves it."""

    edited = Signal(str)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None, lines: int = 4) -> None:
        super().__init__(parent)
        self.session = new_session()
        self._loading = False
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self.textChanged.connect(self._on_text_changed)

    def new_session(self) -> None:
        """The next keystroke starts a new undo step."""
        self.session = new_session()

    def value(self) -> str:
        """The text as typed."""
        return self.toPlainText()

    def show_value(self, value: str) -> None:
        """Show the model's value unless the text already says it (keeps the cursor)."""
        if same_text(self.toPlainText(), value):
            return
        position = self.textCursor().position()
        self._loading = True
        try:
            self.setPlainText(value)
        finally:
            self._loading = False
        if self.hasFocus():
            cursor = self.textCursor()
            cursor.setPosition(min(position, len(value)))
            self.setTextCursor(cursor)
        self.set_error(None)

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.edited.emit(self.toPlainText())

    def _would_pass(self, inserted: int) -> bool:
        return would_pass(len(self.toPlainText()), len(self.textCursor().selectedText()), inserted)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override: paste and drop)
        if source.hasText() and self._would_pass(len(source.text())):
            self.refused.emit(TOO_LONG)
            return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = event.text()
        if (typed and event.key() not in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier and self._would_pass(len(typed))):
            self.refused.emit(TOO_LONG)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.new_session()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.new_session()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if is_undo_or_redo(event):
            event.ignore()
            return True
        return super().event(event)


class UndoRedoPassThrough(QObject):
    """Event filter that lets Undo/Redo shortcuts reach the window from any editor it watches."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if is_undo_or_redo(event):
            event.ignore()
            return True
        return super().eventFilter(watched, event)


def label_for(widget: QWidget, text: str, tooltip: str = "") -> None:
    """Give an editor its accessible name and a base tooltip that errors fall back to."""
    widget.setAccessibleName(text)
    if tooltip:
        widget.setToolTip(tooltip)
        widget.setProperty("baseToolTip", tooltip)


__all__ = [
    "LineField",
    "TextArea",
    "UndoRedoPassThrough",
    "is_undo_or_redo",
    "label_for",
    "new_session",
    "same_text",
]
