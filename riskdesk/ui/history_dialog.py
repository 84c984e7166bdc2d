"""Every change to a risk or a register: when, who, field, old -> new, reason; an old value can come back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.changes import OpChanges
from riskdesk.services.change_log import Change, changes_of, when_in_words
from riskdesk.services.history_queries import can_set_back, old_value
from riskdesk.services.refresh import current_record
from riskdesk.storage.errors import NotFoundError
from riskdesk.ui.document import Document
from riskdesk.ui.list_dialog import close_buttons, make_read_only
from riskdesk.ui.operations import Failure, WindowOp
from riskdesk.ui.undo import edit_fields

HEADERS = ["When", "Who", "Record", "Field", "Was", "Became", "Reason"]
ALL_FIELDS = "All fields"


def _short(text: str, limit: int = 140) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


class HistoryDialog(QDialog):
    """The changes of one risk (with its controls, actions and links) or one register and its risks."""

    def __init__(self, document: Document, title: str, risk_ids: list[str] | None = None,
                 register_ids: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(title)
        self.document = document
        self._risk_ids, self._register_ids = risk_ids, register_ids
        self.changes: list[Change] = []
        self.shown: list[Change] = []
        self.field_filter = QComboBox(self)
        self.field_filter.setObjectName("historyField")
        self.field_filter.currentIndexChanged.connect(lambda _i: self._fill())
        self.table = make_read_only(QTableWidget(0, len(HEADERS), self))
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        self.restore_button = QPushButton("&Set this field back to what it was", self)
        self.restore_button.setObjectName("restoreOldValue")
        self.restore_button.setToolTip("Writes the old value as a new change (Undo takes it back)")
        self.restore_button.clicked.connect(self.restore_selected)
        self.note = QLabel(self)
        self.note.setObjectName("historyNote")
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        show = QLabel("&Show:", self)
        show.setBuddy(self.field_filter)
        top.addWidget(show)
        top.addWidget(self.field_filter)
        top.addStretch(1)
        buttons = close_buttons(self, self.restore_button, enter_presses_none=True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(1000, 560)
        document.opExecuted.connect(lambda _changes, _initiator: self.reload())
        self.reload()

    def reload(self) -> None:
        """Read the changes again (after a restore, or a colleague's change)."""
        if not self.document.is_open:
            return
        self.changes = list(reversed(changes_of(self.document.workspace, self._risk_ids, self._register_ids)))
        chosen = self.field_filter.currentText() or ALL_FIELDS
        fields = sorted({c.field_words for c in self.changes})
        self.field_filter.blockSignals(True)
        self.field_filter.clear()
        self.field_filter.addItems([ALL_FIELDS, *fields])
        self.field_filter.setCurrentIndex(max(0, self.field_filter.findText(chosen)))
        self.field_filter.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        field = self.field_filter.currentText()
        self.shown = [c for c in self.changes if field in ("", ALL_FIELDS) or c.field_words == field]
        self.table.setRowCount(len(self.shown))
        for row, change in enumerate(self.shown):
            cells = [when_in_words(change.changed_at), change.changed_by, change.record, change.field_words,
                     change.old or "", change.new or "", change.reason]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(_short(text))  # the whole text is in the tooltip
                item.setToolTip(change.changed_at if column == 0 else text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeRowsToContents()
        self._enable()

    def selected(self) -> Change | None:
        """The change whose row is selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows and rows[0].row() < len(self.shown) else None

    def _enable(self) -> None:
        change = self.selected()
        self.restore_button.setEnabled(change is not None and can_set_back(change))

    def restore_selected(self) -> bool:
        """Write the selected change's old value back as a new, undoable change."""
        change = self.selected()
        if change is None:
            return False
        try:
            value = old_value(change)
        except ValueError as error:  # an old value this riskdesk cannot read back
            self.note.setText(str(error))
            return False
        document = self.document

        def set_back() -> OpChanges:
            record = current_record(document.workspace, change.entity, change.record_id)
            if record is None:
                raise NotFoundError(f"{change.record} has been deleted; bring it back before setting a field.")
            return edit_fields(document, change.entity, change.record_id, record.version, {change.field: value},
                               f"Set {change.field_words} of {change.record} back", "Set back from the history")

        refused: list[Failure] = []
        WindowOp(document, set_back).failure(refused.append).run(self)
        if refused:
            self.note.setText(refused[0].sentence)
            return False
        self.note.setText(f"The {change.field_words} of {change.record} is set back; Undo takes it back again.")
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


def open_history(document: Document, title: str, parent: QWidget, risk_ids: list[str] | None = None,
                 register_ids: list[str] | None = None) -> HistoryDialog:
    """Show a history window beside the main one (it follows later changes while open)."""
    dialog = HistoryDialog(document, title, risk_ids, register_ids, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
