"""Errors the storage layer raises, each with one plain sentence for the user."""

from __future__ import annotations

from datetime import datetime
from typing import Any


class RegisterFileError(Exception):
    """A file that cannot be used as a register; the message is one plain sentence."""


class ConflictError(Exception):
    """An update met a record that someone else changed since it was read.

    What a conflict dialog needs: the kind of record and its id, each clashing field with
    (their value, your value), who changed it and when, and whether an undo or redo met it.
    """

    def __init__(
        self,
        entity: str,
        record_id: str,
        expected_version: int,
        current: Any,
        attempted: dict[str, Any],
        *,
        fields: dict[str, tuple[Any, Any]] | None = None,
        changed_by: str = "",
        changed_at: str = "",
        during: str = "",
        sentence: str = "",
    ):
        self.entity = entity
        self.record_id = record_id
        self.expected_version = expected_version
        self.current = current  # the record as it is now in the file, or None if deleted
        self.attempted = attempted  # field -> value this edit wanted to write
        # field -> (their value now in the file, the value this edit wanted to write)
        self.fields = fields if fields is not None else {
            name: (getattr(current, name, None), value) for name, value in attempted.items()
        }
        who = changed_by or getattr(current, "changed_by", "") or "someone else"
        when = changed_at or getattr(current, "changed_at", "")
        self.changed_by = who
        self.changed_at = when
        self.during = during  # "undo", "redo" or "" for a first edit
        if current is None:
            text = f"This {entity} was deleted by someone else after you opened it"
        elif during:
            names = " and ".join(name.replace("_", " ") for name in self.fields)
            text = (f"{who} changed the {names} of {entity} {_name_of(current)} after this edit"
                    + (f" ({in_words(when)})" if when else "")
                    + f", so the {during} was not made and their value was kept")
        else:
            text = f"This {entity} was changed by {who}" + (f" at {when}" if when else "")
            text += " after you opened it; your change was not saved"
        super().__init__(sentence or text)  # a caller that knows the records better says it its way

    @property
    def field(self) -> str:
        """The first (usually the only) field that clashed."""
        return next(iter(self.fields), "")


def _name_of(record: Any) -> str:
    """How a user knows a record: its reference, name or the start of its description."""
    for key in ("reference", "name", "label"):
        value = getattr(record, key, "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    text = str(getattr(record, "description", "") or "").strip()
    return f'"{text[:40]}"' if text else ""


def in_words(stamp: str) -> str:
    """A stored UTC time as the user's clock reads it: "at 15:02 on 1 December 2026"."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    return f"at {moment:%H:%M} on {moment.day} {moment:%B %Y}"


class NotFoundError(KeyError):
    """A record asked for by id is not in the file (or was deleted)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "Not found"
