"""Service operations: each writes at once, keeps history and says what changed."""

from __future__ import annotations

from datetime import date

import pytest

from riskdesk.core.direction import Direction
from riskdesk.core.model import ActionStatus, Score
from riskdesk.core.validation import ValidationError
from riskdesk.services.queries import load_contents, period_view, risks_in_subtree
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, CONTROL, REGISTER, RISK


def top(ws: Workspace):
    return ws.store.all(REGISTER)[0]


def test_an_impossible_score_is_refused_and_nothing_is_written(workspace: Workspace) -> None:
    risk, _ = workspace.create_risk(top(workspace).id, "SR 1", "A risk", residual=Score(3, 3))
    history_before = len(workspace.store.history())
    with pytest.raises(ValidationError, match="Residual likelihood must be 1 to 5; got 7"):
        workspace.update_risk(risk.id, risk.version, "", residual=Score(7, 3))
    stored = workspace.store.get(RISK, risk.id)
    assert stored.residual == Score(3, 3) and stored.version == risk.version
    assert len(workspace.store.history()) == history_before


def test_creating_an_invalid_risk_writes_nothing(workspace: Workspace) -> None:
    with pytest.raises(ValidationError, match="Title must not be empty"):
        workspace.create_risk(top(workspace).id, "SR 1", "  ")
    assert workspace.store.all(RISK) == []


def test_update_returns_what_changed_and_history_keeps_old_new_and_reason(workspace: Workspace) -> None:
    risk, _ = workspace.create_risk(top(workspace).id, "SR 1", "A risk", residual=Score(3, 3))
    changes = workspace.update_risk(risk.id, risk.version, "Quarterly review", residual=Score(4, 3), title="A risk")
    assert changes.risks == {risk.id}
    assert changes.fields == {("risk", risk.id, "residual"): (Score(3, 3), Score(4, 3))}
    entry = workspace.store.history(risk.id)[-1]
    assert (entry["field"], entry["old"], entry["new"], entry["reason"], entry["changed_by"]) == (
        "residual", "3x3", "4x3", "Quarterly review", "Test User")


def test_moving_a_register_under_its_own_child_is_refused(workspace: Workspace) -> None:
    parent = top(workspace)
    child, _ = workspace.create_register("Children's Services", parent.id)
    parent = workspace.store.get(REGISTER, parent.id)
    with pytest.raises(ValidationError, match="cannot be moved under itself"):
        workspace.move_register(parent.id, parent.version, child.id)
    assert workspace.store.get(REGISTER, parent.id).parent_id is None


def test_archive_hides_but_keeps_and_delete_leaves_a_tombstone(workspace: Workspace) -> None:
    register = top(workspace)
    risk, _ = workspace.create_risk(register.id, "SR 1", "A risk")
    control, _ = workspace.add_control(risk.id, "Supervision")
    workspace.archive_risk(risk.id, risk.version)
    contents = load_contents(workspace)
    assert risks_in_subtree(contents, register.id) == []
    assert [r.reference for r in risks_in_subtree(contents, register.id, include_archived=True)] == ["SR 1"]

    risk = workspace.store.get(RISK, risk.id)
    changes = workspace.delete_risk(risk.id, risk.version, "Raised twice")
    assert changes.deleted == {risk.id, control.id} and changes.controls == {control.id}
    assert workspace.store.find(RISK, risk.id) is None
    row = workspace.store.conn.execute("SELECT deleted FROM risks WHERE id = ?", (risk.id,)).fetchone()
    assert row[0] == 1
    workspace.restore_risk(risk.id)
    assert workspace.store.get(RISK, risk.id).reference == "SR 1"
    assert [c.id for c in workspace.store.all(CONTROL)] == [control.id]


def test_only_an_empty_register_can_be_deleted(workspace: Workspace) -> None:
    register = top(workspace)
    workspace.create_risk(register.id, "SR 1", "A risk")
    with pytest.raises(ValidationError, match="Only an empty register can be deleted"):
        workspace.delete_register(register.id, register.version)
    assert workspace.store.find(REGISTER, register.id) is not None


def test_a_completed_action_becomes_a_control(workspace: Workspace) -> None:
    risk, _ = workspace.create_risk(top(workspace).id, "SR 1", "A risk")
    action, _ = workspace.add_action(risk.id, "Recruit two team managers", owner="Head of Service",
                                     due_date=date(2024, 6, 30))
    with pytest.raises(ValidationError, match="Only a completed action can become a control"):
        workspace.action_to_control(action.id, action.version)
    workspace.update_action(action.id, action.version, "", status=ActionStatus.COMPLETE)
    action = workspace.store.get(ACTION, action.id)
    control, changes = workspace.action_to_control(action.id, action.version)
    assert control.description == "Recruit two team managers" and control.owner == "Head of Service"
    assert workspace.store.all(ACTION) == []
    assert changes.deleted == {action.id}


def test_duplicate_copies_controls_and_actions_under_a_new_reference(workspace: Workspace) -> None:
    risk, _ = workspace.create_risk(top(workspace).id, "SR 1", "A risk", residual=Score(2, 2))
    workspace.add_control(risk.id, "Supervision")
    workspace.add_action(risk.id, "Audit cases")
    copy, _ = workspace.duplicate_risk(risk.id)
    again, _ = workspace.duplicate_risk(risk.id)
    assert (copy.reference, again.reference) == ("SR 1 (copy)", "SR 1 (copy 2)")
    assert len(workspace.store.all(CONTROL, "risk_id = ?", (copy.id,))) == 1
    assert len(workspace.store.all(ACTION, "risk_id = ?", (copy.id,))) == 1


def test_closing_periods_snapshots_scores_and_gives_direction(workspace: Workspace) -> None:
    register = top(workspace)
    risk, _ = workspace.create_risk(register.id, "SR 1", "A risk", residual=Score(4, 4), period_comment="Q1 words")
    q1, _ = workspace.create_period("Q1 2023/24")
    workspace.close_period(q1.id, next_label="Q2 2023/24")
    risk = workspace.store.get(RISK, risk.id)
    assert risk.period_comment == ""  # cleared for the new period
    workspace.update_risk(risk.id, risk.version, "", residual=Score(3, 4), period_comment="Q2 words")
    contents = load_contents(workspace)
    q2 = contents.current_period()
    assert q2 is not None and q2.label == "Q2 2023/24"
    workspace.close_period(q2.id)
    contents = load_contents(workspace)
    periods = {p.label: p for p in contents.periods}
    live = contents.risks[0]
    first = period_view(contents, live, periods["Q1 2023/24"])
    second = period_view(contents, live, periods["Q2 2023/24"])
    assert (first.direction, first.comment, first.risk.residual) == (Direction.NEW, "Q1 words", Score(4, 4))
    assert (second.direction, second.comment, second.risk.residual) == (Direction.IMPROVED, "Q2 words", Score(3, 4))
    with pytest.raises(ValidationError, match="already closed"):
        workspace.close_period(q2.id)


def test_a_duplicate_period_label_is_refused(workspace: Workspace) -> None:
    workspace.create_period("Q1 2023/24")
    with pytest.raises(ValidationError, match="already a period called Q1 2023/24"):
        workspace.create_period("Q1 2023/24")


def test_settings_persist_in_the_file(workspace: Workspace) -> None:
    workspace.update_settings(council_name="Westshire County Council", arrow_style="triangles")
    again = Workspace.open(workspace.path)
    try:
        assert again.settings.council_name == "Westshire County Council"
        assert again.settings.arrow_style == "triangles"
    finally:
        again.close()


def test_an_operation_failing_midway_writes_nothing(workspace: Workspace) -> None:
    risk, _ = workspace.create_risk(top(workspace).id, "SR 1", "A risk")
    workspace.add_control(risk.id, "Supervision")
    risk = workspace.store.get(RISK, risk.id)
    # A stale version on the risk itself fails after its controls were tombstoned.
    from riskdesk.storage.errors import ConflictError

    with pytest.raises(ConflictError):
        workspace.delete_risk(risk.id, risk.version + 5, "")
    assert len(workspace.store.all(CONTROL)) == 1
    assert workspace.store.find(RISK, risk.id) is not None


def test_a_reference_is_used_once_per_register(workspace: Workspace) -> None:
    register = top(workspace)
    first, _ = workspace.create_risk(register.id, "CS 01", "Failure to keep children safe")
    second, _ = workspace.create_risk(register.id, "CS 05", "Delays in care proceedings")
    with pytest.raises(ValidationError, match="Reference CS 01 is already used in this register"):
        workspace.create_risk(register.id, " CS 01 ", "Another")
    with pytest.raises(ValidationError, match="Reference CS 01 is already used in this register"):
        workspace.update_risk(second.id, second.version, "", reference="CS 01")
    assert workspace.store.get(RISK, second.id).reference == "CS 05"
    other, _ = workspace.create_register("Another register")
    moved_in, _ = workspace.create_risk(other.id, "CS 01", "Same reference, other register")
    with pytest.raises(ValidationError, match="already used in this register"):
        workspace.move_risk(moved_in.id, moved_in.version, register.id)
    workspace.update_risk(first.id, first.version, "", title="Children not kept safe")  # its own reference is fine


def test_unlinking_leaves_a_tombstone_and_history(workspace: Workspace) -> None:
    register = top(workspace)
    strategic, _ = workspace.create_risk(register.id, "SR 7.2", "Ineffective practice")
    departmental, _ = workspace.create_risk(register.id, "CS 01", "Children not kept safe")
    link, _ = workspace.link_risks(departmental.id, strategic.id)
    changes = workspace.unlink(link.id)
    assert changes.deleted == {link.id} and changes.risks == {strategic.id, departmental.id}
    assert load_contents(workspace).links == []
    row = workspace.store.conn.execute("SELECT deleted, version FROM links WHERE id = ?", (link.id,)).fetchone()
    assert tuple(row) == (1, 2)
    assert [h["field"] for h in workspace.store.history(link.id)] == ["created", "deleted"]


def test_unlinking_a_link_a_colleague_removed_is_a_plain_clash(workspace: Workspace) -> None:
    from riskdesk.storage.errors import ConflictError

    register = top(workspace)
    strategic, _ = workspace.create_risk(register.id, "SR 7.2", "Ineffective practice")
    departmental, _ = workspace.create_risk(register.id, "CS 01", "Children not kept safe")
    link, _ = workspace.link_risks(departmental.id, strategic.id)
    colleague = Workspace.open(workspace.path, user="Priya Shah")
    try:
        colleague.unlink(link.id)
    finally:
        colleague.close()
    with pytest.raises(ConflictError) as raised:
        workspace.unlink(link.id)
    said = str(raised.value)
    assert said.startswith("Someone else changed this: Priya Shah removed the link from CS 01 to SR 7.2 at ")
    assert link.id not in said and said.endswith("so nothing was changed.")
    assert [h["field"] for h in workspace.store.history(link.id)] == ["created", "deleted"]  # nothing more
