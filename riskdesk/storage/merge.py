"""Bringing a colleague's copy of a register into ours, record by record and field by field.

Both copies come from one file, so every record has the same id in each. Each
change is a history entry; an entry is known by (record, operation, field, who,
when, new value), so the entries one copy has and the other lacks are exactly
the changes made since the copies parted. A field changed in their copy only is
taken; a field changed in both to different values is a conflict: ours is kept,
theirs stays readable in the history, and the merge says so.
"""

from __future__ import annotations

import sqlite3
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from riskdesk.core.progress import QUIET, Steps
from riskdesk.storage.records import ACTION, CONTROL, LINK, PERIOD, PERSON, REGISTER, RISK, EntitySpec

# Parents before children, so that foreign keys hold as rows arrive.
ORDER = (REGISTER, PERIOD, PERSON, RISK, CONTROL, ACTION, LINK)
_HISTORY_KEY = ("entity", "entity_id", "operation", "field", "changed_by", "changed_at", "new")
_LIFECYCLE = {"deleted", "restored"}
_BATCH = 500  # ids per "IN (...)" query, well under SQLite's limit on parameters


@dataclass
class MergeConflict:
    """A field both copies changed to different values."""

    entity: str
    record_id: str
    label: str
    field: str
    ours: Any
    theirs: Any
    theirs_by: str

    def __str__(self) -> str:
        return (f"{self.entity.capitalize()} {self.label}: {self.field.replace('_', ' ')} was changed in both "
                f"copies; yours was kept, {self.theirs_by}'s is in the history")


@dataclass
class MergeOutcome:
    """What merging brought in, by kind of record."""

    added: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    updated: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    deleted: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    restored: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    conflicts: list[MergeConflict] = field(default_factory=list)
    snapshots_added: int = 0
    history_added: int = 0
    ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _columns_of(spec: EntitySpec, name: str) -> list[str]:
    if name in _LIFECYCLE:
        return ["deleted"]
    if name in spec.scores:
        return [f"{name}_likelihood", f"{name}_impact"]
    return [name] if name in spec.fields else []


def _tuples(conn: sqlite3.Connection, sql: str, params: Any = ()) -> sqlite3.Cursor:
    """A cursor over plain tuples, whatever row factory the connection has (ours makes sqlite3.Row)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql, params)


def _rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], dict[str, tuple[Any, ...]]]:
    """Column names and every row by id, as plain tuples (a dict is made only for rows that matter)."""
    cursor = _tuples(conn, f"SELECT * FROM {table}")
    names = [c[0] for c in cursor.description]
    return names, {row[0]: row for row in cursor}


def _history_keys(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """(id, *key) of every history entry, oldest first: the key alone tells the copies' entries apart."""
    return _tuples(conn, f"SELECT id, {', '.join(_HISTORY_KEY)} FROM history ORDER BY id").fetchall()


def _history_entries(conn: sqlite3.Connection, ids: list[int]) -> list[dict[str, Any]]:
    """Whole history entries by id, in the order given (the ids ascending)."""
    entries: list[dict[str, Any]] = []
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        cursor = _tuples(conn, f"SELECT * FROM history WHERE id IN ({', '.join('?' for _ in chunk)}) ORDER BY id",
                         chunk)
        names = [c[0] for c in cursor.description]
        entries += [dict(zip(names, row, strict=True)) for row in cursor]
    return entries


def merge_into(ours: sqlite3.Connection, theirs: sqlite3.Connection, user: str, stamp: str,
               steps: Steps = QUIET) -> MergeOutcome:
    """Bring their records into ours; the caller holds our write transaction.

    steps hears how many of their records have been compared, and may raise Stopped (the caller
    then rolls the transaction back).
    """
    outcome = MergeOutcome()
    total = sum(theirs.execute(f"SELECT COUNT(*) FROM {spec.table}").fetchone()[0] for spec in ORDER) \
        if steps.active else 0
    done = 0

    def comparing(done: int, total: int) -> str:
        return f"Comparing record {done:,} of {total:,}"

    steps.say(0, total, "Reading both copies' history")
    # Each history is read once, as key tuples; only their new entries are read whole.
    our_keys, their_keys = _history_keys(ours), _history_keys(theirs)
    known = {row[1:] for row in our_keys}
    theirs_known = {row[1:] for row in their_keys}
    their_new = _history_entries(theirs, [row[0] for row in their_keys if row[1:] not in known])
    del known
    entity_id, field_name = 1 + _HISTORY_KEY.index("entity_id"), 1 + _HISTORY_KEY.index("field")
    ours_since: dict[str, set[str]] = defaultdict(set)
    for row in our_keys:
        if row[1:] not in theirs_known:
            ours_since[row[entity_id]].add(row[field_name])
    del our_keys, their_keys, theirs_known
    theirs_since: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in their_new:
        theirs_since[entry["entity_id"]].append(entry)

    ours.execute("PRAGMA defer_foreign_keys = ON")
    for spec in ORDER:
        (our_names, our_rows), (their_names, their_rows) = _rows(ours, spec.table), _rows(theirs, spec.table)
        for record_id, their_tuple in their_rows.items():
            done += 1
            steps.tick(done, total, comparing)
            ours_tuple = our_rows.get(record_id)
            if ours_tuple is None:
                theirs_row = dict(zip(their_names, their_tuple, strict=True))
                _insert(ours, spec.table, theirs_row)
                outcome.added[spec.name].append(_label(spec, theirs_row))
                outcome.ids[spec.name].add(record_id)
                continue
            changed = theirs_since.get(record_id, [])
            if not changed:
                continue
            theirs_row = dict(zip(their_names, their_tuple, strict=True))
            ours_row = dict(zip(our_names, ours_tuple, strict=True))
            _bring_changes(ours, spec, ours_row, theirs_row, changed, ours_since.get(record_id, set()), outcome)

    steps.say(total, total, "Bringing in the period snapshots and the history")
    outcome.snapshots_added = _merge_snapshots(ours, theirs)
    for entry in their_new:
        values = {k: entry[k] for k in entry if k != "id"}
        _insert(ours, "history", values)
    for conflict in outcome.conflicts:
        ours.execute(
            "INSERT INTO history (entity, entity_id, field, old, new, reason, changed_by, changed_at, operation) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'merge')",
            (conflict.entity, conflict.record_id, conflict.field, _plain(conflict.ours), _plain(conflict.theirs),
             str(conflict), user, stamp),
        )
    outcome.history_added = len(their_new)
    steps.check()  # the last look at Cancel before the caller commits
    return outcome


def _bring_changes(ours: sqlite3.Connection, spec: EntitySpec, ours_row: dict[str, Any], theirs_row: dict[str, Any],
                   changed: list[dict[str, Any]], ours_changed: set[str], outcome: MergeOutcome) -> None:
    """Take the fields of one record they changed and we did not; report the ones both changed."""
    record_id = theirs_row["id"]
    label = _label(spec, theirs_row)
    take: dict[str, Any] = {}
    last_by = {entry["field"]: entry["changed_by"] for entry in changed}
    for name, changed_by in last_by.items():
        columns = _columns_of(spec, name)
        if not columns or all(ours_row[c] == theirs_row[c] for c in columns):
            continue
        # Changed on both sides, or deleted on one and changed on the other.
        clash = name in ours_changed or "deleted" in ours_changed or (name in _LIFECYCLE and ours_changed)
        if clash:
            outcome.conflicts.append(MergeConflict(
                spec.name, record_id, label, name, [ours_row[c] for c in columns],
                [theirs_row[c] for c in columns], changed_by))
            continue
        for column in columns:
            take[column] = theirs_row[column]
    if not take:
        return
    assignments = ", ".join(f"{c} = ?" for c in take)
    ours.execute(
        f"UPDATE {spec.table} SET {assignments}, version = max(version, ?) + 1, changed_by = ?, "
        "changed_at = ? WHERE id = ?",
        (*take.values(), theirs_row["version"], theirs_row["changed_by"], theirs_row["changed_at"], record_id),
    )
    if take.get("deleted") == 1:
        outcome.deleted[spec.name].append(label)
    elif "deleted" in take:
        outcome.restored[spec.name].append(label)
    else:
        outcome.updated[spec.name].append(label)
    outcome.ids[spec.name].add(record_id)


def _plain(values: Any) -> str | None:
    """Column values as history text: "3x4" for a score's two columns, else the value itself."""
    parts = [v for v in values if v is not None] if isinstance(values, list) else [values]
    if not parts:
        return None
    return "x".join(str(v) for v in parts)


def _merge_snapshots(ours: sqlite3.Connection, theirs: sqlite3.Connection) -> int:
    """Add their snapshots of periods and risks we have none for; returns how many."""
    have = set(_tuples(ours, "SELECT period_id, risk_id FROM snapshots").fetchall())
    cursor = _tuples(theirs, "SELECT * FROM snapshots")
    names = [c[0] for c in cursor.description]
    period, risk = names.index("period_id"), names.index("risk_id")
    added = 0
    for row in cursor:
        if (row[period], row[risk]) not in have:
            _insert(ours, "snapshots", dict(zip(names, row, strict=True)))
            added += 1
    return added


def _insert(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> None:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values()))


def _label(spec: EntitySpec, row: dict[str, Any]) -> str:
    for name in ("reference", "name", "label", "description", "kind"):
        if row.get(name):
            return textwrap.shorten(str(row[name]), 60, placeholder="…")
    return str(row["id"])
