"""Fonts and the canvas colours, following the system light or dark palette.

Stage and severity colours come from `journeymap.layout.style` (shared with the
exports); this module only adds what depends on the screen: paper, ink, grid, lanes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFontDatabase, QPalette

from journeymap.layout.style import DARK, LIGHT

_FONT_STYLES = ("regular", "bold", "oblique", "bold-oblique")
_fonts_registered = False


def register_fonts() -> list[str]:
    """Register the bundled DejaVu Sans files with Qt (once); returns the families added.

    Missing font files are skipped: Qt then falls back to a system font, and the
    layout's text metrics are only approximately right.
    """
    global _fonts_registered
    if _fonts_registered:
        return []
    _fonts_registered = True
    try:
        from journeymap.resources import font_path
    except ImportError:
        return []
    families: list[str] = []
    for style in _FONT_STYLES:
        try:
            path = font_path(style)
        except (KeyError, ValueError, FileNotFoundError):
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return sorted(set(families))


@dataclass(frozen=True)
class CanvasColors:
    """The colours the canvas paints with, besides stage and severity colours."""

    dark: bool
    background: QColor       # behind the map
    stage_body: QColor       # stage column background (the stage colour is mixed in lightly)
    card_fill: QColor
    card_border: QColor
    ink: QColor              # main text
    muted_ink: QColor        # secondary text: lane labels, channel names
    header_ink_light: QColor # text on a dark stage header
    header_ink_dark: QColor  # text on a light stage header
    grid: QColor             # lane grid lines
    lane_fill: QColor
    flow: QColor
    selection: QColor
    hover: QColor
    drop_indicator: QColor
    editor_fill: QColor


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` towards `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def is_dark(palette: QPalette) -> bool:
    """True when the palette's window colour is dark."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def canvas_colors(palette: QPalette) -> CanvasColors:
    """The canvas colours for `palette`: the printable light scheme of `layout.style`, or its
    dark counterpart when the system palette is dark. Selection follows the system highlight."""
    dark = is_dark(palette)
    scheme = DARK if dark else LIGHT
    highlight = palette.color(QPalette.ColorRole.Highlight)
    selection = QColor(scheme.selection)
    if highlight.isValid() and abs(highlight.lightness() - QColor(scheme.paper).lightness()) > 80:
        selection = highlight
    return CanvasColors(
        dark=dark,
        background=QColor("#17191D") if dark else QColor("#ECEDEF"),
        stage_body=QColor(scheme.paper),
        card_fill=QColor(scheme.card_fill),
        card_border=QColor(scheme.card_border),
        ink=QColor(scheme.ink),
        muted_ink=QColor(scheme.muted),
        header_ink_light=QColor("#FFFFFF"),
        header_ink_dark=QColor(LIGHT.ink),
        grid=QColor(scheme.grid),
        lane_fill=QColor(scheme.lane_background),
        flow=QColor(scheme.flow),
        selection=selection,
        hover=QColor("#8FA3BF") if dark else QColor("#6C8EBF"),
        drop_indicator=QColor("#4FA3FF") if dark else QColor("#1565C0"),
        editor_fill=QColor(scheme.card_fill),
    )


def tinted(base: QColor, color: QColor, amount: float) -> QColor:
    """`base` with a little of `color` mixed in (used for stage column backgrounds)."""
    return _mix(base, color, amount)


def ink_on(color: QColor, colors: CanvasColors) -> QColor:
    """Readable text colour on a filled background of `color` (WCAG relative luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())
    return colors.header_ink_dark if lum > 0.36 else colors.header_ink_light
