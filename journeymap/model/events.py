"""Typed change events and the tiny observer the model announces them through."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import ClassVar, dataclass_transform


@dataclass_transform(frozen_default=True)
class _Event:
    """A frozen record of one change, its fields named by `__slots__`.

    What `@dataclass(frozen=True)` would generate (keyword or positional construction,
    equality by type and values, hashing, a readable repr), written once for all the
    event types: generating it per class cost every start of the program about 7 ms.
    `dataclass_transform` tells type checkers as much, from the annotated fields: a
    constructor call with a missing, extra or mistyped value is an error there.
    """

    __slots__: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: object, **kwargs: object) -> None:
        names = self.__slots__
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes {len(names)} values, got {len(args)}")
        values = dict(zip(names, args, strict=False))
        for key, value in kwargs.items():
            if key not in names or key in values:
                raise TypeError(f"{type(self).__name__} got an unexpected or repeated value {key!r}")
            values[key] = value
        if len(values) != len(names):
            missing = [n for n in names if n not in values]
            raise TypeError(f"{type(self).__name__} is missing {', '.join(missing)}")
        for key in names:
            object.__setattr__(self, key, values[key])

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, n) for n in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: events are frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: events are frozen")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({shown})"


class JourneyChanged(_Event):
    """Title or description of the journey changed."""

    __slots__ = ("fields",)
    fields: frozenset[str]


class StageAdded(_Event):
    """A stage was inserted at position `index` of the stage order."""

    __slots__ = ("id", "index")
    id: str
    index: int


class StageRemoved(_Event):
    """A stage was removed from position `index`; its touchpoints were removed or moved first,
    each with its own event."""

    __slots__ = ("id", "index")
    id: str
    index: int


class StageChanged(_Event):
    """Some of a stage's `fields` (name, description, colour) changed."""

    __slots__ = ("id", "fields")
    id: str
    fields: frozenset[str]


class StageMoved(_Event):
    """A stage moved from `old_index` to `index` of the stage order."""

    __slots__ = ("id", "index", "old_index")
    id: str
    index: int
    old_index: int


class TouchpointAdded(_Event):
    """A touchpoint was inserted at step `index` of `stage`."""

    __slots__ = ("id", "stage", "index")
    id: str
    stage: str
    index: int


class TouchpointRemoved(_Event):
    """A touchpoint was removed from step `index` of `stage`; its flows were removed first,
    each with its own event."""

    __slots__ = ("id", "stage", "index")
    id: str
    stage: str
    index: int


class TouchpointChanged(_Event):
    """Some of a touchpoint's `fields` changed (its record's field names)."""

    __slots__ = ("id", "fields")
    id: str
    fields: frozenset[str]


class TouchpointMoved(_Event):
    """A touchpoint moved from step `old_index` of `old_stage` to step `index` of `stage`."""

    __slots__ = ("id", "stage", "index", "old_stage", "old_index")
    id: str
    stage: str
    index: int
    old_stage: str
    old_index: int


class FlowAdded(_Event):
    """A flow from `source` to `target` was inserted at position `index` of the flow list."""

    __slots__ = ("source", "target", "index")
    source: str
    target: str
    index: int


class FlowRemoved(_Event):
    """The flow from `source` to `target` was removed from position `index` of the flow list."""

    __slots__ = ("source", "target", "index")
    source: str
    target: str
    index: int


class FlowChanged(_Event):
    """Some `fields` of the flow from `source` to `target` changed (its label)."""

    __slots__ = ("source", "target", "fields")
    source: str
    target: str
    fields: frozenset[str]


class PersonaAdded(_Event):
    """A persona was inserted at position `index` of the persona list."""

    __slots__ = ("id", "index")
    id: str
    index: int


class PersonaRemoved(_Event):
    """A persona was removed from position `index` of the persona list."""

    __slots__ = ("id", "index")
    id: str
    index: int


class PersonaChanged(_Event):
    """Some of a persona's `fields` changed."""

    __slots__ = ("id", "fields")
    id: str
    fields: frozenset[str]


class LanesChanged(_Event):
    """The journey's lanes changed: added, removed, moved, renamed or re-sectioned.

    `keys` are the lane keys concerned (see `Lane.key`); notes that went with a removed
    text lane are announced as TouchpointChanged(id, {"lanes"}) first.
    """

    __slots__ = ("keys",)
    keys: frozenset[str]


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
    | LanesChanged
)
Listener = Callable[[Event], None]


class Observable:
    """Keeps a list of listeners and calls each with every event, in subscription order.

    A listener that raises does not keep the event from the others: the change has
    already been made, so every listener hears of it (none is left showing a model that
    no longer exists), and then the first error is raised again to whoever made the
    change, with a note naming any further listeners that failed. The model stays
    changed; it is the listener that is wrong, and the error says so instead of
    leaving the views silently out of step.
    """

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call `listener(event)` after every change. Whoever subscribes also unsubscribes."""
        if listener not in self._listeners:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling `listener`; unknown listeners are ignored."""
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def _emit(self, event: Event) -> None:
        """Announce `event` to every listener, then re-raise the first listener error, if any."""
        first: BaseException | None = None
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception as err:  # the others must still hear of the change
                if first is None:
                    first = err
                else:
                    first.add_note(f"another listener also failed on {event!r}: {err!r}")
        if first is not None:
            raise first
