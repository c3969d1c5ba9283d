"""Omnichannel analysis: channel switches along flows and the channel × stage coverage matrix."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.analysis.view import JourneyView
from journeymap.model import CHANNELS, Touchpoint

#: A switch is flagged when its target has at least this friction (2 = Medium) ...
FLAG_FRICTION = 2
#: ... or at most this emotion (−1 = Negative): an omnichannel break the customer feels.
FLAG_EMOTION = -1


@dataclass(frozen=True)
class ChannelSwitch:
    """A flow between touchpoints in two different channels."""

    source: str
    target: str
    source_channel: str
    target_channel: str
    flagged: bool


@dataclass(frozen=True)
class ChannelMatrix:
    """How many touchpoints each channel has in each stage.

    `counts[c][s]` is the number of touchpoints of `channels[c]` in stage `stages[s]`.
    Rows are the channels in use: known channels in palette order, then custom ones in
    order of first appearance. Columns are all stages in journey order, empty ones too.
    Touchpoints without a channel are not counted (see the `missing_channel` warning).
    """

    stages: tuple[str, ...]
    channels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]


def is_flagged(target: Touchpoint) -> bool:
    """True when arriving at `target` hurts: friction ≥ 2 or emotion ≤ −1 (unrated never flags)."""
    friction_hurts = target.friction is not None and target.friction >= FLAG_FRICTION
    emotion_hurts = target.emotion is not None and target.emotion <= FLAG_EMOTION
    return friction_hurts or emotion_hurts


def channel_switches(view: JourneyView) -> tuple[ChannelSwitch, ...]:
    """Every flow whose two ends have different channels, in file order.

    Flows with a touchpoint that has no channel are not switches.
    """
    found = []
    for flow in view.flows:
        a, b = view.by_id[flow.source], view.by_id[flow.target]
        if a.channel is not None and b.channel is not None and a.channel != b.channel:
            found.append(ChannelSwitch(a.id, b.id, a.channel, b.channel, is_flagged(b)))
    return tuple(found)


def channels_in_use(touchpoints: tuple[Touchpoint, ...] | list[Touchpoint]) -> tuple[str, ...]:
    """Channels of these touchpoints: known ones in palette order, then custom ones as they appear."""
    used = list(dict.fromkeys(tp.channel for tp in touchpoints if tp.channel is not None))
    known = [c for c in CHANNELS if c in used]
    custom = [c for c in used if c not in CHANNELS]
    return tuple(known + custom)


def channel_matrix(view: JourneyView) -> ChannelMatrix:
    """The channel × stage matrix: the journey's omnichannel coverage."""
    channels = channels_in_use(view.touchpoints)
    row_of = {c: i for i, c in enumerate(channels)}
    counts = [[0] * len(view.stages) for _ in channels]
    for tp in view.touchpoints:
        if tp.channel is not None:
            counts[row_of[tp.channel]][view.stage_position[tp.stage]] += 1
    return ChannelMatrix(
        stages=tuple(s.id for s in view.stages),
        channels=channels,
        counts=tuple(tuple(row) for row in counts),
    )
