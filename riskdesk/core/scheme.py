"""Scoring schemes: likelihood and impact levels, impact criteria and bands."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Level:
    """One step of a likelihood or impact scale, e.g. "Possible (2)"."""

    number: int
    label: str
    description: str = ""

    @property
    def caption(self) -> str:
        """The label with its number, as the seeds print it: "Possible (2)"."""
        return f"{self.label} ({self.number})"


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

    @property
    def max_likelihood(self) -> int:
        """The highest likelihood number."""
        return max(level.number for level in self.likelihood)

    @property
    def max_impact(self) -> int:
        """The highest impact number."""
        return max(level.number for level in self.impact)

    def likelihood_level(self, number: int) -> Level:
        """The likelihood level with this number."""
        return _find_level(self.likelihood, number, "likelihood")

    def impact_level(self, number: int) -> Level:
        """The impact level with this number."""
        return _find_level(self.impact, number, "impact")

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
        override = self.cell_overrides.get((likelihood, impact))
        if override is not None:
            return self.band_named(override)
        return self.band_for_score(likelihood * impact)

    def band_rank(self, band: Band) -> int:
        """Position of a band from lowest (0) to highest."""
        ordered = sorted(self.bands, key=lambda b: b.low)
        return [b.name for b in ordered].index(band.name)

    def problems(self) -> list[str]:
        """Everything wrong with this scheme, as sentences; empty when it is sound."""
        found: list[str] = []
        for scale, levels in (("Likelihood", self.likelihood), ("Impact", self.impact)):
            numbers = [level.number for level in levels]
            if numbers != list(range(1, len(levels) + 1)):
                found.append(f"{scale} levels must be numbered 1 to {len(levels)}")
        for likelihood in range(1, self.max_likelihood + 1):
            for impact in range(1, self.max_impact + 1):
                try:
                    self.band_for(likelihood, impact)
                except (ValueError, KeyError) as error:
                    found.append(str(error))
        for category, texts in self.criteria.items():
            if len(texts) != len(self.impact):
                found.append(
                    f"Impact criteria for {category} need {len(self.impact)} texts"
                )
        return found


def _find_level(levels: tuple[Level, ...], number: int, scale: str) -> Level:
    for level in levels:
        if level.number == number:
            return level
    raise KeyError(f"No {scale} level numbered {number}")
