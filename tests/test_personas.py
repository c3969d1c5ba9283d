"""Several personas on one map: a line each, told apart; a persona focus that edits one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from canvas_helpers import Canvas, check_undo_redo
from journeymap.io import dumps_journey, load_journey
from journeymap.layout import compute_layout
from journeymap.layout.style import persona_style
from journeymap.model import Journey
from journeymap.ui.persona_focus import ALL_PERSONAS, PersonaPicker

SAMPLE = Path(__file__).parent.parent / "sample_journeys" / "hotel-stay.yaml"


def two_personas() -> Journey:
    j = Journey("Checkout")
    j.add_persona("Maya", id="maya")
    j.add_persona("Tom", id="tom")
    j.add_stage("Purchase")
    j.add_touchpoint("purchase", "Basket", emotion=1)
    j.add_touchpoint("purchase", "Pays", emotion=-1, persona_emotions={"tom": 1})
    j.add_touchpoint("purchase", "Confirmation", emotion=2)
    j.add_flow("basket", "pays")
    j.add_flow("pays", "confirmation")
    return j


def test_a_line_per_persona_only_where_personas_differ() -> None:
    j = two_personas()
    lane = compute_layout(j).emotion
    assert lane is not None
    assert [(line.persona, [p.emotion for p in line.points]) for line in lane.personas] == [
        ("maya", [1, -1, 2]), ("tom", [1, 1, 2])]
    j.set_persona_emotion("pays", "tom", -1)  # Tom feels the main line again: one line
    lane = compute_layout(j).emotion
    assert lane is not None and lane.personas == ()


@pytest.mark.parametrize("count", [2, 3, 5, 8, 12])
def test_persona_lines_look_different_and_their_markers_never_sit_on_each_other(count: int) -> None:
    j = two_personas()
    for k in range(2, count):
        j.add_persona(f"Persona {k}", id=f"p{k}")
    lane = compute_layout(j).emotion
    assert lane is not None and len(lane.personas) == count
    styles = [persona_style(line.style) for line in lane.personas]
    assert len(set(styles)) == count                       # colour, dash and marker: never two alike
    assert len({(dash, marker) for _, dash, marker in styles}) == count  # told apart in greyscale too
    for tp_id in ("basket", "confirmation"):               # everyone feels the same here
        ys = sorted(next(p.y for p in line.points if p.id == tp_id) for line in lane.personas)
        gaps = [b - a for a, b in zip(ys, ys[1:], strict=False)]
        assert min(gaps) >= 2.0                            # apart, in order of the personas
        assert ys[-1] - ys[0] <= (lane.level_y[1] - lane.level_y[2])  # and within one step of the scale


def test_an_export_for_one_persona_draws_that_persona_as_the_main_line() -> None:
    from journeymap.layout import LayoutOptions

    lane = compute_layout(two_personas(), LayoutOptions(persona="tom")).emotion
    assert lane is not None and lane.personas == ()
    assert [p.emotion for p in lane.points] == [1, 1, 2]


@pytest.fixture
def canvas2(qtbot: QtBot, tmp_path: Path) -> Iterator[Canvas]:
    c = Canvas(qtbot, two_personas(), tmp_path)
    yield c
    c.editor.detach()
    c.scene.detach()


def point_of(c: Canvas, persona: str | None, tp_id: str) -> QPointF:
    lane = c.scene.layout.emotion
    assert lane is not None
    points = lane.points if persona is None else next(line for line in lane.personas if line.persona == persona).points
    p = next(p for p in points if p.id == tp_id)
    return QPointF(p.x, p.y)


def test_focusing_a_persona_and_dragging_its_point_changes_only_that_persona(canvas2: Canvas) -> None:
    c = canvas2
    before = c.saved()
    c.document.set_persona_focus("tom")
    start = point_of(c, "tom", "basket")
    lane = c.scene.layout.emotion
    assert lane is not None
    c.drag(start, QPointF(start.x(), lane.level_y[-2]))
    j = c.journey
    assert j.touchpoint("basket").emotion == 1                       # the main line is untouched
    assert dict(j.touchpoint("basket").persona_emotions) == {"tom": -2}
    assert c.stack.undoText() == "Set emotion of 'Tom' at 'Basket' to Very negative"
    check_undo_redo(c, before)


def test_without_focus_the_drag_edits_the_main_line(canvas2: Canvas) -> None:
    c = canvas2
    start = point_of(c, None, "confirmation")
    lane = c.scene.layout.emotion
    assert lane is not None
    c.drag(start, QPointF(start.x(), lane.level_y[0]))
    assert c.journey.touchpoint("confirmation").emotion == 0
    assert c.journey.touchpoint("confirmation").persona_emotions == {}


def test_the_picker_follows_the_personas_and_sets_the_focus(qtbot: QtBot, canvas2: Canvas) -> None:
    picker = PersonaPicker()
    qtbot.addWidget(picker)
    picker.set_document(canvas2.document)
    assert [picker.itemText(i) for i in range(picker.count())] == [ALL_PERSONAS, "Maya", "Tom"]
    picker.setCurrentIndex(2)
    assert canvas2.document.persona_focus == "tom"
    assert canvas2.scene.emotion_item is not None and canvas2.scene.emotion_item.focus == "tom"
    canvas2.journey.add_persona("Lena", id="lena")
    assert picker.count() == 4 and picker.currentText() == "Tom"
    picker.set_document(None)


def test_the_two_persona_sample_shows_two_lines() -> None:
    j = load_journey(SAMPLE)
    lane = compute_layout(j).emotion
    assert lane is not None and [line.name for line in lane.personas] == [p.name for p in j.personas()]
    lena, marco = lane.personas
    differ = [a.id for a, b in zip(lena.points, marco.points, strict=False) if a.emotion != b.emotion]
    assert {"front-desk-checkin", "checkout-desk", "final-invoice", "concierge-chat"} <= set(differ)
    assert dumps_journey(j) == SAMPLE.read_text(encoding="utf-8")


def run_cli(*args: str) -> tuple[int, str, str]:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "journeymap", *args], capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr


def test_insights_for_one_persona_against_hand_computed_answers(tmp_path: Path) -> None:
    import json

    from journeymap.io import save_journey

    path = tmp_path / "two.yaml"
    save_journey(two_personas(), path)
    code, out, _ = run_cli("insights", str(path), "--format", "json")
    main = json.loads(out)
    assert code == 0 and "persona" not in main
    assert [e["touchpoint"] for e in main["emotional_lows"]] == ["pays"]          # the main line: -1 at Pays
    assert main["persona_gaps"] == [{"stage": "purchase", "touchpoint": "pays", "name": "Pays", "gap": 2,
                                     "lowest": {"persona": "maya", "emotion": -1},
                                     "highest": {"persona": "tom", "emotion": 1}}]
    code, out, _ = run_cli("insights", str(path), "--persona", "tom", "--format", "json")
    tom = json.loads(out)
    assert code == 0 and tom["persona"] == {"id": "tom", "name": "Tom"}
    assert tom["emotional_lows"] == []                                            # Tom feels +1 at Pays
    falls = [(d["from"], d["to"], d["change"]) for d in main["drops"] if d["change"] < 0]
    assert falls == [("basket", "pays", -2)] and all(d["change"] >= 0 for d in tom["drops"])
    assert tom["paths"][0]["min_emotion"] == 1 and main["paths"][0]["min_emotion"] == -1
    code, _, err = run_cli("insights", str(path), "--persona", "thom")
    assert (
        code == 2
        and err.strip() == f"{path}: there is no persona 'thom' (did you mean 'tom'?); the personas are: maya, tom"
    )


def test_the_insights_panel_follows_the_persona_focus(canvas2: Canvas) -> None:
    from journeymap.ui.docks.live_insights import LiveInsights

    live = LiveInsights()
    live.set_document(canvas2.document)
    live.refresh()
    assert live.insights is not None and [e.touchpoint for e in live.insights.emotional_lows] == ["pays"]
    canvas2.document.set_persona_focus("tom")
    assert live.insights is not None and live.insights.emotional_lows == ()
    live.set_document(None)


def test_the_pdf_draws_one_path_per_persona_and_names_them(tmp_path: Path) -> None:
    import pdfplumber

    from journeymap.layout.style import persona_style

    out = tmp_path / "map.pdf"
    code, _, err = run_cli("export", str(SAMPLE), "-o", str(out))
    assert code == 0, err
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        words = {w["text"] for w in page.extract_words()}
        assert {"Lena,", "Marco,"} <= words  # the legend
        counts = []
        for index in range(2):
            color = persona_style(index)[0]
            rgb = tuple(round(int(color[k:k + 2], 16) / 255, 3) for k in (1, 3, 5))
            lines = [c for c in page.curves if isinstance(c.get("stroking_color"), (tuple, list))
                     and tuple(round(v, 3) for v in c["stroking_color"]) == rgb and c["x1"] - c["x0"] > page.width / 3]
            counts.append(len(lines))
        # each persona's line is one path across the map, drawn once in each band of the fitted page
        assert counts[0] == counts[1] >= 1
    code, _, err = run_cli("export", str(SAMPLE), "-o", str(out), "--persona", "marco")
    assert code == 0, err
    with pdfplumber.open(out) as pdf:
        words = {w["text"] for w in pdf.pages[0].extract_words()}
        assert "Marco," not in words  # one persona: its line is the map's main line, no legend
