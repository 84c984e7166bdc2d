"""The heat map shows the right risks in the right cells, and says so in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from riskdesk.core.grid import describe_cell
from riskdesk.core.model import ScoreKind
from riskdesk.services.queries import load_contents
from riskdesk.ui.heatmap import HeatMapPanel
from riskdesk.ui.heatmap.model import CELL_ROLE, RISK_IDS_ROLE, HeatMapModel
from tests.ui.test_heatmap_helpers import make_panel, open_risks, register_risks


def test_model_passes_the_model_tester(qapp, qtmodeltester, demo_5x5) -> None:
    panel = HeatMapPanel()
    risks = register_risks(demo_5x5, None)
    panel.set_data(demo_5x5.scheme, risks)
    model = panel.heat_model()
    assert isinstance(model, HeatMapModel)
    assert model.rowCount() == 5 and model.columnCount() == 5
    qtmodeltester.check(model, force_py=True)
    panel.set_transposed(True)
    qtmodeltester.check(model, force_py=True)


def test_view_is_the_named_item_view(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    assert panel.view().objectName() == "heatMap"
    assert panel.findChild(type(panel.view()), "heatMap") is panel.view()


@pytest.mark.parametrize("demo", ["demo_5x5", "demo_3x3"])
@pytest.mark.parametrize("kind", list(ScoreKind))
def test_counts_add_up_to_the_open_risks_of_every_register(qapp, request, demo: str, kind: ScoreKind) -> None:
    workspace = request.getfixturevalue(demo)
    contents = load_contents(workspace)
    panel = HeatMapPanel()
    panel.set_kind(kind)
    checked = 0
    for register in [None, *contents.registers]:
        risks = register_risks(workspace, register.name if register else None)
        expected = {r.id for r in open_risks(risks) if r.score(kind) is not None}
        assert len(expected) == len(open_risks(risks)), "every open demo risk has all three scores"
        panel.set_data(workspace.scheme, risks)
        model = panel.heat_model()
        total = 0
        placed: list[str] = []
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                cell = index.data(CELL_ROLE)
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if cell.count:
                    assert text.split("\n")[0] == str(cell.count)
                else:
                    assert text == ""
                total += cell.count
                placed.extend(index.data(RISK_IDS_ROLE))
                for risk in cell.risks:
                    score = risk.score(kind)
                    assert (score.likelihood, score.impact) == (cell.likelihood, cell.impact)
        assert total == len(expected)
        assert sorted(placed) == sorted(expected)
        checked += 1
    assert checked >= 4


def test_strategic_register_places_the_seed_risks(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    grid = panel.grid
    assert grid is not None
    strategic = {r.reference for r in grid.cells[(3, 3)].risks}
    assert "SR 7.2" in strategic
    twelve = {r.reference for r in grid.cells[(4, 3)].risks} | {r.reference for r in grid.cells[(3, 4)].risks}
    assert {"SR 7.4", "SR 7.5", "SR 7.7"} <= twelve
    # Likelihood runs down the side with its highest level at the top.
    model = panel.heat_model()
    assert model.headerData(0, Qt.Orientation.Vertical) == "Almost certain (5)"
    assert model.headerData(4, Qt.Orientation.Vertical) == "Rare (1)"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Insignificant (1)"
    assert model.index(1, 2).data(CELL_ROLE).score == 12


def test_clicking_each_cell_filters_to_exactly_its_risks(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, None)
    view = panel.view()
    model = panel.heat_model()
    non_empty = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            expected = {r.id for r in index.data(CELL_ROLE).risks}
            non_empty += bool(expected)
            with qtbot.waitSignal(panel.filterChanged, timeout=2000) as blocker:
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                                 pos=view.visualRect(index).center())
            assert blocker.args == [expected], f"cell {row},{column}"
            assert panel.selected_ids() == expected
    assert non_empty >= 5


def test_clicking_the_selected_cell_again_clears_the_filter(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    view = panel.view()
    index = panel.heat_model().index_of_scores(3, 3)
    corner = view.visualRect(index).topLeft() + view.visualRect(index).center() * 0
    point = corner + type(corner)(6, view.visualRect(index).height() - 6)
    with qtbot.waitSignal(panel.filterChanged) as first:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert first.args[0] and all(isinstance(i, str) for i in first.args[0])
    with qtbot.waitSignal(panel.filterChanged) as second:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert second.args == [None]
    assert panel.selected_ids() is None


def test_ctrl_click_selects_the_union_of_cells(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, None)
    view = panel.view()
    model = panel.heat_model()
    filled = [model.index(r, c) for r in range(5) for c in range(5) if model.index(r, c).data(CELL_ROLE).count]
    first, second = filled[0], filled[1]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(first).center())
    with qtbot.waitSignal(panel.filterChanged) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                         pos=view.visualRect(second).center())
    expected = first.data(RISK_IDS_ROLE) | second.data(RISK_IDS_ROLE)
    assert blocker.args == [expected]


def test_legend_click_selects_every_cell_of_the_band(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, None)
    grid = panel.grid
    assert grid is not None
    buttons = panel.legend().buttons()
    assert [b.text().split(" ")[0] for b in buttons] == ["Low", "Medium", "High"]
    high = next(b for b in buttons if b.text().startswith("High"))
    assert f"{grid.count_in_band('High')} risk" in high.text()
    with qtbot.waitSignal(panel.filterChanged) as blocker:
        qtbot.mouseClick(high, Qt.MouseButton.LeftButton)
    expected = set().union(*(c.risk_ids for c in grid.cells_in_band("High")))
    assert blocker.args == [expected]
    assert len(panel.view().selectionModel().selectedIndexes()) == len(grid.cells_in_band("High"))


SEED_003 = {
    # service area -> impact letter -> {likelihood letter: count}, as printed in the risk profile
    "Care and Protection": {"H": {"L": 1, "M": 3, "H": 1}, "M": {"L": 1, "M": 2}, "L": {"M": 1}},
    "Commissioning and Partnerships": {"H": {"L": 1, "M": 2}, "M": {"L": 2, "M": 1, "H": 1}, "L": {"L": 1}},
    "Schools and Learning": {"H": {"L": 2, "M": 1, "H": 1}, "M": {"L": 3, "M": 1, "H": 1}, "L": {"L": 2}},
}
LETTERS = {"L": 1, "M": 2, "H": 3}


def _seed_counts(area: str) -> dict[tuple[int, int], int]:
    """(impact, likelihood) -> count; the whole service is the sum of its areas.

    The printed profile's overall matrix does not quite match its own areas (it
    was typed by hand); computed counts always add up, so the whole service is
    checked against the sum of the areas.
    """
    expected = {(i, l_): 0 for i in (1, 2, 3) for l_ in (1, 2, 3)}
    areas = list(SEED_003) if area == "Children's Services" else [area]
    for name in areas:
        for impact, row in SEED_003[name].items():
            for likelihood, count in row.items():
                expected[(LETTERS[impact], LETTERS[likelihood])] += count
    return expected


@pytest.mark.parametrize("area", [*SEED_003, "Children's Services"])
def test_3x3_service_areas_show_the_seed_counts(qtbot, demo_3x3, area: str) -> None:
    panel = make_panel(qtbot, demo_3x3, area)
    panel.set_transposed(True)  # impact down the side, as in the risk profile
    model = panel.heat_model()
    assert model.headerData(0, Qt.Orientation.Vertical) == "High (3)"
    shown = {}
    for row in range(3):
        for column in range(3):
            cell = model.index(row, column).data(CELL_ROLE)
            text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            shown[(cell.impact, cell.likelihood)] = int(text.split("\n")[0]) if text else 0
    assert shown == _seed_counts(area)
    # Row 0 is impact High; column 0 likelihood Low.
    assert model.index(0, 0).data(CELL_ROLE).impact == 3
    assert model.index(0, 0).data(CELL_ROLE).likelihood == 1


def test_every_cell_speaks_its_score_band_and_risks(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, None)
    model = panel.heat_model()
    scheme = demo_5x5.scheme
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            cell = index.data(CELL_ROLE)
            sentence = index.data(Qt.ItemDataRole.AccessibleTextRole)
            assert sentence == describe_cell(cell, scheme)
            assert f"score {cell.score}, {cell.band.name}" in sentence
            assert scheme.likelihood_level(cell.likelihood).caption in sentence
            assert scheme.impact_level(cell.impact).caption in sentence
            for reference in cell.references:
                assert reference in sentence
            if not cell.risks:
                assert sentence.endswith("no risks")
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            for risk in cell.risks:
                assert risk.title in tip
    cell = panel.grid.cells[(4, 3)]
    sentence = describe_cell(cell, scheme)
    assert sentence.startswith("Likelihood Highly likely (4), impact Moderate (3): score 12, Medium;")


def test_screen_readers_get_the_sentence(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    QAccessible.setActive(True)
    interface = QAccessible.queryAccessibleInterface(panel.view())
    assert interface is not None and interface.role() == QAccessible.Role.Table
    spoken = []
    headers = []
    for number in range(interface.childCount()):
        child = interface.child(number)
        if child.role() == QAccessible.Role.Cell:
            spoken.append(child.text(QAccessible.Text.Name))
        elif child.role() in (QAccessible.Role.RowHeader, QAccessible.Role.ColumnHeader):
            headers.append(child.text(QAccessible.Text.Name))
    model = panel.heat_model()
    expected = [model.index(r, c).data(Qt.ItemDataRole.AccessibleTextRole) for r in range(5) for c in range(5)]
    assert spoken == expected
    assert any("SR 7.2" in sentence and "score 9, Medium" in sentence for sentence in spoken)
    assert "Almost certain (5)" in " ".join(headers)


def test_views_switch_between_scores(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    risk = next(r for r in panel.grid.cells[(3, 3)].risks if r.reference == "SR 7.2")
    for kind in ScoreKind:
        qtbot.mouseClick(panel.kind_button[kind], Qt.MouseButton.LeftButton)
        assert panel.kind == kind
        score = risk.score(kind)
        assert risk.id in {r.id for r in panel.grid.cells[(score.likelihood, score.impact)].risks}
        assert kind.value.capitalize() in panel.title() or kind.value in panel.title().lower()


def test_selection_survives_new_data_and_reports_new_ids(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, None)
    panel.select_cells([(3, 3)])
    before = panel.selected_ids()
    risks = register_risks(demo_5x5, "Safeguarding and Care")
    with qtbot.waitSignal(panel.filterChanged) as blocker:
        panel.set_data(demo_5x5.scheme, risks)
    in_cell = {r.id for r in risks if r.residual and (r.residual.likelihood, r.residual.impact) == (3, 3)}
    assert blocker.args[0] == in_cell
    assert blocker.args[0] != before
