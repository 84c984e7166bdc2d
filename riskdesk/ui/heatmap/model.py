"""The Qt table model over a heat-map grid: one item per likelihood x impact cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from riskdesk.core.grid import Cell, Grid, describe_cell
from riskdesk.ui.heatmap.painting import cell_references
from riskdesk.ui.heatmap.palette import PaletteMode, band_colours
from riskdesk.ui.mime import RISK_IDS_MIME, ids_to_mime

CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # the Cell object
RISK_IDS_ROLE = Qt.ItemDataRole.UserRole + 2  # set[str] of the risk ids in the cell
SCORES_ROLE = Qt.ItemDataRole.UserRole + 3  # (likelihood, impact)
BAND_ROLE = Qt.ItemDataRole.UserRole + 4  # the band's name

AnyIndex = QModelIndex | QPersistentModelIndex



def risk_tooltip(cell: Cell) -> str:
    """Reference, title and owner of each risk in a cell, under the cell's caption."""
    head = f"Score {cell.score}, {cell.band.name}"
    if not cell.risks:
        return f"{head}. No risks here."
    lines = [f"{risk.reference}: {risk.title}" + (f" ({risk.owner})" if risk.owner else "") for risk in cell.risks]
    return head + "\n" + "\n".join(lines)


class HeatMapModel(QAbstractTableModel):
    """Cells of a grid as table items, with text, sentences, colours and drag data."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._grid: Grid | None = None
        self._mode = PaletteMode.SCHEME
        self.highlighted_id: str | None = None
        self._references: dict[tuple[int, int], list[str]] = {}
        self._base_references: dict[tuple[int, int], list[str]] = {}

    @property
    def grid(self) -> Grid | None:
        """The grid shown, if any."""
        return self._grid

    @property
    def mode(self) -> PaletteMode:
        """The colour mode."""
        return self._mode

    def set_grid(self, grid: Grid | None) -> None:
        """Show another grid (a new register, view or layout)."""
        self.beginResetModel()
        self._grid = grid
        # The references each cell lays out, read once per grid rather than per paint.
        self._base_references = {key: cell_references(cell) for key, cell in grid.cells.items()} if grid else {}
        self._put_highlighted_first()
        self.endResetModel()

    def set_mode(self, mode: PaletteMode) -> None:
        """Change the colours; the layout stays."""
        self._mode = mode
        self._refresh_all([Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole])

    def set_highlighted(self, risk_id: str | None) -> None:
        """Mark the risk selected elsewhere."""
        self.highlighted_id = risk_id
        self._put_highlighted_first()
        self._refresh_all([Qt.ItemDataRole.DisplayRole])

    def _put_highlighted_first(self) -> None:
        # A crowded cell shows only its first references and "+N more": the selected risk
        # leads its cell's list so that it is never among the hidden ones.
        # Only the selected risk's cell differs from the lists read once per grid.
        self._references = dict(self._base_references)
        if self._grid is None or self.highlighted_id is None:
            return
        for key, cell in self._grid.cells.items():
            for risk in cell.risks:
                if risk.id == self.highlighted_id:
                    rest = [r.reference for r in cell.risks if r.id != risk.id]
                    self._references[key] = [risk.reference, *rest][: len(self._base_references[key]) or 1]
                    return

    def _refresh_all(self, roles: list[Qt.ItemDataRole]) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1), roles)

    def cell(self, index: AnyIndex) -> Cell | None:
        """The cell of an index."""
        if self._grid is None or not index.isValid():
            return None
        return self._grid.cell_at(index.row(), index.column())

    def laid_out_references(self, cell: Cell) -> list[str]:
        """The first references of a cell, as painting lays them out."""
        found = self._references.get((cell.likelihood, cell.impact))
        return cell_references(cell) if found is None else found

    def index_of_scores(self, likelihood: int, impact: int) -> QModelIndex:
        """The index where a likelihood and impact are drawn."""
        if self._grid is None:
            return QModelIndex()
        row, column = self._grid.scores_to_position(likelihood, impact)
        return self.index(row, column)

    # -- Qt overrides ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._grid is None:
            return 0
        return self._grid.row_count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._grid is None:
            return 0
        return self._grid.column_count

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None or self._grid is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.StatusTipRole):
            return describe_cell(cell, self._grid.scheme)
        if role == Qt.ItemDataRole.ToolTipRole:
            return risk_tooltip(cell)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = band_colours(self._mode, self._grid.scheme, cell.band)
            return QBrush(colours.fill if role == Qt.ItemDataRole.BackgroundRole else colours.text)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == CELL_ROLE:
            return cell
        if role == RISK_IDS_ROLE:
            return cell.risk_ids
        if role == SCORES_ROLE:
            return (cell.likelihood, cell.impact)
        if role == BAND_ROLE:
            return cell.band.name
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._grid is None:
            return None
        vertical = orientation == Qt.Orientation.Vertical
        count = self._grid.row_count if vertical else self._grid.column_count
        if not 0 <= section < count:
            return None
        level = self._grid.row_level(section) if vertical else self._grid.column_level(section)
        scale = self._grid.vertical_title if vertical else self._grid.horizontal_title
        if role == Qt.ItemDataRole.DisplayRole:
            return level.caption
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{scale} {level.caption}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{scale} {level.caption}" + (f": {level.description}" if level.description else "")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)

    def mimeTypes(self) -> list[str]:
        return [RISK_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[str] = []
        for index in indexes:
            cell = self.cell(index)
            if cell is not None:
                ids.extend(risk.id for risk in cell.risks)
        return ids_to_mime(ids)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction
