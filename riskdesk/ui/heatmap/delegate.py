"""Paints each heat-map cell: band colour, score and band in the corner, count, references."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from riskdesk.ui.heatmap.model import CELL_ROLE, HeatMapModel
from riskdesk.ui.heatmap.painting import marker_zone, paint_cell
from riskdesk.ui.heatmap.palette import band_colours


class HeatMapDelegate(QStyledItemDelegate):
    """Draws cells with the shared cell painter, so screen and print look alike."""

    drop_target: QModelIndex | QPersistentModelIndex | None = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # (likelihood, impact) -> how many path markers sit in the cell's corner
        self.keep_clear: dict[tuple[int, int], int] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        model = index.model()
        cell = index.data(CELL_ROLE)
        if cell is None or not isinstance(model, HeatMapModel) or model.grid is None:
            super().paint(painter, option, index)
            return
        state = option.state
        rect = QRectF(option.rect)
        colours = band_colours(model.mode, model.grid.scheme, cell.band)
        emphasise = model.highlighted_id
        paint_cell(
            painter, rect, cell, colours, option.font,
            selected=bool(state & QStyle.StateFlag.State_Selected),
            current=bool(state & QStyle.StateFlag.State_HasFocus),
            emphasise=emphasise,
            minimum_pixels=10.0,
            references=model.laid_out_references(cell),
            keep_clear=marker_zone(rect, self.keep_clear.get((cell.likelihood, cell.impact), 0)),
        )
        if self.drop_target is not None and self.drop_target == index:
            painter.save()
            pen = painter.pen()
            pen.setColor(colours.text)
            pen.setWidthF(3.0)
            pen.setDashPattern([2.0, 2.0])
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(6, 6, -6, -6))
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(110, 76)
