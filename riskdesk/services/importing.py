"""Importing risks from a spreadsheet: all rows or none, with a dry run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from riskdesk.core.changes import OpChanges
from riskdesk.core.validation import Problem, ValidationError
from riskdesk.interchange.tabular_import import ImportRow, names_registers, not_read_columns, parse_source
from riskdesk.services.queries import find_register, load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do), or why it did nothing."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    new_registers: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "Row 4, Residual likelihood: ..."
    not_read: list[str] = field(default_factory=list)  # columns riskdesk works out, so ignores
    changes: OpChanges = field(default_factory=OpChanges)


def sheet_names_registers(source: Path) -> bool:
    """True when the spreadsheet names each row's register (a Register column)."""
    return names_registers(source)


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def import_risks(workspace: Workspace, source: Path, register_name: str | None = None,
                 dry_run: bool = False) -> ImportResult:
    """Add or update risks from a spreadsheet; any bad cell means nothing is written."""
    rows = parse_source(source, workspace.scheme)
    result = ImportResult(not_read=not_read_columns(source))
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        target = register_name or row.register
        if not target:
            row.problems.append(Problem("Register", "Register must be given (a column, or --register)"))
        key = (target, row.reference)
        if row.reference and key in seen:
            row.problems.append(Problem("Reference", f"Reference {row.reference} is also on row {seen[key]}"))
        seen.setdefault(key, row.number)
        result.problems += [f"Row {row.number}, {p.field}: {p.message}" for p in row.problems]
    if result.problems:
        return result
    try:
        with workspace.store.transaction():
            _apply(workspace, rows, register_name, result, source.name)
            if dry_run:
                raise _DryRun
    except _DryRun:
        result.changes = OpChanges()
    except ValidationError as error:
        result.problems = [str(p) for p in error.problems]
        result.created, result.updated, result.unchanged, result.new_registers = [], [], [], []
        result.changes = OpChanges()
    return result


def _apply(
    workspace: Workspace, rows: list[ImportRow], register_name: str | None, result: ImportResult, source: str
) -> None:
    contents = load_contents(workspace)
    registers: dict[str, str] = {}
    for row in rows:
        name = register_name or row.register
        if name not in registers:
            found = find_register(contents, name)
            if found is None:
                created, changes = workspace.create_register(name)
                result.new_registers.append(name)
                result.changes.merge(changes)
                registers[name] = created.id
            else:
                registers[name] = found.id
        register_id = registers[name]
        existing = workspace.store.all(RISK, "register_id = ? AND reference = ?", (register_id, row.reference))
        fields = dict(row.fields)
        title = fields.pop("title", "")
        try:
            if existing:
                risk = existing[0]
                changes = workspace.update_risk(risk.id, risk.version, f"Imported from {source}",
                                                title=title or risk.title, **fields)
                (result.updated if changes.fields else result.unchanged).append(row.reference)
            else:
                _, changes = workspace.create_risk(register_id, row.reference, title, **fields)
                result.created.append(row.reference)
        except ValidationError as error:
            named = [Problem(p.field, f"Row {row.number}, {p.message}") for p in error.problems]
            raise ValidationError(named) from None
        result.changes.merge(changes)
