"""Changing a file's scoring scheme: every score re-mapped through a mapping the user confirmed."""

from __future__ import annotations

from dataclasses import dataclass

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import Score
from riskdesk.core.scheme import ScoringScheme
from riskdesk.core.serialise import scheme_to_dict
from riskdesk.core.validation import Problem, ValidationError
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK, SCORE_FIELDS


@dataclass(frozen=True)
class LevelMapping:
    """Old level number -> new level number, for likelihood and for impact."""

    likelihood: dict[int, int]
    impact: dict[int, int]

    def apply(self, score: Score | None) -> Score | None:
        """The score in the new scheme."""
        if score is None:
            return None
        return Score(self.likelihood[score.likelihood], self.impact[score.impact])


def proportional_mapping(old: ScoringScheme, new: ScoringScheme) -> LevelMapping:
    """A starting proposal: each old level to the new level at the same relative height."""

    def scale(old_top: int, new_top: int) -> dict[int, int]:
        return {n: max(1, min(new_top, round(n * new_top / old_top + 0.001))) for n in range(1, old_top + 1)}

    return LevelMapping(scale(old.max_likelihood, new.max_likelihood), scale(old.max_impact, new.max_impact))


def mapping_problems(old: ScoringScheme, new: ScoringScheme, mapping: LevelMapping) -> list[Problem]:
    """Every old level must map to a level that exists in the new scheme."""
    found = []
    for scale, old_top, new_top, table in (
        ("likelihood", old.max_likelihood, new.max_likelihood, mapping.likelihood),
        ("impact", old.max_impact, new.max_impact, mapping.impact),
    ):
        for level in range(1, old_top + 1):
            target = table.get(level)
            if target is None or not 1 <= target <= new_top:
                found.append(Problem(f"mapping.{scale}",
                                     f"Old {scale} {level} must map to a level 1 to {new_top}; got {target}"))
    return found


def change_scheme(workspace: Workspace, new: ScoringScheme, mapping: LevelMapping) -> OpChanges:
    """Switch the file to a new scheme, re-mapping every risk and snapshot score in one transaction."""
    problems = mapping_problems(workspace.scheme, new, mapping) + [
        Problem("scheme", text) for text in new.problems()
    ]
    if problems:
        raise ValidationError(problems)
    store = workspace.store
    reason = f"Scoring scheme changed from {workspace.scheme.name} to {new.name}"
    changes = OpChanges(scheme=True)
    with store.transaction():
        for risk in store.all(RISK):
            remapped = {kind: mapping.apply(getattr(risk, kind)) for kind in SCORE_FIELDS}
            store.update(RISK, risk.id, risk.version, remapped, reason)
            changes.risks.add(risk.id)
        for snapshot in store.snapshots():
            store.write_snapshot(type(snapshot)(
                snapshot.period_id, snapshot.risk_id, snapshot.status,
                mapping.apply(snapshot.inherent), mapping.apply(snapshot.residual),
                mapping.apply(snapshot.target), snapshot.comment,
            ))
        store.set_meta("scheme", scheme_to_dict(new), reason)
    workspace.forget_cached()
    return changes
