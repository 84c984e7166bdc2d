"""The heat-map panel: view switch, matrix, legend, menus and the contract the main window uses."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QSizePolicy,
    QSpacerItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.grid import Grid, build_grid, impact_vertical
from riskdesk.core.model import Risk, Score, ScoreKind
from riskdesk.core.scheme import ScoringScheme
from riskdesk.ui.heatmap.axis import AxisTitle
from riskdesk.ui.heatmap.legend import HeatMapLegend
from riskdesk.ui.heatmap.model import CELL_ROLE, HeatMapModel
from riskdesk.ui.heatmap.output import MatrixOutput
from riskdesk.ui.heatmap.painting import KIND_TITLES
from riskdesk.ui.heatmap.palette import PALETTE_NAMES, PaletteMode
from riskdesk.ui.heatmap.rescore_dialog import RescoreDialog
from riskdesk.ui.heatmap.view import HeatMapView
from riskdesk.ui.mime import ids_from_mime

DialogFactory = Callable[[ScoringScheme, list[tuple[Risk, Score | None]], str, Score, QWidget], RescoreDialog]


NO_PATH = "Select a risk in the table to see its path from inherent to residual to target."


def _value(score: Score | None, scheme: ScoringScheme | None) -> str:
    if score is None:
        return "not scored"
    return str(scheme.value_of(score) if scheme is not None else score.value)


class HeatMapPanel(MatrixOutput, QWidget):
    """Likelihood x impact matrix of a register's risks that filters, re-scores, exports and prints."""

    filterChanged = Signal(object)
    rescoreRequested = Signal(str, str, int, int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatMapPanel")
        self._scheme: ScoringScheme | None = None
        self._axes = ""
        self._risks: list[Risk] = []
        self._by_id: dict[str, Risk] = {}
        self._trails: dict[str, list[Score]] = {}
        self._kind = ScoreKind.RESIDUAL
        self._transposed = False
        self._highlighted: str | None = None
        self._quiet = False
        self.register_name = ""
        self.period_label = ""
        self.dialog_factory: DialogFactory = RescoreDialog

        self._model = HeatMapModel(self)
        self._view = HeatMapView(self)
        self._view.setModel(self._model)
        self._legend = HeatMapLegend(self)
        self._vertical_title = AxisTitle(True, self)
        self._horizontal_title = AxisTitle(False, self)
        self._build_actions()
        self._build_layout()

        self._view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._view.risksDropped.connect(self._queue_drop)
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._view.customContextMenuRequested.connect(self._show_menu)
        self._view.contextMenuAt.connect(self._show_menu)
        self._view.copyRequested.connect(self.copy_image)
        self._legend.bandClicked.connect(self.select_band)

    # -- building ------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.filter_action = QAction("Filter to this cell", self)
        self.filter_action.triggered.connect(self.filter_to_current)
        self.clear_action = QAction("Clear filter", self)
        self.clear_action.triggered.connect(self.clear_filter)
        self.kind_group = QActionGroup(self)
        self.kind_actions: dict[ScoreKind, QAction] = {}
        for kind in ScoreKind:
            action = QAction(f"View {kind.value}", self, checkable=True)
            action.setChecked(kind == self._kind)
            action.triggered.connect(lambda _checked=False, k=kind: self.set_kind(k))
            self.kind_group.addAction(action)
            self.kind_actions[kind] = action
        self.transpose_action = QAction("Transpose", self, checkable=True)
        self.transpose_action.setToolTip("Swap the axes: impact down the side, likelihood along the bottom")
        self.transpose_action.toggled.connect(self.set_transposed)
        self.palette_group = QActionGroup(self)
        self.palette_actions: dict[PaletteMode, QAction] = {}
        for mode in PaletteMode:
            action = QAction(PALETTE_NAMES[mode], self, checkable=True)
            action.setChecked(mode == PaletteMode.SCHEME)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_palette_mode(m))
            self.palette_group.addAction(action)
            self.palette_actions[mode] = action
        self.copy_action = QAction("Copy as image", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        # The window's own Copy keeps the shortcut; the view asks for Ctrl+C itself
        # while it has the focus (see HeatMapView.event), so there is no clash.
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_image)
        self.png_action = QAction("Export PNG...", self)
        self.png_action.triggered.connect(lambda: self.export_png())
        self.svg_action = QAction("Export SVG...", self)
        self.svg_action.triggered.connect(lambda: self.export_svg())
        self.print_action = QAction("Print...", self)
        self.print_action.triggered.connect(self.print_matrix)

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.setSpacing(0)
        self.kind_buttons = QButtonGroup(self)
        self.kind_buttons.setExclusive(True)
        self.kind_button: dict[ScoreKind, QToolButton] = {}
        for kind in ScoreKind:
            button = QToolButton(self)
            button.setObjectName(f"heatMap{kind.value.capitalize()}")
            button.setText(kind.value.capitalize())
            button.setCheckable(True)
            button.setChecked(kind == self._kind)
            button.setToolTip(f"Show each risk at its {kind.value} score")
            button.clicked.connect(lambda _checked=False, k=kind: self.set_kind(k))
            self.kind_buttons.addButton(button)
            self.kind_button[kind] = button
            bar.addWidget(button)
        self._bar_gaps = [QSpacerItem(12, 0), QSpacerItem(12, 0)]
        bar.addItem(self._bar_gaps[0])
        self.transpose_button = QToolButton(self)
        self.transpose_button.setObjectName("heatMapTranspose")
        self.transpose_button.setDefaultAction(self.transpose_action)
        self.transpose_button.setText("Transpose")
        bar.addWidget(self.transpose_button)
        bar.addItem(self._bar_gaps[1])
        self.palette_box = QComboBox(self)
        self.palette_box.setObjectName("heatMapPalette")
        self.palette_box.setAccessibleName("Colours")
        for mode in PaletteMode:
            self.palette_box.addItem(PALETTE_NAMES[mode], mode.value)
        self.palette_box.currentIndexChanged.connect(
            lambda i: self.set_palette_mode(PaletteMode(self.palette_box.itemData(i))))
        self.colours_label = QLabel("&Colours:", self)
        self.colours_label.setBuddy(self.palette_box)
        bar.addWidget(self.colours_label)
        bar.addWidget(self.palette_box)
        # When the panel is too narrow for Transpose and Colours, they move into this menu.
        self.view_menu = QMenu("View", self)
        self.view_menu.addAction(self.transpose_action)
        colours_menu = self.view_menu.addMenu("Colours")
        for action in self.palette_actions.values():
            colours_menu.addAction(action)
        self.view_button = QToolButton(self)
        self.view_button.setObjectName("heatMapViewMenu")
        self.view_button.setText("⋯ View")
        self.view_button.setToolTip("Transpose and colours")
        self.view_button.setAccessibleName("View options: transpose and colours")
        self.view_button.setMenu(self.view_menu)
        self.view_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.view_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.view_button.hide()
        bar.addSpacing(6)
        bar.addWidget(self.view_button)
        bar.addStretch(1)
        self._bar = bar
        self._folded = -1
        # The caption sits on its own line and may wrap, so a long register name
        # never forces the panel (and the window) wider than the screen.
        self.caption = QLabel(self)
        self.caption.setObjectName("heatMapCaption")
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        grid = QGridLayout()
        grid.setSpacing(2)
        grid.addWidget(self._vertical_title, 0, 0)
        grid.addWidget(self._view, 0, 1)
        grid.addWidget(self._horizontal_title, 1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        # The toolbar folds into the View menu when narrow (see fit_toolbar): let the
        # splitter make the panel narrower than the full toolbar rather than widen the window.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumWidth(260)
        outer.addLayout(bar)
        outer.addWidget(self.caption)
        outer.addLayout(grid, 1)
        self.path_note = QLabel(self)
        self.path_note.setObjectName("heatMapPathNote")
        self.path_note.setText(NO_PATH)
        self.path_note.setWordWrap(True)
        self.path_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        outer.addWidget(self._legend)
        outer.addWidget(self.path_note)
        self._view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def fit_toolbar(self, width: int | None = None) -> int:
        """Fold the toolbar into the View menu as room runs short: first Colours, then
        Transpose too. Returns how many of the two are folded (0, 1 or 2)."""
        room = (self.contentsRect().width() if width is None else width) - 8
        kinds = sum(button.sizeHint().width() for button in self.kind_button.values())
        transpose = self.transpose_button.sizeHint().width()
        colours = self.colours_label.sizeHint().width() + self.palette_box.sizeHint().width()
        menu = self.view_button.sizeHint().width() + 6
        if kinds + 12 + transpose + 12 + colours <= room:
            folded = 0
        elif kinds + 12 + transpose + menu <= room:
            folded = 1
        else:
            folded = 2
        if folded != self._folded:
            self._folded = folded
            self.colours_label.setVisible(folded == 0)
            self.palette_box.setVisible(folded == 0)
            self.transpose_button.setVisible(folded < 2)
            self._bar_gaps[0].changeSize(12 if folded < 2 else 0, 0)
            self._bar_gaps[1].changeSize(12 if folded == 0 else 0, 0)
            self.view_button.setVisible(folded > 0)
            self._bar.invalidate()
            # The layout has placed the toolbar for this size already: place it again now.
            outer = self.layout()
            if outer is not None:
                outer.activate()
        return folded

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fit_toolbar(event.size().width())
        super().resizeEvent(event)

    # -- the contract ------------------------------------------------------------------

    def view(self) -> HeatMapView:
        """The matrix itself (objectName "heatMap")."""
        return self._view

    def heat_model(self) -> HeatMapModel:
        """The table model under the view."""
        return self._model

    def legend(self) -> HeatMapLegend:
        """The legend under the matrix."""
        return self._legend

    @property
    def grid(self) -> Grid | None:
        """The grid shown now."""
        return self._model.grid

    @property
    def kind(self) -> ScoreKind:
        """Which score places the risks."""
        return self._kind

    @property
    def transposed(self) -> bool:
        """True when impact runs down the side."""
        return self._transposed

    @property
    def palette_mode(self) -> PaletteMode:
        """The colour mode."""
        return self._model.mode

    def set_data(self, scheme: ScoringScheme, risks: list[Risk],
                 trails: dict[str, list[Score]] | None = None, axes: str = "") -> None:
        """Show the risks of a register (and those beneath it), with past residual scores per risk.

        `axes` is the file's `matrix_axes` setting ("impact" or "likelihood" down the side, "" for
        the scheme's usual way), the same one the printed matrices follow.
        """
        if self._scheme is None or scheme != self._scheme or axes != self._axes:
            # A new file (or a changed scheme or axes setting) starts in the orientation its printed
            # matrices use: as the file says, else impact down the side for L/M/H, likelihood for
            # 5x5, or as the scheme says. The user's toggle then holds.
            self._axes = axes
            self._transposed = impact_vertical(scheme, axes)
            self.transpose_action.blockSignals(True)
            self.transpose_action.setChecked(self._transposed)
            self.transpose_action.blockSignals(False)
        self._scheme = scheme
        self._risks = list(risks)
        self._by_id = {risk.id: risk for risk in self._risks}
        self._trails = dict(trails or {})
        self._rebuild()

    def set_titles(self, register_name: str, period_label: str = "") -> None:
        """Name the register and period for the caption, exports and prints."""
        self.register_name = register_name
        self.period_label = period_label
        self._update_caption()

    def set_appetite(self, limit: int | None, level: str = "") -> None:
        """Draw the register's appetite line on the matrix: cells above `limit` lie beyond it."""
        caption = f"{level} appetite: scores up to {limit}" if limit is not None else ""
        self._view.set_appetite_line(limit, caption)
        self._appetite_caption = caption
        self.highlight_risk(self._highlighted)

    def highlight_risk(self, risk_id: str | None) -> None:
        """Mark a risk and draw its path inherent -> residual -> target, and its past residual scores."""
        risk = self._by_id.get(risk_id) if risk_id else None
        self._highlighted = risk.id if risk else None
        self._model.set_highlighted(self._highlighted)
        appetite = getattr(self, "_appetite_caption", "")
        appetite_note = f" Heavy dashed line: {appetite}." if appetite else ""
        if risk is None:
            self._view.set_path(None, None, None, [])
            self.path_note.setText(NO_PATH + appetite_note)
            return
        trail = self._trails.get(risk.id, [])
        self._view.set_path(risk.inherent, risk.residual, risk.target, trail)
        scheme = self._scheme
        note = (f"{risk.reference}: I inherent {_value(risk.inherent, scheme)} → R residual "
                f"{_value(risk.residual, scheme)} → T target {_value(risk.target, scheme)}")
        if trail:
            past = ", ".join(_value(s, scheme) for s in trail)
            note += f"; dashed line: residual over the last {len(trail)} periods ({past})"
        self.path_note.setText(note + ("." + appetite_note if appetite_note else ""))

    def selected_ids(self) -> set[str] | None:
        """The risk ids of the selected cells, or None when no cell is selected."""
        indexes = self._view.selectionModel().selectedIndexes()
        if not indexes:
            return None
        ids: set[str] = set()
        for index in indexes:
            ids |= index.data(CELL_ROLE).risk_ids
        return ids

    # -- views and colours ----------------------------------------------------------------

    def set_kind(self, kind: ScoreKind | str) -> None:
        """Place risks by their inherent, residual or target score."""
        self._kind = ScoreKind(kind)
        self.kind_button[self._kind].setChecked(True)
        self.kind_actions[self._kind].setChecked(True)
        self._rebuild()

    def set_transposed(self, transposed: bool) -> None:
        """Put impact (True) or likelihood (False) down the side."""
        if transposed == self._transposed:
            return
        self._transposed = transposed
        self.transpose_action.setChecked(transposed)
        self._rebuild()

    def set_palette_mode(self, mode: PaletteMode | str) -> None:
        """Scheme colours, colour-blind safe or high contrast."""
        chosen = PaletteMode(mode)
        self._model.set_mode(chosen)
        self.palette_actions[chosen].setChecked(True)
        self.palette_box.setCurrentIndex(list(PaletteMode).index(chosen))
        self._legend.set_grid(self.grid, chosen)

    def _rebuild(self) -> None:
        if self._scheme is None:
            return
        before = [index.data(Qt.ItemDataRole.UserRole + 3) for index in self._view.selectionModel().selectedIndexes()]
        current = self._view.currentIndex().data(Qt.ItemDataRole.UserRole + 3)
        old_ids = self.selected_ids()
        self._quiet = True
        try:
            self._model.set_grid(build_grid(self._scheme, self._risks, self._kind, self._transposed))
            self._select_scores(before, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if current is not None:
                self._view.selectionModel().setCurrentIndex(
                    self._model.index_of_scores(*current), QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._quiet = False
        grid = self.grid
        assert grid is not None
        self._view.fit_headers()
        self._vertical_title.set_text(grid.vertical_title)
        self._horizontal_title.set_text(grid.horizontal_title)
        self._legend.set_grid(grid, self._model.mode)
        self._update_caption()
        self.highlight_risk(self._highlighted)
        new_ids = self.selected_ids()
        if new_ids != old_ids:
            self.filterChanged.emit(new_ids)

    def _update_caption(self) -> None:
        self.caption.setText(self.title())

    def title(self) -> str:
        """e.g. "Strategic Risk Register · Q1 2024/25 · Residual (current) risk"."""
        parts = [self.register_name or "Risk matrix"]
        if self.period_label:
            parts.append(self.period_label)
        parts.append(KIND_TITLES[self._kind.value])
        return " · ".join(parts)

    # -- selecting and filtering ---------------------------------------------------------

    def _selection_changed(self, *_args: object) -> None:
        if not self._quiet:
            self.filterChanged.emit(self.selected_ids())

    def _select_scores(self, scores: list[tuple[int, int]], flag: QItemSelectionModel.SelectionFlag) -> None:
        selection = QItemSelection()
        for likelihood, impact in scores:
            index = self._model.index_of_scores(likelihood, impact)
            if index.isValid():
                selection.select(index, index)
        self._view.selectionModel().select(selection, flag)

    def select_cells(self, scores: list[tuple[int, int]]) -> None:
        """Select cells by (likelihood, impact); the table is filtered to their risks."""
        if scores:
            self._select_scores(scores, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        else:
            self.clear_filter()

    def select_band(self, band_name: str) -> None:
        """Select every cell of a band."""
        if self.grid is not None:
            self.select_cells([(c.likelihood, c.impact) for c in self.grid.cells_in_band(band_name)])

    def filter_to_current(self) -> None:
        """Select only the current cell."""
        index = self._view.currentIndex()
        if index.isValid():
            self._view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def clear_filter(self) -> None:
        """Select no cell; the table shows every risk again."""
        self._view.clearSelection()

    # -- re-scoring by drag and drop --------------------------------------------------------

    def _queue_drop(self, risk_ids: list[str], row: int, column: int) -> None:
        # Ask the reason once the drop has finished, not inside it.
        QTimer.singleShot(0, lambda: self.handle_drop(risk_ids, row, column))

    def handle_drop(self, dropped: QMimeData | list[str], row: int, column: int) -> int:
        """Risks dropped on a cell: ask the reason, then ask for each to be re-scored. Returns how many."""
        ids = ids_from_mime(dropped) if isinstance(dropped, QMimeData) else list(dropped)
        grid = self.grid
        if grid is None or not 0 <= row < grid.row_count or not 0 <= column < grid.column_count:
            return 0
        likelihood, impact = grid.position_to_scores(row, column)
        return self.request_rescore(ids, likelihood, impact)

    def request_rescore(self, risk_ids: list[str], likelihood: int, impact: int) -> int:
        """Ask the reason for moving risks to a cell; on OK emit rescoreRequested for each that moves."""
        if self._scheme is None:
            return 0
        new = Score(likelihood, impact)
        moves = [(risk, risk.score(self._kind)) for risk in (self._by_id.get(i) for i in risk_ids)
                 if risk is not None and risk.score(self._kind) != new]
        if not moves:
            return 0
        dialog = self.dialog_factory(self._scheme, moves, self._kind.value, new, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
            reason = dialog.reason()
        finally:
            dialog.deleteLater()
        for risk, _old in moves:
            self.rescoreRequested.emit(risk.id, self._kind.value, likelihood, impact, reason)
        return len(moves)

    # -- menu, export, print --------------------------------------------------------------

    def context_menu(self, index_valid: bool = True) -> QMenu:
        """Every heat-map action in one menu."""
        menu = QMenu(self)
        self.filter_action.setEnabled(index_valid)
        menu.addAction(self.filter_action)
        menu.addAction(self.clear_action)
        menu.addSeparator()
        for action in self.kind_actions.values():
            menu.addAction(action)
        menu.addAction(self.transpose_action)
        palette_menu = menu.addMenu("Colours")
        for action in self.palette_actions.values():
            palette_menu.addAction(action)
        menu.addSeparator()
        for action in (self.copy_action, self.png_action, self.svg_action, self.print_action):
            menu.addAction(action)
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        index = self._view.indexAt(pos)
        if index.isValid():
            self._view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        menu = self.context_menu(index.isValid())
        menu.exec(self._view.viewport().mapToGlobal(pos))
        menu.deleteLater()
