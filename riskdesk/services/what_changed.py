"""What changed between two reporting periods (or a period and now), read from the file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from riskdesk.core.changes_since import (
    ChangeInputs,
    HistoryRow,
    ItemFacts,
    RiskChange,
    RiskFacts,
    StateRow,
    compute_changes,
    natural_key,
)
from riskdesk.core.model import Period
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
    if since is not None and since.strip():
        earlier = _closed_named(periods, since)
    elif closed:
        earlier = closed[-1]
    else:
        raise ChangesError("This register file has no closed period yet: changes are counted from the last "
                           "closed period.")
    later = _closed_named(periods, until) if until is not None and until.strip() else None
    if later is not None and later.position <= earlier.position:
        raise ChangesError(f"{later.label} does not come after {earlier.label}; choose a later period to compare with.")
    conn = store.conn
    start = period_boundary(conn, earlier)
    end = period_boundary(conn, later) if later is not None else None
    risks: dict[str, RiskFacts] = {}
    facts_for = None
    held_before: set[str] | None = None
    held_after: set[str] | None = None
    if later is not None:
        # Two closed periods: the file itself finds the snapshots that differ, so only those are read.
        assert end is not None
        before, after, held_before, held_after = _differing_snapshots(conn, earlier.id, later.id, (start, end))
        facts_for = _facts_reader(conn)
    else:
        before = _snapshot_states(conn, earlier.id)
        after = _live_states(conn, risks)
    history = [HistoryRow(*row) for row in _tuples(conn, _HISTORY, (start,))]
    start_day = earlier.end or _day_of(earlier.closed_at)
    end_day = ((later.end or _day_of(later.closed_at)) if later is not None else None) or today or date.today()
    inputs = ChangeInputs(
        before=before, after=after, history=history, start=start, end=end, risks=risks,
        actions=_actions(conn, start, start_day, end_day), controls=_controls(conn, start),
        registers=dict(_tuples(conn, "SELECT id, name FROM registers", ())),
        start_day=start_day, end_day=end_day, value_of=workspace.scheme.value_of, facts_for=facts_for,
        held_before=held_before, held_after=held_after,
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


def _closed_named(periods: list[Period], label: str) -> Period:
    wanted = label.strip().lower()
    found = next((p for p in periods if p.label.lower() == wanted), None)
    if found is None:
        labels = ", ".join(p.label for p in periods) or "none yet"
        raise ChangesError(f'There is no reporting period called "{label.strip()}" in this register file; '
                           f"its periods are {labels}.")
    if not found.is_closed:
        raise ChangesError(f"{found.label} is still open; changes are compared with a closed period.")
    return found


def _tuples(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: quicker, and the layout is known here
    return cursor.execute(sql, params).fetchall()


def _snapshot_states(conn: sqlite3.Connection, period_id: str) -> dict[str, StateRow]:
    rows = _tuples(conn, f"SELECT risk_id, status, {_SCORES}, comment FROM snapshots WHERE period_id = ?",
                   (period_id,))
    return {row[0]: row[1:] for row in rows}


_STATE = ("status", "inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact",
          "target_likelihood", "target_impact", "comment")
# The pairs whose status or a score differs, or whose later comment has words that differ from the
# earlier one (a blank later comment is one not written, which is no change: see compute_changes).
_DIFFERING = (
    "SELECT a.risk_id, " + ", ".join(f"a.{c}" for c in _STATE) + ", " + ", ".join(f"b.{c}" for c in _STATE)
    + " FROM snapshots a JOIN snapshots b ON b.risk_id = a.risk_id AND b.period_id = ? WHERE a.period_id = ? AND ("
    + " OR ".join(f"a.{c} IS NOT b.{c}" for c in _STATE[:-1])
    + " OR (TRIM(COALESCE(b.comment, '')) != '' AND TRIM(COALESCE(a.comment, '')) != TRIM(b.comment)))"
)


def _differing_snapshots(conn: sqlite3.Connection, earlier: str, later: str, bounds: tuple[int, int]) -> tuple[
        dict[str, StateRow], dict[str, StateRow], set[str], set[str]]:
    """The states of the risks whose snapshots differ, are new or are gone; and every risk held at each point."""
    before: dict[str, StateRow] = {}
    after: dict[str, StateRow] = {}
    for row in _tuples(conn, _DIFFERING, (later, earlier)):
        before[row[0]], after[row[0]] = row[1:9], row[9:17]
    # Risks on only one side (new, or gone): each a look-up in the snapshots' own (period, risk) key.
    only_in = ("SELECT s.risk_id, " + ", ".join(f"s.{c}" for c in _STATE) + " FROM snapshots s WHERE "
               "s.period_id = ? AND NOT EXISTS "
               "(SELECT 1 FROM snapshots o WHERE o.period_id = ? AND o.risk_id = s.risk_id)")
    for row in _tuples(conn, only_in, (later, earlier)):
        after[row[0]] = row[1:]
    for row in _tuples(conn, only_in, (earlier, later)):
        before[row[0]] = row[1:]
    # Which risks were held at each point matters only for those the history touched.
    touched = [row[0] for row in _tuples(conn, "SELECT DISTINCT entity_id FROM history WHERE id > ? AND id <= ? "
                                         "AND entity = 'risk' AND field IN ('owner', 'register_id')", bounds)]
    held_before, held_after = set(before), set(after)
    for first in range(0, len(touched), 500):
        chunk = touched[first:first + 500]
        marks = ", ".join("?" for _ in chunk)
        for period_id, risk_id in _tuples(conn, f"SELECT period_id, risk_id FROM snapshots WHERE period_id IN (?, ?) "
                                          f"AND risk_id IN ({marks})", (earlier, later, *chunk)):
            (held_before if period_id == earlier else held_after).add(risk_id)
    return before, after, held_before, held_after


def _live_states(conn: sqlite3.Connection, risks: dict[str, RiskFacts]) -> dict[str, StateRow]:
    states: dict[str, StateRow] = {}
    rows = _tuples(conn, f"SELECT id, reference, title, register_id, owner, archived, deleted, status, {_SCORES}, "
                   "period_comment FROM risks", ())
    for risk_id, reference, title, register_id, owner, archived, deleted, *state in rows:
        risks[risk_id] = RiskFacts(risk_id, reference or "", title or "", register_id or "", owner or "")
        if not archived and not deleted:
            states[risk_id] = tuple(state)
    return states


def _facts_reader(conn: sqlite3.Connection) -> Callable[[set[str]], dict[str, RiskFacts]]:
    """Read the names and places of just the risks asked for, a few hundred ids per query."""

    def read(ids: set[str]) -> dict[str, RiskFacts]:
        # One query for any number of ids: the list goes in as JSON, each a look-up by primary key.
        rows = _tuples(conn, "SELECT id, reference, title, register_id, owner FROM risks WHERE id IN "
                       "(SELECT value FROM json_each(?))", (json.dumps(sorted(ids)),))
        return {risk_id: RiskFacts(risk_id, reference or "", title or "", register_id or "", owner or "")
                for risk_id, reference, title, register_id, owner in rows}

    return read


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


def describe(changes: Iterable[RiskChange]) -> list[str]:
    """One line per risk: its reference and what changed."""
    return [f"{c.reference} {c.title}: {c.summary}" for c in changes]
