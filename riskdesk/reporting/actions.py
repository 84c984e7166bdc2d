"""The actions report: every open action by owner and due date, overdue first."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from riskdesk.reporting.data import ActionLine, ReportData
from riskdesk.reporting.long_table import CellParagraph, MadeRows, paged_rows_table
from riskdesk.reporting.parts import LONG_CELL, due_text, filters_note, rag_cell_commands, rag_word, table_heading
from riskdesk.reporting.styles import Palette, Styles
from riskdesk.reporting.template import Checkpoint
from riskdesk.reporting.text import safe


def actions_story(data: ReportData, width: float, styles: Styles, palette: Palette) -> list[Flowable]:
    """Overdue actions first, then the rest, each sorted by owner and due date."""
    meta = data.meta
    overdue = [a for a in data.actions if a.overdue]
    rest = [a for a in data.actions if not a.overdue]
    story: list[Flowable] = [
        Paragraph(safe(meta.scope or meta.council), styles.subtitle),
        Paragraph(safe(meta.title), styles.title),
        Paragraph(safe(f"{meta.period}: {len(data.actions)} open actions, {len(overdue)} overdue"),
                  styles.subtitle),
        *filters_note(meta.filters, styles),
    ]
    if not data.actions:
        story.append(Paragraph("There are no open actions on the registers chosen.", styles.body))
    parts = [(heading, lines) for heading, lines in (("Overdue actions", overdue), ("Open actions by owner", rest))
             if lines]
    for index, (heading, lines) in enumerate(parts, start=1):
        story += table_heading(heading, styles.heading)
        story.append(actions_by_owner(lines, width, styles, palette))
        story.append(Checkpoint(index, len(parts)))
    return story


def actions_by_owner(lines: list[ActionLine], width: float, styles: Styles, palette: Palette) -> Flowable:
    """A table of actions with owner, due date, risk reference, action and progress, status and RAG.

    Laid out a page of rows at a time: a county's register has tens of thousands of actions.
    """
    header: list[object] = ["Owner", "Due", "Risk", "Action and progress", "Status", "RAG"]

    def texts(line: ActionLine) -> tuple[str, str, str]:
        """The markup of the owner, risk and action cells."""
        text = safe(line.description)
        if line.progress:
            text += f"<br/><i>Progress: {safe(line.progress)}</i>"
        risk = f"<b>{safe(line.risk_reference)}</b><br/>{safe(line.risk_title)}" \
            + (f"<br/><i>{safe(line.exempt)}</i>" if line.exempt else "")
        return safe(line.owner) or "–", risk, text

    def row(line: ActionLine) -> list[object]:
        owner, risk, text = texts(line)
        return [
            CellParagraph(owner, styles.cell),
            due_text(line),
            CellParagraph(risk, styles.cell),
            CellParagraph(text, styles.cell),
            line.status.capitalize(),
            rag_word(line.rag),
        ]

    # Rows are made as the layout reaches them (MadeRows); whether any may split across pages
    # is decided from their texts, as the paragraphs would give them.
    tall = any(len(cleanBlockQuotedText(markup)) > LONG_CELL for line in lines for markup in texts(line))
    # Wide enough at 9.5 pt for "Commissioning" in an owner and "In progress" as a status.
    widths = [width * 0.17, width * 0.13, width * 0.18, width * 0.30, width * 0.13, width * 0.09]
    return paged_rows_table(header, MadeRows(lines, row), widths, palette,
                            rag_cell_commands([a.rag for a in lines], 5, palette), scale=styles.scale, tall=tall)
