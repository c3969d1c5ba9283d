"""Typed change events and the tiny observer the model announces them through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class JourneyChanged:
    """Title or description of the journey changed."""

    fields: frozenset[str]


@dataclass(frozen=True)
class StageAdded:
    id: str
    index: int


@dataclass(frozen=True)
class StageRemoved:
    id: str
    index: int


@dataclass(frozen=True)
class StageChanged:
    id: str
    fields: frozenset[str]


@dataclass(frozen=True)
class StageMoved:
    id: str
    index: int
    old_index: int


@dataclass(frozen=True)
class TouchpointAdded:
    id: str
    stage: str
    index: int


@dataclass(frozen=True)
class TouchpointRemoved:
    id: str
    stage: str
    index: int


@dataclass(frozen=True)
class TouchpointChanged:
    id: str
    fields: frozenset[str]


@dataclass(frozen=True)
class TouchpointMoved:
    id: str
    stage: str
    index: int
    old_stage: str
    old_index: int


@dataclass(frozen=True)
class FlowAdded:
    source: str
    target: str
    index: int


@dataclass(frozen=True)
class FlowRemoved:
    source: str
    target: str
    index: int


@dataclass(frozen=True)
class FlowChanged:
    source: str
    target: str
    fields: frozenset[str]


@dataclass(frozen=True)
class PersonaAdded:
    id: str
    index: int


@dataclass(frozen=True)
class PersonaRemoved:
    id: str
    index: int


@dataclass(frozen=True)
class PersonaChanged:
    id: str
    fields: frozenset[str]


Event = (
    JourneyChanged
    | StageAdded
    | StageRemoved
    | StageChanged
    | StageMoved
    | TouchpointAdded
    | TouchpointRemoved
    | TouchpointChanged
    | TouchpointMoved
    | FlowAdded
    | FlowRemoved
    | FlowChanged
    | PersonaAdded
    | PersonaRemoved
    | PersonaChanged
)
Listener = Callable[[Event], None]


class Observable:
    """Keeps a list of listeners and calls each with every event, in subscription order."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call `listener(event)` after every change. Whoever subscribes also unsubscribes."""
        if listener not in self._listeners:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling `listener`; unknown listeners are ignored."""
        try:
            self._listeners.remove(listener)
        except ValueError:
            pass

    def _emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)
