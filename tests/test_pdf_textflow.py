"""The text pages' own typesetting: markup, line breaking and how tables flow over pages."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from journeymap.export.pdf import PdfOptions, estimate_page_count, fonts, render_pdf
from journeymap.export.pdf.textflow import Gap, Keep, Placed, Row, Table, paginate
from journeymap.export.pdf.rich import Para, TextStyle, parse_markup, word_width
from journeymap.layout.geometry import Rect
from journeymap.model import Journey

fonts.register_fonts()
BODY = TextStyle(fonts.REGULAR, 10.0, 12.0)
FRAME = Rect(0, 0, 300, 120)  # ten lines of BODY


def texts(para: Para, width: float) -> list[str]:
    return ["".join(chunk for _, chunk, _ in line.segments) for line in para.lines(width)]


def test_markup_gives_fonts_escapes_and_hard_breaks() -> None:
    assert parse_markup("a <b>bold</b> &amp; <i>it</i><br/>R&amp;D &lt;x&gt;", fonts.REGULAR) == [
        [("a ", fonts.REGULAR), ("bold", fonts.BOLD), (" & ", fonts.REGULAR), ("it", fonts.OBLIQUE)],
        [("R&D <x>", fonts.REGULAR)],
    ]
    # italic inside a bold paragraph prints bold (no bold-oblique face is embedded)
    assert parse_markup("<i>x</i>", fonts.BOLD) == [[("x", fonts.BOLD)]]


def test_lines_break_between_words_within_the_width() -> None:
    para = Para("one two three four five six seven eight nine ten", BODY)
    width = word_width("one two three four", fonts.REGULAR, 10)
    lines = para.lines(width)
    got = texts(para, width)
    assert got[0] == "one two three four" and " ".join(got) == para.markup
    assert all(line.width <= width for line in lines)
    for line, following in zip(got, got[1:], strict=False):  # greedy: the next word would not have fitted
        assert word_width(f"{line} {following.split()[0]}", fonts.REGULAR, 10) > width


def test_spaces_collapse_but_no_break_spaces_hold() -> None:
    para = Para("a   b\u00a0c  ", BODY)
    assert texts(para, 1000) == ["a b\u00a0c"]
    narrow = word_width("a b", fonts.REGULAR, 10)
    assert texts(para, narrow) == ["a", "b\u00a0c"]


def test_a_word_wider_than_the_line_breaks_between_characters() -> None:
    para = Para("x" * 50, BODY)
    width = word_width("x" * 12, fonts.REGULAR, 10) + 0.01
    assert texts(para, width) == ["x" * 12] * 4 + ["x" * 2]


def test_a_word_may_change_font_without_a_space() -> None:
    line = Para("<b>13%</b>, then", BODY).lines(1000)[0]
    assert [(chunk, font) for _, chunk, font in line.segments] == [("13%", fonts.BOLD), (", then", fonts.REGULAR)]
    assert line.segments[1][0] == pytest.approx(word_width("13%", fonts.BOLD, 10))


def table(rows: list[Row]) -> Table:
    return Table([150, 150], Row([[Para("H1", BODY)], [Para("H2", BODY)]], fill="#333333"), rows, pad=1.0)


def one_line_row(text: str, **kw: object) -> Row:
    return Row([[Para(text, BODY)], [Para("", BODY)]], **kw)  # type: ignore[arg-type]


def row_texts(page: list[Placed]) -> list[str]:
    return [p.cells[0][0][1].segments[0][1] if p.cells and p.cells[0] else "" for p in page if p.kind == "row"]


def test_the_header_opens_every_page_and_no_row_is_lost() -> None:
    rows = [one_line_row(f"r{i}") for i in range(20)]
    pages = paginate([table(rows)], FRAME)
    assert len(pages) > 2
    seen = [t for page in pages for t in row_texts(page)]
    assert [t for t in seen if t != "H1"] == [f"r{i}" for i in range(20)]
    assert all(row_texts(page)[0] == "H1" for page in pages)
    assert all(p.y + p.height <= FRAME.h + 1e-6 for page in pages for p in page)
    assert [p.last for p in pages[-1]][-1] and not any(p.last for page in pages[:-1] for p in page)


def test_a_stage_row_never_ends_a_page_alone() -> None:
    rows = [one_line_row(f"r{i}") for i in range(7)] + [one_line_row("stage", keep_with_next=True),
                                                        one_line_row("first")]
    pages = paginate([table(rows)], FRAME)  # the header and 8 rows fill the first page (14 pt each)
    assert row_texts(pages[0])[-1] == "r6"
    assert row_texts(pages[1]) == ["H1", "stage", "first"]


def test_a_row_taller_than_a_page_continues_line_by_line() -> None:
    tall = Row([[Para("<br/>".join(f"line {i}" for i in range(25)), BODY)], [Para("short", BODY)]])
    pages = paginate([Para("Intro", BODY), table([tall])], FRAME)
    pieces = [len(p.cells[0]) for page in pages for p in page if p.row is tall]
    assert len(pieces) >= 3 and sum(pieces) == 25
    assert len(pages) >= 3 and all(p.y + p.height <= FRAME.h + 1e-6 for page in pages for p in page)


def test_a_keep_group_moves_whole_and_gaps_vanish_at_the_top() -> None:
    filler = Para("<br/>".join("x" * 8), BODY)  # 8 of the 10 lines
    section = Keep([Gap(12), Para("Heading", BODY), table([one_line_row("a"), one_line_row("b")])], whole=100)
    pages = paginate([filler, section], FRAME)
    assert len(pages) == 2 and pages[1][0].kind == "para" and pages[1][0].y == 0
    assert row_texts(pages[1]) == ["H1", "a", "b"]


def test_paragraphs_split_between_lines() -> None:
    para = Para("<br/>".join(str(i) for i in range(25)), BODY)
    pages = paginate([para], FRAME)
    assert [sum(len(p.lines) for p in page) for page in pages] == [10, 10, 5]


def test_details_pages_count_matches_and_every_word_prints() -> None:
    j = Journey("Flow")
    stage = j.add_stage("Only").id
    words = [f"w{i:04d}" for i in range(600)]
    j.add_touchpoint(stage, "Long one", description="short", pain_points=[" ".join(words)] * 3)
    for i in range(30):
        j.add_touchpoint(stage, f"Step {i}", emotion=1, friction=2, owner="Team  <R&D>")
    rendered = render_pdf(j, PdfOptions("A4", False, insights=False))
    assert len(rendered.pages) == estimate_page_count(j, "A4", False, insights=False)
    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        body = " ".join(page.extract_text() for page in pdf.pages[1:])
    # three times in the touchpoint's row, three in its stage's summary row
    assert [body.count(w) for w in words[::37]] == [6] * len(words[::37])
    assert body.count("<R&D>") == 30 and "&amp;" not in body
