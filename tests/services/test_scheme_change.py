"""Changing the scheme re-maps every score through the confirmed mapping, or nothing at all."""

from __future__ import annotations

import pytest

from riskdesk.core.presets import preset
from riskdesk.core.validation import ValidationError
from riskdesk.services.queries import load_contents
from riskdesk.services.scheme_change import LevelMapping, change_scheme, proportional_mapping
from riskdesk.services.workspace import Workspace


def test_five_to_three_remaps_risks_snapshots_and_history(demo_5x5: Workspace) -> None:
    before = load_contents(demo_5x5)
    mapping = proportional_mapping(demo_5x5.scheme, preset("3x3"))
    assert mapping.likelihood == {1: 1, 2: 1, 3: 2, 4: 2, 5: 3}
    change_scheme(demo_5x5, preset("3x3"), mapping)

    after = load_contents(demo_5x5)
    assert after.scheme.name == "3x3"
    for old, new in zip(before.risks, after.risks, strict=True):
        assert new.residual == mapping.apply(old.residual)
        assert new.inherent == mapping.apply(old.inherent)
    old_snaps = {(s.period_id, s.risk_id): s for s in before.snapshots}
    for snap in after.snapshots:
        assert snap.residual == mapping.apply(old_snaps[(snap.period_id, snap.risk_id)].residual)
    reasons = {h["reason"] for h in demo_5x5.store.history() if h["field"] == "residual"}
    assert "Scoring scheme changed from 5x5 to 3x3" in reasons
    reopened = Workspace.open(demo_5x5.path)
    try:
        assert reopened.scheme.name == "3x3"
    finally:
        reopened.close()


def test_an_incomplete_mapping_is_refused_and_nothing_changes(demo_5x5: Workspace) -> None:
    before = load_contents(demo_5x5)
    bad = LevelMapping({1: 1, 2: 1, 3: 2, 4: 3}, {1: 1, 2: 1, 3: 2, 4: 3, 5: 4})
    with pytest.raises(ValidationError) as caught:
        change_scheme(demo_5x5, preset("3x3"), bad)
    messages = [p.message for p in caught.value.problems]
    assert "Old likelihood 5 must map to a level 1 to 3; got None" in messages
    assert "Old impact 5 must map to a level 1 to 3; got 4" in messages
    after = load_contents(demo_5x5)
    assert after.scheme.name == "5x5"
    assert [r.residual for r in after.risks] == [r.residual for r in before.risks]


def test_the_preview_shows_every_score_before_and_after(demo_5x5: Workspace) -> None:
    from riskdesk.services.scheme_change import preview_change, suggested_mapping
    from riskdesk.storage.records import RISK

    new = preset("4x4-weighted")
    mapping = suggested_mapping(demo_5x5.scheme, new)
    risks = demo_5x5.store.all(RISK)
    moves = preview_change(risks, demo_5x5.scheme, new, mapping)
    scored = sum(1 for r in risks for kind in ("inherent", "residual", "target") if getattr(r, kind) is not None)
    assert len(moves) == scored
    for move in moves:
        risk = next(r for r in risks if r.reference == move.reference)
        after = mapping.apply(getattr(risk, move.kind))
        assert after is not None
        band = new.band_for(after.likelihood, after.impact).name
        assert move.after == f"{band} {new.value_of(after)} (L{after.likelihood} x I{after.impact})"


def test_same_labels_are_matched_when_the_order_holds() -> None:
    from riskdesk.services.scheme_change import suggested_mapping

    mapping = suggested_mapping(preset("5x5"), preset("6x5"))
    assert mapping.impact == {1: 1, 2: 2, 3: 3, 4: 4, 5: 5}
    assert mapping.likelihood[2] == 4, "Possible to Possible"
    assert mapping.likelihood[5] == 6, "Almost certain to Almost certain"
    assert list(mapping.likelihood.values()) == sorted(mapping.likelihood.values())


def test_a_change_keeps_a_copy_first_and_only_rewrites_moved_scores(demo_5x5: Workspace) -> None:
    import dataclasses

    from riskdesk.services.scheme_change import change_scheme_safely, identity_mapping

    old = demo_5x5.scheme
    renamed = dataclasses.replace(old, likelihood=(dataclasses.replace(old.likelihood[0], label="Remote"),
                                                   *old.likelihood[1:]))
    result = change_scheme_safely(demo_5x5, renamed, identity_mapping(old))
    assert result.backup is not None and result.backup.exists()
    assert result.changes.scheme and result.changes.risks == set()
    assert demo_5x5.scheme.likelihood_level(1).label == "Remote"
    entries = [h for h in demo_5x5.store.history() if h["reason"] == "Scoring scheme 5x5 changed"]
    assert [h["field"] for h in entries] == ["scheme"]


def test_an_empty_register_changes_scheme_without_a_copy(workspace: Workspace) -> None:
    from riskdesk.services.scheme_change import change_scheme_safely, suggested_mapping

    result = change_scheme_safely(workspace, preset("6x6"), suggested_mapping(workspace.scheme, preset("6x6")))
    assert result.backup is None
    assert workspace.scheme.shape == "6x6"
