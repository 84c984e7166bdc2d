"""The real heat-map panel installed in the main window: filters the table, re-scores with undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer

from riskdesk.core.model import Score
from riskdesk.ui.heatmap import HeatMapPanel
from riskdesk.ui.heatmap.rescore_dialog import RescoreDialog
from tests.ui.helpers import read_risk, select_register, visible_references


def test_panel_in_the_window_filters_and_rescores(qtbot, make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    panel = HeatMapPanel()
    window.install_heat_map(panel)
    select_register(window, "Strategic Risk Register")
    assert window.findChild(type(panel.view()), "heatMap") is panel.view()
    assert panel.grid is not None and panel.grid.total == len(visible_references(window))

    view = panel.view()
    index = panel.heat_model().index_of_scores(3, 3)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert sorted(visible_references(window)) == sorted(index.data(Qt.ItemDataRole.UserRole + 1).references)
    panel.clear_filter()
    assert len(visible_references(window)) == panel.grid.total

    sr72 = next(r for r in panel.grid.cells[(3, 3)].risks if r.reference == "SR 7.2")

    def answer() -> None:
        dialog = panel.findChild(RescoreDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, answer)
            return
        dialog.reason_edit.setPlainText("Audit results improved")
        dialog.ok_button.click()

    QTimer.singleShot(0, answer)
    row, column = panel.grid.scores_to_position(2, 3)
    assert panel.handle_drop([sr72.id], row, column) == 1
    assert read_risk(demo_5x5_path, "SR 7.2").residual == Score(2, 3)
    assert sr72.id in panel.grid.cells[(2, 3)].risk_ids, "the window fed the panel the new score"
    window.undo_stack.undo()
    assert read_risk(demo_5x5_path, "SR 7.2").residual == Score(3, 3)
    assert sr72.id in panel.grid.cells[(3, 3)].risk_ids
