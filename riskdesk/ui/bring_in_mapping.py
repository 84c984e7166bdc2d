"""The mapping page of the import: which sheet, which heading row, and what each column becomes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from riskdesk.interchange.layout import FIELDS, Mapping
from riskdesk.interchange.sheets import Grid, SpreadsheetError
from riskdesk.interchange.values import plain
from riskdesk.ui.colours import warning_style

LEVEL_SUFFIXES = (".likelihood", ".impact")
Detect = Callable[[str, int | None], Mapping]  # (sheet, heading row or None) -> a fresh mapping


class MappingDialog(QDialog):
    """Each source column with an example value and a choice of field, "Keep as a note" or "Ignore"."""

    def __init__(self, grids: list[Grid], mapping: Mapping, detect: Detect, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mappingDialog")
        self.setWindowTitle("Columns of the spreadsheet")
        self.grids, self.detect, self._mapping = grids, detect, mapping
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.addItems([g.name for g in grids])
        self.sheet_combo.setCurrentText(mapping.sheet)
        self.row_spin = QSpinBox(self)
        self.row_spin.setRange(1, 200)
        self.row_spin.setValue(mapping.header_row)
        form = QFormLayout()
        form.addRow("&Sheet:", self.sheet_combo)
        form.addRow("&Headings in row:", self.row_spin)
        intro = QLabel("Choose what each column of the spreadsheet holds. \"Keep as a note\" adds the column "
                       "to each risk's description under its heading; \"Ignore\" leaves it out (the summary "
                       "lists it). riskdesk remembers these choices for the next import of this layout.", self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(["Column", "Heading", "First value", "Reads as", "Words as levels"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(warning_style())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self._fill()
        self.sheet_combo.currentTextChanged.connect(lambda _text: self._redetect(None))
        self.row_spin.valueChanged.connect(lambda row: self._redetect(row))

    def _redetect(self, row: int | None) -> None:
        try:
            self._mapping = self.detect(self.sheet_combo.currentText(), row)
        except SpreadsheetError as error:
            self.problem_label.setText(str(error))
            return
        self.problem_label.setText("")
        self.row_spin.blockSignals(True)
        self.row_spin.setValue(self._mapping.header_row)
        self.row_spin.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        grid = next((g for g in self.grids if g.name == self._mapping.sheet), self.grids[0])
        first = _first_values(grid, self._mapping.header_row)
        self.table.setRowCount(len(self._mapping.columns))
        for row, column in enumerate(self._mapping.columns):
            self.table.setItem(row, 0, QTableWidgetItem(column.column))
            self.table.setItem(row, 1, QTableWidgetItem(column.heading))
            example = first.get(column.index, "")
            self.table.setItem(row, 2, QTableWidgetItem(example[:80].replace("\n", " ")))
            combo = QComboBox(self.table)
            for key, caption in FIELDS.items():
                combo.addItem(caption, key)
            combo.setCurrentIndex(list(FIELDS).index(column.to))
            combo.setAccessibleName(f"What column {column.column} holds")
            self.table.setCellWidget(row, 3, combo)
            words = QLineEdit(", ".join(f"{w} = {n}" for w, n in column.words.items()), self.table)
            words.setPlaceholderText("e.g. Possible = 3" if column.to.endswith(LEVEL_SUFFIXES) else "")
            words.setAccessibleName(f"How the words of column {column.column} read as levels")
            self.table.setCellWidget(row, 4, words)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(3, 190)
        self.table.setColumnWidth(4, 220)

    def combo(self, row: int) -> QComboBox:
        """The choice for one source column (row of the table)."""
        widget = self.table.cellWidget(row, 3)
        assert isinstance(widget, QComboBox)
        return widget

    def words(self, row: int) -> QLineEdit:
        """The word-to-level text for one source column."""
        widget = self.table.cellWidget(row, 4)
        assert isinstance(widget, QLineEdit)
        return widget

    def accept(self) -> None:
        """Close only when every word list reads; otherwise say which does not."""
        for row, column in enumerate(self._mapping.columns):
            try:
                read_words(self.words(row).text())
            except ValueError as error:
                self.problem_label.setText(f"Column {column.column}: {error}")
                return
        super().accept()

    def mapping(self) -> Mapping:
        """The mapping as chosen on the page."""
        for row, column in enumerate(self._mapping.columns):
            column.to = str(self.combo(row).currentData())
            column.words = read_words(self.words(row).text())
        return self._mapping


def read_words(text: str) -> dict[str, int]:
    """ "Rare = 1, Possible = 3" as a dictionary; ValueError naming the part that does not read."""
    found: dict[str, int] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        word, equals, number = part.rpartition("=")
        if not equals or not word.strip() or not number.strip().isdigit():
            raise ValueError(f"{part!r} should read like \"Possible = 3\" (a word, =, a level number)")
        found[word.strip()] = int(number)
    return found


def _first_values(grid: Grid, header_row: int) -> dict[int, str]:
    """The first filled value below the headings in each column."""
    found: dict[int, str] = {}
    for cells in grid.rows[header_row: header_row + 200]:
        if sum(1 for value in cells if value not in (None, "")) < 2:
            continue  # a blank or section row ("Budget Period 1") is no example of its column
        for index, value in enumerate(cells):
            if index not in found and value not in (None, ""):
                found[index] = plain(value)
    return found
