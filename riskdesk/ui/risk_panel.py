"""The centre of the window: search box, filters and the risk table view."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.changes import OpChanges
from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import NOT_SET, Risk, RiskStatus
from riskdesk.ui.risk_table import (
    DIRECTION,
    HEADERS,
    REFERENCE,
    RISK_ROLE,
    SCORE,
    TITLE,
    RiskFilterModel,
    RiskTableModel,
)
from riskdesk.ui.settings import app_settings
from riskdesk.ui.shown import Shown, touches_risks

ANY = "Any"


TITLE_MIN = 180


class RiskTableView(QTableView):
    """The risk table; rows can be dragged out to the heat map or the register tree."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("riskTable")
        self.setAccessibleName("Risks")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the table for the next control; the arrows move between cells.
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)

    def fit_title(self) -> None:
        """Give the title the room the other shown columns leave, at least TITLE_MIN pixels."""
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != TITLE and not header.isSectionHidden(c))
        width = max(TITLE_MIN, self.viewport().width() - others)
        if header.sectionSize(TITLE) != width:
            header.blockSignals(True)
            header.resizeSection(TITLE, width)
            header.blockSignals(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_title()

    def column_menu(self) -> QMenu:
        """A menu with one check box per column to show or hide it."""
        menu = QMenu("&Columns", self)
        header = self.horizontalHeader()
        for column, name in enumerate(HEADERS):
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != REFERENCE)
            action.toggled.connect(lambda shown, c=column: self.set_column_shown(c, shown))
        menu.aboutToShow.connect(lambda: self._tick_shown(menu))
        return menu

    def _tick_shown(self, menu: QMenu) -> None:
        """Tick the columns shown now (a column may have been hidden from another menu since)."""
        header = self.horizontalHeader()
        for column, action in enumerate(menu.actions()):
            action.blockSignals(True)
            action.setChecked(not header.isSectionHidden(column))
            action.blockSignals(False)

    def set_column_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column and remember the choice."""
        self.horizontalHeader().setSectionHidden(column, not shown)
        self.save_columns()

    def _header_menu(self, position: QPoint) -> None:
        self.column_menu().exec(self.horizontalHeader().mapToGlobal(position))

    def save_columns(self) -> None:
        """Remember which columns are shown, their order and widths."""
        app_settings().setValue("riskTable/header", self.horizontalHeader().saveState())

    def restore_columns(self) -> None:
        """Put columns back as the user left them."""
        state = app_settings().value("riskTable/header")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.horizontalHeader().restoreState(state)
        else:
            header = self.horizontalHeader()
            for column, width in enumerate((64, 300, 160, 105, 75, 100, 100, 90)):
                header.resizeSection(column, width)
            # What a reader scans first sits next to the title: the score and its direction.
            header.moveSection(header.visualIndex(SCORE), 2)
            header.moveSection(header.visualIndex(DIRECTION), 3)
        # The title takes what is left, but never squeezes the score off a narrow table.
        self.horizontalHeader().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
        self.fit_title()
        self.horizontalHeader().sectionMoved.connect(lambda *_: self.save_columns())
        self.horizontalHeader().sectionResized.connect(lambda *_: self.save_columns())


class RiskPanel(QWidget):
    """Search, filters and the table, over one model and one proxy."""

    currentRiskChanged = Signal(object)  # Risk or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._shown: Shown | None = None
        self.model = RiskTableModel(self)
        self.proxy = RiskFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("riskSearch")
        self.search.setPlaceholderText("Search reference, title, owner or text (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.status = self._combo("Status", [*(s.value.capitalize() for s in RiskStatus), NOT_SET])
        self.band = self._combo("Band", [])
        self.owner = self._combo("Owner", [])
        self.overdue = QCheckBox("Review overdue", self)
        self.overdue.toggled.connect(self.proxy.set_overdue_only)
        self.status.currentTextChanged.connect(
            lambda text: self.proxy.set_status(None if self.status.currentIndex() <= 0 else text.lower()))
        self.band.currentTextChanged.connect(
            lambda text: self.proxy.set_band(None if self.band.currentIndex() <= 0 else text))
        self.owner.currentTextChanged.connect(
            lambda text: self.proxy.set_owner(None if self.owner.currentIndex() <= 0 else text))
        self.table = RiskTableView(self)
        self.table.setModel(self.proxy)
        self.table.sortByColumn(REFERENCE, Qt.SortOrder.AscendingOrder)
        self.table.restore_columns()
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count = QLabel(self)
        self.proxy.filtered.connect(self._update_count)
        # An edit can show or hide a row; count once afterwards. (The proxy's own
        # rowsRemoved comes once per run of rows: thousands of calls for one keystroke.)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self._update_count)
        self.model.dataChanged.connect(lambda *_: self._count_timer.start(0))
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        # Each filter names itself ("Any status") instead of carrying a label, which
        # keeps the row narrow enough for a small laptop screen.
        filters = QHBoxLayout()
        for widget in (self.status, self.band, self.owner):
            filters.addWidget(widget, 1)
        filters.addWidget(self.overdue)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

    def _combo(self, name: str, items: list[str]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(f"Filter by {name.lower()}")
        combo.setToolTip(f"Show only risks with this {name.lower()}")
        combo.setProperty("anyText", f"{ANY} {name.lower()}")
        combo.addItems([combo.property("anyText"), *items])
        # Long owner titles would otherwise set the width of the whole window;
        # the drop-down list still shows them in full.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(4)
        return combo

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total} risks shown" if shown != total else f"{total} risks")

    def watch(self, shown: Shown) -> None:
        """Show the risks the window has chosen (see op_executed)."""
        self._shown = shown

    def op_executed(self, changes: OpChanges, initiator: object | None) -> None:
        """Redraw the rows an operation changed; all of them when the set of rows or a period moved."""
        shown = self._shown
        document = shown.document if shown is not None else None
        if shown is None or document is None or not touches_risks(changes):
            return
        contents = document.contents
        risks = shown.shown_risks()
        if not changes.reload and not changes.periods and {r.id for r in risks} == self.model.risk_ids():
            of_actions = {a.risk_id for a in contents.actions if a.id in changes.actions}
            self.model.update_risks(changes.risks | of_actions, contents)
        else:
            self.set_risks(risks, contents)

    def set_risks(self, risks: list[Risk], contents: RegisterContents) -> None:
        """Show a new set of risks, keeping the selected one when it is still there."""
        keep = self.current_risk()
        self.model.set_risks(risks, contents)
        self._refill(self.band, [b.name for b in sorted(contents.scheme.bands, key=lambda b: b.low)])
        self._refill(self.owner, sorted({r.owner for r in risks if r.owner}))
        self._update_count()
        if keep is None or not self.select_risk(keep.id):
            self.currentRiskChanged.emit(None)

    def _refill(self, combo: QComboBox, items: list[str]) -> None:
        current = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems([combo.property("anyText"), *items])
        combo.setCurrentIndex(max(0, combo.findText(current)))
        combo.blockSignals(False)
        if combo.currentText() != current:
            combo.currentTextChanged.emit(combo.currentText())

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the search box."""
        self.search.setFocus()
        self.search.selectAll()

    def select_risk(self, risk_id: str) -> bool:
        """Select a risk's row; False when it is not shown."""
        row = self.model.row_of(risk_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def current_risk(self) -> Risk | None:
        """The risk whose row is current."""
        index = self.table.currentIndex()
        risk = index.data(RISK_ROLE) if index.isValid() else None
        return risk if isinstance(risk, Risk) else None

    def selected_risks(self) -> list[Risk]:
        """Every selected risk."""
        rows = self.table.selectionModel().selectedRows()
        return [r for r in (index.data(RISK_ROLE) for index in rows) if isinstance(r, Risk)]

    def _current_changed(self, *_: object) -> None:
        self.currentRiskChanged.emit(self.current_risk())
