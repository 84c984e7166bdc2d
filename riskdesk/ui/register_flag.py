"""The flag beside a register's name: a small red flag and the count of its flagged risks.

It sits at the right end of the name cell instead of in a column of its own, so that on a
1366-pixel screen the names keep the width (the name is cut short before the flag, never under it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from riskdesk.ui.colours import cell_warning_colour

FLAG_ROLE = Qt.ItemDataRole.UserRole + 2  # how many risks here and below are flagged (int)

Index = QModelIndex | QPersistentModelIndex
ICON_MARGINS = 6


class FlaggedNameDelegate(QStyledItemDelegate):
    """Paints the register name, then the flag and count at the cell's right end.

    The style lays the name out as it would beside an icon at the right (initStyleOption), so a
    long name is cut short or wrapped before the flag; the flag is drawn in that place. (Asking
    the style for its parts by name would load `QStyle`'s enums before the window's first paint.)
    """

    def __init__(self, parent: QWidget | None = None, indentation: int = 20,
                 column_width: Callable[[], int] | None = None) -> None:
        super().__init__(parent)
        self._indentation = indentation
        self._column_width = column_width or (lambda: 0)

    def _mark_width(self, option: QStyleOptionViewItem, count: int) -> int:
        metrics = option.fontMetrics
        return metrics.height() // 2 + 3 + metrics.horizontalAdvance(str(count)) + 6

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        count = index.data(FLAG_ROLE)
        if count:
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            option.decorationPosition = QStyleOptionViewItem.Position.Right
            # Less the margins the style leaves either side of an icon; no taller than a line.
            option.decorationSize = QSize(self._mark_width(option, int(count)) - ICON_MARGINS, 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        count = index.data(FLAG_ROLE)
        if count:
            width = self._mark_width(option, int(count))
            whole = QRect(option.rect)
            self._paint_mark(painter, option, index, whole.adjusted(whole.width() - width, 0, 0, 0), int(count))

    def _paint_mark(self, painter: QPainter, option: QStyleOptionViewItem, index: Index, box: QRect,
                    count: int) -> None:
        view = option.widget
        selection = view.selectionModel() if isinstance(view, QAbstractItemView) else None
        selected = selection is not None and selection.isSelected(index)
        colour = (option.palette.color(QPalette.ColorRole.HighlightedText) if selected
                  else cell_warning_colour(option.palette))
        size = option.fontMetrics.height() // 2
        left = box.left() + 1
        top = box.center().y() - size // 2 - 1
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(colour)
        painter.drawLine(QPointF(left, top), QPointF(left, top + size + 2))  # the pole
        pennant = QPainterPath(QPointF(left, top))
        pennant.lineTo(QPointF(left + size, top + size * 0.3))
        pennant.lineTo(QPointF(left, top + size * 0.6))
        pennant.closeSubpath()
        painter.fillPath(pennant, colour)
        text_box = QRect(left + size + 3, box.top(), box.right() - left - size - 3, box.height())
        painter.drawText(text_box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), str(count))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """As wide as the name on one line and its flag (what the window widens the tree towards),
        as tall as the name wrapped in the width it has now."""
        one_line = super().sizeHint(option, index)  # the flag's room included (initStyleOption)
        height = one_line.height()
        column = self._column_width()
        if column > 0:
            # The tree gives no width to measure in; the name has the column less its indent
            # (and the flag's room, which the style takes off), so a long name wraps onto as
            # many lines as it really needs.
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            sized = QStyleOptionViewItem(option)
            sized.rect = QRect(0, 0, max(column - self._indentation * depth, 20), 10_000)
            wrapped = super().sizeHint(sized, index).height()
            if wrapped > height:
                height = wrapped + 4  # a little air between wrapped names
        return QSize(one_line.width(), height)
