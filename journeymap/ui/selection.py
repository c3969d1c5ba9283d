"""The shared selection: which stages, touchpoints and flows are selected.

The canvas, the structure dock, the inspector and the insights dock all read and
write this one object, so they stay in sync without knowing each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Ref:
    """A reference to one model object: kind is 'stage', 'touchpoint' or 'flow'.

    For a flow, `id` is 'source>target' (see `Ref.flow`).
    """

    kind: str
    id: str

    @staticmethod
    def stage(stage_id: str) -> Ref:
        return Ref("stage", stage_id)

    @staticmethod
    def touchpoint(tp_id: str) -> Ref:
        return Ref("touchpoint", tp_id)

    @staticmethod
    def flow(source: str, target: str) -> Ref:
        return Ref("flow", f"{source}>{target}")

    @property
    def flow_ends(self) -> tuple[str, str]:
        """(source, target) of a flow reference."""
        source, _, target = self.id.partition(">")
        return source, target


class SelectionModel(QObject):
    """An ordered set of `Ref`s with a `changed` signal emitted only on real changes."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._refs: tuple[Ref, ...] = ()

    def refs(self) -> tuple[Ref, ...]:
        """The selected references, in selection order."""
        return self._refs

    def ids(self, kind: str) -> list[str]:
        """Ids of the selected objects of one kind."""
        return [r.id for r in self._refs if r.kind == kind]

    def current(self) -> Ref | None:
        """The single selected object, or None when nothing or several are selected."""
        return self._refs[0] if len(self._refs) == 1 else None

    def set(self, refs: Iterable[Ref]) -> None:
        """Replace the selection."""
        new = tuple(dict.fromkeys(refs))
        if new != self._refs:
            self._refs = new
            self.changed.emit()

    def clear(self) -> None:
        """Select nothing."""
        self.set(())

    def discard_missing(self, exists: Callable[[Ref], bool]) -> None:
        """Drop references whose object no longer exists (after a delete or an undo)."""
        self.set(r for r in self._refs if exists(r))
