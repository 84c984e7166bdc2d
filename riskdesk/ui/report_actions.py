"""The Reports menu: the report dialog for each kind of paper, the quarter's checks, and closing the period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from riskdesk.core.periods import next_period_label, quarter_dates, quarter_label
from riskdesk.ui.controller import EditingController
from riskdesk.ui.report_kinds import KINDS

if TYPE_CHECKING:  # the dialogs' classes load when first used: see app.py
    from PySide6.QtWidgets import QDialog

    from riskdesk.ui.ports import EditingHost, Notifier, Selection
    from riskdesk.ui.quarter_settings_dialog import QuarterSettingsDialog
    from riskdesk.ui.report_dialog import ReportDialog


class ReportActions(EditingController):
    """Reports, the quarter's checks and settings, and closing, starting and reopening periods."""

    def __init__(self, host: EditingHost, selection: Selection, notifier: Notifier,
                 go_to_risk: Callable[[str], object]) -> None:
        super().__init__(host, selection, notifier)
        self.go_to_risk = go_to_risk  # a finding's risk, shown in the table and the editor
        self.report_dialog: ReportDialog | None = None  # the last one opened (kept alive while shown)
        self.quarter_dialog: QDialog | None = None  # what changed, the committee check or the settings

    def open_report(self, kind: str) -> ReportDialog | None:
        """Open the report dialog on the open file, set to one kind and the selected register."""
        document = self.host.document
        if document is None:
            return None
        # Imported here: ReportLab loads only when a report is first asked for, not at start-up.
        from riskdesk.ui.report_dialog import ReportDialog

        dialog = ReportDialog(document.workspace, self.host.window())
        index = dialog.kind_combo.findData(kind)
        if index >= 0:
            dialog.kind_combo.setCurrentIndex(index)
        dialog.select_register(self.selection.selected_register_id())
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def stop(self) -> None:
        """Close the quarter's dialog and stop a report being made (the file is closing)."""
        quarter = self.quarter_dialog
        if quarter is not None:
            self.quarter_dialog = None
            if quarter.isVisible():
                quarter.reject()
        dialog = self.report_dialog
        if dialog is not None:
            self.report_dialog = None
            dialog.stop_worker()
            if dialog.isVisible():
                dialog.reject()

    def close_period(self, ask_label: bool = True) -> bool:
        """Close the current period after the user confirms, and open the next one."""
        document = self.host.document
        if document is None:
            return False
        period = document.contents.current_period()
        if period is None or period.is_closed:
            return self.start_period(ask_label)
        suggestion = next_period_label(period.label)
        label = suggestion
        if ask_label:
            chosen = self._confirm_close(period.label, suggestion)
            if chosen is None:
                return False
            label = chosen
        changes = self.guard(lambda: document.run(
            lambda: document.workspace.close_period(period.id, next_label=label or None)))
        if changes is None:
            return False
        # Edits made before the close belong to a closed period now: they cannot be undone from here.
        document.undo_stack.clear()
        self.notifier.show_status(f"{period.label} closed" + (f"; {label} is open" if label else ""), 8000)
        return True

    def _confirm_close(self, period_label: str, suggestion: str) -> str | None:
        """Show what the committee check finds and ask for the next period's name; None when the user stops."""
        from riskdesk.services.committee_check import CheckError, check_for_committee
        from riskdesk.ui.close_period_dialog import ClosePeriodDialog

        document = self.host.document
        assert document is not None
        try:
            check = check_for_committee(document.workspace, period_label)
        except CheckError:
            check = None
        dialog = ClosePeriodDialog(period_label, suggestion, check, self.go_to_risk, self.host.window())
        if dialog.exec() != dialog.DialogCode.Accepted:
            return None
        return dialog.chosen_label(suggestion)

    def reopen_period(self) -> bool:
        """Reopen the last closed period after the user confirms; the history records it."""
        from riskdesk.services.period_reopen import periods_removed_by_reopening, reopenable_period
        from riskdesk.services.period_reopen import reopen_period as reopen

        document = self.host.document
        if document is None:
            return False
        period = reopenable_period(document.workspace)
        if period is None:
            self.notifier.show_message("Reopen a period", "No period has been closed yet, so there is none to reopen.",
                                       information=True)
            return False
        later = periods_removed_by_reopening(document.workspace, period)
        removed = (f" {', '.join(p.label for p in later)}, opened when it closed, is removed; comments written "
                   "there stay on the risks." if later else "")
        if not self.notifier.confirm(
                f"Reopen {period.label}", f"Reopen {period.label} so its scores and comments can be changed "
                f"again?{removed} Each risk's {period.label} comment comes back where no newer one has been "
                "written. The history records the reopening."):
            return False
        changes = self.guard(lambda: document.run(lambda: reopen(document.workspace, period.id)))
        if changes is None:
            return False
        document.undo_stack.clear()
        self.notifier.show_status(f"{period.label} is open again", 8000)
        return True

    def start_period(self, ask_label: bool = True) -> bool:
        """Open a reporting period when there is none (a new file, or every period closed)."""
        document = self.host.document
        if document is None:
            return False
        closed = document.contents.closed_periods()
        suggestion = next_period_label(closed[-1].label) if closed else quarter_label(date.today())
        label = suggestion
        if ask_label:
            chosen = self._period_name(
                "Start a reporting period",
                "There is no open reporting period. Scores and comments are kept per period, and closing "
                "one is what direction of travel compares against.\n\nName of the period to start:", suggestion)
            if chosen is None:
                return False
            label = chosen
        bounds = quarter_dates(label)
        made = self.guard(lambda: document.run(
            lambda: document.workspace.create_period(label, *(bounds or (None, None)))[1]))
        if made is None:
            return False
        self.notifier.show_status(f"{label} is open", 8000)
        return True

    def _period_name(self, title: str, question: str, suggestion: str) -> str | None:
        """Ask for a period's name; a blank answer takes the suggestion. None when the user gives up."""
        text = self.notifier.ask_text(title, question, suggestion)
        if text is None:
            return None
        # Work always goes on in an open period: a blank name takes the suggested one.
        label = text.strip() or suggestion
        if not label:
            self.notifier.show_message(title, "Please name the period, for example Q1 2025/26.")
            return None
        return label

    def open_what_changed(self) -> QDialog | None:
        """Reports > What changed...: per risk, what moved between two periods."""
        from riskdesk.ui.what_changed_dialog import WhatChangedDialog

        document = self.host.document
        if document is None:
            return None
        dialog = WhatChangedDialog(document.workspace, self.go_to_risk, self.host.window())
        self.quarter_dialog = dialog
        dialog.open()
        return dialog

    def open_committee_check(self) -> QDialog | None:
        """Reports > Check before committee...: every finding, each opening its risk."""
        from riskdesk.ui.committee_check_dialog import CommitteeCheckDialog

        document = self.host.document
        if document is None:
            return None
        dialog = CommitteeCheckDialog(document.workspace, self.go_to_risk, self.host.window())
        self.quarter_dialog = dialog
        dialog.open()
        return dialog

    def edit_quarter_settings(self) -> QuarterSettingsDialog | None:
        """Edit > Risk appetite and review dates...: Save writes both settings as one undoable step."""
        from riskdesk.ui.quarter_settings_dialog import edit_quarter_settings

        document = self.host.document
        if document is None:
            return None
        dialog = edit_quarter_settings(document, self.host.window(),
                                       self.guard)
        self.quarter_dialog = dialog
        return dialog


def build_reports_menu(reports: ReportActions, menu: QMenu) -> dict[str, QAction]:
    """Fill the Reports menu; returns actions that need a file open."""
    acts: dict[str, QAction] = {}
    for kind, text in KINDS:
        action = menu.addAction(f"{text}...")
        action.setObjectName(f"report_{kind}")
        action.triggered.connect(lambda _checked=False, k=kind: reports.open_report(k))
        acts[f"report_{kind}"] = action
    acts["report_committee"].setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Print))
    menu.addSeparator()
    entries: list[tuple[str, str, Callable[[], Any]]] = [
        ("what_changed", "&What changed...", reports.open_what_changed),
        ("committee_check", "Check &before committee...", reports.open_committee_check),
        ("", "", lambda: None),
        ("close_period", "Close the &period...", reports.close_period),
        ("reopen_period", "&Reopen the last closed period...", reports.reopen_period),
    ]
    for name, text, slot in entries:
        if not name:
            menu.addSeparator()
            continue
        acts[name] = menu.addAction(text)
        acts[name].setObjectName(name)
        acts[name].triggered.connect(lambda _checked=False, s=slot: s())
    return acts
