"""Rankings of touchpoints and flows: friction hotspots, emotional lows, emotional drops."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.analysis.view import JourneyView

#: Touchpoints at or below this emotion are emotional lows (−1 Negative, −2 Very negative).
LOW_EMOTION = -1


@dataclass(frozen=True)
class Hotspot:
    """A touchpoint in the friction ranking."""

    touchpoint: str
    name: str
    stage: str
    friction: int | None
    emotion: int | None


@dataclass(frozen=True)
class EmotionalLow:
    """A rated touchpoint whose emotion is at or below LOW_EMOTION."""

    touchpoint: str
    name: str
    emotion: int


@dataclass(frozen=True)
class Drop:
    """A flow and the change of emotion along it (target minus source; negative = a fall)."""

    source: str
    target: str
    change: int


def hotspots(view: JourneyView) -> tuple[Hotspot, ...]:
    """Every touchpoint, ranked by friction (high first), then emotion (low first).

    Touchpoints without a friction rating come after all rated ones; within equal
    friction, those without an emotion rating come after the rated ones. Remaining
    ties keep journey order.
    """

    def key(item: tuple[int, Hotspot]) -> tuple[bool, int, bool, int, int]:
        index, h = item
        return (h.friction is None, -(h.friction or 0), h.emotion is None, h.emotion or 0, index)

    ranked = [
        (i, Hotspot(tp.id, tp.name, tp.stage, tp.friction, tp.emotion)) for i, tp in enumerate(view.touchpoints)
    ]
    return tuple(h for _, h in sorted(ranked, key=key))


def emotional_lows(view: JourneyView) -> tuple[EmotionalLow, ...]:
    """Rated touchpoints with emotion ≤ −1, lowest first; ties keep journey order."""
    lows = [
        EmotionalLow(tp.id, tp.name, tp.emotion)
        for tp in view.touchpoints
        if tp.emotion is not None and tp.emotion <= LOW_EMOTION
    ]
    return tuple(sorted(lows, key=lambda low: low.emotion))  # sorted() is stable: journey order stays


def drops(view: JourneyView) -> tuple[Drop, ...]:
    """Flows whose two ends are both rated, steepest fall of emotion first.

    Rises and flat flows are listed too, after the falls, so scripts see every rated
    flow; ties keep the flows' file order.
    """
    found = []
    for flow in view.flows:
        before, after = view.by_id[flow.source].emotion, view.by_id[flow.target].emotion
        if before is not None and after is not None:
            found.append(Drop(flow.source, flow.target, after - before))
    return tuple(sorted(found, key=lambda d: d.change))
