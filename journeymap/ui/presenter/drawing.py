"""Drawing one slide of the presenter view: a stage's name, its touchpoints as large cards,
the emotion curve and the other lanes under them, and the current touchpoint's notes, pain
points and opportunities in large type. Sizes scale with the screen: at 1,080 lines the
stage name is 64 px high and card names 32 px, readable from the back of a room."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from journeymap.layout.style import FONT_FAMILY, emotion_color, friction_color, stage_color
from journeymap.model import CHANNELS, Journey, Lane, Touchpoint, friction_label

INK = QColor("#1F2933")
MUTED = QColor("#52606D")
BACKGROUND = QColor("#FFFFFF")
PANEL = QColor("#F2F4F7")
CARD = QColor("#FFFFFF")
BORDER = QColor("#9AA5B1")
PAIN = QColor("#C0392B")
IDEA = QColor("#2E7D32")

#: Text sizes in pixels on a 1,080-line screen (they scale with the height, never below these).
STAGE_PX = 64
CARD_PX = 32
DETAIL_PX = 30
LANE_PX = 24
SMALL_PX = 22
#: The smallest any text is drawn, whatever the screen.
MIN_PX = 28
KEYS_HINT = "← → stages   ↑ ↓ touchpoints   N note   Ctrl+Z undo   Esc leave"


@dataclass(frozen=True)
class Scale:
    """Pixel sizes for one screen height."""

    unit: float

    @classmethod
    def for_height(cls, height: float) -> Scale:
        return cls(max(0.5, height / 1080))

    def px(self, base: float, floor: float = 0.0) -> int:
        """`base` pixels at 1,080 lines, scaled, never below `floor`."""
        return max(int(floor), round(base * self.unit))


def font(px: int, bold: bool = False) -> QFont:
    """The map's font at `px` pixels."""
    f = QFont(FONT_FAMILY)
    f.setPixelSize(max(1, px))
    f.setBold(bold)
    return f


def _text(painter: QPainter, rect: QRectF, text: str, px: int, color: QColor, *, bold: bool = False,
          flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, wrap: bool = False) -> None:
    """Text in `rect`: wrapped (`wrap`) and cut at the last whole line that fits, else one
    elided line."""
    f = font(px, bold)
    painter.setFont(f)
    painter.setPen(color)
    metrics = QFontMetricsF(f)
    if not wrap:
        painter.drawText(rect, int(flags), metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))
        return
    lines = _wrap(metrics, text, rect.width())
    fit = max(1, int(rect.height() // metrics.lineSpacing()))
    if len(lines) > fit:
        lines = lines[:fit]
        lines[-1] = metrics.elidedText(lines[-1] + " …", Qt.TextElideMode.ElideRight, rect.width())
    painter.drawText(rect, int(flags | Qt.TextFlag.TextWordWrap), "\n".join(lines))


def _wrap(metrics: QFontMetricsF, text: str, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and metrics.horizontalAdvance(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return [metrics.elidedText(x, Qt.TextElideMode.ElideRight, width) for x in lines]


@dataclass(frozen=True)
class SlideGeometry:
    """Where the parts of a slide go on a screen of `width` × `height`."""

    width: float
    height: float
    scale: Scale
    #: More than four lanes under the cards: cards and curve give them room.
    compact: bool = False

    @property
    def margin(self) -> float:
        return 40 * self.scale.unit

    @property
    def titles_width(self) -> float:
        return 210 * self.scale.unit

    def header(self) -> QRectF:
        return QRectF(self.margin, self.margin * 0.6, self.width - 2 * self.margin, 150 * self.scale.unit)

    def columns(self, count: int) -> list[QRectF]:
        """One column per touchpoint, right of the lane titles, from the cards to the detail panel."""
        left = self.margin + self.titles_width
        span = self.width - self.margin - left
        step = span / max(1, count)
        width = min(step, 460 * self.scale.unit)
        start = left + (span - width * count) / 2 if count * width < span else left
        top = self.cards_top()
        return [QRectF(start + i * width, top, width, self.detail_top() - top) for i in range(count)]

    def cards_top(self) -> float:
        return self.header().bottom() + 12 * self.scale.unit

    def card_height(self) -> float:
        return (165 if self.compact else 200) * self.scale.unit

    def emotion_band(self) -> QRectF:
        top = self.cards_top() + self.card_height() + 24 * self.scale.unit
        return QRectF(self.margin, top, self.width - 2 * self.margin, (110 if self.compact else 150) * self.scale.unit)

    def lanes_band(self) -> QRectF:
        top = self.emotion_band().bottom() + 12 * self.scale.unit
        return QRectF(self.margin, top, self.width - 2 * self.margin, self.detail_top() - 16 * self.scale.unit - top)

    def detail_top(self) -> float:
        return self.height - (270 if self.compact else 300) * self.scale.unit

    def detail(self) -> QRectF:
        top = self.detail_top()
        return QRectF(self.margin, top, self.width - 2 * self.margin, self.height - self.margin * 0.6 - top)


def paint_slide(painter: QPainter, width: float, height: float, journey: Journey, stage_id: str | None,
                current: str | None) -> None:
    """Draw the slide of stage `stage_id` with touchpoint `current` highlighted."""
    lanes = journey.lanes()
    geometry = SlideGeometry(width, height, Scale.for_height(height), compact=len(lanes) > 5)
    painter.fillRect(QRectF(0, 0, width, height), BACKGROUND)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if stage_id is None or not journey.has_stage(stage_id):
        _text(painter, geometry.header(), "This journey has no stages yet", geometry.scale.px(STAGE_PX, MIN_PX), INK,
              bold=True)
        return
    tps = journey.touchpoints(stage_id)
    _paint_header(painter, geometry, journey, stage_id)
    columns = geometry.columns(len(tps))
    color = QColor(stage_color(journey.stage(stage_id), journey.stage_index(stage_id)))
    for tp, column in zip(tps, columns, strict=False):
        if tp.id == current:
            painter.fillRect(column.adjusted(4, -8, -4, 0), _tint(color, 0.10))
    for tp, column in zip(tps, columns, strict=False):
        _paint_card(painter, geometry, tp, column, color, tp.id == current)
    if any(lane.kind == "emotion" for lane in lanes):
        _paint_emotion(painter, geometry, tps, columns, color)
    _paint_lanes(painter, geometry, [lane for lane in lanes if lane.kind != "emotion"], tps, columns)
    _paint_detail(painter, geometry, journey, next((tp for tp in tps if tp.id == current), None))


def _tint(color: QColor, amount: float) -> QColor:
    return QColor(round(255 + (color.red() - 255) * amount), round(255 + (color.green() - 255) * amount),
                  round(255 + (color.blue() - 255) * amount))


def _paint_header(painter: QPainter, geometry: SlideGeometry, journey: Journey, stage_id: str) -> None:
    scale, header = geometry.scale, geometry.header()
    index = journey.stage_index(stage_id)
    stage = journey.stage(stage_id)
    color = QColor(stage_color(stage, index))
    painter.fillRect(QRectF(0, 0, geometry.width, 14 * scale.unit), color)
    small = scale.px(SMALL_PX)
    counter = f"Stage {index + 1} of {len(journey.stage_ids())} · {journey.title}"
    _text(painter, QRectF(header.left(), header.top(), header.width() * 0.6, small * 1.4), counter, small, MUTED)
    _text(painter, QRectF(header.left() + header.width() * 0.45, header.top(), header.width() * 0.55, small * 1.4),
          KEYS_HINT, small, MUTED, flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    title_px = scale.px(STAGE_PX, MIN_PX)
    title = QRectF(header.left(), header.top() + small * 1.4, header.width(), title_px * 1.3)
    _text(painter, title, stage.name, title_px, INK, bold=True)
    if stage.description:
        line = QRectF(header.left(), title.bottom(), header.width(), small * 1.5)
        _text(painter, line, stage.description, small, MUTED)


def _paint_card(painter: QPainter, geometry: SlideGeometry, tp: Touchpoint, column: QRectF, color: QColor,
                current: bool) -> None:
    scale = geometry.scale
    pad = 14 * scale.unit
    card = QRectF(column.left() + pad, column.top(), column.width() - 2 * pad, geometry.card_height())
    painter.setBrush(CARD)
    painter.setPen(QPen(color if current else BORDER, (6 if current else 2) * scale.unit))
    painter.drawRoundedRect(card, 12 * scale.unit, 12 * scale.unit)
    inner = card.adjusted(pad, pad * 0.8, -pad, -pad * 0.8)
    small = scale.px(SMALL_PX)
    channel = CHANNELS.get(tp.channel or "", tp.channel or "")
    _text(painter, QRectF(inner.left(), inner.top(), inner.width(), small * 1.3), channel, small, MUTED)
    name = inner.adjusted(0, small * 1.4, 0, 0)
    _text(painter, name, tp.name, scale.px(CARD_PX, MIN_PX), INK, bold=current, wrap=True)


def _paint_emotion(painter: QPainter, geometry: SlideGeometry, tps: list[Touchpoint], columns: list[QRectF],
                   color: QColor) -> None:
    scale, band = geometry.scale, geometry.emotion_band()
    _text(painter, QRectF(band.left(), band.top(), geometry.titles_width, band.height()), "Emotion",
          scale.px(LANE_PX), MUTED, bold=True, flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    plot = QRectF(band.left() + geometry.titles_width, band.top() + 16 * scale.unit,
                  band.width() - geometry.titles_width, band.height() - 32 * scale.unit)
    painter.setPen(QPen(PANEL.darker(110), 1.5 * scale.unit, Qt.PenStyle.DashLine))
    for level in range(-2, 3):
        y = plot.top() + (2 - level) / 4 * plot.height()
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
    points = [(QPointF(c.center().x(), plot.top() + (2 - tp.emotion) / 4 * plot.height()), tp)
              for tp, c in zip(tps, columns, strict=False) if tp.emotion is not None]
    main = [p for p, tp in points if tp.row == 0]
    if len(main) > 1:
        painter.setPen(QPen(INK, 4 * scale.unit))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(QPolygonF(main))
    radius = 18 * scale.unit
    for point, tp in points:
        assert tp.emotion is not None
        painter.setPen(QPen(INK, 2 * scale.unit))
        painter.setBrush(QColor(emotion_color(tp.emotion)))
        painter.drawEllipse(point, radius, radius)
        value = f"+{tp.emotion}" if tp.emotion > 0 else ("0" if tp.emotion == 0 else f"−{-tp.emotion}")
        _text(painter, QRectF(point.x() - radius, point.y() - radius, 2 * radius, 2 * radius), value,
              scale.px(18), INK, bold=True, flags=Qt.AlignmentFlag.AlignCenter)


def _cell_text(lane: Lane, tp: Touchpoint) -> tuple[str, QColor]:
    if lane.kind == "friction":
        if tp.friction is None:
            return "", INK
        return f"■ {tp.friction} {friction_label(tp.friction)}", QColor(friction_color(tp.friction)).darker(170)
    if lane.kind == "pain-points":
        return "; ".join(tp.pain_points), PAIN
    if lane.kind == "opportunities":
        return "; ".join(tp.opportunities), IDEA
    if lane.kind == "metric":
        value = tp.metrics.get(lane.metric or "") if tp.metrics else None
        return ("" if value is None else f"{value:g}"), INK
    return "; ".join(tp.notes(lane.key)), INK


def _paint_lanes(painter: QPainter, geometry: SlideGeometry, lanes: list[Lane], tps: list[Touchpoint],
                 columns: list[QRectF]) -> None:
    if not lanes:
        return
    scale, band = geometry.scale, geometry.lanes_band()
    row = min(band.height() / len(lanes), 80 * scale.unit)
    px = max(scale.px(16), min(scale.px(LANE_PX), round(row * 0.55)))
    for i, lane in enumerate(lanes):
        top = band.top() + i * row
        if i % 2 == 0:
            painter.fillRect(QRectF(band.left(), top, band.width(), row), PANEL)
        _text(painter, QRectF(band.left() + 8 * scale.unit, top, geometry.titles_width - 12 * scale.unit, row),
              lane.title, px, MUTED, bold=True, flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for tp, column in zip(tps, columns, strict=False):
            text, color = _cell_text(lane, tp)
            cell = QRectF(column.left() + 14 * scale.unit, top + 2, column.width() - 28 * scale.unit, row - 4)
            _text(painter, cell, text, px, color, wrap=row > 2.4 * px,
                  flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _paint_detail(painter: QPainter, geometry: SlideGeometry, journey: Journey, tp: Touchpoint | None) -> None:
    scale, panel = geometry.scale, geometry.detail()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PANEL)
    painter.drawRoundedRect(panel, 14 * scale.unit, 14 * scale.unit)
    inner = panel.adjusted(24 * scale.unit, 16 * scale.unit, -24 * scale.unit, -16 * scale.unit)
    px = scale.px(DETAIL_PX, MIN_PX)
    if tp is None:
        _text(painter, inner, "No touchpoints in this stage yet", px, MUTED)
        return
    title_px = scale.px(40, MIN_PX)
    _text(painter, QRectF(inner.left(), inner.top(), inner.width(), title_px * 1.3), tp.name, title_px, INK, bold=True)
    body = inner.adjusted(0, title_px * 1.5, 0, 0)
    notes = [f"{lane.title}: {note}" for lane in journey.lanes() if lane.is_text for note in tp.notes(lane.key)]
    groups = [("Pain points", list(tp.pain_points), PAIN), ("Opportunities", list(tp.opportunities), IDEA),
              ("Notes", notes, INK)]
    width = body.width() / len(groups)
    for i, (title, items, color) in enumerate(groups):
        column = QRectF(body.left() + i * width, body.top(), width - 24 * scale.unit, body.height())
        head = scale.px(SMALL_PX + 2)
        _text(painter, QRectF(column.left(), column.top(), column.width(), head * 1.4), f"{title} · {len(items)}",
              head, color, bold=True)
        _bullets(painter, column.adjusted(0, head * 1.5, 0, 0), items, px)


def _bullets(painter: QPainter, rect: QRectF, items: list[str], px: int) -> None:
    """One bullet per item, wrapped to `rect`'s width, as many lines as fit."""
    f = font(px)
    painter.setFont(f)
    metrics = QFontMetricsF(f)
    lines = [piece for item in items for piece in _wrap(metrics, f"• {item}", rect.width())] or ["—"]
    painter.setPen(INK if items else MUTED)
    fit = max(1, int(rect.height() // metrics.lineSpacing()))
    if len(lines) > fit:
        lines = lines[:fit - 1] + [f"… {len(lines) - fit + 1} more lines"]
    for i, line in enumerate(lines):
        painter.drawText(QRectF(rect.left(), rect.top() + i * metrics.lineSpacing(), rect.width(),
                                metrics.lineSpacing()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), line)
