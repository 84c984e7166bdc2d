"""The Reports dialog: choose a report, preview it, print it, save it or open it elsewhere."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTemporaryDir, QThread, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
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
from riskdesk.services.covers import remember_cover
from riskdesk.services.reports import ReportOptions, write_report
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import ConflictError, RegisterFileError
from riskdesk.ui.background import BackgroundTask, TaskControl, run_in_background, stop_tasks
from riskdesk.ui.report_options import ReportOptionsForm
from riskdesk.ui.report_printing import print_document


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
        # The preview starts as the dialog opens, with the usual options.
        self._debounce.start()

    # -- building ----------------------------------------------------------------

    def _build(self) -> None:
        self.options_form = ReportOptionsForm(self.workspace, self)
        self.options_form.changed.connect(self._options_changed)
        form = self.options_form  # its widgets, named here as tests and older code know them
        self.kind_combo, self.period_combo, self.register_combo = form.kind_combo, form.period_combo, \
            form.register_combo
        self.band_combo, self.version_combo, self.page_combo = form.band_combo, form.version_combo, form.page_combo
        self.children_check, self.closed_check, self.grey_check = form.children_check, form.closed_check, \
            form.grey_check
        self.changes_check, self.cover_panel = form.changes_check, form.cover_panel

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

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.options_form)
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
        # Wide enough for the options' longest labels, so on a laptop nothing is cut off at the side.
        options_width = left.sizeHint().width() + scroller.verticalScrollBar().sizeHint().width()
        splitter.setSizes([options_width, max(1100 - options_width, 600)])

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

    def select_register(self, register_id: str | None) -> None:
        """Report on this register and its children (None: every register), e.g. the one selected in the tree."""
        self.options_form.select_register(register_id)

    # -- options and generation -----------------------------------------------------

    def options(self) -> ReportOptions:
        """The report options as chosen in the dialog."""
        return self.options_form.options()

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
        return print_document(self.document, printer)

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

