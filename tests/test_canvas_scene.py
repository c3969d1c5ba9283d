"""The scene follows the model incrementally and mirrors the shared selection both ways."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPainter, QPalette, QColor

from canvas_helpers import Canvas, canvas, sample_journey  # noqa: F401  (fixture)
from journeymap.ui.commands.structure import (
    AddFlowCommand,
    AddTouchpointCommand,
    RemoveStageCommand,
    SetEmotionCommand,
)
from journeymap.ui.selection import Ref


def test_one_item_per_object(canvas: Canvas) -> None:
    s, j = canvas.scene, canvas.journey
    assert set(s.stage_items) == set(j.stage_ids())
    assert set(s.touchpoint_items) == set(j.touchpoint_ids())
    assert set(s.flow_items) == {(f.source, f.target) for f in j.flows()}
    assert s.emotion_item is not None and s.friction_item is not None
    for tp_id, item in s.touchpoint_items.items():
        r = s.layout.cards[tp_id].rect
        assert (item.pos().x(), item.pos().y()) == (r.x, r.y)


def test_events_update_only_what_changed(canvas: Canvas) -> None:
    s, j = canvas.scene, canvas.journey
    items_before = dict(s.touchpoint_items)
    canvas.stack.push(AddTouchpointCommand(j, "purchase", "Pays", 0))
    assert set(s.touchpoint_items) == set(j.touchpoint_ids())
    for tp_id, item in items_before.items():
        assert s.touchpoint_items[tp_id] is item  # kept, not rebuilt
    new = s.touchpoint_items["pays"]
    assert new.pos().x() < s.touchpoint_items["checkout"].pos().x()
    canvas.stack.push(SetEmotionCommand(j, "pays", -2))
    assert s.touchpoint_items["pays"].tp.emotion == -2
    assert any(p.id == "pays" for p in s.emotion_item.lane.points)
    canvas.stack.push(AddFlowCommand(j, "checkout", "pays"))
    assert ("checkout", "pays") in s.flow_items
    canvas.stack.undo()
    canvas.stack.undo()
    canvas.stack.undo()
    assert "pays" not in s.touchpoint_items and s.touchpoint_items.keys() == items_before.keys()


def test_stage_removal_and_restore(canvas: Canvas) -> None:
    s, j = canvas.scene, canvas.journey
    canvas.stack.push(RemoveStageCommand(j, "awareness", "move"))
    assert "awareness" not in s.stage_items
    assert s.layout.cards["sees-ad"].stage == "purchase"
    canvas.stack.undo()
    assert "awareness" in s.stage_items and s.layout.cards["sees-ad"].stage == "awareness"


def test_model_events_without_the_stack_arrive_on_the_next_turn(canvas: Canvas, qtbot: object) -> None:
    canvas.journey.add_touchpoint("advocacy", "Tells a friend")
    qtbot.waitUntil(lambda: "tells-a-friend" in canvas.scene.touchpoint_items)  # type: ignore[attr-defined]


def test_detach_stops_listening(qtbot: object, tmp_path: object) -> None:
    c = Canvas(qtbot, sample_journey(), tmp_path)  # type: ignore[arg-type]
    c.scene.detach()
    c.journey.add_touchpoint("advocacy", "Tells a friend")
    c.scene.flush()
    assert "tells-a-friend" not in c.scene.touchpoint_items
    c.scene.detach()  # twice is harmless


def test_selection_model_to_canvas(canvas: Canvas) -> None:
    s = canvas.scene
    canvas.document.selection.set(
        [Ref.touchpoint("checkout"), Ref.stage("advocacy"), Ref.flow("sees-ad", "reads-review")]
    )
    assert s.touchpoint_items["checkout"].isSelected()
    assert s.stage_items["advocacy"].isSelected()
    assert s.flow_items[("sees-ad", "reads-review")].isSelected()
    canvas.document.selection.set([Ref.touchpoint("sees-ad")])
    assert not s.touchpoint_items["checkout"].isSelected()
    assert [i for i in s.selectedItems()] == [s.touchpoint_items["sees-ad"]]


def test_canvas_click_to_selection_model(canvas: Canvas) -> None:
    canvas.click(canvas.card_center("checkout"))
    assert canvas.selected() == ("checkout",)
    assert canvas.scene.touchpoint_items["checkout"].isSelected()
    canvas.click(canvas.card_center("sees-ad"), canvas_ctrl())
    assert canvas.selected() == ("checkout", "sees-ad")
    canvas.click(canvas.card_center("checkout"), canvas_ctrl())
    assert canvas.selected() == ("sees-ad",)
    canvas.click(canvas.header_center("purchase"))
    assert canvas.selected() == ("purchase",)
    flow = canvas.scene.flow_items[("reads-review", "visits-shop")]
    canvas.click(flow.midpoint())
    assert canvas.document.selection.refs() == (Ref.flow("reads-review", "visits-shop"),)
    canvas.click(canvas.card_center("checkout"))
    body = next(b for b in canvas.scene.layout.stages if b.id == "purchase").body
    canvas.click(canvas_point((body.center[0], body.bottom - 3)))  # empty body: clears
    assert canvas.selected() == ()


def canvas_ctrl():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier


def canvas_point(p: tuple[float, float]):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF

    return QPointF(*p)


def test_renders_in_light_and_dark(canvas: Canvas) -> None:
    for window in ("#F0F0F0", "#202124"):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor(window))
        canvas.scene.set_palette(palette)
        rect = canvas.view.map_rect()
        image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        canvas.scene.render(painter, source=rect)
        painter.end()
        assert not image.isNull()
        assert canvas.scene.ctx.colors.dark == (window == "#202124")


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_theme_is_readable_light_and_dark() -> None:
    from journeymap.ui.theme import canvas_colors, register_fonts

    register_fonts()
    for window, dark in (("#F0F0F0", False), ("#202124", True)):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor(window))
        colors = canvas_colors(palette)
        assert colors.dark is dark
        assert _contrast(colors.ink, colors.card_fill) >= 7
        assert _contrast(colors.muted_ink, colors.card_fill) >= 4.5
        assert _contrast(colors.ink, colors.lane_fill) >= 7
