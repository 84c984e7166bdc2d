"""Printing a previewed report: each page rendered at the printer's resolution, on white paper."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_PRINT_DPI = 300


def print_document(document: QPdfDocument, printer: QPrinter) -> bool:
    """Print every page of document to printer; False when the printer cannot be started."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        # Text stays sharp at 300 dpi; a 1200 dpi page image would take half a gigabyte.
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = on_white(document.render(page, size))
            area = painter.viewport()
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(area.x(), area.y(), scaled.width(), scaled.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
    finally:
        painter.end()
    return True


def on_white(image: QImage) -> QImage:
    """The rendered page flattened onto white paper: printers have no use for transparency."""
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat
