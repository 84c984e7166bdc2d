"""Dates as people type and read them: 31/03/2024, 31 March 2024 or 2024-03-31."""

from __future__ import annotations

import re
from datetime import date, datetime

from riskdesk.core.validation import Problem, ValidationError

# The forms the editor and the spreadsheet import both understand.
DATE_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y")


def date_in_words(value: date | None) -> str:
    """A date as the editor shows it: "31 March 2024" ("" for no date)."""
    return f"{value.day} {value:%B %Y}" if value else ""


def date_short(value: date | None) -> str:
    """A date where room is short, as a table shows it: "21 Mar 2024" ("" for no date)."""
    return f"{value.day} {value:%b %Y}" if value else ""


def read_date(text: str, field: str) -> date | None:
    """A date typed as 2024-03-31, 31/03/2024 or 31 March 2024; empty text is no date.

    Raises ValidationError with a plain sentence: an impossible date such as 31/02/2024
    is named as such, anything else is shown the forms that are understood.
    """
    text = " ".join(text.split())
    if not text:
        return None
    for pattern in DATE_PATTERNS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if _looks_like_a_date(text):
        raise ValidationError([Problem(field, f"{text} is not a real date")])
    caption = field.replace("_", " ").capitalize()
    raise ValidationError([Problem(field, f"{caption} must be a date like 31/03/2024 or 31 March 2024; "
                                          f"got {text!r}")])


def _looks_like_a_date(text: str) -> bool:
    """True for text in a date's shape whose day or month cannot be (31/02/2024, 2024-13-01)."""
    numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if numeric:
        return True
    words = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text)
    if words:
        import calendar  # only for a date that cannot be: not loaded with the window

        month = words.group(2).lower()
        return any(name.lower().startswith(month[:3]) for name in calendar.month_name[1:]) and len(month) >= 3
    return False
