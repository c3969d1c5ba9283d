"""Each insight rule on a small hand-built journey, against answers worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from journeymap.analysis import compute_insights
from journeymap.analysis.channels import ChannelSwitch, channel_matrix, channel_switches
from journeymap.analysis.ranking import Drop, drops, emotional_lows, hotspots
from journeymap.analysis.reach import estimate_reach
from journeymap.analysis.stages import stage_summaries
from journeymap.analysis.view import JourneyView
from journeymap.analysis.warnings import find_warnings
from journeymap.model import Journey
from journey_builders import make


def view(*args: Any, **kwargs: Any) -> JourneyView:
    return JourneyView.of(make(*args, **kwargs))


RATED = make(
    "s1 s2",
    {
        "a": {"stage": "s1", "friction": 2, "emotion": 0},
        "b": {"stage": "s1", "emotion": -2},
        "c": {"stage": "s1", "friction": 2, "emotion": -1},
        "d": {"stage": "s2", "friction": 4},
        "e": {"stage": "s2", "friction": 2},
        "h": {"stage": "s2", "friction": 1, "emotion": -1},
        "f": {"stage": "s2", "friction": 0, "emotion": 1},
        "g": {"stage": "s2"},
    },
    "a>b f>c c>f b>d a>c",
)


def test_hotspots_friction_first_then_low_emotion_then_unrated() -> None:
    ranked = hotspots(JourneyView.of(RATED))
    # 4; then the 2s by emotion -1, 0, unrated; 1; 0; then friction unrated: emotion -2, unrated
    assert [h.touchpoint for h in ranked] == ["d", "c", "a", "e", "h", "f", "b", "g"]
    top = ranked[0]
    assert (top.name, top.stage, top.friction, top.emotion) == ("D", "s2", 4, None)


def test_emotional_lows_lowest_first_ties_in_journey_order() -> None:
    lows = emotional_lows(JourneyView.of(RATED))
    assert [(low.touchpoint, low.emotion) for low in lows] == [("b", -2), ("c", -1), ("h", -1)]


def test_drops_steepest_fall_first_and_only_rated_ends() -> None:
    # a>b 0→-2 = -2, f>c 1→-1 = -2, c>f +2, b>d skipped (d unrated), a>c 0→-1 = -1
    assert drops(JourneyView.of(RATED)) == (
        Drop("a", "b", -2),
        Drop("f", "c", -2),
        Drop("a", "c", -1),
        Drop("c", "f", 2),
    )


def test_channel_switches_flagged_and_missing_channel_is_no_switch() -> None:
    v = view(
        "s1",
        {
            "p": {"stage": "s1", "channel": "website"},
            "q": {"stage": "s1", "channel": "email", "friction": 2},
            "r": {"stage": "s1", "channel": "email"},
            "s": {"stage": "s1"},
            "t": {"stage": "s1", "channel": "phone", "emotion": -1},
            "u": {"stage": "s1", "channel": "phone", "friction": 1, "emotion": 0},
            "v": {"stage": "s1", "channel": "chat"},
        },
        "p>q q>r r>s s>t r>t t>u u>v p>v",
    )
    assert channel_switches(v) == (
        ChannelSwitch("p", "q", "website", "email", True),  # target friction 2
        ChannelSwitch("r", "t", "email", "phone", True),  # target emotion -1
        ChannelSwitch("u", "v", "phone", "chat", False),  # target unrated
        ChannelSwitch("p", "v", "website", "chat", False),
    )


def test_flag_thresholds() -> None:
    def flagged(**target: Any) -> bool:
        v = view("s", {"a": {"stage": "s", "channel": "email"}, "b": {"stage": "s", "channel": "sms", **target}}, "a>b")
        return channel_switches(v)[0].flagged

    assert flagged(friction=2) and flagged(friction=4) and flagged(emotion=-1) and flagged(emotion=-2)
    assert not flagged(friction=1, emotion=0) and not flagged()


def test_custom_channels_compare_as_written() -> None:
    v = view(
        "s",
        {
            "a": {"stage": "s", "channel": "kiosk"},
            "b": {"stage": "s", "channel": "kiosk"},
            "c": {"stage": "s", "channel": "Kiosk"},
        },
        "a>b b>c",
    )
    assert [(s.source, s.target) for s in channel_switches(v)] == [("b", "c")]


def test_channel_matrix_known_channels_first_then_custom_in_order_of_appearance() -> None:
    m = channel_matrix(view(
        "s1 s2 s3",
        {
            "a": {"stage": "s1", "channel": "kiosk"},
            "b": {"stage": "s1", "channel": "email"},
            "c": {"stage": "s1", "channel": "website"},
            "d": {"stage": "s2", "channel": "website"},
            "e": {"stage": "s2"},
            "f": {"stage": "s2", "channel": "bus-stop"},
            "g": {"stage": "s2", "channel": "kiosk"},
        },
    ))
    assert m.stages == ("s1", "s2", "s3")
    assert m.channels == ("website", "email", "kiosk", "bus-stop")
    assert m.counts == ((1, 1, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0))


def test_stage_summaries() -> None:
    summaries = stage_summaries(view(
        "s1 s2 s3",
        {
            "a": {"stage": "s1", "channel": "website", "emotion": 1, "friction": 1, "pain_points": ["x", "y"],
                  "metrics": {"zeta": 1, "csat": 4}},
            "b": {"stage": "s1", "emotion": -2, "metrics": {"csat": 3, "nps": 10, "alpha": 2}},
            "c": {"stage": "s1", "channel": "chat", "friction": 3},
            "d": {"stage": "s2"},
        },
    ))
    s1, s2, s3 = summaries
    assert (s1.stage, s1.name, s1.touchpoints, s1.avg_emotion, s1.max_friction, s1.pain_points) == (
        "s1", "S1", 3, -0.5, 3, 2)
    assert list(s1.metrics.items()) == [("csat", 3.5), ("nps", 10), ("alpha", 2), ("zeta", 1)]
    assert s1.channels == ("website", "chat")
    for empty, count in ((s2, 1), (s3, 0)):
        assert (empty.touchpoints, empty.avg_emotion, empty.max_friction, empty.pain_points) == (count, None, None, 0)
        assert dict(empty.metrics) == {} and empty.channels == ()


def test_reach_multiplies_drop_off_along_row_zero_in_journey_order() -> None:
    r = estimate_reach(view(
        "s1 s2",
        {
            "a": {"stage": "s1", "metrics": {"drop_off": 0.5}},
            "b": {"stage": "s1", "row": 1, "metrics": {"drop_off": 0.9}},  # not on the main path
            "c": {"stage": "s1"},  # no drop_off: loses nobody
            "d": {"stage": "s2", "metrics": {"drop_off": 0.2, "csat": 2}},
        },
    ))
    assert r is not None
    assert r.share == pytest.approx(0.4)
    assert r.path == ("a", "c", "d")
    assert r.drop_offs == (("a", 0.5), ("d", 0.2))


def test_reach_is_none_without_drop_off_on_the_main_path() -> None:
    assert (
        estimate_reach(view("s", {"a": {"stage": "s"}, "b": {"stage": "s", "row": 1, "metrics": {"drop_off": 0.5}}}))
        is None
    )
    assert estimate_reach(view("s", {})) is None


WARNED = make(
    "s0 s1 s2 s3 s4",
    {
        "a": {"stage": "s1"}, "b": {"stage": "s1"},
        "c": {"stage": "s2"}, "d": {"stage": "s2"}, "e": {"stage": "s2"}, "f": {"stage": "s2"}, "i": {"stage": "s2"},
        "g": {"stage": "s3"}, "h": {"stage": "s3"},
    },
    "a>c c>g c>d d>b b>d f>h a>i",
)


def test_warnings_on_a_journey_with_every_problem() -> None:
    w = find_warnings(JourneyView.of(WARNED))
    assert w.isolated == ("e",)
    assert w.dead_ends == ("i",)  # g and h end in s3, the last stage with touchpoints
    assert w.late_entries == ("f",)  # a starts in s1, the first stage with touchpoints
    assert w.cycles == (("b", "d"),) and not w.cycles_truncated
    assert w.empty_stages == ("s0", "s4")
    assert w.backward_flows == (("d", "b"),)
    assert w.missing_channel == w.missing_emotion == w.missing_friction == tuple("abcdefigh")
    assert w.count() == 7 + 3 * 9


def test_missing_ratings_and_channels() -> None:
    w = find_warnings(view(
        "s",
        {
            "a": {"stage": "s", "channel": "sms", "emotion": 0, "friction": 0},
            "b": {"stage": "s", "emotion": 0, "friction": 0},
            "c": {"stage": "s", "channel": "sms", "friction": 1},
            "d": {"stage": "s", "channel": "sms", "emotion": -1},
            "e": {"stage": "s"},
        },
    ))
    assert w.missing_channel == ("b", "e")
    assert w.missing_emotion == ("c", "e")
    assert w.missing_friction == ("d", "e")


def test_no_flows_means_nothing_is_isolated_and_there_are_no_paths() -> None:
    j = make("s1 s2", {"a": {"stage": "s1"}, "b": {"stage": "s2"}})
    insights = compute_insights(j)
    assert insights.warnings.isolated == ()
    assert insights.warnings.dead_ends == () and insights.warnings.late_entries == ()
    assert insights.entries == () and insights.exits == () and insights.paths == ()
    assert insights.worst_path() is None


def test_backward_flow_is_only_into_an_earlier_stage() -> None:
    w = find_warnings(view("s1 s2", {"a": {"stage": "s1"}, "b": {"stage": "s1"}, "c": {"stage": "s2"}}, "b>a a>c c>b"))
    assert w.backward_flows == (("c", "b"),)  # b>a goes back within a stage: not backward


def test_empty_journey() -> None:
    insights = compute_insights(Journey("Nothing yet"))
    assert insights.hotspots == () and insights.stages == () and insights.reach is None
    assert insights.channel_matrix.channels == () and insights.warnings.count() == 0
