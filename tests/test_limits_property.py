"""Property: whatever journeymap saves, journeymap opens — and it is the same journey.

Hypothesis builds journeys through the model API (adds, edits, removes), with texts at
and just past the text limit, and tries edits past every count limit; an edit the model
refuses (ValueError) is simply not made. Then the journey is saved: a save that succeeds
must load back equal and byte-identical, and a save that is refused must write nothing
and be a journey the loader would refuse too.

The real limits are big (20,000 touchpoints, 100,000 flows, 20 MB), so the counts and the
whole-file limits are also run scaled down: every module's binding of a limit is patched
at once, so the model, the writer and the loader keep agreeing; test_limits.py builds
the real at-limit journeys once each.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeymap.io.reader
import journeymap.io.writer
import journeymap.io.yaml_tree
import journeymap.model.journey  # noqa: F401  (imported so that its bindings of the limits are patched)
from journeymap.io import JourneyFileError, dumps_journey, journey_to_data, load_journey, save_journey
from journeymap.io import limits as io_limits
from journeymap.io.writer import count_values
from journeymap.model import Journey
from journeymap.model import limits as model_limits
from journeymap.model.lanes import METRIC, TEXT, make_lane

TRICKY = ["no", "on", "1e3", "null", "12:30", "a: b", "- x", "Café ☕", "two\nlines", "#tag", "  padded  ", ""]


@contextlib.contextmanager
def scaled_limits(**values: int) -> Iterator[None]:
    """Every journeymap module's binding of each named limit set to `values[name]`."""
    with contextlib.ExitStack() as stack:
        for name, value in values.items():
            real = getattr(model_limits, name, None) or getattr(io_limits, name)
            for module in [m for n, m in sys.modules.items() if n.startswith("journeymap")]:
                if getattr(module, name, None) == real:
                    stack.enter_context(mock.patch.object(module, name, value))
        yield


def limit(name: str) -> int:
    return int(getattr(io_limits, name))


def _long(n: int, pad: str = "") -> st.SearchStrategy[str]:
    # Measured when drawn, so it follows a scaled-down limit.
    return st.builds(lambda: pad + "x" * (limit("MAX_TEXT_LENGTH") + n) + pad)


SHORT = st.one_of(
    st.sampled_from(TRICKY), st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)
)
AROUND_THE_LIMIT = st.one_of(_long(0), _long(-1), _long(1), _long(0, "  "), _long(1, "\n"))
#: Mostly short tricky texts, sometimes one at, around or just past the text limit.
TEXTS = st.one_of(SHORT, SHORT, SHORT, AROUND_THE_LIMIT)


def _pick(data: st.DataObject, items: list[Any]) -> Any:
    return data.draw(st.sampled_from(items)) if items else None


def _ops(data: st.DataObject, journey: Journey) -> list[Callable[[], object]]:
    """The edits one step may try (each may be refused)."""
    stages, tps, flows, personas = journey.stage_ids(), journey.touchpoint_ids(), journey.flows(), journey.personas()
    t = lambda: data.draw(TEXTS)  # noqa: E731
    ops: list[Callable[[], object]] = [
        lambda: journey.set_title(t()),
        lambda: journey.set_description(t()),
        lambda: journey.add_stage(t() or "S", description=t()),
        lambda: journey.add_persona(t() or "P", goals=[t(), t()]),
    ]
    if stages:
        ops += [
            lambda: journey.add_touchpoint(_pick(data, stages), t() or "T", description=t(), pain_points=[t()],
                                           channel=t(), metrics={"csat": 4}),
            lambda: journey.add_touchpoint(_pick(data, stages), "T"),
            lambda: journey.update_stage(_pick(data, stages), description=t(), name=t()),
            lambda: journey.remove_stage(_pick(data, stages), touchpoints="delete"),
        ]
    if len(tps) > 1:
        ops += [lambda: journey.add_flow(_pick(data, tps), _pick(data, tps), t())] * 2
    if tps:
        field = data.draw(st.sampled_from(["description", "owner", "channel", "name"]))
        ops += [
            lambda: journey.update_touchpoint(_pick(data, tps), **{field: t()}),
            lambda: journey.update_touchpoint(_pick(data, tps), opportunities=[t(), t()]),
            lambda: journey.remove_touchpoint(_pick(data, tps)),
        ]
    if flows:
        def relabel() -> object:
            flow = _pick(data, flows)
            return journey.relabel_flow(flow.source, flow.target, t())

        ops.append(relabel)
    if personas:
        ops.append(lambda: journey.update_persona(_pick(data, personas).id, needs=[t()], description=t()))
    ops += [
        lambda: journey.add_lane(make_lane(TEXT, id=journey.new_lane_id("lane"), name=t() or "Lane")),
        lambda: journey.add_lane(make_lane(METRIC, metric=data.draw(st.sampled_from(["csat", "drop_off", "x"])))),
    ]
    text_lanes = journey.text_lane_ids()
    if tps and text_lanes:
        ops.append(lambda: journey.update_touchpoint(_pick(data, tps), lanes={_pick(data, text_lanes): [t(), t()]}))
    if tps and personas:
        ops.append(lambda: journey.update_touchpoint(
            _pick(data, tps), persona_emotions={_pick(data, personas).id: data.draw(st.integers(-2, 2))}))
    return ops


def _edit(data: st.DataObject, journey: Journey, steps: int) -> None:
    for _ in range(steps):
        op = data.draw(st.sampled_from(_ops(data, journey)))
        with contextlib.suppress(ValueError):  # refused by the model: nothing changed
            op()


def _within_the_model_limits(journey: Journey) -> None:
    assert len(journey.stages()) <= limit("MAX_STAGES")
    assert journey.touchpoint_count() <= limit("MAX_TOUCHPOINTS")
    assert len(journey.flows()) <= limit("MAX_FLOWS")
    assert len(journey.personas()) <= limit("MAX_PERSONAS")
    assert len(journey.lanes()) <= limit("MAX_LANES")
    longest = max(len(v) for v in _texts(journey_to_data(journey)))
    assert longest <= limit("MAX_TEXT_LENGTH")


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _saves_only_what_opens(journey: Journey) -> bool:
    """Save; True when saved (and it opened the same), False when refused (and it would not open)."""
    text = dumps_journey(journey)
    assert count_values(journey_to_data(journey)) <= 2 * len(text.encode("utf-8"))  # the writer's shortcut holds
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.yaml"
        try:
            save_journey(journey, path)
        except JourneyFileError:
            assert not path.exists()
            raw = Path(folder) / "raw.yaml"
            raw.write_bytes(text.encode("utf-8"))
            with pytest.raises(JourneyFileError):
                load_journey(raw)
            return False
        loaded = load_journey(path)
        assert loaded == journey
        assert dumps_journey(loaded) == path.read_text(encoding="utf-8")
        return True


_BASES: dict[str, Journey] = {}


def _base(kind: str) -> Journey:
    """A journey at a real count limit, or one short of it, built once with cheap names."""
    if kind not in _BASES:
        journey = Journey("Base")
        if kind.startswith("stages"):
            for i in range(limit("MAX_STAGES") - (kind == "stages-1")):
                journey.add_stage("S", id=f"s{i}")
        else:
            journey.add_stage("S", id="s")
        if kind.startswith("lanes"):
            for i in range(limit("MAX_LANES") - (kind == "lanes-1") - len(journey.lanes())):
                journey.add_lane(make_lane(TEXT, id=f"l{i}", name="L"))
        if kind.startswith("personas"):
            for i in range(limit("MAX_PERSONAS") - (kind == "personas-1")):
                journey.add_persona("P", id=f"p{i}")
        _BASES[kind] = journey
    return _BASES[kind].copy()


BASES = ["small", "stages", "stages-1", "personas", "personas-1", "lanes", "lanes-1"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), base=st.sampled_from(BASES))
def test_at_the_real_limits_whatever_saves_opens_the_same(data: st.DataObject, base: str) -> None:
    journey = _base(base)
    _edit(data, journey, data.draw(st.integers(1, 8)))
    _within_the_model_limits(journey)
    assert _saves_only_what_opens(journey)  # the real whole-file limits are far from these journeys


Limits = dict[str, int]
SCALED = st.fixed_dictionaries({
    "MAX_TEXT_LENGTH": st.integers(64, 120),  # ids (up to 64 characters) and keys are texts too
    "MAX_STAGES": st.integers(1, 4),
    "MAX_TOUCHPOINTS": st.integers(1, 6),
    "MAX_FLOWS": st.integers(1, 5),
    "MAX_PERSONAS": st.integers(1, 3),
    "MAX_LANES": st.integers(4, 7),  # a journey without `lanes:` shows the 4 default lanes
    "MAX_FILE_BYTES": st.integers(300, 3000),
    "MAX_NODES": st.integers(20, 300),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), limits=SCALED)
def test_at_scaled_down_limits_save_succeeds_exactly_when_load_would(data: st.DataObject, limits: Limits) -> None:
    with scaled_limits(**limits):
        assert limit("MAX_STAGES") == limits["MAX_STAGES"]
        journey = Journey("J")
        journey.add_stage("S")
        _edit(data, journey, data.draw(st.integers(5, 30)))
        _within_the_model_limits(journey)
        _saves_only_what_opens(journey)


def test_scaling_reaches_every_binding_of_a_limit() -> None:
    """The scaled-down test patches what it means to: the model, the writer and the loader."""
    with scaled_limits(MAX_STAGES=2, MAX_TEXT_LENGTH=5, MAX_NODES=7, MAX_FILE_BYTES=9):
        journey = Journey("J")
        journey.add_stage("A")
        journey.add_stage("B")
        with pytest.raises(ValueError, match="at most 2 stages"):
            journey.add_stage("C")
        with pytest.raises(ValueError, match="at most 5 allowed"):
            journey.set_title("Longer")
        assert journeymap.io.yaml_tree.MAX_NODES == 7 and journeymap.io.reader.limits.MAX_STAGES == 2
        assert journeymap.io.writer.limits.MAX_FILE_BYTES == 9
    with scaled_limits(MAX_LANES=5):
        journey = Journey("J")
        journey.add_lane(make_lane(TEXT, id="doing", name="Doing"))
        with pytest.raises(ValueError, match="at most 5 lanes"):
            journey.add_lane(make_lane(TEXT, id="thinking", name="Thinking"))
        assert journeymap.io.reader.MAX_LANES == 5
