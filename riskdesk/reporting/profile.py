"""The risk profile (seed 003's layout): whole-service matrix, criteria, likelihood key, areas, high risks."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from riskdesk.core.grid import Grid, build_grid
from riskdesk.core.scheme import Band, ScoringScheme
from riskdesk.reporting.data import AreaEntry, ReportData, RiskEntry, exempt_words
from riskdesk.reporting.flowables import DirectionArrow, HeatMap, KeptBlock
from riskdesk.reporting.fonts import BOLD, REGULAR
from riskdesk.reporting.parts import data_table, filters_note, fitted_widths, free_heading, table_heading, text_block
from riskdesk.reporting.sections import SectionEnd, SectionMark
from riskdesk.reporting.styles import Palette, Styles, table_style_commands
from riskdesk.reporting.template import Checkpoint
from riskdesk.reporting.text import long_date, safe

# Commentary longer than this goes under its matrix, where it can split across pages.
BESIDE_LIMIT = 700


def top_band(scheme: ScoringScheme) -> Band:
    """The highest band: the risks the profile lists one by one."""
    return max(scheme.bands, key=lambda b: b.low)


def profile_grid(data: ReportData, risks: tuple[RiskEntry, ...] | list[RiskEntry]) -> Grid:
    """A residual-score grid, its axes the way round every report of this file draws them."""
    return build_grid(data.scheme, [e.risk for e in risks], transposed=data.impact_vertical, include_closed=True)


def profile_story(data: ReportData, width: float, styles: Styles, palette: Palette) -> list[Flowable]:
    """Every flowable of the risk profile."""
    meta = data.meta
    story: list[Flowable] = [
        Paragraph(safe(f"{meta.scope or meta.council} – {meta.title}"), styles.title),
        Paragraph(safe(meta.period), styles.subtitle),
        *filters_note(meta.filters, styles),
    ]
    top = top_band(data.scheme)
    single = len(data.areas) == 1 and len(data.areas[0].risks) == len(data.risks)
    # Page 1 opens with the whole service's matrix and counts, as seed 003 does; one area holding
    # every risk is already the whole picture, so it opens the profile instead.
    if single:
        area = data.areas[0]
        story += area_block(area.name, area.commentary, area.risks, data, width, styles, palette, top)
    else:
        story += area_block(f"{meta.scope or 'All registers'} – Overall", data.introduction, data.risks, data,
                            width, styles, palette, top)
    story += criteria_tables(data.scheme, width, styles, palette)
    rest: list[Flowable] = []
    total = len(data.areas)
    for index, area in enumerate(data.areas, start=1):
        if not single:
            rest += area_block(area.name, area.commentary, area.risks, data, width, styles, palette, top)
        rest += high_risks(area, data, width, styles, palette, top)
        rest.append(Checkpoint(index, total))
    # The areas start a new page; a profile with nothing more to say ends where it is.
    if any(not isinstance(flowable, Checkpoint) for flowable in rest):
        story.append(PageBreak())
    return story + rest


def criteria_tables(scheme: ScoringScheme, width: float, styles: Styles, palette: Palette) -> list[Flowable]:
    """The impact criteria per category (highest level first) and the likelihood key."""
    categories = list(scheme.criteria)
    flowables: list[Flowable] = [*table_heading("Impact criteria", styles.heading), SectionMark("Impact criteria")]
    if categories:
        # Small type and columns sized to their longest word, so no word breaks inside.
        levels = sorted(scheme.impact, key=lambda lv: -lv.number)
        header = [Paragraph("Impact", styles.header_small)] + [
            Paragraph(safe(c), styles.header_small) for c in categories]
        rows: list[list[object]] = [header]
        for level in levels:
            texts = [scheme.criteria[c][level.number - 1] for c in categories]
            # Captions in their own case: capitals at table size would not fit beside six categories.
            rows.append([Paragraph(f"<b>{safe(level.caption)}</b>", styles.cell_small)]
                        + [Paragraph(safe(t), styles.cell_small) for t in texts])
        columns = [["Impact", *(lv.caption for lv in levels)]] + [
            [c, *scheme.criteria[c]] for c in categories]
        size = styles.cell_small.fontSize
        # Narrow padding: seven columns of words at table size only just fit a portrait page.
        flowables.append(data_table(rows, fitted_widths(columns, width, BOLD, size, padding=5, body_font=REGULAR),
                                    palette, [("LEFTPADDING", (0, 0), (-1, -1), 2.5),
                                              ("RIGHTPADDING", (0, 0), (-1, -1), 2.5)], scale=styles.scale))
    flowables.append(free_heading("Likelihood", styles.heading))
    levels = sorted(scheme.likelihood, key=lambda lv: lv.number)
    header = [Paragraph("Score", styles.header_cell)] + [
        Paragraph(safe(lv.caption.upper()), styles.header_cell) for lv in levels]
    rows = [header, [Paragraph("<b>LIKELIHOOD</b>", styles.cell)]
            + [Paragraph(safe(lv.key_text), styles.cell) for lv in levels]]
    columns = [["LIKELIHOOD"]] + [[lv.caption.upper(), lv.key_text] for lv in levels]
    flowables.append(KeepTogether([flowables.pop(), data_table(
        rows, fitted_widths(columns, width, BOLD, styles.cell.fontSize), palette, scale=styles.scale)]))
    return flowables


def area_block(name: str, commentary: str, risks: tuple[RiskEntry, ...] | list[RiskEntry], data: ReportData,
               width: float, styles: Styles, palette: Palette, top: Band) -> list[Flowable]:
    """A register's matrix of counts with its totals, and its commentary beside or under it."""
    grid = profile_grid(data, risks)
    high = grid.count_in_band(top.name)
    matrix_width = min(width * 0.45, 85 * mm * styles.scale)
    totals = [
        Paragraph(safe(f"{top.name} Risks {high} in total"), styles.subheading),
        Paragraph(safe(f"Number of risks: {grid.total}"), styles.label),
    ]
    beside = totals[:]
    under: list[Flowable] = []
    if commentary and len(commentary) <= BESIDE_LIMIT:
        beside += [Paragraph("<b>Commentary</b>", styles.label), *text_block(commentary, styles.body)]
    elif commentary:
        under = [Paragraph("<b>Commentary</b>", styles.label), *text_block(commentary, styles.body)]
    table = Table([[HeatMap(grid, palette, mode="counts", width=matrix_width, short_captions=True,
                            cell_height=12 * mm, scale=styles.scale), beside]],
                  colWidths=[matrix_width + 4 * mm, width - matrix_width - 4 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([*table_style_commands(palette, header=False, scale=styles.scale),
                               ("GRID", (0, 0), (-1, -1), 0, "white"),
                               ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    return [KeptBlock([Paragraph(safe(name), styles.heading), SectionMark(name, register=name), table]), *under,
            Spacer(1, 3 * mm)]


def high_risks(area: AreaEntry, data: ReportData, width: float, styles: Styles, palette: Palette,
               top: Band) -> list[Flowable]:
    """Each risk of the top band: number, title, officer, direction, last reviewed, commentary, controls."""
    flowables: list[Flowable] = []
    for entry in area.risks:
        residual = entry.risk.residual
        if residual is None or data.scheme.band_for(residual.likelihood, residual.impact).name != top.name:
            continue
        risk = entry.risk
        heading = f"<b>{safe(top.name)} Risk: {safe(risk.reference)}) {safe(risk.title)}</b>"
        if risk.accountable_officer:
            heading += f" – Accountable Officer – {safe(risk.accountable_officer)}"
        if risk.exempt:
            heading += f"<br/><b>{safe(exempt_words(risk))}</b>"
        rows: list[list[object]] = [
            [Paragraph(heading, styles.cell), Paragraph("<b>Direction of Travel</b>", styles.cell),
             DirectionArrow(entry.direction, palette, data.meta.arrow_style, font_size=styles.size(9.5))],
            ["", Paragraph("<b>Last Reviewed</b>", styles.cell),
             Paragraph(safe(long_date(risk.last_reviewed)) or "–", styles.cell)],
        ]
        table = Table(rows, colWidths=[width * 0.6, width * 0.18, width * 0.22], hAlign="LEFT")
        table.setStyle(TableStyle([*table_style_commands(palette, header=False, scale=styles.scale),
                                   ("SPAN", (0, 0), (0, 1)),
                                   ("BACKGROUND", (1, 0), (1, -1), palette.header_fill),
                                   ("VALIGN", (1, 0), (-1, -1), "MIDDLE")]))
        name = f"{risk.reference} {risk.title}"
        mark = SectionMark(name, level=1, register=area.name, continued=f"{top.name} Risk: {name}")
        comment = text_block(entry.comment, styles.body, empty="No commentary was recorded for this period.")
        # The heading box never stands at a page's foot without the commentary's first lines.
        flowables.append(Spacer(1, 2 * mm))
        flowables.append(KeptBlock([table, mark, Spacer(1, 1.5 * mm), comment[0]]))
        flowables += comment[1:]
        if entry.controls:
            listed = "; ".join(c.description.rstrip(". ") for c in entry.controls)
            flowables.append(Paragraph(f"<b>Current Controls:</b> {safe(listed)}.", styles.body))
        flowables.append(SectionEnd())
    return flowables
