"""The names of the scales beside the matrix."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class AxisTitle(QWidget):
    """The name of a scale beside the matrix, turned to read upwards when vertical."""

    def __init__(self, vertical: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vertical = vertical
        self._text = ""
        height = self.fontMetrics().height() + 6
        if vertical:
            self.setFixedWidth(height)
        else:
            self.setFixedHeight(height)

    def set_text(self, text: str) -> None:
        """Show another scale name."""
        self._text = text
        self.setAccessibleName(text)
        self.update()

    def text(self) -> str:
        """The scale name shown."""
        return self._text

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        if self._vertical:
            painter.translate(0, self.height())
            painter.rotate(-90)
            box = QRectF(0, 0, self.height(), self.width())
        else:
            box = QRectF(0, 0, self.width(), self.height())
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self._text.upper())
        painter.end()
