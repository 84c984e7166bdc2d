"""Keep an in-memory copy of a register file up to date from what an operation changed."""

from __future__ import annotations

from typing import Any

from riskdesk.core.changes import OpChanges
from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import Score
from riskdesk.services.quarter_settings import load_appetite, load_cadence
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, CONTROL, LINK, PERIOD, PERSON, REGISTER, RISK, SPECS, EntitySpec
from riskdesk.storage.store import RegisterFile


def load_first_view(workspace: Workspace) -> RegisterContents:
    """What a window needs to paint at once: registers, risks, periods, links and each risk's
    residual score when the last period closed (for direction of travel). Controls, actions,
    people and the snapshots follow with load_the_rest()."""
    store = workspace.store
    periods = store.all(PERIOD)
    closed = sorted((p for p in periods if p.is_closed), key=lambda p: p.position)
    return RegisterContents(
        scheme=workspace.scheme, settings=workspace.settings, registers=store.all(REGISTER),
        risks=store.all(RISK), controls=[], actions=[], people=[], periods=periods,
        snapshots=[], links=store.all(LINK),
        appetite=load_appetite(workspace), cadence=load_cadence(workspace),
        previous_residuals=store.residuals_at(closed[-1].id) if closed else {},
    )


def load_the_rest(workspace: Workspace, contents: RegisterContents) -> None:
    """Fill in what load_first_view() left out."""
    store = workspace.store
    contents.controls = store.all(CONTROL)
    contents.actions = store.all(ACTION)
    contents.people = store.all(PERSON)
    contents.snapshots = store.snapshots()
    contents.previous_residuals = None  # the snapshots now say it
    contents.__post_init__()


def needs_full_reload(changes: OpChanges) -> bool:
    """True when the change touches everything (a colleague's edit, a new scheme)."""
    return changes.scheme or changes.settings or changes.reload


def refresh_contents(workspace: Workspace, contents: RegisterContents, changes: OpChanges) -> RegisterContents:
    """Re-read only the records an operation changed; reload everything when it must."""
    if needs_full_reload(changes):
        workspace.forget_cached()
        return load_contents(workspace)
    store = workspace.store
    contents.registers = _reread(store, REGISTER, contents.registers, changes.registers)
    contents.risks = _reread(store, RISK, contents.risks, changes.risks)
    contents.controls = _reread(store, CONTROL, contents.controls, changes.controls)
    contents.actions = _reread(store, ACTION, contents.actions, changes.actions)
    contents.links = _reread(store, LINK, contents.links, changes.links)
    if changes.controls:
        contents.controls.sort(key=lambda c: c.position)
    if changes.actions:
        contents.actions.sort(key=lambda a: a.position)
    if changes.periods:
        contents.periods = store.all(PERIOD)
        contents.snapshots = store.snapshots()
        contents.previous_residuals = None
        contents.__post_init__()
    return contents


# Past this many changed records (and this share of those held), one query for the whole table is
# quicker than one per record: closing a period at 10,000 risks names every risk.
BULK_AT = 64
BULK_SHARE = 8


def _reread(store: RegisterFile, spec: EntitySpec, records: list[Any], ids: set[str]) -> list[Any]:
    """The records with these ids read again (deleted ones dropped, new ones added at the end)."""
    if not ids:
        return records
    if len(ids) >= BULK_AT and len(ids) * BULK_SHARE >= len(records):
        return list(store.all(spec))
    where = {record.id: index for index, record in enumerate(records)}
    gone: list[int] = []
    for record_id in ids:
        fresh = store.find(spec, record_id)
        index = where.get(record_id)
        if index is None:
            if fresh is not None:
                where[record_id] = len(records)
                records.append(fresh)
        elif fresh is None:
            gone.append(index)
        else:
            records[index] = fresh
    for index in sorted(gone, reverse=True):
        del records[index]
    return records


def current_version(workspace: Workspace, entity: str, record_id: str) -> int:
    """The version of a record as it is in the file now (what an undo must present)."""
    record = workspace.store.get(SPECS[entity], record_id)
    return int(record.version)


def current_record(workspace: Workspace, entity: str, record_id: str) -> Any | None:
    """A record as it is in the file now, or None when it is gone."""
    return workspace.store.find(SPECS[entity], record_id)


def residual_trails(contents: RegisterContents, risk_ids: set[str]) -> dict[str, list[Score]]:
    """Each risk's residual score at every closed period, oldest first."""
    trails: dict[str, list[Score]] = {risk_id: [] for risk_id in risk_ids}
    for period in contents.closed_periods():
        for risk_id in risk_ids:
            snapshot = contents.snapshot(period.id, risk_id)
            if snapshot is not None and snapshot.residual is not None:
                trails[risk_id].append(snapshot.residual)
    return trails


_PLURAL = {"register": "registers", "risk": "risks", "control": "controls", "action": "actions",
           "period": "periods", "link": "links"}


def last_history_id(workspace: Workspace) -> int:
    """The newest history entry's id (0 for a file with no history)."""
    row = workspace.store.conn.execute("SELECT COALESCE(MAX(id), 0) FROM history").fetchone()
    return int(row[0])


def changes_after(workspace: Workspace, after_id: int) -> tuple[OpChanges, int]:
    """What anyone changed since history entry after_id, as an OpChanges, and the newest id.

    Every write leaves history, so a colleague's edit names the records it touched and
    the window re-reads only those. When the file changed but left no history (which
    should not happen), everything is reloaded.
    """
    rows = workspace.store.conn.execute(
        "SELECT id, entity, entity_id FROM history WHERE id > ? ORDER BY id", (after_id,)
    ).fetchall()
    if not rows:
        return OpChanges.everything(), after_id
    changes = OpChanges()
    for _, entity, entity_id in rows:
        if entity == "meta":
            if entity_id == "scheme":
                changes.scheme = True
            else:
                changes.settings = True
        elif entity in _PLURAL:
            getattr(changes, _PLURAL[entity]).add(entity_id)
    # A period closed names the period and each risk whose comment it cleared; the snapshots
    # are read again with the periods, and the views redraw every row when a period moved.
    return changes, int(rows[-1][0])
