"""Paragraph styles and colours shared by every report."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from riskdesk.core.colours import BLACK, ink_on_rgb, lightness
from riskdesk.core.scheme import Band
from riskdesk.reporting.fonts import BOLD, ITALIC, REGULAR

ACCENT = "#1f3864"  # the navy of council report headings
RULE = "#8a8a8a"
HEADER_FILL = "#dce3ee"
RAG_COLOURS = {"red": "#e2401c", "amber": "#ffc000", "green": "#8cc63f"}


class Palette:
    """Colours for one report: as chosen, or turned to greys for black-and-white printers."""

    def __init__(self, greyscale: bool = False, bands: tuple[Band, ...] = ()) -> None:
        """Remember whether colours print as grey; bands get evenly spaced greys by rank."""
        self.greyscale = greyscale
        # Green and amber come out nearly the same grey by lightness alone, so bands are
        # spread from light (lowest) to mid grey (highest) instead.
        ordered = sorted(bands, key=lambda b: b.low)
        steps = max(len(ordered) - 1, 1)
        self._band_greys = {b.colour.lower(): 0.95 - 0.4 * index / steps for index, b in enumerate(ordered)}
        self._fills: dict[str, colors.Color] = {}

    def colour(self, hex_colour: str) -> colors.Color:
        """A fill colour from "#rrggbb", as a light grey when printing in greyscale."""
        # Badges and cells ask for the same few colours thousands of times in a long pack.
        cached = self._fills.get(hex_colour)
        if cached is None:
            cached = self._fills[hex_colour] = self._fill(hex_colour)
        return cached

    def _fill(self, hex_colour: str) -> colors.Color:
        colour = colors.HexColor(hex_colour)
        if not self.greyscale:
            return colour
        level = self._band_greys.get(hex_colour.lower())
        if level is None:
            # Lift greys so black text on them still reads when printed.
            level = 0.45 + 0.55 * luminance(colour)
        return colors.Color(level, level, level)

    def ink(self, hex_colour: str) -> colors.Color:
        """A text colour from "#rrggbb", as a grey of the same lightness in greyscale."""
        colour = colors.HexColor(hex_colour)
        if not self.greyscale:
            return colour
        level = luminance(colour)
        return colors.Color(level, level, level)

    def ink_on(self, hex_colour: str) -> colors.Color:
        """Black or white, whichever reads better on the given fill."""
        fill = self.colour(hex_colour)
        return colors.black if ink_on_rgb(fill.red, fill.green, fill.blue) == BLACK else colors.white

    @property
    def accent(self) -> colors.Color:
        """The heading colour."""
        return self.ink(ACCENT)

    @property
    def header_fill(self) -> colors.Color:
        """The fill of table header rows."""
        return self.colour(HEADER_FILL)


def luminance(colour: colors.Color) -> float:
    """Perceived lightness from 0 (black) to 1 (white)."""
    return float(lightness(colour.red, colour.green, colour.blue))


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one report."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_centre: ParagraphStyle
    header_cell: ParagraphStyle
    label: ParagraphStyle
    note: ParagraphStyle
    register: ParagraphStyle  # a register's heading over its risks in the committee pack
    register_sub: ParagraphStyle  # a sub-register's heading under its register
    cell_small: ParagraphStyle  # dense tables such as the impact criteria
    header_small: ParagraphStyle
    continued: ParagraphStyle  # a section's heading repeated atop each page it runs onto
    scale: float = 1.0  # 1 on A4; larger on A3, where every size grows by the same factor

    def size(self, points: float) -> float:
        """A type size given for A4, as printed on this report's paper."""
        return points * self.scale


# Type sizes on A4 (points): committee papers are read on paper and on screen by members of all ages.
BODY_SIZE = 11.0
TABLE_SIZE = 9.5
FOOTER_SIZE = 8.0
MATRIX_LABEL_SIZE = 9.0
# A3 is A4 scaled by the square root of two; type grows with it so a sheet reads the same.
A3_SCALE = 1.41


def make_styles(palette: Palette, scale: float = 1.0) -> Styles:
    """The styles for a report; scale enlarges type for A3 sheets."""
    accent = palette.accent

    def style(name: str, size: float, font: str = REGULAR, **extra: object) -> ParagraphStyle:
        extra.setdefault("alignment", TA_LEFT)
        # No paragraph leaves its first or last line alone at a page's edge.
        extra.setdefault("allowOrphans", 0)
        extra.setdefault("allowWidows", 0)
        for key in ("spaceBefore", "spaceAfter"):
            if key in extra:
                extra[key] = float(extra[key]) * scale  # type: ignore[arg-type]
        return ParagraphStyle(name, fontName=font, fontSize=size * scale, leading=size * 1.3 * scale, **extra)

    return Styles(
        title=style("title", 20, BOLD, textColor=accent, spaceAfter=4),
        subtitle=style("subtitle", 13, REGULAR, textColor=accent, spaceAfter=10),
        heading=style("heading", 14.5, BOLD, textColor=accent, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        subheading=style("subheading", 12, BOLD, textColor=accent, spaceBefore=6, spaceAfter=3,
                         keepWithNext=1),
        body=style("body", BODY_SIZE, spaceAfter=5),
        small=style("small", TABLE_SIZE),
        cell=style("cell", TABLE_SIZE),
        cell_bold=style("cell_bold", TABLE_SIZE, BOLD),
        cell_centre=style("cell_centre", TABLE_SIZE, alignment=TA_CENTER),
        header_cell=style("header_cell", TABLE_SIZE, BOLD, textColor=colors.black),
        label=style("label", BODY_SIZE, spaceAfter=2),
        note=style("note", TABLE_SIZE, ITALIC, textColor=colors.HexColor("#444444")),
        register=style("register", 17, BOLD, textColor=accent, spaceBefore=4, spaceAfter=6),
        register_sub=style("register_sub", 14.5, BOLD, textColor=accent, spaceBefore=2, spaceAfter=5),
        cell_small=style("cell_small", TABLE_SIZE),
        header_small=style("header_small", TABLE_SIZE, BOLD, textColor=colors.black),
        continued=style("continued", 13, BOLD, textColor=accent, spaceAfter=5),
        scale=scale,
    )


def table_style_commands(palette: Palette, header: bool = True, scale: float = 1.0) -> list[tuple[object, ...]]:
    """Grid, padding and embedded font for every table (no cell falls back to a base-14 font).

    Top and bottom padding stay at ReportLab's 3 points; every command here is applied cell by cell.
    """
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), TABLE_SIZE * scale),
        ("LEADING", (0, 0), (-1, -1), TABLE_SIZE * 1.25 * scale),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), palette.header_fill),
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ]
    return commands
