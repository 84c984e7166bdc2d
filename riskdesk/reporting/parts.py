"""Pieces several reports share: paragraphs of user text, controls and actions tables, score lines."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from riskdesk.core.model import Score
from riskdesk.core.scheme import ScoringScheme
from riskdesk.reporting.data import ActionLine, ControlLine, RiskEntry
from riskdesk.reporting.flowables import BandBadge, DirectionArrow
from riskdesk.reporting.fonts import BOLD
from riskdesk.reporting.styles import RAG_COLOURS, TABLE_SIZE, Palette, Styles, table_style_commands
from riskdesk.reporting.text import paragraphs_of, safe, short_date

# Characters in one cell past which its row might not fit on a page: 600 fill half a page even
# in the narrowest column (an owner), so shorter rows can always move whole to the next page.
LONG_CELL = 600


def text_block(text: str, style: ParagraphStyle, empty: str = "") -> list[Flowable]:
    """User text as escaped paragraphs that can split across pages."""
    parts = paragraphs_of(text)
    if not parts and empty:
        return [Paragraph(f"<i>{safe(empty)}</i>", style)]
    return [Paragraph(part, style) for part in parts]


def filters_note(filters: str, styles: Styles) -> list[Flowable]:
    """The options that chose the report's risks, stated under its title."""
    return [Paragraph(safe(filters), styles.note)] if filters else []


def table_heading(text: str, style: ParagraphStyle, room: float = 35 * mm) -> list[Flowable]:
    """A heading (user text allowed) that starts a new page only when less than room is left.

    A heading kept with its next flowable would drag a long table to a fresh page and leave a
    gap, and costs a deep copy of what follows it at every page end.
    """
    return [CondPageBreak(room), free_heading(text, style)]


def free_heading(text: str, style: ParagraphStyle) -> Paragraph:
    """A heading paragraph (user text allowed) in style but without keep-with-next."""
    free = _FREE_STYLES.get(id(style))
    if free is None or free.parent is not style:
        free = _FREE_STYLES[id(style)] = ParagraphStyle(f"{style.name}-free", parent=style, keepWithNext=0)
    return Paragraph(safe(text), free)


def fitted_widths(columns: list[list[str]], total: float, font: str, size: float,
                  padding: float = 8.0, body_font: str | None = None) -> list[float]:
    """Column widths that hold each column's longest word whole; the rest goes by how much text each has.

    Each column's first text (its header) and the whole first column are measured in font; the
    other cells in body_font (font when not given).
    """
    minimum = []
    for index, texts in enumerate(columns):
        widest = 0.0
        for position, text in enumerate(texts):
            face = font if index == 0 or position == 0 else (body_font or font)
            for word in text.replace("/", "/ ").split():
                widest = max(widest, stringWidth(word, face, size))
        minimum.append(widest + padding + 1)
    weights = [max(sum(len(t) for t in texts), 1) for texts in columns]
    spare = total - sum(minimum)
    if spare <= 0:  # words too long for any layout: share the width by need, and let them split
        return [total * m / sum(minimum) for m in minimum]
    return [m + spare * w / sum(weights) for m, w in zip(minimum, weights, strict=True)]


# Heading styles without keep-with-next, made once per style rather than once per heading.
_FREE_STYLES: dict[int, ParagraphStyle] = {}


def labelled(label: str, value: str, style: ParagraphStyle) -> Paragraph:
    """A bold label (ours) followed by user text (escaped)."""
    return Paragraph(f"<b>{safe(label)}</b> {safe(value)}", style)


def badge(scheme: ScoringScheme, score: Score | None, palette: Palette, font_size: float = TABLE_SIZE) -> BandBadge:
    """The band badge for a score."""
    if score is None:
        return BandBadge(None, None, palette, font_size)
    return BandBadge(scheme.band_for(score.likelihood, score.impact), scheme.value_of(score), palette, font_size)


def data_table(rows: list[list[object]], widths: list[float], palette: Palette,
               extra: list[tuple[object, ...]] | None = None, scale: float = 1.0) -> Table:
    """A table with a repeating header row; a row with a very long cell may split across pages."""
    # Splitting inside rows costs a tenth of a pack's build time, so only tables that could hold
    # a row taller than a page pay for it.
    tall = any(len(getattr(cell, "text", "")) > LONG_CELL for row in rows for cell in row)
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1 if tall else 0, hAlign="LEFT")
    commands = table_style_commands(palette, scale=scale) + (extra or [])
    if len(rows) >= 4 and not tall:
        # The last row never goes overleaf alone, under a repeated header on an otherwise empty page.
        commands.append(("NOSPLIT", (0, -2), (-1, -1)))
    table.setStyle(TableStyle(commands))
    return table


def controls_table(controls: tuple[ControlLine, ...], width: float, styles: Styles, palette: Palette) -> Table:
    """Controls in place: description, owner, effectiveness."""
    # Fixed words go in as plain strings: a Paragraph per cell is most of a pack's build time.
    rows: list[list[object]] = [["Control", "Owner", "Effectiveness"]]
    for control in controls:
        rows.append([Paragraph(safe(control.description), styles.cell), Paragraph(safe(control.owner), styles.cell),
                     control.effectiveness.capitalize()])
    return data_table(rows, [width * 0.55, width * 0.24, width * 0.21], palette, scale=styles.scale)


def rag_cell_commands(rags: list[str], column: int, palette: Palette) -> list[tuple[object, ...]]:
    """Fill each row's RAG cell with its colour, its word in bold ink that reads on the fill."""
    commands: list[tuple[object, ...]] = [("ALIGN", (column, 1), (column, -1), "CENTER")]
    for row, rag in enumerate(rags, start=1):
        if rag in RAG_COLOURS:
            commands += [
                ("BACKGROUND", (column, row), (column, row), palette.colour(RAG_COLOURS[rag])),
                ("TEXTCOLOR", (column, row), (column, row), palette.ink_on(RAG_COLOURS[rag])),
                ("FONTNAME", (column, row), (column, row), BOLD),
            ]
    return commands


def rag_word(rag: str) -> str:
    """The RAG rating as printed: "Amber", or a dash when there is none."""
    return rag.capitalize() if rag in RAG_COLOURS else "–"


def due_text(action: ActionLine) -> str:
    """The due date, with "Overdue" under it when it has passed."""
    due = short_date(action.due) or "No date"
    return f"{due}\nOverdue" if action.overdue else due


def actions_table(actions: tuple[ActionLine, ...], width: float, styles: Styles, palette: Palette) -> Table:
    """Actions of one risk: description with progress, owner, due date, status and RAG."""
    rows: list[list[object]] = [["Action", "Owner", "Due", "Status", "RAG"]]
    for action in actions:
        description = safe(action.description)
        if action.progress:
            description += f"<br/><i>Progress: {safe(action.progress)}</i>"
        rows.append([Paragraph(description, styles.cell), Paragraph(safe(action.owner), styles.cell),
                     due_text(action), action.status.capitalize(), rag_word(action.rag)])
    widths = [width * 0.42, width * 0.19, width * 0.13, width * 0.15, width * 0.11]
    return data_table(rows, widths, palette, rag_cell_commands([a.rag for a in actions], 4, palette),
                      scale=styles.scale)


def scores_table(entry: RiskEntry, scheme: ScoringScheme, width: float, styles: Styles, palette: Palette,
                 arrow_style: str) -> Table:
    """Inherent, residual and target scores as badges with their likelihood and impact, and the direction."""
    risk = entry.risk
    target_words = _score_words(risk.target)
    if risk.target_date is not None and target_words:
        target_words += f"\nby {short_date(risk.target_date)}"
    rows: list[list[object]] = [
        ["Inherent score", "Residual score", "Target score", "Direction of travel"],
        [badge(scheme, risk.inherent, palette, styles.size(TABLE_SIZE)),
         badge(scheme, risk.residual, palette, styles.size(TABLE_SIZE)),
         badge(scheme, risk.target, palette, styles.size(TABLE_SIZE)),
         DirectionArrow(entry.direction, palette, arrow_style, font_size=styles.size(TABLE_SIZE))],
        [_score_words(risk.inherent), _score_words(risk.residual), target_words, ""],
    ]
    table = Table(rows, colWidths=[width / 4] * 4, hAlign="LEFT")
    table.setStyle(TableStyle([*table_style_commands(palette, scale=styles.scale),
                               ("TOPPADDING", (0, 1), (-1, 1), 4), ("VALIGN", (0, 1), (-1, 1), "MIDDLE")]))
    return table


def _score_words(score: Score | None) -> str:
    """ "Likelihood 3 × Impact 4" so the badge's number can be traced back."""
    if score is None:
        return ""
    return f"Likelihood {score.likelihood} × Impact {score.impact}"
