"""What changed between two reporting periods (or a period and now), read from the file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from riskdesk.core.changes_since import (
    ChangeInputs,
    HistoryRow,
    ItemFacts,
    RiskChange,
    RiskFacts,
    RiskState,
    compute_changes,
    natural_key,
)
from riskdesk.core.model import Period, Score
from riskdesk.services.queries import tree_order
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import PERIOD, REGISTER

_SCORES = ("inherent_likelihood, inherent_impact, residual_likelihood, residual_impact, "
           "target_likelihood, target_impact")
# Only these history rows matter to the comparison; reading the rest would be wasted work.
_HISTORY = (
    "SELECT id, entity, entity_id, field, old, new FROM history WHERE id > ? AND ("
    "(entity = 'risk' AND field IN ('owner', 'register_id')) OR "
    "(entity = 'action' AND field IN ('status', 'due_date', 'created', 'deleted', 'restored')) OR "
    "(entity = 'control' AND field IN ('created', 'deleted', 'restored')))"
)


class ChangesError(ValueError):
    """The comparison cannot be made as asked; the message is one plain sentence."""


@dataclass
class ChangeReport:
    """What changed on each risk between two points, and how to name those points."""

    since: Period
    until: Period | None
    changes: list[RiskChange]

    @property
    def since_label(self) -> str:
        """The earlier period's name."""
        return self.since.label

    @property
    def until_label(self) -> str:
        """The later period's name, or "now"."""
        return self.until.label if self.until is not None else "now"

    @property
    def heading(self) -> str:
        """"Changes since Q4 2023/24" or "Changes from Q3 2023/24 to Q4 2023/24"."""
        if self.until is None:
            return f"Changes since {self.since.label}"
        return f"Changes from {self.since.label} to {self.until.label}"


def what_changed(workspace: Workspace, since: str | None = None, until: str | None = None,
                 today: date | None = None) -> ChangeReport:
    """Per risk, what changed after `since` closed (default: the last closed period) up to `until` or now."""
    store = workspace.store
    periods = sorted(store.all(PERIOD), key=lambda p: p.position)
    closed = [p for p in periods if p.is_closed]
    name = workspace.path.name
    if since is not None and since.strip():
        earlier = _closed_named(periods, since, name)
    elif closed:
        earlier = closed[-1]
    else:
        raise ChangesError(f"{name} has no closed period yet: changes are counted from the last closed period.")
    later = _closed_named(periods, until, name) if until is not None and until.strip() else None
    if later is not None and later.position <= earlier.position:
        raise ChangesError(f"{later.label} does not come after {earlier.label}; choose a later period to compare with.")
    conn = store.conn
    start = period_boundary(conn, earlier)
    end = period_boundary(conn, later) if later is not None else None
    before = _snapshot_states(conn, earlier.id)
    risks: dict[str, RiskFacts] = {}
    if later is not None:
        after = _snapshot_states(conn, later.id)
        _read_risk_facts(conn, risks)
    else:
        after = _live_states(conn, risks)
    history = [HistoryRow(*row) for row in _tuples(conn, _HISTORY, (start,))]
    start_day = earlier.end or _day_of(earlier.closed_at)
    end_day = ((later.end or _day_of(later.closed_at)) if later is not None else None) or today or date.today()
    inputs = ChangeInputs(
        before=before, after=after, history=history, start=start, end=end, risks=risks,
        actions=_actions(conn, start, start_day, end_day), controls=_controls(conn, start),
        registers=dict(_tuples(conn, "SELECT id, name FROM registers", ())),
        start_day=start_day, end_day=end_day, value_of=workspace.scheme.value_of,
    )
    order = {register.id: index for index, register in enumerate(tree_order(store.all(REGISTER)))}
    changes = sorted(compute_changes(inputs),
                     key=lambda c: (order.get(c.register_id, len(order)), natural_key(c.reference)))
    return ChangeReport(earlier, later, changes)


def period_boundary(conn: sqlite3.Connection, period: Period) -> int:
    """The id of the history row that recorded the period's (latest) closing."""
    row = conn.execute(
        "SELECT MAX(id) FROM history WHERE entity_id = ? AND entity = 'period' AND field = 'closed_at' "
        "AND new IS NOT NULL", (period.id,)).fetchone()
    if row is not None and row[0] is not None:
        return int(row[0])
    # A file whose closing left no history row (made elsewhere): fall back to the time it closed.
    row = conn.execute("SELECT MAX(id) FROM history WHERE changed_at <= ?", (period.closed_at or "",)).fetchone()
    return int(row[0]) if row is not None and row[0] is not None else 0


def _closed_named(periods: list[Period], label: str, file_name: str) -> Period:
    wanted = label.strip().lower()
    found = next((p for p in periods if p.label.lower() == wanted), None)
    if found is None:
        labels = ", ".join(p.label for p in periods) or "none yet"
        raise ChangesError(f'There is no reporting period called "{label.strip()}" in {file_name}; '
                           f"its periods are {labels}.")
    if not found.is_closed:
        raise ChangesError(f"{found.label} is still open; changes are compared with a closed period.")
    return found


def _tuples(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: quicker, and the layout is known here
    return cursor.execute(sql, params).fetchall()


def _state_reader() -> Any:
    """Build RiskStates sharing one Score per distinct pair (80,000 snapshots repeat few pairs)."""
    scores: dict[tuple[Any, Any], Score | None] = {}

    def score(likelihood: Any, impact: Any) -> Score | None:
        key = (likelihood, impact)
        found = scores.get(key, False)
        if found is False:
            found = scores[key] = Score(likelihood, impact) if likelihood and impact else None
        return found  # type: ignore[return-value]

    def read(status: str, il: Any, ii: Any, rl: Any, ri: Any, tl: Any, ti: Any, comment: Any) -> RiskState:
        return RiskState(status or "open", score(il, ii), score(rl, ri), score(tl, ti), comment or "")

    return read


def _snapshot_states(conn: sqlite3.Connection, period_id: str) -> dict[str, RiskState]:
    read = _state_reader()
    rows = _tuples(conn, f"SELECT risk_id, status, {_SCORES}, comment FROM snapshots WHERE period_id = ?",
                   (period_id,))
    return {row[0]: read(*row[1:]) for row in rows}


def _live_states(conn: sqlite3.Connection, risks: dict[str, RiskFacts]) -> dict[str, RiskState]:
    read = _state_reader()
    states: dict[str, RiskState] = {}
    rows = _tuples(conn, f"SELECT id, reference, title, register_id, owner, archived, deleted, status, {_SCORES}, "
                   "period_comment FROM risks", ())
    for risk_id, reference, title, register_id, owner, archived, deleted, *state in rows:
        risks[risk_id] = RiskFacts(risk_id, reference or "", title or "", register_id or "", owner or "")
        if not archived and not deleted:
            states[risk_id] = read(*state)
    return states


def _read_risk_facts(conn: sqlite3.Connection, risks: dict[str, RiskFacts]) -> None:
    for risk_id, reference, title, register_id, owner in _tuples(
            conn, "SELECT id, reference, title, register_id, owner FROM risks", ()):
        risks[risk_id] = RiskFacts(risk_id, reference or "", title or "", register_id or "", owner or "")


def _actions(conn: sqlite3.Connection, start: int, start_day: date | None, end_day: date) -> dict[str, ItemFacts]:
    """Actions touched since the start, and those falling due in the range (which may have gone overdue)."""
    low = start_day.isoformat() if start_day else ""
    rows = _tuples(
        conn,
        "SELECT id, risk_id, description, due_date, status, deleted FROM actions WHERE "
        "(deleted = 0 AND due_date >= ? AND due_date < ?) OR id IN "
        "(SELECT entity_id FROM history WHERE id > ? AND entity = 'action')",
        (low, end_day.isoformat(), start))
    return {row[0]: ItemFacts(row[0], row[1], row[2] or "", _day(row[3]), row[4] or "", not row[5])
            for row in rows}


def _controls(conn: sqlite3.Connection, start: int) -> dict[str, ItemFacts]:
    rows = _tuples(
        conn,
        "SELECT id, risk_id, description, deleted FROM controls WHERE id IN "
        "(SELECT entity_id FROM history WHERE id > ? AND entity = 'control')", (start,))
    return {row[0]: ItemFacts(row[0], row[1], row[2] or "", exists=not row[3]) for row in rows}


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _day_of(stamp: str | None) -> date | None:
    try:
        return datetime.fromisoformat(stamp).date() if stamp else None
    except ValueError:
        return None


def changed_risk_ids(report: ChangeReport) -> set[str]:
    """The ids of risks with any change (for marking them in the committee pack)."""
    return {change.risk_id for change in report.changes}


def describe(changes: Iterable[RiskChange]) -> list[str]:
    """One line per risk: its reference and what changed."""
    return [f"{c.reference} {c.title}: {c.summary}" for c in changes]
