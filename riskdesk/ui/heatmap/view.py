"""The matrix view: cells to click, select by keyboard, drag from and drop onto, with the risk's path drawn over."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from riskdesk.core.model import Score
from riskdesk.ui.heatmap.delegate import HeatMapDelegate
from riskdesk.ui.heatmap.model import CELL_ROLE, RISK_IDS_MIME, HeatMapModel, ids_from_mime, ids_to_mime
from riskdesk.ui.heatmap.painting import arrow_head, cell_layout, cell_references, layout_references

_ARROWS = {
    Qt.Key.Key_Up: QAbstractItemView.CursorAction.MoveUp,
    Qt.Key.Key_Down: QAbstractItemView.CursorAction.MoveDown,
    Qt.Key.Key_Left: QAbstractItemView.CursorAction.MoveLeft,
    Qt.Key.Key_Right: QAbstractItemView.CursorAction.MoveRight,
    Qt.Key.Key_Home: QAbstractItemView.CursorAction.MoveHome,
    Qt.Key.Key_End: QAbstractItemView.CursorAction.MoveEnd,
}
# Where each score's marker sits inside its cell, as a share of the cell size from
# its centre, so that markers in one cell do not cover each other or the count.
_MARKER_OFFSETS = {"I": (0.36, -0.30), "R": (0.36, 0.30), "T": (-0.36, 0.30)}
_PATH_COLOUR = QColor("#1b1f5e")


class HeatMapView(QTableView):
    """A table of cells that behaves like a matrix rather than a spreadsheet."""

    risksDropped = Signal(list, int, int)
    contextMenuAt = Signal(QPoint)
    copyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatMap")
        self.setAccessibleName("Risk matrix")
        self.setAccessibleDescription(
            "Arrow keys move between cells, Space or Enter shows the risks of a cell, "
            "Shift with arrows adds cells, Escape clears."
        )
        self._delegate = HeatMapDelegate(self)
        self.setItemDelegate(self._delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setCornerButtonEnabled(False)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            header.setSectionsClickable(False)
            header.setHighlightSections(False)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        self.horizontalHeader().setMinimumHeight(40)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        self.setMinimumSize(360, 260)
        self._path: dict[str, Score | None] = {}
        self._trail: list[Score] = []
        self._press_index: QModelIndex | None = None
        self._press_pos = QPoint()
        self._press_was_only_selection = False
        self._drag_ids: list[str] = []
        self._dragged = False

    # -- what is drawn over the cells ------------------------------------------------

    def heat_model(self) -> HeatMapModel:
        """The model, typed."""
        model = self.model()
        assert isinstance(model, HeatMapModel)
        return model

    def set_path(self, inherent: Score | None, residual: Score | None, target: Score | None,
                 trail: list[Score]) -> None:
        """The selected risk's scores and past residual scores, drawn over the cells."""
        self._path = {"I": inherent, "R": residual, "T": target}
        self._trail = list(trail)
        self.viewport().update()

    def _marker_point(self, score: Score | None, key: str) -> QPointF | None:
        if score is None:
            return None
        index = self.heat_model().index_of_scores(score.likelihood, score.impact)
        if not index.isValid():
            return None
        rect = QRectF(self.visualRect(index))
        dx, dy = _MARKER_OFFSETS[key]
        return QPointF(rect.center().x() + dx * rect.width(), rect.center().y() + dy * rect.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not any(self._path.values()):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_trail(painter)
        self._paint_path(painter)
        painter.end()

    def _paint_trail(self, painter: QPainter) -> None:
        points = [p for p in (self._marker_point(s, "R") for s in self._trail) if p is not None]
        current = self._marker_point(self._path.get("R"), "R")
        if current is not None:
            points.append(current)
        if len(points) < 2:
            return
        faint = QColor(_PATH_COLOUR)
        faint.setAlpha(110)
        painter.setPen(QPen(faint, 2.0, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.drawPath(path)
        painter.setBrush(faint)
        for point in points[:-1]:
            painter.drawEllipse(point, 3.0, 3.0)

    def _paint_path(self, painter: QPainter) -> None:
        points = {key: self._marker_point(score, key) for key, score in self._path.items()}
        ordered = [points[key] for key in ("I", "R", "T")]
        present = [p for p in ordered if p is not None]
        for start, end in itertools.pairwise(present):
            if (end - start).manhattanLength() < 4:
                continue
            # See-through, so the counts and references under the path stay readable.
            for colour, width in ((QColor(255, 255, 255, 140), 5.0), (QColor(27, 31, 94, 190), 2.2)):
                painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                painter.setBrush(colour)
                painter.drawLine(start, end)
                painter.drawPolygon(QPolygonF(arrow_head(start, end, 11.0 + width)))
        radius = 9.0
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(11)
        painter.setFont(font)
        for key, point in points.items():
            if point is None:
                continue
            painter.setPen(QPen(QColor("#ffffff"), 1.5))
            painter.setBrush(_PATH_COLOUR)
            painter.drawEllipse(point, radius, radius)
            painter.drawText(QRectF(point.x() - radius, point.y() - radius, 2 * radius, 2 * radius),
                             int(Qt.AlignmentFlag.AlignCenter), key)

    # -- keyboard ------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Claim Ctrl+C while the matrix has the focus, before any window-wide Copy.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copyRequested.emit()
            event.accept()
            return
        key = Qt.Key(event.key())
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        selection = self.selectionModel()
        if key in _ARROWS and selection is not None:
            old = self.currentIndex()
            new = self.moveCursor(_ARROWS[key], event.modifiers())
            if not old.isValid():
                new = self.model().index(0, 0)
            if new.isValid():
                # Moving does not filter; Shift adds the cells passed through.
                selection.setCurrentIndex(new, QItemSelectionModel.SelectionFlag.NoUpdate)
                if shift:
                    added = QItemSelection()
                    for index in (old, new):
                        if index.isValid():
                            added.select(index, index)
                    selection.select(added, QItemSelectionModel.SelectionFlag.Select)
                self.scrollTo(new)
            event.accept()
            return
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select) and selection:
            current = self.currentIndex()
            if current.isValid():
                flag = (QItemSelectionModel.SelectionFlag.Toggle
                        if event.modifiers() & Qt.KeyboardModifier.ControlModifier
                        else QItemSelectionModel.SelectionFlag.ClearAndSelect)
                selection.select(current, flag)
            event.accept()
            return
        if key == Qt.Key.Key_Escape and selection is not None and selection.hasSelection():
            self.clearSelection()
            event.accept()
            return
        if (key == Qt.Key.Key_F10 and shift) or key == Qt.Key.Key_Menu:
            self.contextMenuAt.emit(self.visualRect(self.currentIndex()).center())
            event.accept()
            return
        super().keyPressEvent(event)

    # -- mouse: click, click again to clear, drag a reference out ---------------------

    def reference_ids_at(self, pos: QPoint) -> list[str]:
        """The risk under the mouse (a reference or "+N more" means the whole cell); empty off the text."""
        index = self.indexAt(pos)
        cell = index.data(CELL_ROLE) if index.isValid() else None
        if cell is None or not cell.risks:
            return []
        rect = QRectF(self.visualRect(index))
        layout = cell_layout(rect, self.font(), 10.0)
        metrics = QFontMetricsF(layout.reference_font)
        for placed in layout_references(layout.references, cell_references(cell), metrics, cell.count):
            if placed.rect.adjusted(-2, -2, 2, 2).contains(QPointF(pos)):
                return [risk.id for risk in cell.risks] if placed.index < 0 else [cell.risks[placed.index].id]
        if layout.count.contains(QPointF(pos)):
            return [risk.id for risk in cell.risks]
        return []

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        selected = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        self._press_index = index if index.isValid() else None
        self._press_pos = pos
        self._press_was_only_selection = plain and index.isValid() and selected == [index]
        self._drag_ids = self.reference_ids_at(pos) if event.button() == Qt.MouseButton.LeftButton else []
        self._dragged = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_ids and event.buttons() & Qt.MouseButton.LeftButton:
            distance = (event.position().toPoint() - self._press_pos).manhattanLength()
            if distance >= max(4, self.style().pixelMetric(self.style().PixelMetric.PM_DefaultFrameWidth) + 6):
                self._dragged = True
                ids, self._drag_ids = self._drag_ids, []
                self._start_reference_drag(ids)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        again = (self._press_was_only_selection and not self._dragged and self._press_index is not None
                 and index == self._press_index)
        self._drag_ids = []
        super().mouseReleaseEvent(event)
        if again:
            self.clearSelection()

    def _start_reference_drag(self, risk_ids: list[str]) -> None:
        model = self.heat_model()
        grid = model.grid
        names = [r.reference for c in (grid.cells.values() if grid else []) for r in c.risks if r.id in risk_ids]
        drag = QDrag(self)
        drag.setMimeData(ids_to_mime(risk_ids))
        label = ", ".join(names[:3]) + (f" +{len(names) - 3} more" if len(names) > 3 else "")
        metrics = QFontMetricsF(self.font())
        pixmap = QPixmap(int(metrics.horizontalAdvance(label) + 16), int(metrics.height() + 10))
        pixmap.fill(QColor("#ffffff"))
        painter = QPainter(pixmap)
        painter.setPen(QPen(_PATH_COLOUR, 1.5))
        painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1))
        painter.drawText(pixmap.rect(), int(Qt.AlignmentFlag.AlignCenter), label)
        painter.end()
        drag.setPixmap(pixmap)
        drag.exec(Qt.DropAction.MoveAction)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        # A drag that began off the references carries the selected cells' risks.
        ids = [risk_id for index in self.selectedIndexes() for risk_id in sorted(index.data(CELL_ROLE).risk_ids)]
        if ids:
            self._start_reference_drag(ids)

    # -- drops ------------------------------------------------------------------------

    def _set_drop_target(self, index: QModelIndex | None) -> None:
        self._delegate.drop_target = index
        self.viewport().update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(RISK_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if event.mimeData().hasFormat(RISK_IDS_MIME) and index.isValid():
            self._set_drop_target(index)
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            self._set_drop_target(None)
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_target(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_target(None)
        index = self.indexAt(event.position().toPoint())
        ids = ids_from_mime(event.mimeData())
        if not ids or not index.isValid():
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)  # the source keeps its rows; the score changes
        event.accept()
        self.risksDropped.emit(ids, index.row(), index.column())
