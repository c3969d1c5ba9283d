"""Small vector symbols: channel icons, emotion faces, card markers, friction badges.

Channel icons and faces are the app's own SVG icons (read by `svg_icons`); the drawn
glyphs here stand in when an icon file is missing. Everything is vector, sharp at any
zoom, and meaning never rests on colour alone: faces smile or frown, markers carry
'!' or '+', badges carry their number.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from journeymap import resources
from journeymap.export.pdf import fonts
from journeymap.export.pdf.painter import Pen
from journeymap.export.pdf.svg_icons import Icon, draw_icon, load_icon
from journeymap.layout.geometry import Rect

WHITE = "#FFFFFF"
PAIN_COLOR = "#C0392B"          # same as the canvas markers
OPPORTUNITY_COLOR = "#2E7D32"

Glyph = Callable[[Pen, float, float, float, str], None]  # pen, x, y, size, ink


def _website(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    w = s * 0.08
    p.rect(Rect(x + s * 0.08, y + s * 0.18, s * 0.84, s * 0.64), stroke=ink, width=w, radius=s * 0.06)
    p.line(x + s * 0.08, y + s * 0.36, x + s * 0.92, y + s * 0.36, stroke=ink, width=w)
    for i in range(3):
        p.circle(x + s * (0.18 + i * 0.1), y + s * 0.27, s * 0.035, fill=ink)


def _mobile_app(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    w = s * 0.08
    p.rect(Rect(x + s * 0.28, y + s * 0.08, s * 0.44, s * 0.84), stroke=ink, width=w, radius=s * 0.08)
    p.circle(x + s * 0.5, y + s * 0.8, s * 0.045, fill=ink)
    p.line(x + s * 0.43, y + s * 0.17, x + s * 0.57, y + s * 0.17, stroke=ink, width=w * 0.8, cap=1)


def _email(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    w = s * 0.08
    p.rect(Rect(x + s * 0.1, y + s * 0.22, s * 0.8, s * 0.56), stroke=ink, width=w, radius=s * 0.04)
    p.path([(x + s * 0.12, y + s * 0.26), (x + s * 0.5, y + s * 0.55), (x + s * 0.88, y + s * 0.26)],
           stroke=ink, width=w)


def _social_media(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    nodes = [(0.28, 0.5), (0.72, 0.24), (0.72, 0.76)]
    p.path([(x + s * nodes[1][0], y + s * nodes[1][1]), (x + s * nodes[0][0], y + s * nodes[0][1]),
            (x + s * nodes[2][0], y + s * nodes[2][1])], stroke=ink, width=s * 0.07)
    for nx, ny in nodes:
        p.circle(x + s * nx, y + s * ny, s * 0.12, fill=ink)


def _search(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    p.circle(x + s * 0.42, y + s * 0.42, s * 0.24, stroke=ink, width=s * 0.09)
    p.line(x + s * 0.6, y + s * 0.6, x + s * 0.86, y + s * 0.86, stroke=ink, width=s * 0.12, cap=1)


def _advertising(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    p.path([(x + s * 0.14, y + s * 0.4), (x + s * 0.34, y + s * 0.4), (x + s * 0.78, y + s * 0.16),
            (x + s * 0.78, y + s * 0.84), (x + s * 0.34, y + s * 0.6), (x + s * 0.14, y + s * 0.6)],
           closed=True, stroke=ink, width=s * 0.08)
    p.line(x + s * 0.3, y + s * 0.62, x + s * 0.38, y + s * 0.84, stroke=ink, width=s * 0.08, cap=1)


def _phone(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    # an old-style handset: two ear/mouth pieces joined by a curved grip
    p.path([(x + s * 0.2, y + s * 0.3), (x + s * 0.35, y + s * 0.05), (x + s * 0.95, y + s * 0.65),
            (x + s * 0.7, y + s * 0.8)], curve=True, stroke=ink, width=s * 0.13)
    p.circle(x + s * 0.22, y + s * 0.28, s * 0.11, fill=ink)
    p.circle(x + s * 0.72, y + s * 0.78, s * 0.11, fill=ink)


def _bubble(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    w = s * 0.08
    p.path([(x + s * 0.12, y + s * 0.18), (x + s * 0.88, y + s * 0.18), (x + s * 0.88, y + s * 0.68),
            (x + s * 0.42, y + s * 0.68), (x + s * 0.22, y + s * 0.86), (x + s * 0.24, y + s * 0.68),
            (x + s * 0.12, y + s * 0.68)], closed=True, stroke=ink, width=w)


def _chat(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    _bubble(p, x, y, s, ink)
    for i in range(3):
        p.circle(x + s * (0.32 + i * 0.18), y + s * 0.43, s * 0.05, fill=ink)


def _chatbot(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    w = s * 0.08
    p.rect(Rect(x + s * 0.16, y + s * 0.3, s * 0.68, s * 0.52), stroke=ink, width=w, radius=s * 0.1)
    p.line(x + s * 0.5, y + s * 0.3, x + s * 0.5, y + s * 0.14, stroke=ink, width=w)
    p.circle(x + s * 0.5, y + s * 0.12, s * 0.06, fill=ink)
    for dx in (0.36, 0.64):
        p.circle(x + s * dx, y + s * 0.52, s * 0.065, fill=ink)
    p.line(x + s * 0.38, y + s * 0.68, x + s * 0.62, y + s * 0.68, stroke=ink, width=w * 0.8, cap=1)


def _in_store(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    w = s * 0.08
    p.path([(x + s * 0.1, y + s * 0.4), (x + s * 0.2, y + s * 0.16), (x + s * 0.8, y + s * 0.16),
            (x + s * 0.9, y + s * 0.4)], closed=True, stroke=ink, width=w)
    p.path([(x + s * 0.18, y + s * 0.42), (x + s * 0.18, y + s * 0.86), (x + s * 0.82, y + s * 0.86),
            (x + s * 0.82, y + s * 0.42)], stroke=ink, width=w)
    p.rect(Rect(x + s * 0.42, y + s * 0.58, s * 0.16, s * 0.28), fill=ink)


def _events(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    w = s * 0.08
    p.rect(Rect(x + s * 0.12, y + s * 0.2, s * 0.76, s * 0.66), stroke=ink, width=w, radius=s * 0.05)
    p.rect(Rect(x + s * 0.12, y + s * 0.2, s * 0.76, s * 0.16), fill=ink)
    for dx in (0.3, 0.7):
        p.line(x + s * dx, y + s * 0.1, x + s * dx, y + s * 0.26, stroke=ink, width=w, cap=1)
    for i in range(3):
        for j in range(2):
            p.rect(Rect(x + s * (0.24 + i * 0.19), y + s * (0.47 + j * 0.18), s * 0.12, s * 0.1), fill=ink)


def _direct_mail(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    w = s * 0.08
    p.rect(Rect(x + s * 0.08, y + s * 0.22, s * 0.84, s * 0.56), stroke=ink, width=w, radius=s * 0.03)
    p.rect(Rect(x + s * 0.66, y + s * 0.3, s * 0.16, s * 0.18), fill=ink)
    for i in range(3):
        p.line(x + s * 0.2, y + s * (0.48 + i * 0.1), x + s * 0.55, y + s * (0.48 + i * 0.1), stroke=ink, width=w * 0.7)


def _sms(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    _bubble(p, x, y, s, ink)
    for i in range(2):
        p.line(x + s * 0.26, y + s * (0.36 + i * 0.16), x + s * (0.74 - i * 0.16), y + s * (0.36 + i * 0.16),
               stroke=ink, width=s * 0.07, cap=1)


def _word_of_mouth(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    for cx, r in ((0.34, 0.12), (0.7, 0.1)):
        p.circle(x + s * cx, y + s * 0.34, s * r, fill=ink)
        p.path([(x + s * (cx - 0.2), y + s * 0.86), (x + s * (cx - 0.2), y + s * 0.62),
                (x + s * (cx + 0.2), y + s * 0.62), (x + s * (cx + 0.2), y + s * 0.86)],
               curve=True, fill=ink)


def _review_site(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    points = []
    for i in range(10):
        r = s * (0.42 if i % 2 == 0 else 0.18)
        a = -math.pi / 2 + i * math.pi / 5
        points.append((x + s * 0.5 + r * math.cos(a), y + s * 0.54 + r * math.sin(a)))
    p.path(points, closed=True, stroke=ink, width=s * 0.07)


def _partner(p: Pen, x: float, y: float, s: float, ink: str) -> None:
    p.circle(x + s * 0.37, y + s * 0.5, s * 0.24, stroke=ink, width=s * 0.08)
    p.circle(x + s * 0.63, y + s * 0.5, s * 0.24, stroke=ink, width=s * 0.08)


CHANNEL_GLYPHS: dict[str, Glyph] = {
    "website": _website, "mobile-app": _mobile_app, "email": _email, "social-media": _social_media,
    "search": _search, "advertising": _advertising, "phone": _phone, "chat": _chat, "chatbot": _chatbot,
    "in-store": _in_store, "events": _events, "direct-mail": _direct_mail, "sms": _sms,
    "word-of-mouth": _word_of_mouth, "review-site": _review_site, "partner": _partner,
}


@lru_cache(maxsize=128)  # the asset lookup costs more than drawing the icon as a form
def _icon(kind: str, key: str | int) -> Icon | None:
    try:
        path = resources.channel_icon_path(str(key)) if kind == "channel" else resources.emotion_icon_path(int(key))
    except (OSError, ValueError, KeyError):
        return None
    return load_icon(path)


def draw_channel(p: Pen, r: Rect, channel: str, label: str, ink: str) -> None:
    """The channel's icon (the app's own SVG; a drawn glyph or lettered badge if it is missing)."""
    icon = _icon("channel", channel)
    if icon is not None:
        draw_icon(p, r, icon)
        return
    s = min(r.w, r.h)
    x, y = r.x + (r.w - s) / 2, r.y + (r.h - s) / 2
    glyph = CHANNEL_GLYPHS.get(channel)
    if glyph is not None:
        glyph(p, x, y, s, ink)
        return
    p.rect(Rect(x + s * 0.08, y + s * 0.08, s * 0.84, s * 0.84), stroke=ink, width=s * 0.07, radius=s * 0.16)
    letter = (label or channel)[:1].upper()
    if letter and not fonts.missing_characters(letter):
        p.text(x + s / 2, y + s * 0.69, letter, font=fonts.BOLD, size=s * 0.52, fill=ink, anchor="middle")


def draw_face(p: Pen, cx: float, cy: float, radius: float, emotion: int, fill: str, ink: str,
              ring: str = WHITE) -> None:
    """A face for an emotion −2..2 on a white ring, as on screen: frowning for negative, smiling for positive."""
    p.circle(cx, cy, radius, fill=fill, stroke=ring, width=radius * 0.2)
    icon = _icon("emotion", emotion)
    if icon is not None:
        inner = radius - radius * 0.2
        draw_icon(p, Rect(cx - inner, cy - inner, 2 * inner, 2 * inner), icon)
        return
    eye = radius * 0.13
    for dx in (-0.34, 0.34):
        p.circle(cx + dx * radius, cy - 0.22 * radius, eye, fill=ink)
    y = cy + 0.32 * radius
    bend = emotion * 0.16 * radius
    # the quadratic mouth of the canvas, as an equivalent cubic
    c = (cx, y + 2 * bend)
    start, end = (cx - 0.42 * radius, y), (cx + 0.42 * radius, y)
    c1 = (start[0] + 2 / 3 * (c[0] - start[0]), start[1] + 2 / 3 * (c[1] - start[1]))
    c2 = (end[0] + 2 / 3 * (c[0] - end[0]), end[1] + 2 / 3 * (c[1] - end[1]))
    p.path([start, c1, c2, end], curve=True, stroke=ink, width=max(radius * 0.13, 0.4))


def draw_marker(p: Pen, x: float, cy: float, size: float, kind: str) -> float:
    """A pain-point triangle with '!' or an opportunity disc with '+'; returns its width."""
    if kind == "pain":
        p.path([(x, cy + size / 2), (x + size / 2, cy - size / 2), (x + size, cy + size / 2)],
               closed=True, fill=PAIN_COLOR)
        p.text(x + size / 2, cy + size * 0.42, "!", font=fonts.BOLD, size=size * 0.72, fill=WHITE, anchor="middle")
    else:
        p.circle(x + size / 2, cy, size / 2, fill=OPPORTUNITY_COLOR)
        p.text(x + size / 2, cy + size * 0.3, "+", font=fonts.BOLD, size=size * 0.85, fill=WHITE, anchor="middle")
    return size


def draw_badge(p: Pen, r: Rect, text: str, fill: str, ink: str, border: str, font_size: float) -> None:
    """A pill-shaped badge with centred text (the friction number)."""
    p.rect(r, fill=fill, stroke=border, width=max(0.6, r.h * 0.06), radius=r.h / 2)
    p.text(r.x + r.w / 2, r.y + r.h / 2 + font_size * 0.36, text, font=fonts.BOLD, size=font_size, fill=ink,
           anchor="middle")
