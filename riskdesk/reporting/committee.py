"""The committee pack (seed 001's layout): scoring key, summary overview, a section per risk."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from riskdesk.core.grid import build_grid
from riskdesk.reporting.data import ReportData, RiskEntry
from riskdesk.reporting.flowables import DirectionArrow, HeatMap
from riskdesk.reporting.parts import (
    actions_table,
    badge,
    controls_table,
    data_table,
    labelled,
    scores_table,
    table_heading,
    text_block,
)
from riskdesk.reporting.styles import Palette, Styles
from riskdesk.reporting.template import Checkpoint
from riskdesk.reporting.text import long_date, safe


def by_residual_score(risks: list[RiskEntry]) -> list[RiskEntry]:
    """Highest residual score first, as the summary overview lists them; unscored last."""
    return sorted(risks, key=lambda e: -(e.residual.value if e.residual else -1))


def committee_story(data: ReportData, width: float, styles: Styles, palette: Palette) -> list[Flowable]:
    """Every flowable of the committee pack."""
    meta = data.meta
    story: list[Flowable] = [
        Paragraph(safe(meta.scope or meta.council), styles.subtitle),
        Paragraph(safe(meta.title), styles.title),
        Paragraph(safe(meta.period), styles.subtitle),
    ]
    story += text_block(data.introduction, styles.body)
    story.append(scoring_key(data, width, styles, palette))
    story += summary_overview(data, width, styles, palette)
    total = len(data.risks)
    for index, entry in enumerate(data.risks, start=1):
        story += risk_section(entry, data, width, styles, palette)
        story.append(Checkpoint(index, total))
    return story


def scoring_key(data: ReportData, width: float, styles: Styles, palette: Palette) -> Flowable:
    """The scoring matrix with each cell's score and band, kept on one page with its heading."""
    grid = build_grid(data.scheme, [])
    bands = "; ".join(f"{b.name} {b.low}–{b.high}" for b in sorted(data.scheme.bands, key=lambda b: b.low))
    return KeepTogether([
        Paragraph("Scoring key", styles.heading),
        Paragraph(safe(f"Score = likelihood × impact. Bands: {bands}."), styles.small),
        Spacer(1, 2 * mm),
        HeatMap(grid, palette, mode="key", width=min(width, 170 * mm)),
    ])


def summary_overview(data: ReportData, width: float, styles: Styles, palette: Palette) -> list[Flowable]:
    """The summary table: ref, owner, short title, residual score badge, direction arrow."""
    header = ["Ref", "Risk Owner", "Risks (short title)", "Residual risk score", "Direction of travel"]
    rows: list[list[object]] = [[Paragraph(h, styles.header_cell) for h in header]]
    for entry in by_residual_score(data.risks):
        risk = entry.risk
        rows.append([
            Paragraph(f"<b>{safe(risk.reference)}</b>", styles.cell),
            Paragraph(safe(risk.owner), styles.cell),
            Paragraph(safe(risk.title), styles.cell),
            badge(data.scheme, risk.residual, palette),
            DirectionArrow(entry.direction, palette, data.meta.arrow_style),
        ])
    widths = [width * 0.1, width * 0.22, width * 0.38, width * 0.14, width * 0.16]
    flowables: list[Flowable] = table_heading("Summary overview", styles.heading, 60 * mm)
    if not data.risks:
        flowables.append(Paragraph("<i>No risks match the options chosen for this report.</i>", styles.body))
        return flowables
    flowables.append(data_table(rows, widths, palette, [("VALIGN", (3, 1), (-1, -1), "MIDDLE")]))
    flowables.append(PageBreak())
    return flowables


def risk_section(entry: RiskEntry, data: ReportData, width: float, styles: Styles,
                 palette: Palette) -> list[Flowable]:
    """One risk: heading, description, people, scores, period comments, controls and actions."""
    risk = entry.risk
    # Each section starts a page only when less than a heading and a few lines' room is left.
    flowables: list[Flowable] = table_heading(f"{risk.reference} {risk.title}", styles.heading, 45 * mm)
    flowables += text_block(risk.description, styles.body)
    people = [("Risk Owner:", risk.owner), ("Accountable Officer:", risk.accountable_officer),
              ("Cabinet Member:", risk.cabinet_member), ("Category:", risk.category)]
    for label, value in people:
        if value:
            flowables.append(labelled(label, value, styles.label))
    for label, values in (("Represented on:", entry.represented_on), ("Risks represented here:", entry.represents)):
        if values:
            flowables.append(labelled(label, "; ".join(values), styles.label))
    dates = []
    if risk.last_reviewed:
        dates.append(f"Last reviewed {long_date(risk.last_reviewed)}")
    if risk.next_review:
        dates.append(f"Next review {long_date(risk.next_review)}")
    if risk.status.value != "open":
        dates.append(f"Status: {risk.status.value}")
    if dates:
        flowables.append(Paragraph(safe("; ".join(dates)), styles.small))
    flowables.append(Spacer(1, 2 * mm))
    flowables.append(scores_table(entry, data.scheme, width, styles, palette, data.meta.arrow_style))
    flowables += table_heading("Period comments:", styles.subheading, 25 * mm)
    flowables += text_block(entry.comment, styles.body, empty="No comment was recorded for this period.")
    if entry.controls:
        flowables += table_heading("Controls", styles.subheading)
        flowables.append(controls_table(entry.controls, width, styles, palette))
    if entry.actions:
        flowables += table_heading("Actions", styles.subheading)
        flowables.append(actions_table(entry.actions, width, styles, palette))
    flowables.append(Spacer(1, 6 * mm))
    return flowables
