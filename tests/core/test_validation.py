"""Validation names the field and the reason."""

from __future__ import annotations

from datetime import date

import pytest

from riskdesk.core.model import Risk, Score
from riskdesk.core.presets import preset
from riskdesk.core.validation import ValidationError, parse_date, risk_problems, validate_risk

FIVE = preset("5x5")


def risk(**changes) -> Risk:
    base = Risk(id="r1", register_id="g1", reference="SR 7.2", title="Ineffective practice")
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def test_an_impossible_likelihood_names_field_range_and_value() -> None:
    problems = risk_problems(FIVE, risk(residual=Score(7, 3)))
    assert [p.message for p in problems] == ["Residual likelihood must be 1 to 5; got 7"]
    assert problems[0].field == "residual.likelihood"


def test_zero_impact_on_a_three_by_three_is_refused() -> None:
    problems = risk_problems(preset("3x3"), risk(target=Score(2, 0)))
    assert [p.message for p in problems] == ["Target impact must be 1 to 3; got 0"]


def test_empty_reference_and_title_are_both_reported() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_risk(FIVE, risk(reference="  ", title=""))
    fields = [p.field for p in caught.value.problems]
    assert fields == ["reference", "title"]


def test_next_review_before_last_review_is_refused() -> None:
    problems = risk_problems(FIVE, risk(last_reviewed=date(2024, 3, 1), next_review=date(2024, 1, 1)))
    assert [p.field for p in problems] == ["next_review"]


def test_a_valid_risk_has_no_problems() -> None:
    assert risk_problems(FIVE, risk(inherent=Score(5, 5), residual=Score(3, 3), target=Score(1, 1))) == []


def test_bad_date_text_is_named() -> None:
    with pytest.raises(ValidationError, match="Next review must be a date like 2024-03-31; got '31/13/2024'"):
        parse_date("31/13/2024", "next_review")
    assert parse_date(" ", "next_review") is None
    assert parse_date("2024-03-31", "next_review") == date(2024, 3, 31)
