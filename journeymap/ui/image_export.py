"""PNG and SVG images of the map, drawn by the canvas scene itself, for slides and wikis.

The image is what the canvas shows, from the same `compute_layout`, so it matches the
screen and the PDF. Layout units are treated as points: at `dpi` a unit is `dpi / 72`
pixels, and an SVG is as large on paper as the PDF map at 100 %. Works without a
display: when there is no QApplication yet, one is created on Qt's offscreen platform.
"""

from __future__ import annotations

import argparse
import errno
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageWriter, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsItem

from journeymap import runtime
from journeymap.io import atomic_write
from journeymap.layout.style import DARK, LIGHT
from journeymap.model import Journey
from journeymap.ui.canvas.scene import JourneyScene
from journeymap.ui.document import Document
from journeymap.ui.theme import register_fonts

#: The largest map an image is made of, as (touchpoints, flows). Past it a PNG is drawn
#: at a few dots per inch and an SVG takes minutes and hundreds of megabytes (about 13 ms
#: and 27 KB a touchpoint); a PDF holds any map (`--tile` for a wall poster).
IMAGE_LIMITS = {"PNG": (5_000, 25_000), "SVG": (1_500, 7_500)}
#: The largest PNG: no side longer, and no more pixels in all (about 800 MB while drawing).
MAX_SIDE = 16_384
MAX_PIXELS = 200_000_000
INCH_IN_METRES = 0.0254
#: Side, in pixels, of the squares a PNG is drawn in when a layout unit is more than a pixel
#: (see `_render`).
TILE = 1024
#: SVG user units per layout unit (see `svg_bytes`).
SVG_OVERSAMPLE = 4

_app: QApplication | None = None  # keeps the application made here alive


def ensure_application() -> QGuiApplication:
    """The running Qt application, or a new QApplication (offscreen when there is no display).

    QT_QPA_PLATFORM is set to "offscreen" only when it is unset and there is no X11 or
    Wayland display, so a user's own choice of platform is respected. A `journeymap
    export` to PNG or SVG paints the canvas too, so the tweaks a Qt process needs are
    applied first (`journeymap.runtime.apply_qt`).
    """
    global _app
    runtime.apply_qt()
    existing = QGuiApplication.instance()
    if existing is not None:
        if not isinstance(existing, QApplication):
            raise RuntimeError("image export needs a QApplication (the canvas is a widgets scene)")
        return existing
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if no_display and not os.environ.get("QT_QPA_PLATFORM") and sys.platform not in ("win32", "darwin"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QApplication(["journeymap"])
    return _app


@dataclass(frozen=True)
class _Map:
    """A scene ready to render and the part of it to render: the layout's bounds, which
    already hold the map's margin (`LayoutOptions.margin`), as in the PDF."""

    scene: JourneyScene
    source: QRectF
    paper: QColor


_ARTICLE = {"PNG": "a", "SVG": "an"}


class ImageTooLargeError(ValueError):
    """The map is larger than an image of this kind is made of (see IMAGE_LIMITS)."""


def check_image_size(journey: Journey, kind: str) -> None:
    """Raise ImageTooLargeError when `journey` is past IMAGE_LIMITS[kind] ("PNG" or "SVG")."""
    most_touchpoints, most_flows = IMAGE_LIMITS[kind]
    touchpoints, flows = journey.touchpoint_count(), len(journey.flows())
    if touchpoints > most_touchpoints or flows > most_flows:
        raise ImageTooLargeError(
            f"the map has {touchpoints:,} touchpoints and {flows:,} flows; {_ARTICLE[kind]} {kind} image holds at most "
            f"{most_touchpoints:,} touchpoints and {most_flows:,} flows: export a PDF instead (--tile for a poster)")


def _prepare(journey: Journey, dark: bool) -> _Map:
    ensure_application()
    register_fonts()
    scene = JourneyScene(Document(journey))
    scheme = DARK if dark else LIGHT
    paper = QColor(scheme.paper)
    # The image follows the requested scheme, not the desktop's light or dark palette.
    scene.set_palette(QPalette(paper))
    scene.setBackgroundBrush(paper)  # paper, not the canvas's grey desk
    scene.document.selection.clear()
    scene.clearSelection()
    for item in scene.items():
        # A cached card would be pasted in as a bitmap: blurry in a PNG, and no text in an SVG.
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    bounds = scene.layout.bounds
    return _Map(scene, QRectF(bounds.x, bounds.y, bounds.w, bounds.h), paper)


def _finish(prepared: _Map) -> None:
    prepared.scene.detach()  # stop listening to the caller's journey
    prepared.scene.clear()


def capped_scale(width: float, height: float, scale: float) -> float:
    """`scale`, reduced when `width` × `height` units at that scale would exceed the PNG limits."""
    scale = min(scale, MAX_SIDE / width, MAX_SIDE / height, math.sqrt(MAX_PIXELS / (width * height)))
    # Whole pixels round up, so the last row or column can still tip over a limit.
    while scale > 0 and (max(_pixels(width, scale), _pixels(height, scale)) > MAX_SIDE
                         or _pixels(width, scale) * _pixels(height, scale) > MAX_PIXELS):
        scale *= 0.999
    return scale


def _pixels(length: float, scale: float) -> int:
    return max(1, math.ceil(length * scale - 1e-6))


def _render(prepared: _Map, image: QImage, scale: float) -> None:
    """Draw the map into `image` at `scale` pixels per layout unit.

    Once a unit is more than a pixel, Qt no longer draws the lanes' dotted grid lines
    (1 unit wide, round dots) with its fast line rasterizer but strokes them into one
    path of thousands of dots, and its antialiasing rasterizer takes time in the square
    of the dots on one pixel row: on a 16,000-pixel strip one line took half a second.
    So such images are drawn in TILE × TILE squares, which keeps that cost in proportion
    to the map. Smaller scales are drawn in one pass, because `QGraphicsScene.render`
    exposes each item whole, so wide items (the lanes) would repaint in every tile.
    """
    width, height = image.width(), image.height()
    if scale <= 1 or max(width, height) <= TILE:
        _render_part(prepared, image, scale, QRectF(0, 0, width, height))
        return
    tile = QImage(min(TILE, width), min(TILE, height), image.format())
    target = QPainter(image)
    try:
        target.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        for top in range(0, height, TILE):
            for left in range(0, width, TILE):
                w, h = min(TILE, width - left), min(TILE, height - top)
                _render_part(prepared, tile, scale, QRectF(left, top, w, h))
                target.drawImage(left, top, tile, 0, 0, w, h)
    finally:
        target.end()


def _render_part(prepared: _Map, device: QImage, scale: float, pixels: QRectF) -> None:
    """Paint `pixels` (a rectangle of the whole image) at the top left of `device`."""
    source = prepared.source
    device.fill(prepared.paper)
    painter = QPainter(device)
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        part = QRectF(source.x() + pixels.x() / scale, source.y() + pixels.y() / scale,
                      pixels.width() / scale, pixels.height() / scale)
        prepared.scene.render(painter, QRectF(0, 0, pixels.width(), pixels.height()), part)
    finally:
        painter.end()


def png_bytes(journey: Journey, *, dpi: float = 144, dark: bool = False) -> tuple[bytes, list[str]]:
    """The map as PNG bytes at `dpi` (1 layout unit = 1 pt) and the warnings.

    A resolution that would make the image larger than MAX_SIDE pixels on a side or
    MAX_PIXELS in all is lowered to fit, with a warning that says so. Raises OSError
    (ENOMEM) when the image cannot be allocated, ImageTooLargeError past IMAGE_LIMITS["PNG"].
    """
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, not {dpi}")
    check_image_size(journey, "PNG")
    prepared = _prepare(journey, dark)
    try:
        source = prepared.source
        warnings: list[str] = []
        scale = capped_scale(source.width(), source.height(), dpi / 72.0)
        if scale < dpi / 72.0:
            wanted = f"{_pixels(source.width(), dpi / 72)}×{_pixels(source.height(), dpi / 72)}"
            got = f"{_pixels(source.width(), scale)}×{_pixels(source.height(), scale)}"
            warnings.append(f"at {dpi:g} dpi the image would be {wanted} pixels; rendered at {scale * 72:.0f} dpi "
                            f"({got}) instead, to stay within {MAX_SIDE} pixels a side and "
                            f"{MAX_PIXELS // 1_000_000} megapixels")
            dpi = scale * 72.0
        width, height = _pixels(source.width(), scale), _pixels(source.height(), scale)
        image = QImage(width, height, QImage.Format.Format_RGB32)  # opaque: what the PNG holds
        if image.isNull():
            raise OSError(errno.ENOMEM, f"not enough memory for a {width}×{height} image; try a lower --dpi")
        dots_per_metre = round(dpi / INCH_IN_METRES)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        _render(prepared, image, scale)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QImageWriter(buffer, QByteArray(b"png"))
        if not writer.write(image):
            raise OSError(errno.EIO, f"cannot encode the PNG: {writer.errorString()}")
        buffer.close()
        return bytes(data.data()), warnings
    finally:
        _finish(prepared)


def svg_bytes(journey: Journey, *, dark: bool = False) -> bytes:
    """The map as SVG bytes: vector shapes and real text, as large as the map at 1 unit = 1 pt.

    The drawing is SVG_OVERSAMPLE user units per layout unit (the viewBox says so), because
    the canvas draws its recoloured icons as bitmaps at the device's scale: this keeps them
    sharp when the image is zoomed. The width and height (in mm) are the true size.
    Raises ImageTooLargeError past IMAGE_LIMITS["SVG"].
    """
    check_image_size(journey, "SVG")
    prepared = _prepare(journey, dark)
    try:
        source = prepared.source
        width = math.ceil(source.width() * SVG_OVERSAMPLE)
        height = math.ceil(source.height() * SVG_OVERSAMPLE)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setTitle(journey.title)
        generator.setDescription(journey.description or f"Customer journey map: {journey.title}")
        generator.setResolution(round(72 * SVG_OVERSAMPLE))
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRectF(0, 0, width, height))
        painter = QPainter(generator)
        try:
            painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            painter.fillRect(QRectF(0, 0, width, height), prepared.paper)
            target = QRectF(0, 0, source.width() * SVG_OVERSAMPLE, source.height() * SVG_OVERSAMPLE)
            prepared.scene.render(painter, target, source)
        finally:
            painter.end()
        buffer.close()
        return bytes(data.data())
    finally:
        _finish(prepared)


def render_png(journey: Journey, out: Path, *, dpi: float = 144, dark: bool = False) -> list[str]:
    """Write the map to `out` as a PNG at `dpi` (atomically); returns the warnings.

    Raises OSError when the file cannot be written (the old file is left as it was).
    """
    data, warnings = png_bytes(journey, dpi=dpi, dark=dark)
    atomic_write(out, data)
    return warnings


def render_svg(journey: Journey, out: Path, *, dark: bool = False) -> list[str]:
    """Write the map to `out` as an SVG (atomically); returns the warnings (none so far)."""
    atomic_write(out, svg_bytes(journey, dark=dark))
    return []


def export_png(journey: Journey, out: Path, options: argparse.Namespace) -> list[str]:
    """The `.png` exporter of `journeymap export`: `render_png` with `--dpi`."""
    return render_png(journey, out, dpi=getattr(options, "dpi", 144), dark=getattr(options, "dark", False))


def export_svg(journey: Journey, out: Path, options: argparse.Namespace) -> list[str]:
    """The `.svg` exporter of `journeymap export`."""
    return render_svg(journey, out, dark=getattr(options, "dark", False))
