"""Front matter: the covering report in the shape councils use, then contents with page numbers."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from riskdesk.core.cover import COVER_LABELS, Cover
from riskdesk.reporting.data import ReportData
from riskdesk.reporting.flowables import PageNumber
from riskdesk.reporting.parts import text_block
from riskdesk.reporting.sections import SectionMark, marks_in
from riskdesk.reporting.styles import TABLE_SIZE, Palette, Styles, table_style_commands
from riskdesk.reporting.text import safe

# Past this many risks the contents list the report's parts only, not every risk.
RISKS_LISTED = 60


def exempt_statement(data: ReportData) -> str:
    """Whether the report is exempt, as its cover says so."""
    if not data.meta.exempt:
        return "No. This report is for publication."
    paragraphs = sorted({e.risk.exempt_paragraph.strip() for e in data.risks
                         if e.risk.exempt and e.risk.exempt_paragraph.strip()})
    under = (f" under paragraph{'s' if len(paragraphs) > 1 else ''} {', '.join(paragraphs)} of Schedule 12A"
             if paragraphs else " under Schedule 12A")
    return f"Yes. Part B: not for publication{under} to the Local Government Act 1972."


def cover_page(cover: Cover, data: ReportData, width: float, styles: Styles, palette: Palette) -> list[Flowable]:
    """The covering report: who it goes to and when, who it is from, whether exempt; purpose and recommendations."""
    values = {**cover.to_dict(), "title": cover.title.strip() or data.meta.title}
    rows: list[list[object]] = []
    for name, label in COVER_LABELS[:6]:
        rows.append([Paragraph(f"<b>{safe(label)}</b>", styles.cell),
                     Paragraph(safe(values[name]) or "–", styles.cell)])
    rows.append([Paragraph("<b>Exempt</b>", styles.cell), Paragraph(safe(exempt_statement(data)), styles.cell)])
    table = Table(rows, colWidths=[width * 0.28, width * 0.72], hAlign="LEFT")
    table.setStyle(TableStyle([*table_style_commands(palette, header=False, scale=styles.scale),
                               ("BACKGROUND", (0, 0), (0, -1), palette.header_fill)]))
    flowables: list[Flowable] = [
        Paragraph(safe(data.meta.council), styles.subtitle),
        Paragraph(safe(values["title"]), styles.title),
        Paragraph(safe(data.meta.period), styles.subtitle),
        SectionMark("Cover"),
        Spacer(1, 4 * mm),
        table,
    ]
    for name, label in COVER_LABELS[6:]:
        text = values[name].strip()
        if not text:
            continue
        flowables.append(Paragraph(safe(label), styles.heading))
        if name == "recommendations":
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            flowables += [Paragraph(f"{number}. {safe(line)}", styles.body) for number, line in enumerate(lines, 1)]
        else:
            flowables += text_block(text, styles.body)
    return [*flowables, PageBreak()]


def contents_page(story: list[Flowable], data: ReportData, width: float, styles: Styles,
                  palette: Palette) -> list[Flowable]:
    """Contents from the story's sections, each with the page it starts on."""
    marks = [mark for flowable in story for mark in marks_in(flowable)]
    every = len(data.risks) <= RISKS_LISTED
    # A risk's mark carries the heading it continues with; registers' and parts' marks do not.
    listed = [mark for mark in marks if every or not mark.continued or mark.title == "Summary overview"]
    size = styles.size(TABLE_SIZE)
    rows: list[list[object]] = []
    for number, mark in enumerate(listed, start=1):
        mark.key = f"contents{number}"
        mark.numbered = size
        indent = "&nbsp;" * 4 * mark.level
        text = f"<b>{safe(mark.title)}</b>" if mark.level == 0 else safe(mark.title)
        rows.append([Paragraph(indent + text, styles.cell), PageNumber(mark.key, size)])
    table = Table(rows, colWidths=[width - 20 * mm, 20 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([*table_style_commands(palette, header=False, scale=styles.scale),
                               ("GRID", (0, 0), (-1, -1), 0, "white"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, palette.header_fill)]))
    return [Paragraph("Contents", styles.heading), SectionMark("Contents"), table, PageBreak()]


def front_matter(story: list[Flowable], data: ReportData, width: float, styles: Styles,
                 palette: Palette) -> list[Flowable]:
    """The cover and contents to go before the story (nothing when no cover was asked for)."""
    if data.cover is None:
        return []
    return [*cover_page(data.cover, data, width, styles, palette),
            *contents_page(story, data, width, styles, palette)]
