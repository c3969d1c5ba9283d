"""Lanes in the model: the default set, text lanes and their notes, exact undo records."""

import pytest

from journeymap.io import dumps_journey, loads_journey
from journeymap.model import BLUEPRINT_LANES, DEFAULT_LANES, Journey, Lane, events


@pytest.fixture
def journey() -> Journey:
    j = Journey.from_template("default")
    j.add_touchpoint("awareness", "Sees an ad", pain_points=["Sold out"])
    j.add_touchpoint("awareness", "Reads a review")
    return j


def test_a_journey_without_lanes_shows_the_default_set(journey: Journey) -> None:
    assert journey.lane_config() is None
    assert [lane.key for lane in journey.lanes()] == ["emotion", "friction", "pain-points", "opportunities"]
    assert [lane.title for lane in journey.lanes()] == ["Emotion", "Friction", "Pain points", "Opportunities"]
    assert "lanes" not in dumps_journey(journey)


def test_text_lane_notes_are_kept_in_lane_order_and_saved(journey: Journey) -> None:
    journey.add_lane(Lane("text", "doing", "Doing"), 0)
    journey.add_lane(Lane("text", "thinking", "Thinking"), 1)
    journey.set_notes("sees-an-ad", "thinking", ["Is it in my size?"])
    journey.set_notes("sees-an-ad", "doing", ["Scrolls", "Taps the ad"])
    tp = journey.touchpoint("sees-an-ad")
    assert tp.notes("doing") == ("Scrolls", "Taps the ad")
    text = dumps_journey(journey)
    assert "  lanes:\n    doing:\n    - Scrolls\n    - Taps the ad\n    thinking:\n    - Is it in my size?\n" in text
    assert loads_journey(text) == journey


def test_notes_must_name_a_text_lane(journey: Journey) -> None:
    with pytest.raises(ValueError, match="there is no text lane 'doing'"):
        journey.update_touchpoint("sees-an-ad", lanes={"doing": ["x"]})
    journey.add_lane(Lane("text", "doing", "Doing"))
    with pytest.raises(ValueError, match="there is no text lane 'emotion'"):
        journey.update_touchpoint("sees-an-ad", lanes={"emotion": ["x"]})


@pytest.mark.parametrize("lane, message", [
    (Lane("emotion"), "appears twice"),
    (Lane("text", "emotion", "Emotion notes"), "built-in lane kind"),
    (Lane("text", "doing", ""), "needs a name"),
    (Lane("friction", section="backstage"), "only text lanes have a section"),
    (Lane("metric"), "names its metric"),
    (Lane("shape"), "unknown lane kind"),
])
def test_bad_lanes_are_refused(journey: Journey, lane: Lane, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        journey.add_lane(lane)
    assert journey.lane_config() is None


def test_remove_and_restore_a_text_lane_is_exact(journey: Journey) -> None:
    before = dumps_journey(journey)
    journey.add_lane(Lane("text", "doing", "Doing"), 1)
    journey.set_notes("reads-a-review", "doing", ["Reads three reviews"])
    with_notes = dumps_journey(journey)
    heard: list[events.Event] = []
    journey.subscribe(heard.append)
    removed = journey.remove_lane("doing")
    assert journey.touchpoint("reads-a-review").lanes == {}
    assert events.TouchpointChanged("reads-a-review", frozenset({"lanes"})) in heard
    assert isinstance(heard[-1], events.LanesChanged)
    journey.restore_lane(removed)
    assert dumps_journey(journey) == with_notes
    journey.set_notes("reads-a-review", "doing", [])
    journey.remove_lane("doing")
    assert journey.lane_config() == DEFAULT_LANES  # a list of its own now, equal to the default
    journey.set_lane_config(None)
    assert dumps_journey(journey) == before


def test_a_text_lane_with_notes_cannot_be_dropped_silently(journey: Journey) -> None:
    journey.add_lane(Lane("text", "doing", "Doing"))
    journey.set_notes("sees-an-ad", "doing", ["Scrolls"])
    with pytest.raises(ValueError, match="still has notes"):
        journey.set_lane_config(DEFAULT_LANES)


def test_move_rename_and_section(journey: Journey) -> None:
    journey.add_lane(Lane("text", "staff", "Staff"))
    journey.move_lane("staff", 0)
    journey.update_lane("staff", name="Staff actions", section="frontstage")
    journey.update_lane("friction", name="Effort")
    lanes = journey.lanes()
    assert (lanes[0].key, lanes[0].name, lanes[0].section) == ("staff", "Staff actions", "frontstage")
    assert journey.lane("friction").title == "Effort"
    journey.update_lane("friction", name="")
    assert journey.lane("friction").title == "Friction"
    assert loads_journey(dumps_journey(journey)) == journey


def test_blueprint_template() -> None:
    journey = Journey.from_template("blueprint")
    assert len(journey.stages()) == 6
    assert tuple(journey.lanes()) == BLUEPRINT_LANES
    assert {lane.section for lane in journey.lanes()} == {"customer", "frontstage", "backstage", "support"}
    assert loads_journey(dumps_journey(journey)) == journey


def test_persona_emotions_follow_the_personas() -> None:
    journey = Journey.from_template("default")
    journey.add_persona("Maya")
    journey.add_persona("Tom")
    tp = journey.add_touchpoint("purchase", "Pays", emotion=-1, persona_emotions={"tom": 1})
    assert (tp.emotion_of(None), tp.emotion_of("maya"), tp.emotion_of("tom")) == (-1, -1, 1)
    with pytest.raises(ValueError, match="there is no persona 'lena'"):
        journey.update_touchpoint("pays", persona_emotions={"lena": 2})
    saved = dumps_journey(journey)
    assert "  emotion: -1\n  persona_emotions:\n    tom: 1\n" in saved
    removed = journey.remove_persona("tom")
    assert journey.touchpoint("pays").persona_emotions == {}
    journey.restore_persona(*removed)
    assert dumps_journey(journey) == saved
