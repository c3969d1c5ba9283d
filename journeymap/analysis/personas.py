"""Where the personas of a journey feel most differently: the largest gap per stage.

A persona without its own emotion at a touchpoint feels the main `emotion` there (one
truth); the gap at a touchpoint is the highest minus the lowest emotion over all personas.
Insights for one persona are the usual insights of `Journey.as_persona(id)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeymap.model import Journey


@dataclass(frozen=True)
class PersonaGap:
    """The touchpoint of a stage where two personas' emotions lie furthest apart."""

    stage: str
    touchpoint: str
    name: str
    gap: int
    lowest: tuple[str, int]    # (persona id, emotion): who feels worst there
    highest: tuple[str, int]   # who feels best


def persona_gaps(journey: Journey) -> tuple[PersonaGap, ...]:
    """The largest gap of each stage where personas differ at all, in journey order.

    Ties go to the earliest touchpoint; only touchpoints where some persona has an
    emotion of its own count (everyone else feels the same there).
    """
    personas = [p.id for p in journey.personas()]
    gaps: list[PersonaGap] = []
    if len(personas) < 2:
        return ()
    for stage in journey.stages():
        best: PersonaGap | None = None
        for tp in journey.touchpoints(stage.id):
            if not tp.persona_emotions:
                continue
            felt = [(pid, tp.emotion_of(pid)) for pid in personas]
            rated = [(pid, e) for pid, e in felt if e is not None]
            if len(rated) < 2:
                continue
            low = min(rated, key=lambda pe: pe[1])
            high = max(rated, key=lambda pe: pe[1])
            gap = high[1] - low[1]
            if gap and (best is None or gap > best.gap):
                best = PersonaGap(stage.id, tp.id, tp.name, gap, low, high)
        if best is not None:
            gaps.append(best)
    return tuple(gaps)


def persona_gaps_json(gaps: tuple[PersonaGap, ...]) -> list[dict[str, Any]]:
    """The gaps as JSON data (the optional `persona_gaps` key of the insights JSON)."""
    return [{"stage": g.stage, "touchpoint": g.touchpoint, "name": g.name, "gap": g.gap,
             "lowest": {"persona": g.lowest[0], "emotion": g.lowest[1]},
             "highest": {"persona": g.highest[0], "emotion": g.highest[1]}} for g in gaps]


def persona_gaps_text(journey: Journey, gaps: tuple[PersonaGap, ...], markdown: bool = False) -> str:
    """A short section 'Where personas differ most' (plain text or Markdown)."""
    if not gaps:
        return ""
    names = {p.id: p.name for p in journey.personas()}
    stages = {s.id: s.name for s in journey.stages()}
    head = "## Where personas differ most\n\n" if markdown else "Where personas differ most\n"
    lines = []
    for g in gaps:
        low, high = g.lowest, g.highest
        lines.append(f"{'- ' if markdown else '  '}{stages[g.stage]}: {g.name} — {names[high[0]]} {high[1]:+d}, "
                     f"{names[low[0]]} {low[1]:+d} (gap {g.gap})")
    return head + "\n".join(lines) + "\n"
