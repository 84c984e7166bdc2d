"""Importing risks from a spreadsheet: all rows or none, with a dry run.

Reading, converting and comparing happen before the file is locked; the writes happen in
one transaction at the end, so a colleague saving meanwhile waits only for that write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from riskdesk.core.changes import OpChanges
from riskdesk.core.progress import Asked, Report, Steps, Stopped
from riskdesk.core.validation import Problem, ValidationError
from riskdesk.interchange.keyed import read_keyed
from riskdesk.interchange.layout import IGNORE, Mapping, detect, normalise
from riskdesk.interchange.sheets import Grid, SpreadsheetError, read_workbook
from riskdesk.interchange.tabular_import import ParsedSheet, parse_grid
from riskdesk.services.bulk import collector_paused
from riskdesk.services.import_plan import Plan, make_plan
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import ConflictError, RegisterFileError

LAYOUTS_KEY = "import_layouts"


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do), or why it did nothing."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    new_registers: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "Row 4, Residual likelihood: ..."
    warnings: list[str] = field(default_factory=list)  # said, not a reason to refuse
    summary: list[str] = field(default_factory=list)  # what each column became, what was skipped
    not_read: list[str] = field(default_factory=list)  # columns ignored
    counts: dict[str, int] = field(default_factory=dict)  # controls, actions, links added
    mapping: Mapping | None = None
    backup: Path | None = None
    changes: OpChanges = field(default_factory=OpChanges)

    @property
    def changed(self) -> int:
        """How many risks were (or would be) added or changed."""
        return len(self.created) + len(self.updated)


def sheet_names_registers(source: Path) -> bool:
    """True when the spreadsheet names each row's register (a Register column)."""
    try:
        mapping = detect(read_workbook(source))
    except SpreadsheetError:
        return False
    return bool(mapping.targets("register"))


def mapping_for(workspace: Workspace | None, grids: list[Grid], sheet: str | None = None,
                header_row: int | None = None) -> Mapping:
    """The mapping remembered for this layout in the register file, or the one detection finds."""
    sizes = (workspace.scheme.max_likelihood, workspace.scheme.max_impact) if workspace else (5, 5)
    found = detect(grids, sizes, sheet, header_row)
    if workspace is not None:
        remembered = (workspace.store.get_meta(LAYOUTS_KEY) or {}).get(found.signature())
        if remembered:
            try:
                return Mapping.from_dict(remembered)
            except SpreadsheetError:
                pass  # an unreadable remembered mapping: detect again
    return found


def check_fits(mapping: Mapping, grids: list[Grid], name: str) -> Grid:
    """The sheet a given mapping reads, refusing one made for another layout."""
    grid = next((g for g in grids if g.name == mapping.sheet), None)
    if grid is None:
        raise SpreadsheetError(f"The mapping reads the sheet {mapping.sheet!r}, which {name} does not have "
                               f"(its sheets: {', '.join(g.name for g in grids)})")
    header = grid.row(mapping.header_row)
    for column in mapping.columns:
        if column.to == IGNORE:
            continue
        found = header[column.index] if column.index < len(header) else None
        own = {normalise(column.heading), normalise(column.heading.rsplit(" - ", 1)[-1])}
        if found not in (None, "") and normalise(str(found)) not in own:
            raise SpreadsheetError(f"The mapping was made for another layout: column {column.column} of row "
                                   f"{mapping.header_row} is headed {str(found)!r} in {name}, "
                                   f"{column.heading!r} in the mapping")
    return grid


def read_source(workspace: Workspace | None, source: Path, mapping: Mapping | None = None,
                sheet: str | None = None, header_row: int | None = None) -> tuple[list[Grid], Mapping]:
    """The workbook's sheets and the mapping to read it with."""
    grids = read_workbook(source)
    if not any(g.rows for g in grids):
        raise SpreadsheetError(f"{source.name} has no rows to import")
    if mapping is None:
        mapping = mapping_for(workspace, grids, sheet, header_row)
    return grids, mapping


STOPPED = "The import was stopped; nothing was changed."


@collector_paused
def import_risks(workspace: Workspace, source: Path, register_name: str | None = None, dry_run: bool = False,
                 mapping: Mapping | None = None, sheet: str | None = None, header_row: int | None = None,
                 backup: bool = False, progress: Report | None = None,
                 cancelled: Asked | None = None) -> ImportResult:
    """Add or update risks from a spreadsheet; any bad cell means nothing is written.

    progress(done, total, sentence) hears how far it has got; once cancelled() is true it stops
    with Stopped(STOPPED) at any point before the write commits, leaving the file as it was.
    A .json source is riskdesk's own export: the whole register is rebuilt (see rebuilding).
    """
    if source.suffix.lower() == ".json":
        from riskdesk.services.rebuilding import import_export

        return import_export(workspace, source, dry_run=dry_run, backup=backup)
    steps = Steps(progress, cancelled)
    result = ImportResult()
    try:
        return _import(workspace, source, register_name, dry_run, mapping, sheet, header_row, backup, steps, result)
    except Stopped:
        if result.backup is not None:  # made for this import alone, and nothing was imported
            result.backup.unlink(missing_ok=True)
        raise Stopped(STOPPED) from None


def _import(workspace: Workspace, source: Path, register_name: str | None, dry_run: bool, mapping: Mapping | None,
            sheet: str | None, header_row: int | None, backup: bool, steps: Steps,
            made: ImportResult) -> ImportResult:
    steps.say(0, 1, f"Reading {source.name}")
    grids, mapping = read_source(workspace, source, mapping, sheet, header_row)
    grid = check_fits(mapping, grids, source.name)
    parsed = parse_grid(grid, mapping, workspace.scheme, source.name, steps)
    if not parsed.rows:
        raise SpreadsheetError(f"{source.name} has no risks to import under the headings in row "
                               f"{mapping.header_row} of the sheet {mapping.sheet!r}")
    keyed = read_keyed(grids, mapping.sheet)
    result = made
    result.mapping, result.summary = mapping, list(parsed.notes)
    result.not_read = [c.heading for c in mapping.columns if c.to == IGNORE]
    if keyed.sheets:
        result.summary.append("Also read the sheets " + ", ".join(keyed.sheets) + ".")
    _row_findings(parsed, register_name, result, source.name)
    result.problems += keyed.problems
    if result.problems:
        return result
    steps.say(0, 1, f"Comparing {len(parsed.rows):,} rows with the register")
    plan = make_plan(workspace, parsed, keyed, register_name)
    result.problems += plan.problems
    if result.problems:
        return result
    _describe(plan, result)
    if dry_run or not plan.has_work:
        if not dry_run:
            _remember(workspace, mapping)
        return result
    if backup:
        result.backup = _backup(workspace)
    try:
        with workspace.store.transaction():
            result.changes = plan.apply(workspace, f"Imported from {source.name}", steps)
            _remember(workspace, mapping)
            steps.check()  # Cancel is honoured up to the commit; after it the import stands
    except ConflictError:
        result.problems = [f"A colleague changed the register while {source.name} was being imported; nothing "
                           "was imported. Import it again to bring it in over their change."]
        result.changes = OpChanges()
    except ValidationError as error:
        result.problems = [str(p) for p in error.problems]
        result.changes = OpChanges()
    return result


def _row_findings(parsed: ParsedSheet, register_name: str | None, result: ImportResult, source: str) -> None:
    seen: dict[tuple[str, str], int] = {}
    missing = False
    for row in parsed.rows:
        if register_name and parsed.sections and row.register:
            row.parent = register_name
        elif register_name:
            row.register = register_name
        if not row.register:
            missing = True
        key = (f"{row.parent}\n{row.register}".lower(), row.reference)
        if key in seen:
            row.problems.append(Problem("Reference", f"Reference {row.reference} is also on row {seen[key]}"))
        seen.setdefault(key, row.number)
        result.problems += [f"Row {row.number}, {p.field}: {p.message}" for p in row.problems]
        result.warnings += [f"Row {row.number}, {p.field}: {p.message}" for p in row.warnings]
    if missing:
        result.problems.insert(0, f"{source} does not say which register its risks belong in: choose one "
                                  "(--register NAME), or map a column to Register")


def _describe(plan: Plan, result: ImportResult) -> None:
    result.created, result.updated, result.unchanged = plan.created, plan.updated, plan.unchanged
    result.new_registers = plan.new_register_names
    result.counts = plan.counts()
    result.summary += plan.notes


def _remember(workspace: Workspace, mapping: Mapping) -> None:
    """Keep the mapping in the register file so the next import of this layout reads it the same way."""
    layouts: dict[str, Any] = dict(workspace.store.get_meta(LAYOUTS_KEY) or {})
    entry = mapping.to_dict()
    if layouts.get(mapping.signature()) != entry:
        layouts[mapping.signature()] = entry
        workspace.store.set_meta(LAYOUTS_KEY, layouts, "Import layout remembered")


def _backup(workspace: Workspace) -> Path:
    from riskdesk.services.files import save_copy

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = workspace.path.with_name(f"{workspace.path.stem} before import {stamp}{workspace.path.suffix}")
    try:
        return save_copy(workspace, target)
    except RegisterFileError:
        raise
