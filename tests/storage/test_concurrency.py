"""Two people on one file: a stale update is a conflict, never an overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskdesk.core.model import Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import ConflictError, RegisterFileError
from riskdesk.storage.records import RISK


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    path = tmp_path / "shared.sqlite"
    ws = Workspace.create(path, "5x5", "Test Council", user="Setup")
    register, _ = ws.create_register("Strategic Risk Register")
    ws.create_risk(register.id, "SR 7.2", "Ineffective Social Care Practice", residual=Score(3, 3))
    ws.close()
    return path


def test_second_stale_update_conflicts_and_the_first_survives(shared: Path) -> None:
    alice = Workspace.open(shared, user="Alice")
    bob = Workspace.open(shared, user="Bob")
    try:
        risk_a = alice.store.all(RISK)[0]
        risk_b = bob.store.all(RISK)[0]
        assert risk_a.version == risk_b.version

        alice.update_risk(risk_a.id, risk_a.version, "Q4 review", period_comment="Alice's comment")
        with pytest.raises(ConflictError) as caught:
            bob.update_risk(risk_b.id, risk_b.version, "Q4 review", period_comment="Bob's comment")

        conflict = caught.value
        assert conflict.changed_by == "Alice"
        assert conflict.current.period_comment == "Alice's comment"  # their text
        assert conflict.attempted == {"period_comment": "Bob's comment"}  # our text, kept
        assert "changed by Alice" in str(conflict)

        fresh = Workspace.open(shared, user="Carol")
        try:
            stored = fresh.store.get(RISK, risk_a.id)
            assert stored.period_comment == "Alice's comment"
            assert stored.version == risk_a.version + 1
            edits = [h for h in fresh.store.history(risk_a.id) if h["field"] == "period_comment"]
            assert len(edits) == 1
            assert edits[0]["changed_by"] == "Alice"
            assert edits[0]["new"] == "Alice's comment"
        finally:
            fresh.close()
    finally:
        alice.close()
        bob.close()


def test_updating_a_deleted_record_is_a_conflict(shared: Path) -> None:
    alice = Workspace.open(shared, user="Alice")
    bob = Workspace.open(shared, user="Bob")
    try:
        risk = bob.store.all(RISK)[0]
        alice.delete_risk(risk.id, risk.version, "Duplicate")
        with pytest.raises(ConflictError, match="deleted by someone else"):
            bob.update_risk(risk.id, risk.version, "", title="New title")
    finally:
        alice.close()
        bob.close()


def test_a_writer_holding_the_lock_makes_the_other_wait_then_fail_cleanly(shared: Path) -> None:
    alice = Workspace.open(shared, user="Alice")
    bob = Workspace.open(shared, user="Bob")
    try:
        bob.store.conn.execute("PRAGMA busy_timeout = 50")
        risk = bob.store.all(RISK)[0]
        alice.store.conn.execute("BEGIN IMMEDIATE")  # a colleague mid-save
        with pytest.raises(RegisterFileError, match="is busy: a colleague is saving to it"):
            bob.update_risk(risk.id, risk.version, "", title="Changed")
        alice.store.conn.execute("ROLLBACK")
        assert bob.store.get(RISK, risk.id).title == "Ineffective Social Care Practice"
        assert not bob.store.conn.in_transaction
    finally:
        alice.close()
        bob.close()


def test_data_version_tells_a_window_that_a_colleague_saved(shared: Path) -> None:
    alice = Workspace.open(shared, user="Alice")
    bob = Workspace.open(shared, user="Bob")
    try:
        seen = bob.store.data_version()
        risk = alice.store.all(RISK)[0]
        alice.update_risk(risk.id, risk.version, "", title="Changed by Alice")
        assert bob.store.data_version() != seen
    finally:
        alice.close()
        bob.close()
