"""A long table laid out a page at a time, so a 20,000-row table costs the same per page as a short one.

ReportLab splits a `Table` at each page end by building a new table of every remaining row and
re-applying its style to them: a table of R rows over P pages costs R x P. `PagedTable` holds
the rows and builds a real `Table` of only the next stretch of them (enough to pass the foot of
the page) whenever it is asked to lay out, so each page costs what one page of rows costs. The
pages come out as a single `Table` would print them: header row repeated at the top of each
page, rows never reordered or spaced apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar, cast, overload

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from riskdesk.reporting.parts import LONG_CELL
from riskdesk.reporting.styles import Palette, table_style_commands

# Builds the real table of a stretch of rows: (header row or None, the rows, index of the first
# row in the whole table, row heights known so far, None where not) -> Table. The index lets
# per-row styles (RAG fills) follow their row; the heights go to Table(rowHeights=...).
TableMaker = Callable[[list[object] | None, list[list[object]], int, list[float | None]], Table]

# Rows in the first stretch tried; doubled until a stretch passes the foot of the page.
FIRST_STRETCH = 24

Item = TypeVar("Item")


class MadeRows(Sequence[list[object]], Generic[Item]):
    """A long table's rows, each made from its item when a stretch of the table needs it and let go once placed.

    Parsed paragraphs are most of a long table's objects: 20,000 actions' rows made before layout
    were over half a million objects, which Python's cycle collector walked again each time it
    ran while the pages were laid out (a quarter of the time of a 1,440-page report). Made as
    the layout reaches them, only the rows near the page being laid out are alive.
    """

    def __init__(self, items: Sequence[Item], make: Callable[[Item], list[object]]) -> None:
        """Rows made by make(item), one for each item."""
        self._items = items
        self._make = make
        self._made: dict[int, list[object]] = {}

    def __len__(self) -> int:
        """The number of rows."""
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> list[object]: ...

    @overload
    def __getitem__(self, index: slice) -> list[list[object]]: ...

    def __getitem__(self, index: int | slice) -> list[object] | list[list[object]]:
        """A row, or a list of rows, made now unless made already and not yet let go."""
        if isinstance(index, slice):
            return [self._row(number) for number in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._row(index)

    def _row(self, number: int) -> list[object]:
        row = self._made.get(number)
        if row is None:
            row = self._made[number] = self._make(self._items[number])
        return row

    def release_before(self, number: int) -> None:
        """Let go of the rows before number (placed on a page); asked for again, they are made again."""
        for placed in [made for made in self._made if made < number]:
            del self._made[placed]


class PagedTable(Flowable):  # type: ignore[misc]
    """A table of many rows that builds and splits only a page's worth of them at a time."""

    def __init__(self, header: list[object], rows: Sequence[list[object]], make: TableMaker,
                 start: int = 0, headed: bool = True, stretch: int = FIRST_STRETCH,
                 heights: list[float | None] | None = None, rows_split: bool = False) -> None:
        """Rows from start on; headed=False continues a table mid-page without repeating its header.

        heights is shared by every piece of one table: each row's height (the header's last) is
        worked out once, since wrapping its paragraphs is most of the cost of laying it out.
        rows_split says the tables made allow a row to split across pages (splitInRow).
        """
        super().__init__()
        self._rows_split = rows_split
        self._heights: list[float | None] = heights if heights is not None else [None] * (len(rows) + 1)
        self._header = header
        self._rows = rows
        self._make = make
        self._start = start
        self._headed = headed
        self._stretch = stretch
        self._table: Table | None = None
        self._end = start
        self._built_for: tuple[float, float] | None = None
        self._size = (0.0, 0.0)
        self.hAlign = "LEFT"

    def _build(self, width: float, height: float) -> tuple[float, float]:
        """Build the next stretch, long enough to reach past height unless the rows run out first."""
        if self._built_for == (width, height):
            return self._size
        while True:
            self._end = min(len(self._rows), self._start + self._stretch)
            body = list(self._rows[self._start:self._end])
            known: list[float | None] = self._heights[self._start:self._end]
            if self._headed:
                known = [self._heights[-1], *known]
            if self._rows_split:
                # ReportLab splits a row only if it sized the row itself (it turns each cell into
                # a list of flowables as it does); such tables are rare and pay for it.
                known = [None for _ in known]
            self._table = self._make(self._header if self._headed else None, body, self._start, known)
            w, h = self._table.wrap(width, height)
            found = self._table._rowHeights
            if self._headed:
                self._heights[-1] = found[0]
                found = found[1:]
            self._heights[self._start:self._end] = found
            if h > height or self._end >= len(self._rows):
                self._built_for, self._size = (width, height), (w, h)
                return w, h
            self._stretch *= 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The height of the next stretch: more than the room left whenever rows remain beyond it."""
        self.width, self.height = self._build(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """What fits here as a real table, then the rest of the rows as another paged table."""
        header = self._heights[-1] if self._headed else 0.0
        first_row = self._heights[self._start] if self._start < len(self._rows) else None
        if not self._rows_split and header is not None and first_row is not None \
                and header + first_row > available_height:
            return []  # not even one row fits in what is left of this page: no need to build a table
        self._build(available_width, available_height)
        assert self._table is not None
        parts = self._table.split(available_width, available_height)
        if not parts:
            return []
        more = self._end < len(self._rows)
        if len(parts) == 1:  # the whole stretch fits: the next one carries on without a header
            return [parts[0], self._after(self._end, headed=False)] if more else parts
        first, remainder = parts
        header_rows = 1 if self._headed else 0
        placed = first._nrows - header_rows
        if placed + remainder._nrows - header_rows == self._end - self._start:
            return [first, self._after(self._start + placed, headed=True)]
        # A row split across the page (only tables with very long cells allow it) leaves its lower
        # half in ReportLab's remainder: print that remainder as it is, then carry on under it.
        return [first, remainder, self._after(self._end, headed=False)] if more else [first, remainder]

    def _after(self, start: int, headed: bool) -> PagedTable:
        """The rows from start on, as another paged table."""
        if isinstance(self._rows, MadeRows):
            self._rows.release_before(start)
        return PagedTable(self._header, self._rows, self._make, start, headed, self._stretch, self._heights,
                          self._rows_split)

    def draw(self) -> None:
        """Draw the stretch that fitted whole (the last one)."""
        assert self._table is not None
        self._table.drawOn(self.canv, 0, 0)


class CellParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph in a table cell that breaks its lines once for its column's width.

    A table wraps each cell's paragraphs to size its row and again to draw it; the column's width
    never changes, so the second breaking of lines (a fifth of a long table's cost) is skipped.
    """

    _wrapped: tuple[float, float, float] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The size at this width, from the last breaking of lines when the width is the same."""
        # Splitting (a row split across pages) may drop the broken lines: then break them again.
        if self._wrapped is not None and self._wrapped[0] == available_width and "blPara" in self.__dict__:
            return self._wrapped[1], self._wrapped[2]
        width, height = super().wrap(available_width, available_height)
        self._wrapped = (available_width, width, height)
        return width, height


# A style command over this many rows or more is looked at for every stretch; shorter ones (a
# row's RAG fill, a register heading kept with its first risk) only for the stretches they touch.
_WIDE = 8

Command = tuple[object, ...]


def paged_data_table(rows: list[list[object]], widths: list[float], palette: Palette,
                     extra: list[Command] | None = None, scale: float = 1.0) -> PagedTable:
    """parts.data_table's table (header row first in rows), laid out a page of rows at a time.

    Style commands in extra count rows in the whole table, as for data_table, negative counts
    from its end; each stretch gets the part of each command that falls on its rows.
    """
    return paged_rows_table(rows[0], rows[1:], widths, palette, extra, scale)


def paged_rows_table(header: list[object], body: Sequence[list[object]], widths: list[float], palette: Palette,
                     extra: list[Command] | None = None, scale: float = 1.0, tall: bool | None = None) -> PagedTable:
    """paged_data_table with the header apart from the rows, which may be made as needed (MadeRows).

    tall says whether any cell holds a text long enough to let rows split across pages; worked
    out from the cells when not given (which makes every row).
    """
    total = len(body) + 1
    if tall is None:
        tall = any(len(getattr(cell, "text", "")) > LONG_CELL for row in body for cell in row)
    commands = list(extra or [])
    if total >= 4 and not tall:
        # The last row never goes overleaf alone, under a repeated header on an otherwise empty page.
        commands.append(("NOSPLIT", (0, -2), (-1, -1)))
    wide: list[tuple[int, int, Command]] = []
    narrow: dict[int, list[tuple[int, int, Command]]] = defaultdict(list)
    for command in commands:
        start, end = command[1], command[2]
        r0, r1 = cast(tuple[int, int], start)[1] % total, cast(tuple[int, int], end)[1] % total
        (wide if r1 - r0 >= _WIDE else narrow[r0]).append((r0, r1, command))

    def stretch(head: list[object] | None, rows: list[list[object]], first: int,
                heights: list[float | None]) -> Table:
        top = [] if head is None else [head]
        a, b = first + 1, first + len(rows)  # the stretch's rows, counted in the whole table
        chosen = wide + [found for row in range(a - _WIDE, b + 1) for found in narrow.get(row, ())]
        local = [placed for r0, r1, command in chosen
                 if (placed := _placed(command, r0, r1, a, b, bool(top))) is not None]
        table = Table(top + rows, colWidths=widths, rowHeights=heights, repeatRows=len(top),
                      splitInRow=1 if tall else 0, hAlign="LEFT")
        table.setStyle(TableStyle(table_style_commands(palette, header=bool(top), scale=scale) + local))
        return table

    return PagedTable(header, body, stretch, rows_split=tall)


def _placed(command: Command, r0: int, r1: int, a: int, b: int, headed: bool) -> Command | None:
    """The command for a stretch holding rows a to b (and the header when headed), or None if it misses."""
    offset = 1 if headed else 0
    start = 0 if headed and r0 == 0 else max(r0, a) - a + offset
    end = min(r1, b) - a + offset if r1 >= a else (0 if headed and r0 == 0 else -1)
    if end < start or (r0 > b):
        return None
    name, first_cell, last_cell, *rest = command
    c0, c1 = cast(tuple[int, int], first_cell)[0], cast(tuple[int, int], last_cell)[0]
    return (name, (c0, start), (c1, end), *rest)
