"""The register tree: a model over the registers with open and high counts, and its view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from riskdesk.core.changes import OpChanges
from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import Register, RiskStatus
from riskdesk.ui.mime import REGISTER_ID_MIME, RISK_IDS_MIME
from riskdesk.ui.register_flag import FLAG_ROLE, FlaggedNameDelegate
from riskdesk.ui.shown import Shown

REGISTER_ROLE = Qt.ItemDataRole.UserRole + 1
NAME, OPEN, HIGH = range(3)
HEADERS = ("Register", "Open", "High")
# Flagged risks show as a flag and count at the end of the name (register_flag), not in a column.

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    register: Register | None
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    open_count: int = 0
    high_count: int = 0
    # Risks above appetite, with a review overdue, or with an overdue action (here and below).
    above_count: int = 0
    late_count: int = 0
    flagged_count: int = 0  # risks with either flag, each counted once

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class RegisterTreeModel(QAbstractItemModel):
    """Registers as a tree; renaming and dropping ask the window to run an operation."""

    renameRequested = Signal(str, str)  # register id, new name
    moveRequested = Signal(str, object)  # register id, new parent id or None
    risksDropped = Signal(list, str)  # risk ids, register id

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._root = _Node(None)
        self._by_id: dict[str, _Node] = {}
        self._versions: dict[str, int] = {}
        self.show_archived = False

    def is_stale(self, contents: RegisterContents) -> bool:
        """True when registers were added, removed or edited since the tree was built."""
        return self._versions != {r.id: r.version for r in contents.registers}

    def set_contents(self, contents: RegisterContents) -> None:
        """Rebuild the tree (registers are few; this is cheap)."""
        self.beginResetModel()
        self._root = _Node(None)
        self._by_id = {}
        self._versions = {r.id: r.version for r in contents.registers}
        registers = [r for r in contents.registers if self.show_archived or not r.archived]
        for register in registers:
            self._by_id[register.id] = _Node(register)
        for register in sorted(registers, key=lambda r: r.position):
            node = self._by_id[register.id]
            parent = self._by_id.get(register.parent_id or "", self._root)
            node.parent = parent
            parent.children.append(node)
        self._count(contents)
        self.endResetModel()

    def update_counts(self, contents: RegisterContents) -> None:
        """Recount open and high risks after risks changed."""
        self._count(contents)
        if self._root.children:
            self._emit_counts(self._root)

    def _emit_counts(self, node: _Node) -> None:
        if node.children:
            first = self.createIndex(0, NAME, node.children[0])
            last = self.createIndex(len(node.children) - 1, HIGH, node.children[-1])
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.DisplayRole, FLAG_ROLE,
                                                Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole])
            for child in node.children:
                self._emit_counts(child)

    def _count(self, contents: RegisterContents) -> None:
        scheme = contents.scheme
        top = max(scheme.bands, key=lambda band: band.low).name
        today = date.today()
        late_actions = {a.risk_id for a in contents.actions if a.is_overdue(today)}
        own: dict[str, list[int]] = {}  # open, high, above appetite, late, flagged
        # Many risks share a score, an appetite and review dates: each answer is worked out once
        # per distinct set (10,000 risks took 25 ms a count, which the window paid before its first paint).
        above_for: dict[tuple[object, ...], bool] = {}
        overdue_for: dict[tuple[object, ...], bool] = {}
        band_of: dict[tuple[int, int] | None, str | None] = {None: None}
        months = contents.cadence_rules().months  # between reviews, by band: with the two dates, all a due date needs
        for risk in contents.risks:
            if risk.archived or risk.status == RiskStatus.CLOSED:
                continue
            # Keyed by plain numbers, dates and texts, which hash in C (a Score's hash is a Python call).
            residual = risk.residual
            cell = None if residual is None else (residual.likelihood, residual.impact)
            if cell in band_of:
                band = band_of[cell]
            else:
                band = band_of[cell] = scheme.band_for(*cell).name  # type: ignore[misc]
            appetite_key = (cell, risk.appetite, risk.category)
            above = above_for.get(appetite_key)
            if above is None:
                above = above_for[appetite_key] = contents.above_appetite(risk)
            review_key = (months.get(band) if band else None, risk.last_reviewed, risk.next_review)
            overdue = overdue_for.get(review_key)
            if overdue is None:
                overdue = overdue_for[review_key] = contents.review_overdue(risk, today)
            late = overdue or risk.id in late_actions
            mine = own.get(risk.register_id)
            if mine is None:
                mine = own[risk.register_id] = [0, 0, 0, 0, 0]
            mine[0] += 1
            mine[1] += band == top
            mine[2] += above
            mine[3] += late
            mine[4] += above or late

        def total(node: _Node) -> tuple[int, ...]:
            mine = own.get(node.register.id) if node.register else None
            counts = tuple(mine) if mine else (0, 0, 0, 0, 0)
            for child in node.children:
                counts = tuple(a + b for a, b in zip(counts, total(child), strict=True))
            (node.open_count, node.high_count, node.above_count, node.late_count,
             node.flagged_count) = counts
            return counts

        total(self._root)

    def index_of(self, register_id: str) -> QModelIndex:
        """The name cell of a register, or an invalid index."""
        node = self._by_id.get(register_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row(), NAME, node)

    def _node(self, index: Index) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            if isinstance(node, _Node):
                return node
        return self._root

    # -- Qt ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if parent.isValid() and parent.column() != NAME:
            return QModelIndex()
        if 0 <= row < len(node.children) and 0 <= column < len(HEADERS):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), NAME, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != NAME:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return ("The flag and number after a name: risks here and below above appetite, or with a "
                    "review or action overdue", "Open risks here and below", "High risks here and below")[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        register = node.register
        if register is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NAME:
                return register.name + (" (archived)" if register.archived and role == Qt.ItemDataRole.DisplayRole
                                        else "")
            return str(node.open_count if column == OPEN else node.high_count)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{register.name}: {node.open_count} open risks, {node.high_count} high, "
                    f"{node.above_count} above appetite, {node.late_count} with a review or action overdue"
                    + (f". Owner: {register.owner}" if register.owner else ""))
        if role == FLAG_ROLE and column == NAME:
            return node.flagged_count
        if role == Qt.ItemDataRole.AccessibleTextRole and column == NAME:
            flagged = (f", {node.flagged_count} flagged: above appetite or overdue" if node.flagged_count
                       else "")
            return f"{register.name}, {node.open_count} open, {node.high_count} high{flagged}"
        if role == REGISTER_ROLE:
            return register
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self._node(index)
        if role != Qt.ItemDataRole.EditRole or index.column() != NAME or node.register is None:
            return False
        name = str(value).strip()
        if not name or name == node.register.name:
            return False
        self.renameRequested.emit(node.register.id, name)
        return False  # the tree refreshes from the operation's changes

    def mimeTypes(self) -> list[str]:
        return [REGISTER_ID_MIME, RISK_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        ids = [self._node(i).register.id for i in indexes if i.column() == NAME and self._node(i).register]  # type: ignore[union-attr]
        mime.setData(REGISTER_ID_MIME, "\n".join(ids).encode("utf-8"))
        return mime

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return data.hasFormat(REGISTER_ID_MIME) or (data.hasFormat(RISK_IDS_MIME) and parent.isValid())

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        target = self._node(parent).register
        if data.hasFormat(REGISTER_ID_MIME):
            for register_id in bytes(data.data(REGISTER_ID_MIME).data()).decode("utf-8").split("\n"):
                if register_id and (target is None or register_id != target.id):
                    self.moveRequested.emit(register_id, target.id if target else None)
            return False  # the operation refreshes the tree; Qt must not remove rows itself
        if data.hasFormat(RISK_IDS_MIME) and target is not None:
            ids = [i for i in bytes(data.data(RISK_IDS_MIME).data()).decode("utf-8").split("\n") if i]
            self.risksDropped.emit(ids, target.id)
        return False


class RegisterTreeView(QTreeView):
    """The tree on the left of the window."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("registerTree")
        self.setAccessibleName("Registers")
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        # Long register names wrap rather than being cut short at the narrow width of a laptop.
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setIndentation(14)  # three levels deep still leaves a name most of the column
        self.setAlternatingRowColors(True)
        self._shown: Shown | None = None
        self._name_delegate = FlaggedNameDelegate(self, self.indentation(), lambda: self.columnWidth(NAME))
        self.header().sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())

    def watch(self, shown: Shown) -> None:
        """Follow the window's open file (see op_executed)."""
        self._shown = shown

    def op_executed(self, changes: OpChanges, initiator: object | None) -> None:
        """Rebuild when registers came, went, moved or were renamed; else refresh the counts."""
        document = self._shown.document if self._shown is not None else None
        model = self.model()
        if document is None or not isinstance(model, RegisterTreeModel):
            return
        contents = document.contents
        if changes.reload or model.is_stale(contents):
            register = self.currentIndex().data(REGISTER_ROLE)
            expanded = self.expanded_ids()
            model.set_contents(contents)
            self.restore_expanded(expanded)
            index = model.index_of(register.id) if register is not None else QModelIndex()
            self.setCurrentIndex(index if index.isValid() else model.index(0, NAME))
        elif changes.risks or changes.actions:
            model.update_counts(contents)

    def set_editable(self, editable: bool) -> None:
        """Allow renaming and dragging registers (not on a file open to read only)."""
        if editable:
            self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                 | QAbstractItemView.EditTrigger.SelectedClicked)
            self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        else:
            self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)

    def expanded_ids(self) -> set[str]:
        """Ids of the registers whose branches are open."""
        model = self.model()
        found: set[str] = set()
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(model.rowCount(parent)):
                index = model.index(row, NAME, parent)
                if self.isExpanded(index):
                    found.add(index.data(REGISTER_ROLE).id)
                    stack.append(index)
        return found

    def restore_expanded(self, ids: set[str]) -> None:
        """Open the branches that were open before the tree was rebuilt."""
        model = self.model()
        assert isinstance(model, RegisterTreeModel)
        for register_id in ids:
            index = model.index_of(register_id)
            if index.isValid():
                self.setExpanded(index, True)

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (OPEN, HIGH):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setItemDelegateForColumn(NAME, self._name_delegate)
