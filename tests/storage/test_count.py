"""Counting records without reading them agrees with reading them, deleted records left out."""

from __future__ import annotations

from pathlib import Path

from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK


def test_count_agrees_with_the_records_and_leaves_out_deleted_ones(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "count.sqlite", "5x5", "Test Council")
    try:
        first = ws.create_register("First")[0]
        second = ws.create_register("Second")[0]
        made = [ws.create_risk(first.id, f"F {n}", f"Risk {n}")[0] for n in range(5)]
        ws.create_risk(second.id, "S 1", "Another")
        ws.delete_risk(made[1].id, made[1].version)
        for where, params in (("", ()), ("register_id = ?", (first.id,)), ("register_id = ?", (second.id,))):
            assert ws.store.count(RISK, where, params) == len(ws.store.all(RISK, where, params))
        assert ws.store.count(RISK, "register_id = ?", (first.id,)) == 4
        # A new risk goes after the live ones, as it did when they were read and counted.
        newest = ws.create_risk(first.id, "F 9", "Newest")[0]
        assert newest.position == 4
    finally:
        ws.close()
