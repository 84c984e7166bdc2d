"""Checks that name the field and the reason, e.g. "Residual likelihood must be 1 to 5; got 7"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from riskdesk.core.model import Risk, Score
from riskdesk.core.scheme import ScoringScheme

MAX_REFERENCE = 40
MAX_TITLE = 300
# Every other text (description, comments, a control or action): about 3,000 words, six printed pages.
# ReportLab lays out a paragraph that runs over pages again at each page, so the pack's time grows with
# the square of a text's length: at 100,000 characters one such risk took the committee pack over a
# minute (benchmarks/bench_text_limits.py); at this limit it builds in seconds.
MAX_TEXT = 20_000
LONG_TEXT_FIELDS = ("description", "category", "owner", "accountable_officer", "cabinet_member",
                    "appetite", "proximity", "period_comment")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record: the field and a plain sentence."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


class ValidationError(ValueError):
    """Raised when a record would be invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def score_problems(scheme: ScoringScheme, kind: str, score: Score | None) -> list[Problem]:
    """Problems with one score against the scheme's scales."""
    if score is None:
        return []
    found = []
    label = kind.capitalize()
    for part, value, top in (
        ("likelihood", score.likelihood, scheme.max_likelihood),
        ("impact", score.impact, scheme.max_impact),
    ):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
            found.append(
                Problem(f"{kind}.{part}", f"{label} {part} must be 1 to {top}; got {value}")
            )
    return found


def risk_problems(scheme: ScoringScheme, risk: Risk) -> list[Problem]:
    """Every problem with a risk, each naming its field."""
    found: list[Problem] = []
    reference = risk.reference.strip()
    if not reference:
        found.append(Problem("reference", "Reference must not be empty"))
    elif len(reference) > MAX_REFERENCE:
        found.append(
            Problem("reference", f"Reference must be at most {MAX_REFERENCE} characters")
        )
    if not risk.title.strip():
        found.append(Problem("title", "Title must not be empty"))
    elif len(risk.title) > MAX_TITLE:
        found.append(Problem("title", f"Title must be at most {MAX_TITLE} characters"))
    for name in LONG_TEXT_FIELDS:
        found += text_problems(name, getattr(risk, name))
    found += score_problems(scheme, "inherent", risk.inherent)
    found += score_problems(scheme, "residual", risk.residual)
    found += score_problems(scheme, "target", risk.target)
    if (
        risk.last_reviewed is not None
        and risk.next_review is not None
        and risk.next_review < risk.last_reviewed
    ):
        found.append(
            Problem("next_review", "Next review must not be before the last review")
        )
    return found


def text_problems(field: str, text: str) -> list[Problem]:
    """A text over the limit, named by its field."""
    if len(text) <= MAX_TEXT:
        return []
    caption = field.replace("_", " ").capitalize()
    return [Problem(field, f"{caption} must be at most {MAX_TEXT:,} characters; it has {len(text):,}")]


def validate_risk(scheme: ScoringScheme, risk: Risk) -> None:
    """Raise ValidationError when the risk has any problem."""
    problems = risk_problems(scheme, risk)
    if problems:
        raise ValidationError(problems)


def parse_date(text: str, field: str) -> date | None:
    """Read an ISO date ("2024-03-31"); empty text is no date."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            [Problem(field, f"{field.replace('_', ' ').capitalize()} must be a date like 2024-03-31; got {text!r}")]
        ) from None
