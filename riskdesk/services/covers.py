"""The cover of each report kind for each register, remembered in the file so colleagues share it."""

from __future__ import annotations

import json

from riskdesk.core.changes import OpChanges
from riskdesk.core.cover import Cover
from riskdesk.services.queries import find_register, load_contents
from riskdesk.services.workspace import Workspace

COVERS_KEY = "report_covers"


def _key(register_id: str | None, kind: str) -> str:
    return f"{register_id or 'all'}/{kind}"


def _all(workspace: Workspace) -> dict[str, object]:
    try:
        kept = json.loads(workspace.settings.extra.get(COVERS_KEY, "") or "{}")
    except ValueError:  # a hand-edited file: start afresh rather than refuse
        return {}
    return kept if isinstance(kept, dict) else {}


def remembered_cover(workspace: Workspace, register_id: str | None, kind: str) -> Cover | None:
    """The cover last used for this register and report kind, or None."""
    found = _all(workspace).get(_key(register_id, kind))
    return Cover.from_dict(found) if found is not None else None


def remember_cover(workspace: Workspace, register_id: str | None, kind: str, cover: Cover) -> OpChanges:
    """Keep the cover for this register and report kind (nothing is written when it is unchanged)."""
    kept = _all(workspace)
    key = _key(register_id, kind)
    if kept.get(key) == cover.to_dict():
        return OpChanges()
    kept[key] = cover.to_dict()
    extra = {**workspace.settings.extra, COVERS_KEY: json.dumps(kept, sort_keys=True)}
    return workspace.update_settings("Report cover", extra=extra)


def cover_for(workspace: Workspace, register: str | None, kind: str) -> Cover:
    """The remembered cover for a register (by name or id; None for every register) and kind, else a blank one."""
    register_id = None
    if register is not None and register.strip():
        found = find_register(load_contents(workspace), register.strip())
        register_id = found.id if found is not None else None
    return remembered_cover(workspace, register_id, kind) or Cover()
