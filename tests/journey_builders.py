"""Small journeys for the tests: one-line builders and Mermaid's documentation example."""

from typing import Any

from journeymap.model import Journey

# The example of Mermaid's user-journey documentation (docs/syntax/userJourney.md).
WORKING_DAY = """journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
"""


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
