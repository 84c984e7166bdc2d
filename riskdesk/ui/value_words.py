"""A field's value as a reader says it: used by the editor and by the question about a colleague's change."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from riskdesk.core.dates import date_in_words
from riskdesk.core.model import Score
from riskdesk.core.scheme import ScoringScheme


def value_in_words(scheme: ScoringScheme, value: Any, is_text: bool = False) -> str:
    """A field's value as a reader says it.

    A score in the scheme's words ("Probable (3) × Major (4) = Medium 12"), a date written
    out ("31 March 2024"), a choice by its name, yes or no; text as it is.
    """
    if is_text:
        return "" if value is None else str(value)
    if value is None or value == "":
        return "(none)"
    if isinstance(value, Score):
        band = scheme.band_for(value.likelihood, value.impact)
        return (f"{scheme.likelihood_level(value.likelihood).caption} × {scheme.impact_level(value.impact).caption}"
                f" = {band.name} {scheme.value_of(value)}")
    if isinstance(value, date):
        return date_in_words(value)
    if isinstance(value, Enum):
        return str(value.value).capitalize()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


