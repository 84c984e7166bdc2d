"""The matrix pack: one landscape sheet per register, references in the cells, for meetings."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Table

from riskdesk.core.grid import build_grid
from riskdesk.reporting.data import ReportData, RiskEntry
from riskdesk.reporting.flowables import HeatMap
from riskdesk.reporting.parts import data_table, filters_note
from riskdesk.reporting.sections import SectionEnd, SectionMark
from riskdesk.reporting.styles import Palette, Styles
from riskdesk.reporting.template import Checkpoint
from riskdesk.reporting.text import natural_key, safe
from riskdesk.reporting.trend import Beside

# The height a key beside the matrix may take, as a share of the sheet's width.
KEY_ROOM = 0.42


def sheet_key(entries: list[RiskEntry], width: float, styles: Styles, palette: Palette) -> Table:
    """The key from reference to short title and owner, in reference order."""
    rows: list[list[object]] = [["Ref", "Risk (short title)", "Owner"]]
    for entry in entries:
        risk = entry.risk
        rows.append([Paragraph(f"<b>{safe(risk.reference)}</b>", styles.cell), Paragraph(safe(risk.title), styles.cell),
                     Paragraph(safe(risk.owner) or "–", styles.cell)])
    return data_table(rows, [width * 0.18, width * 0.5, width * 0.32], palette, scale=styles.scale)


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
        story.append(SectionMark(sheet.name, register=sheet.name))  # its bookmark, and its name in the header
        story.append(Paragraph(safe(f"Residual scores, {data.meta.period}: {grid.total} {noun} ({counts})"),
                               styles.subtitle))
        line = data.appetite_line
        if line is not None:
            story.append(Paragraph(safe(f"Heavy dashed line: the {line[1]} appetite, scores up to {line[0]}; "
                                        "risks in the cells beyond it are above appetite."), styles.note))
        story += filters_note(data.meta.filters, styles)
        entries = sorted(sheet.risks, key=lambda e: natural_key(e.reference))
        key = sheet_key(entries, width * 0.38 - 6 * mm, styles, palette) if entries else None
        # The key goes beside the matrix when it fits the sheet's height (on landscape A4 or A3 the
        # room under the titles is about 45% of the page's width), so the sheet reads without turning over.
        beside = key is not None and key.wrap(width * 0.38 - 6 * mm, 1e6)[1] <= width * KEY_ROOM
        heatmap = HeatMap(grid, palette, mode="references", fill_height=True, scale=scale,
                          width=width * 0.62 if beside else None, appetite=line[0] if line is not None else None)
        if beside and key is not None:
            story.append(Beside(heatmap, key))
        else:
            story.append(heatmap)
            if entries:
                story += [PageBreak(), Paragraph(safe(f"Key to {sheet.name}"), styles.heading),
                          SectionMark(f"Key to {sheet.name}", register=sheet.name, continued=f"Key to {sheet.name}"),
                          sheet_key(entries, width, styles, palette), SectionEnd()]
        story.append(Checkpoint(index, len(sheets)))
        if index < len(sheets):
            story.append(PageBreak())
    if not sheets:
        story.append(Paragraph("No registers match the options chosen for this report.", styles.body))
    return story
