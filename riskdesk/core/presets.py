"""The scoring schemes riskdesk ships: 5x5 (seed 001), 3x3 L/M/H (seed 003), and common council shapes."""

from __future__ import annotations

from riskdesk.core.scheme import Band, Level, ScoringScheme

GREEN = "#8cc63f"
AMBER = "#ffc000"
RED = "#e2401c"

CATEGORIES = (
    "Financial",
    "Legal / Compliance",
    "Strategic",
    "Safety, Wellbeing & Safeguarding",
    "Reputation",
    "Service Delivery",
)


def five_by_five() -> ScoringScheme:
    """The 5x5 matrix of the strategic monitoring report: Low 1-4, Medium 5-12, High 15-25."""
    likelihood = (
        Level(1, "Rare", "Less than 10%: may happen only in exceptional circumstances"),
        Level(2, "Possible", "10% to 30%: could happen at some time"),
        Level(3, "Probable", "31% to 60%: more likely to happen than not within the plan"),
        Level(4, "Highly likely", "61% to 90%: expected to happen in most circumstances"),
        Level(5, "Almost certain", "Over 90%: expected to happen, or already happening"),
    )
    impact = (
        Level(1, "Insignificant", "Negligible effect on services, people or money"),
        Level(2, "Minor", "Small, short-lived effect, handled within the team"),
        Level(3, "Moderate", "Noticeable effect needing management attention"),
        Level(4, "Major", "Serious effect on a service, its users or the budget"),
        Level(5, "Critical", "Failure of a statutory duty or lasting harm"),
    )
    criteria: dict[str, tuple[str, ...]] = {
        "Financial": ("Under £50k", "£50k to £250k", "£250k to £500k", "£500k to £1m", "Over £1m"),
        "Legal / Compliance": (
            "No legal or regulatory impact",
            "Minimal regulatory impact",
            "Moderate regulatory impact",
            "Regulatory breach or formal notice",
            "Non-compliance with legislation; intervention",
        ),
        "Strategic": (
            "Negligible impact on a priority",
            "Minor impact on a strategic priority",
            "Moderate impact on a strategic priority",
            "Major impact on a strategic priority",
            "Complete failure of a strategic priority",
        ),
        "Safety, Wellbeing & Safeguarding": (
            "No harm",
            "Injury or illness needing minimal treatment",
            "Moderate injury or illness",
            "Major injury; moderate safeguarding breach",
            "Fatality or significant safeguarding failure",
        ),
        "Reputation": (
            "Rumours, no media interest",
            "Short-term local attention",
            "Medium-term negative local attention",
            "Long-term local or national attention",
            "Complete loss of public confidence",
        ),
        "Service Delivery": (
            "Negligible disruption",
            "Minor disruption to services",
            "Serious disruption to less critical services",
            "Major impact on critical services",
            "Complete failure to deliver critical services",
        ),
    }
    bands = (
        Band("Low", 1, 4, GREEN),
        Band("Medium", 5, 12, AMBER),
        Band("High", 15, 25, RED),
    )
    return ScoringScheme("5x5", likelihood, impact, bands, criteria)


def three_by_three() -> ScoringScheme:
    """The 3x3 L/M/H matrix of the risk profile: Low 1-2, Medium 3-4, High 6-9."""
    likelihood = (
        Level(1, "Low", "0 to 40%: unlikely"),
        Level(2, "Medium", "41% to 60%: possible"),
        Level(3, "High", "61% to 100%: likely"),
    )
    impact = (
        Level(1, "Low", "Minor or negligible effect"),
        Level(2, "Medium", "Moderate effect"),
        Level(3, "High", "Major effect or complete failure"),
    )
    criteria: dict[str, tuple[str, ...]] = {
        "Financial": ("£0k to £300k", "£300k to £500k", "Over £500k"),
        "Legal / Compliance": (
            "Minimal or no regulatory impact",
            "Moderate regulatory impact",
            "Non-compliance with legislation or significant regulatory breach",
        ),
        "Strategic": (
            "Minor or negligible impact on a strategic priority",
            "Moderate impact on a strategic priority",
            "Major impact on, or complete failure of, a strategic priority",
        ),
        "Safety, Wellbeing & Safeguarding": (
            "Injury or illness needing minimal treatment",
            "Moderate injury or illness",
            "Fatality, life-changing injury or significant safeguarding breach",
        ),
        "Reputation": (
            "Short-term negative impact; minor complaints",
            "Medium-term negative impact on public memory",
            "Long-term media attention; loss of confidence",
        ),
        "Service Delivery": (
            "Minor or negligible disruption",
            "Serious disruption to less critical services",
            "Major impact on, or failure of, critical services",
        ),
    }
    bands = (
        Band("Low", 1, 2, GREEN),
        Band("Medium", 3, 4, AMBER),
        Band("High", 6, 9, RED),
    )
    return ScoringScheme("3x3", likelihood, impact, bands, criteria)


RED_DARK = "#a50f15"
BLUE_PALE = "#9ecae1"


def four_by_four_weighted() -> ScoringScheme:
    """A 4x4 corporate matrix with weighted impact (1, 2, 4, 8): Low 1-4, Medium 6-12, High 16-32."""
    likelihood = (
        Level(1, "Rare", "May happen only in exceptional circumstances", probability="Less than 10%",
              frequency="Less than once in 10 years"),
        Level(2, "Unlikely", "Could happen at some time", probability="10% to 40%",
              frequency="Once in 2 to 10 years"),
        Level(3, "Possible", "Might happen in the plan's lifetime", probability="40% to 75%",
              frequency="Once in 1 to 2 years"),
        Level(4, "Likely", "Expected to happen, or already happening", probability="Over 75%",
              frequency="At least once a year"),
    )
    impact = (
        Level(1, "Minor", "Little effect on services, people or money", value=1),
        Level(2, "Serious", "Noticeable effect needing management attention", value=2),
        Level(3, "Major", "Serious effect on a service, its users or the budget", value=4),
        Level(4, "Extreme", "Failure of a statutory duty or lasting harm", value=8),
    )
    criteria = _criteria(4)
    bands = (
        Band("Low", 1, 4, GREEN),
        Band("Medium", 6, 12, AMBER),
        Band("High", 16, 32, RED),
    )
    return ScoringScheme("4x4-weighted", likelihood, impact, bands, criteria)


def six_by_five() -> ScoringScheme:
    """A six-level likelihood against a five-level impact: Low 1-4, Medium 5-10, High 11-19, Very high 20-30."""
    likelihood = _six_likelihoods()
    impact = five_by_five().impact
    bands = (
        Band("Low", 1, 4, GREEN),
        Band("Medium", 5, 10, AMBER),
        Band("High", 11, 19, RED),
        Band("Very high", 20, 30, RED_DARK),
    )
    return ScoringScheme("6x5", likelihood, impact, bands, _criteria(5))


def six_by_six() -> ScoringScheme:
    """Six levels each way: Very low 1-3, Low 4-8, Medium 9-15, High 16-24, Very high 25-36."""
    impact = (
        Level(1, "Negligible", "No noticeable effect"),
        Level(2, "Minor", "Small, short-lived effect, handled within the team"),
        Level(3, "Moderate", "Noticeable effect needing management attention"),
        Level(4, "Significant", "Lasting effect on a service or the budget"),
        Level(5, "Major", "Serious effect on a service, its users or the budget"),
        Level(6, "Critical", "Failure of a statutory duty or lasting harm"),
    )
    bands = (
        Band("Very low", 1, 3, BLUE_PALE),
        Band("Low", 4, 8, GREEN),
        Band("Medium", 9, 15, AMBER),
        Band("High", 16, 24, RED),
        Band("Very high", 25, 36, RED_DARK),
    )
    return ScoringScheme("6x6", _six_likelihoods(), impact, bands, _criteria(6))


def _six_likelihoods() -> tuple[Level, ...]:
    return (
        Level(1, "Very rare", "Almost inconceivable", probability="Less than 5%",
              frequency="Less than once in 20 years"),
        Level(2, "Rare", "May happen only in exceptional circumstances", probability="5% to 20%",
              frequency="Once in 10 to 20 years"),
        Level(3, "Unlikely", "Could happen at some time", probability="20% to 40%",
              frequency="Once in 5 to 10 years"),
        Level(4, "Possible", "Might well happen", probability="40% to 60%", frequency="Once in 2 to 5 years"),
        Level(5, "Likely", "Expected to happen in most circumstances", probability="60% to 80%",
              frequency="Once in 1 to 2 years"),
        Level(6, "Almost certain", "Expected to happen, or already happening", probability="Over 80%",
              frequency="At least once a year"),
    )


def _criteria(levels: int) -> dict[str, tuple[str, ...]]:
    """Impact criteria for each category, lowest to highest, at 4, 5 or 6 levels."""
    money = {
        4: ("Under £100k", "£100k to £500k", "£500k to £2m", "Over £2m"),
        5: ("Under £50k", "£50k to £250k", "£250k to £500k", "£500k to £1m", "Over £1m"),
        6: ("Under £25k", "£25k to £100k", "£100k to £250k", "£250k to £500k", "£500k to £1m", "Over £1m"),
    }
    words = {
        4: ("Minor", "Serious", "Major", "Extreme"),
        5: ("Negligible", "Minor", "Moderate", "Major", "Complete"),
        6: ("Negligible", "Minor", "Moderate", "Significant", "Major", "Complete"),
    }[levels]
    topics = {
        "Legal / Compliance": "regulatory impact",
        "Strategic": "impact on a strategic priority",
        "Safety, Wellbeing & Safeguarding": "harm or safeguarding concern",
        "Reputation": "loss of public confidence",
        "Service Delivery": "disruption to services",
    }
    criteria: dict[str, tuple[str, ...]] = {"Financial": money[levels]}
    for category, topic in topics.items():
        criteria[category] = tuple(f"{word} {topic}" for word in words)
    return criteria


PRESETS = {
    "5x5": five_by_five,
    "3x3": three_by_three,
    "4x4-weighted": four_by_four_weighted,
    "6x5": six_by_five,
    "6x6": six_by_six,
}
PRESET_NAMES = tuple(PRESETS)


def preset(name: str) -> ScoringScheme:
    """The preset scheme with this name (see PRESET_NAMES)."""
    try:
        return PRESETS[name]()
    except KeyError:
        choices = ", ".join(PRESET_NAMES[:-1]) + f" or {PRESET_NAMES[-1]}"
        raise KeyError(f"No preset called {name!r}; choose {choices}") from None
