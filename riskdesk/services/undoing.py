"""Undo and redo steps that never write over, or take away, a colleague's later change silently.

Each step first checks that the record still holds what our previous step left; where a
colleague has changed it since, the step raises ConflictError naming the record, each
clashing field with their value and ours, who changed it and when, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from riskdesk.core.changes import OpChanges
from riskdesk.services import deletion
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import ConflictError
from riskdesk.storage.records import SPECS


def updater(workspace: Workspace, entity: str) -> Callable[..., OpChanges]:
    """The operation that changes fields of this kind of record."""
    updates: dict[str, Callable[..., OpChanges]] = {
        "risk": workspace.update_risk, "control": workspace.update_control,
        "action": workspace.update_action, "register": workspace.update_register,
    }
    return updates[entity]


def last_change_of(workspace: Workspace, record_id: str, field: str) -> tuple[str, str]:
    """Who last changed a field of a record, and when, as the history says."""
    row = workspace.store.conn.execute(
        "SELECT changed_by, changed_at FROM history WHERE entity_id = ? AND field = ? ORDER BY id DESC LIMIT 1",
        (record_id, field)).fetchone()
    return (str(row[0] or ""), str(row[1] or "")) if row else ("", "")


def step_fields(
    workspace: Workspace, entity: str, record_id: str,
    left: dict[str, Any], target: dict[str, Any], reason: str, during: str,
) -> OpChanges:
    """Put fields back to target, where our last step left them as in left.

    A field someone else has changed since (it holds neither what we left nor the target)
    is not written over: ConflictError names each such field with their value and ours,
    who changed it and when, and nothing is written.
    """
    spec = SPECS[entity]
    current = workspace.store.find(spec, record_id)
    if current is None:
        raise ConflictError(entity, record_id, 0, None, target, during=during)
    clashes = {
        name: (getattr(current, name), value) for name, value in target.items()
        if getattr(current, name) not in (left[name], value)
    }
    if clashes:
        who, when = last_change_of(workspace, record_id, next(iter(clashes)))
        raise ConflictError(entity, record_id, current.version, current, target, fields=clashes,
                            changed_by=who, changed_at=when, during=during)
    return updater(workspace, entity)(record_id, current.version, reason, **target)


def swap_action_and_control(workspace: Workspace, live_kind: str, live_id: str, gone_id: str) -> OpChanges:
    """Undo (live_kind "control") or redo (live_kind "action") of turning an action into a control."""
    return deletion.swap_action_and_control(workspace.store, live_id, live_kind, gone_id)


_NOT_COMPARED = {"id", "version", "changed_by", "changed_at", "position"}


def fields_of(workspace: Workspace, entity: str, record_id: str) -> dict[str, Any]:
    """What a user sees of a record now, to tell later whether a colleague changed it."""
    record = workspace.store.get(SPECS[entity], record_id)
    return {name: getattr(record, name) for name in SPECS[entity].fields if name not in _NOT_COMPARED}


def unchanged_since(workspace: Workspace, entity: str, record_id: str, left: dict[str, Any], during: str) -> int:
    """The record's version, when it still holds what our last step left; else ConflictError.

    An undo or redo that would remove a record (a control we added, a risk we made) must
    not take a colleague's later change to it away unasked.
    """
    current = workspace.store.get(SPECS[entity], record_id)
    clashes = {name: (getattr(current, name), value) for name, value in left.items()
               if getattr(current, name) != value}
    if clashes:
        who, when = last_change_of(workspace, record_id, next(iter(clashes)))
        raise ConflictError(entity, record_id, current.version, current, left, fields=clashes,
                            changed_by=who, changed_at=when, during=during)
    return int(current.version)


def put_positions(workspace: Workspace, kind: str, positions: dict[str, int]) -> OpChanges:
    """Put records back at exactly these positions (undo of a reorder: gaps and ties as they were)."""
    spec = SPECS[kind]
    changes = OpChanges()
    with workspace.store.transaction():
        for record_id, position in positions.items():
            record = workspace.store.get(spec, record_id)
            if record.position != position:
                workspace.store.update(spec, record_id, record.version, {"position": position}, "Undo: reordered")
                getattr(changes, spec.table).add(record_id)
    return changes
