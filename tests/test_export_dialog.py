"""File ▸ Export PDF… and File ▸ Import…: options, page estimate, the written file,
failures that change nothing, and imports that open as a new unsaved journey."""

from __future__ import annotations

from pathlib import Path

import time

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from journeymap.export.pdf import estimate_page_count
from journeymap.model import Journey
from journeymap.ui.commands.fields import JourneyFieldCommand
from journeymap.ui.document import Document
from journeymap.ui import export_dialog
from journeymap.ui.export_dialog import ESTIMATING, ExportPdfDialog, InteropDialogs
from journeymap.ui.file_ops import Dialogs
from journeymap.ui.main_window import MainWindow
from journeymap.ui.settings import app_settings
from journey_builders import WORKING_DAY

A4_PORTRAIT = (595.28, 841.89)
Left = Qt.MouseButton.LeftButton


class FakeInterop(InteropDialogs):
    """Answers from attributes; records messages; `run` presses Export (or Cancel)."""

    def __init__(self) -> None:
        self.pdf_path: Path | None = None
        self.import_path: Path | None = None
        self.accept = True
        self.infos: list[str] = []
        self.errors: list[str] = []
        self.options: dict[str, object] = {}

    def ask_pdf_path(self, parent: QWidget, suggested: str) -> Path | None:
        self.suggested = suggested
        return self.pdf_path

    def ask_import_path(self, parent: QWidget, folder: str) -> Path | None:
        return self.import_path

    def run(self, dialog: QDialog) -> bool:
        assert isinstance(dialog, ExportPdfDialog)
        if "paper" in self.options:
            dialog.set_paper(str(self.options["paper"]))
        if self.accept:
            dialog.export_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    def show_info(self, parent: QWidget, title: str, message: str) -> None:
        self.infos.append(message)

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append(message)


class UnsavedDialogs(Dialogs):
    def __init__(self, answer: str = "discard") -> None:
        self.answer = answer
        self.asked = 0

    def ask_unsaved(self, parent: object, name: str) -> str:  # type: ignore[override]
        self.asked += 1
        return self.answer


def journey(touchpoints: int = 4) -> Journey:
    j = Journey("Buying shoes")
    for stage in ("Awareness", "Consideration", "Purchase"):
        j.add_stage(stage)
    stages = j.stage_ids()
    for n in range(touchpoints):
        j.add_touchpoint(stages[n % 3], f"Step {n + 1} of the journey", channel="website", emotion=n % 5 - 2,
                         friction=n % 5)
    return j


# Every test starts and ends with no remembered settings (recent files, layout, options).
pytestmark = pytest.mark.usefixtures("clean_settings")


@pytest.fixture
def interop() -> FakeInterop:
    return FakeInterop()


def make_dialog(qtbot: QtBot, interop: FakeInterop, j: Journey, tmp_path: Path) -> ExportPdfDialog:
    dialog = ExportPdfDialog(j, tmp_path / "suggested.pdf", interop)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pages_shown(dialog: ExportPdfDialog) -> int:
    return int(dialog.estimate.text().split()[0])


def test_export_writes_a_pdf_in_the_chosen_size_and_names_it(qtbot: QtBot, interop: FakeInterop,
                                                             tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, interop, journey(), tmp_path)
    dialog.set_paper("A4")
    qtbot.mouseClick(dialog.portrait, Left)
    qtbot.mouseClick(dialog.details, Left)
    assert dialog.options() == {"paper": "A4", "landscape": False, "mode": "fit", "details": False, "insights": True}
    interop.pdf_path = tmp_path / "out"  # no suffix: .pdf is added
    qtbot.mouseClick(dialog.export_button, Left)
    written = tmp_path / "out.pdf"
    assert dialog.written == written and written.is_file()
    box = PdfReader(written).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_PORTRAIT, abs=0.5)
    assert interop.infos and str(written) in interop.infos[0]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_options_of_the_last_export_are_offered_again(qtbot: QtBot, interop: FakeInterop,
                                                          tmp_path: Path) -> None:
    first = make_dialog(qtbot, interop, journey(), tmp_path)
    first.set_paper("letter")
    qtbot.mouseClick(first.portrait, Left)
    qtbot.mouseClick(first.tile, Left)
    qtbot.mouseClick(first.insights, Left)
    interop.pdf_path = tmp_path / "one.pdf"
    qtbot.mouseClick(first.export_button, Left)
    second = make_dialog(qtbot, interop, journey(), tmp_path)
    assert second.options() == {"paper": "letter", "landscape": False, "mode": "tile", "details": True,
                                "insights": False}


def test_page_estimate_follows_the_options(qtbot: QtBot, interop: FakeInterop, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, interop, journey(60), tmp_path)
    dialog.set_paper("A4")
    qtbot.waitUntil(lambda: not dialog.pending())
    fitted = pages_shown(dialog)
    qtbot.mouseClick(dialog.tile, Left)
    assert dialog.estimate.text() == ESTIMATING
    qtbot.waitUntil(lambda: not dialog.pending())
    tiled = pages_shown(dialog)
    assert tiled > fitted
    qtbot.mouseClick(dialog.details, Left)
    qtbot.waitUntil(lambda: not dialog.pending())
    assert pages_shown(dialog) < tiled
    interop.pdf_path = tmp_path / "poster.pdf"
    qtbot.mouseClick(dialog.export_button, Left)
    assert len(PdfReader(tmp_path / "poster.pdf").pages) == pages_shown(dialog)


@pytest.fixture
def slow_count(monkeypatch: pytest.MonkeyPatch) -> list[tuple[dict[str, object], bool]]:
    """Makes every page count take 0.4 s and records its options and the label shown meanwhile."""
    calls: list[tuple[dict[str, object], bool]] = []
    real = export_dialog.estimate_page_count

    def slow(journey: Journey, **options: object) -> int:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, export_dialog.ExportPdfDialog)]
        calls.append((options, bool(dialogs) and all(d.estimate.text() == ESTIMATING for d in dialogs)))
        time.sleep(0.4)
        return real(journey, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(export_dialog, "estimate_page_count", slow)
    return calls


def test_quick_option_changes_do_not_block_and_end_with_the_right_count(
        qtbot: QtBot, interop: FakeInterop, tmp_path: Path, slow_count: list[tuple[dict[str, object], bool]]) -> None:
    j = journey(60)
    dialog = make_dialog(qtbot, interop, j, tmp_path)
    assert dialog.estimate.text() == ESTIMATING
    clicks = []
    for button in (dialog.portrait, dialog.tile, dialog.details, dialog.landscape, dialog.insights):
        before = time.perf_counter()
        qtbot.mouseClick(button, Left)
        clicks.append(time.perf_counter() - before)
        assert dialog.estimate.text() == ESTIMATING and dialog.pending()
    assert max(clicks) < 0.2  # clicking through the options never waits for a count
    qtbot.waitUntil(lambda: not dialog.pending(), timeout=10_000)
    options = dialog.options()
    assert pages_shown(dialog) == estimate_page_count(j, **options)  # type: ignore[arg-type]
    # Debounced: at most the first count, then only the options the user settled on.
    assert [o for o, _ in slow_count][-1] == options and len(slow_count) <= 2
    assert all(estimating for _, estimating in slow_count)  # "Estimating…" was shown while counting


def test_counts_are_remembered_per_options_until_the_journey_changes(
        qtbot: QtBot, interop: FakeInterop, tmp_path: Path, slow_count: list[tuple[dict[str, object], bool]]) -> None:
    j = journey(30)
    dialog = make_dialog(qtbot, interop, j, tmp_path)
    qtbot.waitUntil(lambda: not dialog.pending(), timeout=10_000)
    first = pages_shown(dialog)
    qtbot.mouseClick(dialog.details, Left)
    qtbot.waitUntil(lambda: not dialog.pending(), timeout=10_000)
    assert pages_shown(dialog) < first
    calls = len(slow_count)
    qtbot.mouseClick(dialog.details, Left)  # back to options already counted: shown at once
    assert not dialog.pending() and pages_shown(dialog) == first and len(slow_count) == calls
    stage = j.stage_ids()[0]
    for n in range(120):
        j.add_touchpoint(stage, f"Added step {n}", pain_points=["A pain point long enough to need a line"] * 3)
    qtbot.mouseClick(dialog.details, Left)
    qtbot.mouseClick(dialog.details, Left)  # the same options, but the journey changed: counted again
    assert dialog.estimate.text() == ESTIMATING
    qtbot.waitUntil(lambda: not dialog.pending(), timeout=10_000)
    assert pages_shown(dialog) > first and len(slow_count) == calls + 1


def test_a_failed_export_says_why_and_writes_nothing(qtbot: QtBot, interop: FakeInterop, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, interop, journey(), tmp_path)
    interop.pdf_path = tmp_path / "missing-folder" / "map.pdf"
    qtbot.mouseClick(dialog.export_button, Left)
    assert interop.errors and "map.pdf" in interop.errors[0]
    assert not interop.infos and dialog.written is None
    assert not (tmp_path / "missing-folder").exists()
    assert dialog.isVisible()  # the user can pick another place


def test_cancelling_the_file_chooser_exports_nothing(qtbot: QtBot, interop: FakeInterop, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, interop, journey(), tmp_path)
    qtbot.mouseClick(dialog.export_button, Left)
    assert dialog.written is None and not list(tmp_path.iterdir())


@pytest.fixture
def window(qtbot: QtBot, interop: FakeInterop) -> MainWindow:
    app_settings().clear()
    w = MainWindow(Document(journey()), dialogs=UnsavedDialogs())
    w.interop_dialogs = interop
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_file_menu_export_pdf_writes_the_file_and_leaves_the_document_alone(
        window: MainWindow, interop: FakeInterop, tmp_path: Path) -> None:
    interop.pdf_path = tmp_path / "from-menu.pdf"
    interop.options = {"paper": "A2"}
    window.actions_.export_pdf.trigger()
    box = PdfReader(tmp_path / "from-menu.pdf").pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((1683.78, 1190.55), abs=0.5)  # A2 landscape
    assert interop.suggested.endswith("buying-shoes.pdf")
    assert window.document.undo_stack.count() == 0 and not window.document.is_modified()


def test_import_opens_a_mermaid_file_as_a_new_document(window: MainWindow, interop: FakeInterop,
                                                       tmp_path: Path) -> None:
    source = tmp_path / "day.mmd"
    source.write_text(WORKING_DAY, encoding="utf-8")
    interop.import_path = source
    window.actions_.import_.trigger()
    doc = window.document
    assert [s.name for s in doc.journey.stages()] == ["Go to work", "Go home"]
    assert [t.emotion for t in doc.journey] == [2, 0, -2, 2, 2]
    assert doc.path is None and doc.display_name() == "Untitled"
    assert window.scene is not None and len(window.scene.touchpoint_items) == 5
    assert not interop.errors


def test_import_asks_about_unsaved_changes_and_cancel_keeps_the_map(window: MainWindow, interop: FakeInterop,
                                                                    tmp_path: Path) -> None:
    doc = window.document
    doc.undo_stack.push(JourneyFieldCommand(doc.journey, "title", "Changed"))
    source = tmp_path / "day.mmd"
    source.write_text(WORKING_DAY, encoding="utf-8")
    dialogs = window.files.dialogs
    assert isinstance(dialogs, UnsavedDialogs)
    dialogs.answer = "cancel"
    interop.import_path = source
    window.actions_.import_.trigger()
    assert dialogs.asked == 1 and window.document is doc
    dialogs.answer = "discard"
    window.actions_.import_.trigger()
    assert window.document is not doc and window.document.journey.title == "My working day"


def test_a_bad_import_shows_the_error_and_keeps_the_map(window: MainWindow, interop: FakeInterop,
                                                        tmp_path: Path) -> None:
    doc = window.document
    bad = tmp_path / "bad.mmd"
    bad.write_text("journey\n  section A\n  Task without a score\n", encoding="utf-8")
    interop.import_path = bad
    window.actions_.import_.trigger()
    assert window.document is doc
    assert interop.errors and "bad.mmd:3" in interop.errors[0]


def test_import_warnings_are_shown(window: MainWindow, interop: FakeInterop, tmp_path: Path) -> None:
    source = tmp_path / "clamped.mmd"
    source.write_text("journey\n  section A\n    Too happy: 9: Me\n", encoding="utf-8")
    interop.import_path = source
    window.actions_.import_.trigger()
    assert window.document.journey.touchpoints()[0].emotion == 2
    assert interop.infos and "clamped.mmd" in interop.infos[0]
