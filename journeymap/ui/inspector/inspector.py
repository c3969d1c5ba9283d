"""The inspector: edits the fields of whatever is selected, through undo commands.

It shows one page at a time — a touchpoint, a stage, a flow, several objects, or the
journey when nothing is selected — follows the shared selection, and updates from the
model's change events, so undo, redo and canvas edits show up at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QWidget

from journeymap.model import Journey
from journeymap.model import events as ev
from journeymap.ui.commands.fields import (
    JourneyFieldCommand,
    PersonaFieldCommand,
    StageFieldCommand,
    TouchpointFieldCommand,
    check_value,
)
from journeymap.ui.document import Document
from journeymap.ui.inspector.base import Page
from journeymap.ui.inspector.journey_page import JourneyPage
from journeymap.ui.inspector.other_pages import FlowPage, SummaryPage
from journeymap.ui.inspector.stage_page import ColorChooser, StagePage, ask_color
from journeymap.ui.inspector.touchpoint_page import TouchpointPage

_COMMANDS = {
    "touchpoint": TouchpointFieldCommand,
    "stage": StageFieldCommand,
    "persona": PersonaFieldCommand,
}


class Inspector(QScrollArea):
    """The inspector dock's widget. Call `set_document` whenever the document is replaced."""

    #: Why an edit was refused, for the status bar ("Too long: a text holds at most …").
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, choose_color: ColorChooser = ask_color) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName("Inspector")
        self.document: Document | None = None
        self._journey: Journey | None = None
        self._epoch = 0
        self._pushing = False
        self.stack = QStackedWidget(self)
        self.touchpoint_page = TouchpointPage(self)
        self.stage_page = StagePage(self, choose_color)
        self.journey_page = JourneyPage(self)
        self.flow_page = FlowPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.journey_page, self.touchpoint_page, self.stage_page, self.flow_page, self.summary_page):
            self.stack.addWidget(page)
            for editor in page.findChildren(QWidget):
                if hasattr(editor, "refused"):  # the text editors: see journeymap.ui.limits
                    editor.refused.connect(page.refuse)
        self.setWidget(self.stack)
        self.setEnabled(False)

    @property
    def journey(self) -> Journey:
        """The journey of the current document."""
        assert self._journey is not None, "the inspector has no document"
        return self._journey

    def current_page(self) -> Page:
        """The page on show."""
        return self.stack.currentWidget()  # type: ignore[return-value]

    # ------------------------------------------------------------------ document wiring
    def set_document(self, document: Document | None) -> None:
        """Follow another document (None: show nothing); unsubscribes from the old one."""
        if self.document is not None:
            self.journey.unsubscribe(self._on_event)
            self.document.selection.changed.disconnect(self._follow_selection)
            self.document.persona_focus_changed.disconnect(self._on_focus_changed)
            self.document.undo_stack.indexChanged.disconnect(self._on_index_changed)
        self.document = document
        self._journey = document.journey if document is not None else None
        self.setEnabled(document is not None)
        if document is None:
            return
        document.journey.subscribe(self._on_event)
        self.journey_page.focus_picker.set_document(document)
        document.persona_focus_changed.connect(self._on_focus_changed)
        document.selection.changed.connect(self._follow_selection)
        document.undo_stack.indexChanged.connect(self._on_index_changed)
        self._follow_selection()

    def _on_focus_changed(self) -> None:
        if self.current_page() is self.touchpoint_page:
            self.touchpoint_page.refresh(frozenset({"emotion"}))

    def _follow_selection(self) -> None:
        assert self.document is not None
        refs = self.document.selection.refs()
        current = self.document.selection.current()
        if not refs:
            self._show(self.journey_page, None)
        elif current is not None and current.kind == "touchpoint" and self.journey.has_touchpoint(current.id):
            self._show(self.touchpoint_page, current.id)
        elif current is not None and current.kind == "stage" and self.journey.has_stage(current.id):
            self._show(self.stage_page, current.id)
        elif current is not None and current.kind == "flow" and self.journey.has_flow(*current.flow_ends):
            self._show(self.flow_page, current.id)
        else:
            self.stack.setCurrentWidget(self.summary_page)
            self.summary_page.show_refs(refs)

    def _show(self, page: Page, target: str | None) -> None:
        if self.stack.currentWidget() is page and page.target == target:
            page.refresh(None)
            return
        self.stack.setCurrentWidget(page)
        page.show_target(target)
        self.verticalScrollBar().setValue(0)

    def _on_index_changed(self) -> None:
        if not self._pushing:
            # Undo, redo or a canvas edit: typing after it must start a new step.
            self._epoch += 1
            self.current_page().new_sessions()

    def _on_event(self, event: ev.Event) -> None:
        page = self.current_page()
        target = page.target
        if page is self.touchpoint_page:
            if isinstance(event, ev.TouchpointChanged) and event.id == target:
                page.refresh(event.fields)
            elif isinstance(event, ev.TouchpointChanged) and "owner" in event.fields:
                self.touchpoint_page.refresh_owners()
            elif isinstance(event, (ev.TouchpointMoved, ev.StageChanged, ev.LanesChanged)):
                page.refresh(frozenset())
        elif page is self.stage_page:
            if isinstance(event, ev.StageChanged) and event.id == target:
                page.refresh(event.fields)
            elif isinstance(event, (ev.StageMoved, ev.TouchpointAdded, ev.TouchpointRemoved, ev.TouchpointMoved)):
                page.refresh(frozenset())
        elif page is self.journey_page:
            if isinstance(event, ev.JourneyChanged):
                page.refresh(event.fields)
            elif isinstance(event, (ev.PersonaAdded, ev.PersonaRemoved, ev.PersonaChanged)):
                page.refresh(frozenset({"personas"}))
        elif page is self.flow_page:
            if isinstance(event, (ev.FlowChanged, ev.TouchpointChanged)):
                page.refresh(None)
        elif page is self.summary_page and not isinstance(event, (ev.JourneyChanged, ev.PersonaAdded,
                                                                  ev.PersonaRemoved, ev.PersonaChanged)):
            page.refresh(None)

    # ------------------------------------------------------------------ pushing edits
    def push(self, command: QUndoCommand) -> None:
        """Push a command on the document's undo stack."""
        assert self.document is not None
        self._pushing = True
        try:
            self.document.undo_stack.push(command)
        finally:
            self._pushing = False

    def push_field(
        self,
        kind: str,
        object_id: str,
        field: str,
        value: Any,
        *,
        session: object = None,
        text: str | None = None,
    ) -> str:
        """Validate and push a field edit; returns '' or why the model refuses the value.

        An edit that does not change the model pushes nothing. Edits that share a
        `session` (one per keystroke run in one editor) merge into one undo step.
        """
        try:
            value = check_value(kind, field, value)
        except ValueError as err:
            return str(err)
        journey = self.journey
        if kind == "journey":
            current = getattr(journey, field)
        elif kind == "touchpoint":
            current = getattr(journey.touchpoint(object_id), field)
        elif kind == "stage":
            current = getattr(journey.stage(object_id), field)
        else:
            current = getattr(journey.persona(object_id), field)
        if value == current:
            return ""
        merge = None if session is None else (self._epoch, session)
        if kind == "journey":
            command: QUndoCommand = JourneyFieldCommand(journey, field, value, text=text, session=merge)
        else:
            command = _COMMANDS[kind](journey, object_id, field, value, text=text, session=merge)
        self.push(command)
        return ""
