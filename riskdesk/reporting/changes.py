"""The "what changed" report: per risk, what moved since the last report (seed 003's members asked for it)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from riskdesk.core.changes_since import RiskChange, word_diff
from riskdesk.reporting.data import ReportData
from riskdesk.reporting.parts import data_table, filters_note, table_heading
from riskdesk.reporting.styles import Palette, Styles
from riskdesk.reporting.template import Checkpoint
from riskdesk.reporting.text import safe

# What each kind of change is called in the counts under the title.
_COUNTED = (("new", "new"), ("no longer held", "no longer on the register"), ("closed", "closed"),
            ("scores", "with scores moved"), ("owner", "with a new owner"), ("moved", "moved between registers"),
            ("comment", "with a new period comment"), ("actions completed", "with actions completed"),
            ("actions added", "with actions added"), ("actions overdue", "with actions gone overdue"),
            ("controls added", "with controls added"))


def diff_markup(before: str, after: str) -> str:
    """A comment's word diff as paragraph markup: taken-out words struck through, new words underlined.

    Struck and underlined words read on a black-and-white printer too.
    """
    parts: list[str] = []
    for kind, text in word_diff(before, after):
        if kind == "removed":
            parts.append(f"<strike>{safe(text)}</strike>")
        elif kind == "added":
            parts.append(f"<u><b>{safe(text)}</b></u>")
        else:
            parts.append(safe(text))
    return " ".join(parts)


def change_cell(change: RiskChange) -> str:
    """Everything that changed on one risk, as paragraph markup."""
    lines = [safe(line) for line in change.lines() if not line.startswith("Period comment")]
    if change.comment is not None:
        lines.append("<b>Period comment</b> (struck through: taken out; underlined: new): "
                     + diff_markup(*change.comment))
    return "<br/>".join(lines)


def counts_sentence(changes: list[RiskChange]) -> str:
    """"12 risks changed: 2 new, 5 with scores moved, ..."."""
    if not changes:
        return "No risk changed."
    counted = []
    for key, words in _COUNTED:
        number = sum(1 for change in changes if key in change.kinds)
        if number:
            counted.append(f"{number} {words}")
    total = len(changes)
    return f"{total} risk{'s' if total != 1 else ''} changed: {', '.join(counted)}."


def changes_story(data: ReportData, width: float, styles: Styles, palette: Palette) -> list[Flowable]:
    """Title, the counts, then one table row per changed risk under its register's name."""
    meta = data.meta
    story: list[Flowable] = [
        Paragraph(safe(meta.scope or meta.council), styles.subtitle),
        Paragraph(safe(meta.title), styles.title),
        Paragraph(safe(data.changes_heading or meta.period), styles.subtitle),
        *filters_note(meta.filters, styles),
        Paragraph(safe(counts_sentence(data.changes)), styles.body),
    ]
    if not data.changes:
        story.append(Paragraph("Nothing changed on the registers chosen between these periods.", styles.body))
        return story
    groups: dict[str, list[RiskChange]] = {}
    for change in data.changes:
        groups.setdefault(change.register or "Other registers", []).append(change)
    for index, (register, changes) in enumerate(groups.items(), start=1):
        story += table_heading(register, styles.heading)
        rows: list[list[object]] = [[Paragraph(h, styles.header_cell) for h in ("Ref", "Risk", "What changed")]]
        for change in changes:
            rows.append([Paragraph(f"<b>{safe(change.reference)}</b>", styles.cell),
                         Paragraph(safe(change.title), styles.cell),
                         Paragraph(change_cell(change), styles.cell)])
        story.append(data_table(rows, [width * 0.1, width * 0.28, width * 0.62], palette, scale=styles.scale))
        story.append(Checkpoint(index, len(groups)))
    return story
