"""The heat-map grid in plain Python, shared by the widget and the PDF matrix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from riskdesk.core.model import Risk, RiskStatus, ScoreKind
from riskdesk.core.scheme import Band, Level, ScoringScheme


@dataclass
class Cell:
    """One likelihood x impact cell: its band and the risks that sit in it."""

    likelihood: int
    impact: int
    band: Band
    risks: list[Risk] = field(default_factory=list)
    # What the cell scores: likelihood value x impact value (the level numbers unless weighted).
    score: int = 0

    def __post_init__(self) -> None:
        if self.score == 0:
            self.score = self.likelihood * self.impact

    @property
    def count(self) -> int:
        """How many risks sit in this cell."""
        return len(self.risks)

    @property
    def references(self) -> list[str]:
        """The references of the risks in this cell, in order."""
        return [risk.reference for risk in self.risks]

    @property
    def risk_ids(self) -> set[str]:
        """The ids of the risks in this cell."""
        return {risk.id for risk in self.risks}

    @property
    def text(self) -> str:
        """The count and references, as a cell shows them: "2\nSR 7.5, SR 7.7"."""
        if not self.risks:
            return ""
        return f"{self.count}\n{', '.join(self.references)}"


@dataclass
class Grid:
    """A likelihood x impact matrix laid out for display.

    Rows run top to bottom and columns left to right. By default likelihood is
    the vertical axis with its highest level at the top (as in the strategic
    monitoring report); transposed puts impact on the vertical axis instead
    (as in the risk profile).
    """

    scheme: ScoringScheme
    kind: ScoreKind
    cells: dict[tuple[int, int], Cell]
    transposed: bool = False

    @property
    def row_count(self) -> int:
        """Number of rows of cells."""
        return self.scheme.max_impact if self.transposed else self.scheme.max_likelihood

    @property
    def column_count(self) -> int:
        """Number of columns of cells."""
        return self.scheme.max_likelihood if self.transposed else self.scheme.max_impact

    def cell_at(self, row: int, column: int) -> Cell:
        """The cell drawn at a row and column (0-based, row 0 at the top)."""
        return self.cells[self.position_to_scores(row, column)]

    def position_to_scores(self, row: int, column: int) -> tuple[int, int]:
        """(likelihood, impact) of the cell at a row and column."""
        vertical = self.row_count - row
        horizontal = column + 1
        if self.transposed:
            return horizontal, vertical
        return vertical, horizontal

    def scores_to_position(self, likelihood: int, impact: int) -> tuple[int, int]:
        """(row, column) at which a likelihood and impact are drawn."""
        if self.transposed:
            return self.row_count - impact, likelihood - 1
        return self.row_count - likelihood, impact - 1

    @property
    def vertical_title(self) -> str:
        """The name of the scale drawn down the side."""
        return "Impact" if self.transposed else "Likelihood"

    @property
    def horizontal_title(self) -> str:
        """The name of the scale drawn along the bottom."""
        return "Likelihood" if self.transposed else "Impact"

    def row_level(self, row: int) -> Level:
        """The level a row stands for (row 0 at the top holds the highest)."""
        number = self.row_count - row
        return self.scheme.impact_level(number) if self.transposed else self.scheme.likelihood_level(number)

    def column_level(self, column: int) -> Level:
        """The level a column stands for (column 0 at the left holds the lowest)."""
        number = column + 1
        return self.scheme.likelihood_level(number) if self.transposed else self.scheme.impact_level(number)

    def cells_in_order(self) -> list[Cell]:
        """Every cell, row by row from the top, left to right."""
        return [self.cell_at(r, c) for r in range(self.row_count) for c in range(self.column_count)]

    def cell_of(self, risk: Risk) -> Cell | None:
        """The cell a risk sits in for this grid's kind of score (None when unscored)."""
        score = risk.score(self.kind)
        return None if score is None else self.cells.get((score.likelihood, score.impact))

    @property
    def total(self) -> int:
        """How many risks the grid places."""
        return sum(cell.count for cell in self.cells.values())

    def count_in_band(self, band_name: str) -> int:
        """How many risks sit in cells of the named band."""
        return sum(c.count for c in self.cells.values() if c.band.name == band_name)

    def cells_in_band(self, band_name: str) -> list[Cell]:
        """Every cell of the named band."""
        return [c for c in self.cells.values() if c.band.name == band_name]

    def bands_in_use(self) -> list[Band]:
        """The scheme's bands that colour at least one cell, lowest first."""
        used = {c.band.name for c in self.cells.values()}
        return [b for b in sorted(self.scheme.bands, key=lambda b: b.low) if b.name in used]


def build_grid(
    scheme: ScoringScheme,
    risks: Iterable[Risk],
    kind: ScoreKind = ScoreKind.RESIDUAL,
    transposed: bool = False,
    include_closed: bool = False,
) -> Grid:
    """Place each open risk (or every risk) in the cell of its chosen score."""
    cells = {
        (likelihood, impact): Cell(likelihood, impact, scheme.band_for(likelihood, impact),
                                   score=scheme.score_of(likelihood, impact))
        for likelihood in range(1, scheme.max_likelihood + 1)
        for impact in range(1, scheme.max_impact + 1)
    }
    for risk in risks:
        if risk.archived or (not include_closed and risk.status == RiskStatus.CLOSED):
            continue
        score = risk.score(kind)
        if score is None:
            continue
        cell = cells.get((score.likelihood, score.impact))
        if cell is not None:
            cell.risks.append(risk)
    return Grid(scheme, kind, cells, transposed)


def describe_cell(cell: Cell, scheme: ScoringScheme) -> str:
    """A full sentence for screen readers and tooltips.

    e.g. "Likelihood Highly likely (4), impact Moderate (3): score 12, Medium;
    2 risks: SR 7.5, SR 7.7".
    """
    likelihood = scheme.likelihood_level(cell.likelihood).caption
    impact = scheme.impact_level(cell.impact).caption
    head = f"Likelihood {likelihood}, impact {impact}: score {cell.score}, {cell.band.name}"
    if not cell.risks:
        return f"{head}; no risks"
    noun = "risk" if cell.count == 1 else "risks"
    return f"{head}; {cell.count} {noun}: {', '.join(cell.references)}"


def impact_vertical(scheme: ScoringScheme, axes: str = "") -> bool:
    """Whether matrices put impact down the side: as the file says, else as the scheme says, else for L/M/H.

    Every matrix of every report asks here, so one file prints one orientation throughout:
    a 3x3 profile has impact down the side (seed 003), a 5x5 pack likelihood (seed 001).
    """
    chosen = axes.strip().lower()
    if chosen in ("impact", "likelihood"):
        return chosen == "impact"
    if scheme.vertical_axis in ("impact", "likelihood"):
        return scheme.vertical_axis == "impact"
    return scheme.max_likelihood <= 3 and scheme.max_impact <= 3
