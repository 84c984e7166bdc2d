"""Schemes of every shape: weighted values, bands, axis, the checks and the JSON form."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskdesk.core.direction import Direction, direction_of_travel
from riskdesk.core.grid import build_grid, impact_vertical
from riskdesk.core.model import Score
from riskdesk.core.presets import PRESET_NAMES, preset
from riskdesk.core.scheme import Band, Level, ScoringScheme
from riskdesk.core.serialise import SchemeFormatError, scheme_from_dict, scheme_to_dict

SHAPES = {"5x5": (5, 5), "3x3": (3, 3), "4x4-weighted": (4, 4), "6x5": (6, 5), "6x6": (6, 6)}


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_every_preset_is_sound_and_survives_its_json_form(name: str) -> None:
    scheme = preset(name)
    assert scheme.problems() == []
    assert (len(scheme.likelihood), len(scheme.impact)) == SHAPES[name]
    assert scheme_from_dict(scheme_to_dict(scheme)) == scheme
    for category, texts in scheme.criteria.items():
        assert len(texts) == len(scheme.impact), category


def test_weighted_impact_scores_likelihood_value_times_impact_value() -> None:
    scheme = preset("4x4-weighted")
    assert [level.value for level in scheme.impact] == [1, 2, 4, 8]
    assert scheme.score_of(4, 4) == 32
    assert scheme.score_of(3, 3) == 12
    assert scheme.value_of(Score(2, 4)) == 16
    assert scheme.band_for(2, 4).name == "High"
    assert scheme.band_for(3, 3).name == "Medium"
    assert scheme.band_for(1, 4).name == "Medium", "8 = 1 x 8 is amber in the corporate matrix"
    assert scheme.cell_scores() == [1, 2, 3, 4, 6, 8, 12, 16, 24, 32]


@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(1, 4))
def test_direction_follows_the_weighted_score(l1: int, i1: int, l2: int, i2: int) -> None:
    scheme = preset("4x4-weighted")
    before, now = Score(l1, i1), Score(l2, i2)
    got = direction_of_travel(before, now, scheme)
    a, b = scheme.value_of(before), scheme.value_of(now)
    assert got is (Direction.IMPROVED if b < a else Direction.WORSE if b > a else Direction.NO_CHANGE)


def test_a_grid_of_each_shape_has_its_cells_and_scores() -> None:
    for name, (rows, columns) in SHAPES.items():
        scheme = preset(name)
        grid = build_grid(scheme, [])
        assert (grid.row_count, grid.column_count) == (rows, columns)
        assert len(grid.cells_in_order()) == rows * columns
        top_right = grid.cell_at(0, columns - 1)
        assert (top_right.likelihood, top_right.impact) == (rows, columns)
        assert top_right.score == scheme.score_of(rows, columns)
    weighted = build_grid(preset("4x4-weighted"), [])
    assert [c.score for c in weighted.cells_in_order()[:4]] == [4, 8, 16, 32]


def test_the_scheme_says_which_axis_runs_down_the_side() -> None:
    base = preset("6x5")
    assert impact_vertical(base) is False
    turned = dataclasses.replace(base, vertical_axis="impact")
    assert impact_vertical(turned) is True
    assert impact_vertical(turned, "likelihood") is False, "the file's own setting still wins"
    grid = build_grid(turned, [], transposed=impact_vertical(turned))
    assert (grid.row_count, grid.column_count) == (5, 6)
    assert scheme_from_dict(scheme_to_dict(turned)).vertical_axis == "impact"


def _scheme(**changes: object) -> ScoringScheme:
    return dataclasses.replace(preset("5x5"), **changes)  # type: ignore[arg-type]


def test_the_checks_name_what_is_wrong() -> None:
    five = preset("5x5")
    two_levels = _scheme(likelihood=five.likelihood[:2])
    assert "Likelihood needs 3 to 6 levels; got 2" in two_levels.problems()
    seven = tuple(Level(n, f"L{n}") for n in range(1, 8))
    assert "Impact needs 3 to 6 levels; got 7" in _scheme(impact=seven).problems()
    falling = tuple(dataclasses.replace(level, value=6 - level.number) for level in five.impact)
    assert "Impact values must rise from level to level; got 5, 4, 3, 2, 1" in _scheme(impact=falling).problems()
    blank = (dataclasses.replace(five.likelihood[0], label=" "), *five.likelihood[1:])
    assert "Likelihood level 1 needs a label" in _scheme(likelihood=blank).problems()
    bands = (Band("Low", 1, 4, "green"), Band("Medium", 4, 12, "#ffc000"), Band("High", 15, 25, "#e2401c"))
    found = _scheme(bands=bands).problems()
    assert "Band 'Low': the colour must be like #ffc000; got 'green'" in found
    assert "Bands 'Low' and 'Medium' overlap: 1-4 and 4-12" in found
    six = tuple(Band(f"B{n}", n * 5 - 4, n * 5, "#000000") for n in range(1, 7))
    assert "A scheme needs 3 to 5 bands; got 6" in _scheme(bands=six).problems()
    outside = _scheme(cell_overrides={(6, 1): "High"}).problems()
    assert outside == ["Cell override at likelihood 6, impact 1 is outside the grid"]
    assert _scheme(cell_overrides={(1, 1): "Severe"}).problems() == [
        "Cell override at likelihood 1, impact 1 names no band: 'Severe'"]


def test_a_non_square_grid_with_an_override_is_sound() -> None:
    five = preset("5x5")
    bands = (Band("Low", 1, 4, "#8cc63f"), Band("Medium", 5, 11, "#ffc000"), Band("High", 12, 20, "#e2401c"))
    scheme = ScoringScheme("5x4", five.likelihood, five.impact[:4], bands, cell_overrides={(5, 1): "High"})
    assert scheme.problems() == []
    assert scheme.shape == "5x4"
    assert scheme.band_for(5, 1).name == "High"
    assert scheme.band_for(1, 4).name == "Low"


def test_old_files_without_values_read_as_before() -> None:
    stored = scheme_to_dict(preset("5x5"))
    for scale in ("likelihood", "impact"):
        for level in stored[scale]:
            del level["value"]
    assert scheme_from_dict(stored) == preset("5x5")


def test_a_whole_export_gives_its_scheme() -> None:
    assert scheme_from_dict({"format": "riskdesk-export", "scheme": scheme_to_dict(preset("6x6"))}) == preset("6x6")


@pytest.mark.parametrize(("breakage", "message"), [
    (lambda d: d.pop("bands"), "bands must be a list; it is missing"),
    (lambda d: d["impact"][2].update(value="four"), "the value of impact level 3 must be a whole number; got 'four'"),
    (lambda d: d["impact"][1].update(value=0), "the value of impact level 2 must be 1 or more; got 0"),
    (lambda d: d["likelihood"][0].pop("label"), "the label of likelihood level 1 must be text; it is missing"),
    (lambda d: d["bands"][1].update(colour=7), "the colour of band 2 must be text; got 7"),
    (lambda d: d.update(vertical_axis="sideways"), "vertical_axis must be likelihood or impact; got 'sideways'"),
    (lambda d: d.update(criteria={"Financial": "lots"}), "impact criteria for Financial must be a list of texts"),
])
def test_a_bad_scheme_is_refused_naming_the_field(breakage, message: str) -> None:
    data = scheme_to_dict(preset("4x4-weighted"))
    breakage(data)
    with pytest.raises(SchemeFormatError) as caught:
        scheme_from_dict(data)
    assert str(caught.value) == message
