"""The PDF export: paper, pages, text, fonts, metadata, and text that stays where it belongs.

No display needed: the PDFs are built in memory and read back with pypdf and pdfplumber.
"""

from __future__ import annotations

import io
import random
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from journeymap import __version__
from journeymap.export.pdf import PdfOptions, estimate_page_count, export_pdf, render_pdf
from journeymap.export.pdf.bands import plan_bands
from journeymap.export.pdf.page import PAPERS
from journeymap.export.pdf.svg_icons import load_icon, parse_path
from journeymap.io import load_journey
from journeymap.layout import Rect, compute_layout
from journeymap.model import CHANNELS, Journey

SAMPLES = sorted((Path(__file__).parent.parent / "sample_journeys").glob("*.yaml"))
WORDS = [
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
]


def small_journey() -> Journey:
    j = Journey("Small map", "Three touchpoints")
    j.add_persona("Ana", description="Buys on her phone", goals=["Be quick"])
    s = j.add_stage("Awareness").id
    t = j.add_stage("Purchase").id
    a = j.add_touchpoint(s, "Sees an ad", channel="advertising", emotion=1, friction=0).id
    b = j.add_touchpoint(t, "Pays", channel="website", emotion=-1, friction=3, pain_points=["Slow"],
                         opportunities=["Wallet pay"], evidence="assumption", metrics={"csat": 3.2}).id
    c = j.add_touchpoint(t, "Gets a receipt", channel="fax", evidence="measured").id
    j.add_flow(a, b, "clicks")
    j.add_flow(b, c)
    return j


def big_journey(n: int = 200, description: int = 2000) -> Journey:
    rnd = random.Random(7)
    j = Journey("Two hundred touchpoints", "Stress test")
    stages = [j.add_stage(f"Stage {i} with a long name that has to wrap in its header").id for i in range(8)]
    ids = []
    for i in range(n):
        name = f"T{i} " + " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 16)))
        desc = " ".join(rnd.choice(WORDS) for _ in range(description // 4))[:description]
        ids.append(j.add_touchpoint(
            stages[i * len(stages) // n], name, description=desc, channel=rnd.choice([*CHANNELS, "fax"]),
            emotion=rnd.randint(-2, 2), friction=rnd.randint(0, 4), row=rnd.choice((0, 0, 1)),
            pain_points=["pain"] * rnd.randint(0, 12), opportunities=["idea"] * rnd.randint(0, 12),
            evidence=rnd.choice(["assumption", "anecdotal", "observed", "measured"])).id)
    for a, b in zip(ids, ids[1:], strict=False):
        j.add_flow(a, b, rnd.choice(["", "next", "a flow label much too long to fit between two cards"]))
    return j


@pytest.fixture(scope="module")
def big() -> Journey:
    return big_journey()


def squash(text: str) -> str:
    return "".join(text.split())


def pdf_text(data: bytes) -> str:
    return squash("".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_every_page_has_the_paper_size_and_orientation(paper: str) -> None:
    w, h = PAPERS[paper]
    for landscape in (True, False):
        rendered = render_pdf(small_journey(), PdfOptions(paper, landscape, details=True, insights=False))
        for page in PdfReader(io.BytesIO(rendered.data)).pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert size == pytest.approx((h, w) if landscape else (w, h), abs=0.01)
            assert max(size) <= 14_400


def test_unknown_paper_and_mode_are_refused() -> None:
    with pytest.raises(ValueError, match="paper"):
        PdfOptions(paper="B5")
    with pytest.raises(ValueError, match="mode"):
        PdfOptions(mode="poster")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_exports_with_names_fonts_and_metadata(sample: Path, tmp_path: Path) -> None:
    journey = load_journey(sample)
    out = tmp_path / "map.pdf"
    export_pdf(journey, out, paper="A3", landscape=True)
    reader = PdfReader(out)
    first = reader.pages[0]
    assert float(first.mediabox.width) == pytest.approx(PAPERS["A3"][1], abs=0.01)
    text = squash("".join(p.extract_text() or "" for p in reader.pages))
    missing = [tp.name for tp in journey if squash(tp.name) not in text]
    assert not missing
    meta = reader.metadata
    assert meta is not None
    assert meta.title == journey.title
    assert meta.author and meta.subject
    assert meta.creator == f"journeymap {__version__}"
    fonts = embedded_fonts(reader)
    assert fonts and all(fonts.values()), fonts
    collisions = label_collisions(journey)
    with pdfplumber.open(out) as pdf:
        for page in (pdf.pages[0], pdf.pages[-1]):  # the map, and a table page
            check_chars(page.chars, page.width, page.height, overlaps=not collisions)
    if collisions:
        pytest.xfail(f"the layout places flow labels over each other: {collisions}")


def label_collisions(journey: Journey) -> list[tuple[str, str]]:
    """Flow labels the layout itself placed over each other (drawn faithfully, so they overlap in print)."""
    flows = [f for f in compute_layout(journey).flows if f.label_text]
    return [(a.label_text, b.label_text) for i, a in enumerate(flows) for b in flows[i + 1:]
            if a.label_rect.intersects(b.label_rect)]


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use -> whether its TrueType program is embedded (FontFile2)."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        for ref in (fonts.get_object().values() if fonts else ()):
            font = ref.get_object()
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            found[str(font.get("/BaseFont"))] = bool(descriptor and "/FontFile2" in descriptor.get_object())
    return found


def test_tiles_give_more_pages_each_with_crop_marks_and_label(big: Journey) -> None:
    fitted = render_pdf(big, PdfOptions("A4", details=False, insights=False))
    tiled = render_pdf(big, PdfOptions("A4", mode="tile", details=False, insights=False))
    assert len(tiled.pages) > len(fitted.pages) == 1
    kinds = [p.kind for p in tiled.pages]
    assert kinds[0] == "overview" and set(kinds[1:]) == {"tile"}
    assert any("--tile" in w for w in fitted.warnings)
    labels = [p.label for p in tiled.pages[1:]]
    assert labels[:2] == ["A1", "A2"] and "B1" in labels
    with pdfplumber.open(io.BytesIO(tiled.data)) as pdf:
        for number in (1, 2, len(pdf.pages) - 1):
            page = pdf.pages[number]
            w, h = page.width, page.height
            assert labels[number - 1] in page.within_bbox((0, 0, w, 30)).extract_text().split()
            # crop marks: short lines in the white margin near each corner
            corners = {(x < w / 2, y < h / 2) for line in page.lines
                       for x, y in ((line["x0"], line["top"]),)
                       if (line["x0"] < 40 or line["x1"] > w - 40) and (line["top"] < 40 or line["bottom"] > h - 40)}
            assert len(corners) == 4


def test_fit_stacks_a_long_map_in_bands_cut_where_there_is_no_text() -> None:
    journey = big_journey(n=40, description=10)
    layout = compute_layout(journey)
    rendered = render_pdf(journey, PdfOptions("A3", details=False, insights=False))
    info = rendered.pages[0]
    whole = (PAPERS["A3"][1] - 60) / layout.bounds.w  # the map scaled whole to the sheet's width
    assert info.scale > 1.5 * whole
    assert set(info.cards) == set(layout.cards)  # every card once, none cut
    plan = plan_bands(layout, Rect(0, 0, 1100, 650), 4.0)
    assert len(plan.cuts) >= 1
    texts = [c.rect for c in layout.cards.values()] + [f.label_rect for f in layout.flows if f.label_text]
    assert not [r for r in texts for x in plan.cuts if r.x <= x <= r.right]


def test_page_estimate_matches_the_export(big: Journey) -> None:
    small = small_journey()
    for journey, options in ((small, PdfOptions("A4", True)), (small, PdfOptions("A3", False, "tile")),
                             (big, PdfOptions("A2", True, "tile", details=False))):
        rendered = render_pdf(journey, options)
        estimate = estimate_page_count(journey, options.paper, options.landscape, options.mode, options.details)
        assert estimate == len(rendered.pages) == len(PdfReader(io.BytesIO(rendered.data)).pages)


def test_no_text_leaves_its_card_the_page_or_overlaps(big: Journey) -> None:
    rendered = render_pdf(big, PdfOptions("A3", details=False, insights=False))
    cards = list(rendered.pages[0].cards.values())
    assert len(cards) == 200
    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        page = pdf.pages[0]
        chars = page.chars
        assert len(chars) > 5000
        check_chars(chars, page.width, page.height)
        columns: dict[int, list[Rect]] = defaultdict(list)
        for r in cards:
            for i in range(int(r.x // 10), int(r.right // 10) + 1):
                columns[i].append(r)
        for ch in chars:
            cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["y0"] + ch["y1"]) / 2
            for r in columns[int(cx // 10)]:
                if r.x <= cx <= r.right and r.y <= cy <= r.bottom:
                    eps = 0.01
                    assert r.x - eps <= ch["x0"] and ch["x1"] <= r.right + eps, ch["text"]
                    assert r.y - eps <= ch["y0"] and ch["y1"] <= r.bottom + eps, ch["text"]


def check_chars(chars: list[dict], width: float, height: float, overlaps: bool = True) -> None:
    """Every char box lies on the page, and (if `overlaps`) no two char boxes overlap beyond rounding."""
    buckets: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)
    cell = 20.0
    for ch in chars:
        if not ch["text"].strip():
            continue
        x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
        assert x0 >= 0 and x1 <= width and top >= 0 and bottom <= height, ch["text"]
        if not overlaps:
            continue
        # shrink a little: neighbours in a word touch, and pdfplumber rounds
        dx, dy = (x1 - x0) * 0.08, (bottom - top) * 0.08
        box = (x0 + dx, x1 - dx, top + dy, bottom - dy)
        for i in range(int(box[0] // cell), int(box[1] // cell) + 1):
            for j in range(int(box[2] // cell), int(box[3] // cell) + 1):
                for other in buckets[(i, j)]:
                    overlap = box[0] < other[1] and other[0] < box[1] and box[2] < other[3] and other[2] < box[3]
                    assert not overlap, f"text overlaps at {box}, {other}"
                buckets[(i, j)].append(box)


def test_details_pages_keep_text_on_the_page() -> None:
    journey = big_journey(n=40, description=2000)
    rendered = render_pdf(journey, PdfOptions("A4", False))
    with pdfplumber.open(io.BytesIO(rendered.data)) as pdf:
        for page in pdf.pages[1:4] + pdf.pages[-2:]:
            check_chars(page.chars, page.width, page.height)


def test_markup_characters_print_literally() -> None:
    j = Journey("Tom & Jerry <b>map</b>")
    s = j.add_stage("Stage <i>one</i>").id
    j.add_touchpoint(s, "Pays <b>twice</b> & leaves", pain_points=["a < b & c > d"], owner="R&D")
    rendered = render_pdf(j, PdfOptions("A4"))
    text = pdf_text(rendered.data)
    for literal in ("Tom&Jerry<b>map</b>", "Pays<b>twice</b>&leaves", "a<b&c>d", "R&D", "Stage<i>one</i>"):
        assert squash(literal) in text
    assert PdfReader(io.BytesIO(rendered.data)).metadata.title == "Tom & Jerry <b>map</b>"


def test_accented_greek_cyrillic_print_and_cjk_emoji_warn() -> None:
    j = Journey("Café")
    s = j.add_stage("Étape").id
    j.add_touchpoint(s, "Ελληνικά и кириллица – “quotes”", id="fine")
    j.add_touchpoint(s, "注文する", id="cjk")
    j.add_touchpoint(s, "Happy 📦", id="emoji")
    rendered = render_pdf(j, PdfOptions("A4"))
    assert squash("Ελληνικά и кириллица – “quotes”") in pdf_text(rendered.data)
    assert len(rendered.warnings) == 2
    assert "touchpoint 'cjk' (注文する)" in rendered.warnings[0] and "U+6CE8" in rendered.warnings[0]
    assert "touchpoint 'emoji'" in rendered.warnings[1] and "U+1F4E6" in rendered.warnings[1]


def test_empty_journey_exports(tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    assert export_pdf(Journey("Nothing yet"), out, mode="tile") == []
    assert len(PdfReader(out).pages) >= 2


def test_every_bundled_channel_and_emotion_icon_prints_as_vectors() -> None:
    from journeymap import resources

    paths = [resources.channel_icon_path(c) for c in [*CHANNELS, "custom text"]]
    paths += [resources.emotion_icon_path(e) for e in (-2, -1, 0, 1, 2)]
    assert all(load_icon(p) is not None for p in paths)


def test_svg_reader_knows_its_subset_and_refuses_the_rest(tmp_path: Path) -> None:
    assert parse_path("M3 4h2v1l1-1c0 1 1 1 1 0s1-1 1 0z") == (
        ("M", (3.0, 4.0)), ("L", (5.0, 4.0)), ("L", (5.0, 5.0)), ("L", (6.0, 4.0)),
        ("C", (6.0, 5.0, 7.0, 5.0, 7.0, 4.0)), ("C", (7.0, 3.0, 8.0, 3.0, 8.0, 4.0)), ("Z", ()))
    arc = tmp_path / "arc.svg"
    arc.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 1a2 2 0 0 1 4 4"/></svg>')
    assert load_icon(arc) is None  # the caller then draws its own glyph


def test_a_row_taller_than_a_page_is_split_not_looped_on() -> None:
    j = Journey("Tall row")
    j.add_touchpoint(j.add_stage("S").id, "x" * 300, pain_points=["p" * 1000] * 12)
    rendered = render_pdf(j, PdfOptions("A4", False))
    assert rendered.warnings == [] and len(rendered.pages) > 4
    assert pdf_text(rendered.data).count("p" * 20) > 400
