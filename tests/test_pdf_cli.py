"""`journeymap export`: formats by suffix, options, and the exit codes a user sees."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymap.cli import main
from journeymap.cli import export as export_command
from journeymap.export.pdf.page import PAPERS
from journeymap.io import save_journey
from journeymap.model import Journey


@pytest.fixture()
def journey_file(tmp_path: Path) -> Path:
    j = Journey("CLI map")
    s = j.add_stage("Purchase").id
    a = j.add_touchpoint(s, "Pays", channel="website", emotion=-1, friction=2).id
    b = j.add_touchpoint(s, "Gets a receipt", channel="email", emotion=1).id
    j.add_flow(a, b)
    path = tmp_path / "j.yaml"
    save_journey(j, path)
    return path


def test_pdf_with_defaults_is_a3_landscape(journey_file: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.pdf"
    assert main(["export", str(journey_file), "-o", str(out)]) == 0
    page = PdfReader(out).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(PAPERS["A3"][::-1], abs=0.01)
    assert str(out) in capsys.readouterr().out


def test_pdf_options(journey_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.PDF"
    args = ["export", str(journey_file), "-o", str(out), "--paper", "letter", "--portrait", "--tile", "--no-details",
            "--no-insights"]
    assert main(args) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1  # a small map fits one sheet even with --tile; no details
    assert float(reader.pages[0].mediabox.width) == pytest.approx(PAPERS["letter"][0], abs=0.01)


def test_bad_paper_is_a_usage_error(journey_file: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(journey_file), "-o", str(tmp_path / "m.pdf"), "--paper", "B5"])
    assert exit_info.value.code == 2


def test_unknown_suffix_exit_2(journey_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(journey_file), "-o", str(tmp_path / "map.docx")]) == 2
    err = capsys.readouterr().err
    assert "'.docx'" in err and ".pdf" in err and len(err.strip().splitlines()) == 1
    assert main(["export", str(journey_file), "-o", str(tmp_path / "map")]) == 2


def test_registered_exporter_that_is_missing_exit_2(journey_file: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(export_command.EXPORTERS, ".xyz", "journeymap.cli.no_such_module:export_xyz")
    assert main(["export", str(journey_file), "-o", str(tmp_path / "map.xyz")]) == 2
    assert "not available" in capsys.readouterr().err
    assert not (tmp_path / "map.xyz").exists()


def test_exporters_receive_journey_path_and_options(journey_file: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[tuple[str, Path, argparse.Namespace]] = []

    def fake(journey: Journey, out: Path, options: argparse.Namespace) -> list[str]:
        seen.append((journey.title, out, options))
        return ["something to know"]

    monkeypatch.setattr(export_command, "fake_exporter", fake, raising=False)
    monkeypatch.setitem(export_command.EXPORTERS, ".fake", "journeymap.cli.export:fake_exporter")
    out = tmp_path / "map.fake"
    assert main(["export", str(journey_file), "-o", str(out), "--dpi", "300"]) == 0
    assert seen[0][0] == "CLI map" and seen[0][1] == out and seen[0][2].dpi == 300
    assert "warning: something to know" in capsys.readouterr().err


def test_load_error_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("journeymap: 1\ntitle: [unclosed\n", encoding="utf-8")
    assert main(["export", str(bad), "-o", str(tmp_path / "m.pdf")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(str(bad))
    assert main(["export", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "m.pdf")]) == 2


def test_unwritable_output_exit_2(journey_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for out in (tmp_path / "no" / "such" / "folder" / "m.pdf", tmp_path):
        target = out if out.suffix else out.with_suffix(".pdf")
        if not out.suffix:
            target.mkdir()
        assert main(["export", str(journey_file), "-o", str(target)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "cannot write" in err[0] and "Traceback" not in err[0]


def test_failed_write_keeps_the_old_file(journey_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.pdf"
    out.write_bytes(b"old")

    def disk_full(path: object, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("journeymap.export.pdf.atomic_write", disk_full)
    assert main(["export", str(journey_file), "-o", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == b"old"


def test_cjk_warning_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    j = Journey("Warnings")
    j.add_touchpoint(j.add_stage("S").id, "注文する", id="order")
    path = tmp_path / "j.yaml"
    save_journey(j, path)
    assert main(["export", str(path), "-o", str(tmp_path / "m.pdf")]) == 0
    captured = capsys.readouterr()
    assert "touchpoint 'order'" in captured.err and "order" not in captured.out
