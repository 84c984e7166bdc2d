"""Appetite levels and review cadence worked out from a scheme."""

from __future__ import annotations

from datetime import date

from riskdesk.core.appetite import Appetite, appetite_from_dict, appetite_to_dict, default_thresholds
from riskdesk.core.model import Risk, Score
from riskdesk.core.presets import preset
from riskdesk.core.review_cadence import add_months, cadence_from_dict


def _risk(**fields: object) -> Risk:
    return Risk(id="r", register_id="g", reference="R1", title="A risk", **fields)  # type: ignore[arg-type]


def test_levels_map_to_the_highest_acceptable_score_of_each_scheme() -> None:
    assert default_thresholds(preset("5x5")) == {"Averse": 3, "Minimal": 4, "Cautious": 8, "Open": 12, "Eager": 15}
    assert default_thresholds(preset("3x3")) == {"Averse": 1, "Minimal": 2, "Cautious": 3, "Open": 4, "Eager": 6}


def test_a_risk_takes_its_own_level_else_its_categorys() -> None:
    appetite = appetite_from_dict(None, preset("5x5"))
    assert appetite.level_for(_risk(category="Safety, Wellbeing & Safeguarding")) == "Averse"
    assert appetite.level_for(_risk(category="Legal / Compliance")) == "Minimal"
    assert appetite.level_for(_risk(category="Legal / Compliance", appetite="open")) == "Open"
    assert appetite.level_for(_risk(category="Something else")) == "Cautious"
    assert appetite.outside(_risk(category="Financial"), 9)
    assert not appetite.outside(_risk(category="Financial"), 8)
    assert not appetite.outside(_risk(category="Financial"), None)


def test_an_edited_appetite_is_kept_and_read_back() -> None:
    scheme = preset("5x5")
    edited = Appetite({"Financial": "Eager"}, "Minimal", {**default_thresholds(scheme), "Eager": 20})
    data = appetite_to_dict(edited, scheme)
    assert data["thresholds"] == {"Eager": 20}
    again = appetite_from_dict(data, scheme)
    assert again.limit_for(_risk(category="financial")) == 20
    assert again.limit_for(_risk(category="Reputation")) == 4


def test_next_review_follows_the_band_and_an_earlier_typed_date_wins() -> None:
    cadence = cadence_from_dict({"Medium": 2}, preset("5x5"))
    assert cadence.months == {"Low": 6, "Medium": 2, "High": 1}
    reviewed = date(2024, 1, 31)
    assert cadence.next_review(_risk(residual=Score(5, 5), last_reviewed=reviewed)) == date(2024, 2, 29)
    assert cadence.next_review(_risk(residual=Score(3, 3), last_reviewed=reviewed)) == date(2024, 3, 31)
    assert cadence.next_review(_risk(residual=Score(1, 1), last_reviewed=reviewed)) == date(2024, 7, 31)
    typed = _risk(residual=Score(1, 1), last_reviewed=reviewed, next_review=date(2024, 3, 1))
    assert cadence.next_review(typed) == date(2024, 3, 1)
    assert cadence.overdue(typed, date(2024, 3, 2)) and not cadence.overdue(typed, date(2024, 3, 1))
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
