"""The scheme editor's tables: levels, bands and criteria written into cells and read back."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from riskdesk.core.scheme import Band, Level, ScoringScheme

LIKELIHOOD_COLUMNS = ("Label", "Scores", "Chance", "Frequency", "Description")
IMPACT_COLUMNS = ("Label", "Scores", "Description")
BAND_COLUMNS = ("Name", "From score", "To score", "Colour")
NEW_BAND_COLOUR = "#bdbdbd"


class ReadProblems(Exception):
    """Boxes that cannot be read as a scheme; sentences naming each box."""

    def __init__(self, sentences: list[str]):
        self.sentences = sentences
        super().__init__("; ".join(sentences))


def _set(table: QTableWidget, row: int, column: int, text: str) -> None:
    item = table.item(row, column)
    if item is None:
        table.setItem(row, column, QTableWidgetItem(text))
    else:
        item.setText(text)


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


def fill_levels(table: QTableWidget, levels: tuple[Level, ...], likelihood: bool) -> None:
    """One row per level, lowest first."""
    table.setRowCount(len(levels))
    for row, level in enumerate(levels):
        cells = [level.label, str(level.value)]
        cells += [level.probability, level.frequency, level.description] if likelihood else [level.description]
        for column, text in enumerate(cells):
            _set(table, row, column, text)
    _number_rows(table)


def _number_rows(table: QTableWidget) -> None:
    table.setVerticalHeaderLabels([str(n) for n in range(1, table.rowCount() + 1)])


def resize_levels(table: QTableWidget, count: int, likelihood: bool) -> None:
    """Add levels at the top (each scoring on from the last, doubling where the values double) or drop the top."""
    while table.rowCount() > count:
        table.removeRow(table.rowCount() - 1)
    while table.rowCount() < count:
        row = table.rowCount()
        values = [int(_text(table, r, 1)) for r in range(row) if _text(table, r, 1).isdigit()]
        doubling = len(values) >= 2 and values[-1] == 2 * values[-2]
        value = (values[-1] * 2 if doubling else values[-1] + 1) if values else row + 1
        table.insertRow(row)
        cells = [f"Level {row + 1}", str(value)] + ([""] * (3 if likelihood else 1))
        for column, text in enumerate(cells):
            _set(table, row, column, text)
    _number_rows(table)


def fill_bands(table: QTableWidget, bands: tuple[Band, ...]) -> None:
    """One row per band, lowest first."""
    ordered = sorted(bands, key=lambda b: b.low)
    table.setRowCount(len(ordered))
    for row, band in enumerate(ordered):
        for column, text in enumerate((band.name, str(band.low), str(band.high), band.colour)):
            _set(table, row, column, text)


def resize_bands(table: QTableWidget, count: int, top_score: int) -> None:
    """Add a band above the last (taking the upper half of its range) or drop the top one (the one below reaches up)."""
    while table.rowCount() > count:
        table.removeRow(table.rowCount() - 1)
        _set(table, table.rowCount() - 1, 2, str(top_score))
    while table.rowCount() < count:
        row = table.rowCount()
        low = int(_text(table, row - 1, 1)) if row and _text(table, row - 1, 1).isdigit() else 1
        high = max(top_score, low + 1)
        middle = (low + high + 1) // 2
        if row:
            _set(table, row - 1, 2, str(middle - 1))
        table.insertRow(row)
        for column, text in enumerate((f"Band {row + 1}", str(middle), str(high), NEW_BAND_COLOUR)):
            _set(table, row, column, text)


def close_band_gaps(table: QTableWidget, top_score: int) -> None:
    """Each band reaches up to where the next begins, the top one to the highest score.

    Cells that exist keep their band (a gap held no cell); the new scores that more levels
    make fall in the band below them rather than in none.
    """
    lows = [int(_text(table, row, 1)) if _text(table, row, 1).isdigit() else None for row in range(table.rowCount())]
    for row in range(table.rowCount()):
        following = lows[row + 1] if row + 1 < len(lows) else None
        high = top_score if row == table.rowCount() - 1 else (following - 1 if following else None)
        if high is not None and high >= (lows[row] or 1) and _text(table, row, 2) != str(high):
            _set(table, row, 2, str(high))


def fill_criteria(table: QTableWidget, criteria: dict[str, tuple[str, ...]], levels: int) -> None:
    """One row per category: its name, then one text per impact level."""
    table.setColumnCount(levels + 1)
    table.setHorizontalHeaderLabels(["Category", *(f"Impact {n}" for n in range(1, levels + 1))])
    table.setRowCount(len(criteria))
    for row, (category, texts) in enumerate(criteria.items()):
        _set(table, row, 0, category)
        for column in range(levels):
            _set(table, row, column + 1, texts[column] if column < len(texts) else "")


def resize_criteria(table: QTableWidget, levels: int) -> None:
    """A column per impact level; a new level starts with empty texts."""
    table.setColumnCount(levels + 1)
    table.setHorizontalHeaderLabels(["Category", *(f"Impact {n}" for n in range(1, levels + 1))])


def _whole(table: QTableWidget, row: int, column: int, what: str, problems: list[str]) -> int:
    text = _text(table, row, column)
    if text.isdigit() and int(text) >= 1:
        return int(text)
    problems.append(f"{what} must be a whole number of 1 or more; got {text!r}" if text else f"{what} is empty")
    return 0


def read_scheme(name: str, likelihood: QTableWidget, impact: QTableWidget, bands: QTableWidget,
                criteria: QTableWidget, overrides: dict[tuple[int, int], str], axis: str) -> ScoringScheme:
    """The scheme the tables describe; raises ReadProblems naming every box that cannot be read."""
    problems: list[str] = []
    levels: dict[str, tuple[Level, ...]] = {}
    for scale, table, is_likelihood in (("Likelihood", likelihood, True), ("Impact", impact, False)):
        read = []
        for row in range(table.rowCount()):
            value = _whole(table, row, 1, f"{scale} level {row + 1}: the score", problems)
            extra = ([_text(table, row, 2), _text(table, row, 3), _text(table, row, 4)] if is_likelihood
                     else ["", "", _text(table, row, 2)])
            read.append(Level(row + 1, _text(table, row, 0), extra[2], value, extra[0], extra[1]))
        levels[scale] = tuple(read)
    read_bands = []
    for row in range(bands.rowCount()):
        called = _text(bands, row, 0) or f"Band {row + 1}"
        low = _whole(bands, row, 1, f"Band {called!r}: the lowest score", problems)
        high = _whole(bands, row, 2, f"Band {called!r}: the highest score", problems)
        read_bands.append(Band(_text(bands, row, 0), low, high, _text(bands, row, 3)))
    texts: dict[str, tuple[str, ...]] = {}
    for row in range(criteria.rowCount()):
        category = _text(criteria, row, 0)
        if not category:
            problems.append(f"Impact criteria row {row + 1} needs a category name")
            continue
        texts[category] = tuple(_text(criteria, row, c) for c in range(1, criteria.columnCount()))
    if problems:
        raise ReadProblems(problems)
    return ScoringScheme(name.strip(), levels["Likelihood"], levels["Impact"], tuple(read_bands), texts,
                         dict(overrides), axis)
