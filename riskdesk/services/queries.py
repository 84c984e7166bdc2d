"""Read queries that feed views, reports and exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from riskdesk.core.contents import RegisterContents
from riskdesk.core.direction import Direction, direction_of_travel
from riskdesk.core.model import HistoryEntry, Period, Register, Risk
from riskdesk.services.quarter_settings import load_appetite, load_cadence
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, CONTROL, LINK, PERIOD, PERSON, REGISTER, RISK


def load_contents(workspace: Workspace, with_history: bool = False) -> RegisterContents:
    """Read every live record of the file into memory."""
    store = workspace.store
    history = []
    if with_history:
        history = [HistoryEntry(**row) for row in store.history()]
    return RegisterContents(
        scheme=workspace.scheme,
        settings=workspace.settings,
        registers=store.all(REGISTER),
        risks=store.all(RISK),
        controls=store.all(CONTROL),
        actions=store.all(ACTION),
        people=store.all(PERSON),
        periods=store.all(PERIOD),
        snapshots=store.snapshots(),
        links=store.all(LINK),
        history=history,
        appetite=load_appetite(workspace),
        cadence=load_cadence(workspace),
    )


def subtree_ids(registers: list[Register], root_id: str | None, include_archived: bool = False) -> set[str]:
    """The id of a register and of every register beneath it (all when root_id is None)."""
    children: dict[str | None, list[Register]] = {}
    for register in registers:
        if register.archived and not include_archived:
            continue
        children.setdefault(register.parent_id, []).append(register)
    if root_id is None:
        return {r.id for r in registers if include_archived or not r.archived}
    found: set[str] = set()
    stack = [root_id]
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(child.id for child in children.get(current, []))
    return found


def risks_in_subtree(contents: RegisterContents, root_id: str | None, include_archived: bool = False) -> list[Risk]:
    """The risks of a register and its children, in register then position order."""
    ids = subtree_ids(contents.registers, root_id, include_archived)
    return [r for r in contents.risks if r.register_id in ids and (include_archived or not r.archived)]


def find_register(contents: RegisterContents, name_or_id: str) -> Register | None:
    """A register by id, exact name, or name ignoring case."""
    for register in contents.registers:
        if register.id == name_or_id or register.name == name_or_id:
            return register
    lowered = name_or_id.strip().lower()
    return next((r for r in contents.registers if r.name.lower() == lowered), None)


def find_period(contents: RegisterContents, label: str) -> Period | None:
    """A period by its label, ignoring case and spaces at the ends."""
    wanted = label.strip().lower()
    return next((p for p in contents.periods if p.label.lower() == wanted), None)


@dataclass(frozen=True)
class PeriodView:
    """A risk as it stood at a closed period, or live for the current one."""

    risk: Risk
    comment: str
    direction: Direction


def period_view(contents: RegisterContents, risk: Risk, period: Period | None) -> PeriodView:
    """A risk's scores, comment and direction as of a period (live when open or None)."""
    closed = contents.closed_periods()
    if period is None or not period.is_closed:
        return PeriodView(risk, risk.period_comment, contents.live_direction(risk))
    snapshot = contents.snapshot(period.id, risk.id)
    earlier = [p for p in closed if p.position < period.position]
    previous = contents.snapshot(earlier[-1].id, risk.id) if earlier else None
    if snapshot is None:
        return PeriodView(risk, "", Direction.NEW)
    as_then = Risk(**{**risk.__dict__, "inherent": snapshot.inherent, "residual": snapshot.residual,
                      "target": snapshot.target, "status": snapshot.status})
    direction = direction_of_travel(previous.residual if previous else None, snapshot.residual, contents.scheme)
    return PeriodView(as_then, snapshot.comment, direction)


def is_review_overdue(risk: Risk, today: date | None = None) -> bool:
    """True when the next review date has passed."""
    today = today or date.today()
    return risk.next_review is not None and risk.next_review < today


def tree_order(registers: list[Register]) -> list[Register]:
    """Live registers depth first, each after its parent, siblings by position."""
    children: dict[str | None, list[Register]] = {}
    for register in registers:
        if not register.archived:
            children.setdefault(register.parent_id, []).append(register)
    ordered: list[Register] = []
    known = {r.id for r in registers if not r.archived}

    def visit(parent: str | None) -> None:
        for child in sorted(children.get(parent, []), key=lambda r: r.position):
            ordered.append(child)
            visit(child.id)

    visit(None)
    # A register whose parent is archived would otherwise vanish from reports.
    for register in registers:
        if not register.archived and register not in ordered and register.parent_id not in known:
            ordered.append(register)
            visit(register.id)
    return ordered
