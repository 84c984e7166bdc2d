"""The Reports menu opens the report dialog set up for the window, and closes the period."""

from __future__ import annotations

from pathlib import Path

from riskdesk.core.periods import next_period_label
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from tests.ui.helpers import select_register


def test_next_period_label_follows_the_financial_year() -> None:
    assert next_period_label("Q1 2024/25") == "Q2 2024/25"
    assert next_period_label("Q4 2023/24") == "Q1 2024/25"
    assert next_period_label("Q4 2099/00") == "Q1 2100/01"
    assert next_period_label("March 2021") == ""


def test_the_menu_opens_the_dialog_on_the_selected_register(make_window, demo_5x5_path: Path) -> None:
    window = make_window(None)
    assert not window.actions_by_name["report_profile"].isEnabled()  # no file yet
    window.open_file(demo_5x5_path)
    select_register(window, "Children's Services Departmental Risk Register")
    window.actions_by_name["report_profile"].trigger()
    dialog = window.report_actions.report_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.kind_combo.currentData() == "profile"
    assert dialog.register_combo.currentText().strip().startswith("Children's Services Departmental")
    dialog.reject()


def test_every_report_item_waits_for_a_file_and_each_reads_differently(make_window, demo_5x5_path: Path) -> None:
    from riskdesk.core.report_kinds import KIND_IDS

    window = make_window(None)
    items = [window.actions_by_name[f"report_{kind}"] for kind in KIND_IDS] + [window.actions_by_name["what_changed"]]
    assert not any(item.isEnabled() for item in items)  # nothing to report on before a file is open
    texts = [item.text().replace("&", "") for item in items]
    assert len(set(texts)) == len(texts), texts  # the menu never shows two items alike
    window.open_file(demo_5x5_path)
    assert all(item.isEnabled() for item in items)


def test_closing_the_period_snapshots_and_opens_the_next(make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    assert window.document.contents.current_period().label == "Q1 2024/25"
    assert window.report_actions.close_period(ask_label=False)
    assert window.document.contents.current_period().label == "Q2 2024/25"
    assert "Q2 2024/25" in window.period_label.text()
    ws = Workspace.open(demo_5x5_path)
    try:
        contents = load_contents(ws)
        q1 = next(p for p in contents.periods if p.label == "Q1 2024/25")
        assert q1.is_closed
        sr72 = next(r for r in contents.risks if r.reference == "SR 7.2")
        assert contents.snapshot(q1.id, sr72.id).comment != ""  # the draft comment was kept
        assert sr72.period_comment == ""
    finally:
        ws.close()


def test_a_file_with_no_open_period_is_offered_one(make_window, tmp_path: Path) -> None:
    from datetime import date

    from riskdesk.core.periods import quarter_label

    path = tmp_path / "fresh.sqlite"
    ws = Workspace.create(path, "5x5", "Test Council")
    ws.create_register("Strategic Risk Register")
    ws.close()
    window = make_window(path)
    assert window.document.contents.current_period() is None
    assert window.report_actions.close_period(ask_label=False)  # nothing to close: it starts one instead
    assert window.document.contents.current_period().label == quarter_label(date.today())
    assert "Period: " + quarter_label(date.today()) in window.period_label.text()


def test_closing_with_a_blank_name_opens_the_suggested_next_period(
    make_window, demo_5x5_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from riskdesk.ui.close_period_dialog import ClosePeriodDialog

    def answer_blank(dialog: ClosePeriodDialog) -> int:
        dialog.next_label.setText("   ")
        return QDialog.DialogCode.Accepted.value

    window = make_window(demo_5x5_path)
    monkeypatch.setattr(ClosePeriodDialog, "exec", answer_blank)
    assert window.report_actions.close_period()
    current = window.document.contents.current_period()
    assert current.label == "Q2 2024/25" and not current.is_closed


def test_the_period_menu_item_says_what_it_will_do(make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    action = window.actions_by_name["close_period"]
    assert action.text() == "Close Q1 2024/25 and start the next..."
    ws = Workspace.open(demo_5x5_path, user="Colleague")
    q1 = next(p for p in load_contents(ws).periods if p.label == "Q1 2024/25")
    ws.close_period(q1.id)  # closed elsewhere, with no next period
    ws.close()
    window.document.check_for_colleagues()
    assert action.text() == "Start a reporting &period..."
    assert window.period_label.text() == "Period: Q1 2024/25 (closed)"
