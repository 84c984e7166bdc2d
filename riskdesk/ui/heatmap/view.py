"""The matrix view: cells to click, select by keyboard, drag from and drop onto, with the risk's path drawn over."""

from __future__ import annotations

import itertools

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QLineF,
    QModelIndex,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
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
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from riskdesk.core.model import Score
from riskdesk.ui.heatmap.delegate import HeatMapDelegate
from riskdesk.ui.heatmap.header import HeatMapHeader, row_header_width
from riskdesk.ui.heatmap.model import CELL_ROLE, HeatMapModel
from riskdesk.ui.heatmap.painting import (
    MARKER_KEYS,
    TRAIL_DOT,
    arrow_head,
    cell_layout,
    corner_caption,
    count_rect,
    marker_rects,
    marker_zone,
    placed_references,
    trail_point,
)
from riskdesk.ui.mime import RISK_IDS_MIME, ids_from_mime, ids_to_mime

_ARROWS = {
    Qt.Key.Key_Up: QAbstractItemView.CursorAction.MoveUp,
    Qt.Key.Key_Down: QAbstractItemView.CursorAction.MoveDown,
    Qt.Key.Key_Left: QAbstractItemView.CursorAction.MoveLeft,
    Qt.Key.Key_Right: QAbstractItemView.CursorAction.MoveRight,
    Qt.Key.Key_Home: QAbstractItemView.CursorAction.MoveHome,
    Qt.Key.Key_End: QAbstractItemView.CursorAction.MoveEnd,
}
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
        self.setHorizontalHeader(HeatMapHeader(Qt.Orientation.Horizontal, self))
        self.setVerticalHeader(HeatMapHeader(Qt.Orientation.Vertical, self))
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
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        self.setMinimumSize(200, 200)
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
        self._delegate.keep_clear = self.marker_counts()
        self.viewport().update()

    def marker_counts(self) -> dict[tuple[int, int], int]:
        """How many markers each cell of the path holds (TRAIL_DOT where only the trail passes)."""
        counts: dict[tuple[int, int], int] = {}
        for score in self._path.values():
            if score is not None:
                key = (score.likelihood, score.impact)
                counts[key] = counts.get(key, 0) + 1
        for score in self._trail:
            counts.setdefault((score.likelihood, score.impact), TRAIL_DOT)
        return counts

    def keep_clear(self, index: QModelIndex) -> QRectF | None:
        """The corner of a cell its path markers take, which its references stay out of."""
        cell = index.data(CELL_ROLE) if index.isValid() else None
        if cell is None:
            return None
        return marker_zone(QRectF(self.visualRect(index)), self._delegate.keep_clear.get(
            (cell.likelihood, cell.impact), 0))

    def marker_geometry(self) -> dict[str, QRectF]:
        """Where the I, R and T markers are drawn, in viewport coordinates."""
        cells: dict[tuple[int, int], list[str]] = {}
        for key, score in self._path.items():
            if score is not None:
                cells.setdefault((score.likelihood, score.impact), []).append(key)
        rects: dict[str, QRectF] = {}
        for (likelihood, impact), keys in cells.items():
            index = self.heat_model().index_of_scores(likelihood, impact)
            if index.isValid():
                rects.update(marker_rects(QRectF(self.visualRect(index)), keys))
        return rects

    def _trail_point(self, score: Score) -> QPointF | None:
        index = self.heat_model().index_of_scores(score.likelihood, score.impact)
        if not index.isValid():
            return None
        return trail_point(QRectF(self.visualRect(index)))

    def set_appetite_line(self, limit: int | None, caption: str = "") -> None:
        """Draw the appetite line: between cells scoring at most `limit` and those above (None: no line)."""
        self._appetite = (limit, caption) if limit is not None else None
        self.viewport().update()

    def appetite_line(self) -> tuple[int, str] | None:
        """The appetite line's highest acceptable score and its caption, when one is drawn."""
        return getattr(self, "_appetite", None)

    def appetite_segments(self) -> list[QLineF]:
        """The cell edges the appetite line runs along, in viewport coordinates."""
        line = self.appetite_line()
        if line is None:
            return []
        limit = line[0]
        model = self.heat_model()
        segments: list[QLineF] = []
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                cell = model.index(row, column).data(CELL_ROLE)
                if cell is None or cell.score > limit:
                    continue
                rect = QRectF(self.visualRect(model.index(row, column)))
                # Each acceptable cell draws its edges that border an unacceptable neighbour.
                for d_row, d_column, edge in ((-1, 0, QLineF(rect.topLeft(), rect.topRight())),
                                              (1, 0, QLineF(rect.bottomLeft(), rect.bottomRight())),
                                              (0, -1, QLineF(rect.topLeft(), rect.bottomLeft())),
                                              (0, 1, QLineF(rect.topRight(), rect.bottomRight()))):
                    neighbour = model.index(row + d_row, column + d_column).data(CELL_ROLE)
                    if neighbour is not None and neighbour.score > limit:
                        segments.append(edge)
        return segments

    def _paint_appetite(self, painter: QPainter) -> None:
        segments = self.appetite_segments()
        if not segments:
            return
        # A heavy dark line with a pale edge: it reads on every band colour and in greyscale.
        painter.setPen(QPen(QColor(255, 255, 255, 200), 6.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap))
        painter.drawLines(segments)
        painter.setPen(QPen(QColor("#111111"), 3.0, Qt.PenStyle.DashLine, Qt.PenCapStyle.FlatCap))
        painter.drawLines(segments)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.appetite_line() is not None:
            line_painter = QPainter(self.viewport())
            line_painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_appetite(line_painter)
            line_painter.end()
        if not any(self._path.values()):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        markers = self.marker_geometry()
        # The lines break around the counts and references, so those stay readable.
        clear = QRegion(self.viewport().rect())
        for rect in self.text_rects():
            clear -= QRegion(rect.adjusted(-1, 0, 1, 0).toAlignedRect())
        painter.setClipRegion(clear)
        self._paint_trail(painter, markers)
        self._paint_path(painter, markers)
        painter.setClipping(False)
        self._paint_markers(painter, markers)
        painter.end()

    def text_rects(self) -> list[QRectF]:
        """Where the counts and references of the cells are drawn, in viewport coordinates."""
        model = self.heat_model()
        rects: list[QRectF] = []
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                cell = index.data(CELL_ROLE)
                if cell is None:
                    continue
                rect = QRectF(self.visualRect(index))
                layout = cell_layout(rect, self.font(), 10.0)
                corner_metrics = QFontMetricsF(layout.corner_font)
                caption = corner_caption(cell, corner_metrics, layout.corner.width())
                rects.append(QRectF(layout.corner.left(), layout.corner.top(),
                                    corner_metrics.horizontalAdvance(caption), corner_metrics.height()))
                if not cell.count:
                    continue
                rects.append(count_rect(layout, cell.count, self.keep_clear(index)))
                rects.extend(placed.rect for placed in placed_references(
                    rect, cell, self.font(), 10.0, model.laid_out_references(cell), self.keep_clear(index)))
        return rects

    def _paint_trail(self, painter: QPainter, markers: dict[str, QRectF]) -> None:
        points = [p for p in (self._trail_point(s) for s in self._trail) if p is not None]
        if "R" in markers:
            points.append(markers["R"].center())
        if len(points) < 2:
            return
        faint = QColor(_PATH_COLOUR)
        faint.setAlpha(90)
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        # Thin and light, with a faint pale edge so it shows on the dark cells too.
        painter.setPen(QPen(QColor(255, 255, 255, 90), 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(path)
        painter.setPen(QPen(faint, 1.2, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(path)
        painter.setBrush(faint)
        for point in points[:-1]:
            painter.drawEllipse(point, 2.5, 2.5)

    def _paint_path(self, painter: QPainter, markers: dict[str, QRectF]) -> None:
        present = [markers[key] for key in MARKER_KEYS if key in markers]
        for start_rect, end_rect in itertools.pairwise(present):
            start, end = start_rect.center(), end_rect.center()
            radius = end_rect.width() / 2
            length = ((end.x() - start.x()) ** 2 + (end.y() - start.y()) ** 2) ** 0.5
            if length <= 2 * radius + 4:
                continue  # side by side in one cell
            # Stop at the edge of the end marker, so the arrow head shows.
            tip = end - (end - start) * ((radius + 1) / length)
            base = start + (end - start) * (radius / length)
            # See-through, so the counts and references under the path stay readable.
            for colour, width in ((QColor(255, 255, 255, 110), 4.0), (QColor(27, 31, 94, 190), 1.8)):
                painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                painter.setBrush(colour)
                painter.drawLine(base, tip)
                painter.drawPolygon(QPolygonF(arrow_head(base, tip, 8.0 + width)))

    def _paint_markers(self, painter: QPainter, markers: dict[str, QRectF]) -> None:
        for key, rect in markers.items():
            radius = rect.width() / 2
            font = painter.font()
            font.setBold(True)
            font.setPixelSize(max(8, round(radius * 1.3)))
            painter.setFont(font)
            painter.setPen(QPen(QColor("#ffffff"), 1.5))
            painter.setBrush(_PATH_COLOUR)
            painter.drawEllipse(rect.center(), radius, radius)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), key)

    # -- keyboard ------------------------------------------------------------------

    def fit_headers(self) -> None:
        """Size the row captions to the width there is: narrower (wrapped) when the cells need room."""
        model = self.model()
        if not isinstance(model, HeatMapModel) or model.grid is None:
            return
        grid = model.grid
        captions = [grid.row_level(row).caption for row in range(grid.row_count)]
        header = self.verticalHeader()
        rows_height = self.height() - self.horizontalHeader().height() - 2 * self.frameWidth()
        width = row_header_width(captions, QFontMetricsF(header.font()), self.width() - 2 * self.frameWidth(),
                                 grid.column_count, rows_height / max(1, grid.row_count))
        if header.width() != width:
            header.setFixedWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_headers()

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
        """The one risk whose reference is under the mouse; empty anywhere else.

        "+N more" and the count are not a risk: dragging them would re-score every risk in
        the cell at once, which nobody means to do with one gesture.
        """
        index = self.indexAt(pos)
        cell = index.data(CELL_ROLE) if index.isValid() else None
        if cell is None or not cell.risks:
            return []
        rect = QRectF(self.visualRect(index))
        placed_all = placed_references(rect, cell, self.font(), 10.0, self.heat_model().laid_out_references(cell),
                                       self.keep_clear(index))
        for placed in placed_all:
            if placed.rect.adjusted(-2, -2, 2, 2).contains(QPointF(pos)):
                return [] if placed.index < 0 else [cell.risks[placed.index].id]
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
        # A drag that began off a reference carries nothing: only a risk's own marker moves it,
        # never every risk of a cell or of the selected cells.
        return

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
