"""A Document: one open journey, its file path, its undo stack and its selection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from journeymap.io import load_journey_with_warnings, save_journey
from journeymap.model import Journey
from journeymap.ui.disk_state import DiskStamp, stamp_file
from journeymap.ui.selection import Ref, SelectionModel


class Document(QObject):
    """Owns the journey being edited. "Unsaved changes" is the undo stack's clean state.

    The UI changes `journey` only by pushing QUndoCommands on `undo_stack`.
    """

    path_changed = Signal()
    #: The persona in focus changed (see `persona_focus`).
    persona_focus_changed = Signal()

    def __init__(self, journey: Journey, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journey = journey
        #: Always absolute: a later change of working folder must not change which file Save writes.
        self.path = Path(path).absolute() if path is not None else None
        #: Save asks where to save first (a restored map whose file was moved or deleted).
        self.ask_location = False
        #: The file as last read or written by us; saving over other content asks first.
        self.disk_stamp: DiskStamp | None = None
        #: What the file held but reading lost (`FILE:LINE:COL: message`), from `open`.
        self.read_warnings: list[str] = []
        #: Ids a saved file may hold, which therefore never change: every id the journey had
        #: when this document was made, and at each save (see `commands.renaming`).
        self.saved_ids: set[str] = self._ids()
        self.undo_stack = QUndoStack(self)
        self.selection = SelectionModel(self)
        self.undo_stack.indexChanged.connect(self._prune_selection)
        self._persona_focus: str | None = None

    @property
    def persona_focus(self) -> str | None:
        """The persona whose emotion line is edited (its line on top, the others faded), or
        None for all personas and the main line. A view setting, not saved in the file."""
        focus = self._persona_focus
        if focus is not None and not any(p.id == focus for p in self.journey.personas()):
            return None
        return focus

    def set_persona_focus(self, persona_id: str | None) -> None:
        """Focus one persona's emotion line (None: all personas)."""
        if persona_id != self._persona_focus:
            self._persona_focus = persona_id
            self.persona_focus_changed.emit()

    @classmethod
    def open(cls, path: Path, parent: QObject | None = None) -> Document:
        """Load a file; raises JourneyFileError and leaves nothing half-made."""
        # Stamped before reading: a change in between makes the next save ask, never the opposite.
        path = Path(path).absolute()
        stamp = stamp_file(path)
        journey, warnings = load_journey_with_warnings(path)
        document = cls(journey, path, parent)
        document.disk_stamp = stamp
        document.read_warnings = warnings
        return document

    @classmethod
    def new(cls, template: str = "default", parent: QObject | None = None) -> Document:
        """A new, unsaved journey from a template."""
        return cls(Journey.from_template(template), None, parent)

    def save(self, path: Path | None = None, *, backup: bool = False, overwrite_read_only: bool = False) -> None:
        """Save (atomically) to `path` or the current path; marks the stack clean on success.

        With `backup`, the file's previous content is kept as `NAME.yaml.bak`. A read-only
        file is refused unless `overwrite_read_only` (the user insisted).

        Raises JourneyFileError when the file cannot be written; the document stays as it was.
        """
        target = Path(path).absolute() if path is not None else self.path
        if target is None:
            raise ValueError("the document has no file name yet: use Save As")
        save_journey(self.journey, target, backup=backup, overwrite_read_only=overwrite_read_only)
        self.saved_ids |= self._ids()
        self.disk_stamp = stamp_file(target)
        self.ask_location = False
        self.undo_stack.setClean()
        if target != self.path:
            self.path = target
            self.path_changed.emit()

    def _ids(self) -> set[str]:
        j = self.journey
        return {*j.stage_ids(), *j.touchpoint_ids(), *(p.id for p in j.personas())}

    def is_modified(self) -> bool:
        """True when there are changes since the last save or load."""
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        """The file name, or 'Untitled' for a new journey."""
        return self.path.name if self.path else "Untitled"

    def exists(self, ref: Ref) -> bool:
        """True when the referenced model object exists."""
        j = self.journey
        if ref.kind == "stage":
            return j.has_stage(ref.id)
        if ref.kind == "touchpoint":
            return j.has_touchpoint(ref.id)
        if ref.kind == "flow":
            return j.has_flow(*ref.flow_ends)
        return False

    def _prune_selection(self) -> None:
        self.selection.discard_missing(self.exists)
