"""Scoring schemes: likelihood and impact levels, impact criteria and bands.

A scheme is any grid from 3x3 to 6x6, not necessarily square. Each level scores a
value (its number unless the council weights it, e.g. impacts 1, 2, 4, 8) and a cell
scores likelihood value x impact value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from riskdesk.core.model import Score

MIN_LEVELS, MAX_LEVELS = 3, 6
MIN_BANDS, MAX_BANDS = 3, 5
AXES = ("likelihood", "impact")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Level:
    """One step of a likelihood or impact scale, e.g. "Possible (2)"."""

    number: int
    label: str
    description: str = ""
    value: int = 0  # what the level scores; 0 when written means "its number"
    # How a likelihood is put in numbers, as a council's strategy prints it.
    probability: str = ""  # e.g. "10% to 30%"
    frequency: str = ""  # e.g. "Once in 5 to 10 years"

    def __post_init__(self) -> None:
        if self.value == 0:
            object.__setattr__(self, "value", self.number)

    @property
    def caption(self) -> str:
        """The label with its number, as the seeds print it: "Possible (2)"."""
        return f"{self.label} ({self.number})"

    @property
    def weighted(self) -> bool:
        """True when the level scores something other than its number."""
        return self.value != self.number

    @property
    def key_text(self) -> str:
        """The description with the probability and frequency not already in it, for scoring keys."""
        parts = [text for text in (self.probability, self.frequency) if text and text not in self.description]
        return "; ".join([*parts, self.description] if self.description else parts)


@dataclass(frozen=True)
class Band:
    """A named range of scores with the colour it is drawn in."""

    name: str
    low: int
    high: int
    colour: str  # "#rrggbb"

    def contains(self, score: int) -> bool:
        """True when the score falls inside this band's range."""
        return self.low <= score <= self.high


@dataclass(frozen=True)
class ScoringScheme:
    """A council's methodology: scales, criteria per category and bands."""

    name: str
    likelihood: tuple[Level, ...]
    impact: tuple[Level, ...]
    bands: tuple[Band, ...]
    # Category name -> one text per impact level, lowest level first.
    criteria: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # (likelihood, impact) -> band name, for councils that colour a cell
    # differently from what its score alone would give.
    cell_overrides: dict[tuple[int, int], str] = field(default_factory=dict)
    # Which scale runs down the side of every matrix: "likelihood", "impact",
    # or "" for the usual way (impact for a three-level L/M/H grid).
    vertical_axis: str = ""

    @cached_property  # asked for at every score checked (three a risk at import)
    def max_likelihood(self) -> int:
        """The highest likelihood number."""
        return max(level.number for level in self.likelihood)

    @cached_property
    def max_impact(self) -> int:
        """The highest impact number."""
        return max(level.number for level in self.impact)

    @property
    def shape(self) -> str:
        """Likelihood levels x impact levels, e.g. "6x5"."""
        return f"{len(self.likelihood)}x{len(self.impact)}"

    @property
    def weighted(self) -> bool:
        """True when any level scores other than its number."""
        return any(level.weighted for level in (*self.likelihood, *self.impact))

    def likelihood_level(self, number: int) -> Level:
        """The likelihood level with this number."""
        return _find_level(self.likelihood, number, "likelihood")

    def impact_level(self, number: int) -> Level:
        """The impact level with this number."""
        return _find_level(self.impact, number, "impact")

    @cached_property
    def _values(self) -> tuple[dict[int, int], dict[int, int]]:
        # Bands are looked up for every row the table paints: a dictionary, not a scan.
        return ({lv.number: lv.value for lv in self.likelihood}, {lv.number: lv.value for lv in self.impact})

    def score_of(self, likelihood: int, impact: int) -> int:
        """What a cell scores: likelihood value x impact value."""
        likelihoods, impacts = self._values
        try:
            return likelihoods[likelihood] * impacts[impact]
        except KeyError:
            raise KeyError(f"No cell at likelihood {likelihood}, impact {impact} in the {self.name} scheme") from None

    def value_of(self, score: Score) -> int:
        """What a likelihood and impact score in this scheme."""
        return self.score_of(score.likelihood, score.impact)

    def band_named(self, name: str) -> Band:
        """The band with this name."""
        for band in self.bands:
            if band.name == name:
                return band
        raise KeyError(f"No band called {name!r} in the {self.name} scheme")

    def band_for_score(self, score: int) -> Band:
        """The band a bare score falls in (no per-cell override)."""
        for band in self.bands:
            if band.contains(score):
                return band
        raise ValueError(f"Score {score} is in no band of the {self.name} scheme")

    def band_for(self, likelihood: int, impact: int) -> Band:
        """The band of a cell, honouring any per-cell override."""
        band = self._cell_bands.get((likelihood, impact))
        return band if band is not None else self._band_of_cell(likelihood, impact)

    @cached_property
    def _cell_bands(self) -> dict[tuple[int, int], Band]:
        # Every table row, badge and matrix cell asks for a band: worked out once per cell.
        table = {}
        for level_l in self.likelihood:
            for level_i in self.impact:
                try:
                    table[(level_l.number, level_i.number)] = self._band_of_cell(level_l.number, level_i.number)
                except (KeyError, ValueError):
                    continue  # a cell in no band: asking for it raises the sentence that says so
        return table

    def _band_of_cell(self, likelihood: int, impact: int) -> Band:
        override = self.cell_overrides.get((likelihood, impact))
        if override is not None:
            return self.band_named(override)
        return self.band_for_score(self.score_of(likelihood, impact))

    def band_rank(self, band: Band) -> int:
        """Position of a band from lowest (0) to highest."""
        ordered = sorted(self.bands, key=lambda b: b.low)
        return [b.name for b in ordered].index(band.name)

    def cell_scores(self) -> list[int]:
        """Every score a cell of this grid can make, lowest first."""
        likelihoods, impacts = self._values
        return sorted({a * b for a in likelihoods.values() for b in impacts.values()})

    def problems(self) -> list[str]:
        """Everything wrong with this scheme, as sentences naming the field; empty when it is sound."""
        found: list[str] = []
        if not self.name.strip():
            found.append("The scheme needs a name")
        for scale, levels in (("Likelihood", self.likelihood), ("Impact", self.impact)):
            found += _scale_problems(scale, levels)
        if self.vertical_axis not in ("", *AXES):
            found.append(f"The axis down the side must be likelihood or impact; got {self.vertical_axis!r}")
        if found:
            return found  # cells cannot be checked against broken scales
        found += _band_problems(self.bands)
        names = {band.name for band in self.bands}
        for (likelihood, impact), band in sorted(self.cell_overrides.items()):
            if likelihood not in self._values[0] or impact not in self._values[1]:
                found.append(f"Cell override at likelihood {likelihood}, impact {impact} is outside the grid")
            elif band not in names:
                found.append(f"Cell override at likelihood {likelihood}, impact {impact} names no band: {band!r}")
        for level_l in self.likelihood:
            for level_i in self.impact:
                if (level_l.number, level_i.number) in self.cell_overrides:
                    continue
                score = self.score_of(level_l.number, level_i.number)
                if not any(band.contains(score) for band in self.bands):
                    found.append(f"Score {score} (likelihood {level_l.number}, impact {level_i.number}) "
                                 "is in no band")
        for category, texts in self.criteria.items():
            if not category.strip():
                found.append("Every impact criteria category needs a name")
            if len(texts) != len(self.impact):
                found.append(f"Impact criteria for {category} need {len(self.impact)} texts, one per impact "
                             f"level; got {len(texts)}")
        return list(dict.fromkeys(found))


def _scale_problems(scale: str, levels: tuple[Level, ...]) -> list[str]:
    found: list[str] = []
    if not MIN_LEVELS <= len(levels) <= MAX_LEVELS:
        found.append(f"{scale} needs {MIN_LEVELS} to {MAX_LEVELS} levels; got {len(levels)}")
    numbers = [level.number for level in levels]
    if numbers != list(range(1, len(levels) + 1)):
        found.append(f"{scale} levels must be numbered 1 to {len(levels)}")
    labels = [level.label.strip().lower() for level in levels]
    for level in levels:
        if not level.label.strip():
            found.append(f"{scale} level {level.number} needs a label")
        elif labels.count(level.label.strip().lower()) > 1:
            found.append(f"{scale} level {level.number}: the label {level.label!r} is used twice")
        if level.value < 1:
            found.append(f"{scale} level {level.number}: the value must be 1 or more; got {level.value}")
    values = [level.value for level in levels]
    if all(v >= 1 for v in values) and any(b <= a for a, b in pairwise(values)):
        found.append(f"{scale} values must rise from level to level; got {', '.join(map(str, values))}")
    return list(dict.fromkeys(found))


def _band_problems(bands: tuple[Band, ...]) -> list[str]:
    found: list[str] = []
    if not MIN_BANDS <= len(bands) <= MAX_BANDS:
        found.append(f"A scheme needs {MIN_BANDS} to {MAX_BANDS} bands; got {len(bands)}")
    names = [band.name.strip().lower() for band in bands]
    for position, band in enumerate(bands, start=1):
        called = f"Band {band.name!r}" if band.name.strip() else f"Band {position}"
        if not band.name.strip():
            found.append(f"Band {position} needs a name")
        elif names.count(band.name.strip().lower()) > 1:
            found.append(f"{called}: the name is used twice")
        if band.low > band.high:
            found.append(f"{called}: the lowest score {band.low} is above the highest {band.high}")
        if not _COLOUR.match(band.colour):
            found.append(f"{called}: the colour must be like #ffc000; got {band.colour!r}")
    ordered = sorted(bands, key=lambda b: b.low)
    for lower, upper in pairwise(ordered):
        if upper.low <= lower.high:
            found.append(f"Bands {lower.name!r} and {upper.name!r} overlap: {lower.low}-{lower.high} "
                         f"and {upper.low}-{upper.high}")
    return found


def _find_level(levels: tuple[Level, ...], number: int, scale: str) -> Level:
    for level in levels:
        if level.number == number:
            return level
    raise KeyError(f"No {scale} level numbered {number}")
