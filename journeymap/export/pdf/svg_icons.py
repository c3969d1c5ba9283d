"""The bundled SVG icons drawn as PDF vectors, so the print shows the icons of the screen.

Our icons are hand-written SVG Tiny with a small vocabulary: `g`, `path` (M L H V C S Z,
absolute and relative), `rect` (with rx), `circle`; fill, stroke, stroke width, caps,
joins and dashes. This module reads exactly that. A file that uses anything else is
refused (None), and the caller draws its own vector glyph instead; reportlab cannot
read SVG and svglib is not a dependency.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from journeymap.export.pdf.painter import Painter, Pen
from journeymap.export.pdf.session import PdfSession
from journeymap.layout.geometry import Rect

Op = tuple[str, tuple[float, ...]]  # ('M', (x, y)), ('L', (x, y)), ('C', (x1, y1, x2, y2, x, y)), ('Z', ())
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(r"[MLHVCSZmlhvcsz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_CHARS = re.compile(r"[MLHVCSZmlhvcsz0-9eE.,+\-\s]*")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Z": 0}
_STYLE_KEYS = ("fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-dasharray")
_CAPS = {"butt": 0, "round": 1, "square": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


class UnsupportedSvg(ValueError):
    """The icon uses SVG this reader does not know."""


@dataclass(frozen=True)
class Shape:
    """One drawable element: its outline as path operations and how it is painted."""

    ops: tuple[Op, ...]
    fill: str | None
    stroke: str | None
    width: float
    cap: int
    join: int
    dash: tuple[float, ...]


@dataclass(frozen=True)
class Icon:
    """An icon as shapes in its view box."""

    box: Rect
    shapes: tuple[Shape, ...]


def parse_path(d: str) -> tuple[Op, ...]:
    """Absolute M/L/C/Z operations for an SVG path's `d` (M L H V C S Z and lower case)."""
    if not _PATH_CHARS.fullmatch(d):
        raise UnsupportedSvg(f"path data {d[:30]!r}")
    tokens = _TOKEN.findall(d)
    ops: list[Op] = []
    x = y = sx = sy = 0.0
    last_c2: tuple[float, float] | None = None
    i, command = 0, ""
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
        elif not command:
            raise UnsupportedSvg("path data does not start with a command")
        upper, rel = command.upper(), command.islower()
        if upper not in _ARITY:
            raise UnsupportedSvg(f"path command {command!r}")
        n = _ARITY[upper]
        args = [float(t) for t in tokens[i:i + n]]
        if len(args) < n or any(not _NUMBER.fullmatch(t) for t in tokens[i:i + n]):
            raise UnsupportedSvg(f"too few numbers after {command!r}")
        i += n
        c2: tuple[float, float] | None = None
        if upper == "Z":
            ops.append(("Z", ()))
            x, y = sx, sy
        elif upper in "ML":
            nx, ny = (x + args[0], y + args[1]) if rel else (args[0], args[1])
            ops.append((upper, (nx, ny)))
            x, y = nx, ny
            if upper == "M":
                sx, sy = x, y
                command = "l" if rel else "L"  # further pairs after a move are lines
        elif upper == "H":
            x = x + args[0] if rel else args[0]
            ops.append(("L", (x, y)))
        elif upper == "V":
            y = y + args[0] if rel else args[0]
            ops.append(("L", (x, y)))
        else:
            pts = [(x + args[k], y + args[k + 1]) if rel else (args[k], args[k + 1]) for k in range(0, n, 2)]
            if upper == "S":
                c1 = (2 * x - last_c2[0], 2 * y - last_c2[1]) if last_c2 else (x, y)
                pts = [c1, *pts]
            ops.append(("C", (*pts[0], *pts[1], *pts[2])))
            c2 = pts[1]
            x, y = pts[2]
        last_c2 = c2
    return tuple(ops)


def _shape(element: ET.Element, style: Mapping[str, str]) -> Shape:
    tag = element.tag.rsplit("}", 1)[-1]
    a = element.attrib

    def num(key: str, default: float = 0.0) -> float:
        return float(a.get(key, default))

    if tag == "path":
        ops = parse_path(a.get("d", ""))
    elif tag == "circle":
        cx, cy, r = num("cx"), num("cy"), num("r")
        k = 0.5523 * r  # cubic Bézier approximation of a quarter circle
        ops = (("M", (cx + r, cy)), ("C", (cx + r, cy + k, cx + k, cy + r, cx, cy + r)),
               ("C", (cx - k, cy + r, cx - r, cy + k, cx - r, cy)),
               ("C", (cx - r, cy - k, cx - k, cy - r, cx, cy - r)),
               ("C", (cx + k, cy - r, cx + r, cy - k, cx + r, cy)), ("Z", ()))
    elif tag == "rect":
        x, y, w, h = num("x"), num("y"), num("width"), num("height")
        r = min(num("rx", num("ry")), w / 2, h / 2)
        k = r * (1 - 0.5523)
        ops = (("M", (x + r, y)), ("L", (x + w - r, y)), ("C", (x + w - k, y, x + w, y + k, x + w, y + r)),
               ("L", (x + w, y + h - r)), ("C", (x + w, y + h - k, x + w - k, y + h, x + w - r, y + h)),
               ("L", (x + r, y + h)), ("C", (x + k, y + h, x, y + h - k, x, y + h - r)),
               ("L", (x, y + r)), ("C", (x, y + k, x + k, y, x + r, y)), ("Z", ()))
    else:
        raise UnsupportedSvg(f"element <{tag}>")

    def paint(key: str) -> str | None:
        value = style.get(key, "#000000" if key == "fill" else "none")
        if value == "none":
            return None
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            raise UnsupportedSvg(f"{key}={value!r}")
        return value

    dash = tuple(float(v) for v in _NUMBER.findall(style.get("stroke-dasharray", "")))
    return Shape(
        ops,
        paint("fill"),
        paint("stroke"),
        float(style.get("stroke-width", "1")),
        _CAPS.get(style.get("stroke-linecap", "butt"), 0),
        _JOINS.get(style.get("stroke-linejoin", "miter"), 0),
        dash,
    )


def _walk(element: ET.Element, style: dict[str, str], shapes: list[Shape]) -> None:
    for child in element:
        inherited = dict(style)
        inherited.update({k: v for k, v in child.attrib.items() if k in _STYLE_KEYS})
        if child.tag.rsplit("}", 1)[-1] == "g":
            _walk(child, inherited, shapes)
        else:
            shapes.append(_shape(child, inherited))


@lru_cache(maxsize=64)
def load_icon(path: Path) -> Icon | None:
    """The icon at `path`, or None when it is missing or uses SVG this reader does not know."""
    try:
        root = ET.parse(path).getroot()
        box = [float(v) for v in _NUMBER.findall(root.attrib.get("viewBox", ""))]
        if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
            raise UnsupportedSvg("viewBox")
        shapes: list[Shape] = []
        _walk(root, {k: v for k, v in root.attrib.items() if k in _STYLE_KEYS}, shapes)
    except (OSError, ET.ParseError, UnsupportedSvg, ValueError):
        return None
    return Icon(Rect(*box), tuple(shapes))


def _shapes(p: Painter, icon: Icon) -> None:
    for shape in icon.shapes:
        p.ops_path(shape.ops, fill=shape.fill, stroke=shape.stroke, width=shape.width,
                   dash=shape.dash or None, cap=shape.cap, join=shape.join)


def _form(session: PdfSession, icon: Icon) -> str:
    """The name of the form XObject of `icon` in the session's document, made on first use.

    The form holds the icon in its own units (y up, so at (x, −y)); a map that shows the
    same icon on a thousand cards then writes its paths once, and one `Do` per card.
    """
    forms = session.icon_forms
    canvas = session.canvas
    known = forms.get(id(icon))
    if known is not None and known[0] is icon:
        return known[1]
    name = f"jmIcon{len(forms)}"
    b = icon.box
    # Room around the view box for strokes that stand out of it; the bbox clips the form.
    canvas.beginForm(name, b.x - b.w, -b.bottom - b.h, b.right + b.w, -b.y + b.h)
    _shapes(Painter(session), icon)
    canvas.endForm()
    forms[id(icon)] = (icon, name)
    return name


def draw_icon(p: Pen, r: Rect, icon: Icon) -> None:
    """Draw `icon` scaled into the square centred in `r` (one form XObject per icon and document)."""
    side = min(r.w, r.h)
    k = side / max(icon.box.w, icon.box.h)
    x0 = r.x + (r.w - side) / 2 - icon.box.x * k
    y0 = r.y + (r.h - side) / 2 - icon.box.y * k
    p.place_form(_form(p.session, icon), k, x0, y0)
