"""File > Export... runs off the window's thread: the window keeps answering, Cancel leaves no file,
a failure is one sentence naming the file, and closing the window waits for the export."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from riskdesk.cli import main as cli_main
from riskdesk.core.model import Score
from riskdesk.services.workspace import Workspace
from riskdesk.ui.background import BackgroundTask, running_tasks
from riskdesk.ui.main_window import MainWindow

Make = Callable[[Path | None], MainWindow]
WAIT = 60_000
RISKS = 2000


@pytest.fixture(scope="module")
def _big_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register of 2,000 risks, each with a control and an action, written once for the module."""
    path = tmp_path_factory.mktemp("big") / "Big register.sqlite"
    workspace = Workspace.create(path, "5x5", "Benchmark Council", user="Generator")
    try:
        with workspace.store.transaction():
            # Twenty registers of a hundred: adding a risk counts its register's risks first.
            registers = [workspace.create_register(f"Service area {n + 1}")[0] for n in range(20)]
            for number in range(RISKS):
                risk, _ = workspace.create_risk(
                    registers[number % 20].id, f"R {number + 1}", f"Placement capacity risk number {number + 1}",
                    description="Demand for placements outstrips the places the council can buy. " * 3,
                    owner=f"Head of Service {number % 40}", residual=Score(number % 5 + 1, number % 3 + 2),
                    last_reviewed=date(2024, 3, 1))
                workspace.add_control(risk.id, f"Weekly placement panel {number}", owner="Team Manager")
                workspace.add_action(risk.id, f"Review the sufficiency plan {number}", owner="Service Manager",
                                     due_date=date(2024, 9, 30))
    finally:
        workspace.close()
    return path


@pytest.fixture
def big_register(_big_register: Path, tmp_path: Path) -> Path:
    path = tmp_path / "register" / _big_register.name
    path.parent.mkdir()
    shutil.copyfile(_big_register, path)
    return path


def _finish(qtbot: QtBot, task: BackgroundTask) -> None:
    qtbot.waitUntil(lambda: not task.is_running(), timeout=WAIT)


def _boxes() -> list[str]:
    QApplication.processEvents()
    return [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def _cancel_button(task: BackgroundTask) -> QPushButton:
    assert task.dialog is not None
    button = task.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    return button


def _members(path: Path) -> dict[str, bytes]:
    """A workbook's parts, without the one that records when it was written."""
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist() if name != "docProps/core.xml"}


def test_the_window_answers_during_an_export_and_the_file_is_the_command_lines(
        make_window: Make, big_register: Path, tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(big_register)
    ticks: list[bool] = []
    timer = QTimer(window)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(bool(running_tasks(window))))
    timer.start()
    for suffix in (".xlsx", ".csv", ".json"):
        target = tmp_path / f"window{suffix}"
        task = window.file_actions.export_register(target)
        assert task is not None and task.is_running()  # handed back at once: the work goes on elsewhere
        _finish(qtbot, task)
        assert task.outcome == "succeeded", task.sentence
        assert window.statusBar().currentMessage() == f"Exported {RISKS} risks to window{suffix}"
        assert cli_main(["export", str(big_register), "-o", str(tmp_path / f"cli{suffix}")]) == 0
    timer.stop()
    # The window's own timer kept firing while exports ran.
    assert ticks.count(True) >= 5
    for suffix in (".csv", ".json"):
        assert (tmp_path / f"window{suffix}").read_bytes() == (tmp_path / f"cli{suffix}").read_bytes()
    assert _members(tmp_path / "window.xlsx") == _members(tmp_path / "cli.xlsx")
    assert len(json.loads((tmp_path / "window.json").read_text(encoding="utf-8"))["risks"]) == RISKS
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == sorted(
        f"{who}{suffix}" for who in ("cli", "window") for suffix in (".xlsx", ".csv", ".json"))


def test_cancel_leaves_no_file_and_the_old_one_as_it_was(make_window: Make, big_register: Path, tmp_path: Path,
                                                         qtbot: QtBot) -> None:
    window = make_window(big_register)
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "kept.xlsx"
    kept.write_bytes(b"last quarter's export")
    for target in (out / "new.csv", kept, out / "new.json"):
        task = window.file_actions.export_register(target)
        assert task is not None
        _cancel_button(task).click()
        _finish(qtbot, task)
        assert task.outcome == "cancelled"
        assert window.statusBar().currentMessage() == f"The export was stopped; {target.name} was not written."
    assert [p.name for p in out.iterdir()] == ["kept.xlsx"]  # nothing new, no partial file
    assert kept.read_bytes() == b"last quarter's export"
    assert not _boxes()


def test_an_unwritable_folder_is_one_sentence_naming_the_file(make_window: Make, big_register: Path, tmp_path: Path,
                                                            qtbot: QtBot) -> None:
    window = make_window(big_register)
    not_a_folder = tmp_path / "Reports"
    not_a_folder.write_text("a file where the folder should be")
    task = window.file_actions.export_register(not_a_folder / "register.xlsx")
    assert task is not None
    _finish(qtbot, task)
    assert task.outcome == "failed"
    sentence = task.sentence
    assert sentence.startswith(f"register.xlsx could not be written in {not_a_folder} (")
    assert sentence.endswith("Choose another folder.") and "Traceback" not in sentence
    assert sentence.count(". ") == 1  # the reason, then what to do
    assert sentence in _boxes()


def test_closing_the_window_during_an_export_waits_and_leaves_no_partial_file(
        make_window: Make, big_register: Path, tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(big_register)
    target = tmp_path / "out" / "register.json"
    target.parent.mkdir()
    task = window.file_actions.export_register(target)
    assert task is not None and task.is_running()
    thread = task.worker_thread
    window.close()
    assert not task.is_running() and thread.isFinished()
    assert task.outcome in ("cancelled", "succeeded")
    names = [p.name for p in target.parent.iterdir()]
    if task.outcome == "cancelled":
        assert names == []
    else:  # it had finished just before the window closed: then the file is whole
        assert names == ["register.json"] and json.loads(target.read_text(encoding="utf-8"))["risks"]
    assert not running_tasks()


def test_the_progress_window_reads_well_on_a_laptop(make_window: Make, big_register: Path, tmp_path: Path,
                                                    qtbot: QtBot) -> None:
    window = make_window(big_register)
    window.resize(1366, 728)
    target = tmp_path / "Quarter 3 export for the Audit and Governance Committee, strategic risks.xlsx"
    task = window.file_actions.export_register(target)
    assert task is not None and task.dialog is not None
    dialog = task.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() or not task.is_running(), timeout=WAIT)
    if dialog.isVisible():  # (a very quick machine finishes before the window is due)
        assert dialog.windowTitle() == "Export the register"
        assert dialog.label_text() == f"Exporting the register to {target.name}…"
        assert dialog.width() <= 700 and dialog.height() <= 300
        dialog.grab().save(str(tmp_path / "progress.png"))
    _finish(qtbot, task)
    assert task.dialog is None  # closed with the work


def test_closing_the_window_while_a_word_document_is_written_waits_for_it(
        make_window: Make, demo_5x5_path: Path, tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(demo_5x5_path)
    window.actions_by_name["report_committee"].trigger()
    dialog = window.report_actions.report_dialog
    target = tmp_path / "out" / "pack.docx"
    target.parent.mkdir()
    task = dialog.save_word_to(target)
    assert task.is_running()
    window.close()
    assert not task.is_running() and task.worker_thread.isFinished()
    names = [p.name for p in target.parent.iterdir()]
    assert names == ([] if task.outcome == "cancelled" else ["pack.docx"])
    if names:
        from docx import Document

        assert Document(str(target)).paragraphs  # whole, never half-written
    assert not running_tasks()


def test_what_is_typed_in_the_editor_goes_into_the_export(make_window: Make, demo_5x5_path: Path, tmp_path: Path,
                                                          qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit

    window = make_window(demo_5x5_path)
    assert window.document is not None
    window.document.poll_timer.stop()
    risk_id = next(r.id for r in window.document.contents.risks if r.reference == "SR 7.4")
    assert window.risk_panel.select_risk(risk_id)
    box = window.editor.findChild(QLineEdit, "field_title")
    assert box is not None
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "Typed and never left")
    task = window.file_actions.export_register(tmp_path / "register.csv")
    assert task is not None
    _finish(qtbot, task)
    assert "Typed and never left" in (tmp_path / "register.csv").read_text(encoding="utf-8-sig")
