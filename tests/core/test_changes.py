"""OpChanges: "reload everything" is a flag of its own, never an id in a set."""

from __future__ import annotations

from riskdesk.core.changes import OpChanges


def test_everything_asks_for_a_reload_and_names_no_record() -> None:
    changes = OpChanges.everything()
    assert changes.reload and not changes.empty
    assert not (changes.risks or changes.registers or changes.controls or changes.actions)


def test_a_reload_survives_a_merge_and_is_not_empty_alone() -> None:
    assert OpChanges(reload=True).empty is False
    assert OpChanges().empty
    merged = OpChanges(risks={"r1"}).merge(OpChanges(reload=True))
    assert merged.reload and merged.risks == {"r1"}
    assert not OpChanges(risks={"r1"}).merge(OpChanges(periods={"p1"})).reload
