"""The writer's direct node building gives byte for byte what PyYAML's representer gives."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.io import load_journey
from journeymap.io.writer import _dump_reference, dumps_journey
from journeymap.model import Journey

SAMPLES = sorted((Path(__file__).parent.parent / "sample_journeys").glob("*.yaml"))


def test_samples_are_written_as_the_representer_writes_them() -> None:
    assert SAMPLES
    for path in SAMPLES:
        journey = load_journey(path)
        assert dumps_journey(journey) == _dump_reference(journey), path


texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)
numbers = st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False, width=64))


@settings(max_examples=60, deadline=None)
@given(names=st.lists(texts, min_size=1, max_size=4), text=texts, values=st.lists(numbers, max_size=4),
       notes=st.lists(texts, max_size=3))
def test_any_journey_is_written_as_the_representer_writes_it(names: list[str], text: str, values: list[float],
                                                             notes: list[str]) -> None:
    journey = Journey(text, description=text + "\nsecond line")
    stage = journey.add_stage("Stage", id="stage")
    for i, name in enumerate(names):
        journey.add_touchpoint(stage.id, name, id=f"t{i}", description=text, pain_points=notes,
                               metrics={f"m{k}": v for k, v in enumerate(values)}, owner=name, channel=text)
    assert dumps_journey(journey) == _dump_reference(journey)
