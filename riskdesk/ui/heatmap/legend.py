"""The legend under the matrix: one button per band (name, range, colour, count) that selects its cells."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from riskdesk.core.grid import Grid
from riskdesk.ui.heatmap.painting import legend_text
from riskdesk.ui.heatmap.palette import PaletteMode, band_colours


def swatch(fill: QColor, pattern: Qt.BrushStyle, size: int = 14) -> QIcon:
    """A small square of a band's colour with a black edge."""
    pixmap = QPixmap(size + 6, size)
    pixmap.fill(fill)
    painter = QPainter(pixmap)
    if pattern != Qt.BrushStyle.NoBrush:
        painter.fillRect(pixmap.rect(), QBrush(QColor("#b0b0b0"), pattern))
    painter.setPen(QColor("#000000"))
    painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1))
    painter.end()
    return QIcon(pixmap)


class HeatMapLegend(QWidget):
    """Bands with their colours and counts; clicking one selects every cell of that band."""

    bandClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatMapLegend")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._total = QLabel(self)
        self._buttons: list[QToolButton] = []

    def buttons(self) -> list[QToolButton]:
        """The band buttons, lowest band first."""
        return list(self._buttons)

    def set_grid(self, grid: Grid | None, mode: PaletteMode) -> None:
        """Show the bands and counts of a grid."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self._total:
                widget.hide()
                widget.deleteLater()
        self._buttons = []
        if grid is None:
            return
        for band in sorted(grid.scheme.bands, key=lambda b: b.low):
            colours = band_colours(mode, grid.scheme, band)
            button = QToolButton(self)
            button.setObjectName(f"legendBand{band.name.replace(' ', '')}")
            text = legend_text(grid, band.name)
            button.setText(text)
            button.setIcon(swatch(colours.fill, colours.pattern))
            button.setIconSize(QSize(20, 14))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.setToolTip(f"Select every {band.name} cell")
            button.setAccessibleName(f"{text}. Select every {band.name} cell")
            button.clicked.connect(lambda _checked=False, name=band.name: self.bandClicked.emit(name))
            self._layout.addWidget(button)
            self._buttons.append(button)
        noun = "risk" if grid.total == 1 else "risks"
        self._total.setText(f"Total {grid.total} {noun}")
        self._layout.addStretch(1)
        self._layout.addWidget(self._total)
