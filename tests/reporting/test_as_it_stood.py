"""A closed period's pack as it stood then: people, dates, controls and actions from the history."""

from __future__ import annotations

import re
from datetime import date

from riskdesk.core.model import ActionStatus, Effectiveness, Rag, Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, CONTROL, REGISTER, RISK
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_text


def _flat(text: str) -> str:
    return " ".join(text.split())


def _quarter(workspace: Workspace, label: str, start: date, end: date) -> None:
    period, _ = workspace.create_period(label, start, end)
    workspace.close_period(period.id)


def test_a_closed_quarter_prints_people_dates_controls_and_actions_as_they_stood(
        workspace: Workspace, make_report: MakeReport) -> None:
    register = workspace.store.all(REGISTER)[0]
    risk, _ = workspace.create_risk(
        register.id, "SR 1", "Placement sufficiency", owner="Head of Placements",
        last_reviewed=date(2023, 9, 12), residual=Score(4, 4), period_comment="Summer comment.")
    kept, _ = workspace.add_control(risk.id, "Weekly placement panel", owner="Panel chair",
                                    effectiveness=Effectiveness.EFFECTIVE)
    action, _ = workspace.add_action(risk.id, "Open two children's homes", owner="Head of Commissioning",
                                     due_date=date(2024, 3, 31), status=ActionStatus.IN_PROGRESS, rag=Rag.AMBER,
                                     progress="Site found for the first home.")
    _quarter(workspace, "Q2 2023/24", date(2023, 7, 1), date(2023, 9, 30))
    # What happened after Q2 closed.
    current = workspace.store.get(RISK, risk.id)
    workspace.update_risk(risk.id, current.version, owner="Director of Children's Services",
                          last_reviewed=date(2024, 3, 19), residual=Score(3, 4), period_comment="Spring comment.")
    done = workspace.store.get(ACTION, action.id)
    workspace.update_action(action.id, done.version, status=ActionStatus.COMPLETE, rag=Rag.GREEN,
                            progress="Both homes open.")
    workspace.add_action(risk.id, "Recruit foster carers", owner="Fostering manager", due_date=date(2024, 9, 30))
    workspace.delete_control(kept.id, workspace.store.get(CONTROL, kept.id).version)
    workspace.add_control(risk.id, "Sufficiency strategy adopted", owner="Cabinet")
    _quarter(workspace, "Q4 2023/24", date(2024, 1, 1), date(2024, 3, 31))

    q2, _ = make_report(workspace, period="Q2 2023/24")
    then = _flat(pdf_text(q2))
    assert "Risk Owner: Head of Placements" in then and "Director of Children's Services" not in then
    assert "Last reviewed 12 September 2023" in then and "19 March 2024" not in then
    assert "Summer comment." in then and "Spring comment." not in then
    assert "Weekly placement panel" in then and "Sufficiency strategy adopted" not in then
    assert "Site found for the first home." in then and "Both homes open." not in then
    assert "In progress" in then and "Complete" not in then and "Amber" in then
    assert "Recruit foster carers" not in then

    q4, _ = make_report(workspace, period="Q4 2023/24")
    later = _flat(pdf_text(q4))
    assert "Risk Owner: Director of Children's Services" in later and "Last reviewed 19 March 2024" in later
    assert "Weekly placement panel" not in later and "Sufficiency strategy adopted" in later
    assert "Both homes open." in later and "Complete" in later and "Recruit foster carers" in later


def test_a_review_dated_after_the_quarter_is_not_printed_as_of_it(workspace: Workspace,
                                                                  make_report: MakeReport) -> None:
    register = workspace.store.all(REGISTER)[0]
    workspace.create_risk(register.id, "SR 1", "A risk", residual=Score(3, 3), last_reviewed=date(2024, 3, 19))
    _quarter(workspace, "Q2 2023/24", date(2023, 7, 1), date(2023, 9, 30))
    path, _ = make_report(workspace, period="Q2 2023/24")
    assert "19 March 2024" not in pdf_text(path)


def test_new_only_for_a_risk_first_on_the_register_in_that_quarter_and_a_dash_before_any(
        workspace: Workspace, make_report: MakeReport) -> None:
    register = workspace.store.all(REGISTER)[0]
    workspace.create_risk(register.id, "SR 1", "Held from the start", residual=Score(3, 3))
    _quarter(workspace, "Q1 2023/24", date(2023, 4, 1), date(2023, 6, 30))
    workspace.create_risk(register.id, "SR 2", "Added in the second quarter", residual=Score(2, 2))
    _quarter(workspace, "Q2 2023/24", date(2023, 7, 1), date(2023, 9, 30))

    first, _ = make_report(workspace, period="Q1 2023/24")
    text = _flat(pdf_text(first))
    assert "New" not in text  # nothing to compare the first quarter with
    assert "Medium 9 – " in text
    second, _ = make_report(workspace, period="Q2 2023/24")
    text = _flat(pdf_text(second))
    assert text.count(" New ") == 2  # SR 2 only: its summary row and its section
    assert "Medium 9 No change" in text and re.search(r"9 ?→ ?9", text)
