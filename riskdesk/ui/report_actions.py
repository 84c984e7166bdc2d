"""The Reports menu: the report dialog for each kind of paper, and closing the period."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMenu, QMessageBox

from riskdesk.core.periods import next_period_label, quarter_dates, quarter_label
from riskdesk.ui.report_kinds import KINDS

if TYPE_CHECKING:
    from riskdesk.ui.main_window import MainWindow
    from riskdesk.ui.report_dialog import ReportDialog


def open_report_dialog(window: MainWindow, kind: str) -> ReportDialog | None:
    """Open the report dialog on the window's file, set to one kind and the selected register."""
    if window.document is None:
        return None
    # Imported here: ReportLab loads only when a report is first asked for, not at start-up.
    from riskdesk.ui.report_dialog import ReportDialog

    dialog = ReportDialog(window.document.workspace, window)
    index = dialog.kind_combo.findData(kind)
    if index >= 0:
        dialog.kind_combo.setCurrentIndex(index)
    dialog.select_register(window.selected_register_id())
    window.report_dialog = dialog
    dialog.open()
    return dialog


def close_period(window: MainWindow, ask_label: bool = True) -> bool:
    """Close the current period after the user confirms, and open the next one."""
    document = window.document
    if document is None:
        return False
    period = document.contents.current_period()
    if period is None or period.is_closed:
        return start_period(window, ask_label)
    suggestion = next_period_label(period.label)
    label = suggestion
    if ask_label:
        chosen = _confirm_close(window, period.label, suggestion)
        if chosen is None:
            return False
        label = chosen
    from riskdesk.ui.file_actions import guard  # file_actions imports the menus, which import us

    changes = guard(window, lambda: document.run(
        lambda: document.workspace.close_period(period.id, next_label=label or None)))
    if changes is None:
        return False
    # Edits made before the close belong to a closed period now: they cannot be undone from here.
    window.undo_stack.clear()
    window.statusBar().showMessage(f"{period.label} closed" + (f"; {label} is open" if label else ""), 8000)
    return True


def _confirm_close(window: MainWindow, period_label: str, suggestion: str) -> str | None:
    """Show what the committee check finds and ask for the next period's name; None when the user stops."""
    from riskdesk.services.committee_check import CheckError, check_for_committee
    from riskdesk.ui.close_period_dialog import ClosePeriodDialog
    from riskdesk.ui.risk_navigation import open_risk

    assert window.document is not None
    try:
        check = check_for_committee(window.document.workspace, period_label)
    except CheckError:
        check = None
    dialog = ClosePeriodDialog(period_label, suggestion, check, lambda risk_id: open_risk(window, risk_id), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen_label(suggestion)


def reopen_period(window: MainWindow) -> bool:
    """Reopen the last closed period after the user confirms; the history records it."""
    from riskdesk.services.period_reopen import periods_removed_by_reopening, reopenable_period
    from riskdesk.services.period_reopen import reopen_period as reopen
    from riskdesk.ui.file_actions import guard

    document = window.document
    if document is None:
        return False
    period = reopenable_period(document.workspace)
    if period is None:
        window.show_message("Reopen a period", "No period has been closed yet, so there is none to reopen.",
                            QMessageBox.Icon.Information)
        return False
    later = periods_removed_by_reopening(document.workspace, period)
    removed = (f" {', '.join(p.label for p in later)}, opened when it closed, is removed; comments written "
               "there stay on the risks." if later else "")
    if not window.confirm(f"Reopen {period.label}", f"Reopen {period.label} so its scores and comments can "
                          f"be changed again?{removed} Each risk's {period.label} comment comes back where no "
                          "newer one has been written. The history records the reopening."):
        return False
    changes = guard(window, lambda: document.run(lambda: reopen(document.workspace, period.id)))
    if changes is None:
        return False
    window.undo_stack.clear()
    window.statusBar().showMessage(f"{period.label} is open again", 8000)
    return True


def open_what_changed(window: MainWindow) -> QDialog | None:
    """Reports > What changed...: per risk, what moved between two periods."""
    from riskdesk.ui.risk_navigation import open_risk
    from riskdesk.ui.what_changed_dialog import WhatChangedDialog

    if window.document is None:
        return None
    dialog = WhatChangedDialog(window.document.workspace, lambda risk_id: open_risk(window, risk_id), window)
    window.quarter_dialog = dialog
    dialog.open()
    return dialog


def open_committee_check(window: MainWindow) -> QDialog | None:
    """Reports > Check before committee...: every finding, each opening its risk."""
    from riskdesk.ui.committee_check_dialog import CommitteeCheckDialog
    from riskdesk.ui.risk_navigation import open_risk

    if window.document is None:
        return None
    dialog = CommitteeCheckDialog(window.document.workspace, lambda risk_id: open_risk(window, risk_id), window)
    window.quarter_dialog = dialog
    dialog.open()
    return dialog


def start_period(window: MainWindow, ask_label: bool = True) -> bool:
    """Open a reporting period when there is none (a new file, or every period closed)."""
    document = window.document
    if document is None:
        return False
    closed = document.contents.closed_periods()
    suggestion = next_period_label(closed[-1].label) if closed else quarter_label(date.today())
    label = suggestion
    if ask_label:
        chosen = _period_name(
            window, "Start a reporting period",
            "There is no open reporting period. Scores and comments are kept per period, and closing "
            "one is what direction of travel compares against.\n\nName of the period to start:", suggestion)
        if chosen is None:
            return False
        label = chosen
    from riskdesk.ui.file_actions import guard

    bounds = quarter_dates(label)
    made = guard(window, lambda: document.run(
        lambda: document.workspace.create_period(label, *(bounds or (None, None)))[1]))
    if made is None:
        return False
    window.statusBar().showMessage(f"{label} is open", 8000)
    return True


def _period_name(window: MainWindow, title: str, question: str, suggestion: str) -> str | None:
    """Ask for a period's name; a blank answer takes the suggestion. None when the user gives up."""
    text, accepted = QInputDialog.getText(window, title, question, QLineEdit.EchoMode.Normal, suggestion)
    if not accepted:
        return None
    # Work always goes on in an open period: a blank name takes the suggested one.
    label = text.strip() or suggestion
    if not label:
        window.show_message(title, "Please name the period, for example Q1 2025/26.")
        return None
    return label


def build_reports_menu(window: MainWindow, menu: QMenu) -> dict[str, QAction]:
    """Fill the Reports menu; returns actions that need a file open."""
    acts: dict[str, QAction] = {}
    for kind, text in KINDS:
        action = menu.addAction(f"{text}...")
        action.setObjectName(f"report_{kind}")
        action.triggered.connect(lambda _checked=False, k=kind: open_report_dialog(window, k))
        acts[f"report_{kind}"] = action
    acts["report_committee"].setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Print))
    menu.addSeparator()
    acts["what_changed"] = menu.addAction("&What changed...")
    acts["what_changed"].setObjectName("what_changed")
    acts["what_changed"].triggered.connect(lambda _checked=False: open_what_changed(window))
    acts["committee_check"] = menu.addAction("Check &before committee...")
    acts["committee_check"].setObjectName("committee_check")
    acts["committee_check"].triggered.connect(lambda _checked=False: open_committee_check(window))
    menu.addSeparator()
    acts["close_period"] = menu.addAction("Close the &period...")
    acts["close_period"].setObjectName("close_period")
    acts["close_period"].triggered.connect(lambda _checked=False: close_period(window))
    acts["reopen_period"] = menu.addAction("&Reopen the last closed period...")
    acts["reopen_period"].setObjectName("reopen_period")
    acts["reopen_period"].triggered.connect(lambda _checked=False: reopen_period(window))
    return acts
