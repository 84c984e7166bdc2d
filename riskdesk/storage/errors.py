"""Errors the storage layer raises, each with one plain sentence for the user."""

from __future__ import annotations

from typing import Any


class RegisterFileError(Exception):
    """A file that cannot be used as a register; the message is one plain sentence."""


class ConflictError(Exception):
    """An update met a record that someone else changed since it was read."""

    def __init__(
        self,
        entity: str,
        record_id: str,
        expected_version: int,
        current: Any,
        attempted: dict[str, Any],
    ):
        self.entity = entity
        self.record_id = record_id
        self.expected_version = expected_version
        self.current = current  # the record as it is now in the file, or None if deleted
        self.attempted = attempted  # field -> value this edit wanted to write
        who = getattr(current, "changed_by", "") or "someone else"
        when = getattr(current, "changed_at", "")
        self.changed_by = who
        if current is None:
            text = f"This {entity} was deleted by someone else after you opened it"
        else:
            text = f"This {entity} was changed by {who}" + (f" at {when}" if when else "")
            text += " after you opened it; your change was not saved"
        super().__init__(text)


class NotFoundError(KeyError):
    """A record asked for by id is not in the file (or was deleted)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "Not found"
