"""Matrices drawn as PNG images for the Word version, each with a sentence saying what it shows."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from riskdesk.core.grid import Grid
from riskdesk.core.model import Score
from riskdesk.core.scheme import ScoringScheme
from riskdesk.reporting.styles import Palette, luminance
from riskdesk.resources_path import resource

PIXELS_PER_CELL = 110
LABEL = 200  # room for the level captions down the side
TOP = 80  # room for the axis name and the level captions along the top


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(resource("fonts", name)), size)


def _rgb(palette: Palette, hex_colour: str) -> tuple[int, int, int]:
    colour = palette.colour(hex_colour)
    return round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255)


def matrix_png(grid: Grid, palette: Palette, texts: dict[tuple[int, int], tuple[str, str]],
               cell: int = PIXELS_PER_CELL, captions: bool = True) -> bytes:
    """A matrix with each cell's band colour and up to two lines of text (large, small) at (row, column)."""
    side = LABEL if captions else 0
    top = TOP if captions else 0
    width, height = side + cell * grid.column_count, top + cell * grid.row_count
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for row in range(grid.row_count):
        for column in range(grid.column_count):
            found = grid.cell_at(row, column)
            x, y = side + column * cell, top + row * cell
            fill = _rgb(palette, found.band.colour)
            draw.rectangle((x, y, x + cell, y + cell), fill=fill, outline=(138, 138, 138))
            ink = "black" if luminance(palette.colour(found.band.colour)) > 0.45 else "white"
            large, small = texts.get((row, column), ("", ""))
            if large:
                draw.text((x + cell / 2, y + cell * 0.42), large, fill=ink, font=_font(True, cell // 3), anchor="mm")
            if small:
                draw.text((x + cell / 2, y + cell * 0.8), small, fill=ink, font=_font(False, cell // 6), anchor="mm")
    if captions:
        draw.text((side + cell * grid.column_count / 2, 14), grid.horizontal_title.upper(), fill="black",
                  font=_font(True, 15), anchor="mm")
        for column in range(grid.column_count):
            caption = grid.column_level(column).caption.replace(" (", "\n(")
            draw.multiline_text((side + column * cell + cell / 2, top - 22), caption, fill="black",
                                font=_font(True, 14), anchor="mm", align="center")
        title = grid.vertical_title.upper()
        box = _font(True, 15).getbbox(title)
        strip = Image.new("RGB", (int(box[2]) + 4, int(box[3]) + 4), "white")
        ImageDraw.Draw(strip).text((2, 2), title, fill="black", font=_font(True, 15))
        turned = strip.rotate(90, expand=True)
        image.paste(turned, (4, int(top + cell * grid.row_count / 2 - turned.height / 2)))
        for row in range(grid.row_count):
            caption = grid.row_level(row).caption.replace(" (", "\n(")
            draw.multiline_text((side - 8, top + row * cell + cell / 2), caption, fill="black",
                                font=_font(True, 14), anchor="rm", align="right")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def key_texts(grid: Grid) -> dict[tuple[int, int], tuple[str, str]]:
    """Each cell's score and band, for the scoring key."""
    return {(row, column): (str(grid.cell_at(row, column).score), grid.cell_at(row, column).band.name)
            for row in range(grid.row_count) for column in range(grid.column_count)}


def count_texts(grid: Grid) -> dict[tuple[int, int], tuple[str, str]]:
    """Each cell's count large and its band small; an empty cell its band alone."""
    return {(row, column): (str(grid.cell_at(row, column).count or ""), grid.cell_at(row, column).band.name)
            for row in range(grid.row_count) for column in range(grid.column_count)}


def describe_key(grid: Grid, scheme: ScoringScheme) -> str:
    """Alt text of the scoring key."""
    bands = "; ".join(f"{b.name} {b.low} to {b.high}" for b in sorted(scheme.bands, key=lambda b: b.low))
    return (f"Scoring key: a {grid.row_count} by {grid.column_count} matrix, {grid.vertical_title.lower()} down "
            f"the side and {grid.horizontal_title.lower()} along the top. Score is likelihood times impact. "
            f"Bands: {bands}.")


def describe_counts(name: str, grid: Grid) -> str:
    """Alt text of a matrix of counts: where the risks are."""
    parts = []
    for cell in grid.cells_in_order():
        if cell.count:
            likelihood, impact = cell.likelihood, cell.impact
            parts.append(f"{cell.count} at likelihood {likelihood}, impact {impact} ({cell.band.name})")
    where = "; ".join(parts) if parts else "no risks"
    return f"Matrix of {name}: {grid.total} risks; {where}."


class PathImages:
    """Small matrices marking a risk's inherent (I), residual (R) and target (T); each distinct one drawn once."""

    def __init__(self, grid: Grid, palette: Palette) -> None:
        """Images on grid's shape in palette's colours."""
        self.grid = grid
        self.palette = palette
        self._drawn: dict[tuple[tuple[int, int, str], ...], bytes] = {}

    def png(self, inherent: Score | None, residual: Score | None, target: Score | None) -> bytes:
        """The image for these scores."""
        marks = tuple((*self.grid.scores_to_position(s.likelihood, s.impact), letter)
                      for s, letter in ((inherent, "I"), (residual, "R"), (target, "T")) if s is not None)
        found = self._drawn.get(marks)
        if found is None:
            texts: dict[tuple[int, int], tuple[str, str]] = {}
            for row, column, letter in marks:
                texts[(row, column)] = (texts.get((row, column), ("", ""))[0] + letter, "")
            found = self._drawn[marks] = matrix_png(self.grid, self.palette, texts, cell=36, captions=False)
        return found


def describe_path(reference: str, scheme: ScoringScheme, inherent: Score | None, residual: Score | None,
                  target: Score | None) -> str:
    """Alt text of a risk's small matrix."""
    parts = []
    for name, score in (("inherent", inherent), ("residual", residual), ("target", target)):
        if score is not None:
            band = scheme.band_for(score.likelihood, score.impact).name
            parts.append(f"{name} likelihood {score.likelihood} by impact {score.impact} ({band})")
    return f"{reference} on the scoring matrix: " + ("; ".join(parts) if parts else "not scored") + "."
