"""The journey model: mutations, their validation and the events they announce."""

import networkx as nx
import pytest

from journeymap.model import Journey, events as ev


@pytest.fixture
def journey() -> Journey:
    j = Journey.from_template("default", "Buying shoes")
    j.add_touchpoint("awareness", "Sees a search ad", channel="search", emotion=1, friction=0)
    j.add_touchpoint("awareness", "Reads a review", channel="review-site", emotion=0)
    j.add_touchpoint("consideration", "Compares prices", channel="website", emotion=-1, friction=2)
    j.add_flow("sees-a-search-ad", "reads-a-review")
    j.add_flow("reads-a-review", "compares-prices", "clicks through")
    return j


@pytest.fixture
def heard(journey: Journey) -> list:
    events: list = []
    journey.subscribe(events.append)
    return events


def test_default_template_has_the_buying_cycle() -> None:
    j = Journey.from_template("default")
    assert [s.name for s in j.stages()] == ["Awareness", "Consideration", "Intent", "Purchase", "Retention", "Advocacy"]
    assert all(s.description for s in j.stages())
    assert Journey.from_template("blank").stages() == []


def test_ids_are_derived_from_names_and_unique(journey: Journey) -> None:
    a = journey.add_touchpoint("intent", "Sees a search ad")
    assert a.id == "sees-a-search-ad-2"
    assert journey.add_stage("Café & Crème").id == "cafe-creme"
    assert journey.add_stage("!!!").id == "stage"
    with pytest.raises(ValueError, match="already used"):
        journey.add_stage("Awareness", id="awareness")
    with pytest.raises(ValueError, match="not a valid id"):
        journey.add_stage("X", id="Not Valid")


def test_text_is_normalised(journey: Journey) -> None:
    tp = journey.add_touchpoint("intent", "  Line\u2028two\u2029three\x85four\r\nfive\x00  ")
    assert tp.name == "Line\ntwo\nthree\nfour\nfive"
    with pytest.raises(ValueError, match="must not be empty"):
        journey.add_touchpoint("intent", "   ")


def test_update_touchpoint_validates_and_announces_only_changes(journey: Journey, heard: list) -> None:
    journey.update_touchpoint("compares-prices", emotion=-2, friction=2)
    assert heard == [ev.TouchpointChanged("compares-prices", frozenset({"emotion"}))]
    heard.clear()
    journey.update_touchpoint("compares-prices", emotion=-2)
    assert heard == []
    for bad in ({"emotion": 3}, {"friction": -1}, {"emotion": 1.5}, {"emotion": True}, {"evidence": "rumour"},
                {"metrics": {"csat": 6}}, {"metrics": {"nps": float("nan")}}, {"color": "red"}, {"row": -1}):
        with pytest.raises(ValueError):
            journey.update_touchpoint("compares-prices", **bad)
    assert heard == []
    journey.update_touchpoint(
        "compares-prices", metrics={"csat": 4.5, "time_on_page": 93}, pain_points=[" a ", "", "b"]
    )
    tp = journey.touchpoint("compares-prices")
    assert dict(tp.metrics) == {"csat": 4.5, "time_on_page": 93}
    assert tp.pain_points == ("a", "b")


def test_move_touchpoint_within_and_between_stages(journey: Journey, heard: list) -> None:
    journey.move_touchpoint("sees-a-search-ad", "awareness", 1)
    assert journey.touchpoint_ids("awareness") == ["reads-a-review", "sees-a-search-ad"]
    journey.move_touchpoint("compares-prices", "awareness", 0)
    assert journey.touchpoint_ids("awareness") == ["compares-prices", "reads-a-review", "sees-a-search-ad"]
    assert journey.touchpoint("compares-prices").stage == "awareness"
    assert heard[-1] == ev.TouchpointMoved("compares-prices", "awareness", 0, "consideration", 0)
    with pytest.raises(ValueError, match="out of range"):
        journey.move_touchpoint("compares-prices", "intent", 5)


def test_remove_touchpoint_takes_its_flows_and_restore_puts_everything_back(journey: Journey, heard: list) -> None:
    before = journey.copy()
    removed = journey.remove_touchpoint("reads-a-review")
    assert journey.flows() == []
    assert [type(e) for e in heard] == [ev.FlowRemoved, ev.FlowRemoved, ev.TouchpointRemoved]
    journey.restore_touchpoint(removed)
    assert journey == before


def test_flows_allow_branches_and_loops_but_no_duplicates_or_self_loops(journey: Journey) -> None:
    journey.add_flow("sees-a-search-ad", "compares-prices")  # branch
    journey.add_flow("compares-prices", "sees-a-search-ad")  # loop back
    with pytest.raises(ValueError, match="already a flow"):
        journey.add_flow("sees-a-search-ad", "reads-a-review")
    with pytest.raises(ValueError, match="itself"):
        journey.add_flow("compares-prices", "compares-prices")
    with pytest.raises(ValueError, match="no touchpoint"):
        journey.add_flow("compares-prices", "awareness")
    journey.relabel_flow("sees-a-search-ad", "reads-a-review", " scrolls ")
    assert journey.flow("sees-a-search-ad", "reads-a-review").label == "scrolls"
    graph = journey.flow_graph()
    assert list(graph.nodes) == journey.touchpoint_ids()
    assert graph.has_edge("compares-prices", "sees-a-search-ad")
    with pytest.raises(nx.NetworkXError, match="[Ff]rozen"):
        graph.add_node("x")


def test_removing_a_non_empty_stage_needs_a_decision(journey: Journey) -> None:
    with pytest.raises(ValueError, match="delete them or move them"):
        journey.remove_stage("awareness")
    assert journey.has_stage("awareness")


@pytest.mark.parametrize("mode", ["delete", "move"])
def test_remove_stage_and_restore_is_exact(journey: Journey, mode: str) -> None:
    before = journey.copy()
    removed = journey.remove_stage("awareness", touchpoints=mode)
    assert not journey.has_stage("awareness")
    if mode == "move":
        assert journey.touchpoint_ids("consideration") == ["sees-a-search-ad", "reads-a-review", "compares-prices"]
        assert len(journey.flows()) == 2
    else:
        assert journey.touchpoint_ids() == ["compares-prices"]
        assert journey.flows() == []
    journey.restore_stage(removed)
    assert journey == before


def test_move_to_previous_stage_appends_at_the_end(journey: Journey) -> None:
    journey.remove_stage("consideration", touchpoints="move")
    assert journey.touchpoint_ids("awareness")[-1] == "compares-prices"


def test_stage_rename_recolour_and_move(journey: Journey, heard: list) -> None:
    journey.rename_stage("intent", "Decision")
    journey.recolor_stage("intent", "#aabbcc")
    journey.move_stage("intent", 0)
    assert journey.stage_ids()[0] == "intent"
    assert journey.stage("intent").color == "#AABBCC"
    assert heard == [
        ev.StageChanged("intent", frozenset({"name"})),
        ev.StageChanged("intent", frozenset({"color"})),
        ev.StageMoved("intent", 0, 2),
    ]


def test_personas(journey: Journey, heard: list) -> None:
    maya = journey.add_persona("Maya, busy runner", goals=["Replace worn shoes"], needs=["Right size"])
    assert maya.id == "maya-busy-runner"
    journey.update_persona(maya.id, frustrations=["Returns are a hassle"])
    persona, index, emotions = journey.remove_persona(maya.id)
    journey.restore_persona(persona, index, emotions)
    assert journey.persona(maya.id).frustrations == ("Returns are a hassle",)
    assert [type(e) for e in heard] == [ev.PersonaAdded, ev.PersonaChanged, ev.PersonaRemoved, ev.PersonaAdded]


def test_equality_compares_content_and_order(journey: Journey) -> None:
    other = journey.copy()
    assert other == journey
    other.move_touchpoint("reads-a-review", "awareness", 0)
    assert other != journey
    journey.unsubscribe(print)  # unknown listeners are ignored


def test_unsubscribe_stops_events(journey: Journey) -> None:
    got: list = []
    journey.subscribe(got.append)
    journey.set_title("New")
    journey.unsubscribe(got.append)
    journey.set_title("Newer")
    assert got == [ev.JourneyChanged(frozenset({"title"}))]


def test_flows_of_a_touchpoint_come_in_file_order(journey: Journey) -> None:
    journey.add_touchpoint("intent", "Asks a friend", id="friend")
    journey.add_flow("reads-a-review", "friend")
    journey.add_flow("sees-a-search-ad", "friend")
    flow, index = journey.remove_flow("reads-a-review", "compares-prices")
    journey.add_flow(flow.source, flow.target, flow.label, index=0)  # as an undo would
    assert [f.target for f in journey.flows_from("reads-a-review")] == ["compares-prices", "friend"]
    assert [f.source for f in journey.flows_to("friend")] == ["reads-a-review", "sees-a-search-ad"]
    assert journey.flow_index("reads-a-review", "compares-prices") == 0
