"""Reporting quarters of the council's financial year (April to March)."""

from __future__ import annotations

import re
from datetime import date

_QUARTER = re.compile(r"Q([1-4]) (\d{4})/(\d{2})")


def quarter_label(day: date) -> str:
    """The financial quarter a day falls in: 15 May 2024 is "Q1 2024/25", 10 Feb 2025 "Q4 2024/25"."""
    start_year = day.year if day.month >= 4 else day.year - 1
    quarter = (day.month - 4) % 12 // 3 + 1
    return f"Q{quarter} {start_year}/{(start_year + 1) % 100:02d}"


def quarter_dates(label: str) -> tuple[date, date] | None:
    """First and last day of a quarter label such as "Q4 2023/24" (None for other labels)."""
    match = _QUARTER.fullmatch(label.strip())
    if not match:
        return None
    quarter, start_year = int(match.group(1)), int(match.group(2))
    first_month = (3 + 3 * (quarter - 1)) % 12 + 1
    year = start_year if first_month >= 4 else start_year + 1
    last_month = first_month + 2
    last_day = {3: 31, 6: 30, 9: 30, 12: 31}[last_month]
    return date(year, first_month, 1), date(year, last_month, last_day)


def next_period_label(label: str) -> str:
    """The quarter after "Q4 2023/24" is "Q1 2024/25"; anything else gets no guess."""
    match = _QUARTER.fullmatch(label.strip())
    if not match:
        return ""
    quarter, start = int(match.group(1)), int(match.group(2))
    if quarter < 4:
        return f"Q{quarter + 1} {start}/{(start + 1) % 100:02d}"
    return f"Q1 {start + 1}/{(start + 2) % 100:02d}"
