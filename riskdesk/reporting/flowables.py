"""Drawn flowables: the band badge, the direction-of-travel arrow and the heat map."""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from riskdesk.core.direction import Direction
from riskdesk.core.grid import Cell, Grid
from riskdesk.core.scheme import Band
from riskdesk.reporting.fonts import BOLD, REGULAR
from riskdesk.reporting.sections import page_form_name
from riskdesk.reporting.styles import MATRIX_LABEL_SIZE, RULE, TABLE_SIZE, Palette
from riskdesk.reporting.text import natural_key

# Fills of the arrows: the shape carries the meaning, the colour only helps.
DIRECTION_FILLS = {
    Direction.NEW: "#2e6db4",
    Direction.IMPROVED: "#3c8d2f",
    Direction.NO_CHANGE: "#7a7a7a",
    Direction.WORSE: "#c0392b",
}


class BandBadge(Flowable):  # type: ignore[misc]
    """A band name and score on the band's colour, e.g. "Medium 12"."""

    def __init__(self, band: Band | None, score: int | None, palette: Palette, font_size: float = TABLE_SIZE) -> None:
        """Badge for a score in a band; an unscored risk prints "Not scored"."""
        super().__init__()
        self.band = band
        self.score = score
        self.palette = palette
        self.font_size = font_size
        self.text = f"{band.name} {score}" if band is not None and score is not None else "Not scored"
        self.drawn_size = font_size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """As wide as its text plus padding; a long band name ("Very high 30") takes smaller type to fit its column."""
        size = self.font_size
        while size > 6 and stringWidth(self.text, BOLD, size) + 3 * mm > available_width:
            size -= 0.5
        self.drawn_size = size
        self.width = stringWidth(self.text, BOLD, size) + 3 * mm
        self.height = self.font_size + 2 * mm
        return self.width, self.height

    def draw(self) -> None:
        """Fill a box and print the text on it."""
        canvas = self.canv
        fill = self.palette.colour(self.band.colour) if self.band else colors.white
        canvas.setFillColor(fill)
        canvas.setStrokeColor(colors.HexColor(RULE))
        canvas.setLineWidth(0.5)
        # Square corners: a rounded box costs five times the drawing operators, in every row of a pack.
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canvas.setFillColor(self.palette.ink_on(self.band.colour) if self.band else colors.black)
        canvas.setFont(BOLD, self.drawn_size)
        canvas.drawCentredString(self.width / 2, (self.height - self.drawn_size) / 2 + 0.25 * self.drawn_size,
                                 self.text)


def _block_arrow(size: float) -> list[tuple[float, float]]:
    """A block arrow pointing right, in a size x size box centred on the origin."""
    h = size / 2
    return [(-h, -0.16 * size), (0.08 * size, -0.16 * size), (0.08 * size, -0.42 * size), (h, 0.0),
            (0.08 * size, 0.42 * size), (0.08 * size, 0.16 * size), (-h, 0.16 * size)]


def _star(size: float) -> list[tuple[float, float]]:
    outer, inner = size / 2, size / 5
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi / 2 + index * math.pi / 5
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
    return points


def _triangle(size: float, up: bool) -> list[tuple[float, float]]:
    h = size / 2
    sign = 1 if up else -1
    return [(-h, -sign * 0.4 * size), (h, -sign * 0.4 * size), (0.0, sign * 0.45 * size)]


def _diamond(size: float) -> list[tuple[float, float]]:
    h = size / 2
    return [(0.0, h), (h, 0.0), (0.0, -h), (-h, 0.0)]


def direction_shape(direction: Direction, style: str, size: float) -> tuple[list[tuple[float, float]], float]:
    """The outline of a direction's mark (centred on the origin) and the angle to turn it by."""
    if style == "triangles":
        shapes = {
            Direction.IMPROVED: _triangle(size, up=False),
            Direction.WORSE: _triangle(size, up=True),
            Direction.NO_CHANGE: _diamond(size),
        }
        if direction == Direction.NEW:
            return [], 0.0  # drawn as a circle
        return shapes[direction], 0.0
    if direction == Direction.NEW:
        return _star(size), 0.0
    angle = {Direction.IMPROVED: -90.0, Direction.WORSE: 90.0, Direction.NO_CHANGE: 0.0}[direction]
    return _block_arrow(size), angle


class DirectionArrow(Flowable):  # type: ignore[misc]
    """The direction-of-travel mark drawn as vector shapes, with its word beside it."""

    def __init__(self, direction: Direction | None, palette: Palette, style: str = "arrows", size: float = 4 * mm,
                 label: bool = True, font_size: float = TABLE_SIZE) -> None:
        """A mark for New, Improved, No change or Worse in the file's arrow style; None prints a dash."""
        super().__init__()
        self.direction = direction
        self.palette = palette
        self.style = style
        self.size = size
        self.label = label
        self.font_size = font_size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The mark, plus room for its word."""
        if self.direction is None:
            self.width, self.height = stringWidth("–", REGULAR, self.font_size), self.font_size * 1.2
            return self.width, self.height
        text_width = stringWidth(str(self.direction), REGULAR, self.font_size) + 1.5 * mm if self.label else 0
        self.width = self.size + text_width
        self.height = max(self.size, self.font_size * 1.2)
        return self.width, self.height

    def draw(self) -> None:
        """Draw the shape, then the word."""
        canvas = self.canv
        if self.direction is None:  # nothing to compare with yet
            canvas.setFillColor(colors.black)
            canvas.setFont(REGULAR, self.font_size)
            canvas.drawString(0, 0.2 * self.font_size, "–")
            return
        canvas.saveState()
        canvas.setFillColor(self.palette.colour(DIRECTION_FILLS[self.direction]))
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.4)
        canvas.translate(self.size / 2, self.height / 2)
        points, angle = direction_shape(self.direction, self.style, self.size)
        if not points:
            canvas.circle(0, 0, self.size * 0.42, stroke=1, fill=1)
        else:
            canvas.rotate(angle)
            path = canvas.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            path.close()
            canvas.drawPath(path, stroke=1, fill=1)
        canvas.restoreState()
        if self.label:
            canvas.setFillColor(colors.black)
            canvas.setFont(REGULAR, self.font_size)
            canvas.drawString(self.size + 1.5 * mm, (self.height - self.font_size) / 2 + 0.2 * self.font_size,
                              str(self.direction))


def fitted_band_name(name: str, width: float, size: float, before: str = "") -> str:
    """The band name, or its initials ("VH"), or nothing: whichever fits after `before` in a narrow cell."""
    for text in (name, "".join(word[:1].upper() for word in name.split())):
        if stringWidth(before + text, REGULAR, size) <= width:
            return text
    return ""


class HeatMap(Flowable):  # type: ignore[misc]
    """A likelihood x impact matrix drawn as one piece, so it never splits across pages.

    mode "key" prints each cell's score and band (the scoring key); "counts" the number of
    risks in it; "references" the count and the references. Band names are printed in each
    cell so the map reads on a black-and-white printer.
    """

    def __init__(self, grid: Grid, palette: Palette, mode: str = "counts", width: float | None = None,
                 cell_height: float | None = None, fill_height: bool = False, scale: float = 1.0,
                 row_title: str | None = None, column_title: str | None = None,
                 short_captions: bool = False, appetite: int | None = None) -> None:
        """Draw grid in the given mode; fill_height makes it take the frame's height.

        appetite: the highest acceptable score; a heavy dashed line is drawn between the cells
        within it and those beyond, as councils print their appetite on the matrix.
        """
        super().__init__()
        self.appetite = appetite
        self.grid = grid
        self.palette = palette
        self.mode = mode
        self.wanted_width = width
        self.cell_height = cell_height or {"key": 11 * mm, "counts": 12 * mm}.get(mode, 18 * mm)
        self.fill_height = fill_height
        self.scale = scale
        scheme = grid.scheme
        vertical_is_impact = grid.transposed
        self.row_title = row_title or ("IMPACT" if vertical_is_impact else "LIKELIHOOD")
        self.column_title = column_title or ("LIKELIHOOD" if vertical_is_impact else "IMPACT / CONSEQUENCE")
        self.short_captions = short_captions
        self._row_levels = scheme.impact if vertical_is_impact else scheme.likelihood
        self._column_levels = scheme.likelihood if vertical_is_impact else scheme.impact

    # -- geometry ---------------------------------------------------------------

    def _caption(self, number: int, vertical: bool) -> str:
        levels = self._row_levels if vertical else self._column_levels
        level = next(lv for lv in levels if lv.number == number)
        if not self.short_captions:
            return level.caption
        initials = [lv.label[:1].upper() for lv in levels]
        # L/M/H reads at a glance; where initials clash (Possible, Probable) the number is clearer.
        return level.label[:1].upper() if len(set(initials)) == len(initials) else str(level.number)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take the width asked for (or all there is) and the height of its rows."""
        s = self.scale
        self.width = min(self.wanted_width or available_width, available_width)
        self.title_strip = 7 * mm * s
        self.row_header = (8 * mm if self.short_captions else 36 * mm) * s
        self.column_header = (7 * mm if self.short_captions else 10 * mm) * s
        rows = self.grid.row_count
        fixed = self.title_strip + self.column_header
        if self.fill_height:
            self.row_height = max((available_height - fixed - 1) / rows, 8 * mm)
        else:
            self.row_height = self.cell_height * s
        self.height = fixed + rows * self.row_height
        self.cell_width = (self.width - self.title_strip - self.row_header) / self.grid.column_count
        return self.width, self.height

    # -- drawing ---------------------------------------------------------------

    def draw(self) -> None:
        """Draw titles, captions and every cell."""
        canvas = self.canv
        s = self.scale
        grid = self.grid
        cells_left = self.title_strip + self.row_header
        cells_top = self.height - self.title_strip - self.column_header
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, MATRIX_LABEL_SIZE * s)
        canvas.drawCentredString(cells_left + self.cell_width * grid.column_count / 2,
                                 self.height - self.title_strip + 2 * mm * s, self.column_title)
        canvas.saveState()
        canvas.translate(self.title_strip - 2 * mm * s, cells_top / 2)
        canvas.rotate(90)
        canvas.drawCentredString(0, 0, self.row_title)
        canvas.restoreState()
        canvas.setStrokeColor(colors.HexColor(RULE))
        canvas.setLineWidth(0.5)
        for column in range(grid.column_count):
            x = cells_left + column * self.cell_width
            _, number = self._numbers(0, column)
            self._header_box(x, cells_top, self.cell_width, self.column_header, self._caption(number, False))
        for row in range(grid.row_count):
            y = cells_top - (row + 1) * self.row_height
            number, _ = self._numbers(row, 0)
            self._header_box(self.title_strip, y, self.row_header, self.row_height, self._caption(number, True))
            for column in range(grid.column_count):
                x = cells_left + column * self.cell_width
                self._draw_cell(grid.cell_at(row, column), x, y)
        if self.appetite is not None:
            self._draw_appetite(cells_left, cells_top)
        canvas.restoreState()

    def _draw_appetite(self, cells_left: float, cells_top: float) -> None:
        """The appetite line along every edge between a cell within appetite and one beyond it."""
        grid, limit = self.grid, self.appetite
        assert limit is not None
        segments: list[tuple[float, float, float, float]] = []
        for row in range(grid.row_count):
            for column in range(grid.column_count):
                if grid.cell_at(row, column).score > limit:
                    continue
                left = cells_left + column * self.cell_width
                top = cells_top - row * self.row_height
                right, bottom = left + self.cell_width, top - self.row_height
                for d_row, d_column, edge in ((-1, 0, (left, top, right, top)), (1, 0, (left, bottom, right, bottom)),
                                              (0, -1, (left, bottom, left, top)), (0, 1, (right, bottom, right, top))):
                    r, c = row + d_row, column + d_column
                    if 0 <= r < grid.row_count and 0 <= c < grid.column_count and grid.cell_at(r, c).score > limit:
                        segments.append(edge)
        canvas = self.canv
        # A pale edge under a heavy dashed line: it reads on every band colour and in greyscale.
        canvas.setStrokeColor(colors.white)
        canvas.setLineWidth(4.5 * self.scale)
        canvas.setDash()
        canvas.lines(segments)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(2.2 * self.scale)
        canvas.setDash(6 * self.scale, 3 * self.scale)
        canvas.lines(segments)
        canvas.setDash()

    def _numbers(self, row: int, column: int) -> tuple[int, int]:
        """(vertical level number, horizontal level number) of a position."""
        likelihood, impact = self.grid.position_to_scores(row, column)
        return (impact, likelihood) if self.grid.transposed else (likelihood, impact)

    def _header_box(self, x: float, y: float, width: float, height: float, text: str) -> None:
        canvas = self.canv
        size = MATRIX_LABEL_SIZE * self.scale
        canvas.setFillColor(self.palette.header_fill)
        canvas.rect(x, y, width, height, stroke=1, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, size)
        lines = simpleSplit(text, BOLD, size, width - 2 * mm)
        leading = size * 1.2
        start = y + height / 2 + (len(lines) - 1) * leading / 2 - size * 0.35
        for index, line in enumerate(lines):
            canvas.drawCentredString(x + width / 2, start - index * leading, line)

    def _draw_cell(self, cell: Cell, x: float, y: float) -> None:
        canvas = self.canv
        s = self.scale
        fill = cell.band.colour
        canvas.setFillColor(self.palette.colour(fill))
        canvas.rect(x, y, self.cell_width, self.row_height, stroke=1, fill=1)
        canvas.setFillColor(self.palette.ink_on(fill))
        centre = x + self.cell_width / 2
        top = y + self.row_height
        if self.mode == "key":
            canvas.setFont(BOLD, 11 * s)
            canvas.drawCentredString(centre, y + self.row_height / 2 + 1 * s, str(cell.score))
            canvas.setFont(REGULAR, MATRIX_LABEL_SIZE * s)
            canvas.drawCentredString(centre, y + self.row_height / 2 - 9 * s,
                                     fitted_band_name(cell.band.name, self.cell_width - 1 * mm, MATRIX_LABEL_SIZE * s))
            return
        if self.mode == "counts":
            # The count large in the middle and the band small beneath it: "6 High" over a
            # count read as six high risks. The band's word keeps grey printouts readable.
            band_size = MATRIX_LABEL_SIZE * 0.9 * s
            canvas.setFont(REGULAR, band_size)
            canvas.drawCentredString(centre, y + 1 * mm + 0.25 * band_size,
                                     fitted_band_name(cell.band.name, self.cell_width - 1 * mm, band_size))
            if cell.count:
                size = 14 * s
                room_bottom = y + 1 * mm + band_size * 1.2
                baseline = room_bottom + max((top - room_bottom - 0.73 * size) / 2, 0)
                canvas.setFont(BOLD, size)
                canvas.drawCentredString(centre, baseline, str(cell.count))
            return
        # The score and band at the top of every cell, so grey printouts still read.
        label_baseline = top - MATRIX_LABEL_SIZE * s - 1 * mm
        canvas.setFont(REGULAR, MATRIX_LABEL_SIZE * s)
        band = fitted_band_name(cell.band.name, self.cell_width - 2.4 * mm, MATRIX_LABEL_SIZE * s, f"{cell.score} ")
        canvas.drawString(x + 1.2 * mm, label_baseline, f"{cell.score} {band}".rstrip())
        self._draw_references(cell, x, y)

    def _draw_references(self, cell: Cell, x: float, y: float) -> None:
        canvas = self.canv
        s = self.scale
        if not cell.count:
            return
        label = MATRIX_LABEL_SIZE * s
        canvas.setFont(BOLD, label)
        noun = "risk" if cell.count == 1 else "risks"
        count = f"{cell.count} {noun}"
        beside_label = (stringWidth(f"{cell.score} {cell.band.name}", REGULAR, label)
                        + stringWidth(count, BOLD, label) + 3.4 * mm) <= self.cell_width
        if beside_label:
            canvas.drawRightString(x + self.cell_width - 1.2 * mm, y + self.row_height - label - 1 * mm, count)
        else:  # a narrow cell: the count goes to its foot rather than over the score and band
            canvas.drawRightString(x + self.cell_width - 1.2 * mm, y + 1 * mm + 0.2 * label, count)
        room_width = self.cell_width - 2.4 * mm
        room_height = self.row_height - label * 1.3 - 2 * mm - (0 if beside_label else label * 1.3)
        # Start large: the sheets are read across a meeting table. In reference order, so a
        # reader finds 104 before 106.
        references = sorted(cell.references, key=natural_key)
        size = min(12 * s, max(room_height / 2.5, 9 * s))
        lines = pack_references(references, size, room_width)
        # Shrink the type until the references fit; past a floor, say how many are left out.
        while len(lines) * size * 1.15 > room_height and size > 6:
            size -= 0.5
            lines = pack_references(references, size, room_width)
        fitting = max(int(room_height // (size * 1.15)), 1)
        shown_lines = [", ".join(line) for line in lines]
        if len(lines) > fitting:
            kept = lines[: fitting - 1]
            shown = sum(len(line) for line in kept)
            shown_lines = [", ".join(line) for line in kept] + [f"… and {cell.count - shown} more"]
        canvas.setFont(REGULAR, size)
        # First baseline sits a cap height below the score label, so the two never touch.
        line_y = y + self.row_height - label * 1.3 - 1.5 * mm - size * 0.85
        for line in shown_lines:
            canvas.drawString(x + 1.2 * mm, line_y, line)
            line_y -= size * 1.15


def pack_references(references: list[str], size: float, width: float) -> list[list[str]]:
    """References laid into lines that fit width, never breaking one reference across lines."""
    lines: list[list[str]] = []
    current: list[str] = []
    for reference in references:
        trial = ", ".join([*current, reference]) + ","
        if current and stringWidth(trial, REGULAR, size) > width:
            lines.append(current)
            current = []
        current.append(reference)
    if current:
        lines.append(current)
    return lines


class PageAnchor(Flowable):  # type: ignore[misc]
    """An invisible mark that writes the page it lands on into a form that PageNumber shows."""

    def __init__(self, key: str, font_size: float = TABLE_SIZE) -> None:
        """Mark the place called key (unique within the report)."""
        super().__init__()
        self.key = key
        self.font_size = font_size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no room at all."""
        return 0.0, 0.0

    def draw(self) -> None:
        """Define the form now that the page is known; pages drawn earlier show it too."""
        canvas = self.canv
        canvas.saveState()
        canvas.beginForm(page_form_name(self.key))
        canvas.setFillColor(colors.black)
        canvas.setFont(REGULAR, self.font_size)
        canvas.drawString(0, 0, str(canvas.getPageNumber()))
        canvas.endForm()
        canvas.restoreState()


class PageNumber(Flowable):  # type: ignore[misc]
    """The page number of a PageAnchor, shown before or after the anchor is laid out (one pass)."""

    def __init__(self, key: str, font_size: float = TABLE_SIZE) -> None:
        """Show the page of the anchor called key; every such anchor must be in the story."""
        super().__init__()
        self.key = key
        self.font_size = font_size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Room for a number of up to four digits."""
        self.width = stringWidth("0000", REGULAR, self.font_size)
        self.height = self.font_size * 1.2
        return self.width, self.height

    def draw(self) -> None:
        """Place the form; the PDF fills it in when the anchor's page is known."""
        canvas = self.canv
        canvas.saveState()
        canvas.translate(0, 0.25 * self.font_size)
        canvas.doForm(page_form_name(self.key))
        canvas.restoreState()


class KeptBlock(Flowable):  # type: ignore[misc]
    """Flowables laid out once and drawn as one piece, moving to the next page whole when they fit one.

    Like KeepTogether, but each part is wrapped once rather than again when placed; a block taller
    than a page is handed back as its parts, which then split as usual.
    """

    def __init__(self, content: list[Flowable]) -> None:
        """Keep content together."""
        super().__init__()
        self.content = content
        self._placed: list[tuple[Flowable, float]] = []

    def getSpaceBefore(self) -> float:
        """The space the first part asks for above it."""
        return float(self.content[0].getSpaceBefore()) if self.content else 0.0

    def getSpaceAfter(self) -> float:
        """The space the last part asks for below it."""
        return float(self.content[-1].getSpaceAfter()) if self.content else 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Wrap every part and stack them, keeping the larger of two touching spaces."""
        self._placed = []
        y = 0.0
        previous_after = 0.0
        for index, part in enumerate(self.content):
            _, height = part.wrapOn(self.canv, available_width, 0xFFFFFF)
            if index:
                y += max(float(part.getSpaceBefore()), previous_after)
            y += height
            self._placed.append((part, y))
            previous_after = float(part.getSpaceAfter())
        self.width = available_width
        self.height = y
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Nothing (so the block moves on) when a page can hold it; else its parts."""
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        if frame is not None and not at_top and self.height <= frame._height:
            return []
        return list(self.content)

    def draw(self) -> None:
        """Draw each part where wrap put it."""
        for part, bottom_from_top in self._placed:
            part.drawOn(self.canv, 0, self.height - bottom_from_top)
