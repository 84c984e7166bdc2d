"""Editing a scoring scheme: levels, values, bands, colours, criteria and axis, with the matrix drawn live."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.grid import build_grid, impact_vertical
from riskdesk.core.presets import PRESET_NAMES, preset
from riskdesk.core.scheme import MAX_BANDS, MAX_LEVELS, MIN_BANDS, MIN_LEVELS, Level, ScoringScheme
from riskdesk.services.scheme_files import SchemeFileError, read_scheme_file, write_scheme_file
from riskdesk.ui.colours import warning_style
from riskdesk.ui.risk_table import text_on
from riskdesk.ui.scheme_tables import (
    BAND_COLUMNS,
    IMPACT_COLUMNS,
    LIKELIHOOD_COLUMNS,
    ReadProblems,
    close_band_gaps,
    fill_bands,
    fill_criteria,
    fill_levels,
    read_scheme,
    resize_bands,
    resize_criteria,
    resize_levels,
)

AXIS_CHOICES = (("", "The usual way for this shape"), ("likelihood", "Likelihood down the side"),
                ("impact", "Impact down the side"))
SCHEME_FILTER = "Scheme files (*.json)"


def fill_matrix(table: QTableWidget, scheme: ScoringScheme) -> None:
    """Draw a scheme's matrix the way round its reports print it, cells in band colours with score and band."""
    grid = build_grid(scheme, [], transposed=impact_vertical(scheme))
    table.clear()
    table.setRowCount(grid.row_count)
    table.setColumnCount(grid.column_count)
    table.setHorizontalHeaderLabels([_caption(grid.column_level(c)) for c in range(grid.column_count)])
    table.setVerticalHeaderLabels([_caption(grid.row_level(r)) for r in range(grid.row_count)])
    for row in range(grid.row_count):
        for column in range(grid.column_count):
            cell = grid.cell_at(row, column)
            marked = " *" if (cell.likelihood, cell.impact) in scheme.cell_overrides else ""
            item = QTableWidgetItem(f"{cell.score}\n{cell.band.name}{marked}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(f"Likelihood {cell.likelihood} x impact {cell.impact}: {cell.band.name} {cell.score}"
                            + (" (set for this cell)" if marked else ""))
            item.setBackground(QBrush(QColor(cell.band.colour)))
            item.setForeground(QBrush(text_on(cell.band.colour)))
            item.setData(Qt.ItemDataRole.UserRole, (cell.likelihood, cell.impact))
            table.setItem(row, column, item)
    # Every cell in view however many levels: the matrix is what the user is checking.
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)


def _caption(level: Level) -> str:
    """A header: the label over its number, and what it scores when weighted."""
    return f"{level.label}\n({level.number})" + (f" scores {level.value}" if level.weighted else "")


class SchemeEditor(QWidget):
    """Every part of a scheme, editable, with the problems said in a sentence and the matrix drawn live."""

    changed = Signal()

    def __init__(self, scheme: ScoringScheme, parent: QWidget | None = None, read_only: bool = False):
        super().__init__(parent)
        self.setObjectName("schemeEditor")
        self.read_only = read_only
        self._filling = False
        self._overrides: dict[tuple[int, int], str] = {}
        self._last_good = scheme

        self.start = QComboBox(self)
        self.start.setObjectName("schemePreset")
        self.start.addItem("Choose a preset to start from...", "")
        for name in PRESET_NAMES:
            scheme_of = preset(name)
            self.start.addItem(f"{name}: {len(scheme_of.likelihood)} likelihood x {len(scheme_of.impact)} impact "
                               f"levels" + (", weighted" if scheme_of.weighted else ""), name)
        self.start.activated.connect(self._start_from_preset)
        self.open_button = QPushButton("&Open a scheme file...", self)
        self.open_button.clicked.connect(self._open_file)
        self.save_button = QPushButton("Sa&ve as a scheme file...", self)
        self.save_button.clicked.connect(self._save_file)
        self.name = QLineEdit(self)
        self.name.setObjectName("schemeName")
        self.axis = QComboBox(self)
        self.axis.setObjectName("schemeAxis")
        for value, text in AXIS_CHOICES:
            self.axis.addItem(text, value)

        self.likelihood_count = self._spin(MIN_LEVELS, MAX_LEVELS, "likelihoodCount")
        self.impact_count = self._spin(MIN_LEVELS, MAX_LEVELS, "impactCount")
        self.band_count = self._spin(MIN_BANDS, MAX_BANDS, "bandCount")
        self.likelihood = self._table(LIKELIHOOD_COLUMNS, "likelihoodLevels")
        self.impact = self._table(IMPACT_COLUMNS, "impactLevels")
        self.bands = self._table(BAND_COLUMNS, "schemeBands")
        self.bands.cellDoubleClicked.connect(self._choose_colour)
        self.criteria = self._table((), "impactCriteria")
        self.add_category = QPushButton("&Add a category", self)
        self.add_category.clicked.connect(self._add_category)
        self.remove_category = QPushButton("&Remove the chosen category", self)
        self.remove_category.clicked.connect(self._remove_category)
        self.matrix = QTableWidget(self)
        self.matrix.setObjectName("schemePreview")
        small = self.matrix.font()
        small.setPointSizeF(max(small.pointSizeF() - 1.5, 7.0))  # six columns of words beside the tables
        self.matrix.setFont(small)
        self.matrix.horizontalHeader().setFont(small)
        self.matrix.verticalHeader().setFont(small)
        self.matrix.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.matrix.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.matrix.customContextMenuRequested.connect(self._cell_menu)
        self.matrix.setAccessibleName("The matrix as it will be drawn; right-click a cell to colour it by hand")
        self.problems = QLabel(self)
        self.problems.setObjectName("schemeProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(warning_style())
        self._lay_out()
        for spin, handler in ((self.likelihood_count, self._likelihood_resized),
                              (self.impact_count, self._impact_resized), (self.band_count, self._bands_resized)):
            spin.valueChanged.connect(handler)
        for table in (self.likelihood, self.impact, self.bands, self.criteria):
            table.itemChanged.connect(self._edited)
        self.name.textChanged.connect(self._edited)
        self.axis.currentIndexChanged.connect(self._edited)
        self.set_scheme(scheme)
        if read_only:
            for widget in (self.start, self.open_button, self.name, self.axis, self.likelihood_count,
                           self.impact_count, self.band_count, self.add_category, self.remove_category):
                widget.setEnabled(False)
            for table in (self.likelihood, self.impact, self.bands, self.criteria):
                table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    # -- building ----------------------------------------------------------------

    def _spin(self, low: int, high: int, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setObjectName(name)
        return spin

    def _table(self, columns: tuple[str, ...], name: str) -> QTableWidget:
        table = QTableWidget(0, len(columns), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(list(columns))
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(True)
        return table

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.start, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.save_button)
        named = QHBoxLayout()
        for text, widget in (("Scheme &name:", self.name), ("&Axes:", self.axis)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            named.addWidget(label)
            named.addWidget(widget, 1)
        tabs = QTabWidget(self)
        tabs.setObjectName("schemeTabs")
        for title, spin, table, noun in (("&Likelihood", self.likelihood_count, self.likelihood, "Likelihood levels"),
                                         ("&Impact", self.impact_count, self.impact, "Impact levels"),
                                         ("&Bands", self.band_count, self.bands, "Bands")):
            page = QWidget(tabs)
            column = QVBoxLayout(page)
            row = QHBoxLayout()
            label = QLabel(f"{noun}:", page)
            label.setBuddy(spin)
            row.addWidget(label)
            row.addWidget(spin)
            if table is self.bands:
                hint = QLabel("Double-click a colour to choose it; right-click a cell of the matrix "
                              "to colour that cell by hand.", page)
                hint.setWordWrap(True)
                row.addWidget(hint, 1)
            row.addStretch(1)
            column.addLayout(row)
            column.addWidget(table, 1)
            tabs.addTab(page, title)
        page = QWidget(tabs)
        column = QVBoxLayout(page)
        column.addWidget(QLabel("What each impact level means in each category, lowest level first:", page))
        column.addWidget(self.criteria, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_category)
        buttons.addWidget(self.remove_category)
        buttons.addStretch(1)
        column.addLayout(buttons)
        tabs.addTab(page, "&Criteria")
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.setChildrenCollapsible(False)
        body.addWidget(tabs)
        holder = QWidget(body)
        right = QVBoxLayout(holder)
        right.setContentsMargins(0, 0, 0, 0)
        self.matrix_title = QLabel(self)
        right.addWidget(self.matrix_title)
        right.addWidget(self.matrix, 1)
        body.addWidget(holder)
        body.setStretchFactor(0, 4)
        body.setStretchFactor(1, 5)
        for table in (self.likelihood, self.impact, self.bands, self.criteria):
            table.setMinimumWidth(240)  # the splitter may narrow the tables: they scroll
            table.horizontalHeader().setDefaultSectionSize(88)
        for table in (self.likelihood, self.impact):
            table.setColumnWidth(1, 52)  # "Scores": a number
        body.setSizes([440, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(named)
        layout.addWidget(body, 1)
        layout.addWidget(self.problems)

    # -- the scheme in and out ------------------------------------------------------

    def set_scheme(self, scheme: ScoringScheme) -> None:
        """Show a scheme in every box."""
        self._filling = True
        try:
            self.name.setText(scheme.name)
            self.axis.setCurrentIndex(max(0, self.axis.findData(scheme.vertical_axis)))
            for spin, count in ((self.likelihood_count, len(scheme.likelihood)),
                                (self.impact_count, len(scheme.impact)), (self.band_count, len(scheme.bands))):
                spin.setValue(count)
            fill_levels(self.likelihood, scheme.likelihood, likelihood=True)
            fill_levels(self.impact, scheme.impact, likelihood=False)
            fill_bands(self.bands, scheme.bands)
            fill_criteria(self.criteria, scheme.criteria, len(scheme.impact))
            self._overrides = dict(scheme.cell_overrides)
        finally:
            self._filling = False
        self._edited()

    def read(self) -> tuple[ScoringScheme | None, list[str]]:
        """The scheme the boxes describe (None when a box cannot be read) and every problem with it."""
        try:
            scheme = read_scheme(self.name.text(), self.likelihood, self.impact, self.bands, self.criteria,
                                 self._overrides, str(self.axis.currentData() or ""))
        except ReadProblems as problems:
            return None, problems.sentences
        return scheme, scheme.problems()

    def scheme(self) -> ScoringScheme:
        """The last sound scheme shown (the one the user sees in the matrix)."""
        return self._last_good

    def problem(self) -> str | None:
        """The first problem, as a sentence, or None when the scheme is sound."""
        _scheme, problems = self.read()
        return problems[0] if problems else None

    # -- reacting ----------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if self._filling:
            return
        self._filling = True
        try:
            for row in range(self.bands.rowCount()):
                item = self.bands.item(row, 3)
                colour = QColor(item.text().strip()) if item is not None else QColor()
                if item is not None and colour.isValid():
                    item.setBackground(QBrush(colour))
                    item.setForeground(QBrush(text_on(colour.name())))
        finally:
            self._filling = False
        scheme, problems = self.read()
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            self.problems.setText(f"{problems[0]}{more}.")
        else:
            self.problems.setText("")
        if scheme is not None and not problems:
            self._last_good = scheme
            fill_matrix(self.matrix, scheme)
            side, across = ("impact", "likelihood") if impact_vertical(scheme) else ("likelihood", "impact")
            self.matrix_title.setText(f"<b>The matrix</b>: {side} down the side, {across} along the top")
            self.matrix.setEnabled(True)
        else:
            self.matrix.setEnabled(False)  # the last sound matrix stays, greyed, until it is sound again
        self.changed.emit()

    def _start_from_preset(self, index: int) -> None:
        name = self.start.itemData(index)
        if name:
            self.set_scheme(preset(name))
        self.start.setCurrentIndex(0)

    def _likelihood_resized(self, count: int) -> None:
        if not self._filling:
            resize_levels(self.likelihood, count, likelihood=True)
            self._stretch_top_band()

    def _impact_resized(self, count: int) -> None:
        if not self._filling:
            resize_levels(self.impact, count, likelihood=False)
            resize_criteria(self.criteria, count)
            self._stretch_top_band()

    def _bands_resized(self, count: int) -> None:
        if not self._filling:
            resize_bands(self.bands, count, self._top_score())

    def _top_score(self) -> int:
        def top_value(table: QTableWidget) -> int:
            item = table.item(table.rowCount() - 1, 1)
            return int(item.text()) if item is not None and item.text().strip().isdigit() else table.rowCount()
        return top_value(self.likelihood) * top_value(self.impact)

    def _stretch_top_band(self) -> None:
        """New levels make new scores: the bands close their gaps and reach the top, so every cell has a band."""
        self._overrides = {cell: band for cell, band in self._overrides.items()
                           if cell[0] <= self.likelihood.rowCount() and cell[1] <= self.impact.rowCount()}
        close_band_gaps(self.bands, self._top_score())
        self._edited()

    def _choose_colour(self, row: int, column: int) -> None:
        if column != 3 or self.read_only:
            return
        item = self.bands.item(row, 3)
        chosen = QColorDialog.getColor(QColor(item.text()) if item else QColor("#ffffff"), self, "Band colour")
        if chosen.isValid() and item is not None:
            item.setText(chosen.name())

    def _add_category(self) -> None:
        row = self.criteria.rowCount()
        self.criteria.insertRow(row)
        item = QTableWidgetItem("New category")
        self.criteria.setItem(row, 0, item)
        self.criteria.editItem(item)

    def _remove_category(self) -> None:
        row = self.criteria.currentRow()
        if row >= 0:
            self.criteria.removeRow(row)
            self._edited()

    def _cell_menu(self, point: QPoint) -> None:
        item = self.matrix.itemAt(point)
        if item is None or self.read_only:
            return
        likelihood, impact = item.data(Qt.ItemDataRole.UserRole)
        cell = (int(likelihood), int(impact))
        menu = QMenu(self)
        menu.addAction("Colour by its score", partial(self.set_override, cell, None))
        for band in self._last_good.bands:
            menu.addAction(f"Always {band.name}", partial(self.set_override, cell, band.name))
        menu.exec(self.matrix.viewport().mapToGlobal(point))

    def set_override(self, cell: tuple[int, int], band: str | None) -> None:
        """Colour one cell (likelihood, impact) by hand with a band, or by its score again (None)."""
        if band is None:
            self._overrides.pop(cell, None)
        else:
            self._overrides[cell] = band
        self._edited()

    # -- scheme files ------------------------------------------------------------------

    def _open_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Open a scheme file", str(Path.home()), SCHEME_FILTER)
        if chosen:
            self.load_file(Path(chosen))

    def load_file(self, path: Path) -> bool:
        """Show the scheme in a scheme file (or a riskdesk export); a bad file is said under the boxes."""
        try:
            self.set_scheme(read_scheme_file(path))
        except SchemeFileError as error:
            self.problems.setText(f"{error} Nothing was changed.")
            return False
        return True

    def _save_file(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the scheme as a file",
                                                str(Path.home() / f"{self._last_good.name}.json"), SCHEME_FILTER)
        if chosen:
            self.save_file(Path(chosen if chosen.endswith(".json") else chosen + ".json"))

    def save_file(self, path: Path) -> bool:
        """Write the sound scheme shown to a scheme file."""
        try:
            write_scheme_file(self._last_good, path)
        except OSError as error:
            self.problems.setText(f"{path.name} could not be written ({error.strerror or error}).")
            return False
        self.problems.setText(f"Saved the scheme to {path.name}.")
        return True
