"""What saves, exports and readers do with the files a user really has (issue 13: 4, 6, 9, 10).

Links are followed (the target is written, the link stays), a file keeps its mode and
owner, backups and snapshots are never more readable than the map, read-only files are
refused, and pipes or devices are refused at once instead of read or replaced.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.cli import main
from journeymap.io import JourneyFileError, atomic_write, backup_path, load_journey, save_journey
from journeymap.model import Journey
from journeymap.ui.recovery_store import SnapshotStore

posix_only = pytest.mark.skipif(os.name != "posix", reason="links, modes and pipes as POSIX has them")
pytestmark = posix_only


def journey(title: str) -> Journey:
    return Journey.from_template("default", title)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def temporaries(*folders: Path) -> list[str]:
    return [p.name for folder in folders for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """A map kept in a synced folder and reached through a link in the working folder."""
    synced, work = tmp_path / "synced", tmp_path / "work"
    synced.mkdir()
    work.mkdir()
    target = synced / "map.yaml"
    save_journey(journey("Old"), target)
    link = work / "map.yaml"
    link.symlink_to(os.path.relpath(target, work))
    return link, target


# ---------------------------------------------------------------------- 4. symbolic links
def test_saving_through_a_link_writes_its_target_and_keeps_the_link(linked: tuple[Path, Path]) -> None:
    link, target = linked
    save_journey(journey("New"), link, backup=True)
    assert link.is_symlink() and link.resolve() == target
    assert load_journey(target).title == "New"
    assert load_journey(backup_path(target)).title == "Old"  # the backup sits beside the real file
    assert not Path(backup_path(link)).exists()
    assert temporaries(link.parent, target.parent) == []


def test_a_chain_of_links_is_followed_to_the_end(linked: tuple[Path, Path]) -> None:
    link, target = linked
    second = link.parent / "again.yaml"
    second.symlink_to(link.name)
    save_journey(journey("Twice linked"), second)
    assert second.is_symlink() and link.is_symlink()
    assert load_journey(target).title == "Twice linked"


@pytest.mark.parametrize("suffix", [".md", ".csv", ".mmd", ".pdf"])
def test_an_export_through_a_link_writes_its_target(tmp_path: Path, linked: tuple[Path, Path], suffix: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    link, _ = linked
    target = tmp_path / "synced" / f"export{suffix}"
    target.write_bytes(b"an earlier export")
    out = tmp_path / "work" / f"export{suffix}"
    out.symlink_to(target)
    assert main(["export", str(link), "-o", str(out)]) == 0, capsys.readouterr().err
    assert out.is_symlink() and target.read_bytes() != b"an earlier export"
    assert temporaries(out.parent, target.parent) == []


# ---------------------------------------------------------------------- 10. modes and owners
def test_a_backup_is_as_private_as_the_map(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    save_journey(journey("Salaries"), secret)
    secret.chmod(0o600)
    save_journey(journey("Salaries, revised"), secret, backup=True)
    assert mode_of(secret) == 0o600
    assert mode_of(Path(backup_path(secret))) == 0o600


def test_a_backup_follows_the_maps_mode_even_when_it_existed_before(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    save_journey(journey("One"), path)
    save_journey(journey("Two"), path, backup=True)
    os.chmod(backup_path(path), 0o644)
    path.chmod(0o640)
    save_journey(journey("Three"), path, backup=True)
    assert mode_of(Path(backup_path(path))) == 0o640


def test_a_new_file_honours_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        save_journey(journey("New"), tmp_path / "new.yaml")
    finally:
        os.umask(old)
    assert mode_of(tmp_path / "new.yaml") == 0o640


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="giving files away needs root")
def test_a_save_keeps_the_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "shared.yaml"
    save_journey(journey("Shared"), path)
    os.chown(path, 4321, 4322)
    save_journey(journey("Shared, edited"), path, backup=True)
    for written in (path, Path(backup_path(path))):
        st = os.stat(written)
        assert (st.st_uid, st.st_gid) == (4321, 4322)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_an_export_over_a_link_to_a_device_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "map.yaml"
    save_journey(journey("Map"), source)
    out = tmp_path / "out.md"
    out.symlink_to("/dev/full")
    assert main(["export", str(source), "-o", str(out)]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert str(out) in line and "device" in line
    assert out.is_symlink() and stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert temporaries(tmp_path) == []


def test_atomic_write_refuses_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with pytest.raises(JourneyFileError, match="pipe"):
        save_journey(journey("Into a pipe"), pipe)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and temporaries(tmp_path) == []


def test_snapshots_are_private_whatever_the_umask(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "state")
    store.folder.mkdir(parents=True, mode=0o755)  # as an older version may have left it
    store.folder.chmod(0o755)
    old = os.umask(0)
    try:
        path = store.write("1-abc", "w1", journey("Confidential"), None)
        path.chmod(0o644)  # an older version's snapshot: rewritten private
        path = store.write("1-abc", "w1", journey("Confidential"), None)
    finally:
        os.umask(old)
    assert mode_of(path) == 0o600
    assert mode_of(store.folder) == 0o700


def test_atomic_write_returns_the_file_written(linked: tuple[Path, Path]) -> None:
    link, target = linked
    assert atomic_write(link, b"journeymap: 1\n") == target


# ---------------------------------------------------------------------- 6. read-only files
def test_a_read_only_map_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "frozen.yaml"
    save_journey(journey("Signed off"), path)
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(JourneyFileError, match="read-only") as caught:
        save_journey(journey("Changed"), path, backup=True)
    assert str(caught.value) == f"{path}: cannot save: the file is read-only"
    assert path.read_bytes() == before and not Path(backup_path(path)).exists()
    save_journey(journey("Changed on purpose"), path, overwrite_read_only=True)
    assert load_journey(path).title == "Changed on purpose" and mode_of(path) == 0o444


@pytest.mark.parametrize("command", [["new", "--force", "-o"], ["import", "IN", "--force", "-o"]])
def test_the_cli_refuses_to_replace_a_read_only_map(tmp_path: Path, command: list[str],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.csv"
    source.write_text("stage,touchpoint\nAwareness,Sees an ad\n", encoding="utf-8")
    out = tmp_path / "frozen.yaml"
    save_journey(journey("Signed off"), out)
    out.chmod(0o444)
    before = out.read_bytes()
    args = [str(source) if part == "IN" else part for part in command]
    assert main([*args, str(out)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [f"{out}: cannot save: the file is read-only"]
    assert out.read_bytes() == before


@pytest.mark.parametrize("suffix", [".pdf", ".md", ".csv", ".mmd", ".svg"])
def test_export_refuses_a_read_only_output(tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "map.yaml"
    save_journey(journey("Map"), source)
    out = tmp_path / f"handed-in{suffix}"
    out.write_bytes(b"the version we handed in")
    out.chmod(0o444)
    assert main(["export", str(source), "-o", str(out)]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert str(out) in line and "read-only" in line
    assert out.read_bytes() == b"the version we handed in" and temporaries(tmp_path) == []


# ---------------------------------------------------------------------- 9. pipes and devices are never read
def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run journeymap in its own process: a reader blocked on a pipe fails by timeout instead of hanging."""
    return subprocess.run([sys.executable, "-m", "journeymap", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("command", "name"), [("validate", "map.yaml"), ("info", "map.yaml"),
                                               ("import", "table.csv"), ("import", "flow.mmd")])
def test_a_pipe_is_refused_at_once(tmp_path: Path, command: str, name: str) -> None:
    pipe = tmp_path / name
    os.mkfifo(pipe)
    extra = ["-o", str(tmp_path / "out.yaml")] if command == "import" else []
    result = run_cli(command, str(pipe), *extra)
    assert result.returncode == 2
    assert (result.stdout + result.stderr).strip().splitlines() == [f"{pipe}: cannot read: it is a pipe, not "
                                                  f"{'a journey file' if command != 'import' else 'a file'}"]
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_not_read_for_ever() -> None:
    result = run_cli("validate", "/dev/zero")
    assert result.returncode == 2
    assert result.stdout.strip() == "/dev/zero: cannot read: it is a device, not a journey file"
