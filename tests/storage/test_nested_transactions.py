"""A block nested in a transaction is a savepoint: its failure undoes its own work only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from riskdesk.core.model import Register
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import ConflictError
from riskdesk.storage.records import CONTROL, REGISTER, RISK
from riskdesk.storage.store import new_id


def names_on_disk(path: Path) -> list[str]:
    conn = sqlite3.connect(path)  # another connection: sees only what was committed
    try:
        return [row[0] for row in conn.execute("SELECT name FROM registers WHERE deleted = 0 ORDER BY rowid")]
    finally:
        conn.close()


def history_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT new FROM history WHERE entity = 'register'")]
    finally:
        conn.close()


def test_a_caught_inner_failure_commits_the_outer_work_without_the_inner(workspace: Workspace) -> None:
    store = workspace.store
    with store.transaction():
        store.insert(REGISTER, Register(new_id(), "Outer before"))
        with pytest.raises(ValueError), store.transaction():
            store.insert(REGISTER, Register(new_id(), "Inner"))
            raise ValueError("the inner step failed")
        store.insert(REGISTER, Register(new_id(), "Outer after"))
    assert names_on_disk(workspace.path) == ["Strategic Risk Register", "Outer before", "Outer after"]
    assert "Inner" not in history_names(workspace.path)


def test_an_inner_success_is_undone_with_its_failing_outer_block(workspace: Workspace) -> None:
    store = workspace.store
    with pytest.raises(RuntimeError), store.transaction():
        with store.transaction():
            store.insert(REGISTER, Register(new_id(), "Inner"))
        raise RuntimeError("the outer step failed")
    assert names_on_disk(workspace.path) == ["Strategic Risk Register"]


def test_savepoints_nest_deeper_than_one(workspace: Workspace) -> None:
    store = workspace.store
    with store.transaction():
        with store.transaction():
            store.insert(REGISTER, Register(new_id(), "Middle"))
            with pytest.raises(KeyError), store.transaction():
                store.insert(REGISTER, Register(new_id(), "Deepest"))
                raise KeyError("deepest")
        store.insert(REGISTER, Register(new_id(), "Top"))
    assert names_on_disk(workspace.path) == ["Strategic Risk Register", "Middle", "Top"]


def test_a_failed_delete_caught_inside_a_larger_write_leaves_the_risk_whole(demo_5x5: Workspace) -> None:
    # delete_risk tombstones the controls first, then finds the risk changed by someone
    # else; a caller that carries on must not commit those tombstones.
    risk = next(r for r in demo_5x5.store.all(RISK) if demo_5x5.store.all(CONTROL, "risk_id = ?", (r.id,)))
    controls = demo_5x5.store.all(CONTROL, "risk_id = ?", (risk.id,))
    with demo_5x5.store.transaction():
        demo_5x5.update_risk(risk.id, risk.version, "", title="Renamed")
        with pytest.raises(ConflictError):
            demo_5x5.delete_risk(risk.id, risk.version, "stale version")
    again = Workspace.open(demo_5x5.path)
    try:
        assert again.store.get(RISK, risk.id).title == "Renamed"
        assert [c.id for c in again.store.all(CONTROL, "risk_id = ?", (risk.id,))] == [c.id for c in controls]
    finally:
        again.close()
