"""Rebuilding a register from riskdesk's own JSON export: the tree, risks, controls, actions, links,
periods with their snapshots, and the history, into a register file that holds no risks yet.

Into a file that already has risks the export is refused, not merged: the export is a whole register
with its own history and periods, and laying it over another would mix two histories. A colleague's
copy is brought in with merge instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from riskdesk.core.appetite import META_KEY as APPETITE_KEY
from riskdesk.core.changes import OpChanges
from riskdesk.core.model import Register
from riskdesk.core.review_cadence import META_KEY as CADENCE_KEY
from riskdesk.core.serialise import scheme_to_dict, settings_to_dict
from riskdesk.interchange.json_import import ExportDocument, ExportFileError, read_export
from riskdesk.services.importing import ImportResult
from riskdesk.services.workspace import Workspace
from riskdesk.storage import rebuild
from riskdesk.storage.records import ACTION, CONTROL, LINK, PERIOD, PERSON, REGISTER, RISK
from riskdesk.storage.store import now_text

REBUILT_KEY = "rebuilt_from"


def import_export(workspace: Workspace, source: Path, dry_run: bool = False, backup: bool = False) -> ImportResult:
    """Rebuild the register of a JSON export into this file; ExportFileError (one sentence) when it cannot."""
    document = read_export(source)
    _check_empty(workspace, source, document)
    registers = _register_ids(workspace, document)
    result = _describe(document, source, registers)
    if scheme_to_dict(workspace.scheme) != scheme_to_dict(document.scheme):
        result.summary.append(f"The register's {document.scheme.name} scoring scheme comes with it, in place of "
                              f"this file's {workspace.scheme.name} (which no risk uses yet).")
    if dry_run:
        return result
    if backup:
        from riskdesk.services.files import save_copy

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        result.backup = save_copy(workspace, workspace.path.with_name(
            f"{workspace.path.stem} before import {stamp}{workspace.path.suffix}"))
    result.changes = _write(workspace, document, registers, source.name)
    workspace.forget_cached()
    return result


def _check_empty(workspace: Workspace, source: Path, document: ExportDocument) -> None:
    store = workspace.store
    risks = store.conn.execute("SELECT COUNT(*) FROM risks WHERE deleted = 0").fetchone()[0]
    periods = store.conn.execute("SELECT COUNT(*) FROM periods WHERE deleted = 0").fetchone()[0]
    if risks or periods:
        held = f"{risks} risk(s)" if risks else f"{periods} reporting period(s)"
        raise ExportFileError(
            f"{source.name} is a whole register, so riskdesk brings it only into a register file with no risks "
            f"yet, and {workspace.path.name} already holds {held}; make a new register file and import it there "
            "(to bring a colleague's copy into this file, use Merge)")
    for spec, records in ((REGISTER, document.registers), (RISK, document.risks), (CONTROL, document.controls),
                          (ACTION, document.actions), (PERIOD, document.periods), (PERSON, document.people),
                          (LINK, document.links)):
        ids = {row[0] for row in store.conn.execute(f"SELECT id FROM {spec.table}")}
        if any(record.id in ids for record in records):
            raise ExportFileError(
                f"{source.name} holds records that {workspace.path.name} has held before (it was made from the "
                "same register, and they were deleted here); import it into a new register file")


def _register_ids(workspace: Workspace, document: ExportDocument) -> dict[str, str]:
    """Exported register id -> the id it gets: an empty register of the same name and place is reused."""
    here: dict[tuple[str, str | None], str] = {}
    for register in workspace.store.all(REGISTER):
        here[(register.name.strip().lower(), register.parent_id)] = register.id
    ids: dict[str, str] = {}
    children: dict[str | None, list[Register]] = defaultdict(list)
    for register in document.registers:
        children[register.parent_id].append(register)
    known = {register.id for register in document.registers}
    queue = [r for r in document.registers if r.parent_id is None or r.parent_id not in known]
    while queue:  # parents first, so a child looks for its twin under its parent's new id
        register = queue.pop(0)
        parent = ids.get(register.parent_id, register.parent_id) if register.parent_id else None
        ids[register.id] = here.get((register.name.strip().lower(), parent), register.id)
        queue += children.get(register.id, [])
    return ids


def _describe(document: ExportDocument, source: Path, registers: dict[str, str]) -> ImportResult:
    result = ImportResult()
    result.created = [risk.reference for risk in document.risks]
    result.new_registers = [r.name for r in document.registers if registers.get(r.id, r.id) == r.id]
    result.counts = {"controls added": len(document.controls), "actions added": len(document.actions),
                     "links added": len(document.links), "periods added": len(document.periods),
                     "period snapshots added": len(document.snapshots)}
    closed = sum(1 for p in document.periods if p.is_closed)
    result.summary.append(
        f"Read {source.name}, a riskdesk export: {len(document.registers)} register(s), {len(document.risks)} "
        f"risk(s), {len(document.periods)} period(s) ({closed} closed, with each risk as it stood), "
        f"{len(document.history):,} line(s) of history, and the {document.scheme.name} scoring scheme.")
    return result


def _write(workspace: Workspace, document: ExportDocument, registers: dict[str, str], name: str) -> OpChanges:
    """Every record in one transaction: all of it is written, or none."""
    store = workspace.store
    stamp = now_text()
    reason = f"Rebuilt from {name}"
    new_registers = [replace(r, parent_id=registers.get(r.parent_id, r.parent_id) if r.parent_id else None)
                     for r in document.registers if registers.get(r.id, r.id) == r.id]
    risks = [replace(r, register_id=registers.get(r.register_id, r.register_id)) for r in document.risks]
    with store.transaction():
        store.set_meta("scheme", scheme_to_dict(document.scheme), reason)
        store.set_meta("settings", settings_to_dict(document.settings), reason)
        for key, meta_key in (("appetite", APPETITE_KEY), ("cadence", CADENCE_KEY)):
            if key in document.meta:
                store.set_meta(meta_key, document.meta[key], reason)
        for spec, records in ((REGISTER, new_registers), (PERSON, document.people), (PERIOD, document.periods),
                              (RISK, risks), (CONTROL, document.controls), (ACTION, document.actions),
                              (LINK, document.links)):
            rebuild.put_records(store, spec, records, stamp)
        rebuild.put_snapshots(store, document.snapshots)
        rebuild.put_history(store, document.history)
        # Last, so the history says where the register came from; after every period's close, so
        # no report of an earlier quarter reads it as a change.
        store.set_meta(REBUILT_KEY, name, reason)
    ids: dict[str, Any] = {"registers": {r.id for r in new_registers}, "risks": {r.id for r in risks},
                           "controls": {c.id for c in document.controls}, "actions": {a.id for a in document.actions},
                           "periods": {p.id for p in document.periods}, "links": {link.id for link in document.links}}
    created = set().union(*ids.values())
    return OpChanges(**ids, scheme=True, settings=True, created=created, reload=True)
