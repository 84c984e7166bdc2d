"""One rule for the ink on a band colour, wherever the colour is shown."""

from __future__ import annotations

import pytest

from riskdesk.core.colours import BLACK, WHITE, ink_on, ink_on_rgb
from riskdesk.core.presets import PRESET_NAMES, preset


@pytest.mark.parametrize(
    ("fill", "ink"),
    [("#ffffff", BLACK), ("#000000", WHITE), ("#ffc000", BLACK),
     ("#92d050", BLACK), ("#c00000", WHITE), ("#1f3864", WHITE)],
)
def test_ink_reads_on_light_and_dark_fills(fill: str, ink: str) -> None:
    assert ink_on(fill) == ink


def test_hex_and_channel_forms_agree_on_every_band_of_every_preset() -> None:
    for name in PRESET_NAMES:
        for band in preset(name).bands:
            red, green, blue = (int(band.colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
            assert ink_on(band.colour) == ink_on_rgb(red, green, blue)


def test_a_colour_that_is_not_hex_is_named() -> None:
    with pytest.raises(ValueError, match="not a colour"):
        ink_on("red")
