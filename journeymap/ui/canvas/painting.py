"""What every canvas item paints with: colours, fonts in layout units, cached SVG icons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette, QPen
from PySide6.QtSvg import QSvgRenderer

from journeymap.layout.geometry import LayoutOptions, Rect
from journeymap.layout.style import FONT_FAMILY
from journeymap.layout.text import baseline, line_height, text_width
from journeymap.ui.theme import CanvasColors, canvas_colors, register_fonts


#: Below this zoom a card is drawn as a plain block (its text would be a few pixels high).
BLOCK_ZOOM = 0.35
#: Text smaller than this many device pixels is left out: nobody can read it.
MIN_TEXT_PX = 5.0
#: Names (cards, stages) and flow labels too small to read at their own size are drawn
#: this many device pixels high instead, wrapped and cut to their box: zoomed far out to
#: fit a long map, the room still reads what each card is.
MIN_NAME_PX = 9.0


def zoom_of(painter: QPainter, option: object) -> float:
    """How many device pixels one layout unit covers where `painter` draws now."""
    return option.levelOfDetailFromTransform(painter.worldTransform())  # type: ignore[attr-defined]


def readable(size: float, zoom: float) -> bool:
    """True when text of `size` layout units is large enough to read at `zoom`."""
    return size * zoom >= MIN_TEXT_PX


def draw_min_size_text(ctx: PaintContext, painter: QPainter, text: str, rect: QRectF, zoom: float, color: QColor, *,
                       bold: bool = False, center: bool = False, px: float = MIN_NAME_PX) -> None:
    """`text` at `px` device pixels whatever the zoom, wrapped to `rect` and cut (with "…")
    at the last line that fits; one elided line when even one line barely fits."""
    size = px / max(zoom, 1e-6)
    font = ctx.font(painter, size, bold)
    metrics = QFontMetricsF(font, painter.device())
    width, pitch = rect.width(), metrics.lineSpacing()
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    fit = max(1, int(rect.height() // pitch))
    if len(lines) > fit:
        lines = lines[:fit]
        lines[-1] += " …"
    painter.setFont(font)
    painter.setPen(color)
    flags = Qt.AlignmentFlag.AlignHCenter if center else Qt.AlignmentFlag.AlignLeft
    for i, line in enumerate(lines):
        elided = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(rect.left(), rect.top() + i * pitch, width, pitch), int(flags), elided)


def qrect(rect: Rect, dx: float = 0.0, dy: float = 0.0) -> QRectF:
    """A layout `Rect` as a QRectF, shifted by (-dx, -dy) into an item's own coordinates."""
    return QRectF(rect.x - dx, rect.y - dy, rect.w, rect.h)


class IconCache:
    """One QSvgRenderer per icon file, created on first use (an invalid file gives None)."""

    def __init__(self) -> None:
        self._renderers: dict[str, QSvgRenderer | None] = {}
        self._by_key: dict[str, QSvgRenderer | None] = {}

    def renderer(self, path: Path | str | None) -> QSvgRenderer | None:
        """The renderer for `path`, or None when there is no usable icon."""
        if path is None:
            return None
        key = str(path)
        if key not in self._renderers:
            renderer = QSvgRenderer(key) if Path(key).is_file() else None
            self._renderers[key] = renderer if renderer is not None and renderer.isValid() else None
        return self._renderers[key]

    def channel(self, channel: str | None) -> QSvgRenderer | None:
        """The icon of a channel (custom channels share the generic icon, if there is one)."""
        if not channel:
            return None
        key = f"channel:{channel}"
        if key not in self._by_key:
            try:
                from journeymap.resources import channel_icon_path
                self._by_key[key] = self.renderer(channel_icon_path(channel))
            except (ImportError, KeyError, ValueError, FileNotFoundError):
                self._by_key[key] = None
        return self._by_key[key]

    def emotion(self, emotion: int) -> QSvgRenderer | None:
        """The face icon of an emotion value."""
        key = f"emotion:{emotion}"
        if key not in self._by_key:
            try:
                from journeymap.resources import emotion_icon_path
                self._by_key[key] = self.renderer(emotion_icon_path(emotion))
            except (ImportError, KeyError, ValueError, FileNotFoundError):
                self._by_key[key] = None
        return self._by_key[key]


def draw_icon(painter: QPainter, renderer: QSvgRenderer, rect: QRectF, color: QColor | None,
              cache: dict[tuple[int, int, int, int], QImage]) -> None:
    """Draw an SVG icon in `rect`, recoloured to `color` (monochrome icons follow the ink of
    the light or dark scheme), rendered once per device size into `cache`."""
    if color is None:
        renderer.render(painter, rect)
        return
    scale = painter.deviceTransform().m11() or 1.0
    w, h = max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))
    key = (id(renderer), w, h, color.rgba())
    image = cache.get(key)
    if image is None:
        if len(cache) > 512:
            cache.clear()
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        icon_painter = QPainter(image)
        icon_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(icon_painter, QRectF(0, 0, w, h))
        icon_painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        icon_painter.fillRect(QRectF(0, 0, w, h), color)
        icon_painter.end()
        cache[key] = image
    painter.drawImage(rect, image)


class PaintContext:
    """Shared by all items of one scene: options, colours, fonts and the icon cache."""

    def __init__(self, options: LayoutOptions, palette: QPalette) -> None:
        register_fonts()
        self.options = options
        self.colors: CanvasColors = canvas_colors(palette)
        self.icons = IconCache()
        self.family = FONT_FAMILY
        self.icon_images: dict[tuple[int, int, int, int], QImage] = {}
        self._fonts: dict[tuple[float, bool, float], QFont] = {}
        self._pens: dict[tuple[int, float, Qt.PenStyle], QPen] = {}
        #: emotion faces as rendered on the device (see items.lanes.draw_face)
        self.face_images: dict[tuple[object, ...], QImage] = {}
        #: card outlines as rendered on the device (see items.touchpoint)
        self.outline_images: dict[tuple[object, ...], QImage] = {}

    def set_palette(self, palette: QPalette) -> None:
        """Follow a new system palette (light/dark switch)."""
        self.colors = canvas_colors(palette)

    def font(self, painter: QPainter, size: float, bold: bool = False) -> QFont:
        """A font whose em is `size` layout units on the painter's device, whatever its DPI."""
        dpi = float(painter.device().logicalDpiY() or 96)
        key = (size, bold, dpi)
        font = self._fonts.get(key)
        if font is None:
            font = QFont(self.family)
            font.setPointSizeF(size * 72.0 / dpi)
            font.setBold(bold)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            self._fonts[key] = font
        return font

    def draw_lines(
        self,
        painter: QPainter,
        lines: tuple[str, ...],
        origin: QPointF,
        size: float,
        color: QColor,
        *,
        bold: bool = False,
        center_width: float | None = None,
        line_pitch: float = 0.0,
    ) -> None:
        """Draw pre-wrapped lines whose boxes start at `origin`, `line_pitch` apart (default: the
        layout's line height), centred in `center_width` if given — where the layout measured them."""
        font = self.font(painter, size, bold)
        painter.setFont(font)
        painter.setPen(color)
        step = line_pitch or line_height(size)
        for i, line in enumerate(lines):
            x = origin.x()
            if center_width is not None:
                x += (center_width - text_width(line, size, bold)) / 2
            painter.drawText(QPointF(x, baseline(origin.y() + i * step, size)), line)

    def draw_line_in(
        self, painter: QPainter, text: str, rect: QRectF, size: float, color: QColor, *,
        bold: bool = False, center: bool = True,
    ) -> None:
        """One line of text vertically centred in `rect` (and horizontally if `center`)."""
        top = rect.center().y() - line_height(size) / 2
        self.draw_lines(painter, (text,), QPointF(rect.left(), top), size, color, bold=bold,
                        center_width=rect.width() if center else None)

    def pen(self, color: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
        """A cosmetic-free pen in layout units with round joins and ends (shared: do not change it)."""
        key = (color.rgba() if isinstance(color, QColor) else QColor(color).rgba(), width, style)
        pen = self._pens.get(key)
        if pen is None:
            if len(self._pens) > 256:
                self._pens.clear()
            pen = QPen(color, width, style)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            # Thin dotted or dashed lines get flat ends: round-capped dots are drawn as one
            # path of round dots whose cost grows with the square of their number once a
            # unit is more than a pixel (a lane's grid line took 15 ms at 150 % zoom); at
            # one unit wide the ends look the same.
            thin_pattern = style != Qt.PenStyle.SolidLine and width <= 1.0
            pen.setCapStyle(Qt.PenCapStyle.FlatCap if thin_pattern else Qt.PenCapStyle.RoundCap)
            self._pens[key] = pen
        return pen

