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
