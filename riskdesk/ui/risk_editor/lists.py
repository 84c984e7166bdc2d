"""Controls and actions as editable lists: add, edit, remove, reorder."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.dates import date_in_words, read_date
from riskdesk.core.model import Action, ActionStatus, Control, Effectiveness, Rag
from riskdesk.core.validation import Problem, ValidationError
from riskdesk.ui.colours import cell_warning_colour
from riskdesk.ui.risk_editor.widgets import ErrorLabel, TextBox

RAG_COLOURS = {Rag.RED: "#e06666", Rag.AMBER: "#f6b26b", Rag.GREEN: "#93c47d"}
NO_RAG = "Not rated"


class ItemDialog(QDialog):
    """Edit one control or action; values() gives the fields, validated."""

    def __init__(self, title: str, record: Control | Action | None, is_action: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.is_action = is_action
        form = QFormLayout()
        self.description = TextBox(self, lines=3)
        self.description.setObjectName("itemDescription")
        self.owner = QLineEdit(self)
        self.owner.setObjectName("itemOwner")
        form.addRow("&Description:", self.description)
        form.addRow("&Owner:", self.owner)
        self.error = ErrorLabel(self)
        if is_action:
            self.due = QLineEdit(self)
            self.due.setPlaceholderText("31/03/2025 or 31 March 2025")
            self.status = QComboBox(self)
            self.status.addItems([s.value.capitalize() for s in ActionStatus])
            self.rag = QComboBox(self)
            self.rag.addItems([NO_RAG, *(r.value.capitalize() for r in Rag)])
            self.progress = TextBox(self, lines=2)
            form.addRow("D&ue date:", self.due)
            form.addRow("&Status:", self.status)
            form.addRow("&RAG rating:", self.rag)
            form.addRow("&Progress note:", self.progress)
        else:
            self.effectiveness = QComboBox(self)
            self.effectiveness.addItems([e.value.capitalize() for e in Effectiveness])
            form.addRow("&Effectiveness:", self.effectiveness)
        if record is not None:
            self.description.setText(record.description)
            self.owner.setText(record.owner)
            if isinstance(record, Action):
                self.due.setText(date_in_words(record.due_date))
                self.status.setCurrentText(record.status.value.capitalize())
                self.rag.setCurrentText(record.rag.value.capitalize() if record.rag else NO_RAG)
                self.progress.setText(record.progress)
            elif isinstance(record, Control):
                self.effectiveness.setCurrentText(record.effectiveness.value.capitalize())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        """The fields as entered; raises ValidationError for a bad date or empty text."""
        values: dict[str, Any] = {"description": self.description.text().strip(), "owner": self.owner.text().strip()}
        if not values["description"]:
            noun = "action" if self.is_action else "control"
            raise ValidationError([Problem("description", f"Please describe the {noun} in a few words.")])
        if self.is_action:
            values["due_date"] = read_date(self.due.text(), "due_date")
            values["status"] = ActionStatus(self.status.currentText().lower())
            rag = self.rag.currentText()
            values["rag"] = None if rag == NO_RAG else Rag(rag.lower())
            values["progress"] = self.progress.text()
        else:
            values["effectiveness"] = Effectiveness(self.effectiveness.currentText().lower())
        return values

    def _check_and_accept(self) -> None:
        try:
            self.values()
        except ValidationError as error:
            self.error.show_problem(str(error))
            return
        self.accept()


class ItemList(QWidget):
    """A table of controls or of actions with buttons beside it."""

    addRequested = Signal(dict)
    editRequested = Signal(str, int, dict, dict)  # id, version, changed fields, their values when read
    removeRequested = Signal(str, int)
    reorderRequested = Signal(list)
    makeControlRequested = Signal(str, int)

    def __init__(self, is_action: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.is_action = is_action
        self.noun = "action" if is_action else "control"
        self.records: list[Any] = []
        headers = (["Action", "Owner", "Due", "Status", "RAG"] if is_action
                   else ["Control", "Owner", "Effectiveness"])
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName(f"{self.noun}List")
        self.table.setAccessibleName(f"{self.noun.capitalize()}s")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda *_: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._enable)
        buttons = QVBoxLayout()
        self.add_button = self._button(buttons, f"&Add {self.noun}...", self.add_new)
        self.edit_button = self._button(buttons, "&Edit...", self.edit_selected)
        self.remove_button = self._button(buttons, "&Remove", self.remove_selected)
        self.up_button = self._button(buttons, "Move &up", lambda: self.move_selected(-1))
        self.down_button = self._button(buttons, "Move &down", lambda: self.move_selected(1))
        self.control_button: QPushButton | None = None
        if is_action:
            self.control_button = self._button(buttons, "Make this action a &control", self.make_control)
            self.control_button.setToolTip("Once an action is complete, it becomes one of the risk's controls")
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._enable()

    def _button(self, layout: QVBoxLayout, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def set_records(self, records: list[Any]) -> None:
        """Show these controls or actions, keeping the selection by id."""
        kept = self.selected()
        self.records = list(records)
        self.table.setRowCount(len(records))
        today = date.today()
        for row, record in enumerate(records):
            cells: list[str] = [record.description, record.owner]
            if isinstance(record, Action):
                cells += [date_in_words(record.due_date), record.status.value.capitalize(),
                          record.rag.value.capitalize() if record.rag else ""]
            else:
                cells.append(record.effectiveness.value.capitalize())
            items = [QTableWidgetItem(text) for text in cells]
            for column, item in enumerate(items):
                item.setToolTip(getattr(record, "progress", "") or item.text())
                self.table.setItem(row, column, item)
            if isinstance(record, Action):
                if record.rag is not None:
                    items[4].setBackground(QBrush(QColor(RAG_COLOURS[record.rag])))
                if record.is_overdue(today):
                    items[2].setForeground(QBrush(cell_warning_colour()))
                    items[2].setToolTip("Overdue")
        if kept is not None:
            for row, record in enumerate(self.records):
                if record.id == kept.id:
                    self.table.selectRow(row)
        self._enable()

    def selected(self) -> Any | None:
        """The selected control or action."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if rows and 0 <= rows[0].row() < len(self.records):
            return self.records[rows[0].row()]
        return None

    def _enable(self) -> None:
        record = self.selected()
        row = self.records.index(record) if record is not None else -1
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(record is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.records) - 1)
        if self.control_button is not None:
            self.control_button.setEnabled(isinstance(record, Action) and record.status == ActionStatus.COMPLETE)

    def add_new(self) -> None:
        """Ask for a new control or action."""
        dialog = ItemDialog(f"New {self.noun}", None, self.is_action, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.addRequested.emit(dialog.values())

    def edit_selected(self) -> None:
        """Edit the selected control or action."""
        record = self.selected()
        if record is None:
            return
        dialog = ItemDialog(f"Edit {self.noun}", record, self.is_action, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            changed = {k: v for k, v in values.items() if getattr(record, k) != v}
            if changed:
                before = {k: getattr(record, k) for k in changed}
                self.editRequested.emit(record.id, record.version, changed, before)

    def remove_selected(self) -> None:
        """Remove the selected control or action (undoable)."""
        record = self.selected()
        if record is not None:
            self.removeRequested.emit(record.id, record.version)

    def move_selected(self, step: int) -> None:
        """Move the selected one up or down."""
        record = self.selected()
        if record is None:
            return
        ids = [r.id for r in self.records]
        row = ids.index(record.id)
        target = row + step
        if 0 <= target < len(ids):
            ids[row], ids[target] = ids[target], ids[row]
            self.reorderRequested.emit(ids)

    def make_control(self) -> None:
        """Turn the selected completed action into a control."""
        record = self.selected()
        if isinstance(record, Action):
            self.makeControlRequested.emit(record.id, record.version)
