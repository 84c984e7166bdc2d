"""The committee pack (seed 001's layout): scoring key, summary overview, a section per risk by register."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText

from riskdesk.core.direction import Direction
from riskdesk.core.grid import build_grid
from riskdesk.core.model import RiskStatus, Score
from riskdesk.core.scheme import ScoringScheme
from riskdesk.reporting.data import ReportData, RiskEntry, exempt_words
from riskdesk.reporting.flowables import DirectionArrow, HeatMap, KeptBlock, PageAnchor, PageNumber
from riskdesk.reporting.fonts import BOLD, REGULAR
from riskdesk.reporting.long_table import MadeRows, paged_rows_table
from riskdesk.reporting.parts import (
    LONG_CELL,
    actions_table,
    badge,
    controls_table,
    filters_note,
    free_heading,
    labelled,
    scores_table,
    table_heading,
    text_block,
)
from riskdesk.reporting.sections import Deferred, SectionEnd, SectionMark
from riskdesk.reporting.styles import TABLE_SIZE, Palette, Styles
from riskdesk.reporting.template import Checkpoint
from riskdesk.reporting.text import long_date, natural_key, safe
from riskdesk.reporting.trend import Beside, ScorePathMap, previous_score, score_number, trend_words

# A register's name over its risks in the summary.
REGISTER_ROW_FILL = "#eef1f6"
# Room a register's heading needs below it (its heading and a risk's opening lines), else a new page.
REGISTER_ROOM = 90 * mm
# A description past this many characters might not share a page with the scores; shorter ones always can.
LONG_DESCRIPTION = 1500


def by_residual_score(risks: list[RiskEntry], scheme: ScoringScheme | None = None) -> list[RiskEntry]:
    """Highest residual score first (as the scheme scores it), as the summary overview lists them; unscored last.

    Among equal scores, the risk that has stood at its score longest comes first, then the one
    with the higher target (further from being brought down), then by reference.
    """
    def value(score: Score | None) -> int:
        if score is None:
            return -1
        return scheme.value_of(score) if scheme is not None else score.value
    return sorted(risks, key=lambda e: (-value(e.residual), -e.steady_for, -value(e.risk.target),
                                        natural_key(e.reference)))


def by_register(risks: list[RiskEntry]) -> list[tuple[tuple[str, ...], list[RiskEntry]]]:
    """The risks grouped by register (registers in the order given), each in reference order.

    Each group carries its register's path from the highest register that not every group shares
    (the report's scope is in every page's header already) down to its own.
    """
    groups: dict[str, tuple[tuple[str, ...], list[RiskEntry]]] = {}
    for entry in risks:
        path = entry.register_path or (entry.register_name or "Risks",)
        groups.setdefault(entry.risk.register_id, (path, []))[1].append(entry)
    paths = [path for path, _ in groups.values()]
    shared = 0
    while paths and all(len(p) > shared and p[shared] == paths[0][shared] for p in paths):
        shared += 1
    return [(path[min(shared, len(path) - 1):], sorted(entries, key=lambda e: natural_key(e.reference)))
            for path, entries in groups.values()]


def register_marks(path: tuple[str, ...], previous: tuple[str, ...]) -> list[SectionMark]:
    """Marks for the registers entered since the previous group: a register, then its sub-registers."""
    shared = 0
    while shared < min(len(path), len(previous)) and path[shared] == previous[shared]:
        shared += 1
    shared = min(shared, len(path) - 1)  # a new register of the same name still gets its heading
    return [SectionMark(name, level=depth) for depth, name in enumerate(path) if depth >= shared]


def register_headings(marks: list[SectionMark], styles: Styles) -> list[Flowable]:
    """Each register's heading, followed by its mark."""
    flowables: list[Flowable] = []
    for mark in marks:
        flowables += [Paragraph(safe(mark.title), styles.register if mark.level == 0 else styles.register_sub), mark]
    return flowables


def anchor_key(entry: RiskEntry) -> str:
    """The name of the mark at the start of a risk's section, for the summary's page column."""
    return f"risk{entry.risk.id}"


def committee_story(data: ReportData, width: float, styles: Styles, palette: Palette) -> list[Flowable]:
    """Every flowable of the committee pack."""
    meta = data.meta
    story: list[Flowable] = [
        Paragraph(safe(meta.scope or meta.council), styles.subtitle),
        Paragraph(safe(meta.title), styles.title),
        Paragraph(safe(meta.period), styles.subtitle),
        *filters_note(meta.filters, styles),
    ]
    about = text_block(data.introduction, styles.body)
    if about:
        # The register's standing description, not this period's summary.
        story += [free_heading("About this register", styles.subheading), *about]
    story.append(scoring_key(data, width, styles, palette))
    story += summary_overview(data, width, styles, palette)
    # Each risk's flowables are made when layout reaches it (a 10,000-risk story made whole held
    # hundreds of megabytes); its marks now, for the contents and the outline.
    sections: list[tuple[list[SectionMark], Callable[[], list[Flowable]]]] = []
    total = len(data.risks)
    previous: tuple[str, ...] = ()
    for register_index, (path, entries) in enumerate(by_register(data.risks)):
        lead = register_marks(path, previous)
        previous = path
        for index, entry in enumerate(entries):
            mark = risk_mark(entry, len(path))
            made = partial(_deferred_section, entry, data, width, styles, palette, lead, mark,
                           register_index > 0 and index == 0, Checkpoint(len(sections) + 1, total))
            sections.append(([*lead, mark], made))
            lead = []
    if sections:
        story.append(Deferred(sections))
    return story


def _deferred_section(entry: RiskEntry, data: ReportData, width: float, styles: Styles, palette: Palette,
                      lead: list[SectionMark], mark: SectionMark, new_register: bool,
                      checkpoint: Checkpoint) -> list[Flowable]:
    """One risk's flowables as the story holds them: a register's room check first, progress after."""
    opening: list[Flowable] = [CondPageBreak(REGISTER_ROOM)] if new_register else []
    return [*opening, *risk_section(entry, data, width, styles, palette, register_headings(lead, styles),
                                    level=mark.level, mark=mark), checkpoint]


def risk_mark(entry: RiskEntry, level: int) -> SectionMark:
    """The mark at the start of a risk's section: outline entry, running header, "(continued)" heading."""
    name = f"{entry.risk.reference} {entry.risk.title}"
    return SectionMark(name, level=level, register=entry.register_name, continued=name)


def scoring_key(data: ReportData, width: float, styles: Styles, palette: Palette) -> Flowable:
    """The scoring matrix with each cell's score and band, kept on one page with its heading."""
    grid = build_grid(data.scheme, [], transposed=data.impact_vertical)
    bands = "; ".join(f"{b.name} {b.low}–{b.high}" for b in sorted(data.scheme.bands, key=lambda b: b.low))
    rule = "Score = likelihood × impact."
    for scale, levels in (("Likelihood", data.scheme.likelihood), ("Impact", data.scheme.impact)):
        if any(level.weighted for level in levels):  # weighted levels: say what each scores
            rule += f" {scale} levels score " + ", ".join(f"{lv.label} {lv.value}" for lv in levels) + "."
    chances = [f"{lv.caption} " + ", ".join(t for t in (lv.probability, lv.frequency) if t)
               for lv in data.scheme.likelihood if lv.probability or lv.frequency]
    chance = [Paragraph(safe("Likelihood: " + "; ".join(chances) + "."), styles.small)] if chances else []
    return KeptBlock([
        Paragraph("Scoring key", styles.heading),
        SectionMark("Scoring key"),
        Paragraph(safe(f"{rule} Bands: {bands}."), styles.small),
        *chance,
        Spacer(1, 2 * mm),
        HeatMap(grid, palette, mode="key", width=min(width, 170 * mm * styles.scale), scale=styles.scale),
    ])


def summary_overview(data: ReportData, width: float, styles: Styles, palette: Palette) -> list[Flowable]:
    """The summary table: ref, owner, short title, residual score badge, direction arrow, section's page.

    With risks from more than one register, each register's risks come under its name, in the
    order of the register tree, each group highest score first.
    """
    header = ["Ref", "Risk Owner", "Risks (short title)", "Residual risk score",
              "Direction of travel (last quarters)", "Page"]
    size = styles.size(TABLE_SIZE)
    groups = by_register(data.risks)
    extra: list[tuple[object, ...]] = []
    # A register's name (its path), then its risks: each row is made when the layout reaches it.
    items: list[tuple[tuple[str, ...], RiskEntry | None]] = []
    for path, entries in groups:
        if len(groups) > 1:
            # A register's name never ends a page without its first risk under it.
            at = len(items) + 1  # the header row is row 0
            extra += [("SPAN", (0, at), (-1, at)), ("NOSPLIT", (0, at), (-1, at + 1)),
                      ("BACKGROUND", (0, at), (-1, at), palette.colour(REGISTER_ROW_FILL))]
            items.append((path, None))
        items += [(path, entry) for entry in by_residual_score(entries, data.scheme)]

    def texts(item: tuple[tuple[str, ...], RiskEntry | None]) -> list[str]:
        """The markup of the row's paragraphs that may run long (a register's name; ref, owner, title)."""
        path, entry = item
        if entry is None:
            return [f"<b>{safe(' – '.join(path))}</b>"]
        risk = entry.risk
        return [f"<b>{safe(risk.reference)}</b>", safe(risk.owner),
                safe(risk.title) + (f"<br/><b>{safe(exempt_words(risk))}</b>" if risk.exempt else "")
                + ("<br/><i>Changed since the last report</i>" if entry.changed else "")]

    def row(item: tuple[tuple[str, ...], RiskEntry | None]) -> list[object]:
        entry = item[1]
        cells: list[object] = [Paragraph(text, styles.cell) for text in texts(item)]
        if entry is None:
            return [*cells, "", "", "", "", ""]
        words = trend_words(entry, data.scheme)
        return [*cells, badge(data.scheme, entry.risk.residual, palette, size),
                [DirectionArrow(entry.direction, palette, data.meta.arrow_style, font_size=size),
                 *([Paragraph(safe(words), styles.cell)] if words else [])],
                PageNumber(anchor_key(entry), size)]

    # The reference column holds the longest reference on one line; the title gives way.
    ref_width = min(max([width * 0.09] + [stringWidth(e.reference, BOLD, size) + 10 for e in data.risks]),
                    width * 0.2)
    widths = [ref_width, width * 0.17, width * 0.41 - ref_width, width * 0.14, width * 0.21, width * 0.07]
    flowables: list[Flowable] = table_heading("Summary overview", styles.heading, 60 * mm)
    if not data.risks:
        flowables.append(Paragraph("<i>No risks match the options chosen for this report.</i>", styles.body))
        return flowables
    flowables.append(SectionMark("Summary overview", continued="Summary overview"))
    # A page of rows at a time: re-splitting one table of 10,000 rows at every page end was quadratic.
    tall = any(len(cleanBlockQuotedText(text)) > LONG_CELL for item in items for text in texts(item))
    flowables.append(paged_rows_table([Paragraph(h, styles.header_cell) for h in header], MadeRows(items, row),
                                      widths, palette, extra, scale=styles.scale, tall=tall))
    flowables += [SectionEnd(), PageBreak()]
    return flowables


def path_and_trend(entry: RiskEntry, data: ReportData, width: float, styles: Styles, palette: Palette) -> Flowable:
    """The small matrix marking inherent, residual and target, beside the residual score's recent quarters."""
    grid = build_grid(data.scheme, [], transposed=data.impact_vertical)
    # One paragraph for the whole column: a paragraph per line would be parsed once per line per risk.
    lines = ["<b>Residual score over the last quarters</b>"]
    if len(entry.trend) > 1:
        for label, score in entry.trend:
            band = f" ({data.scheme.band_for(score.likelihood, score.impact).name})" if score else ""
            number = score_number(score, data.scheme) if score else "not on the register"
            lines.append(safe(f"{label}: {number}{band}"))
    else:
        lines.append("<i>No earlier quarter to compare with.</i>")
    earlier = previous_score(entry)
    if earlier is not None and entry.residual is not None and entry.direction in (Direction.IMPROVED,
                                                                                 Direction.WORSE):
        lines.append(safe(f"{entry.direction} since {earlier[0]}: from {score_number(earlier[1], data.scheme)} "
                          f"to {score_number(entry.residual, data.scheme)}."))
    words = Paragraph("<br/>".join(lines), styles.cell)
    return Beside(ScorePathMap(grid, entry, palette, scale=styles.scale), words)


def risk_section(entry: RiskEntry, data: ReportData, width: float, styles: Styles,
                 palette: Palette, lead: list[Flowable] | None = None, level: int = 1,
                 mark: SectionMark | None = None) -> list[Flowable]:
    """One risk: heading, description, people, scores, period comments, controls and actions.

    lead (a register's heading) is kept on the page with the risk's heading; mark is the section's
    mark when it was made beforehand (risk_mark).
    """
    risk = entry.risk
    # The anchor follows the heading: a block's first flowable gives the space kept above it.
    mark = mark or risk_mark(entry, level)
    opening: list[Flowable] = [*(lead or []), free_heading(mark.title, styles.heading),
                               PageAnchor(anchor_key(entry)), mark]
    if risk.exempt:
        opening.append(Paragraph(f"<b>{safe(exempt_words(risk))}</b>", styles.label))
    opening += text_block(risk.description, styles.body)
    # The people, dates and score table never part: a score table's header alone at a page's foot
    # is no use.
    block: list[Flowable] = []
    people = [("Risk Owner:", risk.owner), ("Accountable Officer:", risk.accountable_officer),
              ("Cabinet Member:", risk.cabinet_member), ("Category:", risk.category)]
    for label, value in people:
        if value:
            block.append(labelled(label, value, styles.label))
    for label, values in (("Represented on:", entry.represented_on), ("Risks represented here:", entry.represents)):
        if values:
            block.append(labelled(label, "; ".join(values), styles.label))
    if entry.context:
        # One paragraph of several lines: parsing is most of a pack's build time.
        block.append(Paragraph("<br/>".join(f"<b>{safe(label)}</b> {safe(value)}" for label, value in entry.context),
                               styles.label))
    if entry.changed:
        block.append(labelled("Changed since the last report:", entry.changed, styles.label))
    dates = []
    if risk.last_reviewed:
        dates.append(f"Last reviewed {long_date(risk.last_reviewed)}")
    if risk.next_review:
        dates.append(f"Next review {long_date(risk.next_review)}")
    if risk.status != RiskStatus.OPEN:  # an unset status is said, not taken as open
        dates.append(f"Status: {risk.status.value if risk.status else 'not set'}")
    if dates:
        block.append(Paragraph(safe("; ".join(dates)), styles.small))
    block.append(Spacer(1, 2 * mm))
    block.append(scores_table(entry, data.scheme, width, styles, palette, data.meta.arrow_style))
    block.append(Spacer(1, 2 * mm))
    block.append(path_and_trend(entry, data, width, styles, palette))
    # Each section starts a page only when less than a heading and a few lines' room is left;
    # a long description may still split, but never inside the block above.
    if len(risk.description) > LONG_DESCRIPTION:
        # Heading and block may not fit one page together: the block then moves whole by itself.
        holder = Table([[block]], colWidths=[width], hAlign="LEFT")  # a one-cell table never splits
        holder.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        block = [holder]
    flowables: list[Flowable] = [CondPageBreak(45 * mm), KeptBlock([*opening, *block])]
    # The heading starts a page unless it has room for itself and three or four lines under it;
    # a paragraph never leaves its first line alone at a page's foot.
    flowables.append(CondPageBreak(32 * mm))
    flowables.append(free_heading("Period comments:", styles.subheading))
    flowables += text_block(entry.comment, styles.body, empty="No comment was recorded for this period.")
    if entry.controls:
        flowables += table_heading("Controls", styles.subheading)
        flowables.append(controls_table(entry.controls, width, styles, palette))
    if entry.actions:
        flowables += table_heading("Actions", styles.subheading)
        flowables.append(actions_table(entry.actions, width, styles, palette))
    flowables += [SectionEnd(), Spacer(1, 6 * mm)]
    return flowables
