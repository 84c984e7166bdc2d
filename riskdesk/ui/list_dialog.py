"""What the list dialogs share: a read-only table of rows, a Close button, and for the risk lists
(committee check, what changed) a summary line and an "Open the risk" button that opens a row's risk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.model import Period
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import PERIOD


def make_read_only(table: QTableWidget) -> QTableWidget:
    """A table to read and pick one row from: whole rows, one at a time, never edited in place."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table


def close_buttons(dialog: QDialog, *extra: QPushButton, enter_presses_none: bool = False) -> QDialogButtonBox:
    """A Close button (Escape too) with the dialog's own buttons beside it.

    `enter_presses_none`: Enter in the dialog's table presses no button, so Enter on a row never
    writes (setting a field back) or shuts the list by surprise.
    """
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    for button in extra:
        buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
    buttons.rejected.connect(dialog.reject)
    if enter_presses_none:
        for each in buttons.buttons():
            if isinstance(each, QPushButton):
                each.setAutoDefault(False)
                each.setDefault(False)
    return buttons


def periods_in_order(workspace: Workspace) -> list[Period]:
    """The file's reporting periods, first to last."""
    return sorted(workspace.store.all(PERIOD), key=lambda p: p.position)


class RiskListDialog(QDialog):
    """A list of findings about risks for chosen periods; a row's risk opens in the window.

    A subclass builds its period boxes and its table, calls `lay_out`, and says which risk a
    row stands for (`selected_risk_id`); it reads the file and never writes to it.
    """

    def __init__(self, workspace: Workspace, open_risk: Callable[[str], object], parent: QWidget | None,
                 today: date | None, name: str, title: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.workspace = workspace
        self._open_risk = open_risk
        self._today = today
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.open_button = QPushButton("&Open the risk", self)
        self.open_button.clicked.connect(self.open_selected)

    def lay_out(self, choose: QLayout, body: QWidget, width: int, height: int) -> None:
        """The period choice on top, the summary, the body, then the buttons."""
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(body, 1)
        # Enter on a row opens its risk through the table (as a double-click does); a button taking
        # the key as well would open it twice.
        layout.addWidget(close_buttons(self, self.open_button, enter_presses_none=True))
        self.resize(width, height)

    def selected_risk_id(self) -> str | None:
        """The risk of the selected row (None when no row is selected)."""
        raise NotImplementedError

    def open_selected(self) -> None:
        """Show the selected row's risk in the window."""
        risk_id = self.selected_risk_id()
        if risk_id is not None:
            self._open_risk(risk_id)
