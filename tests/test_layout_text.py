"""Text measuring and wrapping: DejaVu Sans widths, never wider than the box."""

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.layout import _dejavu_widths
from journeymap.layout.text import ELLIPSIS, baseline, elide_text, line_height, text_width, wrap_text

ROOT = Path(__file__).parent.parent
FONTS = ROOT / "assets" / "fonts"

SAMPLES = [
    "Sees a search ad",
    "Ça coûte trop cher — déçu",
    "Größenberatung für Läufer",
    "Ωμέγα και άλφα",
    "Жизнь прекрасна, Маша",
    "“Quoted” ‘text’ … – ‰ €",
    "Žluťoučký kůň úpěl ďábelské ódy",
]

# Accents, Greek, Cyrillic, punctuation, CJK and emoji (fallback widths), spaces and newlines.
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    + list("éèêëàâäôöûüçñßÉÀÇŒœŁłŽžĞğİı")
    + list("αβγδεζηθλμπσωΩΣΔάέ")
    + list("абвгдежзийклмнопрстуфхцчшщыэюяЖЩЯ")
    + list("—–…“”‘’•‰€")
    + list("中文字符日本語한국어")
    + ["😀", "👍", "\u0301", "\u200b"]
    + [" "] * 8 + ["\n"]
)


def _reportlab_font(bold: bool) -> str:
    pdfmetrics = pytest.importorskip("reportlab.pdfbase.pdfmetrics")
    ttfonts = pytest.importorskip("reportlab.pdfbase.ttfonts")
    name = "LayoutTestDejaVu" + ("Bold" if bold else "")
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.is_file():
        pytest.skip("DejaVu fonts are not in assets/fonts")
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(ttfonts.TTFont(name, str(path)))
    return name


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("text", SAMPLES)
def test_widths_match_the_pdf_font(text: str, bold: bool) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    name = _reportlab_font(bold)
    assert text_width(text, 10.5, bold) == pytest.approx(stringWidth(text, name, 10.5), abs=1e-6)


def test_bold_is_wider_and_width_scales_with_size() -> None:
    assert text_width("Awareness", 13, bold=True) > text_width("Awareness", 13)
    assert text_width("Awareness", 26) == pytest.approx(2 * text_width("Awareness", 13))
    assert text_width("", 10) == 0


def test_unknown_characters_get_a_wide_fallback_and_marks_none() -> None:
    m = text_width("M", 10)
    assert text_width("中", 10) == pytest.approx(10.0)  # one em
    assert text_width("\U0001F9E1", 10) > m  # an emoji DejaVu lacks
    assert text_width("e\u20dd", 10) == text_width("e", 10)  # enclosing mark: zero width


def test_generated_table_is_current() -> None:
    if not (FONTS / "DejaVuSans.ttf").is_file():
        pytest.skip("DejaVu fonts are not in assets/fonts")
    spec = importlib.util.spec_from_file_location("gen_font_metrics", ROOT / "tools" / "gen_font_metrics.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    upm, ascender, descender, widths = gen.read_font(FONTS / "DejaVuSans.ttf")
    assert gen.encode(widths) == _dejavu_widths.REGULAR
    assert (upm, ascender, descender) == (
        _dejavu_widths.UNITS_PER_EM, _dejavu_widths.ASCENDER, _dejavu_widths.DESCENDER)
    assert gen.encode(gen.read_font(FONTS / "DejaVuSans-Bold.ttf")[3]) == _dejavu_widths.BOLD


def test_wraps_at_word_boundaries() -> None:
    lines = wrap_text("Sees a search ad and clicks the first result", 100, 10, 5)
    assert len(lines) > 1
    assert " ".join(lines) == "Sees a search ad and clicks the first result"
    assert all(text_width(line, 10) <= 100 for line in lines)


def test_breaks_a_word_longer_than_the_line() -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitän"
    lines = wrap_text(word, 60, 10, 10)
    assert "".join(lines) == word
    assert all(text_width(line, 10) <= 60 for line in lines)


def test_ellipsizes_past_max_lines() -> None:
    lines = wrap_text("one two three four five six seven eight nine ten " * 4, 80, 10, 3)
    assert len(lines) == 3
    assert lines[-1].endswith(ELLIPSIS)
    assert text_width(lines[-1], 10) <= 80


def test_honours_newlines() -> None:
    assert wrap_text("first\nsecond", 200, 10, 3) == ("first", "second")
    assert wrap_text("a\n\nb", 200, 10, 3) == ("a", "", "b")
    assert wrap_text("a\nb\nc\nd", 200, 10, 2) == ("a", "b…")


def test_nothing_fits() -> None:
    assert wrap_text("", 100, 10, 3) == ()
    assert wrap_text("   ", 100, 10, 3) == ()
    assert wrap_text("text", 0, 10, 3) == ()
    assert wrap_text("text", 100, 10, 0) == ()
    assert wrap_text("W", 3, 10, 2) == ()


def test_elide() -> None:
    assert elide_text("short", 100, 10) == "short"
    cut = elide_text("a label far too long for the room it gets", 60, 8.5)
    assert cut.endswith(ELLIPSIS) and text_width(cut, 8.5) <= 60
    assert elide_text("anything", 1, 10) == ""


def test_baseline_sits_inside_the_line_box() -> None:
    top = 100.0
    assert top < baseline(top, 10) < top + line_height(10)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(ALPHABET, max_size=300),
    width=st.floats(4, 320),
    size=st.floats(6, 24),
    max_lines=st.integers(1, 6),
    bold=st.booleans(),
)
def test_no_line_is_ever_wider_than_the_box(text: str, width: float, size: float, max_lines: int, bold: bool) -> None:
    lines = wrap_text(text, width, size, max_lines, bold)
    assert len(lines) <= max_lines
    for line in lines:
        assert text_width(line, size, bold) <= width + 1e-9
    if lines and not lines[-1].endswith(ELLIPSIS) and width >= text_width(ELLIPSIS, size, bold):
        # Nothing was lost: the same characters, only whitespace differs.
        assert "".join("".join(lines).split()) == "".join(text.split())
