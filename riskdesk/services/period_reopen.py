"""Reopening the last closed period, when it was closed too soon."""

from __future__ import annotations

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import Period
from riskdesk.core.validation import Problem, ValidationError
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import PERIOD, RISK


def reopenable_period(workspace: Workspace) -> Period | None:
    """The last closed period, which is the only one that can be reopened."""
    closed = [p for p in sorted(workspace.store.all(PERIOD), key=lambda p: p.position) if p.is_closed]
    return closed[-1] if closed else None


def periods_removed_by_reopening(workspace: Workspace, period: Period) -> list[Period]:
    """The open periods after it (started when it closed), which reopening removes."""
    return [p for p in workspace.store.all(PERIOD) if p.position > period.position and not p.is_closed]


def reopen_period(workspace: Workspace, period_id: str, reason: str = "") -> OpChanges:
    """Reopen the last closed period; every step is kept in the history.

    The open period started when it closed is removed (a tombstone), and each risk's period
    comment comes back from the snapshot unless a newer one has been written since.
    """
    period = workspace.store.get(PERIOD, period_id)
    last = reopenable_period(workspace)
    if last is None or last.id != period.id:
        raise ValidationError([Problem("period", f"Only the last closed period can be reopened; "
                                                 f"{period.label} is not it.")])
    why = reason.strip() or f"{period.label} reopened"
    changes = OpChanges(periods={period.id})
    with workspace.store.transaction():
        for later in periods_removed_by_reopening(workspace, period):
            workspace.store.delete(PERIOD, later.id, later.version, why)
            changes.periods.add(later.id)
        workspace.store.update(PERIOD, period.id, period.version, {"closed_at": None}, why)
        comments = {s.risk_id: s.comment for s in workspace.store.snapshots(period.id) if s.comment}
        for risk in workspace.store.all(RISK):
            if risk.id in comments and not risk.period_comment.strip():
                workspace.store.update(RISK, risk.id, risk.version, {"period_comment": comments[risk.id]}, why)
                changes.risks.add(risk.id)
    return changes
