"""Records added in bulk (an import) are stored exactly as records added one at a time."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from riskdesk.core.model import (
    Action,
    ActionStatus,
    Control,
    Effectiveness,
    Rag,
    Register,
    Risk,
    RiskStatus,
    Score,
    Treatment,
)
from riskdesk.services.workspace import Workspace
from riskdesk.storage.ids import IdSequence
from riskdesk.storage.records import ACTION, CONTROL, REGISTER, RISK, EntitySpec
from riskdesk.storage.store import new_id

STAMPS = {"changed_at", "created_at"}  # the clock may tick between the two writes


def stored(path: Path, table: str, record_id: str) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        row = dict(conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone())
        history = [dict(h) for h in conn.execute(
            "SELECT entity, field, old, new, reason, changed_by FROM history WHERE entity_id = ?", (record_id,))]
    finally:
        conn.close()
    return {"row": {k: v for k, v in row.items() if k not in STAMPS | {"id"}}, "history": history}


def both_ways(workspace: Workspace, spec: EntitySpec, record: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The same record written by insert and by insert_many, as each left it in the file."""
    one, many = replace(record, id=new_id()), replace(record, id=new_id())
    store = workspace.store
    with store.transaction():
        store.insert(spec, one, "Typed")
        store.insert_many(spec, [many], "Typed")
    return stored(workspace.path, spec.table, one.id), stored(workspace.path, spec.table, many.id)


def test_a_risk_with_every_kind_of_field_is_stored_the_same_in_bulk(workspace: Workspace) -> None:
    register = Register(new_id(), "Corporate")
    workspace.store.insert(REGISTER, register)
    risk = Risk(new_id(), register.id, "CR 1", "Suppliers fail", description="Two lines\nof text",
                owner="Head of Service", status=RiskStatus.ESCALATED, inherent=Score(4, 5), residual=Score(3, 2),
                target=None, target_date=date(2025, 3, 31), treatment=Treatment.TRANSFER,
                last_reviewed=date(2024, 12, 1), next_review=None, exempt=True, exempt_paragraph="3",
                period_comment="Reviewed", position=7, archived=False)
    one, many = both_ways(workspace, RISK, risk)
    assert one == many
    assert many["row"]["status"] == "escalated" and many["row"]["exempt"] == 1
    assert (many["row"]["inherent_likelihood"], many["row"]["target_impact"]) == (4, None)
    assert many["row"]["target_date"] == "2025-03-31" and many["row"]["next_review"] is None
    workspace.store.insert(RISK, risk)  # the one the controls and actions below belong to
    control = Control(new_id(), risk.id, "Monthly meeting", owner="Officer", effectiveness=Effectiveness.PARTIAL,
                      position=2)
    one, many = both_ways(workspace, CONTROL, control)
    assert one == many and many["row"]["effectiveness"] == Effectiveness.PARTIAL.value
    action = Action(new_id(), risk.id, "Review the contract", due_date=date(2025, 6, 30),
                    status=ActionStatus.IN_PROGRESS, rag=None, progress="Half done", position=1)
    one, many = both_ways(workspace, ACTION, action)
    assert one == many and many["row"]["rag"] is None and many["row"]["due_date"] == "2025-06-30"
    one, many = both_ways(workspace, ACTION, replace(action, rag=Rag.AMBER, due_date=None))
    assert one == many and many["row"]["rag"] == Rag.AMBER.value
    assert many["history"] == [{"entity": "action", "field": "created", "old": None, "new": "Review the contract",
                                "reason": "Typed", "changed_by": workspace.store.user}]


def test_ids_made_together_are_uuids_in_ascending_order_and_never_repeat() -> None:
    first, second = IdSequence(), IdSequence()
    ids = [first() for _ in range(5000)]
    others = [second() for _ in range(5000)]
    assert ids == sorted(ids) and others == sorted(others)
    assert len(set(ids) | set(others)) == 10_000
    for text in ids[:3] + others[-3:]:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 7 and parsed.variant == uuid.RFC_4122
