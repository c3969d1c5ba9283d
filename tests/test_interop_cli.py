"""`journeymap import` and the Mermaid, CSV and Markdown formats of `journeymap export`."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.cli import main
from journeymap.io import load_journey

SAMPLE = Path(__file__).parent.parent / "sample_journeys" / "online-retail.yaml"
DAY = "journey\n  title My working day\n  section Go to work\n    Make tea: 5: Me\n    Do work: 7: Me, Cat\n"


def test_import_a_mermaid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, out = tmp_path / "day.mmd", tmp_path / "day.yaml"
    source.write_text(DAY, encoding="utf-8")
    assert main(["import", str(source), "-o", str(out)]) == 0
    journey = load_journey(out)
    assert [t.emotion for t in journey.touchpoints()] == [2, 2]
    assert [p.name for p in journey.personas()] == ["Me", "Cat"]
    captured = capsys.readouterr()
    assert f"warning: {source}:5: score 7 of task 'Do work' is outside 1..5; using 5" in captured.err
    assert f"{out}: written (1 stages, 2 touchpoints, 2 personas)" in captured.out


def test_import_errors_are_one_line_with_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.mmd"
    bad.write_text("journey\nsection S\nMake tea\n", encoding="utf-8")
    assert main(["import", str(bad), "-o", str(tmp_path / "x.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:3: task 'Make tea' has no score") and err.count("\n") == 1
    assert not (tmp_path / "x.yaml").exists()
    rows = tmp_path / "rows.csv"
    rows.write_text("stage,name,emotion\nA,x,0\nA,y,5\n", encoding="utf-8")
    assert main(["import", str(rows), "-o", str(tmp_path / "x.yaml")]) == 2
    assert capsys.readouterr().err.startswith(f"{rows}:3: emotion must be from -2 to 2")


@pytest.mark.parametrize(("name", "words"), [("notes.txt", "cannot tell the format from suffix '.txt'"),
                                             ("notes", "cannot tell the format from no suffix"),
                                             ("missing.mmd", "no such file")])
def test_unknown_formats_and_missing_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, words: str
) -> None:
    source = tmp_path / name
    if name != "missing.mmd":
        source.write_text(DAY, encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "x.yaml")]) == 2
    assert words in capsys.readouterr().err


def test_import_never_overwrites_silently_and_writes_yaml_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "day.mmd", tmp_path / "day.yaml"
    source.write_text(DAY, encoding="utf-8")
    out.write_text("keep me", encoding="utf-8")
    assert main(["import", str(source), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["import", str(source), "-o", str(out), "--force"]) == 0
    assert main(["import", str(source), "-o", str(tmp_path / "day.csv")]) == 2
    assert ".yaml suffix" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".mmd", ".csv", ".md"])
def test_export_by_suffix_and_back(tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"retail{suffix}"
    assert main(["export", str(SAMPLE), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig")
    journey = load_journey(SAMPLE)
    if suffix == ".md":
        assert text.startswith(f"# {journey.title}")
        return
    back = tmp_path / "back.yaml"
    assert main(["import", str(out), "-o", str(back)]) == 0
    names = [t.name for t in load_journey(back).touchpoints()]
    assert names == [t.name for t in journey.touchpoints()]
    if suffix == ".csv":
        assert "warning: a CSV keeps touchpoints, stages and flows only" in capsys.readouterr().err
