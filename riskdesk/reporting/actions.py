"""The actions report: every open action by owner and due date, overdue first."""

from __future__ import annotations

from typing import cast

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from riskdesk.reporting.data import ActionLine, ReportData
from riskdesk.reporting.long_table import CellParagraph, PagedTable
from riskdesk.reporting.parts import LONG_CELL, due_text, filters_note, rag_cell_commands, rag_word, table_heading
from riskdesk.reporting.styles import Palette, Styles, table_style_commands
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
    rows: list[list[object]] = []
    for line in lines:
        text = safe(line.description)
        if line.progress:
            text += f"<br/><i>Progress: {safe(line.progress)}</i>"
        rows.append([
            CellParagraph(safe(line.owner) or "–", styles.cell),
            due_text(line),
            CellParagraph(f"<b>{safe(line.risk_reference)}</b><br/>{safe(line.risk_title)}"
                          + (f"<br/><i>{safe(line.exempt)}</i>" if line.exempt else ""), styles.cell),
            CellParagraph(text, styles.cell),
            line.status.capitalize(),
            rag_word(line.rag),
        ])
    widths = [width * 0.15, width * 0.12, width * 0.2, width * 0.33, width * 0.11, width * 0.09]
    rags = [a.rag for a in lines]
    # Whether rows may split inside a cell is decided once for the whole table, as data_table would.
    split_in_row = any(len(getattr(cell, "text", "")) > LONG_CELL for row in rows for cell in row)

    def stretch(head: list[object] | None, body: list[list[object]], first: int,
                heights: list[float | None]) -> Table:
        top = [] if head is None else [head]
        # RAG commands count rows from 1 under a header; without one, rows counted from the start
        # move up by one (counts from the end, -1, stay).
        commands = [_moved(command, len(top) - 1) for command in rag_cell_commands(rags[first:first + len(body)], 5,
                                                                                   palette)]
        table = Table(top + body, colWidths=widths, rowHeights=heights, repeatRows=len(top),
                      splitInRow=1 if split_in_row else 0, hAlign="LEFT")
        style = table_style_commands(palette, header=head is not None, scale=styles.scale)
        table.setStyle(TableStyle(style + commands))
        return table

    return PagedTable(header, rows, stretch, rows_split=split_in_row)


def _moved(command: tuple[object, ...], rows: int) -> tuple[object, ...]:
    """A table style command moved down by rows; rows counted from the end (negative) stay."""
    name, start, end, *rest = command
    (c0, r0), (c1, r1) = cast(tuple[int, int], start), cast(tuple[int, int], end)
    return (name, (c0, r0 + rows if r0 >= 0 else r0), (c1, r1 + rows if r1 >= 0 else r1), *rest)
