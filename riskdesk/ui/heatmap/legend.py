"""The legend under the matrix: one button per band (name, range, colour, count) that selects its cells."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QWidget

from riskdesk.core.grid import Grid
from riskdesk.ui.heatmap.painting import legend_short_text, legend_text
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


def legend_rows(widths: list[int], room: int, spacing: int) -> list[list[int]]:
    """Items (by width) flowed into rows no wider than room; each row holds at least one."""
    rows: list[list[int]] = [[]]
    used = 0
    for number, width in enumerate(widths):
        if rows[-1] and used + spacing + width > room:
            rows.append([])
            used = 0
        used += (spacing if rows[-1] else 0) + width
        rows[-1].append(number)
    return rows


class HeatMapLegend(QWidget):
    """Bands with their colours and counts; clicking one selects every cell of that band.

    The entries read "Medium 5–12: 11 risks" when there is room, "Medium: 11" when
    there is not, and then wrap onto more lines: a count is never cut short.
    """

    bandClicked = Signal(str)
    SPACING = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatMapLegend")
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._total = QLabel(self)
        self._buttons: list[QToolButton] = []
        self._texts: list[tuple[str, str]] = []  # (full, short) per button
        self._measured: dict[bool, list[int]] = {}  # short? -> widths of the buttons
        self._short = False

    def buttons(self) -> list[QToolButton]:
        """The band buttons, lowest band first."""
        return list(self._buttons)

    def is_short(self) -> bool:
        """True when the entries leave out their ranges for want of room."""
        return self._short

    def set_grid(self, grid: Grid | None, mode: PaletteMode) -> None:
        """Show the bands and counts of a grid."""
        for button in self._buttons:
            button.hide()
            button.deleteLater()
        self._buttons = []
        self._texts = []
        self._measured = {}
        if grid is None:
            self._total.clear()
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
            button.setToolTip(f"{text}\nSelect every {band.name} cell")
            button.setAccessibleName(f"{text}. Select every {band.name} cell")
            button.clicked.connect(lambda _checked=False, name=band.name: self.bandClicked.emit(name))
            button.show()
            self._buttons.append(button)
            self._texts.append((text, legend_short_text(grid, band.name)))
        noun = "risk" if grid.total == 1 else "risks"
        self._total.setText(f"Total {grid.total} {noun}")
        self._arrange(self.width())
        self.updateGeometry()

    def _widths(self, short: bool) -> list[int]:
        """The widths of the entries (long or short) and of the total, measured once per grid."""
        if short not in self._measured:
            widths = []
            for button, texts in zip(self._buttons, self._texts, strict=True):
                shown = button.text()
                button.setText(texts[1] if short else texts[0])
                widths.append(button.sizeHint().width())
                button.setText(shown)
            self._measured[short] = widths
        return [*self._measured[short], self._total.sizeHint().width()]

    def _plan(self, width: int) -> tuple[bool, list[list[int]]]:
        """Long or short entries, and the rows they take, in width."""
        if not self._buttons:
            return False, [[]]
        for short in (False, True):
            rows = legend_rows(self._widths(short), width, self.SPACING)
            if len(rows) == 1 or short:
                return short, rows
        raise AssertionError("unreachable")

    def _row_height(self) -> int:
        heights = [b.sizeHint().height() for b in self._buttons] + [self._total.sizeHint().height()]
        return max(heights)

    def _arrange(self, width: int) -> None:
        short, rows = self._plan(width)
        self._short = short
        for button, texts in zip(self._buttons, self._texts, strict=True):
            button.setText(texts[1] if short else texts[0])
        items: list[QWidget] = [*self._buttons, self._total]
        line = self._row_height()
        for number, row in enumerate(rows):
            x = 0
            for item_number in row:
                item = items[item_number]
                size = item.sizeHint()
                if item is self._total:
                    x = max(x, width - size.width())  # the total keeps to the right
                item.setGeometry(x, number * line + (line - size.height()) // 2, size.width(), size.height())
                x += size.width() + self.SPACING

    # -- Qt overrides ----------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if not self._buttons:
            return self._total.sizeHint().height()
        return len(self._plan(width)[1]) * self._row_height()

    def sizeHint(self) -> QSize:
        widths = self._widths(False) if self._buttons else [self._total.sizeHint().width()]
        height = self._row_height() if self._buttons else self._total.sizeHint().height()
        return QSize(sum(widths) + self.SPACING * (len(widths) - 1), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._row_height() if self._buttons else self._total.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._measured = {}
            self._arrange(self.width())
            self.updateGeometry()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())
        wanted = self.heightForWidth(event.size().width())
        if wanted != self.height():
            self.updateGeometry()
