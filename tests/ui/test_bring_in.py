"""Importing a spreadsheet and merging a colleague's copy from the window: check, confirm, safety copy."""

from __future__ import annotations

import csv
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from riskdesk.core.model import Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK
from riskdesk.ui.bring_in import BringIn
from riskdesk.ui.main_window import MainWindow
from tests.ui.helpers import edit_elsewhere, read_risk, select_register, visible_references

HEADER = ["Reference", "Title", "Register", "Risk owner", "Residual likelihood", "Residual impact", "Status"]
Make = Callable[[Path | None], MainWindow]


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def safety_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.before-*.sqlite"))


def checked(qtbot, flow: BringIn) -> None:
    """Wait until the dry run has been shown (or the flow has ended)."""
    qtbot.waitUntil(lambda: not flow.dialog.running or flow.ended, timeout=15000)


def confirm(qtbot, flow: BringIn) -> None:
    """Press Import (or Merge) and wait for the flow to end."""
    assert flow.dialog.go_button.isVisible() and flow.dialog.go_button.isEnabled()
    with qtbot.waitSignal(flow.finished, timeout=15000):
        flow.dialog.go_button.click()


def test_a_bad_cell_is_shown_and_nothing_is_written(qtbot, make_window: Make, demo_5x5_path: Path,
                                                    tmp_path: Path) -> None:
    source = write_csv(tmp_path / "q1.csv", [
        ["SR 7.9", "Cyber attack", "Strategic Risk Register", "Director of IT", 3, 5, "open"],
        ["SR 7.10", "Flooding", "Strategic Risk Register", "Director of Place", 7, 3, "open"],
    ])
    window = make_window(demo_5x5_path)
    before = digest(demo_5x5_path)
    flow = window.bring_in_actions.import_spreadsheet(source)
    checked(qtbot, flow)
    dialog = flow.dialog
    assert dialog.isVisible()
    assert "Nothing was imported" in dialog.status_label.text()
    assert dialog.lines() == ["Row 3, Residual likelihood: Residual likelihood must be a whole number 1 to 5; "
                              "got '7'"]
    assert not dialog.go_button.isVisible()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.lines()[0]
    with qtbot.waitSignal(flow.finished):
        dialog.cancel_button.click()
    assert not dialog.isVisible()
    assert digest(demo_5x5_path) == before
    assert safety_copies(demo_5x5_path) == []
    assert "SR 7.9" not in visible_references(window)
    assert window.bring_in_actions.flow is None


def test_a_good_csv_is_imported_after_confirming_with_a_safety_copy(qtbot, make_window: Make,
                                                                    demo_5x5_path: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "q1.csv", [
        ["SR 7.9", "Cyber attack on case records", "", "Director of IT", 3, 5, "open"],
        ["SR 7.2", "Ineffective Social Care Practice", "", "Executive Director", 2, 3, "open"],
    ])
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    before = digest(demo_5x5_path)
    flow = window.bring_in_actions.import_spreadsheet(source)
    checked(qtbot, flow)
    dialog = flow.dialog
    # No Register column: the rows go into the register selected in the tree.
    assert dialog.target_combo.currentText().strip() == "Strategic Risk Register"
    assert "1 new, 1 updated, 0 unchanged" in dialog.status_label.text()
    assert "New (1): SR 7.9" in dialog.lines()
    assert "cannot be undone with Ctrl+Z" in dialog.note_label.text()
    assert digest(demo_5x5_path) == before  # the check wrote nothing
    assert safety_copies(demo_5x5_path) == []

    confirm(qtbot, flow)
    assert not dialog.isVisible()
    assert "SR 7.9" in visible_references(window)
    assert read_risk(demo_5x5_path, "SR 7.9").residual == Score(3, 5)
    assert read_risk(demo_5x5_path, "SR 7.2").residual == Score(2, 3)
    [copy] = safety_copies(demo_5x5_path)
    assert copy.name.startswith("demo-5x5.before-import-")
    assert digest(copy) != digest(demo_5x5_path)
    kept = Workspace.open(copy)
    try:
        assert "SR 7.9" not in {r.reference for r in kept.store.all(RISK)}
    finally:
        kept.close()
    message = window.statusBar().currentMessage()
    assert "Imported q1.csv: 1 new, 1 updated, 0 unchanged" in message and copy.name in message
    assert window.undo_stack.count() == 0


def test_the_register_column_can_be_chosen_and_makes_new_registers(qtbot, make_window: Make,
                                                                   demo_5x5_path: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "new.csv", [["WP 1", "Winter pressures", "Winter Plan", "", 2, 2, "open"]])
    window = make_window(demo_5x5_path)
    flow = window.bring_in_actions.import_spreadsheet(source)
    checked(qtbot, flow)
    flow.dialog.target_combo.setCurrentIndex(0)  # the Register column
    checked(qtbot, flow)
    assert "new registers: Winter Plan" in flow.dialog.status_label.text()
    confirm(qtbot, flow)
    select_register(window, "Winter Plan")
    assert visible_references(window) == ["WP 1"]


def test_an_unreadable_file_is_explained_in_one_sentence(qtbot, make_window: Make, demo_5x5_path: Path,
                                                         tmp_path: Path) -> None:
    source = tmp_path / "risks.xlsx"
    source.write_text("this is not a workbook")
    window = make_window(demo_5x5_path)
    before = digest(demo_5x5_path)
    flow = window.bring_in_actions.import_spreadsheet(source)
    qtbot.waitUntil(lambda: flow.ended, timeout=15000)
    assert not flow.dialog.isVisible()
    box = window.last_message
    assert isinstance(box, QMessageBox)
    assert box.text() == ("risks.xlsx is not an Excel workbook (.xlsx): it may be damaged, cut short in copying, "
                          "or another kind of file renamed")
    assert digest(demo_5x5_path) == before


def colleague_copy(path: Path, tmp_path: Path) -> Path:
    theirs = tmp_path / "colleague.sqlite"
    shutil.copyfile(path, theirs)
    return theirs


def test_a_colleagues_change_arrives_after_confirming(qtbot, make_window: Make, demo_5x5_path: Path,
                                                      tmp_path: Path) -> None:
    theirs = colleague_copy(demo_5x5_path, tmp_path)
    edit_elsewhere(theirs, "SR 7.2", user="Colleague", title="Social care practice under review")
    window = make_window(demo_5x5_path)
    before = digest(demo_5x5_path)
    flow = window.bring_in_actions.merge_copy(theirs)
    checked(qtbot, flow)
    assert flow.dialog.lines() == ["1 risk updated: SR 7.2"]
    assert digest(demo_5x5_path) == before
    confirm(qtbot, flow)
    assert read_risk(demo_5x5_path, "SR 7.2").title == "Social care practice under review"
    shown = next(r for r in window.document.contents.risks if r.reference == "SR 7.2")
    assert shown.title == "Social care practice under review"
    [copy] = safety_copies(demo_5x5_path)
    assert copy.name.startswith("demo-5x5.before-merge-")
    assert read_risk(copy, "SR 7.2").title != "Social care practice under review"
    assert "Merged colleague.sqlite: 1 risk updated" in window.statusBar().currentMessage()


def test_a_conflict_is_listed_and_ours_is_kept(qtbot, make_window: Make, demo_5x5_path: Path,
                                               tmp_path: Path) -> None:
    theirs = colleague_copy(demo_5x5_path, tmp_path)
    edit_elsewhere(theirs, "SR 7.5", user="Colleague", period_comment="Their words")
    edit_elsewhere(demo_5x5_path, "SR 7.5", user="Me", period_comment="My words")
    window = make_window(demo_5x5_path)
    flow = window.bring_in_actions.merge_copy(theirs)
    checked(qtbot, flow)
    sentence = "Risk SR 7.5: period comment was changed in both copies; yours was kept, Colleague's is in the history"
    assert sentence in flow.dialog.lines()
    assert "yours will be kept" in flow.dialog.status_label.text()
    confirm(qtbot, flow)
    assert read_risk(demo_5x5_path, "SR 7.5").period_comment == "My words"
    assert "kept yours" in window.statusBar().currentMessage()


def test_a_copy_with_another_scheme_is_refused(qtbot, make_window: Make, demo_5x5_path: Path,
                                               demo_3x3_path: Path) -> None:
    window = make_window(demo_5x5_path)
    before = digest(demo_5x5_path)
    flow = window.bring_in_actions.merge_copy(demo_3x3_path)
    qtbot.waitUntil(lambda: flow.ended, timeout=15000)
    box = window.last_message
    assert isinstance(box, QMessageBox)
    assert box.text() == "demo-3x3.sqlite uses a different scoring scheme; change one to match before merging."
    assert digest(demo_5x5_path) == before
    assert safety_copies(demo_5x5_path) == []


def test_cancel_during_the_check_writes_nothing(qtbot, make_window: Make, demo_5x5_path: Path,
                                                tmp_path: Path) -> None:
    theirs = colleague_copy(demo_5x5_path, tmp_path)
    edit_elsewhere(theirs, "SR 7.2", user="Colleague", title="Changed there")
    window = make_window(demo_5x5_path)
    before = digest(demo_5x5_path)
    flow = window.bring_in_actions.merge_copy(theirs)
    with qtbot.waitSignal(flow.finished):
        flow.dialog.cancel_button.click()
    assert flow.message == ""
    assert not flow.dialog.isVisible()
    assert digest(demo_5x5_path) == before
    assert window.bring_in_actions.flow is None


def test_the_menu_items_need_a_file(qtbot, make_window: Make, demo_5x5_path: Path) -> None:
    window = make_window(None)
    assert not window.actions_by_name["import_spreadsheet"].isEnabled()
    assert not window.actions_by_name["merge_copy"].isEnabled()
    window.open_file(demo_5x5_path)
    qtbot.waitUntil(lambda: not window.read_only, timeout=10000)  # the integrity check has passed
    assert window.actions_by_name["import_spreadsheet"].isEnabled()
    assert window.actions_by_name["merge_copy"].isEnabled()


def test_a_sheet_that_names_registers_is_read_that_way_by_default(qtbot, make_window: Make,
                                                                 demo_5x5_path: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "named.csv", [["WP 2", "Winter staffing", "Winter Plan", "", 2, 2, "open"]])
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    flow = window.bring_in_actions.import_spreadsheet(source)
    checked(qtbot, flow)
    assert flow.dialog.target() is None
    assert flow.dialog.target_combo.currentText().startswith("The register named in each row")
    assert "new registers: Winter Plan" in flow.dialog.status_label.text()
    flow.dialog.reject()
