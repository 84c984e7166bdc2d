"""How often each risk is reviewed: a number of months per band (High monthly, Medium quarterly...).

Kept in the file under the meta key "review_cadence" as {band name: months}; bands not set take
a default from their place in the scheme (the highest monthly, the lowest six-monthly, the
ones between quarterly).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from riskdesk.core.model import Risk, RiskStatus
from riskdesk.core.scheme import ScoringScheme

META_KEY = "review_cadence"


def default_months(scheme: ScoringScheme) -> dict[str, int]:
    """Months between reviews per band: highest band 1, lowest 6, the rest 3."""
    ordered = sorted(scheme.bands, key=lambda b: b.low)
    months: dict[str, int] = {}
    for index, band in enumerate(ordered):
        months[band.name] = 1 if index == len(ordered) - 1 else 6 if index == 0 else 3
    return months


def add_months(day: date, months: int) -> date:
    """The same day so many months later (31 January + 1 month is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    days_in_month = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, days_in_month))


@dataclass(frozen=True)
class ReviewCadence:
    """Months between reviews for each band of the file's scheme."""

    scheme: ScoringScheme
    months: dict[str, int]

    def months_for(self, risk: Risk) -> int | None:
        """Months between reviews of a risk, from the band of its residual score."""
        if risk.residual is None:
            return None
        band = self.scheme.band_for(risk.residual.likelihood, risk.residual.impact)
        return self.months.get(band.name)

    def next_review(self, risk: Risk) -> date | None:
        """When the risk is next due for review.

        The band's cadence from the last review; an earlier date typed by the user wins,
        since someone asked for that review sooner.
        """
        months = self.months_for(risk)
        computed = add_months(risk.last_reviewed, months) if risk.last_reviewed and months else None
        if computed is None:
            return risk.next_review
        if risk.next_review is not None and risk.next_review < computed:
            return risk.next_review
        return computed

    def overdue(self, risk: Risk, today: date) -> bool:
        """True when an open risk's next review date has passed."""
        due = self.next_review(risk)
        return due is not None and due < today and risk.status != RiskStatus.CLOSED


def cadence_from_dict(data: dict[str, Any] | None, scheme: ScoringScheme) -> ReviewCadence:
    """The cadence kept in the file, with defaults for bands not set."""
    months = default_months(scheme)
    for name, value in (data or {}).items():
        if name in months and isinstance(value, int) and 1 <= value <= 36:
            months[name] = value
    return ReviewCadence(scheme, months)


def cadence_to_dict(cadence: ReviewCadence) -> dict[str, int]:
    """The cadence as kept in the file."""
    return dict(cadence.months)
