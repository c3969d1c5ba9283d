"""The estimated share of customers who reach the end of the main path, from drop-off metrics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.analysis.view import JourneyView
from journeymap.model import Touchpoint

DROP_OFF = "drop_off"


@dataclass(frozen=True)
class Reach:
    """`share` of the customers who start the main path and reach its end (0–1).

    `path` is the main path: the touchpoints in row 0, the map's main lane, in journey
    order. `drop_offs` lists the (touchpoint, drop_off) pairs it was computed from.
    """

    share: float
    path: tuple[str, ...]
    drop_offs: tuple[tuple[str, float], ...]


def estimate_reach(view: JourneyView) -> Reach | None:
    """Product of (1 − drop_off) along the main path; None when no main-path touchpoint has drop_off.

    The main path is the row-0 lane in journey order, as drawn, not a walk along flows:
    the file format defines row 0 as the main path, and it exists even before flows are
    drawn. Touchpoints without a drop_off metric are assumed to lose nobody.
    """
    return reach_along(view.touchpoints)


def reach_along(touchpoints: Sequence[Touchpoint]) -> Reach | None:
    """`estimate_reach` over touchpoints in journey order, for callers that need no JourneyView."""
    path = tuple(tp.id for tp in touchpoints if tp.row == 0)
    measured = tuple(
        (tp.id, float(tp.metrics[DROP_OFF])) for tp in touchpoints if tp.row == 0 and DROP_OFF in tp.metrics
    )
    if not measured:
        return None
    share = 1.0
    for _, drop_off in measured:
        share *= 1.0 - drop_off
    return Reach(share, path, measured)
