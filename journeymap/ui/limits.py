"""The model's limits, met in the app at the moment of the edit.

Whatever journeymap saves, it opens: the model refuses a text longer than
`MAX_TEXT_LENGTH` and a stage, touchpoint, flow, persona or lane past its count. The app
says so before it tries — a text field refuses the keystroke, paste or drop that would
pass the text limit, and an add that does not fit is not pushed — so no undo command
ever fails half-way and the user sees why at once.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit

from journeymap.model import Journey
from journeymap.model.limits import MAX_TEXT_LENGTH


def too_long(verb: str = "Too long") -> str:
    """What is said when text past the limit is refused: '`verb`: a text holds at most …'."""
    return f"{verb}: a text holds at most {MAX_TEXT_LENGTH:,} characters"


#: What a field says when it refuses text past the limit.
TOO_LONG = too_long()


def no_room(journey: Journey, verb: str, **counts: int) -> str:
    """'' when `counts` more (stages=, touchpoints=, flows=, personas=, lanes=) fit in
    `journey`, else the status-bar message: '`verb`: a journey holds at most …'."""
    try:
        journey.check_room(**counts)
    except ValueError as err:
        return f"{verb}: {err}"
    return ""


def would_pass(current: int, selected: int, inserted: int) -> bool:
    """True when replacing `selected` of `current` characters by `inserted` passes the text limit."""
    return current - selected + inserted > MAX_TEXT_LENGTH


class TextLimit(QValidator):
    """Refuses any edit of a line edit — typing, a paste, a drop — that makes its text
    longer than a journey text may be; `refused` says why."""

    refused = Signal(str)

    def validate(self, arg__1: str, arg__2: int) -> QValidator.State:  # noqa: N802 (Qt override)
        if len(arg__1) > MAX_TEXT_LENGTH:
            self.refused.emit(TOO_LONG)
            return QValidator.State.Invalid
        return QValidator.State.Acceptable


def limit_length(edit: QLineEdit) -> TextLimit:
    """Hold `edit` to the text limit; returns the validator, whose `refused` says when it refused.

    A QLineEdit's own limit (32,767 characters by default) would cut a paste short
    silently; one character above the limit lets the validator see, and refuse, the
    whole paste instead.
    """
    edit.setMaxLength(MAX_TEXT_LENGTH + 1)
    limit = TextLimit(edit)
    edit.setValidator(limit)
    return limit
