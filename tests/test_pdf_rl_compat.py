"""reportlab's internals that the PDF export relies on (journeymap.export.pdf.rl_compat).

Each test exercises one access the way the export uses it, so a reportlab upgrade that
changes one fails here, by name, instead of as a subtly wrong PDF.
"""

from __future__ import annotations

import inspect
import io
import re
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas

from journeymap import resources
from journeymap.export.pdf import fonts, rl_compat

ROOT = Path(__file__).parent.parent


def _canvas() -> tuple[Canvas, io.BytesIO]:
    fonts.register_fonts()
    buffer = io.BytesIO()
    return Canvas(buffer, pagesize=(300, 200), initialFontName=fonts.REGULAR, pageCompression=0), buffer


def _texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_installed_reportlab_is_a_major_version_checked_and_allowed() -> None:
    major = int(rl_compat.reportlab_version().split(".")[0])
    assert major in rl_compat.MAJOR_VERSIONS, (
        f"reportlab {rl_compat.reportlab_version()} is not among the checked major versions; "
        "re-check every access in journeymap/export/pdf/rl_compat.py")
    assert {int(v.split(".")[0]) for v in rl_compat.CHECKED_VERSIONS} == set(rl_compat.MAJOR_VERSIONS)
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    bound = next(d for d in dependencies if d.startswith("reportlab"))
    low, high = re.fullmatch(r"reportlab>=(\d+),<(\d+)", bound.split()[0]).groups()  # type: ignore[union-attr]
    assert (int(low), int(high) - 1) == (min(rl_compat.MAJOR_VERSIONS), max(rl_compat.MAJOR_VERSIONS))


def test_document_of_is_the_document_reportlab_writes_text_and_forms_into() -> None:
    canvas, _ = _canvas()
    doc = rl_compat.document_of(canvas)
    assert canvas.beginText()._doc is doc  # reportlab's own text objects use the same one
    font = pdfmetrics.getFont(fonts.REGULAR)
    (subset, chunk), = font.splitString("Größe", doc)
    assert font.getSubsetInternalName(subset, doc).startswith("/F") and len(chunk) == 5
    assert isinstance(doc.getXObjectName("jmProbe"), str)
    assert isinstance(doc.getInternalFontName("Helvetica"), str)


def test_page_forms_lists_the_forms_of_the_open_page_and_of_an_open_form() -> None:
    canvas, buffer = _canvas()
    canvas.beginForm("inner")
    canvas.rect(0, 0, 5, 5)
    canvas.endForm()
    canvas.beginForm("outer")
    assert rl_compat.page_forms(canvas) == []  # an open form has its own list
    canvas.doForm("inner")
    assert rl_compat.page_forms(canvas) == ["inner"]
    canvas.endForm()
    canvas.addLiteral(f"/{rl_compat.document_of(canvas).getXObjectName('outer')} Do")
    rl_compat.page_forms(canvas).append("outer")  # what `pdfops.place` does for its literal operators
    canvas.showPage()
    assert rl_compat.page_forms(canvas) == []  # a new list for the next page
    canvas.save()
    resources_ = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]["/Resources"]
    assert any("outer" in str(name).lower() for name in resources_["/XObject"])


def test_kept_pages_come_back_in_order_to_be_finished() -> None:
    canvas, buffer = _canvas()
    kept = []
    for text in ("first", "second"):
        canvas.drawString(10, 100, text)
        kept.append(rl_compat.keep_page(canvas))
    assert canvas.getPageNumber() == 3
    for number, state in enumerate(kept, start=1):
        rl_compat.restore_page(canvas, state)
        canvas.drawString(10, 50, f"page {number} of {len(kept)}")
        canvas.showPage()
    canvas.save()
    texts = _texts(buffer.getvalue())
    assert len(texts) == 2
    assert "first" in texts[0] and "page 1 of 2" in texts[0] and "second" not in texts[0]
    assert "second" in texts[1] and "page 2 of 2" in texts[1]


def test_append_text_writes_what_text_out_writes_without_measuring() -> None:
    canvas, buffer = _canvas()
    ours, theirs = canvas.beginText(), canvas.beginText()
    for t in (ours, theirs):
        t.setFont(fonts.REGULAR, 10)
        t.setTextOrigin(20, 100)
    rl_compat.append_text(ours, "Ωmega ✓")
    theirs.textOut("Ωmega ✓")
    assert ours.getCode() == theirs.getCode()
    canvas.drawText(ours)
    canvas.showPage()
    canvas.save()
    assert "Ωmega ✓" in _texts(buffer.getvalue())[0]


def test_is_subset_font_tells_truetype_from_the_standard_fonts() -> None:
    fonts.register_fonts()
    assert rl_compat.is_subset_font(pdfmetrics.getFont(fonts.REGULAR))
    assert not rl_compat.is_subset_font(pdfmetrics.getFont("Helvetica"))


def test_ttfont_takes_the_face_it_is_handed_and_parses_nothing() -> None:
    assert "TTFontFace(" in inspect.getsource(TTFont.__init__), "TTFont.__init__ no longer builds its face so"
    face = TTFontFace(str(resources.font_path("regular")))
    before = ttfonts.TTFontFace
    with rl_compat.ttfont_parsing_as(face):
        font = TTFont("JM-Probe", "no/such/file.ttf")
    assert font.face is face
    assert ttfonts.TTFontFace is before


def test_a_face_rebuilt_from_its_attributes_draws_the_same_text() -> None:
    path = resources.font_path("regular")
    parsed = TTFontFace(str(path))
    attributes, names = rl_compat.face_attributes(parsed)
    rebuilt = rl_compat.face_from_attributes(attributes, names, str(path), path.read_bytes())
    assert rebuilt is not None
    assert rebuilt.charToGlyph == parsed.charToGlyph and rebuilt.name.ustr == parsed.name.ustr
    if hasattr(parsed, "_pdfScale"):  # reportlab 4.0 has none (it scales widths inline)
        assert rebuilt._pdfScale(2048) == parsed._pdfScale(2048)
    assert rebuilt.makeSubset([0, 65, 66]) == parsed.makeSubset([0, 65, 66])
    incomplete = {k: v for k, v in attributes.items() if k != "charToGlyph"}
    assert rl_compat.face_from_attributes(incomplete, names, str(path), b"") is None


@pytest.mark.parametrize("name", ["document_of", "page_forms", "keep_page", "append_text", "is_subset_font",
                                  "ttfont_parsing_as", "face_attributes", "face_from_attributes"])
def test_every_access_says_which_versions_were_checked(name: str) -> None:
    doc = inspect.getdoc(getattr(rl_compat, name)) or ""
    assert "Why:" in doc or "Reads" in doc or "Makes" in doc, name
    assert all(version in doc for version in rl_compat.CHECKED_VERSIONS), name


def test_no_other_module_touches_reportlab_internals() -> None:
    pattern = re.compile(r"canvas\._|\._doc\b|_formsinuse|_dynamicFont|_formatText|\._code\b|_startPage"
                         r"|ttfonts\.TTFontFace\s*=|TTFontFace\.__new__|_ttf_data|_pdfScale|_jm_")
    wrong = []
    for path in sorted((ROOT / "journeymap").rglob("*.py")):
        if path.name == "rl_compat.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                wrong.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not wrong, "\n".join(wrong)
