"""Moving a demo definition in time, so its open quarter is the one the demo is made in.

The definitions are written about quarters long past (seed documents of 2020/21 and 2023/24);
left as they are, every review and action would show overdue. Whole quarters are moved, so
period labels, quarter ends and month ends stay true and the story keeps its shape.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from riskdesk.core.periods import quarter_dates, quarter_label
from riskdesk.core.review_cadence import add_months

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A year in running text ("funded until September 2021", "contributions for 2021/22").
_YEAR = re.compile(r"\b(20[1-3]\d)(?:/(\d{2}))?\b")


def written_for(data: dict[str, Any]) -> date:
    """The first day of the definition's open quarter (of its last quarter when none is open)."""
    entry = data.get("open_period") or (data["periods"][-1] if data["periods"] else None)
    if entry and entry.get("start"):
        return date.fromisoformat(entry["start"])
    return date.today()


def quarters_between(earlier: date, later: date) -> int:
    """How many financial quarters lie from the quarter of `earlier` to that of `later`."""
    def index(day: date) -> int:
        return (day.year * 12 + day.month - 4) // 3

    return index(later) - index(earlier)


def moved_definition(data: dict[str, Any], today: date) -> dict[str, Any]:
    """The definition moved by whole quarters so that its open quarter is the one `today` falls in."""
    quarters = quarters_between(written_for(data), today)
    if quarters == 0:
        return data
    months = 3 * quarters
    years = quarter_financial_year(today) - quarter_financial_year(written_for(data))
    moved: dict[str, Any] = _move(data, months, years)
    return moved


def quarter_financial_year(day: date) -> int:
    """The year a day's financial year starts in (April to March)."""
    return day.year if day.month >= 4 else day.year - 1


def move_day(day: date, months: int) -> date:
    """The same day so many months on; a month's last day stays its month's last day."""
    moved = add_months(day, months)
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return moved.replace(day=calendar.monthrange(moved.year, moved.month)[1])
    return moved


def _move(value: Any, months: int, years: int) -> Any:
    if isinstance(value, dict):
        return {_move_text(key, months, years): _move(item, months, years) for key, item in value.items()}
    if isinstance(value, list):
        return [_move(item, months, years) for item in value]
    if isinstance(value, str):
        return _move_text(value, months, years)
    return value


def _move_text(text: str, months: int, years: int) -> str:
    if _ISO_DAY.fullmatch(text):
        return move_day(date.fromisoformat(text), months).isoformat()
    span = quarter_dates(text)
    if span is not None:
        return quarter_label(move_day(span[0], months))
    return _YEAR.sub(lambda match: _year_text(match, years), text)


def _year_text(match: re.Match[str], years: int) -> str:
    year = int(match.group(1)) + years
    if match.group(2) is None:
        return str(year)
    return f"{year}/{(year + 1) % 100:02d}"
