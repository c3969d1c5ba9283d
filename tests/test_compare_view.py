"""The compare view: File ▸ Compare With… a file or a git revision, the other version's emotion
line dashed under the current one, badges on the changed cards, the Compare panel (click
selects), View ▸ Stop Comparing; the other file is never written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from journeymap.io import load_journey, save_journey
from journeymap.ui.commands.fields import TouchpointFieldCommand
from journeymap.ui.compare_view import A_FILE, HEAD, CompareDialogs
from journeymap.ui.document import Document
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import MainWindow
from journeymap.ui.selection import Ref
from journeymap.ui.settings import app_settings

SAMPLES = Path(__file__).parent.parent / "sample_journeys"
OLD = SAMPLES / "b2b-software-intent.yaml"
NEW = SAMPLES / "b2b-software-intent-future.yaml"


class DiscardingDialogs(Dialogs):
    def ask_unsaved(self, parent: object, name: str) -> str:  # type: ignore[override]
        return "discard"


class FakeCompareDialogs(CompareDialogs):
    """Answers Compare With… from the test: a version index, a file; records errors."""

    def __init__(self) -> None:
        self.version: int | None = None
        self.file: Path | None = None
        self.choices: list[str] | None = None
        self.errors: list[str] = []

    def ask_version(self, parent: object, choices: list[str]) -> int | None:  # type: ignore[override]
        self.choices = choices
        return self.version

    def ask_file(self, parent: object, folder: str) -> Path | None:  # type: ignore[override]
        return self.file

    def show_error(self, parent: object, title: str, text: str) -> None:  # type: ignore[override]
        self.errors.append(text)


def _window(qtbot: QtBot, path: Path) -> tuple[MainWindow, FakeCompareDialogs]:
    app_settings().clear()
    w = MainWindow(Document.open(path), dialogs=DiscardingDialogs())
    dialogs = FakeCompareDialogs()
    w.compare.dialogs = dialogs
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w, dialogs


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "as-is.yaml", tmp_path / "to-be.yaml"
    shutil.copy(OLD, old)
    shutil.copy(NEW, new)
    return old, new


def _rows(w: MainWindow) -> dict[str, QTreeWidgetItem]:
    tree = w.compare_panel.tree
    rows = {}
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        rows[item.text(0)] = item
        for j in range(item.childCount()):
            rows.setdefault(item.child(j).text(0), item.child(j))
    return rows


def test_compare_with_a_file_shows_both_lines_badges_and_the_changes(qtbot: QtBot, pair: tuple[Path, Path]) -> None:
    old, new = pair
    before = old.read_bytes()
    w, dialogs = _window(qtbot, new)
    dialogs.file = old
    w.actions_.compare_with.trigger()          # not in git: straight to the file dialog
    assert dialogs.choices is None
    scene = w.scene
    assert scene is not None and scene.comparison is not None
    lane = scene.emotion_item
    assert lane is not None and lane.lane.compare is not None
    assert len(lane.lane.compare.points) > 10 and lane.lane.compare.curve  # the other line, under the current one
    assert {p.id for p in lane.lane.points} >= {p.id for p in lane.lane.compare.points}
    badge = scene.touchpoint_items["ebook-download"].badge
    assert badge is not None and badge.mark.label == "New" and badge.isVisible()
    assert "Emotion ↑" in scene.touchpoint_items["pricing-page"].badge.mark.label  # type: ignore[union-attr]
    assert scene.touchpoint_items["awareness-article"].badge is None if "awareness-article" in \
        scene.touchpoint_items else True
    assert w.compare_dock.isVisible() and w.actions_.stop_comparing.isEnabled()
    rows = _rows(w)
    for name in ("Reads the guide to shift scheduling in logistics", "Downloads the buyer's guide ebook",
                 "First nurture email with the ROI template", "Second nurture email on security and integrations",
                 "Third nurture email with a logistics case study"):
        assert rows[name].text(1) == "New"
    assert "Removed (1)" in rows and "Looks at a competitor with public pricing" in rows
    assert not w.document.is_modified()
    assert old.read_bytes() == before


def test_clicking_a_change_selects_its_touchpoint(qtbot: QtBot, pair: tuple[Path, Path]) -> None:
    old, new = pair
    w, dialogs = _window(qtbot, new)
    dialogs.file = old
    w.actions_.compare_with.trigger()
    tree = w.compare_panel.tree
    item = _rows(w)["Downloads the buyer's guide ebook"]
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert list(w.document.selection.refs()) == [Ref.touchpoint("ebook-download")]
    assert w.scene is not None and w.scene.touchpoint_items["ebook-download"].isSelected()
    removed = _rows(w)["Looks at a competitor with public pricing"]
    tree.scrollToItem(removed)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(removed).center())
    assert list(w.document.selection.refs()) == [Ref.touchpoint("ebook-download")]  # not on this map: nothing to select


def test_edits_update_the_comparison_and_stop_restores_the_plain_map(qtbot: QtBot, pair: tuple[Path, Path]) -> None:
    old, new = pair
    before = old.read_bytes()
    w, dialogs = _window(qtbot, new)
    dialogs.file = old
    w.actions_.compare_with.trigger()
    scene = w.scene
    assert scene is not None
    assert scene.touchpoint_items["homepage"].badge is not None
    # Edit the map while comparing: the badge follows the edit; the other file stays as it was.
    scene.push(TouchpointFieldCommand(w.document.journey, "cornerstone-guide", "friction", 4))
    assert "New" in scene.touchpoint_items["cornerstone-guide"].badge.mark.label  # type: ignore[union-attr]
    w.actions_.stop_comparing.trigger()
    assert scene.comparison is None
    assert scene.emotion_item is not None and scene.emotion_item.lane.compare is None
    assert all(item.badge is None for item in scene.touchpoint_items.values())
    assert not scene.layout.marks
    assert not w.compare_dock.isVisible() and not w.actions_.stop_comparing.isEnabled()
    assert w.compare_panel.tree.topLevelItemCount() == 0
    assert old.read_bytes() == before
    w.actions_.compare_with.trigger()
    w.set_document(Document.new())                      # another map: the compare view ends
    assert w.scene is not None and w.scene.comparison is None and not w.compare_dock.isVisible()


def test_an_unreadable_file_says_why_and_changes_nothing(qtbot: QtBot, pair: tuple[Path, Path],
                                                        tmp_path: Path) -> None:
    _, new = pair
    bad = tmp_path / "bad.yaml"
    bad.write_text("journeymap: 1\ntitle: [\n", encoding="utf-8")
    w, dialogs = _window(qtbot, new)
    dialogs.file = bad
    w.actions_.compare_with.trigger()
    assert len(dialogs.errors) == 1 and str(bad) in dialogs.errors[0]
    assert w.scene is not None and w.scene.comparison is None and not w.compare_dock.isVisible()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"})


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_compare_with_head_and_a_commit_in_a_git_work_tree(qtbot: QtBot, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    path = repo / "map.yaml"
    shutil.copy(OLD, path)
    _git(repo, "add", "map.yaml")
    _git(repo, "commit", "-q", "-m", "as-is")
    journey = load_journey(path)
    journey.update_touchpoint("pricing-page", emotion=2)
    save_journey(journey, path)
    _git(repo, "commit", "-q", "-am", "pricing is clear now")
    shutil.copy(NEW, path)  # uncommitted: the to-be map
    committed = (repo / ".git" / "HEAD").read_bytes()

    w, dialogs = _window(qtbot, path)
    dialogs.version = 1                                  # HEAD
    w.actions_.compare_with.trigger()
    assert dialogs.choices is not None and dialogs.choices[:2] == [A_FILE, HEAD]
    assert "pricing is clear now" in dialogs.choices[2] and "as-is" in dialogs.choices[3]
    scene = w.scene
    assert scene is not None and scene.comparison is not None and scene.comparison.label == "HEAD"
    assert scene.comparison.other.touchpoint("pricing-page").emotion == 2
    dialogs.version = 3                                  # the first commit
    w.actions_.compare_with.trigger()
    assert scene.comparison.other.touchpoint("pricing-page").emotion == -1
    assert "Emotion ↑" in scene.touchpoint_items["pricing-page"].badge.mark.label  # type: ignore[union-attr]
    assert path.read_bytes() == NEW.read_bytes() and (repo / ".git" / "HEAD").read_bytes() == committed
    status = subprocess.run(["git", "status", "--porcelain"], check=True, cwd=repo, capture_output=True,
                            text=True).stdout
    assert status.strip() == "M map.yaml"
