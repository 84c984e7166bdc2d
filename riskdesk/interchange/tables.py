"""Risks, controls and actions as flat rows: the columns of the CSV and Excel exports."""

from __future__ import annotations

from typing import Any

from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import Action, Control, Risk, Score

RISK_COLUMNS = (
    "Reference", "Title", "Register", "Status", "Category", "Risk owner", "Accountable officer",
    "Cabinet member", "Description",
    "Inherent likelihood", "Inherent impact", "Inherent score", "Inherent band",
    "Residual likelihood", "Residual impact", "Residual score", "Residual band",
    "Target likelihood", "Target impact", "Target score", "Target band",
    "Direction of travel", "Target date", "Risk appetite", "Proximity", "Treatment",
    "Last reviewed", "Next review", "Exempt", "Period comment", "Controls", "Open actions",
)
CONTROL_COLUMNS = ("Risk reference", "Control", "Owner", "Effectiveness")
ACTION_COLUMNS = ("Risk reference", "Action", "Owner", "Due date", "Status", "RAG", "Progress")


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value) if not isinstance(value, int) else value


def _score_cells(contents: RegisterContents, score: Score | None) -> list[Any]:
    if score is None:
        return ["", "", "", ""]
    band = contents.scheme.band_for(score.likelihood, score.impact).name
    return [score.likelihood, score.impact, contents.scheme.value_of(score), band]


def risk_row(contents: RegisterContents, risk: Risk) -> list[Any]:
    """One risk as the cells of RISK_COLUMNS."""
    register = contents.register(risk.register_id)
    open_actions = sum(1 for a in contents.actions_of(risk.id) if a.is_open)
    return [
        risk.reference, risk.title, register.name if register else "", risk.status.value.capitalize(), risk.category,
        risk.owner, risk.accountable_officer, risk.cabinet_member, risk.description,
        *_score_cells(contents, risk.inherent), *_score_cells(contents, risk.residual),
        *_score_cells(contents, risk.target),
        contents.live_direction(risk).value, _text(risk.target_date), risk.appetite, risk.proximity,
        risk.treatment.value.capitalize(), _text(risk.last_reviewed), _text(risk.next_review), _text(risk.exempt),
        risk.period_comment, "; ".join(c.description for c in contents.controls_of(risk.id)), open_actions,
    ]


def control_row(reference: str, control: Control) -> list[Any]:
    """One control as the cells of CONTROL_COLUMNS."""
    return [reference, control.description, control.owner, control.effectiveness.value.capitalize()]


def action_row(reference: str, action: Action) -> list[Any]:
    """One action as the cells of ACTION_COLUMNS."""
    return [reference, action.description, action.owner, _text(action.due_date), action.status.value.capitalize(),
            action.rag.value.capitalize() if action.rag else "", action.progress]


def live_risks(contents: RegisterContents) -> list[Risk]:
    """The risks an export lists: every risk not archived, in register order."""
    order = {register.id: index for index, register in enumerate(contents.registers)}
    return sorted((r for r in contents.risks if not r.archived),
                  key=lambda r: (order.get(r.register_id, 0), r.position))
