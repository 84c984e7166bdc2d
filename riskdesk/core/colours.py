"""Which ink reads on a coloured fill: one rule for the table, the heat map and the papers."""

from __future__ import annotations

BLACK = "#000000"
WHITE = "#ffffff"

# Above this perceived lightness black text reads better than white.
_LIGHT_ENOUGH_FOR_BLACK = 0.45


def lightness(red: float, green: float, blue: float) -> float:
    """Perceived lightness of a colour given as 0-1 channels, from 0 (black) to 1 (white)."""
    return 0.299 * red + 0.587 * green + 0.114 * blue


def ink_on_rgb(red: float, green: float, blue: float) -> str:
    """Black or white ("#rrggbb"), whichever reads better on a fill given as 0-1 channels."""
    return BLACK if lightness(red, green, blue) > _LIGHT_ENOUGH_FOR_BLACK else WHITE


def ink_on(fill: str) -> str:
    """Black or white ("#rrggbb"), whichever reads better on a "#rrggbb" fill."""
    text = fill.lstrip("#")
    if len(text) != 6:
        raise ValueError(f'"{fill}" is not a colour written as #rrggbb.')
    red, green, blue = (int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return ink_on_rgb(red, green, blue)
