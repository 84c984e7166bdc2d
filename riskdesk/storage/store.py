"""The open register file: short transactions, versioned writes and history."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from itertools import repeat
from pathlib import Path
from typing import Any

from riskdesk.core.model import Score, Snapshot
from riskdesk.storage import diagnosis, snapshots
from riskdesk.storage.errors import ConflictError, NotFoundError, RegisterFileError
from riskdesk.storage.opening import (
    BUSY_TIMEOUT_MS,
    create_file,
    inspect_file,
    open_file,
    read_only_uri,
    upgraded_in_memory,
)
from riskdesk.storage.records import EntitySpec, in_position_order
from riskdesk.storage.recovery import roll_back_interrupted_save
from riskdesk.storage.schema import SCHEMA_VERSION


def new_id() -> str:
    """A fresh stable identifier for a record."""
    import uuid  # with the first new record: reading a file for the window's first paint needs none

    return str(uuid.uuid4())


def now_text() -> str:
    """The current time as stored in the file (UTC, seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class RegisterFile:
    """One register file, open for reading and writing by one user."""

    def __init__(self, path: Path, conn: sqlite3.Connection, user: str, backup: Path | None = None):
        self.path = path
        self.conn = conn
        self.conn.row_factory = sqlite3.Row
        self.user = user
        self.backup = backup  # the copy left beside the file when it was migrated
        self.rolled_back = False  # an interrupted save was rolled back as the file opened
        self._operation = ""
        self._depth = 0  # savepoints open inside the current transaction

    @classmethod
    def open(cls, path: Path | str, user: str, check_integrity: bool = True) -> RegisterFile:
        """Open an existing register (refusing what is not ours); see open_file for check_integrity."""
        path = Path(path)
        rolled_back = roll_back_interrupted_save(path)
        conn, backup = open_file(path, check_integrity=check_integrity)
        store = cls(path, conn, user, backup)
        store.rolled_back = rolled_back
        return store

    @classmethod
    def open_read_only(cls, path: Path | str, user: str = "") -> RegisterFile:
        """Open a register for reading only (checks, exports): nothing can be written."""
        path = Path(path)
        rolled_back = roll_back_interrupted_save(path)  # the one write a reader may make
        version = inspect_file(path)
        conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if version < SCHEMA_VERSION:
            # An older file is read through an up-to-date copy in memory: the file itself is
            # only brought up to date (with a backup) when someone opens it to edit.
            conn = upgraded_in_memory(conn)
        store = cls(path, conn, user)
        store.rolled_back = rolled_back
        return store

    @classmethod
    def create(cls, path: Path | str, user: str) -> RegisterFile:
        """Create a new, empty register file."""
        path = Path(path)
        return cls(path, create_file(path), user)

    def close(self) -> None:
        """Close the connection; nothing is pending, every write is already committed."""
        self.conn.close()

    # -- transactions -------------------------------------------------------

    @contextmanager
    def transaction(self, operation: str = "") -> Iterator[sqlite3.Connection]:
        """One short write: BEGIN IMMEDIATE, then COMMIT, or ROLLBACK on any error.

        A block nested inside another is a savepoint: when it fails, its own work is
        undone, so a caller that catches the error and goes on commits none of it.
        """
        if self.conn.in_transaction:
            with self._savepoint():
                yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise RegisterFileError(_write_failure(self.path, error)) from None
        self._operation = operation or new_id()
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self._rollback()
            raise RegisterFileError(_write_failure(self.path, error)) from None
        except BaseException:
            self._rollback()
            raise
        finally:
            self._operation = ""

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        self._depth += 1
        name = f"nested_{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        else:
            self.conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # -- reads --------------------------------------------------------------

    def get(self, spec: EntitySpec, record_id: str) -> Any:
        """The live record with this id, or NotFoundError."""
        try:
            row = self.conn.execute(
                f"SELECT * FROM {spec.table} WHERE id = ? AND deleted = 0", (record_id,)
            ).fetchone()
        except sqlite3.OperationalError as error:
            raise RegisterFileError(self._unreadable(spec, error)) from None
        if row is None:
            raise NotFoundError(f"No {spec.name} with id {record_id}")
        values = dict(row)
        try:
            return spec.from_row(values)
        except (KeyError, TypeError, ValueError):
            raise RegisterFileError(diagnosis.bad_value(self.path, spec, values)) from None

    def find(self, spec: EntitySpec, record_id: str) -> Any | None:
        """The live record with this id, or None."""
        try:
            return self.get(spec, record_id)
        except NotFoundError:
            return None

    def all(self, spec: EntitySpec, where: str = "", params: tuple[Any, ...] = ()) -> list[Any]:
        """Every live record of a kind, in position order where there is one."""
        clause = f" AND ({where})" if where else ""
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: the reader knows the layout
        try:
            # In rowid order (the table's own order, no sort in SQLite); by position below.
            cursor.execute(f"SELECT * FROM {spec.table} WHERE deleted = 0{clause} ORDER BY rowid", params)
            columns = tuple(column[0] for column in cursor.description)
            rows = cursor.fetchall()
        except sqlite3.OperationalError as error:
            raise RegisterFileError(self._unreadable(spec, error)) from None
        try:
            read = spec.reader(columns)
        except KeyError as error:
            raise RegisterFileError(diagnosis.missing_column(self.path, spec.table, str(error.args[0]))) from None
        if "position" in spec.fields:
            rows = in_position_order(rows, columns.index("position"))
        try:
            return [read(row) for row in rows]
        except (KeyError, TypeError, ValueError):
            # Only now is each row looked at closely, to name the record and field.
            raise RegisterFileError(diagnosis.find_bad_row(self.path, spec, columns, rows, read)) from None

    def count(self, spec: EntitySpec, where: str = "", params: tuple[Any, ...] = ()) -> int:
        """How many live records of a kind there are, without reading them."""
        clause = f" AND ({where})" if where else ""
        try:
            row = self.conn.execute(f"SELECT COUNT(*) FROM {spec.table} WHERE deleted = 0{clause}", params).fetchone()
        except sqlite3.OperationalError as error:
            raise RegisterFileError(self._unreadable(spec, error)) from None
        return int(row[0])

    def _unreadable(self, spec: EntitySpec, error: sqlite3.OperationalError) -> str:
        """A sentence for a table that cannot be read as riskdesk wrote it."""
        text = str(error)
        if "decode" in text.lower():
            return diagnosis.not_text(self.path, self.conn, spec)
        if text.startswith("no such column: "):
            return diagnosis.missing_column(self.path, spec.table, text.removeprefix("no such column: "))
        if text.startswith("no such table: "):
            return (f"{self.path.name} has no {text.removeprefix('no such table: ')} table, so it was changed "
                    "outside riskdesk or is damaged; open a backup copy.")
        raise error

    # -- writes -------------------------------------------------------------

    def insert(self, spec: EntitySpec, record: Any, reason: str = "") -> Any:
        """Add a record; its history says it was created."""
        stamp = now_text()
        record = replace(record, version=1) if "version" in spec.fields else record
        if "changed_by" in spec.fields:
            record = replace(record, changed_by=self.user, changed_at=stamp)
        row = spec.to_row(record)
        row.update(changed_by=self.user, changed_at=stamp, created_at=stamp, version=1, deleted=0)
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self.transaction() as conn:
            try:
                conn.execute(f"INSERT INTO {spec.table} ({columns}) VALUES ({marks})", tuple(row.values()))
            except sqlite3.IntegrityError as error:
                raise RegisterFileError(diagnosis.refused_by_rule(self.path, spec, row, [], error)) from None
            self._history(spec.name, record.id, "created", None, spec.label(record), reason, stamp)
        return record

    def insert_many(self, spec: EntitySpec, records: list[Any], reason: str = "") -> None:
        """Add many new records of one kind in one statement each for rows and history (imports)."""
        if not records:
            return
        stamp = now_text()
        names, rows = spec.new_rows(records, self.user, stamp, stamp, 1, 0)
        columns = [*names, "changed_by", "changed_at", "created_at", "version", "deleted"]
        marks = ", ".join("?" for _ in columns)
        with self.transaction() as conn:
            try:
                conn.executemany(f"INSERT INTO {spec.table} ({', '.join(columns)}) VALUES ({marks})", rows)
            except sqlite3.IntegrityError as error:
                raise RegisterFileError(diagnosis.refused_by_rule(self.path, spec, spec.to_row(records[0]), [],
                                                                  error)) from None
            conn.executemany(
                "INSERT INTO history (entity, entity_id, field, old, new, reason, changed_by, "
                "changed_at, operation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                zip(repeat(spec.name), [record.id for record in records], repeat("created"), repeat(None),
                    map(spec.label, records), repeat(reason), repeat(self.user), repeat(stamp),
                    repeat(self._operation)))

    def update(
        self,
        spec: EntitySpec,
        record_id: str,
        expected_version: int,
        changes: dict[str, Any],
        reason: str = "",
    ) -> tuple[Any, dict[str, tuple[Any, Any]]]:
        """Change fields of a record read at expected_version.

        Returns the updated record and field -> (old, new) for what really
        changed. A record changed by someone else since raises ConflictError.
        """
        unknown = set(changes) - set(spec.fields)
        protected = {"id", "version", "changed_by", "changed_at"} & set(changes)
        if unknown or protected:
            raise ValueError(f"Cannot set {sorted(unknown | protected)} on a {spec.name}")
        with self.transaction() as conn:
            current = self.find(spec, record_id)
            if current is None or current.version != expected_version:
                raise ConflictError(spec.name, record_id, expected_version, current, changes)
            diff = {
                name: (getattr(current, name), value)
                for name, value in changes.items()
                if getattr(current, name) != value
            }
            if not diff:
                return current, {}
            stamp = now_text()
            columns: dict[str, Any] = {}
            for name, (_, value) in diff.items():
                columns.update(spec.field_to_columns(name, value))
            assignments = ", ".join(f"{column} = ?" for column in columns)
            try:
                cursor = conn.execute(
                    f"UPDATE {spec.table} SET {assignments}, version = version + 1, "
                    "changed_by = ?, changed_at = ? WHERE id = ? AND version = ?",
                    (*columns.values(), self.user, stamp, record_id, expected_version),
                )
            except sqlite3.IntegrityError as error:
                raise RegisterFileError(diagnosis.refused_by_rule(
                    self.path, spec, spec.to_row(current), list(diff), error)) from None
            if cursor.rowcount != 1:  # pragma: no cover - guarded by the read above
                raise ConflictError(spec.name, record_id, expected_version, current, changes)
            for name, (old, new) in diff.items():
                self._history(
                    spec.name, record_id, name, spec.render(name, old), spec.render(name, new),
                    reason, stamp,
                )
            updated = replace(current, **changes, version=current.version + 1)
            if "changed_by" in spec.fields:
                updated = replace(updated, changed_by=self.user, changed_at=stamp)
        return updated, diff

    def delete(self, spec: EntitySpec, record_id: str, expected_version: int, reason: str = "") -> Any:
        """Leave a tombstone: the row stays, marked deleted, with its history."""
        with self.transaction() as conn:
            current = self.find(spec, record_id)
            if current is None or current.version != expected_version:
                raise ConflictError(spec.name, record_id, expected_version, current, {"deleted": True})
            stamp = now_text()
            conn.execute(
                f"UPDATE {spec.table} SET deleted = 1, version = version + 1, changed_by = ?, "
                "changed_at = ? WHERE id = ?",
                (self.user, stamp, record_id),
            )
            self._history(spec.name, record_id, "deleted", spec.label(current), None, reason, stamp)
        return current

    def restore(self, spec: EntitySpec, record_id: str, reason: str = "") -> Any:
        """Bring back a tombstoned record (undo of a delete)."""
        with self.transaction() as conn:
            stamp = now_text()
            cursor = conn.execute(
                f"UPDATE {spec.table} SET deleted = 0, version = version + 1, changed_by = ?, "
                "changed_at = ? WHERE id = ? AND deleted = 1",
                (self.user, stamp, record_id),
            )
            if cursor.rowcount != 1:
                raise NotFoundError(f"No deleted {spec.name} with id {record_id}")
            record = self.get(spec, record_id)
            self._history(spec.name, record_id, "restored", None, spec.label(record), reason, stamp)
        return record

    def _history(
        self, entity: str, entity_id: str, field: str, old: str | None, new: str | None,
        reason: str, stamp: str,
    ) -> None:
        self.conn.execute(
            "INSERT INTO history (entity, entity_id, field, old, new, reason, changed_by, "
            "changed_at, operation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entity, entity_id, field, old, new, reason, self.user, stamp, self._operation),
        )

    # -- meta (scheme, settings) ---------------------------------------------

    def get_meta(self, key: str) -> Any:
        """A JSON value kept under key, or None."""
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row and row[0] is not None else None
        except (sqlite3.OperationalError, ValueError, TypeError):
            what = {"scheme": "scoring scheme", "settings": "settings"}.get(key, key)
            raise RegisterFileError(
                f"{self.path.name}: its {what} cannot be read (the stored text is not the JSON riskdesk "
                f"writes), so it was changed outside riskdesk; open a backup copy."
            ) from None

    def set_meta(self, key: str, value: Any, reason: str = "") -> None:
        """Keep a JSON value under key, with history."""
        text = json.dumps(value, sort_keys=True)
        with self.transaction() as conn:
            old = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if old is not None and old[0] == text:
                return
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, text),
            )
            self._history("meta", key, key, old[0] if old else None, text, reason, now_text())

    # -- snapshots -----------------------------------------------------------

    def write_snapshot(self, snapshot: Snapshot) -> None:
        """Keep one risk's scores and comment for a closed period."""
        snapshots.write(self, snapshot)

    def snapshots(self, period_id: str | None = None) -> list[Snapshot]:
        """Every snapshot, or those of one period."""
        return snapshots.read(self, period_id)

    def residuals_at(self, period_id: str) -> dict[str, Score | None]:
        """Each risk's residual score in one period's snapshots, by risk id."""
        return snapshots.residuals(self, period_id)

    def history(self, entity_id: str | None = None) -> list[dict[str, Any]]:
        """History rows, oldest first, of one record or of the whole file."""
        try:
            if entity_id is None:
                rows = self.conn.execute("SELECT * FROM history ORDER BY id").fetchall()
            else:
                rows = self.conn.execute(
                    "SELECT * FROM history WHERE entity_id = ? ORDER BY id", (entity_id,)
                ).fetchall()
        except sqlite3.OperationalError as error:
            raise RegisterFileError(self._unreadable_history(error)) from None
        return [dict(row) for row in rows]

    def history_rows(self, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every history row, oldest first, read a batch at a time rather than all at once."""
        try:
            cursor = self.conn.execute("SELECT * FROM history ORDER BY id")
            while rows := cursor.fetchmany(batch):
                yield from (dict(row) for row in rows)
        except sqlite3.OperationalError as error:
            raise RegisterFileError(self._unreadable_history(error)) from None

    def history_count(self) -> int:
        """How many history rows the file holds (to say how far an export has got)."""
        return int(self.conn.execute("SELECT count(*) FROM history").fetchone()[0])

    def _unreadable_history(self, error: sqlite3.OperationalError) -> str:
        if "decode" not in str(error).lower():
            raise error
        return diagnosis.history_not_text(self.path, self.conn)


def _write_failure(path: Path, error: sqlite3.OperationalError) -> str:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return f"{path.name} is busy: a colleague is saving to it; try again in a moment."
    if "full" in text:
        return f"The disk holding {path.name} is full; nothing was changed."
    if "readonly" in text or "read-only" in text:
        return f"{path.name} is read-only; nothing was changed."
    return f"{path.name} could not be written ({error}); nothing was changed."
