"""File ▸ Export PDF… (the options of `journeymap export`, with a live page count) and
File ▸ Import… (a Mermaid user journey or a CSV table, opened as a new unsaved journey).

Counting the pages sets the details tables, which takes a good part of a second on a
large map, so the count waits for the options to settle (clicking through the options
never waits for a count), runs once the label says "Estimating…", and is remembered per
set of options while the journey is unchanged. It runs on the UI thread on purpose: a
worker thread would let Python's garbage collector run there and finalise Qt objects
that belong to the UI thread, which crashes Qt.

Every question to the user goes through an `InteropDialogs` object, so tests replace
it instead of clicking on real file choosers and message boxes. A failed export or
import shows what went wrong and changes nothing: the PDF is written atomically, and
an import replaces the document only once the file has been read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from journeymap.export.pdf import PAPERS, estimate_page_count, export_pdf, paper_names
from journeymap.io import JourneyFileError
from journeymap.model import Journey, slugify
from journeymap.ui.settings import app_settings

if TYPE_CHECKING:
    from journeymap.ui.main_window import MainWindow

PDF_FILTER = "PDF documents (*.pdf)"
IMPORT_FILTER = "Mermaid user journeys and CSV tables (*.mmd *.mermaid *.csv);;All files (*)"
#: Options wait this long after the last change before the pages are counted again.
ESTIMATE_DELAY_MS = 300
#: Shown while the pages of the chosen options are being counted.
ESTIMATING = "Estimating…"
#: How many warnings a message lists before "… and N more".
SHOWN_WARNINGS = 12
#: The options of the last successful export are offered again (QSettings group).
SETTINGS_GROUP = "exportPdf"


#: The options of one estimate, as sorted (name, value) pairs: hashable, so results are cached.
EstimateKey: TypeAlias = tuple[tuple[str, object], ...]


def _count_pages(journey: Journey, key: EstimateKey) -> int | str:
    """The page count of one set of options, or why it cannot be told."""
    try:
        return estimate_page_count(journey, **dict(key))  # type: ignore[arg-type]
    except (ValueError, OSError) as err:
        return str(err)


class InteropDialogs:
    """The questions of Export PDF… and Import…; each method is replaceable in tests."""

    def ask_pdf_path(self, parent: QWidget, suggested: str) -> Path | None:
        """Where to write the PDF, or None when cancelled."""
        name, _ = QFileDialog.getSaveFileName(parent, "Export PDF", suggested, PDF_FILTER)
        return Path(name) if name else None

    def ask_import_path(self, parent: QWidget, folder: str) -> Path | None:
        """A Mermaid or CSV file to import, or None when cancelled."""
        name, _ = QFileDialog.getOpenFileName(parent, "Import journey", folder, IMPORT_FILTER)
        return Path(name) if name else None

    def run(self, dialog: QDialog) -> bool:
        """Show a modal dialog; True when it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def show_info(self, parent: QWidget, title: str, message: str) -> None:
        """Tell the user what was done (and what to look at)."""
        QMessageBox.information(parent, title, message)

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        """Tell the user what went wrong."""
        QMessageBox.critical(parent, title, message)


def _flag(value: object, default: bool) -> bool:
    """A boolean setting (INI-style backends hand booleans back as text)."""
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no", "off")
    return bool(value)


def _listed(warnings: list[str]) -> str:
    shown = "\n".join(f"• {w}" for w in warnings[:SHOWN_WARNINGS])
    more = len(warnings) - SHOWN_WARNINGS
    return shown + (f"\n… and {more} more" if more > 0 else "")


class ExportPdfDialog(QDialog):
    """Paper, orientation, fit or tile, details and insights pages, with the page count.

    Export… asks for the file (through `dialogs`), writes it, and tells what was written;
    `written` is then its path and `warnings` what the export reported.
    """

    def __init__(self, journey: Journey, suggested: Path, dialogs: InteropDialogs | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        self.journey = journey
        self.suggested = suggested
        self.dialogs = dialogs or InteropDialogs()
        self.written: Path | None = None
        self.warnings: list[str] = []

        self.paper = QComboBox()
        for name in paper_names():
            w, h = (round(side / 72 * 25.4) for side in PAPERS[name])
            self.paper.addItem(f"{name}  ({w} × {h} mm)", name)
        self.set_paper("A3")
        self.paper.setAccessibleName("Paper size")
        self.landscape = QRadioButton("&Landscape")
        self.portrait = QRadioButton("&Portrait")
        self.landscape.setChecked(True)
        self.fit = QRadioButton("&Fit the map on one sheet")
        self.tile = QRadioButton("&Tile it as a poster (several sheets, crop marks, overview)")
        self.fit.setChecked(True)
        self.details = QCheckBox("&Details pages: a table of every touchpoint and a summary per stage")
        self.details.setChecked(True)
        self.insights = QCheckBox("&Insights page: hotspots, emotional lows, channel switches, hardest path")
        self.insights.setChecked(True)
        self.estimate = QLabel()
        self.estimate.setAccessibleName("Estimated page count")
        self._groups = [self._group(self.landscape, self.portrait), self._group(self.fit, self.tile)]

        form = QFormLayout()
        form.addRow("P&aper:", self.paper)
        form.addRow("Orientation:", self._row(self.landscape, self.portrait))
        form.addRow("Map:", self._column(self.fit, self.tile))
        form.addRow("Include:", self._column(self.details, self.insights))
        form.addRow("Pages:", self.estimate)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("&Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self._restore_options()
        # The snapshot tells when the journey changed (and the cache is stale).
        self._snapshot = journey.copy()
        self._cache: dict[EstimateKey, int | str] = {}
        self._waiting: EstimateKey | None = None  # the options whose count the count timer will make
        # Counts wait for one turn of the event loop, so "Estimating…" is painted first.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._count_pending)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ESTIMATE_DELAY_MS)
        self._timer.timeout.connect(self.update_estimate)
        self.paper.currentIndexChanged.connect(self._options_changed)
        for box in (self.landscape, self.fit, self.details, self.insights):
            box.toggled.connect(self._options_changed)
        self.update_estimate()

    def _group(self, *buttons: QRadioButton) -> QButtonGroup:
        group = QButtonGroup(self)
        for button in buttons:
            group.addButton(button)
        return group

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        return box

    @staticmethod
    def _column(*widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def set_paper(self, name: str) -> None:
        """Choose a paper by its name (A4 … A0, letter, legal, tabloid)."""
        index = self.paper.findData(name)
        if index < 0:
            raise ValueError(f"unknown paper {name!r}")
        self.paper.setCurrentIndex(index)

    def options(self) -> dict[str, object]:
        """The chosen options, as keyword arguments of `export_pdf`."""
        return {
            "paper": str(self.paper.currentData()),
            "landscape": self.landscape.isChecked(),
            "mode": "tile" if self.tile.isChecked() else "fit",
            "details": self.details.isChecked(),
            "insights": self.insights.isChecked(),
        }

    def _restore_options(self) -> None:
        settings = app_settings()
        settings.beginGroup(SETTINGS_GROUP)
        try:
            paper = settings.value("paper")
            if isinstance(paper, str) and self.paper.findData(paper) >= 0:
                self.set_paper(paper)
            (self.landscape if _flag(settings.value("landscape"), True) else self.portrait).setChecked(True)
            (self.tile if settings.value("mode") == "tile" else self.fit).setChecked(True)
            self.details.setChecked(_flag(settings.value("details"), True))
            self.insights.setChecked(_flag(settings.value("insights"), True))
        finally:
            settings.endGroup()

    def _save_options(self) -> None:
        settings = app_settings()
        settings.beginGroup(SETTINGS_GROUP)
        for key, value in self.options().items():
            settings.setValue(key, value)
        settings.endGroup()

    def _key(self) -> EstimateKey:
        return tuple(sorted(self.options().items()))

    def _current(self) -> bool:
        """True when the snapshot still equals the journey (else the cache is dropped)."""
        if self._snapshot == self.journey:
            return True
        self._snapshot = self.journey.copy()
        self._cache.clear()
        return False

    def _options_changed(self) -> None:
        self._current()
        if self._key() in self._cache:
            self._timer.stop()
            self._show(self._cache[self._key()])
            return
        self.estimate.setText(ESTIMATING)
        self._timer.start()

    def update_estimate(self) -> int | None:
        """Show the page count of the chosen options: at once when known, else start counting.

        Returns the count when it is known now, None while it is being counted (or cannot be).
        """
        self._timer.stop()
        self._current()
        key = self._key()
        if key in self._cache:
            return self._show(self._cache[key])
        self.estimate.setText(ESTIMATING)
        self._waiting = key
        self._count_timer.start()
        return None

    def _count_pending(self) -> None:
        """Count the pages of the options chosen when the count was asked for, if still chosen."""
        key, self._waiting = self._waiting, None
        if key is None or key != self._key():
            return  # the options changed meanwhile: their own count is on its way
        self._current()
        result = self._cache[key] = _count_pages(self._snapshot, key)
        self._timer.stop()
        self._show(result)

    def _show(self, result: int | str) -> int | None:
        if isinstance(result, str):
            self.estimate.setText(f"Cannot tell: {result}")
            return None
        self.estimate.setText(f"{result} page{'s' if result != 1 else ''}")
        return result

    def pending(self) -> bool:
        """True while the page count of the chosen options is not shown yet."""
        return self._timer.isActive() or self._waiting == self._key()

    def done(self, result: int) -> None:
        """Close the dialog; a count not made yet is dropped."""
        self._timer.stop()
        self._count_timer.stop()
        self._waiting = None
        super().done(result)

    def export(self) -> bool:
        """Ask where, write the PDF, say what was written; True when a file was written."""
        path = self.dialogs.ask_pdf_path(self, str(self.suggested))
        if path is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._count_timer.stop()
        try:
            warnings = export_pdf(self.journey, path, **self.options())  # type: ignore[arg-type]
        except (OSError, ValueError) as err:
            QGuiApplication.restoreOverrideCursor()
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            self.dialogs.show_error(self, "Cannot export PDF", f"{path} was not written:\n{reason}")
            return False
        QGuiApplication.restoreOverrideCursor()
        self.written, self.warnings = path, list(warnings)
        self._save_options()
        message = f"Wrote {path}"
        if warnings:
            message += f"\n\nWarnings:\n{_listed(warnings)}"
        self.dialogs.show_info(self, "PDF exported", message)
        self.accept()
        return True


def export_pdf_from(window: MainWindow, dialogs: InteropDialogs) -> Path | None:
    """File ▸ Export PDF…: the options dialog for the window's journey; the written path or None."""
    doc = window.document
    folder = doc.path.parent if doc.path is not None else Path.home()
    stem = doc.path.stem if doc.path is not None else slugify(doc.journey.title, "journey")
    dialog = ExportPdfDialog(doc.journey, folder / f"{stem}.pdf", dialogs, window)
    try:
        if not dialogs.run(dialog) or dialog.written is None:
            return None
        window.statusBar().showMessage(f"Exported {dialog.written.name}", 5000)
        return dialog.written
    finally:
        dialog.deleteLater()


def import_into(window: MainWindow, dialogs: InteropDialogs, path: Path | None = None) -> bool:
    """File ▸ Import…: read a Mermaid or CSV file and open it as a new, unsaved journey.

    The file is read first: on an error the message is shown and the current map stays.
    Then the usual Save/Discard/Cancel question about unsaved changes is asked.
    """
    from journeymap.cli.interop import import_journey
    from journeymap.ui.document import Document

    if path is None:
        current = window.document.path
        path = dialogs.ask_import_path(window, str(current.parent if current else Path.home()))
        if path is None:
            return False
    try:
        journey, warnings = import_journey(path)
    except (JourneyFileError, ValueError, OSError) as err:
        dialogs.show_error(window, "Cannot import", str(err))
        return False
    if not window.files.maybe_save():
        return False
    window.set_document(Document(journey))
    window.statusBar().showMessage(
        f"Imported {Path(path).name}: {len(journey.stages())} stages, {journey.touchpoint_count()} touchpoints", 6000)
    if warnings:
        dialogs.show_info(window, "Imported with "
                                  "warnings", f"{Path(path).name} was imported; note:\n{_listed(warnings)}")
    return True


__all__ = ["ExportPdfDialog", "InteropDialogs", "export_pdf_from", "import_into"]
