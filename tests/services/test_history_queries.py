"""Which old values the history can write back, and how each is read back into its field."""

from __future__ import annotations

from datetime import date

import pytest

from riskdesk.core.model import ActionStatus, Effectiveness, Rag, Score
from riskdesk.services.change_log import Change
from riskdesk.services.history_queries import can_set_back, old_value


def _change(entity: str, field: str, old: str | None) -> Change:
    return Change(1, entity, "id-1", f"{entity} of SR 7.4" if entity in ("control", "action") else "SR 7.4",
                  field, old, "new", "", "Priya Shah", "2026-12-01T10:00:00+00:00")


@pytest.mark.parametrize(("entity", "field", "old", "value"), [
    ("risk", "residual", "3x4", Score(3, 4)),
    ("risk", "target", None, None),
    ("risk", "title", "Children not kept safe", "Children not kept safe"),
    ("control", "effectiveness", "partially effective", Effectiveness.PARTIAL),
    ("control", "owner", "", ""),
    ("action", "due_date", "2024-06-30", date(2024, 6, 30)),
    ("action", "status", "in progress", ActionStatus.IN_PROGRESS),
    ("action", "rag", "amber", Rag.AMBER),
    ("action", "progress", "Two posts filled", "Two posts filled"),
])
def test_old_values_come_back_in_their_fields_type(entity: str, field: str, old: str | None, value: object) -> None:
    change = _change(entity, field, old)
    assert can_set_back(change)
    assert old_value(change) == value


@pytest.mark.parametrize(("entity", "field"), [("control", "position"), ("action", "created"),
                                               ("link", "deleted"), ("risk", "archived")])
def test_other_fields_are_not_offered(entity: str, field: str) -> None:
    change = _change(entity, field, "1")
    assert not can_set_back(change)
    with pytest.raises(ValueError, match="cannot be set back from the history"):
        old_value(change)


def test_an_old_value_this_riskdesk_cannot_read_is_named_plainly() -> None:
    with pytest.raises(ValueError, match=r'The old residual of SR 7.4, "high", cannot be read back'):
        old_value(_change("risk", "residual", "high"))
