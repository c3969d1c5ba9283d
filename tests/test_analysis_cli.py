"""`journeymap insights FILE [--format text|markdown|json]`, and the insights of every sample journey."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journeymap.analysis import JSON_KEYS, compute_insights, insights_to_json
from journeymap.analysis.render import insights_to_markdown, insights_to_text
from journeymap.cli import insights as command
from journeymap.io import load_journey, save_journey
from journeymap.model import Journey

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_journeys").glob("*.yaml"))


def small(tmp_path: Path) -> Path:
    j = Journey("Café visit")
    j.add_stage("Visit", id="visit")
    j.add_touchpoint("visit", "Orders a café au lait", id="order", channel="in-store", emotion=1, friction=1)
    j.add_touchpoint("visit", "Pays with the app", id="pay", channel="mobile-app", emotion=-1, friction=3)
    j.add_flow("order", "pay")
    path = tmp_path / "cafe.yaml"
    save_journey(j, path)
    return path


def cli(*args: str, encoding: str = "utf-8", hash_seed: str = "0") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONHASHSEED": hash_seed}
    return subprocess.run(
        [sys.executable, "-m", "journeymap", "insights", *args],
        capture_output=True, text=True, encoding="utf-8", errors="replace", env=env, cwd=ROOT, timeout=60,
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_run_prints_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert command.run(argparse.Namespace(file=str(small(tmp_path)), format=fmt)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    if fmt == "json":
        data = json.loads(out)
        assert tuple(data) == JSON_KEYS
        assert data["channel_switches"] == [
            {"from": "order", "to": "pay", "from_channel": "in-store", "to_channel": "mobile-app", "flagged": True}
        ]
    else:
        assert ("# " if fmt == "markdown" else "") + "Insights: Café visit" in out
        assert "Pays with the app" in out and "pay" in out


def test_text_is_the_default(tmp_path: Path) -> None:
    result = cli(str(small(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Insights: Café visit\n")


def test_json_through_the_command_line(tmp_path: Path) -> None:
    result = cli(str(small(tmp_path)), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert tuple(data) == JSON_KEYS
    assert [h["touchpoint"] for h in data["hotspots"]] == ["pay", "order"]
    assert data["paths"] == [{"touchpoints": ["order", "pay"], "friction": 4, "min_emotion": -1,
                              "channel_switches": 1, "unrated_friction": 0}]


def test_output_that_cannot_show_unicode_still_works(tmp_path: Path) -> None:
    as_json = cli(str(small(tmp_path)), "--format", "json", encoding="ascii")
    assert as_json.returncode == 0, as_json.stderr
    assert as_json.stdout.isascii() and "caf\\u00e9" in as_json.stdout  # escaped, so nothing is lost
    assert json.loads(as_json.stdout)["hotspots"][1]["name"] == "Orders a café au lait"
    assert "café au lait" in cli(str(small(tmp_path)), "--format", "json").stdout
    as_text = cli(str(small(tmp_path)), encoding="ascii")
    assert as_text.returncode == 0, as_text.stderr
    assert as_text.stdout.startswith("Insights: Caf? visit\n")


def test_unreadable_file_gives_one_line_and_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.yaml"
    assert command.run(argparse.Namespace(file=str(missing), format="text")) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and str(missing) in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("journeymap: 1\ntitle: [unclosed\n", encoding="utf-8")
    result = cli(str(broken), "--format", "json")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{broken}:") and result.stderr.count("\n") == 1


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = cli(str(small(tmp_path)), "--format", "xml")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_help_names_the_formats() -> None:
    result = cli("--help")
    assert result.returncode == 0 and "{text,markdown,json}" in result.stdout


SAMPLE_PARAMS: list[Any] = SAMPLES or [pytest.param(None, marks=pytest.mark.skip(reason="no sample journeys yet"))]


@pytest.mark.parametrize("sample", SAMPLE_PARAMS, ids=lambda p: p.stem if p else "none")
def test_every_sample_gives_consistent_insights(sample: Path) -> None:
    journey = load_journey(sample)
    insights = compute_insights(journey)
    data = insights_to_json(insights)
    assert tuple(data) == JSON_KEYS
    assert json.loads(json.dumps(data)) == data
    ids = set(journey.touchpoint_ids())
    ranked = data["hotspots"]
    assert sorted(h["touchpoint"] for h in ranked) == sorted(ids)
    rated = [h["friction"] for h in ranked if h["friction"] is not None]
    assert rated == sorted(rated, reverse=True) and ranked[: len(rated)] == [
        h for h in ranked if h["friction"] is not None
    ]
    for p in data["paths"]:
        tps = p["touchpoints"]
        assert tps[0] in insights.entries and tps[-1] in insights.exits and len(set(tps)) == len(tps)
        assert all(journey.has_flow(a, b) for a, b in zip(tps, tps[1:], strict=False))
    for cycle in data["warnings"]["cycles"]:
        assert all(journey.has_flow(a, b) for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=False))
    assert data["channel_matrix"]["stages"] == journey.stage_ids()
    assert sum(map(sum, data["channel_matrix"]["counts"])) == len(ids) - len(data["warnings"]["missing_channel"])
    assert insights_to_text(journey, insights).startswith(f"Insights: {journey.title}\n")
    assert insights_to_markdown(journey, insights).startswith("# Insights: ")


@pytest.mark.parametrize("sample", SAMPLE_PARAMS, ids=lambda p: p.stem if p else "none")
def test_every_sample_through_the_cli_is_stable_across_runs(sample: Path) -> None:
    first = cli(str(sample), "--format", "json", hash_seed="1")
    second = cli(str(sample), "--format", "json", hash_seed="2")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout  # set order must never leak into the output
    data = json.loads(first.stdout)
    journey = load_journey(sample)
    # the optional key of a map whose personas feel differently (see docs/insights.md)
    from journeymap.analysis.personas import persona_gaps, persona_gaps_json

    assert data.pop("persona_gaps", []) == persona_gaps_json(persona_gaps(journey))
    assert data == insights_to_json(compute_insights(journey))
