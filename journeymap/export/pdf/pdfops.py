"""PDF operators for the map, written straight into strings.

The map draws tens of thousands of shapes and labels; reportlab's canvas methods spend most
of that time on bookkeeping and number formatting. An `OpsWriter` draws the same shapes with
the same interface as `Painter`, but in top-down user units and into a list of strings: a
user point (x, y) is written as (x, −y), and `place` puts the result on a page under one
`cm` that maps user units to page points. Strings made once can be placed on many pages
(a tiled poster shows each card on one or two sheets and on the overview).

The writer skips colour, width, dash, cap, join and font settings already in effect; after
operators it did not write (another piece placed in between) it must `forget` what it knew.

Coordinates are written from a local origin on the x axis (a multiple of ORIGIN_STEP), and
`place` adds each origin to the page translation in double precision: a poster 5,000
touchpoints long is a million units wide, and numbers that large in a content stream
would cost digits and lose precision in viewers that compute in single precision.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics

from journeymap.export.pdf import fonts, rl_compat
from journeymap.export.pdf.session import PdfSession
from journeymap.layout.geometry import Point, Rect

ColorLike = str | None
#: Local origins are multiples of this many user units.
ORIGIN_STEP = 4096.0


class Piece(NamedTuple):
    """Operators in user units measured from x = `origin`, and the form XObjects they draw."""

    text: str
    forms: tuple[str, ...]
    origin: float = 0.0


def origin_of(x: float) -> float:
    """The local origin for drawing that starts at x."""
    return math.floor(x / ORIGIN_STEP) * ORIGIN_STEP if math.isfinite(x) else 0.0


def _scaled(s: float, x: float, y: float) -> str:
    """The matrix (s, 0, 0, s, x, y); fp_str's 6 digits would be too few for a tile's scale."""
    return f"{s:.9f} 0 0 {s:.9f} {x:.4f} {y:.4f}"

_ROUND = 0.4472  # reportlab's roundRect: corner control points this far (× radius) from the corner
_KAPPA = 0.5523  # a quarter circle as one cubic Bézier
_PAINT = {(False, False): "n", (True, False): "f*", (False, True): "S", (True, True): "B*"}
_UNKNOWN = object()
#: Symbols (card frames, badges, faces …) made into form XObjects per document; further
#: distinct ones (a map of many card sizes) are repeated inline instead of adding objects.
MAX_SYMBOL_FORMS = 64


@lru_cache(maxsize=256)
def _rgb(value: str) -> str:
    c = HexColor(value)
    return str(fp_str(c.red, c.green, c.blue))


def _round_rect(x: float, y: float, w: float, h: float, radius: float) -> str:
    """reportlab's rounded rectangle path (same points), lower-left corner (x, y), y up."""
    xlo, xhi = min(x, x + w), max(x, x + w)
    ylo, yhi = min(y, y + h), max(y, y + h)
    r, t = radius, _ROUND * radius
    return (f"{xlo + r:.2f} {ylo:.2f} m {xhi - r:.2f} {ylo:.2f} l "
            f"{xhi - t:.2f} {ylo:.2f} {xhi:.2f} {ylo + t:.2f} {xhi:.2f} {ylo + r:.2f} c {xhi:.2f} {yhi - r:.2f} l "
            f"{xhi:.2f} {yhi - t:.2f} {xhi - t:.2f} {yhi:.2f} {xhi - r:.2f} {yhi:.2f} c {xlo + r:.2f} {yhi:.2f} l "
            f"{xlo + t:.2f} {yhi:.2f} {xlo:.2f} {yhi - t:.2f} {xlo:.2f} {yhi - r:.2f} c {xlo:.2f} {ylo + r:.2f} l "
            f"{xlo:.2f} {ylo + t:.2f} {xlo + t:.2f} {ylo:.2f} {xlo + r:.2f} {ylo:.2f} c h ")


class Symbol:
    """A drawing made once per document: a form's name, or the operators to repeat inline."""

    __slots__ = ("body", "forms", "name")

    def __init__(self, name: str | None, body: str, forms: tuple[str, ...]) -> None:
        self.name, self.body, self.forms = name, body, forms


class OpsWriter:
    """Draws like `Painter`, in top-down user units, by appending PDF operators to `out`."""

    def __init__(self, session: PdfSession, origin: float = 0.0) -> None:
        self.session = session
        self._document = rl_compat.document_of(session.canvas)  # text subsets and form names belong to the document
        self._codes = session.text_codes  # subsets and their codes belong to one document
        self.origin = origin
        self.out: list[str] = []
        self.forms: dict[str, None] = {}
        self._done: list[Piece] = []
        self.forget()

    def forget(self) -> None:
        """Assume nothing about the graphics state (operators written elsewhere came between)."""
        self._fill: object = _UNKNOWN
        self._stroke: object = _UNKNOWN
        self._width: object = _UNKNOWN
        self._dash: object = _UNKNOWN
        self._cap: object = _UNKNOWN
        self._join: object = _UNKNOWN
        self._font: object = _UNKNOWN

    def move_origin(self, origin: float) -> None:
        """Measure what follows from x = `origin` (the operators so far keep theirs)."""
        if origin != self.origin:
            if self.out:
                self._done.append(Piece("\n".join(self.out), tuple(self.forms), self.origin))
                self.out, self.forms = [], {}
            self.origin = origin
            self.forget()

    def take_all(self) -> list[Piece]:
        """The operators written so far, one piece per origin; the writer starts afresh."""
        pieces, self._done = self._done, []
        if self.out:
            pieces.append(Piece("\n".join(self.out), tuple(self.forms), self.origin))
        self.out, self.forms = [], {}
        self.forget()
        return pieces

    def take(self) -> Piece:
        """The operators written so far, all from the present origin; the writer starts afresh."""
        assert not self._done, "take_all: the origin moved"
        piece = Piece("\n".join(self.out), tuple(self.forms), self.origin)
        self.out, self.forms = [], {}
        self.forget()
        return piece

    def add(self, piece: Piece) -> None:
        """Append operators made elsewhere (e.g. kept from an earlier page)."""
        if piece.origin != self.origin:
            self.move_origin(piece.origin)
        self.out.append(piece.text)
        for name in piece.forms:
            self.forms[name] = None
        self.forget()

    # -- state
    def _set_fill(self, fill: str) -> None:
        if fill != self._fill:
            self.out.append(f"{_rgb(fill)} rg")
            self._fill = fill

    def _set_stroke(self, stroke: str, width: float, dash: Sequence[float] | None) -> None:
        out = self.out
        if stroke != self._stroke:
            out.append(f"{_rgb(stroke)} RG")
            self._stroke = stroke
        if width != self._width:
            out.append(f"{fp_str(width)} w")
            self._width = width
        key = tuple(dash) if dash else ()
        if key != self._dash:
            out.append(f"[{fp_str(key) if key else ''}] 0 d")
            self._dash = key

    def _set_path_state(self, fill: ColorLike, stroke: ColorLike, width: float, dash: Sequence[float] | None,
                        cap: int, join: int) -> None:
        """Colours, width, dash and line ends for a path about to be painted."""
        if stroke is not None:
            self._set_stroke(stroke, width, dash)
        if fill is not None:
            self._set_fill(fill)
        self._set_ends(cap, join)

    def _set_ends(self, cap: int, join: int) -> None:
        # Painter resets both to 0 after every path; so does this writer, lazily.
        if cap != self._cap:
            self.out.append(f"{cap} J")
            self._cap = cap
        if join != self._join:
            self.out.append(f"{join} j")
            self._join = join

    # -- shapes
    def rect(self, r: Rect, *, fill: ColorLike = None, stroke: ColorLike = None, width: float = 0.5,
             dash: Sequence[float] | None = None, radius: float = 0.0) -> None:
        """A rectangle, optionally with rounded corners."""
        if stroke is not None:
            self._set_stroke(stroke, width, dash)
            self._set_ends(0, 0)
        if fill is not None:
            self._set_fill(fill)
        op = _PAINT[fill is not None, stroke is not None]
        x = r.x - self.origin
        if radius > 0:
            self.out.append(_round_rect(x, -r.y - r.h, r.w, r.h, radius) + op)
        else:
            self.out.append(f"{x:.2f} {-r.y - r.h:.2f} {r.w:.2f} {r.h:.2f} re {op}")

    def line(self, x1: float, y1: float, x2: float, y2: float, *, stroke: ColorLike = "#000000",
             width: float = 0.5, dash: Sequence[float] | None = None, cap: int = 0) -> None:
        """A straight line."""
        self._set_stroke(stroke or "#000000", width, dash)
        self._set_ends(cap, 0)
        o = self.origin
        self.out.append(f"{x1 - o:.2f} {-y1:.2f} m {x2 - o:.2f} {-y2:.2f} l S")

    def circle(self, x: float, y: float, r: float, *, fill: ColorLike = None, stroke: ColorLike = None,
               width: float = 0.5) -> None:
        """A circle of radius `r` around (x, y)."""
        if stroke is not None:
            self._set_stroke(stroke, width, None)
            self._set_ends(0, 0)
        if fill is not None:
            self._set_fill(fill)
        k, x, y = _KAPPA * r, x - self.origin, -y
        self.out.append(
            f"{x + r:.2f} {y:.2f} m {x + r:.2f} {y + k:.2f} {x + k:.2f} {y + r:.2f} {x:.2f} {y + r:.2f} c "
            f"{x - k:.2f} {y + r:.2f} {x - r:.2f} {y + k:.2f} {x - r:.2f} {y:.2f} c "
            f"{x - r:.2f} {y - k:.2f} {x - k:.2f} {y - r:.2f} {x:.2f} {y - r:.2f} c "
            f"{x + k:.2f} {y - r:.2f} {x + r:.2f} {y - k:.2f} {x + r:.2f} {y:.2f} c h "
            + _PAINT[fill is not None, stroke is not None])

    def path(self, points: Sequence[Point], *, closed: bool = False, curve: bool = False,
             fill: ColorLike = None, stroke: ColorLike = None, width: float = 0.5,
             dash: Sequence[float] | None = None, join: int = 1, cap: int = 1) -> None:
        """A polyline, or a chain of cubic Béziers (p0, c1, c2, p1, c1, c2, p2 …) when `curve`."""
        if len(points) < 2:
            return
        self._set_path_state(fill, stroke, width, dash, cap, join)
        o = self.origin
        x, y = points[0]
        parts = [f"{x - o:.2f} {-y:.2f} m"]
        if curve:
            for i in range(1, len(points) - 2, 3):
                (x1, y1), (x2, y2), (x3, y3) = points[i], points[i + 1], points[i + 2]
                parts.append(f"{x1 - o:.2f} {-y1:.2f} {x2 - o:.2f} {-y2:.2f} {x3 - o:.2f} {-y3:.2f} c")
        else:
            parts.extend(f"{x - o:.2f} {-y:.2f} l" for x, y in points[1:])
        if closed:
            parts.append("h")
        parts.append(_PAINT[fill is not None, stroke is not None])
        self.out.append(" ".join(parts))

    def ops_path(self, ops: Sequence[tuple[str, tuple[float, ...]]], *, fill: ColorLike = None,
                 stroke: ColorLike = None, width: float = 0.5, dash: Sequence[float] | None = None,
                 cap: int = 0, join: int = 0) -> None:
        """A path of ('M'|'L', (x, y)), ('C', (x1, y1, x2, y2, x, y)) and ('Z', ()) operations."""
        if fill is None and stroke is None:
            return
        self._set_path_state(fill, stroke, width, dash, cap, join)
        o = self.origin
        parts = []
        for kind, v in ops:
            if kind == "M":
                parts.append(f"{v[0] - o:.2f} {-v[1]:.2f} m")
            elif kind == "L":
                parts.append(f"{v[0] - o:.2f} {-v[1]:.2f} l")
            elif kind == "C":
                parts.append(f"{v[0] - o:.2f} {-v[1]:.2f} {v[2] - o:.2f} {-v[3]:.2f} {v[4] - o:.2f} {-v[5]:.2f} c")
            else:
                parts.append("h")
        parts.append(_PAINT[fill is not None, stroke is not None])
        self.out.append(" ".join(parts))

    def place_form(self, name: str, k: float, x: float, y: float) -> None:
        """Draw form XObject `name` scaled by `k`, its origin at user point (x, y)."""
        self.out.append(f"q {_scaled(k, x - self.origin, -y)} cm /{self._document.getXObjectName(name)} Do Q")
        self.forms[name] = None

    def symbol(self, key: Hashable, x: float, y: float, box: Rect, draw: Callable[[OpsWriter], object]) -> None:
        """What `draw` draws around the origin, with its origin at (x, y).

        It is drawn once per `key` and document, into a form XObject (or, past
        MAX_SYMBOL_FORMS, into operators repeated inline); `box` bounds its ink.
        """
        table = self.session.symbols
        made = table.get(key)
        if made is None:
            made = table[key] = self._make_symbol(len(table), box, draw)
        x -= self.origin
        if made.name is not None:
            self.out.append(f"q 1 0 0 1 {x:.2f} {-y:.2f} cm /{self._document.getXObjectName(made.name)} Do Q")
            self.forms[made.name] = None
        else:
            self.out.append(f"q 1 0 0 1 {x:.2f} {-y:.2f} cm\n{made.body}\nQ")
            for name in made.forms:
                self.forms[name] = None

    def _make_symbol(self, count: int, box: Rect, draw: Callable[[OpsWriter], object]) -> Symbol:
        inner = OpsWriter(self.session)
        draw(inner)
        body, forms, _ = inner.take()
        if count >= MAX_SYMBOL_FORMS:
            return Symbol(None, body, forms)
        name = f"jmSymbol{count}"
        c = self.session.canvas
        c.beginForm(name, box.x, -box.bottom, box.right, -box.y)
        c.addLiteral(body)
        rl_compat.page_forms(c).extend(forms)  # the form's own list while it is open
        c.endForm()
        return Symbol(name, body, forms)

    # -- text
    def _encoded(self, font: str, text: str) -> tuple[tuple[str, str], ...]:
        key = (font, text)
        codes = self._codes.get(key)
        if codes is None:
            f = pdfmetrics.getFont(font)
            if rl_compat.is_subset_font(f):  # TrueType: subsets, as reportlab's own text objects do
                codes = tuple((f.getSubsetInternalName(subset, self._document), escapePDF(chunk))
                              for subset, chunk in f.splitString(text, self._document))
            else:
                codes = ((self._document.getInternalFontName(font), escapePDF(text.encode("latin-1", "replace"))),)
            self._codes[key] = codes
        return codes

    def text(self, x: float, baseline: float, text: str, *, font: str = fonts.REGULAR, size: float = 9.0,
             fill: ColorLike = "#000000", anchor: str = "start") -> None:
        """One line of text; `anchor` is 'start', 'middle' or 'end' of the text at x."""
        if not text:
            return
        self._set_fill(fill or "#000000")
        if anchor != "start":
            width = fonts.string_width(text, font, size)
            x -= width / 2 if anchor == "middle" else width
        parts = [f"BT 1 0 0 1 {x - self.origin:.2f} {-baseline:.2f} Tm"]
        for name, chunk in self._encoded(font, text):
            if (name, size) != self._font:
                parts.append(f"{name} {fp_str(size)} Tf")
                self._font = (name, size)
            parts.append(f"({chunk}) Tj")
        parts.append("ET")
        self.out.append(" ".join(parts))

    def text_lines(self, x: float, first_baseline: float, pitch: float, size: float,
                   lines: Sequence[tuple[float, str, str, str]]) -> None:
        """Lines of text one `pitch` apart in one text object: each (dx from x, text, font, fill)."""
        parts = ["BT"]
        prev_dx, y = 0.0, first_baseline
        for i, (dx, text, font, fill) in enumerate(lines):
            if fill != self._fill:
                parts.append(f"{_rgb(fill)} rg")
                self._fill = fill
            if i == 0:
                parts.append(f"1 0 0 1 {x + dx - self.origin:.2f} {-y:.2f} Tm")
            else:
                parts.append(f"{dx - prev_dx:.2f} {-pitch:.2f} Td")
            prev_dx = dx
            for name, chunk in self._encoded(font, text):
                if (name, size) != self._font:
                    parts.append(f"{name} {fp_str(size)} Tf")
                    self._font = (name, size)
                parts.append(f"({chunk}) Tj")
        parts.append("ET")
        self.out.append(" ".join(parts))


def place(session: PdfSession, s: float, ox: float, oy: float, pieces: Iterable[Piece]) -> None:
    """Put `pieces` (user units) on the session's open page, user (x, y) at page (ox + s·x, oy − s·y)."""
    canvas = session.canvas
    body: list[str] = []
    used = rl_compat.page_forms(canvas)  # reportlab lists the page's forms here
    for text, forms, origin in pieces:
        body.append(f"q {_scaled(s, ox + s * origin, oy)} cm\n{text}\nQ")
        for name in forms:
            if name not in used:
                used.append(name)
    canvas.addLiteral("\n".join(body))
