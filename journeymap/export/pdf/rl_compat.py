"""Every use of reportlab's private attributes and functions, in one place.

The PDF export is fast because it writes page content itself and keeps the parsed
fonts between runs; both need a few of reportlab's internals. They are touched here
and nowhere else, each behind a function whose docstring says what it reaches, why,
and in which reportlab versions it was checked. `tests/test_pdf_rl_compat.py` fails
loudly, naming the access, when an upgrade changes one of them; pyproject bounds
reportlab to the major versions listed in `CHECKED_VERSIONS`.

Checked (read in the source and run through the PDF tests) with reportlab 4.4.10 and
5.1.0: every access below is the same in both. The PDF tests pass with 4.0.9 too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import Font
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

__all__ = [
    "CHECKED_VERSIONS",
    "PageState",
    "append_text",
    "document_of",
    "face_attributes",
    "face_from_attributes",
    "is_subset_font",
    "keep_page",
    "page_forms",
    "restore_page",
    "ttfont_parsing_as",
]

#: The reportlab versions every access here was checked with.
CHECKED_VERSIONS = ("4.4.10", "5.1.0")
#: The major versions pyproject allows (`reportlab>=4,<6`).
MAJOR_VERSIONS = (4, 5)

#: A page's drawing state, kept until the document's page count is known.
PageState = dict[str, Any]


def reportlab_version() -> str:
    """The installed reportlab version, as reportlab reports it."""
    return str(reportlab.Version)


# -- the canvas and its document

def document_of(canvas: Canvas) -> Any:
    """The canvas's `PDFDocument` (`canvas._doc`).

    Why: text in a TrueType font is written as codes of the font's subsets, and forms
    are named, per document (`font.splitString(text, doc)`,
    `font.getSubsetInternalName(subset, doc)`, `doc.getXObjectName(name)`,
    `doc.getInternalFontName(font)`); `pdfops` writes operators straight into strings,
    so it needs the document that reportlab's own text objects use (`PDFTextObject`
    itself reads `canvas._doc`). Checked: 4.4.10, 5.1.0 (set in `Canvas.__init__`,
    one per canvas).
    """
    return canvas._doc  # noqa: SLF001


def page_forms(canvas: Canvas) -> list[str]:
    """The list of form XObjects the open page (or the open form) uses (`canvas._formsinuse`).

    Why: operators written with `canvas.addLiteral` draw forms with `/Name Do`, which
    reportlab does not see; a form not in this list is not put in the page's resources.
    `canvas.doForm` appends to the same list. The list is replaced at every page end
    and while a form is open (`beginForm`/`endForm`), so it is read at each use, never
    kept. Checked: 4.4.10, 5.1.0.
    """
    forms: list[str] = canvas._formsinuse  # noqa: SLF001
    return forms


def keep_page(canvas: Canvas) -> PageState:
    """Set the finished page aside and start a fresh one (`canvas.__dict__`, `canvas._startPage`).

    Why: each page says 'page 3 of 9', which is known only when the last page is drawn;
    reportlab writes a page out at `showPage`. The canvas's whole state (the page's
    operators, forms, annotations, graphics state) is copied, then `_startPage` readies
    the next page exactly as `showPage` would after writing. `restore_page` puts a kept
    page back before it is finished and written. This is the technique of reportlab's
    own "page n of m" recipe. Checked: 4.4.10, 5.1.0 (`_startPage` resets the page
    accumulators, the graphics state and the state stack; page size changes are applied).
    """
    state = dict(canvas.__dict__)
    canvas._startPage()  # noqa: SLF001
    return state


def restore_page(canvas: Canvas, state: PageState) -> None:
    """Make a page kept by `keep_page` the open page again, to finish and show it."""
    canvas.__dict__.update(state)


# -- text objects

def append_text(text_object: PDFTextObject, chunk: str) -> None:
    """Show `chunk` at the text object's current origin (`_formatText`, `_code`).

    Why: `textOut` would measure the text again only to move a cursor the table pages
    never use (they place every line with `setTextOrigin`); the table pages set tens of
    thousands of lines. `_formatText` makes the same operators (`Tj`, with the font's
    subsets) that `textOut` appends to `_code`. Checked: 4.4.10, 5.1.0.
    """
    text_object._code.append(text_object._formatText(chunk))  # noqa: SLF001


# -- fonts

def is_subset_font(font: Font) -> bool:
    """True for a font reportlab embeds as subsets (TrueType), whose text is written as subset codes.

    Reads `font._dynamicFont`, the flag reportlab's own text objects test for the same
    choice. Checked: 4.4.10, 5.1.0 (1 on `TTFont`, 0 on the standard Type 1 fonts).
    """
    return bool(font._dynamicFont)  # noqa: SLF001


_PARSE_LOCK = threading.Lock()


@contextmanager
def ttfont_parsing_as(face: TTFontFace) -> Iterator[None]:
    """While open, `TTFont.__init__` takes `face` instead of parsing its file (swaps `ttfonts.TTFontFace`).

    Why: `TTFont.__init__` parses the TrueType file with `ttfonts.TTFontFace(filename, …)`
    (60 ms for the three DejaVu faces); `font_cache` keeps the parsed face between runs.
    The module name is swapped back on leaving, and a lock keeps two threads from
    registering fonts through it at once. Checked: 4.4.10, 5.1.0 (`TTFont.__init__`
    builds `self.face = TTFontFace(filename, validate=…, subfontIndex=…)` and
    nothing else from the file).
    """
    with _PARSE_LOCK:
        parse: Callable[..., TTFontFace] = ttfonts.TTFontFace
        ttfonts.TTFontFace = lambda *_args, **_kwargs: face
        try:
            yield
        finally:
            ttfonts.TTFontFace = parse


#: Attributes of a parsed face that are reportlab name strings (bytes with a `ustr`).
FACE_NAMES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")
#: Attributes a face must have to be usable (the check that a rebuilt face is complete).
FACE_REQUIRED = ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "table", "unitsPerEm", "numGlyphs",
                 "defaultWidth", *FACE_NAMES)
#: What `face_attributes` leaves out: the file's bytes, a function, the path and the names.
_FACE_UNKEPT = {"_ttf_data", "_pdfScale", "filename", *FACE_NAMES}


def face_attributes(face: TTFontFace) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a parsed face holds as plain data: (attributes, names as text), for `marshal`.

    Reads the face's `__dict__`: a `TTFontFace` is its parsed tables (metrics, the
    character-to-glyph map, glyph offsets), plain numbers, strings, lists and dicts,
    plus the file's bytes (`_ttf_data`) and a scaling function (`_pdfScale`), which
    are left out and rebuilt by `face_from_attributes`. Checked: 4.4.10, 5.1.0.
    """
    attributes = {k: v for k, v in face.__dict__.items() if k not in _FACE_UNKEPT}
    names = {k: getattr(face, k).ustr for k in FACE_NAMES}
    return attributes, names


def face_from_attributes(attributes: dict[str, Any], names: dict[str, Any], path: str,
                         data: bytes) -> TTFontFace | None:
    """A `TTFontFace` rebuilt from `face_attributes` and the file's bytes; None if incomplete.

    Makes the object without parsing (`TTFontFace.__new__`), fills its `__dict__`, and
    sets what parsing sets besides the tables: the file's bytes (`_ttf_data`, which
    subsetting cuts from), `filename` and `_pdfScale` (font units to 1/1000 em, as
    `TTFontFile.extractInfo` makes it). Checked: 4.4.10, 5.1.0 (4.0.9 has no
    `_pdfScale`; the attribute is unused there, and its export tests pass too).
    """
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(attributes)
    face.__dict__.update({k: TTFNameBytes(v.encode("utf8")) for k, v in names.items() if isinstance(v, str)})
    if any(not hasattr(face, name) for name in FACE_REQUIRED):
        return None
    face._ttf_data = data  # noqa: SLF001
    face.filename = path
    units = face.unitsPerEm
    face._pdfScale = (lambda x: x) if units == 1000 else (lambda x: x * (1000 / units))  # noqa: SLF001
    return face
