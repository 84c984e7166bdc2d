"""Reports > What changed...: per risk, what moved between two periods; each row opens its risk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QWidget,
)

from riskdesk.core.changes_since import RiskChange, word_diff
from riskdesk.services.what_changed import ChangeReport, ChangesError, what_changed
from riskdesk.services.workspace import Workspace
from riskdesk.ui.list_dialog import RiskListDialog, make_read_only, periods_in_order

RISK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NOW = "Now (the open period)"


def diff_html(before: str, after: str) -> str:
    """A comment's word diff as HTML: removed words struck through, added words underlined."""
    parts: list[str] = []
    for kind, text in word_diff(before, after):
        words = escape(text)
        if kind == "removed":
            parts.append(f'<span style="color:#a40000;text-decoration:line-through">{words}</span>')
        elif kind == "added":
            parts.append(f'<span style="color:#006100;text-decoration:underline"><b>{words}</b></span>')
        else:
            parts.append(words)
    return " ".join(parts)


def change_html(change: RiskChange) -> str:
    """Everything that changed on one risk, for the details pane."""
    lines = [f"<h3>{escape(change.reference)} {escape(change.title)}</h3>",
             f"<p><i>{escape(change.register)}</i></p><ul>"]
    lines += [f"<li>{escape(line)}</li>" for line in change.lines()]
    lines.append("</ul>")
    if change.comment is not None:
        lines.append("<p><b>Period comment</b> (struck through: taken out; underlined: new):</p>")
        lines.append(f"<p>{diff_html(*change.comment)}</p>")
    return "".join(lines)


class WhatChangedDialog(RiskListDialog):
    """Pick two periods; see per risk what changed; open a risk from its row."""

    def __init__(self, workspace: Workspace, open_risk: Callable[[str], object], parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(workspace, open_risk, parent, today, "whatChangedDialog", "What changed")
        self.report: ChangeReport | None = None
        closed = [p for p in periods_in_order(workspace) if p.is_closed]
        self.since = QComboBox(self)
        self.since.setAccessibleName("Compare from the close of")
        self.until = QComboBox(self)
        self.until.setAccessibleName("Compare up to")
        for period in closed:
            self.since.addItem(period.label)
        self.until.addItem(NOW)
        for period in closed:
            self.until.addItem(period.label)
        if closed:
            self.since.setCurrentIndex(len(closed) - 1)
        self.table = make_read_only(QTableWidget(0, 4, self))
        self.table.setObjectName("whatChangedTable")
        self.table.setHorizontalHeaderLabels(["Ref", "Title", "Register", "What changed"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(1, 220)
        self.table.setColumnWidth(2, 150)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.details = QTextBrowser(self)
        self.details.setObjectName("whatChangedDetails")
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([300, 160])
        choose = QHBoxLayout()
        choose.addWidget(QLabel("From the close of", self))
        choose.addWidget(self.since, 1)
        choose.addWidget(QLabel("to", self))
        choose.addWidget(self.until, 1)
        self.lay_out(choose, splitter, 940, 600)
        self.since.currentIndexChanged.connect(lambda _i: self.refresh())
        self.until.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Compare the two chosen periods again."""
        self.table.setRowCount(0)
        self.details.clear()
        since = self.since.currentText() or None
        until = None if self.until.currentIndex() <= 0 else self.until.currentText()
        try:
            self.report = what_changed(self.workspace, since, until, self._today)
        except ChangesError as error:
            self.report = None
            self.summary.setText(str(error))
            self.open_button.setEnabled(False)
            return
        changes = self.report.changes
        count = len(changes)
        self.summary.setText(f"{self.report.heading}: {count} risk{'s' if count != 1 else ''} changed."
                             + (" Double-click a row, or press Enter, to open its risk." if count else ""))
        self.table.setRowCount(count)
        for row, change in enumerate(changes):
            cells = (change.reference, change.title, change.register, change.summary)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(RISK_ID_ROLE, change.risk_id)
                if column == 3:
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.open_button.setEnabled(count > 0)
        if count:
            self.table.selectRow(0)

    def selected_change(self) -> RiskChange | None:
        """The change on the selected row."""
        if self.report is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.report.changes[rows[0].row()] if rows else None

    def _show_details(self) -> None:
        change = self.selected_change()
        self.details.setHtml(change_html(change) if change is not None else "")

    def selected_risk_id(self) -> str | None:
        """The risk of the selected row."""
        change = self.selected_change()
        return change.risk_id if change is not None else None
