"""journeymap as git's diff and merge driver, against a real `git` in a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.io import load_journey, save_journey
from journeymap.model import Journey

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

SAMPLE = Path(__file__).resolve().parent.parent / "sample_journeys" / "b2b-software-intent.yaml"
COMMAND = f"{sys.executable} -m journeymap"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent), "GIT_EDITOR": "true"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check, env=env)


def journeymap(repo: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(repo.parent), "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run([sys.executable, "-m", "journeymap", *args], cwd=repo, capture_output=True, text=True,
                          input=stdin, env=env, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the as-is sample as map.yaml, set up with `journeymap git-setup`."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "team@example.com")
    git(repo, "config", "user.name", "Team")
    shutil.copy(SAMPLE, repo / "map.yaml")
    (repo / "notes.txt").write_text("not a journey\n", encoding="utf-8")
    setup = journeymap(repo, "git-setup", stdin="")  # stdin is not a terminal: writes without asking
    assert setup.returncode == 0, setup.stderr
    assert "*.yaml diff=journeymap merge=journeymap" in setup.stdout  # it says what it writes
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "as-is map")
    return repo


def edit(repo: Path, change: dict[str, dict[str, object]]) -> None:
    journey = load_journey(repo / "map.yaml")
    for tp, fields in change.items():
        journey.update_touchpoint(tp, **fields)
    save_journey(journey, repo / "map.yaml")


def branch(repo: Path, name: str, change: dict[str, dict[str, object]]) -> None:
    git(repo, "checkout", "-q", "-b", name, "main")
    edit(repo, change)
    git(repo, "commit", "-q", "-am", name)


def test_git_setup_writes_local_config_and_attributes_once(repo: Path) -> None:
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == (
        "*.yaml diff=journeymap merge=journeymap\n*.yml diff=journeymap merge=journeymap\n"
    )
    config = git(repo, "config", "--local", "--list").stdout
    assert "diff.journeymap.command=" in config and "merge.journeymap.driver=" in config
    assert not (repo.parent / ".gitconfig").exists()  # never the global config unless asked
    again = journeymap(repo, "git-setup", "--yes")
    assert again.returncode == 0 and "already set up" in again.stdout


def test_git_setup_outside_a_repository(tmp_path: Path) -> None:
    done = journeymap(tmp_path, "git-setup", "--yes")
    assert done.returncode == 2 and "not inside a git work tree" in done.stderr


def test_git_diff_shows_the_semantic_diff(repo: Path) -> None:
    edit(repo, {"pricing-page": {"emotion": 1, "friction": 1}})
    out = git(repo, "diff").stdout
    assert out.startswith("journeymap diff a/map.yaml b/map.yaml")
    assert "changed touchpoint 'pricing-page'" in out
    assert "emotion: -1 Negative → +1 Positive" in out and "friction: 3 High → 1 Low" in out
    git(repo, "commit", "-q", "-am", "pricing fixed")
    log = git(repo, "log", "-p", "--ext-diff", "-1").stdout
    assert "emotion: -1 Negative → +1 Positive" in log


def test_edits_to_neighbouring_lines_merge_cleanly_and_validate(repo: Path) -> None:
    # emotion and friction sit on adjacent lines: a line merge would conflict here
    branch(repo, "emotion", {"pricing-page": {"emotion": 1}, "homepage": {"owner": "Web team"}})
    branch(repo, "friction", {"pricing-page": {"friction": 1}, "webinar": {"emotion": 2}})
    merge = git(repo, "merge", "-q", "-m", "both", "emotion", check=False)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    journey = load_journey(repo / "map.yaml")
    pricing = journey.touchpoint("pricing-page")
    assert (pricing.emotion, pricing.friction) == (1, 1)
    assert journey.touchpoint("homepage").owner == "Web team"
    assert journey.touchpoint("webinar").emotion == 2
    assert git(repo, "status", "--porcelain").stdout == ""


def test_one_emotion_changed_differently_is_one_conflict(repo: Path) -> None:
    branch(repo, "happier", {"pricing-page": {"emotion": 2}, "homepage": {"friction": 0}})
    branch(repo, "sadder", {"pricing-page": {"emotion": -2}})
    merge = git(repo, "merge", "-m", "both", "happier", check=False)
    assert merge.returncode != 0
    conflicts = [line for line in merge.stderr.splitlines() + merge.stdout.splitlines() if ": conflict: " in line]
    assert len(conflicts) == 1
    assert conflicts[0].startswith("map.yaml:")
    assert "touchpoint 'pricing-page': emotion changed on both sides" in conflicts[0]
    line = int(conflicts[0].split(":")[1])
    assert (repo / "map.yaml").read_text(encoding="utf-8").splitlines()[line - 1] == "  emotion: -2"
    assert "UU map.yaml" in git(repo, "status", "--porcelain").stdout
    journey = load_journey(repo / "map.yaml")  # the conflicted file is still a valid journey: ours kept
    assert journey.touchpoint("pricing-page").emotion == -2
    assert journey.touchpoint("homepage").friction == 0


def test_a_file_that_is_not_a_journey_falls_back_to_line_diff_and_merge(repo: Path) -> None:
    (repo / "ci.yaml").write_text("jobs:\n  test: run\n", encoding="utf-8")
    git(repo, "add", "ci.yaml")
    git(repo, "commit", "-q", "-m", "ci")
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "ci.yaml").write_text("jobs:\n  test: run\n  lint: ruff\n", encoding="utf-8")
    assert "+  lint: ruff" in git(repo, "diff").stdout
    git(repo, "commit", "-q", "-am", "lint")
    git(repo, "checkout", "-q", "main")
    (repo / "ci.yaml").write_text("stages: [a]\njobs:\n  test: run\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "stages")
    assert git(repo, "merge", "-q", "-m", "both", "other", check=False).returncode == 0
    assert (repo / "ci.yaml").read_text(encoding="utf-8") == "stages: [a]\njobs:\n  test: run\n  lint: ruff\n"


def test_an_added_journey_file_shows_as_all_added(repo: Path) -> None:
    save_journey(Journey.from_template("default", "New map"), repo / "new.yaml")
    git(repo, "add", "new.yaml")
    out = git(repo, "diff", "--cached").stdout
    assert "journeymap diff a/new.yaml b/new.yaml" in out and "added stage 'awareness'" in out


def test_a_map_added_on_both_branches_merges_from_an_empty_base(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "one")
    first = Journey.from_template("default", "Workshop")
    first.add_touchpoint("awareness", "Sees a poster", id="poster", emotion=1)
    save_journey(first, repo / "workshop.yaml")
    git(repo, "add", "workshop.yaml")
    git(repo, "commit", "-q", "-m", "one")
    git(repo, "checkout", "-q", "-b", "two", "main")
    second = Journey.from_template("default", "Workshop")
    second.add_touchpoint("purchase", "Pays at the till", id="till", friction=2)
    save_journey(second, repo / "workshop.yaml")
    git(repo, "add", "workshop.yaml")
    git(repo, "commit", "-q", "-m", "two")
    merge = git(repo, "merge", "-q", "-m", "both", "one", check=False)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    merged = load_journey(repo / "workshop.yaml")
    assert merged.has_touchpoint("poster") and merged.has_touchpoint("till")


@pytest.mark.parametrize("answer", ["", "n", "y"])
def test_git_setup_asks_first_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str], answer: str) -> None:
    from journeymap.cli import main

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    assert main(["git-setup"]) == 0
    out = capsys.readouterr().out
    assert asked == ["Write these? [y/N] "]
    assert out.index("diff.journeymap.command") < out.index("Done." if answer == "y" else "Nothing written.")
    assert (repo / ".gitattributes").exists() == (answer == "y")
    assert ("merge.journeymap.driver" in git(repo, "config", "--local", "--list").stdout) == (answer == "y")
