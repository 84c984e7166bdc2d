"""The risk table: a model with column constants, and a proxy that sorts and filters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from riskdesk.core.colours import ink_on
from riskdesk.core.contents import RegisterContents
from riskdesk.core.dates import date_short
from riskdesk.core.direction import arrow_for
from riskdesk.core.model import Risk, choice_words
from riskdesk.core.scheme import ScoringScheme
from riskdesk.services.queries import is_review_overdue
from riskdesk.ui.colours import cell_warning_colour
from riskdesk.ui.mime import RISK_IDS_MIME, ids_to_mime

RISK_ROLE = Qt.ItemDataRole.UserRole + 1  # the Risk object
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts as users expect
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # lower-case text the search box matches

REFERENCE, TITLE, OWNER, SCORE, DIRECTION, LAST_REVIEWED, NEXT_REVIEW, ACTIONS, APPETITE = range(9)
HEADERS = ("Ref", "Title", "Risk owner", "Residual score", "Direction", "Last reviewed", "Next review",
           "Open actions", "Appetite")

Index = QModelIndex | QPersistentModelIndex


def score_text(scheme: ScoringScheme, risk: Risk) -> str:
    """The residual score as the seeds print it: "Medium 12"."""
    if risk.residual is None:
        return ""
    band = scheme.band_for(risk.residual.likelihood, risk.residual.impact)
    return f"{band.name} {scheme.value_of(risk.residual)}"


def text_on(colour: str) -> QColor:
    """Black or white, whichever reads better on a band colour (the rule of the papers too)."""
    return QColor(ink_on(QColor(colour).name()))


class RiskTableModel(QAbstractTableModel):
    """One row per risk of the selected registers."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._risks: list[Risk] = []
        self._row_of: dict[str, int] = {}
        self._contents: RegisterContents | None = None
        self._open_actions: dict[str, int] = {}
        self._late_actions: dict[str, int] = {}  # overdue actions per risk
        self._search: list[str] | None = []  # None: not made yet (the first search makes it)
        self._today = date.today()
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- loading --------------------------------------------------------------

    def set_risks(self, risks: list[Risk], contents: RegisterContents) -> None:
        """Show these risks (a new register was selected, or risks came and went)."""
        self.beginResetModel()
        self._contents = contents
        self._risks = list(risks)
        self._count_actions(contents)
        self._today = date.today()
        if self._sort is not None:
            self._risks.sort(key=self._key_function(self._sort[0]),
                             reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self._row_of = {risk.id: row for row, risk in enumerate(self._risks)}
        self._search = None  # made when first searched: the first paint does without
        self.endResetModel()

    def update_risks(self, risk_ids: set[str], contents: RegisterContents) -> None:
        """Refresh the rows of risks that changed in place."""
        self._contents = contents
        self._count_actions(contents)
        fresh = {risk.id: risk for risk in contents.risks if risk.id in risk_ids}
        key = self._key_function(self._sort[0]) if self._sort is not None else None
        moved = False
        for risk_id in risk_ids:
            row = self._row_of.get(risk_id)
            if row is None or risk_id not in fresh:
                continue
            if key is not None and key(self._risks[row]) != key(fresh[risk_id]):
                moved = True
            self._risks[row] = fresh[risk_id]
            if self._search is not None:
                self._search[row] = self._search_text(fresh[risk_id])
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        if moved and self._sort is not None:
            self.sort(*self._sort)

    def refresh_counts(self, contents: RegisterContents) -> None:
        """Recount open actions (they arrive after the first paint)."""
        self._contents = contents
        self._count_actions(contents)
        if self._risks:
            self.dataChanged.emit(self.index(0, ACTIONS), self.index(len(self._risks) - 1, ACTIONS))

    def _count_actions(self, contents: RegisterContents) -> None:
        counts: dict[str, int] = {}
        late: dict[str, int] = {}
        today = date.today()
        for action in contents.actions:
            if action.is_open:
                counts[action.risk_id] = counts.get(action.risk_id, 0) + 1
                if action.is_overdue(today):
                    late[action.risk_id] = late.get(action.risk_id, 0) + 1
        self._open_actions = counts
        self._late_actions = late

    def _search_text(self, risk: Risk) -> str:
        return "\n".join((risk.reference, risk.title, risk.owner, risk.description, risk.period_comment)).lower()

    def risk_ids(self) -> set[str]:
        """Ids of every risk the model holds."""
        return set(self._row_of)

    def row_of(self, risk_id: str) -> int | None:
        """The row of a risk, or None."""
        return self._row_of.get(risk_id)

    def risk_at(self, row: int) -> Risk:
        """The risk shown on a row."""
        return self._risks[row]

    def search_text(self, row: int) -> str:
        """The lower-case text the search box matches on a row."""
        return self.search_texts()[row]

    def rows(self) -> Sequence[Risk]:
        """Every risk in row order (the filter decides all rows in one pass over it)."""
        return self._risks

    def search_texts(self) -> Sequence[str]:
        """The search text of every row, in row order."""
        if self._search is None:
            self._search = [self._search_text(risk) for risk in self._risks]
        return self._search

    def scheme(self) -> ScoringScheme | None:
        """The scoring scheme the rows are shown against (None before the first risks)."""
        return self._contents.scheme if self._contents is not None else None

    def is_overdue(self, row: int) -> bool:
        """True when the row's next review date (from its band's cadence) has passed."""
        if self._contents is None:
            return is_review_overdue(self._risks[row], self._today)
        return self._contents.review_overdue(self._risks[row], self._today)

    def is_above_appetite(self, row: int) -> bool:
        """True when the row's residual score is above the appetite for its risk."""
        return self._contents is not None and self._contents.above_appetite(self._risks[row])

    # -- Qt ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._risks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._contents is None:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._risks):
            return None
        risk = self._risks[row]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(risk, column)
        if role == RISK_ROLE:
            return risk
        if role == SORT_ROLE:
            return self._sort_key(risk, column)
        if role == SEARCH_ROLE:
            return self.search_texts()[row]
        if column == SCORE and risk.residual is not None and role in (
            Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole
        ):
            band = self._contents.scheme.band_for(risk.residual.likelihood, risk.residual.impact)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(band.colour))
            return QBrush(text_on(band.colour))
        if column == NEXT_REVIEW and role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(row):
            return QBrush(cell_warning_colour())
        if column == APPETITE and role == Qt.ItemDataRole.ForegroundRole and self.is_above_appetite(row):
            return QBrush(cell_warning_colour())
        if column == ACTIONS and role == Qt.ItemDataRole.ForegroundRole and self._late_actions.get(risk.id):
            return QBrush(cell_warning_colour())
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DIRECTION:
                return self._contents.live_direction(risk).value
            if column == NEXT_REVIEW and self.is_overdue(row):
                return "Review overdue"
            if column == APPETITE:
                return self._appetite_sentence(risk)
            if column == ACTIONS and self._late_actions.get(risk.id):
                late = self._late_actions[risk.id]
                return f"{late} of the open actions {'is' if late == 1 else 'are'} overdue"
            if column == TITLE:
                return risk.description or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (DIRECTION, ACTIONS):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _display(self, risk: Risk, column: int) -> str:
        assert self._contents is not None
        if column == REFERENCE:
            return risk.reference
        if column == TITLE:
            return risk.title
        if column == OWNER:
            return risk.owner
        if column == SCORE:
            return score_text(self._contents.scheme, risk)
        if column == DIRECTION:
            return arrow_for(self._contents.live_direction(risk), self._contents.settings.arrow_style)
        if column == LAST_REVIEWED:
            return date_short(risk.last_reviewed)
        if column == NEXT_REVIEW:
            return date_short(self._next_review(risk))
        if column == ACTIONS:
            late = self._late_actions.get(risk.id, 0)
            return str(self._open_actions.get(risk.id, 0)) + (f" ({late} overdue)" if late else "")
        if column == APPETITE:
            rules = self._contents.appetite_rules()
            level = rules.level_for(risk)
            return f"Above ({level})" if self._contents.above_appetite(risk) else level
        return ""

    def _next_review(self, risk: Risk) -> date | None:
        assert self._contents is not None
        try:
            return self._contents.cadence_rules().next_review(risk)
        except (KeyError, ValueError):
            return risk.next_review

    def _appetite_sentence(self, risk: Risk) -> str:
        assert self._contents is not None
        rules = self._contents.appetite_rules()
        level, limit = rules.level_for(risk), rules.limit_for(risk)
        if self._contents.above_appetite(risk):
            return f"Above appetite: the residual score is over {limit}, the most a {level} appetite accepts"
        return f"{level} appetite: scores up to {limit} are acceptable"

    def _sort_key(self, risk: Risk, column: int) -> Any:
        assert self._contents is not None  # only asked for rows, which come with contents
        if column == SCORE:
            return self._contents.scheme.value_of(risk.residual) if risk.residual else -1
        if column == ACTIONS:
            return self._open_actions.get(risk.id, 0)
        if column in (LAST_REVIEWED, NEXT_REVIEW):
            # By the date, not its words; risks with no date first.
            return (risk.last_reviewed if column == LAST_REVIEWED else self._next_review(risk)) or date.min
        if column == REFERENCE:
            # "SR 7.10" after "SR 7.9": compare the numbers inside as numbers.
            return _natural(risk.reference)
        return self._display(risk, column).lower()

    def _key_function(self, column: int) -> Any:
        if column == REFERENCE:
            return lambda risk: _natural(risk.reference)
        return lambda risk: self._sort_key(risk, column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorting here in one Python pass is far quicker than the proxy asking
        # for two cells per comparison.
        self._sort = (column, order)
        if not 0 <= column < len(HEADERS) or not self._risks:
            return
        self.layoutAboutToBeChanged.emit()
        key_of = self._key_function(column)  # once, not once per row (10,000 rows at start-up)
        keys = [key_of(risk) for risk in self._risks]
        order_ = sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._risks = [self._risks[row] for row in order_]
        if self._search is not None:
            self._search = [self._search[row] for row in order_]
        self._row_of = {risk.id: row for row, risk in enumerate(self._risks)}
        moved = {old: new for new, old in enumerate(order_)}
        old_indexes = self.persistentIndexList()
        new_indexes = [self.index(moved.get(i.row(), i.row()), i.column()) for i in old_indexes]
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()

    def mimeTypes(self) -> list[str]:
        return [RISK_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[str] = []
        for index in indexes:
            risk_id = self._risks[index.row()].id
            if risk_id not in ids:
                ids.append(risk_id)
        mime = ids_to_mime(ids)
        mime.setText("\n".join(self._risks[self._row_of[i]].reference for i in ids))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction


def _natural(text: str) -> str:
    chunks = text.replace(".", " . ").split()
    return " ".join([chunk.zfill(8) if chunk.isdigit() else chunk.lower() for chunk in chunks])


class RiskFilterModel(QSortFilterProxyModel):
    """Sorts on SORT_ROLE and filters by search text, status, band, owner, overdue and an id set."""

    filtered = Signal()  # once per filter change (rowsRemoved comes once per run of rows)

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._search = ""
        self._status: str | None = None
        self._band: str | None = None
        self._owner: str | None = None
        self._overdue_only = False
        self._ids: set[str] | None = None
        self._accepted: list[bool] | None = None
        self._model: RiskTableModel | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.risk_model().sort(column, order)

    def risk_model(self) -> RiskTableModel:
        """The table model under this proxy."""
        model = self.sourceModel()
        assert isinstance(model, RiskTableModel)
        return model

    def set_search(self, text: str) -> None:
        """Show rows whose reference, title, owner, description or comment contain text."""
        self._search = text.strip().lower()
        self._refilter()

    def set_status(self, status: str | None) -> None:
        """Only risks with this status (None: any)."""
        self._status = status
        self._refilter()

    def set_band(self, band: str | None) -> None:
        """Only risks whose residual score falls in this band (None: any)."""
        self._band = band
        self._refilter()

    def set_owner(self, owner: str | None) -> None:
        """Only risks of this owner (None: any)."""
        self._owner = owner
        self._refilter()

    def set_overdue_only(self, overdue: bool) -> None:
        """Only risks whose next review has passed."""
        self._overdue_only = overdue
        self._refilter()

    def set_risk_id_filter(self, ids: set[str] | None) -> None:
        """Only these risk ids (the heat map's cells); None shows every risk again."""
        self._ids = set(ids) if ids is not None else None
        self._refilter()

    def _refilter(self) -> None:
        # Decide every row in one pass, so Qt's per-row callback is a list lookup.
        self.beginFilterChange()
        self._accepted = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filtered.emit()

    def _decide_all(self) -> list[bool]:
        model = self._model
        if model is None:
            return []
        risks = model.rows()
        search = self._search
        accepted = [search in text for text in model.search_texts()] if search else [True] * len(risks)
        if self._ids is not None:
            ids = self._ids
            accepted = [ok and risk.id in ids for ok, risk in zip(accepted, risks, strict=True)]
        if self._status is not None:
            status = self._status
            accepted = [ok and choice_words(risk.status).lower() == status
                        for ok, risk in zip(accepted, risks, strict=True)]
        if self._owner is not None:
            owner = self._owner
            accepted = [ok and risk.owner == owner for ok, risk in zip(accepted, risks, strict=True)]
        if self._overdue_only:
            accepted = [ok and model.is_overdue(row) for row, ok in enumerate(accepted)]
        scheme = model.scheme()
        if self._band is not None and scheme is not None:
            band = self._band
            accepted = [ok and risk.residual is not None
                        and scheme.band_for(risk.residual.likelihood, risk.residual.impact).name == band
                        for ok, risk in zip(accepted, risks, strict=True)]
        return accepted

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # Qt asks once per row; every decision was made in one pass above.
        accepted = self._accepted
        if accepted is None:
            accepted = self._accepted = self._decide_all()
        return accepted[source_row] if source_row < len(accepted) else True

    def invalidate_decisions(self) -> None:
        """Rows changed underneath: decide again on the next pass."""
        self._accepted = None

    def setSourceModel(self, model: Any) -> None:
        # Connected before the proxy's own handlers so they see fresh decisions.
        for signal in (model.modelAboutToBeReset, model.dataChanged, model.rowsAboutToBeInserted,
                       model.rowsAboutToBeRemoved, model.layoutAboutToBeChanged):
            signal.connect(self.invalidate_decisions)
        self._model = model
        super().setSourceModel(model)
