"""A long table laid out a page at a time, so a 20,000-row table costs the same per page as a short one.

ReportLab splits a `Table` at each page end by building a new table of every remaining row and
re-applying its style to them: a table of R rows over P pages costs R x P. `PagedTable` holds
the rows and builds a real `Table` of only the next stretch of them (enough to pass the foot of
the page) whenever it is asked to lay out, so each page costs what one page of rows costs. The
pages come out as a single `Table` would print them: header row repeated at the top of each
page, rows never reordered or spaced apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, Paragraph, Table

# Builds the real table of a stretch of rows: (header row or None, the rows, index of the first
# row in the whole table, row heights known so far, None where not) -> Table. The index lets
# per-row styles (RAG fills) follow their row; the heights go to Table(rowHeights=...).
TableMaker = Callable[[list[object] | None, list[list[object]], int, list[float | None]], Table]

# Rows in the first stretch tried; doubled until a stretch passes the foot of the page.
FIRST_STRETCH = 24


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
