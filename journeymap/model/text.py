"""Text normalisation and id rules shared by every part of the model."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable

from journeymap.model.limits import check_text_length

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
MAX_ID_LENGTH = 64

_NEWLINES = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
# C0 and C1 controls other than tab and newline, lone surrogates and the noncharacters
# U+FFFE/U+FFFF cannot be written to a UTF-8 YAML file faithfully (nor to XML: SVG titles);
# they never mean anything in a journey map. The loader refuses the same set.
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")


def normalise_text(value: object, what: str = "text") -> str:
    """Return `value` as clean text: newlines unified, controls removed, stripped.

    Raises ValueError when `value` is not a string, or when the clean text is longer
    than a journey text may be (`journeymap.model.limits.MAX_TEXT_LENGTH`).
    """
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, not {type(value).__name__}")
    text = value.replace("\r\n", "\n").translate(_NEWLINES)
    text = _UNWANTED.sub("", text)
    return check_text_length(text.strip(), what)


def normalise_text_list(values: Iterable[object], what: str) -> tuple[str, ...]:
    """Normalise a list of texts, dropping the ones that end up empty."""
    if isinstance(values, str):
        raise ValueError(f"{what} must be a list of texts, not a single text")
    cleaned = (normalise_text(v, what) for v in values)
    return tuple(t for t in cleaned if t)


def check_id(value: object, what: str = "id") -> str:
    """Validate an id: lowercase letters, digits and '-', starting with a letter or digit."""
    if not isinstance(value, str) or not ID_PATTERN.match(value) or len(value) > MAX_ID_LENGTH:
        raise ValueError(
            f"{what} {value!r} is not a valid id: use lowercase letters, digits and '-' "
            f"(at most {MAX_ID_LENGTH} characters, not starting with '-')"
        )
    return value


def slugify(name: str, fallback: str) -> str:
    """Make an id-shaped slug from a display name ('Sees a search ad' -> 'sees-a-search-ad')."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[: MAX_ID_LENGTH - 4].rstrip("-")
    return slug or fallback


def unique_id(name: str, taken: Collection[str], fallback: str) -> str:
    """Derive a new id from `name` that is not in `taken` (adds -2, -3, ... when needed)."""
    base = slugify(name, fallback)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def first_unwanted(text: str) -> str | None:
    """The first character `normalise_text` would remove from `text` (a control character), or None."""
    found = _UNWANTED.search(text.replace("\r", "\n").translate(_NEWLINES)) if text else None
    return found.group() if found else None
