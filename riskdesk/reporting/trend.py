"""A risk's path and trend: a small matrix marking inherent, residual and target, and its recent scores."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from riskdesk.core.grid import Grid
from riskdesk.core.model import Score
from riskdesk.core.scheme import ScoringScheme
from riskdesk.reporting.data import RiskEntry
from riskdesk.reporting.fonts import BOLD, REGULAR
from riskdesk.reporting.styles import MATRIX_LABEL_SIZE, RULE, Palette

MARKS = (("inherent", "I"), ("residual", "R"), ("target", "T"))


def score_number(score: Score, scheme: ScoringScheme | None) -> int:
    """What a score makes in the scheme (weighted levels score their values); likelihood x impact without one."""
    return scheme.value_of(score) if scheme is not None else score.value


def trend_words(entry: RiskEntry, scheme: ScoringScheme | None = None) -> str:
    """The residual score over the last quarters, oldest first: "16 → 12 → 12 → 9" ("–" where unscored)."""
    values = [str(score_number(score, scheme)) if score is not None else "–" for _, score in entry.trend]
    while values and values[0] == "–":  # quarters before the risk was on the register say nothing
        values.pop(0)
    return " → ".join(values) if len(values) > 1 else ""


def previous_score(entry: RiskEntry) -> tuple[str, Score] | None:
    """The period before the reported one and the residual score then, when there is one."""
    if len(entry.trend) < 2 or entry.trend[-2][1] is None:
        return None
    label, score = entry.trend[-2]
    return (label, score) if score is not None else None


class ScorePathMap(Flowable):  # type: ignore[misc]
    """A small matrix of the scheme with the risk's inherent (I), residual (R) and target (T) cells marked.

    The letters carry the meaning, so it reads in greyscale; each cell keeps its band's colour.
    """

    def __init__(self, grid: Grid, entry: RiskEntry, palette: Palette, cell: float = 7 * mm,
                 scale: float = 1.0) -> None:
        """A map of grid's shape for the risk in entry."""
        super().__init__()
        self.grid = grid
        self.entry = entry
        self.palette = palette
        self.cell = cell * scale
        self.size = MATRIX_LABEL_SIZE * scale
        self.label_room = self.size * 1.4

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Cells, an axis label beside and below, and the key under it."""
        self.width = self.label_room + self.cell * self.grid.column_count
        self.height = self.cell * self.grid.row_count + self.label_room * 2
        return self.width, self.height

    def _marks(self) -> dict[tuple[int, int], list[str]]:
        found: dict[tuple[int, int], list[str]] = {}
        risk = self.entry.risk
        for name, letter in MARKS:
            score = getattr(risk, name)
            if score is None:
                continue
            found.setdefault(self.grid.scores_to_position(score.likelihood, score.impact), []).append(letter)
        return found

    def draw(self) -> None:
        """Draw the map once per distinct set of marks as a form, and place that form here.

        A pack of hundreds of risks repeats few patterns; each is written to the PDF once.
        """
        canvas = self.canv
        marks = self._marks()
        name = "pathmap" + f"{self.grid.row_count}x{self.grid.column_count}{int(self.grid.transposed)}" + "".join(
            f"r{row}c{column}{''.join(letters)}" for (row, column), letters in sorted(marks.items())) + (
            f"s{round(self.size * 10)}g{int(self.palette.greyscale)}")
        if not canvas.hasForm(name):
            canvas.saveState()
            canvas.beginForm(name)
            self._draw_map(marks)
            canvas.endForm()
            canvas.restoreState()
        canvas.doForm(name)

    def _draw_map(self, marks: dict[tuple[int, int], list[str]]) -> None:
        canvas = self.canv
        grid = self.grid
        left, bottom = self.label_room, self.label_room * 2
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor(RULE))
        canvas.setLineWidth(0.4)
        for row in range(grid.row_count):
            for column in range(grid.column_count):
                cell = grid.cell_at(row, column)
                x = left + column * self.cell
                y = bottom + (grid.row_count - row - 1) * self.cell
                canvas.setFillColor(self.palette.colour(cell.band.colour))
                canvas.rect(x, y, self.cell, self.cell, stroke=1, fill=1)
                letters = marks.get((row, column))
                if letters:
                    canvas.setFillColor(self.palette.ink_on(cell.band.colour))
                    text = "".join(letters)
                    size = self.size if len(text) == 1 else self.size * 0.8
                    canvas.setFont(BOLD, size)
                    canvas.drawCentredString(x + self.cell / 2, y + (self.cell - size * 0.7) / 2, text)
        canvas.setFillColor(colors.black)
        canvas.setFont(REGULAR, self.size * 0.9)
        canvas.drawCentredString(left + self.cell * grid.column_count / 2, self.label_room + 0.2 * self.size,
                                 f"{grid.horizontal_title.capitalize()} →")
        canvas.saveState()
        canvas.translate(self.size, bottom + self.cell * grid.row_count / 2)
        canvas.rotate(90)
        canvas.drawCentredString(0, 0, f"{grid.vertical_title.capitalize()} →")
        canvas.restoreState()
        canvas.drawString(0, 0.2 * self.size, "I inherent, R residual, T target")
        canvas.restoreState()


class Beside(Flowable):  # type: ignore[misc]
    """A drawn piece with a paragraph beside it, laid out without a table (a table per risk is slow)."""

    def __init__(self, left: Flowable, right: Flowable, gap: float = 6 * mm) -> None:
        """left at its own width, right in the rest."""
        super().__init__()
        self.left = left
        self.right = right
        self.gap = gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """As tall as the taller of the two."""
        self._left_size = self.left.wrapOn(self.canv, available_width, available_height)
        room = available_width - self._left_size[0] - self.gap
        self._right_size = self.right.wrapOn(self.canv, room, available_height)
        self.width = available_width
        self.height = max(self._left_size[1], self._right_size[1])
        return self.width, self.height

    def draw(self) -> None:
        """Both, their tops level."""
        self.left.drawOn(self.canv, 0, self.height - self._left_size[1])
        self.right.drawOn(self.canv, self._left_size[0] + self.gap, self.height - self._right_size[1])
