"""Reading risks from a spreadsheet (.xlsx or .csv) through a Mapping into checked rows; nothing is written here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from riskdesk.core.model import Score
from riskdesk.core.progress import QUIET, Steps
from riskdesk.core.scheme import ScoringScheme
from riskdesk.core.validation import MAX_REFERENCE, MAX_TEXT, MAX_TITLE, Problem
from riskdesk.interchange.cells import unguard_formula
from riskdesk.interchange.layout import FIELDS, IGNORE, NOTE, SCORE_KINDS, ColumnMap, Mapping, duplicate_headings
from riskdesk.interchange.sheets import Grid, SpreadsheetError
from riskdesk.interchange.values import (
    IMPACT_WORDS,
    LIKELIHOOD_WORDS,
    STATUS_WORDS,
    TREATMENT_WORDS,
    ValueProblem,
    as_number,
    plain,
    read_choice,
    read_day,
    read_level,
    short_title,
    split_items,
)

__all__ = ["ImportRow", "ParsedSheet", "SpreadsheetError", "parse_grid"]

TEXT_FIELDS = ("title", "description", "category", "owner", "accountable_officer", "cabinet_member",
               "appetite", "proximity", "period_comment", "exempt_paragraph")
DATE_FIELDS = ("target_date", "last_reviewed", "next_review")
# Fields that say which row is a risk: a row with none of them filled holds no risk.
KEY_FIELDS = ("reference", "title", "description")


@dataclass
class ImportRow:
    """One spreadsheet row turned into risk fields, its controls and actions, and what was found in it."""

    number: int  # the row number a user sees in the spreadsheet
    reference: str
    register: str
    fields: dict[str, Any] = field(default_factory=dict)
    parent: str = ""  # the register a section's register sits under
    controls: list[str] | None = None  # None: the sheet has no controls column
    actions: list[str] | None = None
    problems: list[Problem] = field(default_factory=list)  # stop the import
    warnings: list[Problem] = field(default_factory=list)  # said in the summary, kept as a note


@dataclass
class ParsedSheet:
    """Every risk row of the sheet, checked, with what the summary must say about the rest."""

    mapping: Mapping
    rows: list[ImportRow]
    skipped: int = 0  # blank rows and rows holding no risk (only dates, numbers or formula results)
    sections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # sentences about the whole file
    rescaled: dict[str, dict[str, int]] = field(default_factory=dict)  # column -> number as read -> level


def _text(value: Any, exact: bool) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else plain(value)
    text = unguard_formula(text)
    return text if exact else text.strip()


def _is_section(cells: list[Any], keys: list[int]) -> str | None:
    """The name in a row with only its first filled cell holding words ("Budget Period 1")."""
    filled = [(i, c) for i, c in enumerate(cells) if c not in (None, "")]
    if len(filled) != 1 or not isinstance(filled[0][1], str) or filled[0][0] in keys:
        return None
    return filled[0][1].strip() or None


def parse_grid(grid: Grid, mapping: Mapping, scheme: ScoringScheme, source: str,
               steps: Steps = QUIET) -> ParsedSheet:
    """Every risk row under the mapping's heading row, converted and checked (steps: progress, Cancel)."""
    exact = mapping.own_layout
    columns = [c for c in mapping.columns if c.to != IGNORE]
    has_reference = any(c.to == "reference" for c in columns)
    keys = [c.index for c in columns if c.to in KEY_FIELDS]
    if len(grid.rows) <= mapping.header_row:
        raise SpreadsheetError(f"{source} has no rows to import below the headings in row {mapping.header_row}")
    if not any(c.to == "title" for c in columns):
        shown = "; ".join(plain(h) for h in grid.row(mapping.header_row) if h not in (None, ""))[:120]
        raise SpreadsheetError(f"{source}: no column of the sheet {mapping.sheet!r} reads as the risks' titles; "
                               f"row {mapping.header_row} reads: {shown or 'nothing'}. Choose the title column "
                               "on the mapping page, or with --mapping")
    parsed = ParsedSheet(mapping, [])
    placed = [(column.index, column) for column in columns]  # each column's position, found once
    section = ""
    counter = 0
    words: dict[str, dict[str, int]] = {}
    last = len(grid.rows)
    for number in range(mapping.header_row + 1, last + 1):
        steps.tick(number, last, _reading)
        cells = grid.rows[number - 1]
        if not any(cells[i] not in (None, "") for i in keys if i < len(cells)):
            name = _is_section(cells, keys) if mapping.sections == "register" else None
            if name is not None:
                section = name
                parsed.sections.append(name)
            else:
                parsed.skipped += 1
            continue
        counter += 1
        parsed.rows.append(_parse_row(number, cells, placed, scheme, exact, section, counter, words,
                                      has_reference))
    for column in columns:  # the words read as levels, shown and saved with the mapping to change
        if words.get(column.column) and not column.words:
            column.words = dict(sorted(words[column.column].items(), key=lambda item: item[1]))
    parsed.rescaled = {key[1:]: value for key, value in words.items() if key.startswith("#")}
    _describe(parsed, source, grid.rows[mapping.header_row:])
    return parsed


def _reading(done: int, total: int) -> str:
    return f"Reading row {done:,} of {total:,}"


def _parse_row(number: int, cells: list[Any], columns: list[tuple[int, ColumnMap]], scheme: ScoringScheme, exact: bool,
               section: str, counter: int, words: dict[str, dict[str, int]], has_reference: bool) -> ImportRow:
    row = ImportRow(number, "", section)
    notes: list[str] = []
    levels: dict[str, int | None] = {}
    scores: dict[str, tuple[ColumnMap, Any]] = {}
    width = len(cells)
    for index, column in columns:
        value = cells[index] if index < width else None
        target = column.to
        try:
            if target == NOTE:
                text = _text(value, exact)
                if text.strip():
                    notes.append(f"{column.heading}: {text}")
            elif target == "reference":
                row.reference = _text(value, True).strip()
            elif target == "register":
                row.register = _text(value, exact).strip() or section
            elif target in TEXT_FIELDS:
                if value is not None:
                    row.fields[target] = _text(value, exact)
            elif target in DATE_FIELDS:
                row.fields[target] = read_day(value, FIELDS[target])
            elif target in ("controls", "actions"):
                setattr(row, target, split_items(_text(value, exact)) if value not in (None, "") else [])
            elif target == "treatment":
                if _text(value, False):
                    row.fields["treatment"] = read_choice(value, TREATMENT_WORDS, "Treatment")
            elif target == "status":
                if _text(value, False):
                    row.fields["status"] = read_choice(value, STATUS_WORDS, "Status")
            elif target == "exempt":
                if _text(value, False):
                    row.fields["exempt"] = read_choice(value, _YES_NO, "Exempt")
                elif exact:  # riskdesk's own export leaves "not exempt" empty
                    row.fields["exempt"] = False
            elif target.endswith(".score"):
                scores[target.split(".")[0]] = (column, value)
            else:
                _kind, part = target.split(".")
                scale = scheme.likelihood if part == "likelihood" else scheme.impact
                common = LIKELIHOOD_WORDS if part == "likelihood" else IMPACT_WORDS
                try:
                    level = read_level(value, scale, common, column.scale, column.steps, column.words)
                except ValueProblem as problem:
                    raise ValueProblem(f"{column.heading} {problem}") from None
                levels[target] = level
                if isinstance(value, str) and level is not None and as_number(value) is None:
                    words.setdefault(column.column, {})[" ".join(value.split())] = level
                elif column.scale and level is not None:  # a rescaled number: kept for the preview
                    words.setdefault(f"#{column.column}", {})[f"{as_number(value):.3g}"] = level
        except ValueProblem as problem:
            row.problems.append(Problem(column.heading, str(problem)))
    if not row.reference and not has_reference:
        row.reference = str(counter)  # no reference column: risks numbered in sheet order
    elif not row.reference:
        row.problems.append(Problem("Reference", "Reference must not be empty"))
    _scores(row, levels, scores, scheme, notes)
    _limits(row, exact, notes)
    return row


_YES_NO = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}


def _scores(row: ImportRow, levels: dict[str, int | None], scores: dict[str, tuple[ColumnMap, Any]],
            scheme: ScoringScheme, notes: list[str]) -> None:
    for kind in SCORE_KINDS:
        likelihood, impact = levels.get(f"{kind}.likelihood"), levels.get(f"{kind}.impact")
        if f"{kind}.likelihood" not in levels and f"{kind}.impact" not in levels:
            if kind in scores and _text(scores[kind][1], False):
                column, value = scores[kind]
                notes.append(f"{column.heading}: {_text(value, False)}")
            continue
        if (likelihood is None) != (impact is None):
            if not row.problems:
                row.problems.append(Problem(f"{kind.capitalize()} likelihood",
                                            f"{kind.capitalize()} likelihood and impact must both be given "
                                            "or both empty"))
            continue
        score = Score(likelihood, impact) if likelihood is not None and impact is not None else None
        row.fields[kind] = score
        if kind in scores and score is not None:
            _check_council_score(row, kind, score, scores[kind], scheme, notes)


def _check_council_score(row: ImportRow, kind: str, score: Score, given: tuple[ColumnMap, Any],
                         scheme: ScoringScheme, notes: list[str]) -> None:
    """A council's own score or priority that disagrees with likelihood x impact is said, and kept as a note."""
    column, value = given
    typed = _text(value, False)
    if not typed:
        return
    band = scheme.band_for(score.likelihood, score.impact).name
    try:
        value = scheme.value_of(score)
        agrees = float(typed) == value
        values = scheme.likelihood_level(score.likelihood).value, scheme.impact_level(score.impact).value
        worked = f"{values[0]} x {values[1]} = {value}"
    except ValueError:
        names = {b.name.lower() for b in scheme.bands}
        word = typed.lower()
        if not any(n.startswith(word[:3]) for n in names):
            notes.append(f"{column.heading}: {typed}")  # a rating riskdesk's bands do not name: kept as said
            return
        agrees = band.lower().startswith(word[:3])
        worked = f"band {band}"
    if not agrees:
        row.warnings.append(Problem(column.heading, f"{column.heading} {typed} is not what likelihood x impact "
                                                    f"gives ({worked}); kept as a note"))
        notes.append(f"{column.heading}: {typed}")


def _limits(row: ImportRow, exact: bool, notes: list[str]) -> None:
    title = row.fields.get("title", "")
    if not exact and title:
        short, shortened = short_title(title)
        if shortened:
            whole = row.fields.get("description", "")
            row.fields["description"] = f"{title}\n\n{whole}" if whole and whole != title else title
            row.fields["title"] = short
            row.warnings.append(Problem("Title", "the title was long: its first line or sentence is the title "
                                                 "and the whole text is in the description"))
    if notes:
        base = row.fields.get("description", "")
        row.fields["description"] = "\n\n".join([base, *notes] if base else notes)
    if not row.fields.get("title", "").strip():
        row.problems.append(Problem("Title", "Title must not be empty"))
    elif len(row.fields["title"]) > MAX_TITLE:
        row.problems.append(Problem("Title", f"Title must be at most {MAX_TITLE} characters"))
    if len(row.reference) > MAX_REFERENCE:
        row.problems.append(Problem("Reference", f"Reference must be at most {MAX_REFERENCE} characters"))
    for name in TEXT_FIELDS:
        if name != "title" and len(row.fields.get(name, "")) > MAX_TEXT:
            row.problems.append(Problem(FIELDS[name], f"{FIELDS[name]} must be at most {MAX_TEXT:,} characters; "
                                                      f"it has {len(row.fields[name]):,}"))
    for kind, items in (("Control", row.controls), ("Action", row.actions)):
        for item in items or []:
            if len(item) > MAX_TEXT:
                row.problems.append(Problem(f"{kind}s", f"{kind} must be at most {MAX_TEXT:,} characters; "
                                                        f"one has {len(item):,}"))


def _describe(parsed: ParsedSheet, source: str, grid_rows: list[list[Any]]) -> None:
    """The sentences about the whole sheet: what each column became, what was left, what was guessed."""
    mapping = parsed.mapping
    notes = parsed.notes
    notes.append(f"Read the sheet {mapping.sheet!r} of {source}, headings in row {mapping.header_row}.")
    for column in mapping.columns:
        target = FIELDS[column.to]
        if column.to == IGNORE:
            empty = not any(column.index < len(r) and r[column.index] not in (None, "") for r in grid_rows)
            notes.append(f"Column {column.column} {column.heading!r}: ignored" + (" (it is empty)." if empty else "."))
        elif column.to == NOTE:
            notes.append(f"Column {column.column} {column.heading!r}: kept as a note in each risk's description.")
        else:
            how = ""
            if column.steps and column.scale:
                how = f" (numbers 1-{column.scale} read as {column.steps} steps of {column.scale / column.steps:.3g})"
            elif column.scale:
                how = f" (numbers on a 1-{column.scale} scale rescaled)"
            seen = parsed.rescaled.get(column.column)
            if seen:
                pairs = sorted(seen.items(), key=lambda item: float(item[0]))
                how += " (" + ", ".join(f"{number} -> {level}" for number, level in pairs) + ")"
            if column.words:
                how += " (words: " + ", ".join(f"{w} = {n}" for w, n in column.words.items()) + ")"
            notes.append(f"Column {column.column} {column.heading!r}: {target}{how}.")
    for sentence in duplicate_headings(mapping):
        notes.append(f"{sentence}; check them on the mapping page (Columns...) or in a mapping file.")
    if not mapping.targets("reference"):
        notes.append(f"{source} has no reference column: the risks are numbered 1 to {len(parsed.rows)} "
                     "in sheet order.")
    if parsed.skipped:
        notes.append(f"Skipped {parsed.skipped} row(s) with no risk in them (blank, or only dates, numbers "
                     "or formula results).")
    if parsed.sections:
        notes.append("Section rows read as registers: " + ", ".join(parsed.sections) + ".")
