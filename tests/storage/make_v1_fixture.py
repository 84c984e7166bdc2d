"""Write the version-1 register used by the migration tests.

Run once when the version-1 schema was current; kept so the fixture can be
rebuilt the same way. Version 1 is the first migration alone.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from sqlite_utils import Database

from riskdesk.storage.schema import APPLICATION_ID, build_migrations


def write_v1(path: Path) -> None:
    """A version-1 register holding one register, one risk and its history."""
    conn = sqlite3.connect(path)
    db = Database(conn, execute_plugins=False)
    build_migrations().apply(db, stop_before="m002_links_and_history_index")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    stamp = "2024-03-28T10:00:00+00:00"
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('settings', ?)", ('{"council_name": "Fixture Council"}',)
    )
    conn.execute(
        "INSERT INTO registers (id, name, kind, position, archived, version, deleted, created_at, "
        "changed_by, changed_at) VALUES ('reg-1', 'Strategic Risk Register', 'strategic', 0, 0, 1, 0, ?, "
        "'Fixture', ?)",
        (stamp, stamp),
    )
    conn.execute(
        "INSERT INTO risks (id, register_id, reference, title, status, treatment, residual_likelihood, "
        "residual_impact, exempt, position, archived, version, deleted, created_at, changed_by, changed_at) "
        "VALUES ('risk-1', 'reg-1', 'SR 7.2', 'Ineffective Social Care Practice', 'open', 'treat', 3, 3, "
        "0, 0, 0, 1, 0, ?, 'Fixture', ?)",
        (stamp, stamp),
    )
    conn.execute(
        "INSERT INTO history (entity, entity_id, field, old, new, reason, changed_by, changed_at, operation) "
        "VALUES ('risk', 'risk-1', 'created', NULL, 'SR 7.2', '', 'Fixture', ?, 'op-1')",
        (stamp,),
    )
    conn.commit()
    conn.close()


if __name__ == "__main__":
    write_v1(Path(sys.argv[1]))
