"""A write that cannot complete says so in a sentence and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError
from riskdesk.storage.records import RISK


def test_a_full_disk_is_reported_and_nothing_is_half_written(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "full.sqlite", "5x5", "Test Council")
    try:
        register, _ = ws.create_register("Strategic Risk Register")
        risk, _ = ws.create_risk(register.id, "SR 1", "A risk", description="short")
        pages = ws.store.conn.execute("PRAGMA page_count").fetchone()[0]
        # Cap the file at its present size: the next growth fails exactly as a full disk does.
        ws.store.conn.execute(f"PRAGMA max_page_count = {pages}")
        history_before = len(ws.store.history())
        with pytest.raises(RegisterFileError, match=r"The disk holding full\.sqlite is full; nothing was changed"):
            ws.update_risk(risk.id, risk.version, "long comment", period_comment="x" * 19_000)
        assert not ws.store.conn.in_transaction
        stored = ws.store.get(RISK, risk.id)
        assert (stored.period_comment, stored.version) == ("", risk.version)
        assert len(ws.store.history()) == history_before
        # Once there is room again the same edit goes through.
        ws.store.conn.execute("PRAGMA max_page_count = 1073741823")
        ws.update_risk(risk.id, risk.version, "long comment", period_comment="x" * 19_000)
        assert ws.store.get(RISK, risk.id).period_comment == "x" * 19_000
    finally:
        ws.close()


def test_creating_over_an_existing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mine.sqlite"
    path.write_bytes(b"someone's work")
    with pytest.raises(RegisterFileError, match=r"mine\.sqlite already exists"):
        Workspace.create(path)
    assert path.read_bytes() == b"someone's work"
