"""Questions about a record's history that the window asks in plain words."""

from __future__ import annotations

from riskdesk.services.workspace import Workspace


def deleted_by(workspace: Workspace, record_id: str) -> str:
    """Who last deleted this record, as the history names them ("" when it was never deleted)."""
    for row in reversed(workspace.store.history(record_id)):
        if row.get("field") == "deleted":
            return str(row.get("changed_by") or "")
    return ""
