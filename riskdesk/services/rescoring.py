"""Re-scoring a risk: moving one of its scores to another cell of the matrix, with a reason."""

from __future__ import annotations

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import Score, ScoreKind
from riskdesk.core.validation import Problem, ValidationError
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK


def rescore_risk(
    workspace: Workspace,
    risk_id: str,
    kind: ScoreKind | str,
    likelihood: int,
    impact: int,
    reason: str,
) -> OpChanges:
    """Set a risk's inherent, residual or target score; the reason is kept in the history.

    The returned changes hold the old score, so the caller can undo by re-scoring
    back to it.
    """
    chosen = ScoreKind(kind)
    if not reason.strip():
        raise ValidationError([Problem("reason", "Please say why the score is changing")])
    risk = workspace.store.get(RISK, risk_id)
    return workspace.update_risk(risk_id, risk.version, reason.strip(), **{chosen.value: Score(likelihood, impact)})


def previous_score(changes: OpChanges, risk_id: str, kind: ScoreKind | str) -> Score | None:
    """The score a re-scoring replaced, read from its changes (None when it had none)."""
    old, _new = changes.fields.get(("risk", risk_id, ScoreKind(kind).value), (None, None))
    return old if isinstance(old, Score) else None
