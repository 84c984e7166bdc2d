"""Financial quarters: labels, their dates and the next one."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from riskdesk.core.periods import next_period_label, quarter_dates, quarter_label


def test_labels_follow_the_financial_year() -> None:
    assert quarter_label(date(2024, 5, 15)) == "Q1 2024/25"
    assert quarter_label(date(2024, 12, 31)) == "Q3 2024/25"
    assert quarter_label(date(2025, 2, 10)) == "Q4 2024/25"
    assert quarter_dates("Q4 2023/24") == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_dates("Q1 2024/25") == (date(2024, 4, 1), date(2024, 6, 30))
    assert quarter_dates("March 2021") is None
    assert next_period_label("Q4 2099/00") == "Q1 2100/01"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)))
def test_every_day_lies_in_its_quarter_and_the_next_quarter_follows(day: date) -> None:
    label = quarter_label(day)
    dates = quarter_dates(label)
    assert dates is not None and dates[0] <= day <= dates[1]
    after = dates[1] + timedelta(days=1)
    assert next_period_label(label) == quarter_label(after)
