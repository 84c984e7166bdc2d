"""The Reports dialog: generates in the background, previews, saves and prints."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER
from riskdesk.ui.report_dialog import ReportDialog
from tests.reporting.pdftools import without_links

WAIT = 60_000  # generous: a slow shared machine must not fail the test


@pytest.fixture
def dialog(qtbot: QtBot, demo_5x5: Workspace) -> Iterator[ReportDialog]:
    widget = ReportDialog(demo_5x5)
    qtbot.addWidget(widget)
    widget.show()
    # The dialog previews the usual pack as soon as it opens.
    qtbot.waitUntil(lambda: widget.current_pdf is not None and not widget.is_generating, timeout=WAIT)
    yield widget
    widget.reject()


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _generate(qtbot: QtBot, dialog: ReportDialog) -> int:
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT) as blocker:
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_generating, timeout=WAIT)
    pages = blocker.args[0]
    assert isinstance(pages, int)
    return pages


def test_generate_previews_the_pack_and_saves_it(qtbot: QtBot, dialog: ReportDialog, tmp_path: Path) -> None:
    first = dialog.current_pdf
    pages = _generate(qtbot, dialog)
    assert pages > 3
    assert dialog.document.pageCount() == pages
    assert dialog.pdf_view.document() is dialog.document
    assert dialog.current_pdf != first and first is not None and not first.exists()
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    assert not dialog.progress_bar.isVisible()
    target = tmp_path / "pack.pdf"
    assert dialog.save_to(target)
    text = _text(target)
    assert "Strategic Risk Monitoring Report" in text and "SR 7.2" in text
    assert f"Page {pages} of {pages}" in text
    assert "CS 09" not in text


def test_options_reach_the_report(qtbot: QtBot, dialog: ReportDialog, tmp_path: Path) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("matrix"))
    dialog.version_combo.setCurrentIndex(dialog.version_combo.findData("exempt"))
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findData("Q2 2023/24"))
    options = dialog.options()
    assert (options.kind, options.exempt, options.period) == ("matrix", True, "Q2 2023/24")
    _generate(qtbot, dialog)
    target = tmp_path / "matrix.pdf"
    assert dialog.save_to(target)
    text = _text(target)
    assert "Q2 2023/24" in text and "OFFICIAL – Exempt: Part B" in text and "CS 09" in text


def test_a_problem_is_shown_in_plain_words(qtbot: QtBot, dialog: ReportDialog, demo_5x5: Workspace) -> None:
    register = next(r for r in demo_5x5.store.all(REGISTER)
                    if r.name == "Safeguarding and Care")
    dialog.register_combo.setCurrentIndex(dialog.register_combo.findData(register.id))
    demo_5x5.archive_register(register.id, register.version)
    with qtbot.waitSignal(dialog.generation_failed, timeout=WAIT) as blocker:
        dialog.generate()
    assert blocker.args[0] == 'The register "Safeguarding and Care" is archived; restore it to report on it.'
    assert "Traceback" not in dialog.status_label.text()
    assert dialog.status_label.text() == blocker.args[0]
    assert not dialog.save_button.isEnabled()


def test_cancel_stops_a_long_report(qtbot: QtBot, dialog: ReportDialog) -> None:
    dialog.generate()
    assert dialog.is_generating and dialog.cancel_button.isEnabled()
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_generating, timeout=WAIT)
    assert dialog.generate_button.isEnabled() and not dialog.cancel_button.isEnabled()
    # Either the stop arrived in time, or the (short) demo pack was already finished.
    assert "stopped" in dialog.status_label.text() or dialog.current_pdf is not None


def test_printing_renders_every_page_to_the_printer(qtbot: QtBot, dialog: ReportDialog, tmp_path: Path) -> None:
    pages = _generate(qtbot, dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    printer.setResolution(150)
    assert dialog.print_to(printer)
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"^Pages:\s+{pages}$", info, re.MULTILINE)
    # Pages go to the printer as images at its resolution: nothing blank, and big enough to be sharp.
    images = subprocess.run(["pdfimages", "-list", str(printed)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert [line.split()[2] for line in images] == ["image"] * pages  # opaque pages, no transparency masks
    widths = [int(line.split()[3]) for line in images]
    assert min(widths) >= 1200  # 150 dpi across an A4 page


def test_a_register_can_be_chosen_for_the_dialog(qtbot: QtBot, dialog: ReportDialog, demo_5x5: Workspace,
                                                 tmp_path: Path) -> None:
    register = next(r for r in demo_5x5.store.all(REGISTER) if r.name == "Safeguarding and Care")
    dialog.select_register(register.id)
    assert dialog.options().register == register.id
    _generate(qtbot, dialog)
    target = tmp_path / "area.pdf"
    assert dialog.save_to(target)
    text = _text(target)
    assert "CS 01" in text
    # Strategic risks appear only as what a departmental risk is represented on.
    assert "SR 7.2" in text and "SR 7.2" not in without_links(text)


def test_a_register_can_be_reported_without_its_children(qtbot: QtBot, dialog: ReportDialog,
                                                         tmp_path: Path) -> None:
    assert not dialog.children_check.isEnabled()  # "All registers" has nothing to leave out
    dialog.register_combo.setCurrentIndex(dialog.register_combo.findText("Strategic Risk Register"))
    assert dialog.children_check.isEnabled() and dialog.children_check.isChecked()
    dialog.children_check.setChecked(False)
    assert dialog.options().children is False
    _generate(qtbot, dialog)
    target = tmp_path / "alone.pdf"
    assert dialog.save_to(target)
    text = without_links(_text(target))
    assert "SR 7.5" in text and "CS 01" not in text


def test_the_exempt_version_is_the_exempt_risks_alone_or_the_whole_pack(dialog: ReportDialog) -> None:
    dialog.version_combo.setCurrentIndex(dialog.version_combo.findData("exempt"))
    assert (dialog.options().exempt, dialog.options().whole_pack) == (True, False)
    dialog.version_combo.setCurrentIndex(dialog.version_combo.findData("whole"))
    assert (dialog.options().exempt, dialog.options().whole_pack) == (True, True)


def test_the_cover_typed_in_the_dialog_goes_first_and_is_remembered(qtbot: QtBot, dialog: ReportDialog,
                                                                    demo_5x5: Workspace, tmp_path: Path) -> None:
    panel = dialog.cover_panel
    assert not panel.isChecked()
    panel.setChecked(True)
    panel.fields["committee"].setText("Audit and Governance Committee")  # type: ignore[union-attr]
    panel.fields["agenda_item"].setText("7")  # type: ignore[union-attr]
    panel.fields["recommendations"].setPlainText("That the Committee notes the risks.")  # type: ignore[union-attr]
    _generate(qtbot, dialog)
    target = tmp_path / "pack.pdf"
    assert dialog.save_to(target)
    first = " ".join(_text(target).split("\f")[0].split())
    assert "Committee Audit and Governance Committee" in first and "Agenda item 7" in first
    assert "1. That the Committee notes the risks." in first
    # Another time, the same register and kind bring the same cover back; another kind has none yet.
    again = ReportDialog(demo_5x5)
    qtbot.addWidget(again)
    assert again.cover_panel.isChecked()
    assert again.cover_panel.values().committee == "Audit and Governance Committee"
    again.kind_combo.setCurrentIndex(again.kind_combo.findData("profile"))
    assert not again.cover_panel.isChecked()
    again.stop_worker()


def test_the_dialog_saves_the_word_version(qtbot: QtBot, dialog: ReportDialog, tmp_path: Path) -> None:
    from docx import Document

    assert dialog.word_button.isEnabled()
    target = tmp_path / "pack.docx"
    ticks: list[bool] = []
    timer = QTimer(dialog)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(task.is_running()))
    task = dialog.save_word_to(target)
    timer.start()
    assert task.is_running() and not target.exists()  # written in the background
    qtbot.waitUntil(lambda: not task.is_running(), timeout=WAIT)
    timer.stop()
    assert task.outcome == "succeeded", task.sentence
    assert ticks.count(True) >= 2  # the dialog's own timer kept firing meanwhile
    assert dialog.status_label.text() == f"Saved the Word document to {target}."
    headings = [p.text for p in Document(str(target)).paragraphs if p.style.name.startswith("Heading")]
    assert "SR 7.2 Ineffective Social Care Practice" in headings
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("matrix"))
    _generate(qtbot, dialog)
    assert not dialog.word_button.isEnabled()  # matrix sheets are made as PDFs only


def test_a_word_document_stopped_or_refused_leaves_no_file(qtbot: QtBot, dialog: ReportDialog,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "pack.docx"
    task = dialog.save_word_to(target)
    assert task.dialog is not None and task.dialog.windowTitle() == "Save as Word"
    cancel = task.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    cancel.click()
    qtbot.waitUntil(lambda: not task.is_running(), timeout=WAIT)
    assert task.outcome == "cancelled"
    assert dialog.status_label.text() == "The Word document was stopped; pack.docx was not saved."
    assert list(out.iterdir()) == []
    not_a_folder = out / "Committee"
    not_a_folder.write_text("a file where the folder should be")
    task = dialog.save_word_to(not_a_folder / "pack.docx")
    qtbot.waitUntil(lambda: not task.is_running(), timeout=WAIT)
    assert task.outcome == "failed"
    assert task.sentence.startswith(f"The Word document could not be saved to {not_a_folder / 'pack.docx'}: ")
    assert task.sentence.count(". ") == 0 and "Traceback" not in task.sentence
    QApplication.processEvents()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert [box.text() for box in boxes] == [task.sentence]
    assert [p.name for p in out.iterdir()] == ["Committee"]


def test_what_changed_and_marked_changes_come_from_the_dialog(qtbot: QtBot, dialog: ReportDialog,
                                                                tmp_path: Path) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("changes"))
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findData("Q3 2023/24"))
    _generate(qtbot, dialog)
    target = tmp_path / "changes.pdf"
    assert dialog.save_to(target)
    text = " ".join(_text(target).split())
    assert "What Changed" in text and "Changes from Q2 2023/24 to Q3 2023/24" in text
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("committee"))
    dialog.changes_check.setChecked(True)
    assert dialog.options().mark_changes
    _generate(qtbot, dialog)
    assert dialog.save_to(target)
    assert "Changed since the last report" in _text(target)
