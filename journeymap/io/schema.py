"""Typed reading of tree nodes: text, numbers and lists the YAML 1.2 way, with line numbers.

A text field keeps what was written (`no`, `on`, `12:30`, `1.10` stay text); a number
field accepts only a plain number. Every problem is collected as a JourneyFileError.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from journeymap.io.errors import JourneyFileError
from journeymap.io.yaml_tree import Mapping, Node, Scalar, Sequence
from journeymap.model.vocabulary import MAX_INT_DIGITS

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = {"", "~", "null", "Null", "NULL"}


class Problems:
    """Collects the problems of one file, in file order, and its warnings."""

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.text = text
        self.errors: list[JourneyFileError] = []
        self.warnings: list[JourneyFileError] = []
        self._lines: list[str] | None = None

    def line_text(self, line: int) -> str:
        """The text of a 1-based line of the file ('' when unknown)."""
        if self._lines is None:  # only for the rare empty value: never on a clean load
            self._lines = self.text.split("\n")
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""

    def add(self, node: Node | None, message: str) -> None:
        """Record a problem at `node` (None: the file as a whole)."""
        if node is None:
            self.errors.append(JourneyFileError(self.path, None, None, message))
        else:
            self.errors.append(JourneyFileError(self.path, node.line, node.column, message))

    def warn(self, line: int, column: int, message: str) -> None:
        """Record something the file loses or means differently than it seems to."""
        self.warnings.append(JourneyFileError(self.path, line, column, message))

    def comment_after(self, line: int, column: int) -> tuple[int, str] | None:
        """(column, text) of a YAML comment that follows 1-based `column` of `line`, if one does.

        An unquoted `color: #4C78A8` is a key with no value and a comment: what follows
        '#' is lost without a word from YAML, so the reader says so.
        """
        text = self.line_text(line)
        rest = text[column - 1:]
        stripped = rest.lstrip(" \t")
        if not stripped.startswith("#") or (
            len(stripped) == len(rest) and column > 1 and text[column - 2] not in " \t"
        ):
            return None
        return len(text) - len(stripped) + 1, stripped

    def sorted(self) -> list[JourneyFileError]:
        """Problems by line, then column."""
        return sorted(self.errors, key=lambda e: (e.line or 0, e.column or 0))


def describe(node: Node) -> str:
    """How a node reads in a message: 'a list', 'a mapping' or the quoted text."""
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a mapping"
    assert isinstance(node, Scalar)
    value = node.value if len(node.value) <= 30 else node.value[:29] + "…"
    return f"{value!r}"


def is_null(node: Node) -> bool:
    """True for an empty value, `~` or `null` written without quotes."""
    return isinstance(node, Scalar) and node.plain and node.value in _NULLS


def read_text(node: Node, what: str, problems: Problems) -> str | None:
    """A text value as written; None for an empty value (or a problem)."""
    if is_null(node):
        return None
    if not isinstance(node, Scalar):
        problems.add(node, f"{what} must be text, not {describe(node)}")
        return None
    return node.value


def _digits(text: str) -> int:
    """How many digits a whole number written as `text` has (sign and leading zeros aside)."""
    return len(text.lstrip("+-").lstrip("0"))


def _too_long(node: Scalar, what: str, problems: Problems) -> None:
    problems.add(node, f"{what} must be a number of at most {MAX_INT_DIGITS} digits, not {describe(node)} "
                       f"({_digits(node.value):,} digits)")


def read_int(node: Node, what: str, problems: Problems) -> int | None:
    """A whole number written without quotes; None for an empty value (or a problem)."""
    if is_null(node):
        return None
    if isinstance(node, Scalar) and node.plain and _INT.match(node.value):
        if _digits(node.value) > MAX_INT_DIGITS:  # never convert an unbounded digit string
            _too_long(node, what, problems)
            return None
        return int(node.value)
    problems.add(node, f"{what} must be a whole number, not {describe(node)}{_unquote_hint(node)}")
    return None


def read_number(node: Node, what: str, problems: Problems) -> int | float | None:
    """A number written without quotes (int or float); None for a problem."""
    if isinstance(node, Scalar) and node.plain:
        if _INT.match(node.value):
            if _digits(node.value) > MAX_INT_DIGITS:
                _too_long(node, what, problems)
                return None
            return int(node.value)
        if _FLOAT.match(node.value):
            return float(node.value)
    problems.add(node, f"{what} must be a number, not {describe(node)}{_unquote_hint(node)}")
    return None


def _unquote_hint(node: Node) -> str:
    quoted_number = isinstance(node, Scalar) and not node.plain and (_INT.match(node.value) or _FLOAT.match(node.value))
    return " (write the number without quotes)" if quoted_number else ""


def read_text_list(node: Node, what: str, problems: Problems) -> list[str]:
    """A list of texts; an empty value is an empty list."""
    if is_null(node):
        return []
    if not isinstance(node, Sequence):
        problems.add(node, f"{what} must be a list (one '- item' per line), not {describe(node)}")
        return []
    texts = []
    for item in node.items:
        text = read_text(item, f"each of {what}", problems)
        if text is not None and text.strip():
            texts.append(text)
        elif isinstance(item, Scalar):
            _empty_item(item, what, problems)
    return texts


def _empty_item(item: Scalar, what: str, problems: Problems) -> None:
    comment = problems.comment_after(item.line, item.column) if item.plain and not item.value else None
    if comment is not None:
        problems.warn(item.line, comment[0], f"an item of {what} is empty and left out: '#' starts a YAML comment, "
                                             f"so {comment[1]!r} is not read; put it in quotes: - '{comment[1]}'")
    else:
        problems.warn(item.line, item.column, f"an empty item of {what} is left out")


def read_list(node: Node, what: str, problems: Problems) -> list[Node]:
    """The items of a list; an empty value is an empty list."""
    if is_null(node):
        return []
    if not isinstance(node, Sequence):
        problems.add(node, f"{what} must be a list, not {describe(node)}")
        return []
    return node.items


def read_mapping(
    node: Node, what: str, allowed: tuple[str, ...], required: tuple[str, ...], problems: Problems
) -> dict[str, tuple[Scalar, Node]] | None:
    """The keys of a mapping as {key: (key node, value node)}.

    Duplicate keys, unknown keys (with a "did you mean" hint) and missing required
    keys are problems. Returns None when `node` is not a mapping.
    """
    if not isinstance(node, Mapping):
        problems.add(node, f"{what} must be a mapping of 'key: value' lines, not {describe(node)}")
        return None
    found: dict[str, tuple[Scalar, Node]] = {}
    for key, value in node.pairs:
        name = key.value
        if type(value) is Scalar and value.plain and not value.value:
            _commented_value(key, value, problems)
        if name in found:
            problems.add(key, f"duplicate key {name!r} in {what} (first at line {found[name][0].line})")
            continue
        if name not in allowed:
            problems.add(key, f"unknown key {name!r} in {what}{did_you_mean(name, allowed)}")
            continue
        found[name] = (key, value)
    for name in required:
        if name not in found:
            problems.add(node, f"{what} is missing {name!r}")
    return found


def _commented_value(key: Scalar, value: Scalar, problems: Problems) -> None:
    # An empty value sits just after its ':' (or '- '), so a comment there is on the same line.
    comment = problems.comment_after(value.line, value.column)
    if comment is not None:
        name = key.value
        problems.warn(value.line, comment[0], f"{name!r} is empty: '#' starts a YAML comment, so {comment[1]!r} "
                                            f"is not read; put it in quotes: {name}: '{comment[1]}'")


def did_you_mean(word: str, choices: Any) -> str:
    """' (did you mean 'x'?)' when a choice is close to `word`, else ''."""
    import difflib  # only when a file has a misspelt key: not on every load

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def checked(node: Node, problems: Problems, clean: Callable[[Any], Any], value: Any) -> Any:
    """Run a model validator on `value`; a ValueError becomes a problem at `node`."""
    try:
        return clean(value)
    except ValueError as err:
        problems.add(node, str(err))
        return None
