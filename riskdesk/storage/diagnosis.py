"""One plain sentence for a value in a file that riskdesk cannot read, naming file, record and field.

Reading stays fast: rows are converted without checks, and only when a conversion fails is
the row looked at again, field by field, to say exactly what is wrong. A file reaches these
sentences only when something other than riskdesk changed it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from riskdesk.storage.records import EntitySpec

OUTSIDE = "so it was changed outside riskdesk; put it right there or ask whoever changed it"


_WORDS = {"rag": "RAG rating"}


def _words(name: str) -> str:
    return _WORDS.get(name, name.replace("_", " "))


def record_name(spec: EntitySpec, values: dict[str, Any]) -> str:
    """How a user knows a record: "risk SR 7.2", "action "Review the contract"", "register Finance"."""
    for key in ("reference", "name", "label", "description"):
        value = values.get(key)
        if isinstance(value, str) and value.strip():
            text = value.strip()
            text = text if len(text) <= 40 else text[:39] + "…"
            return f"{spec.name} {text}" if key != "description" else f'{spec.name} "{text}"'
    if spec.name == "link":
        return "a link between two risks"
    return f"{spec.name} with id {values.get('id', '?')}"


def bad_value(path: Path, spec: EntitySpec, values: dict[str, Any]) -> str:
    """The sentence for the first field of a row that cannot be read as its kind of value."""
    who = record_name(spec, values)
    for name in spec.fields:
        if name in spec.scores:
            for part in ("likelihood", "impact"):
                raw = values.get(f"{name}_{part}")
                if raw is not None and type(raw) is not int:
                    return (f"{path.name}: {who} has {name} {part} {raw!r}, which is not a level number "
                            f"(a whole number such as 3), {OUTSIDE}.")
            continue
        raw = values.get(name)
        if name in spec.enums:
            known = [member.value for member in spec.enums[name]]
            if raw not in (None, "") and raw not in known:
                allowed = ", ".join(known[:-1]) + f" or {known[-1]}"
                return (f"{path.name}: {who} has {_words(name)} {raw!r}, which riskdesk does not know "
                        f"(it can be {allowed}), {OUTSIDE}.")
        elif name in spec.dates and raw:
            try:
                date.fromisoformat(raw)
            except (TypeError, ValueError):
                return (f"{path.name}: {who} has {_words(name)} {raw!r}, which is not a date as riskdesk "
                        f"keeps them (year-month-day, such as 2025-03-31), {OUTSIDE}.")
    return f"{path.name}: {who} holds a value riskdesk cannot read, {OUTSIDE}."


def find_bad_row(path: Path, spec: EntitySpec, columns: tuple[str, ...], rows: list[tuple[Any, ...]],
                 read: Callable[[tuple[Any, ...]], Any]) -> str:
    """The sentence for the first row that read() cannot convert."""
    for row in rows:
        try:
            read(row)
        except (KeyError, TypeError, ValueError):
            return bad_value(path, spec, dict(zip(columns, row, strict=False)))
    return f"{path.name}: a {spec.name} holds a value riskdesk cannot read, {OUTSIDE}."


def missing_column(path: Path, table: str, column: str) -> str:
    """A table without one of the columns riskdesk made it with."""
    return (f"{path.name}: the {table} table has no {column} column, so the file was changed outside riskdesk "
            "or is damaged; open a backup copy, or ask whoever changed it.")


def not_text(path: Path, conn: sqlite3.Connection, spec: EntitySpec) -> str:
    """Find the record and field whose stored text is not UTF-8 (read as bytes, then decoded)."""
    saved = conn.text_factory
    conn.text_factory = bytes
    try:
        cursor = conn.cursor()
        cursor.row_factory = None
        cursor.execute(f"SELECT * FROM {spec.table} WHERE deleted = 0")
        columns = tuple(column[0] for column in cursor.description)
        for row in cursor:
            for column, raw in zip(columns, row, strict=False):
                if isinstance(raw, bytes):
                    try:
                        raw.decode("utf-8")
                    except UnicodeDecodeError:
                        values = {c: (v.decode("utf-8", "replace") if isinstance(v, bytes) else v)
                                  for c, v in zip(columns, row, strict=False)}
                        return (f"{path.name}: the {_words(column)} of {record_name(spec, values)} is not "
                                f"readable text (it is not UTF-8), {OUTSIDE}.")
    finally:
        conn.text_factory = saved
    return f"{path.name}: a {spec.name} holds text that is not UTF-8, {OUTSIDE}."


def refused_by_rule(path: Path, spec: EntitySpec, values: dict[str, Any], fields: list[str],
                    error: sqlite3.IntegrityError) -> str:
    """A write the file's own rules (a CHECK constraint, NOT NULL...) refused."""
    what = ", ".join(_words(name) for name in fields) or "record"
    return (f"{path.name}: the {what} of {record_name(spec, values)} could not be saved because a rule in the "
            f"file refuses it ({error}); nothing was changed. The file was changed outside riskdesk.")


def history_not_text(path: Path, conn: sqlite3.Connection) -> str:
    """Name the history entry whose stored text is not UTF-8."""
    saved = conn.text_factory
    conn.text_factory = bytes
    try:
        cursor = conn.cursor()
        cursor.row_factory = None
        for number, entity, field, old, new, reason, who in cursor.execute(
                "SELECT id, entity, field, old, new, reason, changed_by FROM history ORDER BY id"):
            for column, raw in (("old value", old), ("new value", new), ("reason", reason), ("name", who),
                                ("field", field), ("kind", entity)):
                if isinstance(raw, bytes):
                    try:
                        raw.decode("utf-8")
                    except UnicodeDecodeError:
                        return (f"{path.name}: history entry {number}, about a {_bytes_text(entity)}, has a "
                                f"{column} that is not readable text (it is not UTF-8), {OUTSIDE}.")
    finally:
        conn.text_factory = saved
    return f"{path.name}: its history holds text that is not UTF-8, {OUTSIDE}."


def _bytes_text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
