"""The Insights dock and the heat map: listed insights, live updates after edits,
clicking to select and centre, and a heat-map toggle that is not an edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from canvas_helpers import Canvas, canvas  # noqa: F401  (fixture)
from journeymap.analysis import compute_insights

from journeymap.model import Journey
from journeymap.ui.canvas.heatmap import CardHeatItem, HeatMapLayer, SwitchMarkItem
from journeymap.ui.commands.fields import TouchpointFieldCommand
from journeymap.ui.commands.structure import AddTouchpointCommand
from journeymap.ui.docks.insights import InsightsPanel
from journeymap.ui.document import Document
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import MainWindow
from journeymap.ui.selection import Ref
from journeymap.ui.settings import app_settings


def small_journey() -> Journey:
    """Ad → site → checkout → call; two channel switches that hurt (into site and call)."""
    j = Journey("Buying shoes")
    j.add_stage("Awareness")
    j.add_stage("Purchase")
    j.add_touchpoint("awareness", "Sees ad", id="ad", channel="advertising", emotion=1, friction=0)
    j.add_touchpoint("awareness", "Visits site", id="site", channel="website", emotion=0, friction=2)
    j.add_touchpoint("purchase", "Checkout", id="checkout", channel="website", emotion=-2, friction=4)
    j.add_touchpoint("purchase", "Calls support", id="call", channel="phone", emotion=-1, friction=3)
    for a, b in (("ad", "site"), ("site", "checkout"), ("checkout", "call")):
        j.add_flow(a, b)
    return j


class DiscardingDialogs(Dialogs):
    """Never shows a real message box: unsaved changes are discarded."""

    def ask_unsaved(self, parent: object, name: str) -> str:  # type: ignore[override]
        return "discard"


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    app_settings().clear()
    w = MainWindow(Document(small_journey()), dialogs=DiscardingDialogs())
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.insights_dock.raise_()
    qtbot.waitUntil(lambda: w.insights_panel.topLevelItemCount() > 0)
    return w


def names(panel: InsightsPanel, key: str) -> list[str]:
    return [item.text(0) for item in panel.entries(key)]


def test_the_dock_lists_the_hotspots_lows_and_channel_breaks(window: MainWindow) -> None:
    panel = window.insights_panel
    assert names(panel, "hotspots") == ["Checkout", "Calls support", "Visits site"]
    assert names(panel, "lows") == ["Checkout", "Calls support"]
    assert names(panel, "switches") == ["Sees ad → Visits site", "Checkout → Calls support"]
    assert names(panel, "drops") == ["Visits site → Checkout", "Sees ad → Visits site"]
    assert panel.section("hotspots").text(0) == "Friction hotspots · 3"
    first = panel.entries("hotspots")[0]
    assert "checkout" in first.toolTip(0) and "Friction 4" in first.toolTip(0)
    assert panel.refs_of(first) == (Ref.touchpoint("checkout"),)
    assert not first.icon(0).isNull()  # the friction badge and the face
    path = panel.entries("path")
    assert panel.refs_of(path[0]) == tuple(Ref.touchpoint(t) for t in ("ad", "site", "checkout", "call"))
    assert [i.text(0) for i in path[1:]] == ["1. Sees ad", "2. Visits site", "3. Checkout", "4. Calls support"]


def test_the_dock_follows_an_edit_through_the_undo_stack(window: MainWindow, qtbot: QtBot) -> None:
    panel, doc = window.insights_panel, window.document
    doc.undo_stack.push(TouchpointFieldCommand(doc.journey, "ad", "friction", 4))
    doc.undo_stack.push(TouchpointFieldCommand(doc.journey, "ad", "emotion", -2))
    assert panel.live.pending()  # debounced: nothing recomputed while edits come in
    qtbot.waitUntil(lambda: names(panel, "hotspots")[:1] == ["Sees ad"], timeout=2000)
    assert names(panel, "lows")[0] == "Sees ad"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: names(panel, "hotspots") == ["Checkout", "Calls support", "Visits site"], timeout=2000)


def test_clicking_an_entry_selects_and_centres_the_touchpoint(window: MainWindow, qtbot: QtBot) -> None:
    panel, view = window.insights_panel, window.view
    view.set_zoom(2.0)
    view.scroll_to_map_start()
    item = next(i for i in panel.entries("hotspots") if i.text(0) == "Calls support")
    panel.scrollToItem(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center())
    assert window.document.selection.refs() == (Ref.touchpoint("call"),)
    card = window.scene.touchpoint_items["call"]
    centre = view.mapFromScene(card.sceneBoundingRect().center())
    middle = view.viewport().rect().center()
    assert abs(centre.x() - middle.x()) <= 2 and abs(centre.y() - middle.y()) <= 2
    assert card.isSelected()


def test_the_current_entry_survives_a_recomputation(window: MainWindow, qtbot: QtBot) -> None:
    panel, doc = window.insights_panel, window.document
    panel.setCurrentItem(panel.entries("lows")[1])
    doc.undo_stack.push(TouchpointFieldCommand(doc.journey, "ad", "name", "Sees a banner"))
    qtbot.waitUntil(lambda: "Sees a banner → Visits site" in names(panel, "switches"), timeout=2000)
    assert panel.currentItem().text(0) == "Calls support"
    assert panel.refs_of(panel.currentItem()) == (Ref.touchpoint("call"),)


def test_clicking_a_channel_break_selects_the_flow(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.insights_panel
    item = panel.entries("switches")[1]
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center())
    assert window.document.selection.refs() == (Ref.flow("checkout", "call"),)
    assert window.scene.flow_items[("checkout", "call")].isSelected()


def test_enter_on_an_entry_selects_it_and_the_path_summary_selects_the_whole_path(
        window: MainWindow, qtbot: QtBot) -> None:
    panel = window.insights_panel
    panel.setFocus()
    panel.setCurrentItem(panel.entries("lows")[0])
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert window.document.selection.refs() == (Ref.touchpoint("checkout"),)
    panel.section("path").setExpanded(True)
    summary = panel.entries("path")[0]
    assert summary.text(0).startswith("Friction 9 · lowest emotion very negative · 2 channel switches")
    panel.scrollToItem(summary)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(summary).center())
    assert window.document.selection.ids("touchpoint") == ["ad", "site", "checkout", "call"]


def test_warnings_are_grouped_with_counts_and_select_what_they_name(window: MainWindow, qtbot: QtBot) -> None:
    panel, doc = window.insights_panel, window.document
    assert panel.section("warnings").text(0) == "Warnings"
    doc.undo_stack.push(AddTouchpointCommand(doc.journey, "awareness", "Visits store"))
    qtbot.waitUntil(lambda: panel.section("warnings").text(0) != "Warnings", timeout=2000)
    groups = {panel.section("warnings").child(i).text(0) for i in range(panel.section("warnings").childCount())}
    assert "Not connected by any flow · 1" in groups and "No channel · 1" in groups
    isolated = panel.section("warnings/isolated")
    assert isolated is None  # groups are children of the Warnings section, not top level
    group = next(panel.section("warnings").child(i) for i in range(panel.section("warnings").childCount())
                 if panel.section("warnings").child(i).text(0).startswith("Not connected"))
    panel.activate(group.child(0))
    assert window.document.selection.refs() == (Ref.touchpoint("visits-store"),)


def test_headers_and_notes_select_nothing(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.insights_panel
    window.document.selection.set([Ref.touchpoint("ad")])
    header = panel.section("hotspots")
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(header).center())
    assert window.document.selection.refs() == (Ref.touchpoint("ad"),)


def test_heat_map_toggle_shades_the_cards_and_is_not_an_edit(window: MainWindow, qtbot: QtBot) -> None:
    stack, scene = window.document.undo_stack, window.scene
    action = window.actions_.heatmap
    assert not action.isChecked()
    assert not [i for i in scene.items() if isinstance(i, (CardHeatItem, SwitchMarkItem))]
    action.trigger()
    overlays = [i for i in scene.items() if isinstance(i, CardHeatItem)]
    assert len(overlays) == 2 * 4  # a wash and a rim per card
    shading = {i.parentItem().tp_id: i.friction for i in overlays if not i.halo}
    assert shading == {"ad": 0, "site": 2, "checkout": 4, "call": 3}
    marks = [i for i in scene.items() if isinstance(i, SwitchMarkItem)]
    assert sorted(m.parentItem().key for m in marks) == [("ad", "site"), ("checkout", "call")]
    assert stack.count() == 0 and stack.isClean() and not window.isWindowModified()
    action.trigger()
    assert not [i for i in scene.items() if isinstance(i, (CardHeatItem, SwitchMarkItem))]
    assert window.heatmap.overlay_count() == 0
    assert stack.count() == 0 and not window.document.is_modified()


def test_heat_map_follows_edits_and_new_touchpoints(window: MainWindow, qtbot: QtBot) -> None:
    doc = window.document
    window.actions_.heatmap.trigger()
    doc.undo_stack.push(TouchpointFieldCommand(doc.journey, "ad", "friction", 3))
    wash = window.heatmap.cards["ad"][0]
    qtbot.waitUntil(lambda: wash.friction == 3, timeout=2000)
    doc.undo_stack.push(TouchpointFieldCommand(doc.journey, "site", "channel", "advertising"))
    qtbot.waitUntil(lambda: ("ad", "site") not in window.heatmap.flows, timeout=2000)
    window.editor.add_touchpoint()
    qtbot.waitUntil(lambda: len(window.heatmap.cards) == 5, timeout=2000)
    assert all(pair[0].parentItem() is window.scene.touchpoint_items[k] for k, pair in window.heatmap.cards.items())


def test_a_new_document_is_followed_and_the_old_one_dropped(window: MainWindow, qtbot: QtBot) -> None:
    old = window.document.journey
    window.actions_.heatmap.trigger()
    window.set_document(Document(Journey.from_template()))
    panel = window.insights_panel
    qtbot.waitUntil(lambda: panel.section("hotspots") is not None and not panel.entries("hotspots"))
    old.update_touchpoint("ad", friction=1)
    assert not panel.live.pending()  # the old journey is no longer listened to
    assert window.heatmap.scene is window.scene and window.heatmap.enabled


def test_close_event_of_the_window_leaves_no_listener(window: MainWindow) -> None:
    journey = window.document.journey
    window.close()
    journey.update_touchpoint("ad", friction=1)
    assert not window.insights_panel.live.pending()


def test_view_centre_on_a_missing_ref_is_false(window: MainWindow) -> None:
    assert not window.view.centre_on(Ref.touchpoint("nope"))
    assert window.view.centre_on(Ref.stage("purchase"))


def test_heat_overlays_ride_along_with_a_dragged_card(canvas: Canvas) -> None:  # noqa: F811 (fixture)
    layer = HeatMapLayer()
    layer.set_scene(canvas.scene)
    layer.set_insights(compute_insights(canvas.journey))
    layer.set_enabled(True)
    card = canvas.scene.touchpoint_items["sees-ad"]
    wash, rim = layer.cards["sees-ad"]
    assert wash.parentItem() is card and rim.parentItem() is card
    box = next(b for b in canvas.scene.layout.cards.values() if b.id == "visits-shop").rect
    canvas.drag(canvas.card_center("sees-ad"), QPointF(box.x + box.w * 0.85, box.y + box.h / 2))
    assert canvas.journey.touchpoint_ids("awareness")[-1] == "sees-ad"
    moved = canvas.scene.touchpoint_items["sees-ad"]
    wash = layer.cards["sees-ad"][0]
    assert wash.parentItem() is moved and wash.scenePos() == moved.scenePos()
    assert layer.overlay_count() == 2 * len(canvas.scene.touchpoint_items)
    layer.set_scene(None)
    assert not [i for i in canvas.scene.items() if isinstance(i, CardHeatItem)]


def test_insights_are_computed_once_on_open_and_not_while_nobody_looks(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journeymap.ui.docks.live_insights as live_module

    calls: list[object] = []
    real = live_module.compute_insights
    monkeypatch.setattr(live_module, "compute_insights", lambda j: calls.append(j) or real(j))
    app_settings().clear()
    w = MainWindow(Document(small_journey()), dialogs=DiscardingDialogs())
    qtbot.addWidget(w)
    w.set_document(Document(small_journey()))
    assert calls == []  # nothing shown yet: the blank and the opened document cost nothing
    w.insights_dock.hide()
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()
    assert calls == [] and not w.insights_panel.isVisible()
    w.document.undo_stack.push(TouchpointFieldCommand(w.document.journey, "ad", "friction", 4))
    assert not w.insights_panel.live.pending()  # hidden and no heat map: no recomputation
    w.insights_dock.show()
    w.insights_dock.raise_()
    qtbot.waitUntil(lambda: len(calls) == 1)
    assert names(w.insights_panel, "hotspots")[:2] == ["Checkout", "Sees ad"]  # the edit made while hidden
    w.insights_dock.hide()
    w.actions_.heatmap.trigger()  # the heat map wants them even with the dock hidden
    w.document.undo_stack.push(TouchpointFieldCommand(w.document.journey, "site", "friction", 4))
    assert w.insights_panel.live.pending()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=2000)
    assert w.heatmap.cards["site"][0].friction == 4


def test_long_lists_end_with_and_n_more(window: MainWindow, qtbot: QtBot) -> None:
    # A chain of 260 touchpoints whose every flow changes channel into friction 2: 259
    # channel breaks and a hardest path of 260 steps, each list cut at MAX_LISTED.
    from journeymap.ui.docks.insights import MAX_LISTED

    big = Journey("Long")
    big.add_stage("Only", id="only")
    for k in range(260):
        big.add_touchpoint("only", f"Step {k}", id=f"t{k}", channel=("email", "phone")[k % 2], friction=2)
        if k:
            big.add_flow(f"t{k - 1}", f"t{k}")
    window.set_document(Document(big))
    panel = window.insights_panel

    def texts(key: str) -> list[str]:
        section = panel.section(key)
        return [] if section is None else [section.child(i).text(0) for i in range(section.childCount())]

    qtbot.waitUntil(lambda: len(texts("switches")) > 1)
    switches = texts("switches")
    assert len(switches) == MAX_LISTED + 1 and switches[-1] == f"… and {259 - MAX_LISTED} more"
    assert switches[0] == "Step 0 → Step 1"
    path = texts("path")
    assert path[1] == "1. Step 0" and path[MAX_LISTED] == f"{MAX_LISTED}. Step {MAX_LISTED - 1}"
    assert path[MAX_LISTED + 1] == f"… and {260 - MAX_LISTED} more"
