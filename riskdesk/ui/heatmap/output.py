"""The panel's ways out of the app: clipboard, PNG, SVG and the print dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from riskdesk.core.grid import Grid
from riskdesk.core.model import ScoreKind
from riskdesk.ui.heatmap import export
from riskdesk.ui.heatmap.palette import PaletteMode


class MatrixOutput:
    """Copy, export and print for the heat-map panel (mixed into it)."""

    # Provided by the panel.
    register_name: str

    @property
    def grid(self) -> Grid | None:
        """The grid shown now (the panel's)."""
        raise NotImplementedError

    @property
    def kind(self) -> ScoreKind:
        """Which score places the risks (the panel's)."""
        raise NotImplementedError

    @property
    def palette_mode(self) -> PaletteMode:
        """The colour mode (the panel's)."""
        raise NotImplementedError

    def title(self) -> str:
        """The title printed above the matrix."""
        raise NotImplementedError

    def _parent_widget(self) -> QWidget | None:
        return self if isinstance(self, QWidget) else None

    def _default_name(self, suffix: str) -> str:
        return f"{self.register_name or 'Risk matrix'} - {self.kind.value}.{suffix}".replace("/", "-")

    def copy_image(self) -> None:
        """Put the matrix on the clipboard as a picture."""
        if self.grid is not None:
            export.copy_image(self.grid, self.palette_mode, self.title())

    def export_png(self, path: Path | str | None = None) -> Path | None:
        """Save the matrix as a PNG at print resolution (asks where when no path is given)."""
        chosen = path or QFileDialog.getSaveFileName(self._parent_widget(), "Export picture", self._default_name("png"),
                                                     "PNG picture (*.png)")[0]
        if not chosen or self.grid is None:
            return None
        export.export_png(chosen, self.grid, self.palette_mode, self.title())
        return Path(chosen)

    def export_svg(self, path: Path | str | None = None) -> Path | None:
        """Save the matrix as an SVG drawing (asks where when no path is given)."""
        chosen = path or QFileDialog.getSaveFileName(self._parent_widget(), "Export drawing", self._default_name("svg"),
                                                     "SVG drawing (*.svg)")[0]
        if not chosen or self.grid is None:
            return None
        export.export_svg(chosen, self.grid, self.palette_mode, self.title())
        return Path(chosen)

    def print_matrix(self) -> None:
        """Print the matrix through the system print dialog (landscape A4; A3 can be chosen)."""
        if self.grid is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        export.prepare_printer(printer, self.title())
        dialog = QPrintDialog(printer, self._parent_widget())
        dialog.setWindowTitle("Print risk matrix")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            export.print_matrix(printer, self.grid, self.palette_mode, self.title())
        dialog.deleteLater()
