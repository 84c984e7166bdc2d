"""Risks, controls, actions, links, periods and registers as flat rows: the columns of the CSV and Excel exports.

Texts go out exactly as kept (no spaces trimmed); dates stay dates so the Excel export can
write real dates, and the CSV writes them as 2024-03-31.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import Action, Control, Link, Period, Register, Risk, Score

RISK_COLUMNS = (
    "Reference", "Title", "Register", "Status", "Category", "Risk owner", "Accountable officer",
    "Cabinet member", "Description",
    "Inherent likelihood", "Inherent impact", "Inherent score", "Inherent band",
    "Residual likelihood", "Residual impact", "Residual score", "Residual band",
    "Target likelihood", "Target impact", "Target score", "Target band",
    "Direction of travel", "Target date", "Risk appetite", "Proximity", "Treatment",
    "Last reviewed", "Next review", "Exempt", "Exemption paragraph", "Period comment", "Controls", "Open actions",
)
CONTROL_COLUMNS = ("Risk reference", "Control", "Owner", "Effectiveness", "Register")
ACTION_COLUMNS = ("Risk reference", "Action", "Owner", "Due date", "Status", "RAG", "Progress", "Register")
LINK_COLUMNS = ("From register", "From reference", "Kind", "To register", "To reference")
PERIOD_COLUMNS = ("Period", "Start", "End", "Closed")
REGISTER_COLUMNS = ("Name", "Parent", "Kind", "Owner", "Description", "Commentary")
DATE_COLUMNS = {"Target date", "Last reviewed", "Next review", "Due date", "Start", "End"}
# The joined list of controls on the risks sheet is a reading aid; the Controls sheet holds them whole.
SUMMARY_LIMIT = 2_000


class Tables:
    """A register's records indexed once, so every row is made in constant time."""

    def __init__(self, contents: RegisterContents) -> None:
        self.contents = contents
        self.registers = {r.id: r for r in contents.registers}
        self.controls: dict[str, list[Control]] = {}
        for control in contents.controls:
            self.controls.setdefault(control.risk_id, []).append(control)
        self.actions: dict[str, list[Action]] = {}
        for action in contents.actions:
            self.actions.setdefault(action.risk_id, []).append(action)
        self.risks = {r.id: r for r in contents.risks}
        order = {register.id: index for index, register in enumerate(contents.registers)}
        self.live = sorted((r for r in contents.risks if not r.archived),
                           key=lambda r: (order.get(r.register_id, 0), r.position))

    def register_name(self, register_id: str) -> str:
        """The name of a register ("" for none)."""
        register = self.registers.get(register_id)
        return register.name if register else ""

    def _score_cells(self, score: Score | None) -> list[Any]:
        if score is None:
            return ["", "", "", ""]
        band = self.contents.scheme.band_for(score.likelihood, score.impact).name
        return [score.likelihood, score.impact, self.contents.scheme.value_of(score), band]

    def risk_row(self, risk: Risk) -> list[Any]:
        """One risk as the cells of RISK_COLUMNS."""
        controls = "; ".join(c.description for c in self.controls.get(risk.id, []))
        if len(controls) > SUMMARY_LIMIT:
            controls = controls[:SUMMARY_LIMIT] + " … (all of them are on the Controls sheet)"
        open_actions = sum(1 for a in self.actions.get(risk.id, []) if a.is_open)
        return [
            risk.reference, risk.title, self.register_name(risk.register_id), _choice(risk.status),
            risk.category, risk.owner, risk.accountable_officer, risk.cabinet_member, risk.description,
            *self._score_cells(risk.inherent), *self._score_cells(risk.residual), *self._score_cells(risk.target),
            self.contents.live_direction(risk).value, risk.target_date, risk.appetite, risk.proximity,
            _choice(risk.treatment), risk.last_reviewed, risk.next_review, "Yes" if risk.exempt else "",
            risk.exempt_paragraph,
            risk.period_comment, controls, open_actions,
        ]

    def control_rows(self, risk: Risk) -> list[list[Any]]:
        """The risk's controls as rows of CONTROL_COLUMNS."""
        register = self.register_name(risk.register_id)
        return [[risk.reference, c.description, c.owner, c.effectiveness.value.capitalize(), register]
                for c in self.controls.get(risk.id, [])]

    def action_rows(self, risk: Risk) -> list[list[Any]]:
        """The risk's actions as rows of ACTION_COLUMNS."""
        register = self.register_name(risk.register_id)
        return [[risk.reference, a.description, a.owner, a.due_date, a.status.value.capitalize(),
                 a.rag.value.capitalize() if a.rag else "", a.progress, register]
                for a in self.actions.get(risk.id, [])]

    def link_rows(self) -> list[list[Any]]:
        """Every link between two risks that are both exported."""
        rows = []
        for link in self.contents.links:
            source, target = self.risks.get(link.from_risk_id), self.risks.get(link.to_risk_id)
            if source is not None and target is not None:
                rows.append(_link_row(self, link, source, target))
        return rows

    def period_rows(self) -> list[list[Any]]:
        """Every reporting period."""
        return [_period_row(p) for p in self.contents.periods]

    def register_rows(self) -> list[list[Any]]:
        """The register tree, parents before their children."""
        return [_register_row(self, r) for r in _tree_order(self.contents.registers)]


def _choice(choice: StrEnum | None) -> str:
    """A status or treatment cell: empty when never set, so an import leaves it unset."""
    return choice.value.capitalize() if choice is not None else ""


def _link_row(tables: Tables, link: Link, source: Risk, target: Risk) -> list[Any]:
    return [tables.register_name(source.register_id), source.reference, link.kind,
            tables.register_name(target.register_id), target.reference]


def _period_row(period: Period) -> list[Any]:
    return [period.label, period.start, period.end, "Yes" if period.is_closed else "No"]


def _register_row(tables: Tables, register: Register) -> list[Any]:
    parent = tables.register_name(register.parent_id) if register.parent_id else ""
    return [register.name, parent, register.kind.value, register.owner, register.description, register.commentary]


def _tree_order(registers: list[Register]) -> list[Register]:
    children: dict[str | None, list[Register]] = {}
    for register in registers:
        children.setdefault(register.parent_id, []).append(register)
    known = {r.id for r in registers}
    ordered: list[Register] = []
    stack = [r for r in registers if r.parent_id is None or r.parent_id not in known][::-1]
    while stack:
        register = stack.pop()
        ordered.append(register)
        stack.extend(reversed(children.get(register.id, [])))
    return ordered


def csv_cell(value: Any) -> Any:
    """A cell for the CSV: dates as 2024-03-31, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value

