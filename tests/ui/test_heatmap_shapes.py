"""The heat map draws every shape: a weighted 4x4, a 6x5 and a 6x6, with the right cells and bands."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from riskdesk.ui.heatmap.model import BAND_ROLE, CELL_ROLE, SCORES_ROLE
from riskdesk.ui.heatmap.palette import PaletteMode
from tests.shaped import SHAPED, shaped_register
from tests.ui.test_heatmap_helpers import make_panel

ROWS_COLUMNS = {"4x4-weighted": (4, 4), "6x5": (6, 5), "6x6": (6, 6)}


@pytest.mark.parametrize("name", SHAPED)
def test_each_shape_has_its_cells_bands_and_top_risk(qtbot, name: str, demo_5x5_path: Path, tmp_path: Path) -> None:
    workspace = shaped_register(demo_5x5_path, tmp_path, name)
    scheme = workspace.scheme
    try:
        panel = make_panel(qtbot, workspace, "Strategic Risk Register", 900, 700)
    finally:
        workspace.close()
    model = panel.heat_model()
    rows, columns = ROWS_COLUMNS[name]
    assert (model.rowCount(), model.columnCount()) == (rows, columns)
    seen = set()
    for row in range(rows):
        for column in range(columns):
            index = model.index(row, column)
            likelihood, impact = index.data(SCORES_ROLE)
            seen.add((likelihood, impact))
            cell = index.data(CELL_ROLE)
            assert cell.score == scheme.score_of(likelihood, impact)
            assert index.data(BAND_ROLE) == scheme.band_for(likelihood, impact).name
            sentence = index.data(Qt.ItemDataRole.AccessibleTextRole)
            assert f"score {cell.score}, {cell.band.name}" in sentence
    assert len(seen) == rows * columns
    top = model.index(0, columns - 1)
    assert top.data(SCORES_ROLE) == (scheme.max_likelihood, scheme.max_impact)
    assert "TOP 1" in top.data(Qt.ItemDataRole.DisplayRole)
    assert {model.index(r, c).data(BAND_ROLE) for r in range(rows) for c in range(columns)} == {
        band.name for band in scheme.bands}, "every band of these presets colours some cell"
    # The cell is painted in its band's colour: sample the middle of the top right cell.
    view = panel.view()
    image = view.viewport().grab().toImage()
    rect = view.visualRect(top)
    pixel = QColor(image.pixel(rect.center().x(), rect.bottom() - 3))
    assert panel.palette_mode is PaletteMode.SCHEME
    assert pixel.name() == scheme.band_for(scheme.max_likelihood, scheme.max_impact).colour


def test_a_scheme_changed_to_impact_down_the_side_turns_the_map(qtbot, demo_5x5_path: Path, tmp_path: Path) -> None:
    import dataclasses

    workspace = shaped_register(demo_5x5_path, tmp_path, "6x5")
    try:
        panel = make_panel(qtbot, workspace, None)
        model = panel.heat_model()
        assert (model.rowCount(), model.columnCount()) == (6, 5)
        turned = dataclasses.replace(workspace.scheme, vertical_axis="impact")
        panel.set_data(turned, [])
        assert panel.transposed and (model.rowCount(), model.columnCount()) == (5, 6)
    finally:
        workspace.close()
