"""The level captions along the matrix: wrapped onto lines, never cut off at the start."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

from riskdesk.ui.heatmap.painting import header_lines, header_parts

PADDING = 4  # left and right of the text, and above and below it


def caption_widths(caption: str, metrics: QFontMetricsF) -> tuple[float, float, float]:
    """The width a caption needs on one line, on two (label, number) and wrapped by words."""
    label, number = header_parts(caption)
    words = [*label.split(" "), number] if number else label.split(" ")
    return (metrics.horizontalAdvance(caption),
            max(metrics.horizontalAdvance(label), metrics.horizontalAdvance(number)),
            max(metrics.horizontalAdvance(word) for word in words))


def row_header_width(captions: list[str], metrics: QFontMetricsF, view_width: float, columns: int,
                     row_height: float, minimum_cell: float = 76.0) -> int:
    """How wide the row captions are: on one line while the cells keep minimum_cell of width,
    else on two lines (label, then number), else wrapped by words; only forms whose lines
    fit the rows' height are used."""
    if not captions:
        return 40
    widths = [caption_widths(caption, metrics) for caption in captions]
    forms = [(max(w[form] for w in widths) + 2 * PADDING + 4, lines) for form, lines in ((0, 1), (1, 2), (2, 3))]
    fitting = [width for width, lines in forms if lines * metrics.height() <= row_height - 2] or [forms[0][0]]
    chosen = next((width for width in fitting if (view_width - width) / max(1, columns) >= minimum_cell),
                  fitting[-1])
    return int(min(150.0, chosen) + 0.5)


class HeatMapHeader(QHeaderView):
    """A header whose captions wrap onto lines (label, then number) and elide at the end."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)

    def section_lines(self, logical_index: int) -> list[str]:
        """The lines drawn for a section at its present size."""
        model = self.model()
        if model is None:
            return []
        caption = model.headerData(logical_index, self.orientation(), Qt.ItemDataRole.DisplayRole)
        if not caption:
            return []
        metrics = QFontMetricsF(self.font())
        size = self.sectionSize(logical_index)
        if self.orientation() == Qt.Orientation.Horizontal:
            width, height = size, self.height()
        else:
            width, height = self.width(), size
        max_lines = max(1, int((height - 2) // metrics.height()))
        if self.orientation() == Qt.Orientation.Horizontal:
            max_lines = min(2, max_lines)
        return header_lines(str(caption), metrics, max(1.0, width - 2 * PADDING), max_lines)

    # -- Qt overrides ----------------------------------------------------------------

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        if self.orientation() == Qt.Orientation.Horizontal:
            size.setHeight(max(size.height(), int(2 * QFontMetricsF(self.font()).height()) + 2 * PADDING))
        return size

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        if not rect.isValid():
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logicalIndex
        option.text = ""
        if self.count() == 1:
            option.position = QStyleOptionHeader.SectionPosition.OnlyOneSection
        elif self.visualIndex(logicalIndex) == 0:
            option.position = QStyleOptionHeader.SectionPosition.Beginning
        elif self.visualIndex(logicalIndex) == self.count() - 1:
            option.position = QStyleOptionHeader.SectionPosition.End
        else:
            option.position = QStyleOptionHeader.SectionPosition.Middle
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        lines = self.section_lines(logicalIndex)
        metrics = QFontMetricsF(self.font())
        height = metrics.height() * len(lines)
        area = QRectF(rect).adjusted(PADDING, PADDING / 2, -PADDING, -PADDING / 2)
        top = area.top() + max(0.0, (area.height() - height) / 2)
        horizontal = self.orientation() == Qt.Orientation.Horizontal
        align = Qt.AlignmentFlag.AlignHCenter if horizontal else Qt.AlignmentFlag.AlignRight
        painter.setPen(self.palette().color(self.foregroundRole()))
        for number, line in enumerate(lines):
            box = QRectF(area.left(), top + number * metrics.height(), area.width(), metrics.height())
            painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), line)
        painter.restore()
