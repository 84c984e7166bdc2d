"""Reports > Check before committee...: every finding names its risk, and each opens it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from riskdesk.services.committee_check import CheckError, CommitteeCheck, Finding, check_for_committee
from riskdesk.services.workspace import Workspace
from riskdesk.ui.list_dialog import RiskListDialog, make_read_only, periods_in_order

RISK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class FindingsTable(QTableWidget):
    """One row per finding: the risk, what kind of finding, and what to put right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("committeeFindings")
        self.setHorizontalHeaderLabels(["Risk", "Finding", "What to put right"])
        make_read_only(self)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setColumnWidth(1, 210)
        # Two lines a row: a row sized to its text before the dialog is laid out comes out far too tall.
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 10)
        self.findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        """Show these findings, in the order given."""
        self.findings = list(findings)
        self.setRowCount(len(findings))
        for row, finding in enumerate(findings):
            cells = (finding.reference, finding.heading, finding.message[:1].upper() + finding.message[1:])
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(RISK_ID_ROLE, finding.risk_id)
                item.setToolTip(f"{finding.reference} {finding.title} ({finding.register}): {finding.message}")
                self.setItem(row, column, item)

    def selected_finding(self) -> Finding | None:
        """The finding on the selected row."""
        rows = self.selectionModel().selectedRows()
        return self.findings[rows[0].row()] if rows else None


class CommitteeCheckDialog(RiskListDialog):
    """The committee check for a chosen period; a finding's row opens its risk."""

    def __init__(self, workspace: Workspace, open_risk: Callable[[str], object], parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(workspace, open_risk, parent, today, "committeeCheckDialog", "Check before committee")
        self.check: CommitteeCheck | None = None
        periods = periods_in_order(workspace)
        self.period = QComboBox(self)
        self.period.setAccessibleName("Period to check")
        for period in periods:
            self.period.addItem(period.label + ("" if period.is_closed else " (open)"), period.label)
        open_ones = [i for i, p in enumerate(periods) if not p.is_closed]
        self.period.setCurrentIndex(open_ones[0] if open_ones else len(periods) - 1)
        self.summary.setObjectName("committeeSummary")
        self.table = FindingsTable(self)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        top = QHBoxLayout()
        top.addWidget(QLabel("Period:", self))
        top.addWidget(self.period, 1)
        self.lay_out(top, self.table, 900, 560)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Run the check again (it reads the file; it never writes to it)."""
        label = self.period.currentData()
        try:
            self.check = check_for_committee(self.workspace, label, self._today)
        except CheckError as error:
            self.check = None
            self.table.set_findings([])
            self.summary.setText(str(error))
            self.open_button.setEnabled(False)
            return
        self.table.set_findings(self.check.findings)
        self.summary.setText(summary_text(self.check))
        self.open_button.setEnabled(not self.check.ready)
        if not self.check.ready:
            self.table.selectRow(0)

    def selected_risk_id(self) -> str | None:
        """The risk of the selected finding."""
        finding = self.table.selected_finding()
        return finding.risk_id if finding is not None else None


def summary_text(result: CommitteeCheck) -> str:
    """One sentence on how ready the register is."""
    if result.ready:
        return f"Ready for committee ({result.period_label}): nothing to put right."
    risks = len({f.risk_id for f in result.findings})
    count = len(result.findings)
    return (f"Not ready for committee ({result.period_label}): {count} thing{'s' if count != 1 else ''} to put "
            f"right on {risks} risk{'s' if risks != 1 else ''}. Double-click a row, or press Enter, to open its risk.")
