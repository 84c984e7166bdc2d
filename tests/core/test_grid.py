"""The plain-Python grid: where each risk sits, how rows and columns map to scores, what a cell says."""

from __future__ import annotations

from dataclasses import replace

from riskdesk.core.grid import build_grid, describe_cell
from riskdesk.core.model import Risk, RiskStatus, Score, ScoreKind
from riskdesk.core.presets import preset


def _risk(number: int, residual: Score | None, **fields: object) -> Risk:
    return Risk(id=f"r{number}", register_id="reg", reference=f"SR 7.{number}", title=f"Risk {number}",
                inherent=Score(5, 5), residual=residual, target=Score(1, 1), **fields)  # type: ignore[arg-type]


def test_risks_land_in_the_cell_of_the_chosen_score() -> None:
    scheme = preset("5x5")
    risks = [_risk(2, Score(3, 3)), _risk(5, Score(4, 3)), _risk(7, Score(4, 3)), _risk(9, None)]
    grid = build_grid(scheme, risks)
    assert grid.cells[(4, 3)].references == ["SR 7.5", "SR 7.7"]
    assert grid.cells[(3, 3)].risk_ids == {"r2"}
    assert grid.total == 3, "an unscored risk is not placed"
    assert build_grid(scheme, risks, ScoreKind.INHERENT).cells[(5, 5)].count == 4
    assert build_grid(scheme, risks, ScoreKind.TARGET).cells[(1, 1)].count == 4


def test_closed_and_archived_risks_are_left_out_unless_asked() -> None:
    scheme = preset("5x5")
    risks = [_risk(1, Score(2, 2)), _risk(2, Score(2, 2), status=RiskStatus.CLOSED),
             _risk(3, Score(2, 2), archived=True), _risk(4, Score(2, 2), status=RiskStatus.ESCALATED)]
    assert build_grid(scheme, risks).cells[(2, 2)].references == ["SR 7.1", "SR 7.4"]
    assert build_grid(scheme, risks, include_closed=True).cells[(2, 2)].count == 3


def test_likelihood_runs_up_the_side_highest_at_the_top() -> None:
    grid = build_grid(preset("5x5"), [])
    assert (grid.row_count, grid.column_count) == (5, 5)
    assert grid.position_to_scores(0, 0) == (5, 1)
    assert grid.position_to_scores(4, 4) == (1, 5)
    assert grid.row_level(0).caption == "Almost certain (5)"
    assert grid.column_level(0).caption == "Insignificant (1)"
    assert (grid.vertical_title, grid.horizontal_title) == ("Likelihood", "Impact")
    for row in range(5):
        for column in range(5):
            assert grid.scores_to_position(*grid.position_to_scores(row, column)) == (row, column)


def test_transposed_puts_impact_up_the_side() -> None:
    grid = build_grid(preset("3x3"), [_risk(1, Score(1, 3))], transposed=True)
    assert grid.position_to_scores(0, 0) == (1, 3), "top left is likelihood Low, impact High"
    assert grid.cell_at(0, 0).count == 1
    assert grid.row_level(0).number == 3 and grid.column_level(2).number == 3
    assert (grid.vertical_title, grid.horizontal_title) == ("Impact", "Likelihood")
    assert [c.score for c in grid.cells_in_order()][:3] == [3, 6, 9]
    for row in range(3):
        for column in range(3):
            assert grid.scores_to_position(*grid.position_to_scores(row, column)) == (row, column)


def test_per_cell_band_overrides_are_honoured() -> None:
    scheme = preset("5x5")
    assert build_grid(scheme, []).cells[(1, 5)].band.name == "Medium"
    overridden = replace(scheme, cell_overrides={(1, 5): "High"})
    grid = build_grid(overridden, [_risk(1, Score(1, 5))])
    assert grid.cells[(1, 5)].band.name == "High"
    assert grid.count_in_band("High") == 1
    assert (1, 5) in {(c.likelihood, c.impact) for c in grid.cells_in_band("High")}


def test_band_counts_and_bands_in_use() -> None:
    scheme = preset("3x3")
    risks = [_risk(1, Score(3, 3)), _risk(2, Score(2, 3)), _risk(3, Score(1, 1))]
    grid = build_grid(scheme, risks)
    assert [b.name for b in grid.bands_in_use()] == ["Low", "Medium", "High"]
    assert (grid.count_in_band("High"), grid.count_in_band("Medium"), grid.count_in_band("Low")) == (2, 0, 1)
    assert grid.cell_of(risks[0]) is grid.cells[(3, 3)]


def test_a_cell_says_its_scores_band_and_risks() -> None:
    scheme = preset("5x5")
    grid = build_grid(scheme, [_risk(5, Score(4, 3)), _risk(7, Score(4, 3))])
    cell = grid.cells[(4, 3)]
    assert describe_cell(cell, scheme) == (
        "Likelihood Highly likely (4), impact Moderate (3): score 12, Medium; 2 risks: SR 7.5, SR 7.7")
    assert cell.text == "2\nSR 7.5, SR 7.7"
    empty = grid.cells[(1, 1)]
    assert describe_cell(empty, scheme) == "Likelihood Rare (1), impact Insignificant (1): score 1, Low; no risks"
    assert empty.text == ""
    one = build_grid(scheme, [_risk(2, Score(3, 3))]).cells[(3, 3)]
    assert describe_cell(one, scheme).endswith("score 9, Medium; 1 risk: SR 7.2")
