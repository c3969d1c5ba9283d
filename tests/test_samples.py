"""Every sample journey is valid, complete and in canonical form."""

from pathlib import Path

import pytest

from journeymap.io import dumps_journey, load_journey

SAMPLES = sorted((Path(__file__).parent.parent / "sample_journeys").glob("*.yaml"))
EXPECTED = {
    "online-retail.yaml", "b2b-software-intent.yaml", "b2b-software-intent-future.yaml",
    "hotel-stay.yaml", "telecom-support.yaml",
}


def test_all_samples_are_there() -> None:
    assert {p.name for p in SAMPLES} >= EXPECTED


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_round_trips_byte_for_byte(path: Path) -> None:
    assert dumps_journey(load_journey(path)) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_is_realistic_and_complete(path: Path) -> None:
    journey = load_journey(path)
    assert journey.personas() and all(p.goals and p.needs and p.frustrations for p in journey.personas())
    assert 5 <= len(journey.stages()) <= 7
    touchpoints = journey.touchpoints()
    assert 15 <= len(touchpoints) <= 40
    assert all(t.channel and t.emotion is not None and t.friction is not None for t in touchpoints)
    assert any(t.pain_points for t in touchpoints) and any(t.opportunities for t in touchpoints)
    assert any(t.metrics for t in touchpoints) and all(t.owner for t in touchpoints)
    graph = journey.flow_graph()
    assert any(graph.out_degree(n) >= 2 for n in graph), "no branch"
    import networkx as nx

    assert not nx.is_directed_acyclic_graph(graph), "no loop"
