"""Small journeys written in one line, for the analysis tests."""

from typing import Any

from journeymap.model import Journey


def make(stages: str, touchpoints: dict[str, dict[str, Any]], flows: str = "") -> Journey:
    """Stages by id ("s1 s2"), touchpoints by id with their stage and fields, flows as "a>b c>d"."""
    journey = Journey("Test journey")
    for stage_id in stages.split():
        journey.add_stage(stage_id.upper(), id=stage_id)
    for tp_id, fields in touchpoints.items():
        fields = dict(fields)
        journey.add_touchpoint(fields.pop("stage"), fields.pop("name", tp_id.upper()), id=tp_id, **fields)
    for pair in flows.split():
        source, target = pair.split(">")
        journey.add_flow(source, target)
    return journey
