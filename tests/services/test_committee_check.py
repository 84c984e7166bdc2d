"""Ready for committee? Every kind of finding made to happen on a real file, and the file left alone."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from riskdesk.core.model import ActionStatus, RegisterKind, Score
from riskdesk.services.committee_check import KINDS, CheckError, check_for_committee
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK

TODAY = date(2024, 8, 15)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _build(path: Path) -> Workspace:
    """A file with one risk that is ready ("OK 1") and one risk per kind of finding."""
    ws = Workspace.create(path, "5x5", "Test Council")
    strategic, _ = ws.create_register("Strategic Risk Register")
    department, _ = ws.create_register("Children's Services", strategic.id, kind=RegisterKind.DIRECTORATE)
    q1, _ = ws.create_period("Q1 2024/25", date(2024, 4, 1), date(2024, 6, 30))
    good = dict(owner="Ann", inherent=Score(4, 4), residual=Score(3, 4), target=Score(2, 4),
                last_reviewed=date(2024, 7, 20), category="Financial", appetite="Open")

    def risk(register: str, reference: str, **fields: object) -> str:
        made, _ = ws.create_risk(register, reference, f"Risk {reference}", **{**good, **fields})
        return made.id

    ok = risk(strategic.id, "OK 1", period_comment="Last quarter's words.")
    copied = risk(strategic.id, "COPY", period_comment="Nothing has moved.")
    ws.add_action(ok, "Keep going", owner="Ann", due_date=date(2024, 12, 1))
    ws.close_period(q1.id, "Q2 2024/25")
    for risk_id, comment in ((ok, "New words this quarter."), (copied, "Nothing has  moved.")):
        current = ws.store.get(RISK, risk_id)
        ws.update_risk(risk_id, current.version, period_comment=comment)
    words = {"period_comment": "Reviewed."}
    risk(strategic.id, "OLD", last_reviewed=date(2024, 6, 20), **words)  # not reviewed in Q2 (from 1 July)
    late = risk(strategic.id, "LATE", residual=Score(5, 4), inherent=Score(5, 5), last_reviewed=date(2024, 7, 2),
                **words)  # High: monthly, so due 2 August
    ws.add_action(late, "Plan", owner="Ann", due_date=date(2024, 12, 1))
    risk(strategic.id, "NOBODY", owner="", **words)
    risk(strategic.id, "SILENT")
    act = risk(strategic.id, "ACT", **words)
    ws.add_action(act, "Overdue thing", owner="Ann", due_date=date(2024, 7, 31))
    ws.add_action(act, "Nobody's thing", owner="", due_date=date(2024, 12, 1))
    ws.add_action(act, "Undated thing", owner="Ann")
    done, _ = ws.add_action(act, "Finished late", owner="Ann", due_date=date(2024, 7, 1))
    ws.update_action(done.id, done.version, status=ActionStatus.COMPLETE)
    high = risk(department.id, "DEP", residual=Score(4, 4), inherent=Score(5, 5), **words)
    ws.add_action(high, "Plan", owner="Ann", due_date=date(2024, 12, 1))
    linked = risk(department.id, "DEP LINKED", residual=Score(4, 4), inherent=Score(5, 5), **words)
    ws.add_action(linked, "Plan", owner="Ann", due_date=date(2024, 12, 1))
    ws.link_risks(linked, ok)
    risk(strategic.id, "AVERSE", appetite="Averse", residual=Score(2, 3), target=Score(1, 1), **words)
    risk(strategic.id, "UPSIDE", inherent=Score(2, 2), residual=Score(3, 3), target=Score(1, 1), **words)
    risk(strategic.id, "TARGET", target=Score(4, 4), residual=Score(3, 3), **words)
    risk(strategic.id, "SECRET", exempt=True, **words)
    risk(strategic.id, "SECRET OK", exempt=True, description="Exempt under paragraph 3 of Schedule 12A.",
         **words)
    risk(strategic.id, "SHUT", status="closed", owner="")
    return ws


EXPECTED = {
    "not_reviewed": {"OLD"},
    "review_overdue": {"LATE"},
    "no_owner": {"NOBODY"},
    "comment_missing": {"SILENT"},
    "comment_copied": {"COPY"},
    "action_overdue": {"ACT"},
    "action_no_owner": {"ACT"},
    "action_no_due": {"ACT"},
    "not_represented": {"DEP"},
    "above_appetite": {"AVERSE"},
    "residual_above_inherent": {"UPSIDE"},
    "target_above_residual": {"TARGET"},
    "exempt_no_paragraph": {"SECRET"},
}


def test_every_kind_of_finding_names_its_risk_and_nothing_else_is_found(tmp_path: Path) -> None:
    from riskdesk.core.model import RiskStatus

    ws = _build(tmp_path / "register.sqlite")
    try:
        assert ws.store.all(RISK, "reference = 'SHUT'")[0].status == RiskStatus.CLOSED
        result = check_for_committee(ws, today=TODAY)
    finally:
        ws.close()
    found: dict[str, set[str]] = {}
    for finding in result.findings:
        found.setdefault(finding.kind, set()).add(finding.reference)
        assert finding.line.startswith(f"{finding.reference}: ")
    assert set(EXPECTED) == set(KINDS)
    assert found == EXPECTED
    assert result.period_label == "Q2 2024/25" and not result.ready


def test_the_check_never_writes_to_the_file(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    _build(path).close()
    before = _sha(path)
    ws = Workspace.open(path, read_only=True)
    try:
        assert check_for_committee(ws, today=TODAY).findings
        assert check_for_committee(ws, "Q1 2024/25", today=TODAY) is not None
    finally:
        ws.close()
    assert _sha(path) == before


def test_the_demo_shows_the_seed_committees_questions(demo_5x5_path: Path) -> None:
    ws = Workspace.open(demo_5x5_path, read_only=True)
    try:
        result = check_for_committee(ws, "Q4 2023/24")
    finally:
        ws.close()
    lines = [f.line for f in result.findings]
    # Seed 002: three of the four high departmental risks are on the strategic register; CS 04 is not.
    assert [f.reference for f in result.findings if f.kind == "not_represented"] == ["CS 04"]
    assert any(line.startswith("CS 09: is exempt (Part B)") for line in lines)


def test_an_unknown_period_is_named_with_the_choices(workspace: Workspace) -> None:
    workspace.create_period("Q1 2024/25")
    with pytest.raises(CheckError, match=r'no reporting period called "Q7".*Q1 2024/25'):
        check_for_committee(workspace, "Q7")
