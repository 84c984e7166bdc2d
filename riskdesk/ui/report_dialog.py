"""The Reports dialog: choose a report, preview it, print it, save it or open it elsewhere."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QTemporaryDir, QThread, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.report_kinds import report_kind
from riskdesk.services.covers import remember_cover, remembered_cover
from riskdesk.services.queries import load_contents, tree_order
from riskdesk.services.reports import ReportOptions, write_report
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import ConflictError, RegisterFileError
from riskdesk.ui.background import BackgroundTask, TaskControl, run_in_background, stop_tasks
from riskdesk.ui.report_cover import CoverPanel
from riskdesk.ui.report_kinds import KINDS

MAX_PRINT_DPI = 300


def report_work(path: Path, options: ReportOptions, target: Path) -> Callable[[TaskControl], int]:
    """Writing one report as work for a background task; it returns the number of pages."""

    def work(control: TaskControl) -> int:
        # The dialog's connection belongs to the window's thread: the work reads through its own.
        workspace = Workspace.open(path, read_only=True)
        try:
            return write_report(workspace, options, target, progress=control.report, cancelled=control.cancelled)
        finally:
            workspace.close()

    return work


def _describe_preview(error: BaseException) -> str | None:
    if isinstance(error, OSError):
        return f"The preview could not be written ({error.strerror or error})."
    return None


class ReportDialog(QDialog):
    """Options on the left, the live preview on the right, and Print, Save and Open below."""

    preview_ready = Signal(int)
    generation_failed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle("Reports")
        self.resize(1100, 780)
        self.workspace = workspace
        self._temp = QTemporaryDir()
        self._counter = 0
        self._task: BackgroundTask | None = None  # the preview being written
        self._pending = False
        self.current_pdf: Path | None = None
        self.page_count = 0
        self.document = QPdfDocument(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self.generate)
        self._build()
        self._fill_options()
        self._show_remembered_cover()
        # The preview starts as the dialog opens, with the usual options.
        self._debounce.start()

    # -- building ----------------------------------------------------------------

    def _combo(self, name: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self._options_changed)
        return combo

    def _build(self) -> None:
        self.kind_combo = self._combo("reportKind", [(text, kind) for kind, text in KINDS])
        self.period_combo = self._combo("periodCombo", [])
        self.register_combo = self._combo("registerCombo", [])
        self.band_combo = self._combo("bandCombo", [])
        self.version_combo = self._combo("versionCombo", [("Public (exempt risks left out)", "public"),
                                                          ("Exempt: Part B (the exempt risks alone)", "exempt"),
                                                          ("Exempt: Part B (the whole pack)", "whole")])
        self.page_combo = self._combo("pageSizeCombo", [("A4", "A4"), ("A3", "A3")])
        self.children_check = QCheckBox("With the registers beneath it", self)
        self.children_check.setObjectName("childrenCheck")
        self.children_check.setChecked(True)
        self.children_check.setEnabled(False)  # only a chosen register has registers beneath it
        self.children_check.toggled.connect(self._options_changed)
        self.register_combo.currentIndexChanged.connect(
            lambda _index: self.children_check.setEnabled(self.register_combo.currentData() is not None))
        self.closed_check = QCheckBox("Include closed risks", self)
        self.closed_check.setObjectName("includeClosed")
        self.closed_check.toggled.connect(self._options_changed)
        self.grey_check = QCheckBox("Greyscale, for black-and-white printers", self)
        self.grey_check.setObjectName("greyscaleCheck")
        self.grey_check.toggled.connect(self._options_changed)
        self.changes_check = QCheckBox("Mark what changed since the last report", self)
        self.changes_check.setObjectName("markChangesCheck")
        self.changes_check.toggled.connect(self._options_changed)

        form = QFormLayout()
        form.addRow("&Report:", self.kind_combo)
        form.addRow("&Period:", self.period_combo)
        form.addRow("Re&gister:", self.register_combo)
        form.addRow("", self.children_check)
        form.addRow("&Lowest band:", self.band_combo)
        form.addRow("&Version:", self.version_combo)
        form.addRow("Page si&ze:", self.page_combo)
        form.addRow("", self.closed_check)
        form.addRow("", self.grey_check)
        form.addRow("", self.changes_check)

        self.generate_button = QPushButton("&Generate", self)
        self.generate_button.setObjectName("generateButton")
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button = QPushButton("Cance&l", self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setVisible(False)
        self.status_label = QLabel("Choose the options, then Generate.", self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        run_row = QHBoxLayout()
        run_row.addWidget(self.generate_button)
        run_row.addWidget(self.cancel_button)

        self.cover_panel = CoverPanel(self)
        self.cover_panel.changed.connect(self._options_changed)
        self.kind_combo.currentIndexChanged.connect(self._show_remembered_cover)
        self.register_combo.currentIndexChanged.connect(self._show_remembered_cover)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addWidget(self.cover_panel)
        left_layout.addLayout(run_row)
        left_layout.addWidget(self.progress_bar)
        left_layout.addWidget(self.status_label)
        left_layout.addStretch(1)

        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("pdfView")
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setDocument(self.document)

        # The options scroll on a small screen: with the cover's fields they are taller than 768 pixels.
        scroller = QScrollArea(self)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(left)
        splitter = QSplitter(self)
        splitter.addWidget(scroller)
        splitter.addWidget(self.pdf_view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 780])

        self.print_button = QPushButton("&Print…", self)
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button = QPushButton("&Save as PDF…", self)
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save_with_dialog)
        self.word_button = QPushButton("Save as &Word…", self)
        self.word_button.setObjectName("wordButton")
        self.word_button.setToolTip("A Word document of the same report, to paste into the council's template")
        self.word_button.clicked.connect(self.save_word_with_dialog)
        self.open_button = QPushButton("&Open in viewer", self)
        self.open_button.setObjectName("openButton")
        self.open_button.clicked.connect(self.open_externally)
        close_button = QPushButton("Close", self)
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.word_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._set_output_enabled(False)

    def _fill_options(self) -> None:
        contents = load_contents(self.workspace)
        combos = (self.period_combo, self.register_combo, self.band_combo)
        for combo in combos:
            combo.blockSignals(True)
        closed = contents.closed_periods()
        latest = f"Latest closed period ({closed[-1].label})" if closed else "Current figures"
        self.period_combo.addItem(latest, None)
        for period in sorted(contents.periods, key=lambda p: -p.position):
            suffix = "" if period.is_closed else " (open: current figures)"
            self.period_combo.addItem(period.label + suffix, period.label)
        self.register_combo.addItem("All registers", None)
        depth: dict[str, int] = {}
        for register in tree_order(contents.registers):
            level = depth[register.parent_id] + 1 if register.parent_id in depth else 0
            depth[register.id] = level
            self.register_combo.addItem("    " * level + register.name, register.id)
        self.band_combo.addItem("All bands", None)
        for band in sorted(contents.scheme.bands, key=lambda b: b.low):
            self.band_combo.addItem(f"{band.name} and above", band.name)
        for combo in combos:
            combo.blockSignals(False)

    def select_register(self, register_id: str | None) -> None:
        """Report on this register and its children (None: every register), e.g. the one selected in the tree."""
        index = self.register_combo.findData(register_id)
        if index >= 0:
            self.register_combo.setCurrentIndex(index)

    # -- options and generation -----------------------------------------------------

    def options(self) -> ReportOptions:
        """The report options as chosen in the dialog."""
        return ReportOptions(
            kind=str(self.kind_combo.currentData()),
            period=self.period_combo.currentData(),
            register=self.register_combo.currentData(),
            children=self.children_check.isChecked(),
            min_band=self.band_combo.currentData(),
            include_closed=self.closed_check.isChecked(),
            exempt=self.version_combo.currentData() in ("exempt", "whole"),
            whole_pack=self.version_combo.currentData() == "whole",
            page_size=str(self.page_combo.currentData()),
            greyscale=self.grey_check.isChecked(),
            cover=self.cover_panel.cover(),
            mark_changes=self.changes_check.isChecked() and self.kind_combo.currentData() != "changes",
        )

    @Slot()
    def _show_remembered_cover(self) -> None:
        """Fill the cover's fields with those last used for this register and report kind."""
        self.cover_panel.show_cover(remembered_cover(self.workspace, self.register_combo.currentData(),
                                                     str(self.kind_combo.currentData())))

    def remember_cover(self) -> None:
        """Keep the cover in the file for this register and report kind, for next time and for colleagues."""
        cover = self.cover_panel.cover()
        if cover is None:
            return
        try:
            remember_cover(self.workspace, self.register_combo.currentData(), str(self.kind_combo.currentData()),
                           cover)
        except (OSError, sqlite3.Error, RegisterFileError, ConflictError):
            # A read-only or busy file: the report still goes out; the cover is simply not kept.
            self.status_label.setText("The report is ready; the cover could not be kept in the file for next time.")

    @Slot()
    def _options_changed(self) -> None:
        # Regenerate the preview shortly after the user stops changing options.
        self._debounce.start()

    @property
    def is_generating(self) -> bool:
        """True while a report is being written in the background."""
        return self._task is not None

    @Slot()
    def generate(self) -> None:
        """Write the report with the chosen options in the background, then preview it."""
        self._debounce.stop()
        if self._task is not None:
            # Options changed mid-run: stop that run and start again when it ends.
            self._pending = True
            self._task.cancel()
            return
        self._counter += 1
        target = Path(self._temp.path()) / f"preview-{self._counter}.pdf"
        self._task = run_in_background(
            report_work(self.workspace.path, self.options(), target), owner=self, doing="The report",
            describe=_describe_preview, progressed=self._on_progress,
            succeeded=lambda pages: self._on_finished(str(target), pages),
            failed=self._on_failed, cancelled=self._on_cancelled)
        self._task.ended.connect(self._on_thread_done)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.generate_button.setEnabled(False)
        self.status_label.setText("Making the report…")

    @Slot()
    def cancel(self) -> None:
        """Stop the report being written."""
        self._pending = False
        if self._task is not None:
            self._task.cancel()
            self.status_label.setText("Stopping…")

    def _on_progress(self, done: int, total: int, _sentence: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def _on_finished(self, path: str, pages: int) -> None:
        if self._pending:
            return  # a newer run follows; keep showing the current preview
        self.document.close()
        self.document.load(path)
        old = self.current_pdf
        self.current_pdf = Path(path)
        self.page_count = pages
        if old is not None and old != self.current_pdf:
            old.unlink(missing_ok=True)
        self.status_label.setText(f"{pages} page{'s' if pages != 1 else ''}. Print it, save it or open it.")
        self._set_output_enabled(True)
        self.preview_ready.emit(pages)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._pending = False
        # The old preview no longer matches the options, so it must not be printed by mistake.
        self.document.close()
        if self.current_pdf is not None:
            self.current_pdf.unlink(missing_ok=True)
        self.current_pdf = None
        self.page_count = 0
        self._set_output_enabled(False)
        self.status_label.setText(message)
        self.generation_failed.emit(message)

    @Slot()
    def _on_cancelled(self) -> None:
        if not self._pending:
            self.status_label.setText("The report was stopped before it was finished.")

    @Slot()
    def _on_thread_done(self) -> None:
        self._task = None
        self.progress_bar.setVisible(False)
        self.cancel_button.setEnabled(False)
        self.generate_button.setEnabled(True)
        if self._pending:
            self._pending = False
            self.generate()

    def _set_output_enabled(self, enabled: bool) -> None:
        for button in (self.print_button, self.save_button, self.open_button):
            button.setEnabled(enabled)
        kind = report_kind(str(self.kind_combo.currentData()))
        self.word_button.setEnabled(enabled and kind is not None and kind.word)

    def save_word_to(self, target: Path) -> BackgroundTask:
        """Write the Word version of the report with the chosen options, in the background with Cancel.

        The status line says where it went; a failure is told in a box, in one sentence.
        """
        self.remember_cover()

        def describe(error: BaseException) -> str | None:
            if isinstance(error, OSError):
                return f"The Word document could not be saved to {target}: {error.strerror or error}."
            return None

        return run_in_background(
            report_work(self.workspace.path, self.options(), target), owner=self,
            doing="The Word document", describe=describe,
            succeeded=lambda _pages: self.status_label.setText(f"Saved the Word document to {target}."),
            failed=lambda sentence: self._warn("Save as Word", sentence),
            cancelled=lambda: self.status_label.setText(f"The Word document was stopped; {target.name} was not saved."),
            progress=(self, "Save as Word", f"Writing the Word document {target.name}…"))

    def _warn(self, title: str, text: str) -> QMessageBox:
        """A warning that does not block (the work that failed has ended; the dialog goes on)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    @Slot()
    def save_word_with_dialog(self) -> None:
        """Ask where to save, then write the Word version."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{self.kind_combo.currentText()}.docx"
        chosen, _ = QFileDialog.getSaveFileName(self, "Save report as a Word document", str(Path(folder) / name),
                                                "Word documents (*.docx)")
        if chosen:
            target = Path(chosen)
            if target.suffix.lower() != ".docx":
                target = target.with_suffix(".docx")
            self.save_word_to(target)

    # -- output ---------------------------------------------------------------

    def print_to(self, printer: QPrinter) -> bool:
        """Print the previewed pages to a printer, each rendered at the printer's resolution."""
        if self.current_pdf is None or self.document.pageCount() == 0:
            return False
        self.remember_cover()
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            # Text stays sharp at 300 dpi; a 1200 dpi page image would take half a gigabyte.
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = _on_white(self.document.render(page, size))
                area = painter.viewport()
                scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(area.x(), area.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(area)
        finally:
            painter.end()
        return True

    @Slot()
    def print_with_dialog(self) -> None:
        """Ask the system print dialog where to print, then print."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print report")
        if dialog.exec() == QDialog.DialogCode.Accepted and not self.print_to(printer):
            QMessageBox.warning(self, "Print", "The report could not be sent to the printer.")

    def save_to(self, target: Path) -> bool:
        """Copy the previewed PDF to target; False (with a message shown) when it cannot be written."""
        if self.current_pdf is None:
            return False
        self.remember_cover()
        try:
            shutil.copyfile(self.current_pdf, target)
        except OSError as error:
            QMessageBox.warning(self, "Save as PDF",
                                f"The report could not be saved to {target}: {error.strerror or error}.")
            return False
        self.status_label.setText(f"Saved to {target}.")
        return True

    @Slot()
    def save_with_dialog(self) -> None:
        """Ask where to save, then save a copy of the previewed PDF."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{self.kind_combo.currentText()}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(self, "Save report as PDF", str(Path(folder) / name),
                                                "PDF documents (*.pdf)")
        if chosen:
            target = Path(chosen)
            if target.suffix.lower() != ".pdf":
                target = target.with_suffix(".pdf")
            self.save_to(target)

    @Slot()
    def open_externally(self) -> None:
        """Open the previewed PDF in the system's PDF viewer."""
        if self.current_pdf is None:
            return
        self.remember_cover()
        # Hand the viewer its own copy: the preview file is replaced on the next Generate.
        self._counter += 1
        copy = Path(self._temp.path()) / f"report-{self._counter}.pdf"
        shutil.copyfile(self.current_pdf, copy)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
            QMessageBox.information(self, "Open in viewer",
                                    "No PDF viewer is set up on this computer; use Save as PDF instead.")

    @property
    def worker_thread(self) -> QThread | None:
        """The thread writing the preview now, if any."""
        return self._task.worker_thread if self._task is not None else None

    def stop_worker(self) -> None:
        """Stop the preview and a Word document still being written, and wait until their threads have ended."""
        self._debounce.stop()
        self._pending = False
        stop_tasks(self)

    def done(self, result: int) -> None:
        """Stop any report still being written before the dialog goes."""
        self.stop_worker()
        self.document.close()
        super().done(result)


def _on_white(image: QImage) -> QImage:
    """The rendered page flattened onto white paper: printers have no use for transparency."""
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat
