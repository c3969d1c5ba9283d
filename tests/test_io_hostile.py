"""Hostile files are refused quickly with one JourneyFileError naming the file and line."""

import time
from pathlib import Path

import pytest

from journeymap.io import JourneyFileError, load_journey
from journeymap.io.limits import MAX_FILE_BYTES

HEADER = b"journeymap: 1\ntitle: x\nstages: []\n"
HOSTILE = {
    "python-tag": b"journeymap: 1\ntitle: !!python/object/apply:os.system ['echo pwned']\nstages: []\n",
    "custom-tag": b"journeymap: 1\ntitle: !custom x\nstages: []\n",
    "alias-bomb": b"journeymap: 1\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ntitle: x\nstages: []\n",
    "deep-brackets": b"journeymap: 1\ntitle: " + b"[" * 50_000 + b"\nstages: []\n",
    "deep-braces": b"journeymap: 1\ntitle: " + b"{a: " * 50_000 + b"\n",
    "nul-byte": HEADER + b"description: a\x00b\n",
    "bad-utf8": b"journeymap: 1\ntitle: caf\xe9\nstages: []\n",
    "utf16": "journeymap: 1\ntitle: x\nstages: []\n".encode("utf-16"),
    "merge-key": b"journeymap: 1\ntitle: x\nstages:\n- <<: {id: a}\n  name: A\n",
    "binary-garbage": bytes(range(256)) * 4,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_quickly(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HOSTILE[name])
    start = time.perf_counter()
    with pytest.raises(JourneyFileError) as info:
        load_journey(path)
    assert time.perf_counter() - start < 5  # generous: the point is "no hang", not speed
    error = info.value
    assert error.path == str(path)
    assert error.line is not None and error.line >= 1
    assert "\n" not in str(error)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.write(HEADER)
        handle.write(b"description: " + b"x" * (30 * 1024 * 1024) + b"\n")
    with pytest.raises(JourneyFileError, match="limited to"):
        load_journey(path)
    assert path.stat().st_size > MAX_FILE_BYTES


def test_too_long_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_bytes(HEADER + b"description: " + b"y" * 200_000 + b"\n")
    with pytest.raises(JourneyFileError, match="longer than"):
        load_journey(path)


def test_no_python_object_is_ever_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"journeymap: 1\ntitle: !!python/object/apply:os.system ['touch {marker}']\nstages: []\n")
    with pytest.raises(JourneyFileError, match="tags"):
        load_journey(path)
    assert not marker.exists()


@pytest.mark.parametrize("name", ["python-tag", "alias-bomb", "deep-brackets", "nul-byte", "bad-utf8"])
def test_pure_python_parser_refuses_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Where PyYAML was built without libyaml, the pure-Python parser gives the same guarantees."""
    import yaml

    from journeymap.io import yaml_tree

    monkeypatch.setattr(yaml_tree, "_Loader", yaml.SafeLoader)
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HOSTILE[name])
    with pytest.raises(JourneyFileError):
        load_journey(path)
