"""An import runs with Python's cycle collector paused, and leaves it as it found it."""

from __future__ import annotations

import gc
import sqlite3
import uuid
from pathlib import Path

import pytest

from riskdesk.services.bulk import collector_paused
from riskdesk.services.importing import import_risks
from riskdesk.services.workspace import Workspace


@collector_paused
def during(fail: bool = False) -> bool:
    if fail:
        raise ValueError("the work failed")
    return gc.isenabled()


def test_the_collector_is_paused_during_the_work_and_back_on_after_it_even_when_it_fails() -> None:
    assert gc.isenabled()
    assert during() is False
    assert gc.isenabled()
    with pytest.raises(ValueError):
        during(fail=True)
    assert gc.isenabled()


def test_a_collector_already_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    try:
        assert during() is False
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_import_gives_its_new_records_ids_in_the_order_of_the_rows(workspace: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "risks.csv"
    source.write_text("Reference,Title,Controls,Actions\n"
                      "CR 1,Suppliers fail,Monthly meeting; Escalation route,Review the contract\n"
                      "CR 2,Buildings flood,Sandbags,\n", encoding="utf-8")
    assert gc.isenabled()
    result = import_risks(workspace, source, "Corporate")
    assert gc.isenabled()
    assert result.created == ["CR 1", "CR 2"] and not result.problems
    conn = sqlite3.connect(workspace.path)
    try:
        risks = [r[0] for r in conn.execute("SELECT id FROM risks ORDER BY rowid")]
        controls = conn.execute("SELECT id, description FROM controls ORDER BY rowid").fetchall()
    finally:
        conn.close()
    assert [c[1] for c in controls] == ["Monthly meeting", "Escalation route", "Sandbags"]
    assert len(risks) == 2 and risks == sorted(risks)
    assert [c[0] for c in controls] == sorted(c[0] for c in controls)
    assert all(uuid.UUID(i).version == 7 for i in risks + [c[0] for c in controls])
