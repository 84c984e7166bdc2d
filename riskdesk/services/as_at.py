"""Risks, controls and actions as they stood when a period closed, read back from the file's history.

Scores, status and the period comment are kept in each period's snapshots; everything else (owners,
dates, appetite, controls, actions with their status, progress and RAG) is the record as it is now
with every later change in the history undone.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, cast

from riskdesk.core.changes_since import HistoryRow, Timeline
from riskdesk.core.model import Action, Control, Period, Risk, Score
from riskdesk.services.what_changed import period_boundary
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, CONTROL, RISK, EntitySpec

# Fields of a risk read back from the history (scores, status and comment come from the snapshot).
RISK_FIELDS = ("title", "description", "category", "owner", "accountable_officer", "cabinet_member",
               "target_date", "appetite", "proximity", "treatment", "last_reviewed", "next_review", "exempt",
               "exempt_paragraph", "register_id")
ITEM_FIELDS = {"action": ("description", "owner", "due_date", "status", "rag", "progress"),
               "control": ("description", "owner", "effectiveness")}

Record = TypeVar("Record")


@dataclass
class AsAt:
    """The history after a period closed, to turn records of now into records of then."""

    timeline: Timeline
    point: int  # the history row that recorded the period's closing
    end: date | None  # the period's last day
    gone: dict[str, list[Any]]  # risk id -> its actions and controls deleted since

    def risk(self, risk: Risk) -> Risk:
        """The risk's people, dates and treatment as they stood then."""
        then = self._fields(RISK, risk, RISK_FIELDS)
        if then.last_reviewed is not None and self.end is not None and then.last_reviewed > self.end:
            # A review dated after the period cannot have been known at its end.
            then = dataclasses.replace(then, last_reviewed=None)
        return then

    def items(self, risk_id: str, now: list[Record], spec: EntitySpec) -> list[Record]:
        """A risk's actions or controls that existed then, each as it stood."""
        found: list[Record] = []
        gone = cast(list[Record], [r for r in self.gone.get(risk_id, []) if isinstance(r, spec.cls)])
        for record in [*now, *gone]:
            deleted = record in self.gone.get(risk_id, [])
            if self.timeline.existed_at(record.id, self.point, not deleted):  # type: ignore[attr-defined]
                found.append(self._fields(spec, record, ITEM_FIELDS[spec.name]))
        return found

    def _fields(self, spec: EntitySpec, record: Record, names: tuple[str, ...]) -> Record:
        changes: dict[str, Any] = {}
        for name in names:
            current = getattr(record, name)
            text = self.timeline.value_at(record.id, name, self.point, spec.render(name, current))  # type: ignore[attr-defined]
            if text != spec.render(name, current):
                changes[name] = _parse(spec, name, text, current)
        return dataclasses.replace(record, **changes) if changes else record  # type: ignore[type-var]


def as_at(workspace: Workspace, period: Period) -> AsAt:
    """What the history says changed after period closed, ready to undo."""
    conn = workspace.store.conn
    point = period_boundary(conn, period)
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute("SELECT id, entity, entity_id, field, old, new FROM history WHERE id > ? AND "
                          "entity IN ('risk', 'action', 'control')", (point,)).fetchall()
    history = [HistoryRow(*row) for row in rows]
    deleted_ids = {row.entity_id for row in history if row.field == "deleted"}
    gone: dict[str, list[Any]] = {}
    for spec in (ACTION, CONTROL):
        if not deleted_ids:
            break
        marks = ", ".join("?" for _ in deleted_ids)
        found = conn.execute(f"SELECT * FROM {spec.table} WHERE deleted = 1 AND id IN ({marks})",
                             tuple(deleted_ids)).fetchall()
        for row in found:
            record = spec.from_row(dict(row))
            gone.setdefault(record.risk_id, []).append(record)
    return AsAt(Timeline(history), point, period.end, gone)


def _parse(spec: EntitySpec, name: str, text: str | None, current: Any) -> Any:
    """A field's value from its history text (the inverse of EntitySpec.render)."""
    if text is None:
        return "" if isinstance(current, str) else None
    if name in spec.dates:
        return date.fromisoformat(text)
    if name in spec.enums:
        return spec.enums[name](text)
    if name in spec.bools:
        return text == "yes"
    if name in spec.scores:
        likelihood, impact = text.split("x")
        return Score(int(likelihood), int(impact))
    return text


__all__ = ["Action", "AsAt", "Control", "as_at"]
