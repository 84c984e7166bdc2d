"""Closing the period: what the committee check finds is listed first, then the user decides."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from riskdesk.services.committee_check import CommitteeCheck
from riskdesk.ui.committee_check_dialog import FindingsTable, summary_text


class ClosePeriodDialog(QDialog):
    """Lists the committee check's findings, asks for the next period's name, and closes on OK."""

    def __init__(self, period_label: str, suggestion: str, check: CommitteeCheck | None,
                 open_risk: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closePeriodDialog")
        self.setWindowTitle(f"Close {period_label}")
        self._open_risk = open_risk
        intro = QLabel(
            f"Closing {period_label} keeps every risk's scores and period comment as they are now, for "
            "direction of travel and for reports, and clears the comments for the next period. "
            "The last closed period can be reopened from the Reports menu.", self)
        intro.setWordWrap(True)
        self.summary = QLabel(summary_text(check) if check is not None else "", self)
        self.summary.setWordWrap(True)
        self.table = FindingsTable(self)
        self.table.set_findings(check.findings if check is not None else [])
        self.table.setVisible(check is not None and not check.ready)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.next_label = QLineEdit(suggestion, self)
        self.next_label.setObjectName("nextPeriodLabel")
        self.next_label.setPlaceholderText(suggestion or "for example Q1 2025/26")
        form = QFormLayout()
        form.addRow("Name of the next period:", self.next_label)
        self.close_button = QPushButton(
            f"Close {period_label} anyway" if check is not None and not check.ready else f"Close {period_label}",
            self)
        self.close_button.setObjectName("closePeriodButton")
        self.close_button.setDefault(not (check is not None and not check.ready))
        self.open_button = QPushButton("&Open the risk", self)
        self.open_button.setVisible(check is not None and not check.ready)
        self.open_button.clicked.connect(self.open_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(860, 520 if check is not None and not check.ready else 220)

    def chosen_label(self, suggestion: str) -> str:
        """The next period's name; a blank one takes the suggestion."""
        return self.next_label.text().strip() or suggestion

    def open_selected(self) -> None:
        """Leave the dialog and show the selected finding's risk, to put it right first."""
        finding = self.table.selected_finding()
        if finding is not None:
            self.reject()
            self._open_risk(finding.risk_id)
