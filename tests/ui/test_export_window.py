"""File > Export... in the window: the three formats, and a sentence when a text cannot go in a cell."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from riskdesk.services.importing import import_risks
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.ui.main_window import MainWindow

Make = Callable[[Path | None], MainWindow]
WAIT = 30_000


def test_export_writes_each_format_and_the_workbook_rebuilds_the_register(make_window: Make, demo_5x5_path: Path,
                                                                        tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(demo_5x5_path)
    action = window.actions_by_name["export"]
    assert action.isEnabled() and action.text() == "&Export..."
    for suffix in (".xlsx", ".csv", ".json"):
        target = tmp_path / f"register{suffix}"
        task = window.file_actions.export_register(target)
        assert task is not None
        qtbot.waitUntil(lambda t=task: not t.is_running(), timeout=WAIT)
        assert task.outcome == "succeeded" and target.exists()
        assert f"to register{suffix}" in window.statusBar().currentMessage()
    assert json.loads((tmp_path / "register.json").read_text(encoding="utf-8"))["risks"]
    book = openpyxl.load_workbook(tmp_path / "register.xlsx")
    assert book.sheetnames == ["Risks", "Controls", "Actions", "Links", "Periods", "Registers", "Matrix"]
    dates = [c for row in book["Risks"].iter_rows(min_row=2) for c in row if c.is_date]
    assert dates and all(c.number_format == "DD/MM/YYYY" for c in dates)
    empty = Workspace.create(tmp_path / "empty.sqlite")
    try:
        assert not import_risks(empty, tmp_path / "register.xlsx").problems
        rebuilt = load_contents(empty)
    finally:
        empty.close()
    original = load_contents(window.document.workspace)
    assert len(rebuilt.controls) == len([c for c in original.controls
                                         if not next(r for r in original.risks if r.id == c.risk_id).archived])
    assert {r.name for r in rebuilt.registers} == {r.name for r in original.registers}


def test_a_text_too_long_for_a_cell_is_said_in_a_sentence(make_window: Make, workspace: Workspace,
                                                          tmp_path: Path, qtbot: QtBot) -> None:
    register, _ = workspace.create_register("Main")
    workspace.create_risk(register.id, "L 1", "Long", description="short for now")
    path = workspace.path
    workspace.close()
    # riskdesk itself now keeps texts under a cell's size; a file written before the limit may not.
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE risks SET description = ? WHERE reference = 'L 1'", ("y" * 33_000,))
    raw.close()
    window = make_window(path)
    task = window.file_actions.export_register(tmp_path / "out.xlsx")
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running(), timeout=WAIT)
    assert task.outcome == "failed"
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("Risk L 1: Description has 33,000 characters, more than a spreadsheet cell holds" in b.text()
               for b in boxes)
    assert not (tmp_path / "out.xlsx").exists()
