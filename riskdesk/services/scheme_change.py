"""Changing a file's scoring scheme: every score re-mapped through a mapping the user confirmed."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import SCORE_FIELDS, Risk, Score
from riskdesk.core.scheme import Level, ScoringScheme
from riskdesk.core.serialise import scheme_to_dict
from riskdesk.core.validation import Problem, ValidationError
from riskdesk.services.files import backup_before
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK


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


def suggested_mapping(old: ScoringScheme, new: ScoringScheme) -> LevelMapping:
    """The proportional proposal, with levels of the same label matched where that keeps the order."""
    start = proportional_mapping(old, new)

    def by_label(table: dict[int, int], old_levels: tuple[Level, ...], new_levels: tuple[Level, ...]) -> dict[int, int]:
        named = {level.label.strip().lower(): level.number for level in new_levels}
        proposal = dict(table)
        for level in old_levels:
            if level.label.strip().lower() in named:
                proposal[level.number] = named[level.label.strip().lower()]
        ordered = [proposal[n] for n in sorted(proposal)]
        return proposal if all(a <= b for a, b in pairwise(ordered)) else table

    return LevelMapping(by_label(start.likelihood, old.likelihood, new.likelihood),
                        by_label(start.impact, old.impact, new.impact))


def identity_mapping(scheme: ScoringScheme) -> LevelMapping:
    """Each level to itself (a change of labels, values or bands on the same grid)."""
    return LevelMapping({n: n for n in range(1, scheme.max_likelihood + 1)},
                        {n: n for n in range(1, scheme.max_impact + 1)})


@dataclass(frozen=True)
class ScoreMove:
    """One score of one risk before and after a scheme change, in words."""

    reference: str
    title: str
    kind: str
    before: str
    after: str
    band_before: str = ""
    band_after: str = ""

    @property
    def changed(self) -> bool:
        """True when the score or band reads differently afterwards."""
        return self.before != self.after

    @property
    def band_changed(self) -> bool:
        """True when the score lands in a band of another name."""
        return self.band_before != self.band_after


def score_words(scheme: ScoringScheme, score: Score | None) -> str:
    """A score as a preview shows it: "Medium 12 (L4 x I3)"."""
    if score is None:
        return "not scored"
    band = scheme.band_for(score.likelihood, score.impact)
    return f"{band.name} {scheme.value_of(score)} (L{score.likelihood} x I{score.impact})"


def preview_change(risks: list[Risk], old: ScoringScheme, new: ScoringScheme, mapping: LevelMapping) -> list[ScoreMove]:
    """Every risk's inherent, residual and target score before and after, for the user to confirm."""
    moves = []
    for risk in sorted(risks, key=lambda r: r.reference):
        for kind in SCORE_FIELDS:
            score = getattr(risk, kind)
            if score is None:
                continue
            after = mapping.apply(score)
            assert after is not None
            moves.append(ScoreMove(risk.reference, risk.title, kind, score_words(old, score), score_words(new, after),
                                   old.band_for(score.likelihood, score.impact).name,
                                   new.band_for(after.likelihood, after.impact).name))
    return moves


@dataclass(frozen=True)
class SchemeChangeResult:
    """What a scheme change did: the changes and the copy kept of the file before it."""

    changes: OpChanges
    backup: Path | None


def change_scheme_safely(workspace: Workspace, new: ScoringScheme, mapping: LevelMapping) -> SchemeChangeResult:
    """Check the change, keep a copy of the file beside it when it holds risks, then change the scheme."""
    problems = mapping_problems(workspace.scheme, new, mapping) + [
        Problem("scheme", text) for text in new.problems()
    ]
    if problems:
        raise ValidationError(problems)
    backup = backup_before(workspace, "before-scheme-change") if workspace.store.all(RISK) else None
    return SchemeChangeResult(change_scheme(workspace, new, mapping), backup)


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
    old_name = workspace.scheme.name
    reason = (f"Scoring scheme changed from {old_name} to {new.name}" if old_name != new.name
              else f"Scoring scheme {new.name} changed")
    changes = OpChanges(scheme=True)
    with store.transaction():
        for risk in store.all(RISK):
            remapped = {kind: mapping.apply(getattr(risk, kind)) for kind in SCORE_FIELDS}
            if all(getattr(risk, kind) == score for kind, score in remapped.items()):
                continue  # same grid, same cell: nothing to write or to keep in the history
            store.update(RISK, risk.id, risk.version, remapped, reason)
            changes.risks.add(risk.id)
        for snapshot in store.snapshots():
            if all(mapping.apply(s) == s for s in (snapshot.inherent, snapshot.residual, snapshot.target)):
                continue
            store.write_snapshot(type(snapshot)(
                snapshot.period_id, snapshot.risk_id, snapshot.status,
                mapping.apply(snapshot.inherent), mapping.apply(snapshot.residual),
                mapping.apply(snapshot.target), snapshot.comment,
            ))
        store.set_meta("scheme", scheme_to_dict(new), reason)
    workspace.forget_cached()
    return changes
