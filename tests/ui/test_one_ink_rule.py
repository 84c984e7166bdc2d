"""The table, the heat map and the PDF palette put the same ink on each band colour."""

from __future__ import annotations

from PySide6.QtGui import QColor
from reportlab.lib import colors

from riskdesk.core.colours import BLACK
from riskdesk.core.presets import PRESET_NAMES, preset
from riskdesk.reporting.styles import Palette
from riskdesk.ui.heatmap.palette import readable_text
from riskdesk.ui.risk_table import text_on


def test_table_map_and_paper_agree_on_every_band(qapp: object) -> None:
    paper = Palette()
    for name in PRESET_NAMES:
        for band in preset(name).bands:
            table = text_on(band.colour).name()
            heat_map = readable_text(QColor(band.colour)).name()
            pdf = "#000000" if paper.ink_on(band.colour) == colors.black else "#ffffff"
            assert table == heat_map == pdf, band
    # A mid grey sits near the threshold, where three formulas used to disagree.
    for grey in range(100, 160):
        fill = f"#{grey:02x}{grey:02x}{grey:02x}"
        pdf = "#000000" if paper.ink_on(fill) == colors.black else "#ffffff"
        assert text_on(fill).name() == readable_text(QColor(fill)).name() == pdf
    assert text_on("#ffffff").name() == BLACK
