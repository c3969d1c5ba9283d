"""One PDF document being drawn: its canvas, its pages held for numbering, and what is made once.

A `PdfSession` is created per document (`render_pdf`, `count_pages`) and handed to every
writer: the `Painter`s and `OpsWriter`s that draw on it, and the page finishers. What a
writer makes once per document and reuses on every page — the symbols and icons drawn as
form XObjects, text already turned into subset codes, the kept operators of a map — lives
here, in typed fields, not on the reportlab canvas.

Pages are held until the document is complete, so each can say 'page 3 of 9': `end_page`
sets the drawn page aside with its finisher, `save` finishes every page with the total
known and writes the document.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from reportlab.pdfgen.canvas import Canvas

from journeymap.export.pdf import rl_compat

if TYPE_CHECKING:
    from journeymap.export.pdf.pdfops import Symbol
    from journeymap.export.pdf.svg_icons import Icon

#: Draws on a page once the total is known: (session, page number from 1, total pages).
PageFinisher = Callable[["PdfSession", int, int], None]


class PdfSession:
    """A document being drawn on `canvas`; pages are written when `save` is called."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        #: pdfops: symbols made into forms (or kept as operators), by the caller's key
        self.symbols: dict[Hashable, Symbol] = {}
        #: pdfops: (font, text) -> the (subset font name, escaped codes) to show it
        self.text_codes: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        #: svg_icons: id(icon) -> (the icon, the name of its form)
        self.icon_forms: dict[int, tuple[Icon, str]] = {}
        #: map_drawing: the kept operators of the last layout drawn (layout ref, journey, pieces)
        self.map_pieces: tuple[Any, ...] | None = None
        self._pages: list[tuple[rl_compat.PageState, PageFinisher | None]] = []

    def end_page(self, finisher: PageFinisher | None = None) -> None:
        """End the page drawn so far; `finisher` draws on it once the page count is known."""
        self._pages.append((rl_compat.keep_page(self.canvas), finisher))

    def save(self) -> None:
        """Finish every page (now that their total is known), then write the document."""
        total = len(self._pages)
        for number, (state, finisher) in enumerate(self._pages, start=1):
            rl_compat.restore_page(self.canvas, state)
            if finisher is not None:
                finisher(self, number, total)
            self.canvas.showPage()
        self._pages = []
        self.canvas.save()

    @property
    def page_count(self) -> int:
        """Pages ended so far."""
        return len(self._pages)
