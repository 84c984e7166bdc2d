"""The heat map fits the narrow panel beside the risk table: counts, captions, toolbar and path stay whole."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QWidget

from riskdesk.ui.heatmap import HeatMapPanel
from riskdesk.ui.heatmap.header import PADDING, HeatMapHeader
from riskdesk.ui.heatmap.model import CELL_ROLE
from riskdesk.ui.heatmap.painting import (
    TRAIL_DOT,
    header_lines,
    layout_references,
    legend_short_text,
    legend_text,
    marker_rects,
    marker_zone,
    paint_cell,
    placed_references,
    trail_point,
)
from riskdesk.ui.heatmap.palette import PaletteMode, band_colours
from tests.ui.helpers import select_register
from tests.ui.test_heatmap_helpers import make_panel

WIDTHS = [300, 360, 480, 530, 640, 900]


def _inside(child: QWidget, parent: QWidget) -> bool:
    """True when a visible child lies wholly within parent."""
    top_left = child.mapTo(parent, child.rect().topLeft())
    bottom_right = child.mapTo(parent, child.rect().bottomRight())
    return parent.rect().contains(top_left) and parent.rect().contains(bottom_right)


def _sr72(panel: HeatMapPanel) -> str:
    grid = panel.grid
    assert grid is not None
    return next(r.id for c in grid.cells.values() for r in c.risks if r.reference == "SR 7.2")


# -- 1. the legend never cuts a count short ------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_legend_counts_are_never_elided(qtbot, demo_5x5, width: int) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register", width, 480)
    grid = panel.grid
    assert grid is not None
    assert grid.count_in_band("Medium") >= 10, "the demo's two-digit count is the case that was cut"
    legend = panel.legend()
    assert _inside(legend, panel)
    buttons = legend.buttons()
    for button, band in zip(buttons, ["Low", "Medium", "High"], strict=True):
        count = grid.count_in_band(band)
        full, short = legend_text(grid, band), legend_short_text(grid, band)
        assert button.text() in (full, short)
        assert button.text().endswith(f": {count}") or button.text().endswith(f": {count} risks") \
            or button.text().endswith(f": {count} risk")
        # As wide as it asks to be, so the style draws the text whole, not elided.
        assert button.width() >= button.sizeHint().width(), (width, button.text())
        assert _inside(button, legend), (width, button.text(), button.geometry(), legend.size())
        assert full in button.toolTip() and full in button.accessibleName()
    medium = buttons[1]
    assert str(grid.count_in_band("Medium")) in medium.text()
    for first, second in itertools.pairwise(buttons):
        assert not first.geometry().intersects(second.geometry())
    if width >= 640:
        assert not legend.is_short() and medium.text() == legend_text(grid, "Medium")
    if width <= 480:
        assert legend.is_short() and medium.text() == f"Medium: {grid.count_in_band('Medium')}"


def test_legend_wraps_onto_two_lines_when_even_short_entries_do_not_fit(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register", 300, 480)
    legend = panel.legend()
    one_line = max(b.sizeHint().height() for b in legend.buttons())
    assert legend.height() >= 2 * one_line - 2
    tops = {b.geometry().top() for b in legend.buttons()}
    total = legend.findChild(type(panel.caption))
    assert total is not None and total.isVisible() and _inside(total, legend)
    assert total.geometry().top() > min(tops) or len(tops) > 1
    panel.resize(900, 480)
    qtbot.waitUntil(lambda: legend.height() < 2 * one_line - 2)


# -- 2. column captions wrap or elide at the end, never lose their start ---------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_column_captions_keep_their_start(qtbot, demo_5x5, width: int) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register", width, 520)
    header = panel.view().horizontalHeader()
    assert isinstance(header, HeatMapHeader)
    metrics = QFontMetricsF(header.font())
    assert header.height() >= 2 * metrics.height(), "room for two lines"
    for column in range(5):
        lines = header.section_lines(column)
        caption = panel.heat_model().headerData(column, Qt.Orientation.Horizontal)
        label = caption.rsplit(" ", 1)[0]
        assert 1 <= len(lines) <= 2
        kept = lines[0].removesuffix("…")
        assert kept and caption.startswith(kept), (width, lines)  # cut, if at all, at the end
        if len(lines) == 2:
            assert lines[1] == caption.rsplit(" ", 1)[1]  # "(1)"
            assert lines[0] == label or lines[0].endswith("…")
        for line in lines:
            assert metrics.horizontalAdvance(line) <= header.sectionSize(column) - 2 * PADDING + 0.5
    if width >= 900:
        assert "Insignificant" in " ".join(header.section_lines(0))


def test_the_first_caption_at_a_500_pixel_view(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register", 540, 520)
    view = panel.view()
    assert 480 <= view.width() <= 520
    lines = view.horizontalHeader().section_lines(0)  # type: ignore[attr-defined]
    assert lines[0].startswith("Insignific") and lines[-1] == "(1)"
    row_lines = view.verticalHeader().section_lines(0)  # type: ignore[attr-defined]
    assert row_lines[0].startswith("Almost"), row_lines


def test_header_lines_wrap_then_elide_at_the_end(qapp) -> None:
    header = HeatMapHeader(Qt.Orientation.Horizontal)
    metrics = QFontMetricsF(header.font())
    wide = metrics.horizontalAdvance("Insignificant (1)") + 2
    assert header_lines("Insignificant (1)", metrics, wide) == ["Insignificant (1)"]
    assert header_lines("Insignificant (1)", metrics, wide - 4) == ["Insignificant", "(1)"]
    narrow = header_lines("Insignificant (1)", metrics, metrics.horizontalAdvance("Insign"))
    assert narrow[0].startswith("Ins") and narrow[0].endswith("…") and narrow[1] == "(1)"
    words = header_lines("Almost certain (5)", metrics, metrics.horizontalAdvance("certain") + 1, 3)
    assert words == ["Almost", "certain", "(5)"]


# -- 3. the toolbar folds instead of clipping; the matrix keeps its five columns -------------


@pytest.mark.parametrize("width", WIDTHS)
def test_toolbar_fits_and_every_column_shows(qtbot, demo_5x5, width: int) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register", width, 480)
    shown = [w for w in (*panel.kind_button.values(), panel.transpose_button, panel.colours_label,
                         panel.palette_box, panel.view_button) if w.isVisible()]
    for widget in shown:
        assert _inside(widget, panel), (width, widget.objectName(), widget.geometry())
        assert widget.width() >= widget.sizeHint().width(), (width, widget.objectName())
    assert all(b.isVisible() for b in panel.kind_button.values())
    folded = panel.fit_toolbar()
    assert panel.view_button.isVisible() == (folded > 0)
    assert panel.palette_box.isVisible() == (folded == 0)
    assert panel.transpose_button.isVisible() == (folded < 2)
    if width >= 900:
        assert folded == 0
    if width <= 300:
        assert folded == 2
    if 360 <= width <= 530:
        assert folded == 1, "Transpose stays; Colours goes into the menu"
    view = panel.view()
    assert _inside(view, panel)
    header = view.horizontalHeader()
    assert header.sectionViewportPosition(4) + header.sectionSize(4) <= view.viewport().width()
    assert min(header.sectionSize(c) for c in range(5)) >= 30


def test_the_view_menu_holds_transpose_and_colours(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register", 320, 480)
    assert panel.view_button.isVisible()
    menu = panel.view_button.menu()
    actions = menu.actions()
    assert panel.transpose_action in actions
    colours = next(a.menu() for a in actions if a.menu() is not None)
    assert set(colours.actions()) == set(panel.palette_actions.values())
    panel.transpose_action.trigger()
    assert panel.transposed
    list(panel.palette_actions.values())[1].trigger()
    assert panel.palette_mode == list(panel.palette_actions)[1]


@pytest.mark.parametrize("size", [(1400, 900), (1024, 700)])
def test_panel_in_the_window_fits_its_side_of_the_splitter(qtbot, make_window, demo_5x5_path: Path,
                                                           size: tuple[int, int]) -> None:
    window = make_window(demo_5x5_path)
    panel = HeatMapPanel()
    window.install_heat_map(panel)
    window.resize(*size)
    window.splitter.setSizes([250, size[0] - 250])
    whole = size[0] - 250
    window.top.setSizes([whole - whole * 9 // 20, whole * 9 // 20])
    select_register(window, "Strategic Risk Register")
    qtbot.waitUntil(lambda: panel.grid is not None and panel.width() > 200)
    for widget in (*panel.kind_button.values(), panel.view_button, panel.transpose_button, panel.palette_box,
                   panel.legend(), panel.view()):
        if widget.isVisible():
            assert _inside(widget, panel), (size, widget.objectName(), widget.geometry(), panel.size())
            assert widget.width() >= min(widget.sizeHint().width(), panel.width() - 8)
    view = panel.view()
    header = view.horizontalHeader()
    assert header.sectionViewportPosition(4) + header.sectionSize(4) <= view.viewport().width()
    for button in panel.legend().buttons():
        assert button.width() >= button.sizeHint().width()


# -- 4. the path markers sit in a corner, clear of the references ----------------------------


@pytest.mark.parametrize("size", [(480, 420), (640, 520), (900, 640)])
def test_markers_keep_clear_of_the_references(qtbot, demo_5x5, size: tuple[int, int]) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register", *size)
    panel.highlight_risk(_sr72(panel))
    view = panel.view()
    markers = view.marker_geometry()
    assert set(markers) == {"I", "R", "T"}
    model = panel.heat_model()
    for key, rect in markers.items():
        index = view.indexAt(rect.center().toPoint())
        assert index.isValid()
        cell_rect = QRectF(view.visualRect(index))
        assert cell_rect.contains(rect), key
        # In the bottom-right quarter of its cell.
        assert rect.center().x() > cell_rect.center().x() and rect.center().y() > cell_rect.center().y()
        cell = index.data(CELL_ROLE)
        placed = placed_references(cell_rect, cell, view.font(), 10.0, model.laid_out_references(cell),
                                   view.keep_clear(index))
        for reference in placed:
            assert not reference.rect.intersects(rect), (key, reference.text)
    # The trail's dots too: each sits in a corner its cell's references keep clear of.
    dots = [scores for scores, count in view.marker_counts().items() if count == TRAIL_DOT]
    assert dots, "SR 7.2's past residual scores pass through cells of their own"
    for likelihood, impact in dots:
        index = model.index_of_scores(likelihood, impact)
        cell_rect = QRectF(view.visualRect(index))
        zone = view.keep_clear(index)
        assert zone is not None and zone.contains(trail_point(cell_rect))
        cell = index.data(CELL_ROLE)
        for reference in placed_references(cell_rect, cell, view.font(), 10.0, model.laid_out_references(cell),
                                           zone):
            assert not reference.rect.intersects(zone), reference.text
    rects = list(markers.values())
    for number, first in enumerate(rects):
        for second in rects[number + 1:]:
            assert not first.intersects(second)


def test_markers_of_one_cell_sit_side_by_side(qapp) -> None:
    cell = QRectF(10, 20, 90, 70)
    rects = marker_rects(cell, ["T", "I", "R"])
    assert rects["I"].right() < rects["R"].left() and rects["R"].right() < rects["T"].left()
    zone = marker_zone(cell, 3)
    assert zone is not None
    for rect in rects.values():
        assert cell.contains(rect) and zone.contains(rect)
    header = HeatMapHeader(Qt.Orientation.Horizontal)
    font = header.font()
    font.setPixelSize(10)
    metrics = QFontMetricsF(font)
    area = QRectF(13, 50, 84, 37)
    references = [f"CS {n:02}" for n in range(1, 13)]
    placed = layout_references(area, references, metrics, keep_clear=zone)
    assert placed and any(p.index == -1 for p in placed), "the rest is counted as +N more"
    for reference in placed:
        assert not reference.rect.intersects(zone), reference.text


def test_the_path_never_draws_over_counts_or_references(qtbot, demo_5x5, monkeypatch) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register", 640, 520)
    panel.highlight_risk(_sr72(panel))
    view = panel.view()
    with_path = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    for name in ("_paint_trail", "_paint_path", "_paint_markers"):
        monkeypatch.setattr(view, name, lambda *_args: None)
    view.viewport().repaint()
    without = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    checked = 0
    for rect in view.text_rects():
        box = rect.toAlignedRect().intersected(with_path.rect())
        for y in range(box.top(), box.bottom() + 1):
            for x in range(box.left(), box.right() + 1):
                assert with_path.pixel(x, y) == without.pixel(x, y), (rect, x, y)
                checked += 1
    assert checked > 1000
    assert with_path != without, "the path is drawn"


def test_only_the_emphasised_reference_is_bold(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register", 640, 520)
    grid = panel.grid
    assert grid is not None
    cell = grid.cells[(3, 3)]
    first = cell.risks[0]
    rect = QRectF(0, 0, 64, 90)
    font = panel.view().font()
    placed = placed_references(rect, cell, font, 10.0)
    lines = sorted({p.rect.top() for p in placed})
    assert len(lines) >= 2, "the references wrap in a narrow cell"

    def draw(emphasise: str | None) -> QImage:
        image = QImage(64, 90, QImage.Format.Format_RGB32)
        image.fill(0xFFFFFF)
        painter = QPainter(image)
        colours = band_colours(PaletteMode.SCHEME, grid.scheme, cell.band)
        paint_cell(painter, rect, cell, colours, font, emphasise=emphasise, minimum_pixels=10.0)
        painter.end()
        return image

    plain, marked = draw(None), draw(first.id)
    later = [p for p in placed if p.rect.top() == lines[-1]]
    assert all(p.index != 0 for p in later)
    for reference in later:
        # (the line above's underline may touch the top pixel row)
        box = reference.rect.adjusted(0, 2, 0, 0).toAlignedRect().intersected(plain.rect())
        diff = [(x, y) for y in range(box.top(), box.bottom() + 1) for x in range(box.left(), box.right() + 1)
                if plain.pixel(x, y) != marked.pixel(x, y)]
        assert not diff, (reference.text, diff[:5])
    head = next(p for p in placed if p.index == 0).rect.toAlignedRect()
    assert any(plain.pixel(x, y) != marked.pixel(x, y)
               for y in range(head.top(), head.bottom() + 1) for x in range(head.left(), head.right() + 1))
