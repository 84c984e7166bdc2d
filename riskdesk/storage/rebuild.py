"""Writing a whole register's records as they were kept elsewhere: ids, versions and history unchanged.

Used to rebuild a register from riskdesk's own JSON export into an empty file. Ordinary writes go
through RegisterFile.insert, which starts every record at version 1 with a "created" line of
history; a rebuilt record keeps the version, author and time it had, and the history comes across
whole, so reports of earlier quarters (worked out from the history) read as they did.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from riskdesk.core.model import SCORE_FIELDS, HistoryEntry, Snapshot
from riskdesk.storage import diagnosis
from riskdesk.storage.errors import RegisterFileError
from riskdesk.storage.records import EntitySpec

if TYPE_CHECKING:
    from riskdesk.storage.store import RegisterFile

_HISTORY_COLUMNS = ("entity", "entity_id", "field", "old", "new", "reason", "changed_by", "changed_at", "operation")


def put_records(store: RegisterFile, spec: EntitySpec, records: list[Any], stamp: str) -> None:
    """Insert records as they are (inside the caller's transaction); stamp stands in for a missing time."""
    if not records:
        return
    rows = []
    for record in records:
        row = spec.to_row(record)
        row.setdefault("version", 1)
        if not row.get("changed_at"):
            row["changed_by"], row["changed_at"] = store.user, stamp
        row.update(created_at=row["changed_at"], deleted=0)
        rows.append(row)
    columns = list(rows[0])
    marks = ", ".join("?" for _ in columns)
    try:
        store.conn.executemany(f"INSERT INTO {spec.table} ({', '.join(columns)}) VALUES ({marks})",
                               [tuple(row[c] for c in columns) for row in rows])
    except sqlite3.IntegrityError as error:
        raise RegisterFileError(diagnosis.refused_by_rule(store.path, spec, rows[0], [], error)) from None


def put_snapshots(store: RegisterFile, snapshots: Iterable[Snapshot]) -> None:
    """Insert each closed period's snapshots (inside the caller's transaction)."""
    rows = []
    for snapshot in snapshots:
        row: list[Any] = [snapshot.period_id, snapshot.risk_id, snapshot.status.value if snapshot.status else None]
        for kind in SCORE_FIELDS:
            score = getattr(snapshot, kind)
            row += [score.likelihood, score.impact] if score else [None, None]
        rows.append((*row, snapshot.comment))
    columns = ["period_id", "risk_id", "status"]
    for kind in SCORE_FIELDS:
        columns += [f"{kind}_likelihood", f"{kind}_impact"]
    columns.append("comment")
    store.conn.executemany(f"INSERT INTO snapshots ({', '.join(columns)}) VALUES "
                           f"({', '.join('?' for _ in columns)})", rows)


def put_history(store: RegisterFile, entries: Iterable[HistoryEntry]) -> None:
    """Append history lines in their order (inside the caller's transaction); the file numbers them."""
    store.conn.executemany(
        f"INSERT INTO history ({', '.join(_HISTORY_COLUMNS)}) VALUES ({', '.join('?' for _ in _HISTORY_COLUMNS)})",
        [tuple(getattr(entry, c) for c in _HISTORY_COLUMNS) for entry in entries])
