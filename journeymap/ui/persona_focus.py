"""The persona picker: which persona's emotion line is edited ("All personas" or one).

One widget class serves the toolbar and the inspector's journey page; both follow the
document's `persona_focus` and set it. It lists the journey's personas and follows them
as they are added, renamed or removed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from journeymap.model import events as ev
from journeymap.ui.document import Document

ALL_PERSONAS = "All personas"


class PersonaPicker(QComboBox):
    """A combo box bound to a document's persona focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Persona focus")
        self.setToolTip("Whose emotion line you edit: all personas share the main line; "
                        "one persona's line is drawn on top, the others faded")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.document: Document | None = None
        self._filling = False
        self.currentIndexChanged.connect(self._picked)

    def set_document(self, document: Document | None) -> None:
        """Follow another document (None: empty and disabled)."""
        if self.document is not None:
            self.document.journey.unsubscribe(self._on_event)
            self.document.persona_focus_changed.disconnect(self._fill)
        self.document = document
        if document is not None:
            document.journey.subscribe(self._on_event)
            document.persona_focus_changed.connect(self._fill)
        self._fill()

    def _on_event(self, event: ev.Event) -> None:
        if isinstance(event, (ev.PersonaAdded, ev.PersonaRemoved, ev.PersonaChanged)):
            self._fill()

    def _fill(self) -> None:
        self._filling = True
        try:
            self.clear()
            document = self.document
            personas = document.journey.personas() if document is not None else []
            self.addItem(ALL_PERSONAS, None)
            for persona in personas:
                self.addItem(persona.name, persona.id)
            focus = document.persona_focus if document is not None else None
            self.setCurrentIndex(max(0, self.findData(focus)) if focus is not None else 0)
            self.setEnabled(bool(personas))
        finally:
            self._filling = False

    def _picked(self, index: int) -> None:
        if not self._filling and self.document is not None and index >= 0:
            self.document.set_persona_focus(self.itemData(index))
