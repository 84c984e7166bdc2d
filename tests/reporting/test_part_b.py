"""Part B: exempt risks flagged with their paragraph of Schedule 12A; the exempt papers hold them alone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from riskdesk.core.model import Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER, RISK
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_raw, pdf_text, without_links

FIXTURE = Path(__file__).resolve().parents[1] / "storage" / "fixtures" / "register-v1.sqlite"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _two_risks(workspace: Workspace) -> None:
    register = workspace.store.all(REGISTER)[0]
    workspace.create_risk(register.id, "SR 1", "Public risk", residual=Score(3, 3))
    workspace.create_risk(register.id, "SR 2", "Contract negotiation", residual=Score(4, 4), exempt=True,
                          exempt_paragraph="3")


def test_the_exempt_papers_hold_the_exempt_risks_alone_flagged_with_their_paragraph(
        workspace: Workspace, make_report: MakeReport) -> None:
    _two_risks(workspace)
    path, _ = make_report(workspace, exempt=True)
    text = _flat(pdf_raw(path))
    assert "SR 2 Contract negotiation" in text and "SR 1" not in text
    summary = text[text.index("Summary overview"):text.index("Inherent score")]
    assert "Exempt: paragraph 3 of Schedule 12A" in summary  # flagged in the summary
    section = text[text.index("Inherent score") - 300:]
    assert "Exempt: paragraph 3 of Schedule 12A" in section  # and in its section
    assert "exempt version: the exempt (Part B) risks alone" in text  # stated under the title


def test_the_whole_pack_on_request_flags_only_the_exempt_risks(workspace: Workspace,
                                                               make_report: MakeReport) -> None:
    _two_risks(workspace)
    path, _ = make_report(workspace, exempt=True, whole_pack=True)
    text = _flat(pdf_raw(path))
    assert "SR 1 Public risk" in text and "SR 2 Contract negotiation" in text
    assert text.count("Exempt: paragraph 3 of Schedule 12A") == 2  # its summary row and its section
    public, _ = make_report(workspace)
    public_text = _flat(pdf_text(public))
    assert "SR 2" not in public_text and "Schedule 12A" not in public_text
    assert "public version: exempt (Part B) risks left out" in _flat(pdf_raw(public))


def test_an_exempt_risk_with_no_paragraph_says_so(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, exempt=True)
    text = _flat(without_links(pdf_raw(path)))
    assert "CS 09" in text and "Exempt under Schedule 12A (paragraph not recorded)" in text
    assert not re.search(r"\bCS 0[1-8]\b", text)


def test_the_actions_paper_follows_the_version(workspace: Workspace, make_report: MakeReport) -> None:
    _two_risks(workspace)
    for risk in workspace.store.all(RISK):
        workspace.add_action(risk.id, f"Action on {risk.reference}", owner="Head of Service")
    path, _ = make_report(workspace, kind="actions", exempt=True)
    text = _flat(pdf_raw(path))
    assert "Action on SR 2" in text and "Exempt: paragraph 3 of Schedule 12A" in text
    assert "Action on SR 1" not in text


def test_an_older_file_gains_the_paragraph_field_and_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "register.sqlite"
    shutil.copyfile(FIXTURE, target)
    workspace = Workspace.open(target, user="Tester")
    try:
        risk = workspace.store.all(RISK)[0]
        assert risk.exempt_paragraph == ""
        workspace.update_risk(risk.id, risk.version, exempt=True, exempt_paragraph="3")
    finally:
        workspace.close()
    again = Workspace.open(target, user="Tester")
    try:
        assert again.store.all(RISK)[0].exempt_paragraph == "3"
        assert any(row["field"] == "exempt_paragraph" and row["new"] == "3" for row in again.store.history())
    finally:
        again.close()
