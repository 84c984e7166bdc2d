"""The two scoring schemes riskdesk ships: 5x5 (seed 001) and 3x3 L/M/H (seed 003)."""

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


PRESETS = {"5x5": five_by_five, "3x3": three_by_three}


def preset(name: str) -> ScoringScheme:
    """The preset scheme with this name ("5x5" or "3x3")."""
    try:
        return PRESETS[name]()
    except KeyError:
        raise KeyError(f"No preset called {name!r}; choose 5x5 or 3x3") from None
