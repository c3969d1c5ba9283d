"""The `journeymap` command line: exit codes and messages a user sees."""

import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.cli import main
from journeymap.io import load_journey, save_journey
from journeymap.model import Journey


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "journeymap", *args], capture_output=True, text=True, timeout=60)


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("validate", "new", "info", "insights", "export", "import"):
        assert command in result.stdout


def test_importing_the_cli_loads_neither_qt_nor_reportlab() -> None:
    code = ("import sys, journeymap.cli as c; c.build_parser(); c.build_parser('export'); "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'reportlab'))]; print(bad)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


def test_top_level_help_loads_no_command() -> None:
    code = ("import sys, journeymap.cli as c; c.build_parser(); "
            "print([m for m in sys.modules if m.startswith(('journeymap.io', 'journeymap.model', 'networkx'))])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


def test_each_command_has_its_own_help() -> None:
    for command in ("validate", "new", "info", "insights", "export", "import"):
        result = run(command, "--help")
        assert result.returncode == 0 and f"usage: journeymap {command}" in result.stdout


def test_new_creates_the_default_template(tmp_path: Path) -> None:
    out = tmp_path / "j.yaml"
    assert main(["new", "--title", "Onboarding", "-o", str(out)]) == 0
    journey = load_journey(out)
    assert journey.title == "Onboarding"
    assert [s.id for s in journey.stages()] == [
        "awareness",
        "consideration",
        "intent",
        "purchase",
        "retention",
        "advocacy",
    ]
    assert main(["new", "-o", str(out)]) == 2  # never overwrites silently
    assert main(["new", "--template", "blank", "--force", "-o", str(out)]) == 0
    assert load_journey(out).stages() == []


def test_validate_ok_and_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    main(["new", "-o", str(good)])
    bad = tmp_path / "that-file.yaml"
    bad.write_text(good.read_text().replace("name: Intent", "name: Intent\n  emotion: 7"))
    capsys.readouterr()
    assert main(["validate", str(good)]) == 0
    assert capsys.readouterr().out == f"{good}: ok\n"
    assert main(["validate", str(good), str(bad)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{good}: ok"
    assert out[1].startswith(f"{bad}:") and "unknown key 'emotion' in a stage" in out[1]


def test_validate_reports_line_of_out_of_range_emotion(tmp_path: Path) -> None:
    lines = ["journeymap: 1", "title: T", "stages:", "- id: s", "  name: S", "touchpoints:"]
    for i in range(3):
        lines += [f"- id: t{i}", "  stage: s", f"  name: T{i}", "  emotion: 1"]
    lines[-1] = "  emotion: 7"
    assert len(lines) == 18
    path = tmp_path / "that-file.yaml"
    path.write_text("\n".join(lines[:-1] + ["  friction: 1", lines[-1]]) + "\n")  # emotion: 7 on line 19
    result = run("validate", str(path))
    assert result.returncode == 2
    assert result.stdout.startswith(f"{path}:19:12: emotion must be from -2 to 2, not 7")
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_syntax_error_reports_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("journeymap: 1\ntitle: x\nstages:\n- id: a\n  name: 'unclosed\n")
    result = run("validate", str(path))
    assert result.returncode == 2
    assert result.stdout.startswith(f"{path}:6:1: YAML syntax error")


def test_info_summarises_stages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(
        "journeymap: 1\ntitle: Shoes\npersonas:\n- id: maya\n  name: Maya\nstages:\n- id: a\n  name: Awareness\n"
        "touchpoints:\n- id: x\n  stage: a\n  name: X\n  channel: email\n  emotion: 2\n  friction: 1\n"
        "- id: y\n  stage: a\n  name: Y\n  channel: in-store\n  emotion: -1\n  friction: 3\n"
    )
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Shoes" in out and "Persona: Maya" in out
    assert any(
        line.split()[:4] == ["Awareness", "2", "+0.5", "3"] and "Email, In store" in line for line in out.splitlines()
    )


def test_info_on_a_bad_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("info", str(tmp_path / "missing.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{tmp_path / 'missing.yaml'}: no such file"


def test_argument_errors_exit_2_with_usage() -> None:
    result = run("validate")
    assert result.returncode == 2 and "usage:" in result.stderr
    result = run("new", "--template", "weird", "-o", "x.yaml")
    assert result.returncode == 2 and "invalid choice" in result.stderr
    result = run("notacommand")
    assert result.returncode == 2 and "unknown command" in result.stderr


def test_output_read_only_in_part_ends_quietly(tmp_path: Path) -> None:
    # `journeymap validate *.yaml | head -1`: more output than a pipe holds, then the reader goes.
    small = tmp_path / "s.yaml"
    save_journey(Journey("S"), small)
    proc = subprocess.Popen([sys.executable, "-m", "journeymap", "validate", *[str(small)] * 3000],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().endswith(b": ok\n")
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 141 and b"Traceback" not in err


def test_piped_output_is_complete(tmp_path: Path) -> None:
    small = tmp_path / "s.yaml"
    save_journey(Journey("S"), small)
    result = run("validate", *[str(small)] * 500)
    assert result.returncode == 0 and result.stdout.count(": ok\n") == 500
