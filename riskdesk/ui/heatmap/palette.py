"""Colour modes for the heat map: the scheme's own colours, colour-blind safe, high contrast."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from riskdesk.core.colours import ink_on_rgb
from riskdesk.core.scheme import Band, ScoringScheme


class PaletteMode(StrEnum):
    """Which colours the cells are drawn in."""

    SCHEME = "scheme"
    COLOUR_BLIND = "colour-blind"
    GREYSCALE = "greyscale"


PALETTE_NAMES = {
    PaletteMode.SCHEME: "Council colours",
    PaletteMode.COLOUR_BLIND: "Colour-blind safe",
    PaletteMode.GREYSCALE: "High contrast (black and white)",
}

# Steps from lowest to highest band. The colour-blind steps come from the
# Okabe-Ito set (sky blue, yellow, orange, vermillion, reddish purple): they stay
# apart for the common kinds of colour blindness, and the higher steps are darker.
_COLOUR_BLIND = ("#56b4e9", "#f0e442", "#e69f00", "#d55e00", "#882255")
_COLOUR_BLIND_PICKS = {1: (3,), 2: (0, 3), 3: (0, 1, 3), 4: (0, 1, 2, 3), 5: (0, 1, 2, 3, 4)}
_GREYSCALE = ("#ffffff", "#d0d0d0", "#8a8a8a", "#3c3c3c", "#000000")
_GREYSCALE_PICKS = {1: (2,), 2: (0, 3), 3: (0, 1, 3), 4: (0, 1, 2, 3), 5: (0, 1, 2, 3, 4)}


@dataclass(frozen=True)
class CellColours:
    """How one cell is drawn: fill, text and whether it is hatched."""

    fill: QColor
    text: QColor
    pattern: Qt.BrushStyle = Qt.BrushStyle.NoBrush


def _steps(table: tuple[str, ...], picks: dict[int, tuple[int, ...]], count: int) -> list[str]:
    """count colours from a table of steps, lowest first."""
    if count in picks:
        return [table[i] for i in picks[count]]
    return [table[round(i * (len(table) - 1) / (count - 1))] for i in range(count)]


def readable_text(fill: QColor) -> QColor:
    """Black or white, whichever reads better on the fill."""
    return QColor(ink_on_rgb(fill.redF(), fill.greenF(), fill.blueF()))


def band_colours(mode: PaletteMode, scheme: ScoringScheme, band: Band) -> CellColours:
    """The colours of a band's cells in a colour mode."""
    if mode == PaletteMode.SCHEME:
        fill = QColor(band.colour)
        return CellColours(fill, readable_text(fill))
    ordered = sorted(scheme.bands, key=lambda b: b.low)
    rank = [b.name for b in ordered].index(band.name)
    if mode == PaletteMode.COLOUR_BLIND:
        fill = QColor(_steps(_COLOUR_BLIND, _COLOUR_BLIND_PICKS, len(ordered))[rank])
    else:
        fill = QColor(_steps(_GREYSCALE, _GREYSCALE_PICKS, len(ordered))[rank])
    pattern = Qt.BrushStyle.NoBrush
    if mode == PaletteMode.GREYSCALE and rank == len(ordered) - 1 and len(ordered) > 1:
        # The highest band is also hatched, so it stands out on any printer.
        pattern = Qt.BrushStyle.BDiagPattern
    return CellColours(fill, readable_text(fill), pattern)
