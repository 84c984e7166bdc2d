"""Opening a register file: refuse what is not ours without writing a byte, then harden."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from riskdesk.storage.errors import RegisterFileError
from riskdesk.storage.recovery import roll_back_interrupted_save
from riskdesk.storage.schema import (
    APPLICATION_ID,
    KNOWN_INDEXES,
    KNOWN_TABLES,
    SCHEMA_VERSION,
    migrations,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def read_only_uri(path: Path) -> str:
    # mode=ro never creates or writes the file; the journal of a crashed
    # writer is still honoured by SQLite when it reads.
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def inspect_file(path: Path, check_integrity: bool = True) -> int:
    """Check that a file is a riskdesk register we can open; return its schema version.

    Raises RegisterFileError with one plain sentence otherwise. Reads only, apart from
    SQLite's own rollback of a save that was cut off (see recovery). check_integrity=False
    leaves out the integrity check, which reads the whole file: the window runs it just after
    its first paint (integrity_problem) and allows editing only once it has passed.
    """
    name = path.name
    if not path.exists():
        raise RegisterFileError(f"{name} does not exist.")
    if path.is_dir():
        raise RegisterFileError(f"{name} is a folder, not a register file.")
    # Before the size checks: a save cut off halfway may have grown the file.
    roll_back_interrupted_save(path)
    size = path.stat().st_size
    if size == 0:
        raise RegisterFileError(f"{name} is empty: it is not a riskdesk register.")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise RegisterFileError(f"{name} cannot be read ({error.strerror}).") from None
    if not header.startswith(SQLITE_MAGIC):
        raise RegisterFileError(f"{name} is not a riskdesk register (it is not an SQLite file).")
    if len(header) < 100:
        raise RegisterFileError(f"{name} is damaged: the file has been cut short.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_size < 512 or size % page_size or (page_count and size < page_count * page_size):
        raise RegisterFileError(f"{name} is damaged: the file has been cut short.")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        raise RegisterFileError(f"{name} cannot be opened as a register.") from None
    try:
        return _inspect_connection(conn, name, check_integrity)
    except sqlite3.DatabaseError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise RegisterFileError(
                f"{name} is busy: a colleague is saving to it; try again in a moment."
            ) from None
        raise RegisterFileError(f"{name} is damaged and cannot be opened.") from None
    finally:
        conn.close()


def integrity_problem(path: Path) -> str | None:
    """The integrity check of a file already inspected, on a connection of its own; None when sound.

    For a background thread: it reads the whole file, which on a shared drive takes seconds.
    Returns the sentence to show when the file is damaged or cannot be read now.
    """
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            _quick_check(conn, path.name, large_cache=True)
        finally:
            conn.close()
    except RegisterFileError as error:
        return str(error)
    except sqlite3.DatabaseError as error:
        if "locked" in str(error) or "busy" in str(error):
            return f"{path.name} is busy: a colleague is saving to it; try again in a moment."
        return f"{path.name} is damaged and cannot be opened."
    return None


def _quick_check(conn: sqlite3.Connection, name: str, large_cache: bool = False) -> None:
    if large_cache:
        # With SQLite's default 2 MB cache the check reads a large file more than twice over
        # (15 s for 65 MB at 10 MB/s); a cache of up to 64 MB (never more than the file) lets it
        # read most pages once (9 s). Only for the window's background check: the commands keep
        # their memory small.
        conn.execute("PRAGMA cache_size = -65536")
    result = conn.execute("PRAGMA quick_check").fetchall()
    if [row[0] for row in result] != ["ok"]:
        raise RegisterFileError(f"{name} is damaged (its integrity check failed).")


def _inspect_connection(conn: sqlite3.Connection, name: str, check_integrity: bool = True) -> int:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    if application_id != APPLICATION_ID:
        if application_id == 0 and not objects:
            raise RegisterFileError(f"{name} is an empty database, not a riskdesk register.")
        raise RegisterFileError(f"{name} belongs to another application, not riskdesk.")
    if version > SCHEMA_VERSION:
        raise RegisterFileError(
            f"{name} was made by a newer riskdesk (file version {version}, "
            f"this one reads up to {SCHEMA_VERSION}); please update riskdesk."
        )
    if check_integrity:
        _quick_check(conn, name)
    for kind, object_name in objects:
        if object_name.startswith("sqlite_"):
            continue
        if kind == "trigger":
            raise RegisterFileError(
                f"{name} contains a trigger ({object_name}) that riskdesk did not create, "
                "so it is not opened."
            )
        if kind == "view":
            raise RegisterFileError(
                f"{name} contains a view ({object_name}) that riskdesk did not create, "
                "so it is not opened."
            )
        if kind == "table" and object_name not in KNOWN_TABLES:
            raise RegisterFileError(
                f"{name} contains a table ({object_name}) that riskdesk did not create, "
                "so it is not opened."
            )
        if kind == "index" and object_name not in KNOWN_INDEXES:
            raise RegisterFileError(
                f"{name} contains an index ({object_name}) that riskdesk did not create, "
                "so it is not opened."
            )
    return int(version)


def harden(conn: sqlite3.Connection) -> None:
    """Settings every connection to a register uses: safe on a network share."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # WAL needs shared memory, which a network share cannot give: keep the
    # rollback journal, and make every commit reach the disk.
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() != "delete":
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection with transactions under our own control."""
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    harden(conn)
    return conn


def backup_beside(path: Path, from_version: int) -> Path:
    """Copy the file through SQLite's backup API to a dated file beside it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.v{from_version}-backup-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(
            f"{path.stem}.v{from_version}-backup-{stamp}-{counter}{path.suffix}"
        )
    source = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def migrate(conn: sqlite3.Connection, chosen_set: object = None) -> None:
    """Apply every pending migration as one transaction: all of them or none."""
    from sqlite_utils import Database

    chosen = migrations() if chosen_set is None else chosen_set
    db = Database(conn, execute_plugins=False)
    # The outer transaction turns each migration's own transaction into a
    # savepoint, so a failure midway leaves the file exactly as it was.
    conn.execute("BEGIN IMMEDIATE")
    try:
        chosen.apply(db)  # type: ignore[attr-defined]
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {len(chosen._migrations)}")  # type: ignore[attr-defined]
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def upgraded_in_memory(source: sqlite3.Connection) -> sqlite3.Connection:
    """A copy in memory of an older file, brought up to date; the source connection is closed."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        source.backup(memory)
    finally:
        source.close()
    migrate(memory)
    return memory


def create_file(path: Path) -> sqlite3.Connection:
    """Create a new, empty register file at path (which must not exist)."""
    if path.exists():
        raise RegisterFileError(f"{path.name} already exists; choose another name.")
    try:
        conn = connect(path)
    except sqlite3.Error as error:
        raise RegisterFileError(f"{path.name} cannot be created ({error}).") from None
    try:
        migrate(conn)
    except BaseException:
        conn.close()
        _remove_quietly(path)
        raise
    return conn


def open_file(path: Path, chosen_set: object = None,
              check_integrity: bool = True) -> tuple[sqlite3.Connection, Path | None]:
    """Open an existing register, migrating it (after a backup) when it is older.

    Returns the connection and the backup's path when a migration ran. check_integrity=False
    leaves the integrity check to the caller (see inspect_file), except for a file about to be
    migrated: that is checked before anything is written to it.
    """
    chosen = chosen_set
    target_version = SCHEMA_VERSION if chosen is None else len(chosen._migrations)  # type: ignore[attr-defined]
    version = inspect_file(path, check_integrity)
    if not check_integrity and version < target_version:
        inspect_file(path)
    if not os.access(path, os.W_OK):
        raise RegisterFileError(f"{path.name} is read-only; copy it somewhere you can write.")
    conn = connect(path)
    backup: Path | None = None
    if version < target_version:
        backup = backup_beside(path, version)
        try:
            migrate(conn, chosen)
        except Exception as error:
            conn.close()
            raise RegisterFileError(
                f"{path.name} could not be brought up to date, so it was left as it was "
                f"({error})."
            ) from None
    return conn, backup


def _remove_quietly(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-journal")):
        try:
            candidate.unlink()
        except OSError:
            pass
