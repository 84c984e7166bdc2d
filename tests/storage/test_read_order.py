"""Records read from a file come in the order SQLite's ORDER BY position, rowid gives, and
snapshots read are the same records Snapshot(...) makes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from riskdesk.core.model import Snapshot
from riskdesk.services.demo import write_demo
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import CONTROL, RISK, in_position_order


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("order") / "demo.sqlite"
    write_demo(path, "5x5")
    return path


def sqlite_order(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute(f"SELECT id FROM {table} WHERE deleted = 0 ORDER BY position, rowid")]
    finally:
        conn.close()


def set_positions(path: Path, table: str, positions: list[object]) -> None:
    """Give the table's rows (in rowid order) these positions, as an edit outside riskdesk might."""
    conn = sqlite3.connect(path)
    try:
        rowids = [row[0] for row in conn.execute(f"SELECT rowid FROM {table} ORDER BY rowid")]
        with conn:
            for rowid, position in zip(rowids, positions * len(rowids), strict=False):
                conn.execute(f"UPDATE {table} SET position = ? WHERE rowid = ?", (position, rowid))
    finally:
        conn.close()


@pytest.mark.parametrize("table, spec", [("risks", RISK), ("controls", CONTROL)])
def test_records_come_in_position_then_rowid_order(demo: Path, tmp_path: Path, table: str, spec: object) -> None:
    path = tmp_path / "shuffled.sqlite"
    path.write_bytes(demo.read_bytes())
    set_positions(path, table, [5, 2, 2, 9, 0, 5, 1])  # out of rowid order, with ties
    expected = sqlite_order(path, table)
    assert len(expected) > 7
    workspace = Workspace.open(path, user="Test")
    try:
        assert [record.id for record in workspace.store.all(spec)] == expected  # type: ignore[arg-type]
    finally:
        workspace.close()


def test_positions_of_every_kind_sort_as_sqlite_sorts_them(tmp_path: Path) -> None:
    # Text, blobs, empty and numbers mixed (a file edited outside riskdesk): Python alone cannot compare them.
    values: list[object] = [3, "b", None, 1.5, b"x", "a", None, 2, 3]
    conn = sqlite3.connect(tmp_path / "kinds.sqlite")
    try:
        conn.execute("CREATE TABLE t (position)")
        conn.executemany("INSERT INTO t VALUES (?)", [(value,) for value in values])
        expected = conn.execute("SELECT rowid FROM t ORDER BY position, rowid").fetchall()
        rows = conn.execute("SELECT position, rowid FROM t ORDER BY rowid").fetchall()
    finally:
        conn.close()
    assert [(row[1],) for row in in_position_order(rows, 0)] == expected


def test_snapshots_read_are_the_records_snapshot_makes(demo: Path) -> None:
    workspace = Workspace.open(demo, user="Test")
    try:
        read = workspace.store.snapshots()
    finally:
        workspace.close()
    assert read
    for snapshot in read:
        made = Snapshot(snapshot.period_id, snapshot.risk_id, snapshot.status, snapshot.inherent,
                        snapshot.residual, snapshot.target, snapshot.comment)
        assert snapshot == made and hash(snapshot) == hash(made) and vars(snapshot) == vars(made)


def test_dates_and_scores_read_once_per_value_are_the_files_values(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "dates.sqlite"
    path.write_bytes(demo.read_bytes())
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("UPDATE risks SET last_reviewed = '2026-03-31' WHERE rowid % 2 = 0")
            conn.execute("UPDATE risks SET last_reviewed = '' WHERE rowid % 3 = 0")
        stored = {row[0]: row[1:] for row in conn.execute(
            "SELECT id, last_reviewed, residual_likelihood, residual_impact FROM risks WHERE deleted = 0")}
    finally:
        conn.close()
    workspace = Workspace.open(path, user="Test")
    try:
        risks = workspace.store.all(RISK)
    finally:
        workspace.close()
    assert len({row[0] for row in stored.values()}) >= 2
    for risk in risks:
        text, likelihood, impact = stored[risk.id]
        assert (risk.last_reviewed.isoformat() if risk.last_reviewed else "") == (text or "")
        assert (risk.residual.likelihood, risk.residual.impact) == (likelihood, impact)
