"""The actions report: open actions only, overdue first, then by owner and due date."""

from __future__ import annotations

from datetime import date

from riskdesk.core.model import ActionStatus, Rag, Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_text


def test_overdue_actions_come_first_then_by_owner_and_due_date(workspace: Workspace,
                                                               make_report: MakeReport) -> None:
    register_id = workspace.store.all(REGISTER)[0].id
    risk, _ = workspace.create_risk(register_id, "AC 1", "A risk with actions", residual=Score(3, 3))
    add = workspace.add_action
    add(risk.id, "Zulu later task", owner="Bea", due_date=date(2024, 12, 1), rag=Rag.GREEN)
    add(risk.id, "Yankee sooner task", owner="Bea", due_date=date(2024, 6, 1), rag=Rag.AMBER)
    add(risk.id, "Xray other owner", owner="Alf", due_date=date(2025, 1, 1))
    add(risk.id, "Whiskey late task", owner="Cat", due_date=date(2024, 1, 1), rag=Rag.RED)
    add(risk.id, "Victor done task", owner="Alf", due_date=date(2024, 1, 1), status=ActionStatus.COMPLETE)
    path, _ = make_report(workspace, kind="actions")
    text = pdf_text(path)
    order = [text.index(word) for word in ("Overdue actions", "Whiskey", "Open actions by owner", "Xray",
                                           "Yankee", "Zulu")]
    assert order == sorted(order)
    assert "Victor" not in text
    assert "4 open actions, 1 overdue" in text
    assert "AC 1" in text
    for rag in ("Red", "Amber", "Green"):
        assert rag in text


def test_a_past_quarter_counts_overdue_at_its_end(demo_5x5: Workspace, make_report: MakeReport) -> None:
    import re

    from riskdesk.services.queries import load_contents

    contents = load_contents(demo_5x5)
    quarter_end = date(2024, 3, 31)
    expected = sum(1 for a in contents.actions if a.is_open and a.due_date is not None and a.due_date < quarter_end
                   and not next(r for r in contents.risks if r.id == a.risk_id).exempt)
    path, _ = make_report(demo_5x5, kind="actions", period="Q4 2023/24")
    match = re.search(r"Q4 2023/24: (\d+) open actions, (\d+) overdue", " ".join(pdf_text(path).split()))
    assert match is not None
    assert int(match.group(2)) == expected < int(match.group(1))
