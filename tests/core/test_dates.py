"""Dates as people type them, read the same way by the editor and the spreadsheet import."""

from __future__ import annotations

from datetime import date

import pytest

from riskdesk.core.dates import date_in_words, read_date
from riskdesk.core.validation import ValidationError


@pytest.mark.parametrize("text", ["2025-03-31", "31/03/2025", "31/3/25", "31 March 2025", "31 Mar 2025",
                                  "  31  March   2025 "])
def test_the_forms_people_write(text: str) -> None:
    assert read_date(text, "due_date") == date(2025, 3, 31)


def test_no_text_is_no_date_and_dates_read_back_in_words() -> None:
    assert read_date("   ", "due_date") is None
    assert date_in_words(date(2025, 3, 31)) == "31 March 2025"
    assert date_in_words(None) == ""


@pytest.mark.parametrize(("text", "message"), [
    ("31/02/2025", "31/02/2025 is not a real date"),
    ("30/2/25", "30/2/25 is not a real date"),
    ("2025-13-01", "2025-13-01 is not a real date"),
    ("next week", "Due date must be a date like 31/03/2024 or 31 March 2024; got 'next week'"),
])
def test_impossible_and_unreadable_dates_are_explained(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        read_date(text, "due_date")
    assert [p.message for p in caught.value.problems] == [message]
