"""InlineEditor: rename a stage, touchpoint or flow label in place on the canvas."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QPainter, QTextCursor
from PySide6.QtWidgets import QGraphicsTextItem, QStyle, QStyleOptionGraphicsItem, QWidget

from journeymap.ui.canvas.painting import PaintContext

EDITOR_Z = 2000


class InlineEditor(QGraphicsTextItem):
    """A one-line text editor over a name: Enter commits, Esc cancels, Tab commits and
    hands Tab on (`on_commit(text, key)`, key is "enter", "tab", "backtab" or "focus").

    Losing focus commits too, so clicking elsewhere never throws typing away.
    """

    def __init__(
        self,
        ctx: PaintContext,
        text: str,
        rect: QRectF,
        size: float,
        on_commit: Callable[[str, str], None],
        on_cancel: Callable[[], None],
        dpi: float = 96.0,
        *,
        multiline: bool = False,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self._on_commit = on_commit
        self._on_cancel = on_cancel
        self.finished = False
        #: Several lines (one note per line): Shift+Enter starts a new line, `text()` keeps them.
        self.multiline = multiline
        font = QFont(ctx.family)
        font.setPointSizeF(size * 72.0 / dpi)
        self.setFont(font)
        self.setDefaultTextColor(ctx.colors.ink)
        self.setPlainText(text)
        self.setTextWidth(max(60.0, rect.width()))
        self.setPos(rect.topLeft())
        self.setZValue(EDITOR_Z)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.document().setDocumentMargin(3)

    def begin(self) -> None:
        """Take the keyboard focus with the whole text selected."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def text(self) -> str:
        """The text as typed: one line with breaks turned into spaces, or (multi-line) its
        lines, each with its spaces tidied, joined by newlines."""
        plain = self.toPlainText().replace("\u2028", "\n").replace("\u2029", "\n")
        if self.multiline:
            return "\n".join(" ".join(line.split()) for line in plain.split("\n"))
        return " ".join(plain.split())

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colors = self.ctx.colors
        painter.setPen(self.ctx.pen(colors.drop_indicator, 1.5))
        painter.setBrush(colors.editor_fill)
        painter.drawRoundedRect(self.boundingRect(), 3, 3)
        plain = QStyleOptionGraphicsItem(option)
        # without these states Qt skips its dashed focus frame; ours is drawn above
        plain.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)
        super().paint(painter, plain, widget)  # type: ignore[arg-type]  # Qt accepts no widget

    def sceneEvent(self, event: QEvent) -> bool:
        # QGraphicsTextItem types Tab into the text before keyPressEvent sees it.
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            self.keyPressEvent(event)
            return True
        return super().sceneEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and shift and self.multiline:
            self.textCursor().insertText("\n")
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not shift:
            self.finish("enter")
        elif key == Qt.Key.Key_Escape:
            self.finish(None)
        elif key == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.finish("tab")
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.finish("backtab")
        else:
            super().keyPressEvent(event)
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self.finished and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish("focus")

    def finish(self, how: str | None) -> None:
        """Commit (`how` names the key) or cancel (None), then go away."""
        if self.finished:
            return
        self.finished = True
        text = self.text()
        self.clearFocus()
        self.hide()
        scene = self.scene()
        if scene is not None:
            # Removing the item drops every focus reference the scene keeps to it (a hidden
            # item can otherwise get the focus back); the object itself must outlive the
            # event being handled, so it is kept until the next turn of the event loop.
            scene.removeItem(self)
            _retired.append(self)
            QTimer.singleShot(0, _retired.clear)
        if how is None:
            self._on_cancel()
        else:
            self._on_commit(text, how)


_retired: list[InlineEditor] = []
