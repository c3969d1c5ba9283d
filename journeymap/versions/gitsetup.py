"""What `journeymap git-setup` writes: `.gitattributes` lines and the git config of the two drivers.

The plan is made first (`plan_setup`), shown to the user (`describe`), and only then
written (`apply_setup`). The drivers go into the repository's own config unless the
user asks for their global config; the attributes always go into the work tree's
`.gitattributes`, which the team commits.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from journeymap.io import atomic_write

DRIVER = "journeymap"
DEFAULT_PATTERNS = ("*.yaml", "*.yml")


class GitSetupError(Exception):
    """git is missing, or this is not a git work tree (the message says which)."""


@dataclass(frozen=True)
class GitSetup:
    """The lines to add to `attributes_file` and the config values to set (`scope`: local or global)."""

    attributes_file: Path
    attributes: tuple[str, ...]
    config: tuple[tuple[str, str], ...]
    scope: str

    @property
    def empty(self) -> bool:
        """True when everything is already in place."""
        return not self.attributes and not self.config


def journeymap_command() -> str:
    """How git should start this journeymap: `journeymap` when that is on PATH and is us,
    else `python -m journeymap`."""
    found = shutil.which("journeymap")
    me = sys.argv[0] if sys.argv and sys.argv[0] else ""
    if found and me and os.path.basename(me) == "journeymap" and _same_file(found, me):
        return "journeymap"
    return f"{shlex.quote(sys.executable)} -m journeymap"


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitSetupError("git is not installed (or not on PATH)") from None


def plan_setup(cwd: Path, *, patterns: tuple[str, ...] = DEFAULT_PATTERNS, command: str | None = None,
               scope: str = "local") -> GitSetup:
    """What is missing for journeymap's diff and merge drivers in the work tree around `cwd`."""
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise GitSetupError(f"{cwd} is not inside a git work tree (run 'git init' first)")
    root = Path(top.stdout.strip())
    command = command or journeymap_command()
    wanted_config = (
        (f"diff.{DRIVER}.command", f"{command} diff"),
        (f"merge.{DRIVER}.name", "journeymap: merge journey maps by stage, touchpoint and field"),
        (f"merge.{DRIVER}.driver", f"{command} merge %O %A %B --name %P"),
    )
    config = []
    for key, value in wanted_config:
        current = _git(["config", f"--{scope}", "--get", key], root)
        if current.returncode != 0 or current.stdout.rstrip("\n") != value:
            config.append((key, value))
    attributes_file = root / ".gitattributes"
    existing = attributes_file.read_text(encoding="utf-8").splitlines() if attributes_file.is_file() else []
    present = {" ".join(line.split()) for line in existing}
    lines = tuple(
        line for line in (f"{p} diff={DRIVER} merge={DRIVER}" for p in patterns) if line not in present
    )
    return GitSetup(attributes_file, lines, tuple(config), scope)


def describe(setup: GitSetup) -> str:
    """What `apply_setup` will write, for the user to read before it does."""
    if setup.empty:
        return f"git is already set up for journeymap ({setup.attributes_file.parent})\n"
    out = []
    if setup.attributes:
        out.append(f"Add to {setup.attributes_file}:")
        out += [f"  {line}" for line in setup.attributes]
    if setup.config:
        where = (
            "your global git config (~/.gitconfig)"
            if setup.scope == "global"
            else "this repository's git config (.git/config)"
        )
        out.append(f"Set in {where}:")
        out += [f"  {key} = {value}" for key, value in setup.config]
    return "\n".join(out) + "\n"


def apply_setup(setup: GitSetup) -> None:
    """Write the planned lines and config (GitSetupError when git refuses)."""
    root = setup.attributes_file.parent
    for key, value in setup.config:
        result = _git(["config", f"--{setup.scope}", key, value], root)
        if result.returncode != 0:
            raise GitSetupError(f"git config {key} failed: {result.stderr.strip()}")
    if setup.attributes:
        old = setup.attributes_file.read_bytes() if setup.attributes_file.is_file() else b""
        if old and not old.endswith(b"\n"):
            old += b"\n"
        atomic_write(setup.attributes_file, old + "".join(f"{line}\n" for line in setup.attributes).encode("utf-8"))
