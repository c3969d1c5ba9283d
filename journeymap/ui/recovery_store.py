"""Autosave snapshots on disk: where they live, how they are written, read and found.

Snapshots live in the per-user state directory (`platformdirs.user_state_dir`, or
`$JOURNEYMAP_STATE_DIR`), never next to the user's file, so a crash leaves nothing
in their folder or their git working tree. Each snapshot is one file, written
atomically: a one-line JSON header as a YAML comment, then the journey in the very
same canonical YAML a save writes. The header says which session wrote it, which
file it belongs to, when, and what that file looked like when it was opened.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

import platformdirs

from journeymap.io import JourneyFileError, atomic_write, dumps_journey, loads_journey
from journeymap.io.regular_file import open_regular
from journeymap.model import Journey
from journeymap.ui.disk_state import DiskStamp

STATE_DIR_ENV = "JOURNEYMAP_STATE_DIR"
LOG_DIR_ENV = "JOURNEYMAP_LOG_DIR"
HEADER_PREFIX = "# journeymap-autosave: "
SNAPSHOT_SUFFIX = ".autosave.yaml"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")


def state_dir() -> Path:
    """The per-user state directory (autosave snapshots, session locks)."""
    override = os.environ.get(STATE_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_state_dir("journeymap", appauthor=False))


def log_dir() -> Path:
    """The per-user log directory (crash tracebacks, unhandled errors)."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    if os.environ.get(STATE_DIR_ENV):
        return state_dir() / "log"
    return Path(platformdirs.user_log_dir("journeymap", appauthor=False))


@dataclass(frozen=True)
class Snapshot:
    """One autosave file and what its header says."""

    path: Path
    session: str
    slot: str
    original: Path | None
    saved_at: datetime
    title: str
    base: DiskStamp | None

    def load(self) -> Journey:
        """The journey inside; raises JourneyFileError when the snapshot is damaged."""
        try:
            with open_regular(self.path, "an autosave file") as handle:
                text = handle.read().decode("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise JourneyFileError(self.path, None, None, f"cannot read the autosave: {err}") from None
        try:
            return loads_journey(text, self.path)
        except JourneyFileError:
            raise
        except Exception as err:  # noqa: BLE001 - whatever breaks the reader, the snapshot is just damaged
            raise JourneyFileError(self.path, None, None, f"cannot read the autosave: {type(err).__name__}") from None

    def original_missing(self) -> bool:
        """True when the snapshot names a file that is not where it was (moved or deleted).

        A relative name (written by an older version) counts as missing: its folder is unknown.
        """
        if self.original is None:
            return False
        return not self.original.is_absolute() or not self.original.is_file()

    def describe_time(self) -> str:
        """When it was written, in local time ('2026-03-14 15:42')."""
        return self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")


class SnapshotStore:
    """The autosave folder: write, read, list and remove snapshots, by session and slot."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else state_dir()
        self.folder = self.root / "autosave"
        self.sessions = self.root / "sessions"
        self.quarantine_folder = self.root / "autosave-damaged"
        #: Snapshots this store moved to quarantine and nobody reported yet.
        self.quarantined: list[Path] = []

    def ensure(self) -> None:
        """Create the folders (private to the user: maps can hold confidential research)."""
        for folder in (self.folder, self.sessions):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if stat.S_IMODE(folder.stat().st_mode) != 0o700:  # made by an older version, or by hand
                with contextlib.suppress(OSError):
                    folder.chmod(0o700)

    def path_for(self, session: str, slot: str) -> Path:
        """Where the snapshot of `slot` (one per window) of `session` goes."""
        return self.folder / f"{_SAFE_NAME.sub('_', session)}--{_SAFE_NAME.sub('_', slot)}{SNAPSHOT_SUFFIX}"

    def lock_path(self, session: str) -> Path:
        """The QLockFile path of a session."""
        return self.sessions / f"{_SAFE_NAME.sub('_', session)}.lock"

    def write(
        self,
        session: str,
        slot: str,
        journey: Journey,
        original: Path | None,
        base: DiskStamp | None = None,
        now: datetime | None = None,
    ) -> Path:
        """Write (atomically) the snapshot of one document; returns its path. Raises OSError."""
        self.ensure()
        header = {
            "version": 1,
            "session": session,
            "slot": slot,
            # Absolute and resolved: the next start may run from another folder.
            "original": str(Path(original).resolve()) if original is not None else None,
            "saved_at": (now or datetime.now(UTC)).isoformat(),
            "title": journey.title,
            "base": base.to_json() if base is not None else None,
        }
        text = HEADER_PREFIX + json.dumps(header, ensure_ascii=True) + "\n" + dumps_journey(journey)
        path = self.path_for(session, slot)
        atomic_write(path, text.encode("utf-8"), mode=0o600, overwrite_read_only=True)
        return path

    def read(self, path: Path) -> Snapshot | None:
        """The header of a snapshot file, or None when it cannot be read (whatever the reason)."""
        try:
            return _read_header(Path(path))
        except Exception:  # noqa: BLE001 - a damaged snapshot must never stop the app: it is set aside
            return None

    def all(self, *, set_aside: bool = False) -> list[Snapshot]:
        """Every readable snapshot, oldest first.

        With `set_aside`, unreadable ones are moved to quarantine and added to
        `self.quarantined` (for the one report at start-up); otherwise they are skipped.
        """
        try:
            names = list(self.folder.glob(f"*{SNAPSHOT_SUFFIX}")) if self.folder.is_dir() else []
        except OSError:  # an unreadable state folder must not stop the app from starting
            return []
        found = []
        for name in names:
            snapshot = self.read(name)
            if snapshot is not None:
                found.append(snapshot)
            elif set_aside and name.exists():
                moved = self.quarantine(name)
                self.quarantined.append(moved or name)
        return sorted(found, key=lambda s: s.saved_at)

    def quarantine(self, path: Path) -> Path | None:
        """Move a damaged snapshot out of the autosave folder; returns its new path (None if it stayed).

        It is never offered again and never deleted: it may still hold someone's work.
        """
        try:
            self.quarantine_folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            moved = self.quarantine_folder / path.name
            for number in range(2, 1000):
                if not moved.exists():
                    break
                moved = self.quarantine_folder / f"{path.name}.{number}"
            os.replace(path, moved)
        except OSError:
            return None
        return moved

    def of_session(self, session: str) -> list[Snapshot]:
        """The snapshots written by one session."""
        return [s for s in self.all() if s.session == session]

    def remove(self, path: Path) -> bool:
        """Delete a snapshot; False when it could not be deleted (a missing one is fine)."""
        try:
            os.unlink(path)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        return True


def _read_header(path: Path) -> Snapshot | None:
    # open_regular: a pipe left in the folder must not block the start-up; it is set aside.
    with open_regular(path, "an autosave file") as binary, io.TextIOWrapper(binary, encoding="utf-8") as handle:
        first = handle.readline(64 * 1024)
    if not first.startswith(HEADER_PREFIX):
        return None
    header = json.loads(first[len(HEADER_PREFIX):])
    saved_at = datetime.fromisoformat(str(header["saved_at"]))
    original = header.get("original")
    return Snapshot(
        path=path,
        session=str(header["session"]),
        slot=str(header.get("slot", "")),
        original=Path(original) if isinstance(original, str) and original else None,
        saved_at=saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=UTC),
        title=str(header.get("title", "")),
        base=DiskStamp.from_json(header.get("base")),
    )
