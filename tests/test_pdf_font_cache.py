"""The parsed fonts are remembered between runs, and a bad or unwritable cache only costs time."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymap import resources
from journeymap.export.pdf import font_cache
from journeymap.export.pdf.fonts import REGULAR
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(tmp_path))
    return tmp_path / "fonts"


def same_face(a: TTFontFace, b: TTFontFace) -> None:
    for name in ("name", "charToGlyph", "charWidths", "hmetrics", "glyphPos", "table", "unitsPerEm", "ascent",
                 "descent", "bbox", "flags", "italicAngle", "defaultWidth"):
        assert getattr(a, name) == getattr(b, name), name
    assert a.name.ustr == b.name.ustr
    if hasattr(a, "_pdfScale") and hasattr(b, "_pdfScale"):  # a face parsed by reportlab 4.0 has none
        assert a._pdfScale(2048) == b._pdfScale(2048)


def test_a_face_is_parsed_once_then_read_back_the_same(cache: Path) -> None:
    path = resources.font_path("bold")
    parsed = TTFontFace(str(path))
    first = font_cache.load_face(path)
    assert (cache / "DejaVuSans-Bold.marshal").is_file()
    again = font_cache.load_face(path)
    same_face(again, parsed)
    same_face(first, parsed)
    assert again._ttf_data == path.read_bytes()


@pytest.mark.parametrize("content", [b"", b"not marshal at all", b"\x00" * 100])
def test_a_damaged_entry_is_ignored_and_written_anew(cache: Path, content: bytes) -> None:
    path = resources.font_path("oblique")
    cache.mkdir(parents=True)
    entry = cache / "DejaVuSans-Oblique.marshal"
    entry.write_bytes(content)
    same_face(font_cache.load_face(path), TTFontFace(str(path)))
    assert entry.read_bytes() != content


def test_an_entry_for_another_file_is_not_used(cache: Path, tmp_path: Path) -> None:
    copy = tmp_path / "DejaVuSans.ttf"
    copy.write_bytes(resources.font_path("regular").read_bytes())
    font_cache.load_face(copy)
    other = resources.font_path("bold").read_bytes()
    copy.write_bytes(other)  # same name, another font: size and time differ
    assert font_cache.load_face(copy).name.ustr == "DejaVuSans-Bold"


def test_an_unwritable_cache_folder_still_gives_the_face(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(blocker))  # fonts/ cannot be made under a file
    face = font_cache.load_face(resources.font_path("regular"))
    assert face.name.ustr == "DejaVuSans"


def test_text_set_with_the_registered_font_embeds_it() -> None:
    # The registered fonts come from the cache (the session's) and still embed as subsets.
    from journeymap.export.pdf.fonts import register_fonts

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=REGULAR)
    canvas.setFont(REGULAR, 12)
    canvas.drawString(72, 720, "Größe ✓ Ωmega")
    canvas.save()
    page = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    assert "Größe ✓ Ωmega" in page.extract_text()
    fonts = page["/Resources"]["/Font"]
    assert all("/FontFile2" in f.get_object()["/FontDescriptor"] for f in
               [d.get_object()["/DescendantFonts"][0] if "/DescendantFonts" in d.get_object() else d
                for d in fonts.values()])
    assert pdfmetrics.getFont(REGULAR).face.filename.endswith("DejaVuSans.ttf")


def test_the_cache_folder_is_platformdirs_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("JOURNEYMAP_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    expected = Path(platformdirs.user_cache_dir("journeymap", appauthor=False)) / "fonts"
    assert font_cache.cache_folder() == expected
