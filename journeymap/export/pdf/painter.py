"""A thin drawing layer over a reportlab canvas in top-down coordinates.

Layout geometry and page furniture both think with y growing downwards (as on screen);
reportlab's y grows upwards. A `Painter` maps (x, y) to `(ox + s·x, oy − s·y)` on the
page, scales every size by `s`, and so lets the map and the furniture be drawn in their
own units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from journeymap.export.pdf import fonts
from journeymap.export.pdf.session import PdfSession
from journeymap.layout.geometry import Point, Rect

ColorLike = str | None


def color(value: ColorLike) -> Color | None:
    """A reportlab colour from '#RRGGBB' (None stays None)."""
    return None if value is None else _hex(value)


@lru_cache(maxsize=1024)
def _hex(value: str) -> Color:
    # A map sets a colour a few hundred thousand times from a few dozen values.
    return HexColor(value)


class Pen(Protocol):
    """What the map's glyphs draw with: a `Painter` on a page, or an `OpsWriter` (pdfops).

    Coordinates are the pen's own user units, y downwards; colours are '#RRGGBB' or
    None for no fill / no stroke. Both pens draw the same shapes for the same calls, so
    a glyph looks the same drawn directly or kept as operators.
    """

    @property
    def session(self) -> PdfSession:
        """The document drawn into (what is made once per document lives there)."""
        ...

    def rect(self, r: Rect, *, fill: ColorLike = None, stroke: ColorLike = None, width: float = 0.5,
             dash: Sequence[float] | None = None, radius: float = 0.0) -> None:
        """A rectangle, optionally with rounded corners of `radius`."""
        ...

    def line(self, x1: float, y1: float, x2: float, y2: float, *, stroke: ColorLike = "#000000",
             width: float = 0.5, dash: Sequence[float] | None = None, cap: int = 0) -> None:
        """A straight line from (x1, y1) to (x2, y2)."""
        ...

    def circle(self, x: float, y: float, r: float, *, fill: ColorLike = None, stroke: ColorLike = None,
               width: float = 0.5) -> None:
        """A circle of radius `r` around (x, y)."""
        ...

    def path(self, points: Sequence[Point], *, closed: bool = False, curve: bool = False,
             fill: ColorLike = None, stroke: ColorLike = None, width: float = 0.5,
             dash: Sequence[float] | None = None, join: int = 1, cap: int = 1) -> None:
        """A polyline, or a chain of cubic Béziers (p0, c1, c2, p1, …) when `curve`."""
        ...

    def ops_path(self, ops: Sequence[tuple[str, tuple[float, ...]]], *, fill: ColorLike = None,
                 stroke: ColorLike = None, width: float = 0.5, dash: Sequence[float] | None = None,
                 cap: int = 0, join: int = 0) -> None:
        """A path of ('M'|'L', (x, y)), ('C', (x1, y1, x2, y2, x, y)) and ('Z', ()) operations."""
        ...

    def place_form(self, name: str, k: float, x: float, y: float) -> None:
        """Draw form XObject `name` scaled by `k`, its origin at (x, y)."""
        ...

    def text(self, x: float, baseline: float, text: str, *, font: str = fonts.REGULAR, size: float = 9.0,
             fill: ColorLike = "#000000", anchor: str = "start") -> None:
        """One line of text, its baseline at `baseline`; `anchor` is 'start', 'middle' or 'end' at x."""
        ...


@dataclass
class Painter:
    """Draws on the session's canvas at scale `s`, the user origin placed at page point (ox, oy)."""

    session: PdfSession
    s: float = 1.0
    ox: float = 0.0
    oy: float = 0.0

    @classmethod
    def for_page(cls, session: PdfSession, page_height: float) -> Painter:
        """A painter in page points, origin at the top-left corner of the page."""
        return cls(session, 1.0, 0.0, page_height)

    def __post_init__(self) -> None:
        self.canvas: Canvas = self.session.canvas  # read on every call: kept at hand

    # -- coordinates
    def pt(self, x: float, y: float) -> Point:
        """The page point (reportlab coordinates) of user point (x, y)."""
        return (self.ox + self.s * x, self.oy - self.s * y)

    def page_rect(self, r: Rect) -> Rect:
        """`r` in page points, y measured from the page's *bottom* (as pdf viewers report)."""
        x, y = self.pt(r.x, r.bottom)
        return Rect(x, y, r.w * self.s, r.h * self.s)

    # -- state
    def _stroke(self, stroke: ColorLike, width: float, dash: Sequence[float] | None) -> None:
        c = self.canvas
        c.setStrokeColor(color(stroke))
        c.setLineWidth(width * self.s)
        c.setDash([d * self.s for d in dash] if dash else [])

    def _modes(self, fill: ColorLike, stroke: ColorLike) -> tuple[int, int]:
        if fill is not None:
            self.canvas.setFillColor(color(fill))
        return (1 if fill is not None else 0, 1 if stroke is not None else 0)

    # -- shapes
    def rect(self, r: Rect, *, fill: ColorLike = None, stroke: ColorLike = None, width: float = 0.5,
             dash: Sequence[float] | None = None, radius: float = 0.0) -> None:
        """A rectangle, optionally with rounded corners."""
        if stroke is not None:
            self._stroke(stroke, width, dash)
        do_fill, do_stroke = self._modes(fill, stroke)
        x, y = self.pt(r.x, r.bottom)
        if radius > 0:
            self.canvas.roundRect(x, y, r.w * self.s, r.h * self.s, radius * self.s, stroke=do_stroke, fill=do_fill)
        else:
            self.canvas.rect(x, y, r.w * self.s, r.h * self.s, stroke=do_stroke, fill=do_fill)

    def line(self, x1: float, y1: float, x2: float, y2: float, *, stroke: ColorLike = "#000000",
             width: float = 0.5, dash: Sequence[float] | None = None, cap: int = 0) -> None:
        """A straight line."""
        self._stroke(stroke, width, dash)
        self.canvas.setLineCap(cap)
        self.canvas.line(*self.pt(x1, y1), *self.pt(x2, y2))
        self.canvas.setLineCap(0)

    def circle(self, x: float, y: float, r: float, *, fill: ColorLike = None, stroke: ColorLike = None,
               width: float = 0.5) -> None:
        """A circle of radius `r` around (x, y)."""
        if stroke is not None:
            self._stroke(stroke, width, None)
        do_fill, do_stroke = self._modes(fill, stroke)
        self.canvas.circle(*self.pt(x, y), r * self.s, stroke=do_stroke, fill=do_fill)

    def path(self, points: Sequence[Point], *, closed: bool = False, curve: bool = False,
             fill: ColorLike = None, stroke: ColorLike = None, width: float = 0.5,
             dash: Sequence[float] | None = None, join: int = 1, cap: int = 1) -> None:
        """A polyline, or a chain of cubic Béziers (p0, c1, c2, p1, c1, c2, p2 …) when `curve`."""
        if len(points) < 2:
            return
        if stroke is not None:
            self._stroke(stroke, width, dash)
        do_fill, do_stroke = self._modes(fill, stroke)
        self.canvas.setLineJoin(join)
        self.canvas.setLineCap(cap)
        p = self.canvas.beginPath()
        p.moveTo(*self.pt(*points[0]))
        if curve:
            for i in range(1, len(points) - 2, 3):
                p.curveTo(*self.pt(*points[i]), *self.pt(*points[i + 1]), *self.pt(*points[i + 2]))
        else:
            for point in points[1:]:
                p.lineTo(*self.pt(*point))
        if closed:
            p.close()
        self.canvas.drawPath(p, stroke=do_stroke, fill=do_fill)
        self.canvas.setLineJoin(0)
        self.canvas.setLineCap(0)

    def ops_path(self, ops: Sequence[tuple[str, tuple[float, ...]]], *, fill: ColorLike = None,
                 stroke: ColorLike = None, width: float = 0.5, dash: Sequence[float] | None = None,
                 cap: int = 0, join: int = 0) -> None:
        """A path of ('M'|'L', (x, y)), ('C', (x1, y1, x2, y2, x, y)) and ('Z', ()) operations."""
        if stroke is not None:
            self._stroke(stroke, width, dash)
        do_fill, do_stroke = self._modes(fill, stroke)
        if not (do_fill or do_stroke):
            return
        c = self.canvas
        c.setLineCap(cap)
        c.setLineJoin(join)
        p = c.beginPath()
        for kind, v in ops:
            if kind == "M":
                p.moveTo(*self.pt(*v))
            elif kind == "L":
                p.lineTo(*self.pt(*v))
            elif kind == "C":
                p.curveTo(*self.pt(v[0], v[1]), *self.pt(v[2], v[3]), *self.pt(v[4], v[5]))
            else:
                p.close()
        c.drawPath(p, stroke=do_stroke, fill=do_fill, fillMode=0)
        c.setLineCap(0)
        c.setLineJoin(0)

    def place_form(self, name: str, k: float, x: float, y: float) -> None:
        """Draw form XObject `name` scaled by `k`, its origin at user point (x, y)."""
        c = self.canvas
        c.saveState()
        c.transform(self.s * k, 0, 0, self.s * k, self.ox + self.s * x, self.oy - self.s * y)
        c.doForm(name)
        c.restoreState()

    def clip(self, r: Rect) -> None:
        """Clip further drawing to `r` (undo with the canvas's restoreState)."""
        p = self.canvas.beginPath()
        x, y = self.pt(r.x, r.bottom)
        p.rect(x, y, r.w * self.s, r.h * self.s)
        self.canvas.clipPath(p, stroke=0, fill=0)

    # -- text
    def text(self, x: float, baseline: float, text: str, *, font: str = fonts.REGULAR, size: float = 9.0,
             fill: ColorLike = "#000000", anchor: str = "start") -> None:
        """One line of text; `anchor` is 'start', 'middle' or 'end' of the text at x."""
        if not text:
            return
        c = self.canvas
        c.setFillColor(color(fill))
        c.setFont(font, size * self.s)
        px, py = self.pt(x, baseline)
        if anchor == "middle":
            c.drawCentredString(px, py, text)
        elif anchor == "end":
            c.drawRightString(px, py, text)
        else:
            c.drawString(px, py, text)

    def text_lines(self, x: float, top: float, lines: Sequence[str], *, font: str = fonts.REGULAR,
                   size: float = 9.0, leading: float | None = None, fill: ColorLike = "#000000",
                   anchor: str = "start") -> float:
        """Lines set from `top` down (first baseline at top + ascent); returns the y below them."""
        leading = leading or size * 1.2
        baseline = top + size * 0.93
        for line in lines:
            self.text(x, baseline, line, font=font, size=size, fill=fill, anchor=anchor)
            baseline += leading
        return top + leading * len(lines)
