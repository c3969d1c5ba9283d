"""load(save(j)) == j for every journey; saving is canonical, stable and atomic."""

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.io import JourneyFileError, dumps_journey, journey_to_data, load_journey, loads_journey, save_journey
from journeymap.model import CHANNELS, EVIDENCE_LEVELS, LANE_KINDS, METRICS, SECTIONS, Journey, Lane
import contextlib

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
words = st.lists(text, max_size=3)
numbers = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False, width=64))


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    """Random journeys with any Unicode text in every field."""
    def name() -> str:
        return draw(text) + "x"  # never empty after normalisation

    journey = Journey(draw(text) + "t", draw(text))
    for _ in range(draw(st.integers(0, 2))):
        with contextlib.suppress(ValueError):
            journey.add_persona(
                name(), description=draw(text), goals=draw(words), needs=draw(words), frustrations=draw(words)
            )
    for _ in range(draw(st.integers(1, 4))):
        with contextlib.suppress(ValueError):
            journey.add_stage(name(), description=draw(text), color=draw(st.sampled_from([None, "#4C78A8", "#00ff00"])))
    if draw(st.booleans()):
        lanes = []
        for kind in draw(st.lists(st.sampled_from(LANE_KINDS), max_size=6)):
            if kind == "text":
                lane_id = draw(st.sampled_from(["doing", "thinking", "no", "1e3", "staff"]))
                lanes.append(Lane("text", lane_id, name(), draw(st.sampled_from(SECTIONS))))
            elif kind == "metric":
                lanes.append(
                    Lane(
                        "metric",
                        "",
                        draw(st.sampled_from(["", "Rate"])),
                        metric=draw(st.sampled_from([*METRICS, "time", "no"])),
                    )
                )
            else:
                lanes.append(Lane(kind, "", draw(st.sampled_from(["", "Renamed"]))))
        with contextlib.suppress(ValueError):
            journey.set_lane_config(lanes)
    lane_ids = journey.text_lane_ids()
    persona_ids = [p.id for p in journey.personas()]
    stages = journey.stage_ids()
    for _ in range(draw(st.integers(0, 8))):
        metrics = draw(st.dictionaries(st.sampled_from([*METRICS, "time", "no", "1e3"]), numbers, max_size=3))
        metrics = {
            k: v for k, v in metrics.items() if k not in METRICS or METRICS[k].minimum <= v <= METRICS[k].maximum
        }
        with contextlib.suppress(ValueError):
            journey.add_touchpoint(
                draw(st.sampled_from(stages)),
                name(),
                description=draw(text),
                channel=draw(st.one_of(st.none(), st.sampled_from(list(CHANNELS)), text)),
                emotion=draw(st.one_of(st.none(), st.integers(-2, 2))),
                friction=draw(st.one_of(st.none(), st.integers(0, 4))),
                row=draw(st.integers(0, 3)),
                pain_points=draw(words),
                opportunities=draw(words),
                owner=draw(text),
                evidence=draw(st.one_of(st.none(), st.sampled_from(list(EVIDENCE_LEVELS)))),
                metrics=metrics,
                lanes={k: draw(words) for k in draw(st.lists(st.sampled_from(lane_ids), max_size=3))}
                if lane_ids
                else None,
                persona_emotions={
                    k: draw(st.integers(-2, 2)) for k in draw(st.lists(st.sampled_from(persona_ids), max_size=2))
                }
                if persona_ids
                else None,
            )
    ids = journey.touchpoint_ids()
    if len(ids) >= 2:
        for _ in range(draw(st.integers(0, 6))):
            a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
            if a != b and not journey.has_flow(a, b):
                journey.add_flow(a, b, draw(text))
    return journey


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_save_load_round_trip(journey: Journey) -> None:
    saved = dumps_journey(journey)
    again = loads_journey(saved)
    assert again == journey
    assert dumps_journey(again) == saved
    # any YAML reader gets the same values (no 'no' turned into False, no '1e3' into 1000.0)
    assert yaml.safe_load(saved) == journey_to_data(journey)


def test_saved_form_is_canonical(tmp_path: Path) -> None:
    journey = Journey("On the go", "Line one\nLine two")
    journey.add_persona("Maya", goals=["Run"])
    journey.add_stage("Awareness")
    journey.add_touchpoint("awareness", "Sees an ad", emotion=0, friction=0, metrics={"csat": 4.0})
    path = tmp_path / "j.yaml"
    save_journey(journey, path)
    assert path.read_text(encoding="utf-8") == (
        "journeymap: 1\n"
        "title: On the go\n"
        "description: |-\n  Line one\n  Line two\n"
        "personas:\n- id: maya\n  name: Maya\n  goals:\n  - Run\n"
        "stages:\n- id: awareness\n  name: Awareness\n"
        "touchpoints:\n- id: sees-an-ad\n  stage: awareness\n  name: Sees an ad\n  emotion: 0\n  friction: 0\n"
        "  metrics:\n    csat: 4.0\n"
    )


def test_failed_save_leaves_the_old_file_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "j.yaml"
    path.write_bytes(b"old content\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(JourneyFileError, match="cannot save: No space left on device"):
        save_journey(Journey.from_template(), path)
    assert path.read_bytes() == b"old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.yaml"]  # no temp file left behind


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(JourneyFileError, match="cannot save"):
        save_journey(Journey.from_template(), tmp_path / "no" / "such" / "j.yaml")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_save_into_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "j.yaml").write_text("old")
    folder.chmod(0o500)
    try:
        with pytest.raises(JourneyFileError, match="Permission denied"):
            save_journey(Journey.from_template(), folder / "j.yaml")
        assert (folder / "j.yaml").read_text() == "old"
    finally:
        folder.chmod(0o700)


def test_save_keeps_file_permissions(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text("old")
    path.chmod(0o640)
    save_journey(Journey.from_template(), path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert load_journey(path) == Journey.from_template()


def test_pure_python_dumper_writes_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The canonical form does not depend on whether PyYAML has libyaml."""
    from journeymap.io import writer

    journey = Journey.from_template("default", "no: really")
    journey.add_touchpoint("intent", "Line\nbreak", pain_points=["on", "1e3", "0x1F", "y"], metrics={"nps": -3.5})
    with_c = dumps_journey(journey)

    class PureDumper(yaml.SafeDumper):
        pass

    PureDumper.yaml_representers = {**writer._JourneyDumper.yaml_representers}
    PureDumper.yaml_implicit_resolvers = {k: list(v) for k, v in writer._JourneyDumper.yaml_implicit_resolvers.items()}
    monkeypatch.setattr(writer, "_JourneyDumper", PureDumper)
    assert dumps_journey(journey) == with_c


def test_backup_keeps_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    first = Journey.from_template("default", "First")
    save_journey(first, path, backup=True)
    assert not (tmp_path / "j.yaml.bak").exists()  # nothing to back up yet
    save_journey(Journey.from_template("blank", "Second"), path, backup=True)
    assert load_journey(tmp_path / "j.yaml.bak") == first
    assert load_journey(path).title == "Second"
    save_journey(Journey.from_template("blank", "Third"), path)  # backup off: .bak untouched
    assert load_journey(tmp_path / "j.yaml.bak") == first
