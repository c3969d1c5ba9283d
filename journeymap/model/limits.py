"""The largest journey journeymap keeps: what the model accepts is what a journey file may hold.

The loader refuses a file past these limits (so a hostile file cannot exhaust the
machine), and the model refuses an edit, paste, import or `new` past them at that
moment (ValueError with a clear message), so whatever journeymap saves opens again.
Each is far above any real journey map (the largest benchmark journey has 5,000
touchpoints with 2,000-character descriptions).

The limits only a whole file has (its size in bytes, its number of YAML values) depend
on the YAML form, which the model does not know: `save_journey` checks them before it
writes (see `journeymap.io.limits`).
"""

from __future__ import annotations

MAX_TEXT_LENGTH = 100_000            # characters in one text value
MAX_STAGES = 500
MAX_TOUCHPOINTS = 20_000
MAX_FLOWS = 100_000
MAX_PERSONAS = 200
# MAX_LANES (50) lives with the lanes, in journeymap.model.lanes; a lane's notes are texts like any other.


def check_text_length(text: str, what: str) -> str:
    """Return `text`, or raise ValueError when it is longer than a journey text may be."""
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"{what} too long: {len(text):,} characters, at most {MAX_TEXT_LENGTH:,} allowed")
    return text


def check_count(have: int, adding: int, limit: int, noun: str) -> None:
    """Raise ValueError when `adding` more to `have` would pass `limit` ('a journey holds at most …')."""
    if have + adding <= limit:
        return
    if adding <= 1:
        raise ValueError(f"a journey holds at most {limit:,} {noun}")
    room = max(0, limit - have)
    raise ValueError(f"a journey holds at most {limit:,} {noun}; {adding:,} more do not fit ({room:,} would)")
