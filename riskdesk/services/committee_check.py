"""Ready for committee? Everything a clerk would be asked about a register before the papers go out.

Reads only: it never writes to the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from riskdesk.core.appetite import Appetite
from riskdesk.core.changes_since import natural_key
from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import Period, RegisterKind, Risk, RiskStatus
from riskdesk.core.periods import quarter_dates
from riskdesk.core.review_cadence import ReviewCadence
from riskdesk.services.quarter_settings import load_appetite, load_cadence
from riskdesk.services.queries import find_period, load_contents, period_view, tree_order
from riskdesk.services.workspace import Workspace

# Every kind of finding, in the order a clerk would work through them, with its heading.
KINDS: dict[str, str] = {
    "not_reviewed": "Not reviewed this period",
    "review_overdue": "Review overdue",
    "no_owner": "No risk owner",
    "comment_missing": "Period comment missing",
    "comment_copied": "Period comment copied unchanged",
    "action_overdue": "Overdue action",
    "action_no_owner": "Action without an owner",
    "action_no_due": "Action without a due date",
    "not_represented": "High departmental risk not on the strategic register",
    "above_appetite": "Above appetite with no open action",
    "residual_above_inherent": "Residual above inherent",
    "target_above_residual": "Target above residual",
    "exempt_no_paragraph": "Exempt without its paragraph",
}
# An exempt (Part B) risk says under which paragraph of Schedule 12A to the Local Government
# Act 1972 it is exempt: "paragraph 3", "para. 3" or "Schedule 12A" in its description or comment.
_PARAGRAPH = re.compile(r"\bpara(graph|\.)?\s*[1-7]\b|schedule\s*12\s*a", re.IGNORECASE)


class CheckError(ValueError):
    """The check cannot be made as asked; the message is one plain sentence."""


@dataclass(frozen=True)
class Finding:
    """One thing to put right before committee, on one risk."""

    kind: str
    risk_id: str
    reference: str
    title: str
    register: str
    message: str

    @property
    def heading(self) -> str:
        """The kind of finding in words."""
        return KINDS[self.kind]

    @property
    def line(self) -> str:
        """One line naming the risk: "CS 04: has no risk owner."."""
        return f"{self.reference}: {self.message}"


@dataclass
class CommitteeCheck:
    """The findings for one period, in register then reference order."""

    period_label: str
    findings: list[Finding]

    @property
    def ready(self) -> bool:
        """True when nothing was found."""
        return not self.findings


def check_for_committee(workspace: Workspace, period: str | None = None, today: date | None = None) -> CommitteeCheck:
    """Everything to put right before committee, as of a period (default the open one)."""
    contents = load_contents(workspace)
    chosen = _period(contents, period, workspace.path.name)
    today = today or date.today()
    as_of = chosen.end if chosen is not None and chosen.is_closed and chosen.end else today
    finder = _Finder(contents, chosen, load_appetite(workspace), load_cadence(workspace), as_of)
    findings = finder.run()
    label = chosen.label if chosen is not None else "the current figures"
    return CommitteeCheck(label, findings)


def _period(contents: RegisterContents, label: str | None, file_name: str) -> Period | None:
    if label is None or not label.strip():
        return contents.current_period()
    found = find_period(contents, label)
    if found is None:
        labels = ", ".join(p.label for p in sorted(contents.periods, key=lambda p: p.position)) or "none yet"
        raise CheckError(f'There is no reporting period called "{label.strip()}" in {file_name}; '
                         f"its periods are {labels}.")
    return found


class _Finder:
    """Walks the live risks of the file once, collecting findings."""

    def __init__(self, contents: RegisterContents, period: Period | None, appetite: Appetite,
                 cadence: ReviewCadence, as_of: date):
        self.contents = contents
        self.period = period
        self.appetite = appetite
        self.cadence = cadence
        self.as_of = as_of
        self.scheme = contents.scheme
        self.findings: list[Finding] = []
        self.registers = {r.id: r for r in contents.registers}
        closed = contents.closed_periods()
        position = period.position if period is not None else None
        earlier = [p for p in closed if position is None or p.position < position]
        self.previous = earlier[-1] if earlier else None
        self.period_start = self._start_of(period)

    def _start_of(self, period: Period | None) -> date | None:
        """The first day of the period: its own, its quarter's, or the day after the last one ended."""
        if period is not None and period.start is not None:
            return period.start
        bounds = quarter_dates(period.label) if period is not None else None
        if bounds is not None:
            return bounds[0]
        if self.previous is not None and self.previous.end is not None:
            return self.previous.end + timedelta(days=1)
        if self.previous is not None and self.previous.closed_at:
            try:
                return datetime.fromisoformat(self.previous.closed_at).date()
            except ValueError:
                return None
        return None

    def run(self) -> list[Finding]:
        order = {r.id: i for i, r in enumerate(tree_order(self.contents.registers))}
        risks = sorted((r for r in self.contents.risks if not r.archived and r.register_id in order),
                       key=lambda r: (order[r.register_id], natural_key(r.reference)))
        strategic_registers = {r.id for r in self.contents.registers if r.kind == RegisterKind.STRATEGIC}
        strategic = {r.id for r in self.contents.risks if r.register_id in strategic_registers}
        linked_up: dict[str, set[str]] = {}
        for link in self.contents.links:
            linked_up.setdefault(link.from_risk_id, set()).add(link.to_risk_id)
        for live in risks:
            if self.period is not None and self.period.is_closed and self.contents.snapshot(
                    self.period.id, live.id) is None:
                continue  # not on the register in that period
            view = period_view(self.contents, live, self.period)
            risk = view.risk
            if risk.status == RiskStatus.CLOSED:
                continue
            self._risk(risk, view.comment, live)
            self._actions(risk)
            self._represented(risk, strategic, linked_up.get(live.id, set()))
        return self.findings

    def _add(self, kind: str, risk: Risk, message: str) -> None:
        register = self.registers.get(risk.register_id)
        self.findings.append(Finding(kind, risk.id, risk.reference or "(no reference)", risk.title,
                                     register.name if register else "", message))

    def _risk(self, risk: Risk, comment: str, live: Risk) -> None:
        label = self.period.label if self.period is not None else "this period"
        if self.period_start is not None and (live.last_reviewed is None or live.last_reviewed < self.period_start):
            when = live.last_reviewed.strftime("%d %B %Y").lstrip("0") if live.last_reviewed else "never"
            self._add("not_reviewed", risk, f"not reviewed in {label} (last reviewed: {when}).")
        due = self.cadence.next_review(live)
        if due is not None and due < self.as_of:
            self._add("review_overdue", risk, f"its review was due on {due.strftime('%d %B %Y').lstrip('0')}.")
        if not risk.owner.strip():
            self._add("no_owner", risk, "has no risk owner.")
        if not comment.strip():
            self._add("comment_missing", risk, f"has no period comment for {label}.")
        elif self.previous is not None:
            before = self.contents.snapshot(self.previous.id, risk.id)
            if before is not None and _same_words(before.comment, comment):
                self._add("comment_copied", risk,
                          f"its period comment is the same as in {self.previous.label}; say what has changed.")
        self._scores(risk)
        if risk.exempt and not (risk.exempt_paragraph.strip() or _PARAGRAPH.search(risk.description)
                                or _PARAGRAPH.search(comment)):
            self._add("exempt_no_paragraph", risk,
                      "is exempt (Part B) but does not say which paragraph of Schedule 12A it is exempt under; "
                      "add it to the description, e.g. \"Exempt under paragraph 3\".")

    def _scores(self, risk: Risk) -> None:
        value = self.scheme.value_of
        inherent, residual, target = risk.inherent, risk.residual, risk.target
        if inherent is not None and residual is not None and value(residual) > value(inherent):
            self._add("residual_above_inherent", risk,
                      f"its residual score ({value(residual)}) is above its inherent score ({value(inherent)}).")
        if target is not None and residual is not None and value(target) > value(residual):
            self._add("target_above_residual", risk,
                      f"its target score ({value(target)}) is above its residual score ({value(residual)}).")
        if residual is not None and self.appetite.outside(risk, value(residual)):
            open_actions = [a for a in self.contents.actions_of(risk.id) if a.is_open]
            if not open_actions:
                level = self.appetite.level_for(risk)
                limit = self.appetite.limit_for(risk)
                self._add("above_appetite", risk,
                          f"its residual score ({value(residual)}) is above its {level} appetite (at most {limit}) "
                          "and it has no open action.")

    def _actions(self, risk: Risk) -> None:
        for action in self.contents.actions_of(risk.id):
            if not action.is_open:
                continue
            words = _short(action.description)
            if action.is_overdue(self.as_of) and action.due_date is not None:
                self._add("action_overdue", risk,
                          f"action overdue since {action.due_date.strftime('%d %B %Y').lstrip('0')}: {words}")
            if not action.owner.strip():
                self._add("action_no_owner", risk, f"action has no owner: {words}")
            if action.due_date is None:
                self._add("action_no_due", risk, f"action has no due date: {words}")

    def _represented(self, risk: Risk, strategic: set[str], linked: set[str]) -> None:
        register = self.registers.get(risk.register_id)
        if register is None or register.kind == RegisterKind.STRATEGIC or risk.residual is None:
            return
        band = self.scheme.band_for(risk.residual.likelihood, risk.residual.impact)
        if self.scheme.band_rank(band) < len(self.scheme.bands) - 1:
            return
        if not linked & strategic:
            score = self.scheme.value_of(risk.residual)
            self._add("not_represented", risk,
                      f"is a {band.name} departmental risk ({score}) not represented on any strategic risk; "
                      "link it to the strategic risk it sits under.")


def _same_words(before: str, after: str) -> bool:
    return bool(before.strip()) and " ".join(before.split()) == " ".join(after.split())


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
