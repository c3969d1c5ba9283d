"""Earlier versions of a journey file from git: its log, and the file as it was at a commit.

The compare view offers them when the map's file lies in a git work tree. git runs as a
subprocess (`git log`, `git show REV:path`); nothing here writes to the repository.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from journeymap.io import JourneyFileError, loads_journey
from journeymap.model import Journey

#: How many commits of a file's log are offered.
LOG_LIMIT = 200
_SEP = "\x1f"


@dataclass(frozen=True)
class Revision:
    """One commit that touched the file."""

    rev: str            # the full hash
    short: str
    date: str           # YYYY-MM-DD
    subject: str

    @property
    def title(self) -> str:
        """'a1b2c3d 2026-03-01 Intent: add the ebook' as a list shows it."""
        return f"{self.short}  {self.date}  {self.subject}"


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str] | None:
    """Run git in `cwd`; None when git is not installed."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False,
                              encoding="utf-8", errors="replace")
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None


def _tracked(path: Path) -> tuple[Path, str] | None:
    """(work tree root, the file's path in the repository) when `path` lies in a git work tree."""
    folder = path.resolve().parent
    if not folder.is_dir():
        return None
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top is None or top.returncode != 0:
        return None
    root = Path(top.stdout.strip()).resolve()
    try:
        return root, path.resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def file_revisions(path: Path, limit: int = LOG_LIMIT) -> list[Revision] | None:
    """The commits that touched `path`, newest first; None when it is not in a git work tree
    (or git is missing). An untracked file in a work tree gives an empty list."""
    found = _tracked(path)
    if found is None:
        return None
    root, name = found
    log = _git(["log", f"-n{limit}", "--date=short", f"--format=%H{_SEP}%h{_SEP}%ad{_SEP}%s", "--", name], root)
    if log is None or log.returncode != 0:
        return []
    revisions = []
    for line in log.stdout.splitlines():
        parts = line.split(_SEP)
        if len(parts) == 4:
            revisions.append(Revision(*parts))
    return revisions


def load_revision(path: Path, rev: str) -> Journey:
    """The journey `path` held at commit `rev` (e.g. 'HEAD'); raises JourneyFileError."""
    found = _tracked(path)
    if found is None:
        raise JourneyFileError(path, None, None, "not in a git work tree")
    root, name = found
    shown = _git(["show", f"{rev}:{name}"], root)
    label = f"{path.name}@{rev[:12]}"
    if shown is None:
        raise JourneyFileError(label, None, None, "git is not installed (or not on PATH)")
    if shown.returncode != 0:
        reason = (shown.stderr.strip().splitlines() or ["git show failed"])[-1]
        raise JourneyFileError(label, None, None, reason.removeprefix("fatal: "))
    return loads_journey(shown.stdout, label)
