"""Risk appetite: per category, a level (Averse to Eager) that sets the highest acceptable score.

Kept in the file under the meta key "appetite" as {"categories": {name: level}, "default": level,
"thresholds": {level: score}}; anything missing takes the defaults below, worked out from the scheme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from riskdesk.core.model import Risk
from riskdesk.core.scheme import ScoringScheme

LEVELS = ("Averse", "Minimal", "Cautious", "Open", "Eager")
META_KEY = "appetite"

# The common categories of council registers, with the level most councils set for them.
DEFAULT_CATEGORIES: dict[str, str] = {
    "Financial": "Cautious",
    "Legal and compliance": "Minimal",
    "Reputation": "Cautious",
    "Safeguarding": "Averse",
    "Service delivery": "Cautious",
    "Strategic": "Open",
    "People": "Cautious",
}
DEFAULT_LEVEL = "Cautious"
# Words in a risk's own category that say which common category it is ("Safety, Wellbeing &
# Safeguarding" is Safeguarding; "Legal / Compliance" is Legal and compliance).
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "Financial": ("financ", "budget", "cost"),
    "Legal and compliance": ("legal", "complian", "regulat"),
    "Reputation": ("reput",),
    "Safeguarding": ("safeguard", "safety", "wellbeing"),
    "Service delivery": ("service", "deliver", "operation"),
    "Strategic": ("strateg",),
    "People": ("people", "workforce", "staff", "hr"),
}
# Words a register may already hold in a risk's appetite field that mean one of our levels.
_ALIASES = {"moderate": "Cautious", "low": "Minimal", "medium": "Cautious", "high": "Open",
            "none": "Averse", "zero": "Averse", "hungry": "Eager"}


def default_thresholds(scheme: ScoringScheme) -> dict[str, int]:
    """The highest acceptable score of each level in a scheme, worked out from its bands.

    Minimal is the top of the lowest band; Open the top of the band below the highest; Eager
    the lowest score that reaches the highest band; Averse the score just under Minimal and
    Cautious the score halfway between Minimal and Open. A 5x5 scheme gives 3, 4, 8, 12, 15;
    a 3x3 one 1, 2, 3, 4, 6.
    """
    scores = scheme.cell_scores()
    bands = sorted(scheme.bands, key=lambda b: b.low)
    minimal = _at_most(scores, bands[0].high)
    top = bands[-1]
    open_ = _at_most(scores, bands[-2].high) if len(bands) >= 2 else scores[len(scores) // 2]
    eager = next((s for s in scores if s >= top.low), scores[-1])
    averse = _at_most(scores, minimal - 1) if minimal > scores[0] else scores[0]
    cautious = _at_most(scores, (minimal + open_) // 2)
    values = [averse, minimal, max(cautious, minimal), max(open_, cautious, minimal), max(eager, open_)]
    return dict(zip(LEVELS, values, strict=True))


def _at_most(scores: list[int], limit: int) -> int:
    below = [s for s in scores if s <= limit]
    return below[-1] if below else scores[0]


@dataclass(frozen=True)
class Appetite:
    """A file's appetite: a level per category, and the highest acceptable score per level."""

    categories: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_CATEGORIES))
    default: str = DEFAULT_LEVEL
    thresholds: dict[str, int] = field(default_factory=dict)

    def threshold(self, level: str) -> int | None:
        """The highest acceptable score at a level (None for a level this file does not know)."""
        return self.thresholds.get(level)

    def category_key(self, category: str) -> str | None:
        """Which of this file's categories a risk's category text is."""
        text = _words(category)
        if not text:
            return None
        for name in self.categories:
            if _words(name) == text:
                return name
        for name, keywords in _KEYWORDS.items():
            if name in self.categories and any(k in text for k in keywords):
                return name
        return None

    def level_for(self, risk: Risk) -> str:
        """The appetite level that applies to a risk: its own where set, else its category's."""
        own = level_named(risk.appetite)
        if own is not None:
            return own
        key = self.category_key(risk.category)
        return self.categories.get(key, self.default) if key else self.default

    def limit_for(self, risk: Risk) -> int | None:
        """The highest acceptable residual score for a risk."""
        return self.threshold(self.level_for(risk))

    def outside(self, risk: Risk, value: int | None) -> bool:
        """True when a score of the risk (its value in the file's scheme) is above its appetite."""
        limit = self.limit_for(risk)
        return value is not None and limit is not None and value > limit


def level_named(text: str) -> str | None:
    """One of the five levels from what a user typed ("cautious", "Moderate"), or None."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    for level in LEVELS:
        if cleaned == level.lower():
            return level
    return _ALIASES.get(cleaned)


def _words(text: str) -> str:
    cleaned = text.lower().replace("&", " and ").replace("/", " and ")
    return " ".join(re.findall(r"[a-z]+", cleaned))


def appetite_from_dict(data: dict[str, Any] | None, scheme: ScoringScheme) -> Appetite:
    """The appetite kept in the file, with the scheme's default scores for any level not set."""
    data = data or {}
    thresholds = default_thresholds(scheme)
    for level, value in (data.get("thresholds") or {}).items():
        if level in thresholds and isinstance(value, int):
            thresholds[level] = value
    categories = {str(k): str(v) for k, v in (data.get("categories") or DEFAULT_CATEGORIES).items()
                  if str(v) in LEVELS}
    default = str(data.get("default") or DEFAULT_LEVEL)
    return Appetite(categories, default if default in LEVELS else DEFAULT_LEVEL, thresholds)


def appetite_to_dict(appetite: Appetite, scheme: ScoringScheme) -> dict[str, Any]:
    """The appetite as kept in the file: only thresholds that differ from the scheme's defaults."""
    defaults = default_thresholds(scheme)
    return {
        "categories": dict(appetite.categories),
        "default": appetite.default,
        "thresholds": {k: v for k, v in appetite.thresholds.items() if defaults.get(k) != v},
    }
