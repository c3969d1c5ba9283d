"""The shared colour scheme: complete, printable, readable in greyscale."""

from journeymap.layout import style
from journeymap.model import EMOTIONS, EVIDENCE_LEVELS, FRICTIONS, Stage


def test_scales_are_complete() -> None:
    assert set(style.FRICTION_COLORS) == set(FRICTIONS)
    assert set(style.EMOTION_COLORS) == set(EMOTIONS)
    assert set(EVIDENCE_LEVELS) | {None} == set(style.OUTLINE_BY_EVIDENCE)
    assert style.FONT_FAMILY == "DejaVu Sans"


def test_friction_darkens_with_severity_so_it_reads_in_greyscale() -> None:
    grey = [style.luminance(style.friction_color(f)) for f in range(5)]
    assert grey == sorted(grey, reverse=True)
    assert grey[0] - grey[4] > 0.5


def test_emotion_extremes_differ_from_neutral_in_grey() -> None:
    neutral = style.luminance(style.emotion_color(0))
    assert abs(style.luminance(style.emotion_color(-2)) - neutral) > 0.15
    assert abs(style.luminance(style.emotion_color(2)) - neutral) > 0.15


def test_colour_lookups_clamp() -> None:
    assert style.friction_color(9) == style.FRICTION_COLORS[4]
    assert style.emotion_color(-7) == style.EMOTION_COLORS[-2]


def test_stage_colour_is_its_own_or_the_palette_one() -> None:
    assert style.stage_color(Stage("a", "A", color="#123456"), 3) == "#123456"
    assert style.stage_color(Stage("a", "A"), 0) == style.STAGE_COLORS[0]
    assert style.stage_color(Stage("a", "A"), len(style.STAGE_COLORS) + 1) == style.STAGE_COLORS[1]


def test_text_on_a_colour_stays_readable() -> None:
    assert style.text_on("#FFFFFF") == style.INK
    assert style.text_on("#1F2933") == "#FFFFFF"
    for color in style.STAGE_COLORS:
        text = style.text_on(color)
        hi, lo = sorted((style.luminance(text), style.luminance(color)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 3.0, color  # WCAG large-text contrast


def test_tint() -> None:
    assert style.tint("#000000", 0.0) == "#000000"
    assert style.tint("#000000", 1.0) == "#FFFFFF"
    assert style.tint("#4C78A8", 0.5) == "#A6BCD4"
