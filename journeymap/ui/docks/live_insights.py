"""`LiveInsights`: the insights of a document's journey, kept current while it is edited.

Model events restart a short single-shot timer, so one recomputation follows a burst of
edits and typing and dragging stay fluid. A lazy instance (the Insights dock's) computes
only while someone looks at the result and catches up when someone starts looking.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from journeymap.analysis import Insights, compute_insights
from journeymap.model import events as ev
from journeymap.ui.document import Document

#: How long the edits must pause before the insights are recomputed.
DEBOUNCE_MS = 250
_IGNORED = (ev.JourneyChanged, ev.PersonaAdded, ev.PersonaRemoved, ev.PersonaChanged)


class LiveInsights(QObject):
    """The insights of a document's journey, recomputed `DEBOUNCE_MS` after the last edit.

    A `lazy` instance computes only while at least one reason wants the insights
    (`set_wanted`); otherwise it only notes that they are out of date, and computes
    once a reason appears.
    """

    #: The new `Insights` (or None when there is no document).
    updated = Signal(object)

    def __init__(self, parent: QObject | None = None, delay_ms: int = DEBOUNCE_MS, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.insights: Insights | None = None
        self._lazy = lazy
        self._wanted: set[str] = set()
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.refresh)

    def set_document(self, document: Document | None) -> None:
        """Follow another document (None: none); unsubscribes from the old journey."""
        if self.document is not None:
            self.document.journey.unsubscribe(self._on_event)
            self.document.persona_focus_changed.disconnect(self._focus_changed)
        self.document = document
        if document is not None:
            document.journey.subscribe(self._on_event)
            document.persona_focus_changed.connect(self._focus_changed)
        if self.wanted() or document is None:
            self.refresh()
        else:
            self._timer.stop()
            self._stale = True
            if self.insights is not None:  # nothing may show the old journey's insights
                self.insights = None
                self.updated.emit(None)

    def wanted(self) -> bool:
        """True when the insights are to be kept current now."""
        return not self._lazy or bool(self._wanted)

    def set_wanted(self, reason: str, on: bool, *, now: bool = True) -> None:
        """Someone (`reason`, e.g. "panel", "heat map") starts or stops needing the insights.

        Out-of-date insights are recomputed when the first reason appears: at once, or
        with `now=False` on the next turn of the event loop if still wanted then (a
        dock flashing up while the window lays itself out costs nothing).
        """
        if not on:
            self._wanted.discard(reason)
            return
        self._wanted.add(reason)
        if now:
            self._catch_up()
        else:
            QTimer.singleShot(0, self, self._catch_up)

    def _catch_up(self) -> None:
        if self._stale and self.wanted():
            self.refresh()

    def _on_event(self, event: ev.Event) -> None:
        if isinstance(event, _IGNORED):
            return
        if self.wanted():
            self._timer.start()  # restarts: one recomputation once the edits pause
        else:
            self._stale = True

    def _focus_changed(self) -> None:
        # the insights follow the persona in focus: recompute as soon as they are wanted
        if self.wanted():
            self.refresh()
        else:
            self._stale = True

    def pending(self) -> bool:
        """True while a recomputation is waiting for the edits to pause."""
        return self._timer.isActive()

    def refresh(self) -> None:
        """Recompute now and announce the result."""
        self._timer.stop()
        self._stale = False
        journey = self.document.journey if self.document is not None else None
        focus = self.document.persona_focus if self.document is not None else None
        if journey is not None and focus is not None:
            journey = journey.as_persona(focus)  # the insights as the focused persona feels the journey
        self.insights = compute_insights(journey) if journey is not None else None
        self.updated.emit(self.insights)
