"""The map written as kept PDF operators: the same text on every sheet it reaches, state set once,
symbols drawn as forms, and pages that read back like the ones reportlab's canvas draws."""

from __future__ import annotations

import io
from collections.abc import Callable

import pdfplumber
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas
from test_pdf_export import big_journey, squash

from journeymap.export.pdf import PdfOptions, fonts, render_pdf
from journeymap.export.pdf.pdfops import MAX_SYMBOL_FORMS, OpsWriter, origin_of, place
from journeymap.export.pdf.session import PdfSession
from journeymap.layout import Rect, compute_layout
from journeymap.model import Journey


def _session() -> tuple[PdfSession, io.BytesIO]:
    fonts.register_fonts()
    buffer = io.BytesIO()
    return PdfSession(Canvas(buffer, pagesize=(400, 300), initialFontName=fonts.REGULAR, pageCompression=0)), buffer


def test_writer_sets_each_state_once_and_again_after_forget() -> None:
    session, _ = _session()
    w = OpsWriter(session)
    for x in range(3):
        w.rect(Rect(x * 10, 0, 5, 5), fill="#FF0000", stroke="#0000FF", width=2.0)
        w.text(x * 10, 20, "hi", fill="#FF0000")
    ops = w.take().text
    assert ops.count(" rg") == 1 and ops.count(" RG") == 1 and ops.count(" w") == 1
    assert ops.count(" Tf") == 1 and ops.count("BT ") == 3
    w.rect(Rect(0, 0, 5, 5), fill="#FF0000")
    w.forget()
    w.rect(Rect(0, 0, 5, 5), fill="#FF0000")
    assert w.take().text.count(" rg") == 2  # `take` forgot too: the next piece sets its own state


def test_placed_text_reads_back_where_it_was_drawn() -> None:
    session, buffer = _session()
    w = OpsWriter(session)
    w.text(100, 50, "Left", size=10)
    w.text(100, 80, "Middle", size=10, anchor="middle")
    w.text(100, 110, "Right", size=10, anchor="end")
    place(session, 2.0, 10.0, 290.0, [w.take()])  # user (x, y) -> page (10 + 2x, 290 - 2y)
    session.end_page()
    session.save()
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
        page = pdf.pages[0]
        words = {wd["text"]: wd for wd in page.extract_words()}
    assert set(words) == {"Left", "Middle", "Right"}
    assert abs(words["Left"]["x0"] - 210) < 0.1
    assert abs((words["Middle"]["x0"] + words["Middle"]["x1"]) / 2 - 210) < 0.1
    assert abs(words["Right"]["x1"] - 210) < 0.1
    # baseline at page y 290 - 2·50 = 190 from the bottom, i.e. 110 from the top; size 20 on paper
    assert abs(words["Left"]["bottom"] - 110) < 20 * 0.3
    assert abs(page.chars[0]["size"] - 20) < 0.01


def test_a_symbol_is_one_form_until_the_limit_then_inline() -> None:
    session, _ = _session()
    w = OpsWriter(session)
    calls: list[int] = []

    def draw(i: int) -> Callable[[OpsWriter], None]:
        def inner(q: OpsWriter) -> None:
            calls.append(i)
            q.rect(Rect(0, 0, 4, 4), fill="#00FF00")
        return inner

    for _ in range(3):
        w.symbol(("sq", 0), 5, 5, Rect(-1, -1, 6, 6), draw(0))
    ops, forms, _ = w.take()
    assert calls == [0] and forms == ("jmSymbol0",) and ops.count(" Do") == 3
    for i in range(1, MAX_SYMBOL_FORMS + 2):
        w.symbol(("sq", i), 5, 5, Rect(-1, -1, 6, 6), draw(i))
    ops, forms, _ = w.take()
    assert len(forms) == MAX_SYMBOL_FORMS - 1  # the others are written out where they are used
    assert ops.count(" Do") == MAX_SYMBOL_FORMS - 1 and ops.count(" re f*") == 2


def test_every_sheet_carries_the_text_of_the_cards_it_shows() -> None:
    journey = big_journey(n=60, description=10)
    rendered = render_pdf(journey, PdfOptions("A4", mode="tile", details=False, insights=False))
    names = {tp.id: tp.name for tp in journey}
    tiles = [(n, info) for n, info in enumerate(rendered.pages) if info.kind == "tile"]
    assert len({tp for _, info in tiles for tp in info.cards}) > len(names) / 2
    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        for number, info in tiles:
            page = pdf.pages[number]
            for tp_id, r in info.cards.items():
                # the card's box in pdfplumber's top-down coordinates
                inside = page.within_bbox((r.x, page.height - r.bottom, r.right, page.height - r.y))
                first_word = names[tp_id].split()[0]
                assert first_word in (inside.extract_text() or ""), (info.label, tp_id)


def test_overview_and_sheets_share_symbols_and_keep_all_names() -> None:
    journey = big_journey(n=60, description=10)
    rendered = render_pdf(journey, PdfOptions("A4", mode="tile", details=False, insights=False))
    reader = PdfReader(io.BytesIO(rendered.data))
    overview = reader.pages[0]
    text = squash(overview.extract_text() or "")
    assert all(squash(card.name_lines[0]) in text for card in compute_layout(journey).cards.values())
    symbols = [name for name in overview["/Resources"]["/XObject"] if "jmSymbol" in name]
    assert symbols
    on_overview = overview["/Resources"]["/XObject"]
    on_sheet = reader.pages[1]["/Resources"]["/XObject"]
    # a sheet draws the very objects the overview draws, not copies of its own
    assert [n for n in symbols if n in on_sheet and on_sheet.raw_get(n) == on_overview.raw_get(n)]


def test_a_map_exports_twice_in_one_process_the_same() -> None:
    j = Journey("Twice")
    s = j.add_stage("S").id
    for i in range(12):
        j.add_touchpoint(s, f"Step {i}", channel="email", emotion=i % 5 - 2, friction=i % 5, pain_points=["p"])
    first = PdfReader(io.BytesIO(render_pdf(j, PdfOptions("A4", mode="tile")).data))
    second = PdfReader(io.BytesIO(render_pdf(j, PdfOptions("A4", mode="tile")).data))
    assert len(first.pages) == len(second.pages)
    for a, b in zip(first.pages, second.pages, strict=False):
        assert a.get_contents().get_data() == b.get_contents().get_data()


def test_far_along_a_long_map_text_lands_where_the_layout_says() -> None:
    session, buffer = _session()
    s, far = 1.000716, 987_829.0  # a tile's scale, a layout x near the end of a 5,000-touchpoint poster
    ox = 50.0 - s * far  # the tile that shows `far` at page x 50
    w = OpsWriter(session)
    w.move_origin(origin_of(far))
    w.text(far, 100, "Far", size=10)
    place(session, s, ox, 290.0, w.take_all())
    session.end_page()
    session.save()
    assert "987829" not in buffer.getvalue().decode("latin-1")  # written from a local origin
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
        word = pdf.pages[0].extract_words()[0]
    assert word["text"] == "Far" and abs(word["x0"] - 50.0) < 0.01
