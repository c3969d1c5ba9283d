"""Per-stage summaries: how each phase of the journey feels, how hard it is, what it measures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from journeymap.analysis.channels import channels_in_use
from journeymap.analysis.view import JourneyView
from journeymap.model import METRICS, Touchpoint


@dataclass(frozen=True)
class StageSummary:
    """One stage in numbers.

    `avg_emotion` averages the rated emotions and `max_friction` is the highest rated
    friction (both None when nothing in the stage is rated); `pain_points` counts the
    pain points written on the stage's touchpoints; `metrics` averages each metric over
    the touchpoints that have it; `channels` are the channels used, in palette order.
    """

    stage: str
    name: str
    touchpoints: int
    avg_emotion: float | None
    max_friction: int | None
    pain_points: int
    metrics: Mapping[str, float]
    channels: tuple[str, ...]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def metric_averages(touchpoints: tuple[Touchpoint, ...]) -> Mapping[str, float]:
    """Average of each metric over the touchpoints that have it.

    Known metrics come first in their usual order (csat, ces, nps, drop_off), then
    custom ones alphabetically, so the keys are stable.
    """
    values: dict[str, list[float]] = {}
    for tp in touchpoints:
        for key, value in tp.metrics.items():
            values.setdefault(key, []).append(value)
    order = [k for k in METRICS if k in values] + sorted(k for k in values if k not in METRICS)
    return MappingProxyType({k: sum(values[k]) / len(values[k]) for k in order})


def stage_summaries(view: JourneyView) -> tuple[StageSummary, ...]:
    """A summary of every stage, in journey order (empty stages too)."""
    summaries = []
    for stage in view.stages:
        tps = view.members[stage.id]
        frictions = [tp.friction for tp in tps if tp.friction is not None]
        summaries.append(
            StageSummary(
                stage=stage.id,
                name=stage.name,
                touchpoints=len(tps),
                avg_emotion=_mean([tp.emotion for tp in tps if tp.emotion is not None]),
                max_friction=max(frictions) if frictions else None,
                pain_points=sum(len(tp.pain_points) for tp in tps),
                metrics=metric_averages(tps),
                channels=channels_in_use(tps),
            )
        )
    return tuple(summaries)
