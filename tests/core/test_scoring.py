"""Bands and direction of travel over every score of both presets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskdesk.core.direction import Direction, arrow_for, direction_of_travel
from riskdesk.core.model import Score
from riskdesk.core.presets import preset, three_by_three
from riskdesk.core.scheme import Band

FIVE = preset("5x5")
THREE = preset("3x3")


def scores(top: int) -> st.SearchStrategy[Score]:
    return st.builds(Score, st.integers(1, top), st.integers(1, top))


@pytest.mark.parametrize("scheme", [FIVE, THREE], ids=["5x5", "3x3"])
def test_every_cell_of_a_preset_has_exactly_one_band(scheme) -> None:
    assert scheme.problems() == []
    for likelihood in range(1, scheme.max_likelihood + 1):
        for impact in range(1, scheme.max_impact + 1):
            value = likelihood * impact
            matching = [band for band in scheme.bands if band.contains(value)]
            assert len(matching) == 1, (likelihood, impact)
            assert scheme.band_for(likelihood, impact) == matching[0]


@given(scores(5))
def test_five_by_five_bands_follow_the_monitoring_report(score: Score) -> None:
    band = FIVE.band_for(score.likelihood, score.impact).name
    expected = "Low" if score.value <= 4 else "Medium" if score.value <= 12 else "High"
    assert band == expected


@given(scores(3))
def test_three_by_three_bands_follow_the_risk_profile(score: Score) -> None:
    band = THREE.band_for(score.likelihood, score.impact).name
    expected = "Low" if score.value <= 2 else "Medium" if score.value <= 4 else "High"
    assert band == expected


def test_the_profile_high_cells_are_the_three_top_right_cells() -> None:
    high = {
        (likelihood, impact)
        for likelihood in range(1, 4)
        for impact in range(1, 4)
        if THREE.band_for(likelihood, impact).name == "High"
    }
    assert high == {(2, 3), (3, 2), (3, 3)}


@given(scores(5), scores(5))
def test_direction_compares_the_residual_products(previous: Score, current: Score) -> None:
    direction = direction_of_travel(previous, current)
    if current.value < previous.value:
        assert direction is Direction.IMPROVED
    elif current.value > previous.value:
        assert direction is Direction.WORSE
    else:
        assert direction is Direction.NO_CHANGE


@given(st.one_of(st.none(), scores(3)))
def test_no_previous_score_means_new(current: Score | None) -> None:
    assert direction_of_travel(None, current) is Direction.NEW


@given(scores(3), scores(3))
def test_direction_is_antisymmetric(a: Score, b: Score) -> None:
    forward, backward = direction_of_travel(a, b), direction_of_travel(b, a)
    swapped = {Direction.IMPROVED: Direction.WORSE, Direction.WORSE: Direction.IMPROVED,
               Direction.NO_CHANGE: Direction.NO_CHANGE}
    assert backward is swapped[forward]


def test_every_direction_has_a_distinct_arrow_in_each_style() -> None:
    for style in ("arrows", "triangles"):
        glyphs = {arrow_for(direction, style) for direction in Direction}
        assert len(glyphs) == len(Direction)
    assert arrow_for(Direction.NO_CHANGE) == "⇨"  # as printed in the monitoring report


def test_a_scheme_with_a_gap_in_its_bands_is_reported() -> None:
    scheme = three_by_three()
    broken = type(scheme)(scheme.name, scheme.likelihood, scheme.impact,
                          (Band("Low", 1, 2, "#00ff00"), Band("High", 6, 9, "#ff0000")))
    problems = broken.problems()
    assert any("Score 3" in p for p in problems)
    assert any("Score 4" in p for p in problems)


def test_a_cell_override_changes_only_that_cell() -> None:
    scheme = five_by_five_with_override()
    assert scheme.band_for(5, 1).name == "High"
    assert scheme.band_for(1, 5).name == "Medium"
    assert scheme.problems() == []


def five_by_five_with_override():
    base = preset("5x5")
    return type(base)(base.name, base.likelihood, base.impact, base.bands, base.criteria, {(5, 1): "High"})


def test_unknown_preset_is_refused_with_a_sentence() -> None:
    with pytest.raises(KeyError, match="choose 5x5, 3x3"):
        preset("4x4")
