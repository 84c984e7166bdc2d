"""The matrix out of the app: clipboard image, PNG at print resolution, SVG, and printing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgGenerator

from riskdesk.core.grid import Grid
from riskdesk.ui.heatmap.painting import paint_matrix
from riskdesk.ui.heatmap.palette import PaletteMode

A4_LANDSCAPE_MM = (297.0, 210.0)
PRINT_DPI = 300


def render_image(grid: Grid, mode: PaletteMode, title: str, subtitle: str, size: QSize,
                 dpi: int = 96) -> QImage:
    """The matrix as an image of a given size in pixels."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    paint_matrix(painter, QRectF(0, 0, size.width(), size.height()), grid, mode, title, subtitle)
    painter.end()
    return image


def page_pixels(dpi: int, page_mm: tuple[float, float] = A4_LANDSCAPE_MM) -> QSize:
    """The size of a page in pixels at a resolution."""
    return QSize(round(page_mm[0] / 25.4 * dpi), round(page_mm[1] / 25.4 * dpi))


def export_png(path: Path | str, grid: Grid, mode: PaletteMode, title: str, subtitle: str = "",
               dpi: int = PRINT_DPI) -> QImage:
    """Write the matrix as a PNG the size of an A4 landscape page at print resolution."""
    image = render_image(grid, mode, title, subtitle, page_pixels(dpi), dpi)
    # PySide6 takes the format as str at run time though its stubs say bytes.
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"Could not write the picture to {path}")
    return image


def export_svg(path: Path | str, grid: Grid, mode: PaletteMode, title: str, subtitle: str = "") -> None:
    """Write the matrix as an SVG drawing (A4 landscape proportions)."""
    size = page_pixels(96)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setResolution(96)
    generator.setTitle(title)
    generator.setDescription(subtitle or "Risk matrix")
    painter = QPainter(generator)
    paint_matrix(painter, QRectF(0, 0, size.width(), size.height()), grid, mode, title, subtitle)
    painter.end()


def copy_image(grid: Grid, mode: PaletteMode, title: str, subtitle: str = "") -> QImage:
    """Put the matrix on the clipboard as an image, ready to paste into a document."""
    image = render_image(grid, mode, title, subtitle, page_pixels(150), 150)
    QGuiApplication.clipboard().setImage(image)
    return image


def prepare_printer(printer: QPrinter, title: str) -> None:
    """Landscape A4 with modest margins; the print dialog can still change to A3."""
    printer.setDocName(title)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                      QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))


def print_matrix(printer: QPrinter, grid: Grid, mode: PaletteMode, title: str, subtitle: str = "") -> None:
    """Print the matrix on one page, filling the printable area."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started")
    rect = printer.pageLayout().paintRectPixels(printer.resolution())
    area = QRectF(0, 0, rect.width(), rect.height())
    # Keep the page's proportions so that A3 and A4 look the same, only larger.
    target = QSizeF(area.size())
    paint_matrix(painter, QRectF(area.topLeft(), target), grid, mode, title, subtitle)
    painter.end()
