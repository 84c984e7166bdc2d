"""The quarter's window parts: what changed, the committee check, closing and reopening, reminders, settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from icalendar import Calendar
from PySide6.QtWidgets import QDialog

from riskdesk.core.model import Score
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.ui.close_period_dialog import ClosePeriodDialog
from tests.ui.helpers import Answers, select_register


def _rescore_elsewhere(path: Path, reference: str, comment: str, residual: Score) -> None:
    ws = Workspace.open(path)
    try:
        risk = next(r for r in load_contents(ws).risks if r.reference == reference)
        ws.update_risk(risk.id, risk.version, "Quarterly review", residual=residual, period_comment=comment,
                       owner="Head of Early Years")
    finally:
        ws.close()


def test_what_changed_lists_changed_risks_and_opens_one(make_window, qtbot, demo_5x5_path: Path) -> None:
    _rescore_elsewhere(demo_5x5_path, "CS 10", "Laptops encrypted; the risk is lower.", Score(1, 2))
    window = make_window(demo_5x5_path)
    select_register(window, "Safeguarding and Care")  # CS 10 is elsewhere: opening it must find it
    window.actions_by_name["what_changed"].trigger()
    dialog = window.report_actions.quarter_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.since.currentText() == "Q4 2023/24" and dialog.until.currentIndex() == 0
    refs = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert "CS 10" in refs
    row = refs.index("CS 10")
    assert "Residual score 1x4 (4) to 1x2 (2)." in dialog.table.item(row, 3).text()
    assert "Owner changed from Head of Education Business Support to Head of Early Years." in \
        dialog.table.item(row, 3).text()
    dialog.table.selectRow(row)
    html = dialog.details.toHtml()
    assert "line-through" in html and "Laptops" in html
    dialog.open_selected()
    assert window.risk_panel.current_risk().reference == "CS 10"
    assert window.editor.risk.reference == "CS 10"
    dialog.until.setCurrentIndex(dialog.until.findText("Q3 2023/24"))
    assert "Q4 2023/24 is" not in dialog.summary.text()
    dialog.since.setCurrentIndex(dialog.since.findText("Q2 2023/24"))
    assert dialog.report is not None and dialog.report.heading == "Changes from Q2 2023/24 to Q3 2023/24"


def test_each_committee_finding_opens_its_risk_and_the_file_is_untouched(
        make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    before = demo_5x5_path.read_bytes()
    dialog = window.report_actions.open_committee_check()
    assert dialog is not None
    assert "Not ready for committee (Q1 2024/25)" in dialog.summary.text()
    findings = dialog.table.findings
    row = next(i for i, f in enumerate(findings) if f.kind == "not_represented")
    assert findings[row].reference == "CS 04"
    dialog.table.selectRow(row)
    dialog.open_selected()
    assert window.risk_panel.current_risk().reference == "CS 04"
    dialog.period.setCurrentIndex(dialog.period.findData("Q4 2023/24"))
    assert "(Q4 2023/24)" in dialog.summary.text()
    dialog.reject()
    assert demo_5x5_path.read_bytes() == before


def test_closing_lists_the_findings_first_and_cancel_closes_nothing(
        make_window, qtbot, demo_5x5_path: Path, monkeypatch) -> None:
    seen: list[ClosePeriodDialog] = []

    def cancel(dialog: ClosePeriodDialog) -> int:
        seen.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(ClosePeriodDialog, "exec", cancel)
    window = make_window(demo_5x5_path)
    assert not window.report_actions.close_period()
    dialog = seen[0]
    assert dialog.table.rowCount() == len(dialog.table.findings) > 0
    assert dialog.close_button.text() == "Close Q1 2024/25 anyway"
    assert dialog.next_label.text() == "Q2 2024/25"
    assert window.document.contents.current_period().label == "Q1 2024/25"
    assert not window.document.contents.current_period().is_closed


def test_the_last_closed_period_can_be_reopened_and_the_history_says_so(
        make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    assert window.report_actions.close_period(ask_label=False)
    answers = window.report_actions.notifier = Answers(yes=True)
    assert window.report_actions.reopen_period()
    assert "Reopen Q1 2024/25 so its scores and comments can be changed again?" in answers.questions[0]
    current = window.document.contents.current_period()
    assert current.label == "Q1 2024/25" and not current.is_closed
    assert [p.label for p in window.document.contents.periods].count("Q2 2024/25") == 0
    ws = Workspace.open(demo_5x5_path, read_only=True)
    try:
        contents = load_contents(ws)
        sr72 = next(r for r in contents.risks if r.reference == "SR 7.2")
        assert sr72.period_comment  # the Q1 comment came back
        rows = [row for row in ws.store.history() if row["entity"] == "period" and row["reason"] ==
                "Q1 2024/25 reopened"]
        assert {row["field"] for row in rows} == {"closed_at", "deleted"}
    finally:
        ws.close()


def test_export_reminders_writes_a_calendar_outlook_reads(make_window, qtbot, demo_5x5_path: Path) -> None:
    from riskdesk.ui.reminders_export import export_reminders

    window = make_window(demo_5x5_path)
    target = demo_5x5_path.parent / "mine.ics"
    told = Answers()
    count = export_reminders(window.document, window, told, target, "Director of Education")
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert count == len(events) >= 1
    assert all("SR 7.4" in str(event.get("summary")) for event in events)
    assert all(isinstance(event.decoded("dtstart"), date) for event in events)
    assert told.messages == [("Export reminders", f"Wrote {count} reminder{'s' if count != 1 else ''} for "
                              "Director of Education to mine.ics. Open it in Outlook (or drag it onto the "
                              "calendar) to add the dates; each comes with a reminder the day before.")]


def test_appetite_settings_are_saved_and_flag_the_table(make_window, qtbot, demo_5x5_path: Path) -> None:
    from riskdesk.ui.risk_table import APPETITE

    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    dialog = window.report_actions.edit_quarter_settings()
    assert dialog is not None
    dialog.category_levels["Financial"].setCurrentText("Averse")
    dialog.months["High"].setValue(2)
    dialog.accept()
    model = window.risk_panel.model
    row = next(r for r in range(model.rowCount()) if model.risk_at(r).reference == "CS 11")  # Financial, Open
    assert model.index(row, APPETITE).data() == "Open"  # its own level still wins
    assert window.document.contents.cadence_rules().months["High"] == 2
    ws = Workspace.open(demo_5x5_path, read_only=True)
    try:
        assert ws.store.get_meta("appetite")["categories"]["Financial"] == "Averse"
        assert ws.store.get_meta("review_cadence")["High"] == 2
    finally:
        ws.close()
