"""The matrix pack: one landscape sheet per register, references in the cells, for meetings."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Paragraph

from riskdesk.core.grid import build_grid
from riskdesk.reporting.data import ReportData
from riskdesk.reporting.flowables import HeatMap
from riskdesk.reporting.styles import Palette, Styles
from riskdesk.reporting.template import Checkpoint
from riskdesk.reporting.text import safe


def matrix_story(data: ReportData, width: float, styles: Styles, palette: Palette) -> list[Flowable]:
    """A sheet per register: heading, a line of totals, and the matrix filling the rest of the page."""
    story: list[Flowable] = []
    sheets = data.areas
    scale = styles.scale
    bands = sorted(data.scheme.bands, key=lambda b: -b.low)
    for index, sheet in enumerate(sheets, start=1):
        grid = build_grid(data.scheme, [e.risk for e in sheet.risks], transposed=data.impact_vertical,
                          include_closed=True)
        counts = ", ".join(f"{b.name} {grid.count_in_band(b.name)}" for b in bands)
        noun = "risk" if grid.total == 1 else "risks"
        story.append(Paragraph(safe(sheet.name), styles.title))
        story.append(Paragraph(safe(f"Residual scores, {data.meta.period}: {grid.total} {noun} ({counts})"),
                               styles.subtitle))
        line = data.appetite_line
        if line is not None:
            story.append(Paragraph(safe(f"Heavy dashed line: the {line[1]} appetite, scores up to {line[0]}; "
                                        "risks in the cells beyond it are above appetite."), styles.note))
        story.append(HeatMap(grid, palette, mode="references", fill_height=True, scale=scale,
                             appetite=line[0] if line is not None else None))
        story.append(Checkpoint(index, len(sheets)))
        if index < len(sheets):
            story.append(PageBreak())
    if not sheets:
        story.append(Paragraph("No registers match the options chosen for this report.", styles.body))
    return story
