"""The matrix leaves the app as a clipboard image, a PNG at print resolution, an SVG and a print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtPrintSupport import QPrinter

from riskdesk.core.grid import build_grid
from riskdesk.ui.heatmap import export
from riskdesk.ui.heatmap.palette import PaletteMode, band_colours
from tests.ui.test_heatmap_helpers import make_panel, register_risks


def test_png_is_a4_landscape_at_300_dpi(qtbot, demo_5x5, tmp_path: Path) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    written = panel.export_png(tmp_path / "matrix.png")
    assert written is not None
    image = QImage(str(written))
    assert (image.width(), image.height()) == (3508, 2480)
    assert abs(image.dotsPerMeterX() * 0.0254 - 300) < 1
    # Band colours are in the picture.
    high = band_colours(PaletteMode.SCHEME, demo_5x5.scheme, demo_5x5.scheme.band_named("High")).fill
    sample = {image.pixelColor(x, y).name() for x in range(0, 3508, 40) for y in range(0, 2480, 40)}
    assert high.name() in sample


def test_svg_carries_the_text(qtbot, demo_5x5, tmp_path: Path) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    panel.set_titles("Strategic Risk Register", "Q1 2024/25")
    written = panel.export_svg(tmp_path / "matrix.svg")
    text = written.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    for words in ("Strategic Risk Register", "Q1 2024/25", "SR 7.2", "Almost certain", "12 Medium"):
        assert words in text


def test_copy_puts_an_image_on_the_clipboard(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    QGuiApplication.clipboard().clear()
    panel.copy_action.trigger()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull()
    assert image.width() > image.height() > 500


def test_print_paints_to_a_pdf_printer(qtbot, demo_5x5, tmp_path: Path) -> None:
    risks = register_risks(demo_5x5, "Strategic Risk Register")
    grid = build_grid(demo_5x5.scheme, risks)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    export.prepare_printer(printer, "Strategic Risk Register")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "matrix.pdf"
    printer.setOutputFileName(str(target))
    assert printer.pageLayout().orientation() == printer.pageLayout().Orientation.Landscape
    export.print_matrix(printer, grid, PaletteMode.GREYSCALE, "Strategic Risk Register")
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000


def test_palettes_differ_and_greyscale_is_grey(demo_5x5) -> None:
    scheme = demo_5x5.scheme
    fills = {}
    for mode in PaletteMode:
        colours = [band_colours(mode, scheme, band).fill.name() for band in scheme.bands]
        assert len(set(colours)) == len(colours), f"{mode} bands must differ"
        fills[mode] = colours
    assert fills[PaletteMode.SCHEME] == [b.colour.lower() for b in scheme.bands]
    assert fills[PaletteMode.COLOUR_BLIND] != fills[PaletteMode.SCHEME]
    for name in fills[PaletteMode.GREYSCALE]:
        assert name[1:3] == name[3:5] == name[5:7]
    lightness = [band_colours(PaletteMode.COLOUR_BLIND, scheme, b).fill.lightness()
                 for b in sorted(scheme.bands, key=lambda b: b.low)]
    assert lightness[0] > lightness[-1], "colour-blind steps darken as risk grows"
