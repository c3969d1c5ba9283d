"""Drawing the personas' emotion lines on the canvas: a colour, a dash and a marker each.

The layout places the lines (`EmotionLane.personas`); this module only paints them, so the
emotion lane item and the legend in its title share one look per persona.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from bisect import bisect_left, bisect_right

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from journeymap.layout.geometry import EmotionBranch, EmotionPoint, PersonaLine
from journeymap.layout.style import persona_style
from journeymap.layout.text import elide_text
from journeymap.ui.canvas.items.flow import bezier_path
from journeymap.ui.canvas.painting import PaintContext

MARKER_RADIUS = 4.5
LINE_WIDTH = 2.0
_DASHES = {
    "solid": Qt.PenStyle.SolidLine,
    "dash": Qt.PenStyle.DashLine,
    "dot": Qt.PenStyle.DotLine,
    "dashdot": Qt.PenStyle.DashDotLine,
    "longdash": Qt.PenStyle.CustomDashLine,
    "dashdotdot": Qt.PenStyle.DashDotDotLine,
}


def _x(point: EmotionPoint) -> float:
    return point.x


def line_pen_style(dash: str) -> Qt.PenStyle:
    """The Qt pen style of a persona line's dash."""
    return _DASHES.get(dash, Qt.PenStyle.SolidLine)


def set_line_pen(painter: QPainter, ctx: PaintContext, index: int, width: float = LINE_WIDTH) -> QColor:
    """Set the pen of persona line `index` (its colour and dash); returns the colour."""
    color_name, dash, _ = persona_style(index)
    color = QColor(color_name)
    pen = QPen(color, width, line_pen_style(dash))
    if dash == "longdash":
        pen.setDashPattern([6.0, 3.0])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    return color


def draw_marker(painter: QPainter, marker: str, center: QPointF, radius: float, color: QColor,
                fill: QColor) -> None:
    """A persona's marker shape at `center`: filled in the paper colour, outlined in its colour."""
    x, y, r = center.x(), center.y(), radius
    pen = painter.pen()
    pen.setStyle(Qt.PenStyle.SolidLine)
    pen.setColor(color)
    pen.setWidthF(1.6)
    painter.setPen(pen)
    painter.setBrush(fill)
    if marker == "circle":
        painter.drawEllipse(center, r, r)
    elif marker == "square":
        painter.drawRect(QRectF(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7))
    elif marker in ("triangle", "triangle-down"):
        s = -1.0 if marker == "triangle" else 1.0
        painter.drawPolygon(QPolygonF([QPointF(x, y + s * r), QPointF(x - r, y - s * r * 0.8),
                                       QPointF(x + r, y - s * r * 0.8)]))
    elif marker == "diamond":
        painter.drawPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)]))
    elif marker == "star":
        points = []
        for k in range(10):
            a = -math.pi / 2 + k * math.pi / 5
            rr = r if k % 2 == 0 else r * 0.45
            points.append(QPointF(x + rr * math.cos(a), y + rr * math.sin(a)))
        painter.drawPolygon(QPolygonF(points))
    else:  # cross, plus: strokes only
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        if marker == "cross":
            path.moveTo(x - r, y - r)
            path.lineTo(x + r, y + r)
            path.moveTo(x - r, y + r)
            path.lineTo(x + r, y - r)
        else:
            path.moveTo(x - r, y)
            path.lineTo(x + r, y)
            path.moveTo(x, y - r)
            path.lineTo(x, y + r)
        pen.setWidthF(2.2)
        painter.setPen(pen)
        painter.drawPath(path)


@dataclass
class LinePaths:
    """The painter paths of a persona's line and branches, and the records they were made from."""

    curve_points: tuple[tuple[float, float], ...]
    curve: QPainterPath
    branches: dict[EmotionBranch, QPainterPath]


def line_paths(line: PersonaLine, before: LinePaths | None = None) -> LinePaths:
    """The painter paths of a persona's line and of its branches; what `before` already has
    for the same curve or the same branch is reused, not built again."""
    if before is not None and before.curve_points == line.curve:
        curve = before.curve
    else:
        curve = bezier_path(line.curve) if len(line.curve) >= 4 else QPainterPath()
    old = before.branches if before is not None else {}
    branches = {b: old.get(b) or bezier_path(b.points) for b in line.branches}
    return LinePaths(line.curve, curve, branches)


def paint_persona_line(painter: QPainter, ctx: PaintContext, line: PersonaLine, span: tuple[float, float],
                       *, faded: bool = False,
                       paths: LinePaths | None = None) -> None:
    """One persona's line, its branches and its markers (only what lies in the x `span`);
    `paths` are the line's paths made beforehand (`line_paths`), else they are made now."""
    made = paths if paths is not None else line_paths(line)
    curve = made.curve
    painter.setOpacity(0.25 if faded else 1.0)
    color = set_line_pen(painter, ctx, line.style)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if not curve.isEmpty():
        painter.drawPath(curve)
    thin = set_line_pen(painter, ctx, line.style, 1.2)
    for record, branch in made.branches.items():
        if record.points[-1][0] >= span[0] and record.points[0][0] <= span[1]:  # x grows along a branch
            painter.drawPath(branch)
    marker = persona_style(line.style)[2]
    x0, x1 = span
    points = line.points
    for point in points[bisect_left(points, x0, key=_x):bisect_right(points, x1, key=_x)]:
        draw_marker(painter, marker, QPointF(point.x, point.y), MARKER_RADIUS, color if point.row == 0 else thin,
                    ctx.colors.card_fill)
    painter.setOpacity(1.0)


def paint_legend(painter: QPainter, ctx: PaintContext, lines: tuple[PersonaLine, ...], rect: QRectF,
                 focus: str | None) -> None:
    """The key of the persona lines in `rect`: a line sample with the marker, and the name."""
    size = ctx.options.label_font_size * 0.9
    pitch = size * 1.5
    y = rect.top()
    for line in lines:
        if y + pitch > rect.bottom() + 0.5:
            break
        faded = focus is not None and line.persona != focus
        painter.setOpacity(0.35 if faded else 1.0)
        color = set_line_pen(painter, ctx, line.style, 1.8)
        mid = y + pitch / 2
        painter.drawLine(QPointF(rect.left(), mid), QPointF(rect.left() + 18, mid))
        draw_marker(painter, persona_style(line.style)[2], QPointF(rect.left() + 9, mid), 3.2, color,
                    ctx.colors.card_fill)
        name = elide_text(line.name, rect.width() - 22, size)
        ctx.draw_line_in(painter, name, QRectF(rect.left() + 22, y, rect.width() - 22, pitch), size,
                         ctx.colors.ink, bold=line.persona == focus, center=False)
        y += pitch
    painter.setOpacity(1.0)
