"""Questions about a record's history that the window asks in plain words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from riskdesk.core.model import ActionStatus, Effectiveness, Rag, RegisterKind, RiskStatus, Score, Treatment
from riskdesk.services.change_log import Change
from riskdesk.services.workspace import Workspace

# Fields whose stored text is written back as it is, per kind of record.
_TEXTS = {
    "risk": {"reference", "title", "description", "category", "owner", "accountable_officer", "cabinet_member",
             "appetite", "proximity", "period_comment"},
    "register": {"name", "description", "owner", "commentary"},
    "control": {"description", "owner"},
    "action": {"description", "owner", "progress"},
}


def _score(text: str) -> Score:
    likelihood, impact = text.lower().split("x")  # the history keeps a score as "3x4"
    return Score(int(likelihood), int(impact))


# Fields whose stored text is read back into their type first, per kind of record.
_READERS: dict[str, dict[str, Callable[[str], Any]]] = {
    "risk": {"status": RiskStatus, "treatment": Treatment, "target_date": date.fromisoformat,
             "last_reviewed": date.fromisoformat, "next_review": date.fromisoformat,
             "inherent": _score, "residual": _score, "target": _score},
    "register": {"kind": RegisterKind},
    "control": {"effectiveness": Effectiveness},
    "action": {"status": ActionStatus, "due_date": date.fromisoformat, "rag": Rag},
}


def can_set_back(change: Change) -> bool:
    """True when this change's old value can be written back as a new edit."""
    if not change.restorable:
        return False
    return change.field in _TEXTS.get(change.entity, set()) or change.field in _READERS.get(change.entity, {})


def old_value(change: Change) -> Any:
    """The old value of a change as its field takes it; ValueError when it cannot be written back."""
    if not can_set_back(change):
        raise ValueError(f"The {change.field_words} cannot be set back from the history.")
    readers = _READERS.get(change.entity, {})
    if change.old in (None, ""):
        return None if change.field in readers else ""
    if change.field not in readers:
        return change.old
    try:
        return readers[change.field](change.old)
    except ValueError:
        raise ValueError(f'The old {change.field_words} of {change.record}, "{change.old}", cannot be read back '
                         "by this riskdesk.") from None


def deleted_by(workspace: Workspace, record_id: str) -> str:
    """Who last deleted this record, as the history names them ("" when it was never deleted)."""
    for row in reversed(workspace.store.history(record_id)):
        if row.get("field") == "deleted":
            return str(row.get("changed_by") or "")
    return ""
