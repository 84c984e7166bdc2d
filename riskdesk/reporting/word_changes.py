"""The "what changed" report as a Word document, from the same data as the PDF."""

from __future__ import annotations

from riskdesk.core.changes_since import RiskChange, word_diff
from riskdesk.reporting.changes import counts_sentence
from riskdesk.reporting.data import ReportData
from riskdesk.reporting.word import Cancelled, Progress, WordCancelled, WordDocument


def changes_word(data: ReportData, word: WordDocument, progress: Progress | None,
                 cancelled: Cancelled | None) -> None:
    """Title and counts, then per register a table: reference, risk, and what changed with the comment's word diff."""
    meta = data.meta
    word.paragraph(meta.scope or meta.council)
    word.heading(meta.title, 0)
    word.paragraph(data.changes_heading or meta.period)
    if meta.filters:
        word.paragraph(meta.filters, italic=True)
    word.paragraph(counts_sentence(data.changes))
    if not data.changes:
        word.paragraph("Nothing changed on the registers chosen between these periods.", italic=True)
        return
    groups: dict[str, list[RiskChange]] = {}
    for change in data.changes:
        groups.setdefault(change.register or "Other registers", []).append(change)
    done = 0
    for register, changes in groups.items():
        if cancelled is not None and cancelled():
            raise WordCancelled("The report was cancelled.")
        word.heading(register, 1)
        rows = [[c.reference, c.title, "\n".join(line for line in c.lines() if not line.startswith("Period comment"))]
                for c in changes]
        table = word.table(["Ref", "Risk", "What changed"], rows, [20, 50, 104])
        for row, change in zip(table.rows[1:], changes, strict=True):
            if change.comment is not None:
                _comment_diff(row.cells[2], *change.comment)
        done += len(changes)
        if progress is not None:
            progress(done, len(data.changes))


def _comment_diff(cell: object, before: str, after: str) -> None:
    """The period comment's words in the cell: taken-out words struck through, new words underlined."""
    paragraph = cell.add_paragraph()  # type: ignore[attr-defined]
    label = paragraph.add_run("Period comment (struck through: taken out; underlined: new): ")
    label.bold = True
    for kind, text in word_diff(before, after):
        run = paragraph.add_run(text + " ")
        if kind == "removed":
            run.font.strike = True
        elif kind == "added":
            run.font.underline = True
            run.bold = True
