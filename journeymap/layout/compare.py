"""The compare view's geometry: another version's emotion line and the badges of changed cards.

`with_comparison(layout, other, other_ids, marks)` returns the layout with
`emotion.compare` (the other version's line at this map's slots, for the touchpoints
both versions have) and `marks` (a badge per changed card). What changed is decided
elsewhere (`journeymap.versions.compare`); this module only places it, so the canvas and
the PDF draw the same marks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from journeymap.layout import _lanes
from journeymap.layout.geometry import CompareLine, CompareMark, EmotionLane, EmotionPoint, JourneyLayout, Rect
from journeymap.layout.text import elide_text, line_height, text_width
from journeymap.model import Journey

#: What a badge can say, in the order it says it.
MARK_KINDS = ("new", "moved", "emotion-up", "emotion-down", "friction-up", "friction-down", "changed")
MARK_LABELS: Mapping[str, str] = {
    "new": "New",
    "moved": "Moved",
    "emotion-up": "Emotion \u2191",
    "emotion-down": "Emotion \u2193",
    "friction-up": "Friction \u2191",
    "friction-down": "Friction \u2193",
    "changed": "Changed",
}
_BETTER = {"emotion-up", "friction-down"}
_WORSE = {"emotion-down", "friction-up"}
#: Left inset of the badge on its card, and its padding around the text.
BADGE_INSET = 8.0
BADGE_PAD = 4.0
#: Screens at small sizes set text a few percent wider than the font's own advances.
TEXT_SLACK = 1.08


def mark_tone(kinds: Sequence[str]) -> str:
    """'new', 'better' (emotion up or friction down only), 'worse' (the opposite only) or 'neutral'."""
    if "new" in kinds:
        return "new"
    better, worse = bool(_BETTER & set(kinds)), bool(_WORSE & set(kinds))
    if better and not worse:
        return "better"
    if worse and not better:
        return "worse"
    return "neutral"


def mark_label(kinds: Sequence[str]) -> str:
    """The badge's words: 'New', 'Moved · Emotion ↑ · Friction ↓', 'Changed' (only when nothing else)."""
    shown = [k for k in MARK_KINDS if k in kinds and (k != "changed" or len(kinds) == 1)]
    return " \u00b7 ".join(MARK_LABELS[k] for k in shown)


def with_comparison(layout: JourneyLayout, other: Journey, other_ids: Mapping[str, str],
                    marks: Mapping[str, Sequence[str]]) -> JourneyLayout:
    """`layout` with the other version's emotion line and a badge on every marked card.

    `other_ids` maps a touchpoint id of this map to its id in `other` (the touchpoints both
    have); `marks` maps a touchpoint id of this map to its mark kinds (of MARK_KINDS).
    """
    emotion = layout.emotion
    if emotion is not None:
        emotion = replace(emotion, compare=compare_line(emotion, other, other_ids))
    return replace(layout, emotion=emotion, marks=_badges(layout, marks))


def compare_line(lane: EmotionLane, other: Journey, other_ids: Mapping[str, str]) -> CompareLine:
    """The other version's rated touchpoints at this lane's slots, and its main curve through them."""
    points = []
    for tp_id, x in sorted(lane.slots.items(), key=lambda item: item[1]):
        other_id = other_ids.get(tp_id)
        if other_id is None or not other.has_touchpoint(other_id):
            continue
        tp = other.touchpoint(other_id)
        if tp.emotion is not None:
            points.append(EmotionPoint(tp_id, x, lane.level_y[tp.emotion], tp.emotion, tp.row))
    return CompareLine(tuple(points), _lanes.main_curve(points))


def _badges(layout: JourneyLayout, marks: Mapping[str, Sequence[str]]) -> dict[str, CompareMark]:
    size = layout.options.label_font_size
    h = line_height(size) + 2
    badges = {}
    for tp_id, kinds in marks.items():
        card = layout.cards.get(tp_id)
        if card is None or not kinds:
            continue
        ordered = tuple(k for k in MARK_KINDS if k in kinds)
        room = (card.rect.w - 2 * BADGE_INSET - 2 * BADGE_PAD) / TEXT_SLACK
        label = elide_text(mark_label(ordered), room, size)
        w = min(card.rect.w - 2 * BADGE_INSET, text_width(label, size) * TEXT_SLACK + 2 * BADGE_PAD)
        rect = Rect(card.rect.x + BADGE_INSET, card.rect.y - h / 2, w, h)
        badges[tp_id] = CompareMark(tp_id, ordered, label, mark_tone(ordered), rect)
    return badges
