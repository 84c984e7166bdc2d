"""Appetite and review cadence as the window shows them: table, tree counts and the heat map's line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from riskdesk.core.appetite import Appetite, default_thresholds
from riskdesk.core.presets import preset
from riskdesk.services.quarter_settings import save_appetite
from riskdesk.services.workspace import Workspace
from riskdesk.ui.register_flag import FLAG_ROLE
from riskdesk.ui.register_tree import NAME
from riskdesk.ui.risk_table import ACTIONS, APPETITE, NEXT_REVIEW
from tests.ui.helpers import select_register


def _row(window, reference: str) -> int:
    model = window.risk_panel.table.model().sourceModel()
    return next(row for row in range(model.rowCount()) if model.risk_at(row).reference == reference)


def test_the_table_names_each_appetite_and_flags_risks_above_it(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    model = window.risk_panel.table.model().sourceModel()
    qtbot.waitUntil(lambda: model.rowCount() == 17)
    # CS 09 is Financial, set Cautious (at most 8) and scores 10; CS 10 is Averse (at most 3) and scores 4.
    assert model.index(_row(window, "CS 09"), APPETITE).data() == "Above (Cautious)"
    assert model.index(_row(window, "CS 10"), APPETITE).data() == "Above (Averse)"
    assert model.index(_row(window, "CS 11"), APPETITE).data() == "Open"
    tip = model.index(_row(window, "CS 09"), APPETITE).data(Qt.ItemDataRole.ToolTipRole)
    assert "over 8" in tip
    # Actions past their due date are counted and coloured (the demo's dates are in 2024).
    actions = model.index(_row(window, "SR 7.2"), ACTIONS)
    qtbot.waitUntil(lambda: actions.data().endswith(" overdue)"))  # actions arrive after the first paint
    assert "overdue" in actions.data(Qt.ItemDataRole.ToolTipRole)
    assert actions.data(Qt.ItemDataRole.ForegroundRole) is not None
    # High risks are reviewed monthly: CS 01 was reviewed on 14 March 2024, so next on 14 April.
    assert model.index(_row(window, "CS 01"), NEXT_REVIEW).data() == "14 Apr 2024"


def test_the_tree_counts_flagged_risks_and_the_heat_map_draws_the_appetite_line(
        make_window, qtbot, demo_5x5_path: Path) -> None:
    workspace = Workspace.open(demo_5x5_path)
    scheme = preset("5x5")
    save_appetite(workspace, Appetite(default="Open", thresholds=default_thresholds(scheme)))
    workspace.close()
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    top = window.tree_model.index(0, NAME)
    assert top.data(FLAG_ROLE) >= 1
    assert f"{top.data(FLAG_ROLE)} flagged" in top.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "above appetite" in top.data(Qt.ItemDataRole.ToolTipRole)
    view = window.heat_map.view()
    qtbot.waitUntil(lambda: view.appetite_line() is not None)
    assert view.appetite_line()[0] == 12  # Open: scores up to 12 in the 5x5 scheme
    segments = view.appetite_segments()
    assert segments, "the appetite line runs along some cell edges"
    assert "Open appetite: scores up to 12" in window.heat_map.path_note.text()
