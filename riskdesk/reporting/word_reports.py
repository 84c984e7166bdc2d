"""The committee pack and the risk profile as Word documents, from the same data as the PDFs."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from riskdesk.core.cover import COVER_LABELS
from riskdesk.core.grid import build_grid
from riskdesk.reporting.committee import by_register, by_residual_score
from riskdesk.reporting.data import ReportData, RiskEntry, exempt_words
from riskdesk.reporting.front import exempt_statement
from riskdesk.reporting.parts import rag_word
from riskdesk.reporting.profile import top_band
from riskdesk.reporting.text import long_date, short_date
from riskdesk.reporting.trend import previous_score, score_number, trend_words
from riskdesk.reporting.word import Cancelled, Progress, WordCancelled, WordDocument
from riskdesk.reporting.word_images import (
    PathImages,
    count_texts,
    describe_counts,
    describe_key,
    describe_path,
    key_texts,
    matrix_png,
)

WORD_KINDS = ("committee", "profile", "changes")


def _score_words(entry: RiskEntry, name: str) -> str:
    score = getattr(entry.risk, name)
    return f"Likelihood {score.likelihood} × Impact {score.impact}" if score is not None else ""


def _front(word: WordDocument, data: ReportData) -> None:
    meta = data.meta
    cover = data.cover
    if cover is not None:
        word.paragraph(meta.council)
        word.heading(cover.title.strip() or meta.title, 0)
        word.paragraph(meta.period)
        values = cover.to_dict()
        rows = [[label, values[name] or "–"] for name, label in COVER_LABELS[:6] if name != "title"]
        rows.append(["Exempt", exempt_statement(data)])
        word.table(["Item", "Detail"], rows, [50, 124])
        for name, label in COVER_LABELS[6:]:
            text = values[name].strip()
            if text:
                word.heading(label, 1)
                if name == "recommendations":
                    for number, line in enumerate((ln for ln in text.splitlines() if ln.strip()), 1):
                        word.paragraph(f"{number}. {line.strip()}")
                else:
                    word.paragraphs(text)
        word.page_break()
    word.paragraph(meta.scope or meta.council)
    word.heading(meta.title, 0)
    word.paragraph(meta.period)
    if meta.filters:
        word.paragraph(meta.filters, italic=True)


def committee_word(data: ReportData, word: WordDocument, progress: Progress | None,
                   cancelled: Cancelled | None) -> None:
    """The committee pack: scoring key, summary under register headings, a section per risk."""
    _front(word, data)
    if data.introduction.strip():
        word.heading("About this register", 1)
        word.paragraphs(data.introduction)
    grid = build_grid(data.scheme, [], transposed=data.impact_vertical)
    word.heading("Scoring key", 1)
    word.image(matrix_png(grid, word.palette, key_texts(grid)), 150, describe_key(grid, data.scheme))
    word.heading("Summary overview", 1)
    groups = by_register(data.risks)
    if not data.risks:
        word.paragraph("No risks match the options chosen for this report.", italic=True)
    for path, entries in groups:
        if len(groups) > 1:
            word.heading(" – ".join(path), 2)
        ordered = by_residual_score(entries, data.scheme)
        rows = [[e.reference, e.risk.owner, e.risk.title + (f"\n{exempt_words(e.risk)}" if e.risk.exempt else ""),
                 "", f"{e.direction if e.direction is not None else '–'}"
                 + (f"\n{trend_words(e, data.scheme)}" if trend_words(e, data.scheme) else "")] for e in ordered]
        table = word.table(["Ref", "Risk Owner", "Risks (short title)", "Residual risk score",
                            "Direction of travel (last quarters)"], rows, [18, 36, 62, 26, 32])
        for row, entry in zip(table.rows[1:], ordered, strict=True):
            word.band_cell(row.cells[3], entry.residual)
    paths = PathImages(grid, word.palette)
    previous: tuple[str, ...] = ()
    total = len(data.risks)
    done = 0
    for path, entries in groups:
        shared = 0
        while shared < min(len(path), len(previous)) and path[shared] == previous[shared]:
            shared += 1
        for depth, name in enumerate(path):
            if depth >= min(shared, len(path) - 1):
                word.heading(name, 1 + depth)
        previous = path
        for entry in entries:
            if cancelled is not None and cancelled():
                raise WordCancelled("The report was cancelled.")
            _risk_section(word, data, entry, paths, 2 + len(path) - 1)
            done += 1
            if progress is not None:
                progress(done, total)


def _risk_section(word: WordDocument, data: ReportData, entry: RiskEntry, paths: PathImages, level: int) -> None:
    risk = entry.risk
    word.heading(f"{risk.reference} {risk.title}", min(level, 9))
    if risk.exempt:
        word.paragraph(exempt_words(risk), label="")
    word.paragraphs(risk.description)
    for label, value in (("Risk Owner:", risk.owner), ("Accountable Officer:", risk.accountable_officer),
                         ("Cabinet Member:", risk.cabinet_member), ("Category:", risk.category),
                         ("Represented on:", "; ".join(entry.represented_on)),
                         ("Risks represented here:", "; ".join(entry.represents)), *entry.context):
        if value:
            word.paragraph(value, label=label)
    dates = [f"Last reviewed {long_date(risk.last_reviewed)}" if risk.last_reviewed else "",
             f"Next review {long_date(risk.next_review)}" if risk.next_review else ""]
    if any(dates):
        word.paragraph("; ".join(d for d in dates if d))
    target = _score_words(entry, "target")
    if target and risk.target_date is not None:
        target += f" by {short_date(risk.target_date)}"
    table = word.table(["Inherent score", "Residual score", "Target score", "Direction of travel"],
                       [["", "", "", str(entry.direction) if entry.direction is not None else "–"],
                        [_score_words(entry, "inherent"), _score_words(entry, "residual"), target, ""]])
    for column, score in enumerate((risk.inherent, risk.residual, risk.target)):
        word.band_cell(table.rows[1].cells[column], score)
    word.image(paths.png(risk.inherent, risk.residual, risk.target), 40,
               describe_path(risk.reference, data.scheme, risk.inherent, risk.residual, risk.target))
    if len(entry.trend) > 1:
        word.paragraph("; ".join(f"{label}: {score_number(score, data.scheme) if score else 'not on the register'}"
                                 for label, score in entry.trend), label="Residual score by quarter:")
    earlier = previous_score(entry)
    if earlier is not None and entry.residual is not None and str(entry.direction) in ("Improved", "Worse"):
        word.paragraph(f"{entry.direction} since {earlier[0]}: from {score_number(earlier[1], data.scheme)} "
                       f"to {score_number(entry.residual, data.scheme)}.")
    word.heading("Period comments:", min(level + 1, 9))
    word.paragraphs(entry.comment, empty="No comment was recorded for this period.")
    if entry.controls:
        word.heading("Controls", min(level + 1, 9))
        word.table(["Control", "Owner", "Effectiveness"],
                   [[c.description, c.owner, c.effectiveness.capitalize()] for c in entry.controls], [100, 44, 30])
    if entry.actions:
        word.heading("Actions", min(level + 1, 9))
        rows = [[a.description + (f"\nProgress: {a.progress}" if a.progress else ""), a.owner,
                 (short_date(a.due) or "No date") + ("\nOverdue" if a.overdue else ""), a.status.capitalize(),
                 rag_word(a.rag)] for a in entry.actions]
        word.table(["Action", "Owner", "Due", "Status", "RAG"], rows, [76, 36, 24, 22, 16])


def profile_word(data: ReportData, word: WordDocument, progress: Progress | None,
                 cancelled: Cancelled | None) -> None:
    """The risk profile: matrices of counts for the service and each area, criteria, then each high risk."""
    _front(word, data)
    top = top_band(data.scheme)
    areas = [(f"{data.meta.scope or 'All registers'} – Overall", data.introduction, tuple(data.risks))]
    areas += [(area.name, area.commentary, area.risks) for area in data.areas]
    for index, (name, commentary, risks) in enumerate(areas):
        if cancelled is not None and cancelled():
            raise WordCancelled("The report was cancelled.")
        grid = build_grid(data.scheme, [e.risk for e in risks], transposed=data.impact_vertical, include_closed=True)
        word.heading(name, 1)
        word.paragraph(f"{top.name} Risks {grid.count_in_band(top.name)} in total. Number of risks: {grid.total}.")
        word.image(matrix_png(grid, word.palette, count_texts(grid)), 90, describe_counts(name, grid))
        if commentary.strip():
            word.paragraphs(commentary)
        if index == 0:
            _criteria(word, data)
            continue
        for entry in risks:
            residual = entry.residual
            if residual is None or data.scheme.band_for(residual.likelihood, residual.impact).name != top.name:
                continue
            risk = entry.risk
            word.heading(f"{top.name} Risk: {risk.reference}) {risk.title}", 2)
            if risk.exempt:
                word.paragraph(exempt_words(risk))
            for label, value in (("Accountable Officer:", risk.accountable_officer),
                                 ("Direction of Travel:", str(entry.direction) if entry.direction else "–"),
                                 ("Last Reviewed:", long_date(risk.last_reviewed) or "–")):
                if value:
                    word.paragraph(value, label=label)
            word.paragraphs(entry.comment, empty="No commentary was recorded for this period.")
            if entry.controls:
                listed = "; ".join(c.description.rstrip(". ") for c in entry.controls)
                word.paragraph(f"{listed}.", label="Current Controls:")
        if progress is not None:
            progress(index, len(areas) - 1)


def _criteria(word: WordDocument, data: ReportData) -> None:
    scheme = data.scheme
    categories = list(scheme.criteria)
    if categories:
        word.heading("Impact criteria", 1)
        levels = sorted(scheme.impact, key=lambda lv: -lv.number)
        word.table(["Impact", *categories],
                   [[lv.caption, *(scheme.criteria[c][lv.number - 1] for c in categories)] for lv in levels])
    word.heading("Likelihood", 1)
    levels = sorted(scheme.likelihood, key=lambda lv: lv.number)
    word.table(["Likelihood", "Description"], [[lv.caption, lv.description] for lv in levels], [50, 124])


def build_word(kind: str, data: ReportData, target: Path | str | BinaryIO, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> int:
    """Write the Word version of a committee pack or profile; returns the number of risks it holds."""
    word = WordDocument(data)
    if kind == "committee":
        committee_word(data, word, progress, cancelled)
    elif kind == "profile":
        profile_word(data, word, progress, cancelled)
    elif kind == "changes":
        from riskdesk.reporting.word_changes import changes_word

        changes_word(data, word, progress, cancelled)
        word.save(target)
        return len(data.changes)
    else:
        raise KeyError(kind)
    word.save(target)
    return len(data.risks)
