"""Older files are brought up to date after a backup; a failed migration changes nothing."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError
from riskdesk.storage.opening import open_file
from riskdesk.storage.records import RISK
from riskdesk.storage.schema import APPLICATION_ID, SCHEMA_VERSION, build_migrations

FIXTURE = Path(__file__).parent / "fixtures" / "register-v1.sqlite"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def v1_file(tmp_path: Path) -> Path:
    target = tmp_path / "register.sqlite"
    shutil.copyfile(FIXTURE, target)
    return target


def test_version_one_migrates_with_a_backup_beside_it(v1_file: Path) -> None:
    original = digest(v1_file)
    ws = Workspace.open(v1_file, user="Tester")
    try:
        conn = ws.store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "links" in tables
        risk = ws.store.all(RISK)[0]
        assert (risk.reference, risk.residual.value) == ("SR 7.2", 9)
        # The new table works at once.
        other, _ = ws.create_risk(risk.register_id, "CS 01", "Children not kept safe")
        ws.link_risks(other.id, risk.id)
    finally:
        ws.close()
    backup = ws.store.backup
    assert backup is not None and backup.parent == v1_file.parent
    assert ".v1-backup-" in backup.name
    assert digest(backup) != "" and sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1
    # The backup holds the old file's data, page for page.
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT reference FROM risks").fetchall() == [("SR 7.2",)]
    conn.close()
    assert original != digest(v1_file)


def failing_migrations() -> Migrations:
    migrations = build_migrations()

    @migrations(name="m999_breaks_midway")
    def breaks(db: Database) -> None:
        db["half_done"].create({"id": int}, pk="id")  # type: ignore[union-attr]
        db.execute("UPDATE risks SET title = 'half migrated'")
        raise RuntimeError("disk said no")

    return migrations


def test_a_migration_failing_midway_leaves_the_file_as_it_was(v1_file: Path) -> None:
    before = digest(v1_file)
    with pytest.raises(RegisterFileError, match="could not be brought up to date, so it was left as it was"):
        open_file(v1_file, failing_migrations())
    assert digest(v1_file) == before
    conn = sqlite3.connect(v1_file)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "links" not in tables and "half_done" not in tables
        assert conn.execute("SELECT title FROM risks").fetchone()[0] == "Ineffective Social Care Practice"
    finally:
        conn.close()
    backups = list(v1_file.parent.glob("register.v1-backup-*.sqlite"))
    assert len(backups) == 1  # made before trying, kept for the user


def test_a_current_file_is_not_migrated_or_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "current.sqlite"
    Workspace.create(path, "5x5", "Test Council").close()
    ws = Workspace.open(path)
    ws.close()
    assert ws.store.backup is None
    assert [p.name for p in tmp_path.iterdir()] == ["current.sqlite"]


def test_the_schema_version_counts_the_migrations() -> None:
    assert len(build_migrations()._migrations) == SCHEMA_VERSION
