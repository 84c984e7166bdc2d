"""Turning domain records into rows and back, field by field."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Any

from riskdesk.core.model import (
    CHOICE_FIELDS,
    SCORE_FIELDS,
    Action,
    Control,
    Link,
    Period,
    Person,
    Register,
    Risk,
    Score,
)

# Texts every record of their kind has; a NULL written by another program reads as "".
REQUIRED_TEXTS = frozenset({"reference", "title", "description", "name", "label"})


@dataclass(frozen=True)
class EntitySpec:
    """How one kind of record is stored: its table and how each field converts."""

    name: str  # the word users see: "risk", "control"
    table: str
    cls: type
    enums: dict[str, type[Enum]]
    dates: frozenset[str] = frozenset()
    bools: frozenset[str] = frozenset()
    scores: frozenset[str] = frozenset()
    label: Callable[[Any], str] = lambda record: getattr(record, "id", "")

    @property
    def fields(self) -> list[str]:
        """The dataclass fields stored as columns (scores become two columns)."""
        return [f.name for f in dataclasses.fields(self.cls)]

    def to_row(self, record: Any) -> dict[str, Any]:
        """The columns of a record."""
        row: dict[str, Any] = {}
        for name in self.fields:
            row.update(self.field_to_columns(name, getattr(record, name)))
        return row

    def field_to_columns(self, name: str, value: Any) -> dict[str, Any]:
        """The column values for one field's value."""
        if name in self.scores:
            score: Score | None = value
            return {
                f"{name}_likelihood": score.likelihood if score else None,
                f"{name}_impact": score.impact if score else None,
            }
        if isinstance(value, Enum):
            return {name: value.value}
        if isinstance(value, date):
            return {name: value.isoformat()}
        if isinstance(value, bool):
            return {name: int(value)}
        return {name: value}

    def reader(self, columns: tuple[str, ...]) -> Callable[[tuple[Any, ...]], Any]:
        """A fast converter from rows with these columns to records.

        Loading a large register spends its time here, so the per-field work is decided once
        per column layout rather than once per row: the converter is one function, written
        for this layout, that reads every field in a single expression (a call per field
        cost as much again: 10,000 risks of 27 fields are 270,000 calls).
        """
        cached = _READERS.get((self.name, columns))
        if cached is not None:
            return cached
        index = {name: i for i, name in enumerate(columns)}
        names: dict[str, Any] = {"new": object.__new__, "cls": self.cls}
        fields = ", ".join(f"{name!r}: {self._field_source(name, index, names)}" for name in self.fields)
        source = f"def read(row):\n    record = new(cls)\n    record.__dict__.update({{{fields}}})\n    return record\n"
        exec(compile(source, f"<{self.name} reader>", "exec"), names)  # our own text, as dataclasses make theirs
        read: Callable[[tuple[Any, ...]], Any] = names["read"]
        _READERS[(self.name, columns)] = read
        return read

    def _field_source(self, name: str, index: dict[str, int], names: dict[str, Any]) -> str:
        """The expression that reads one field from row; what it needs goes into names."""
        if name in self.scores:
            # Scores are frozen and few (25 pairs on a 5x5): one is shared per pair, and the
            # check on the numbers runs once per pair; a pair seen before is a dictionary lookup.
            names[f"scores_{name}"] = Memo(self._score_maker(name))
            return f"scores_{name}[row[{index[f'{name}_likelihood']}], row[{index[f'{name}_impact']}]]"
        i = index[name]
        default = _default_of(self.cls, name)
        if name in self.enums:
            # A dictionary lookup instead of calling the enum: five times quicker per row.
            members: dict[Any, Any] = {member.value: member for member in self.enums[name]}
            fallback = None if default is dataclasses.MISSING else default
            members[None] = members[""] = fallback
            names[f"members_{name}"] = members
            return f"members_{name}[row[{i}]]"
        if name in self.dates:
            # A few hundred distinct dates among 10,000 risks: each is read once (dates are immutable).
            names[f"dates_{name}"] = Memo(_date_or_none)
            return f"dates_{name}[row[{i}]]"
        if name in self.bools:
            return f"bool(row[{i}])"
        if default is not dataclasses.MISSING:
            names[f"default_{name}"] = default
            return f"(default_{name} if row[{i}] is None else row[{i}])"
        if name in REQUIRED_TEXTS:  # a missing title reads as empty; check then names it
            return f"(\"\" if row[{i}] is None else row[{i}])"
        return f"row[{i}]"

    def _score_maker(self, name: str) -> Callable[[tuple[Any, Any]], Score | None]:
        """The Score for a (likelihood, impact) pair read from the file, checked."""

        def make(pair: tuple[Any, Any]) -> Score | None:
            likelihood, impact = pair
            if likelihood is None or impact is None:
                return None
            if type(likelihood) is not int or type(impact) is not int:
                raise ValueError(f"{name} is not a pair of whole numbers")
            return Score(likelihood, impact)

        return make

    def new_rows(self, records: list[Any], *same: Any) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """The columns new records fill (all but version and who/when) and their values, as to_row gives them.

        Each row ends with the values in same, given once for them all (who and when).

        For bulk inserts (imports): converting field by field with isinstance tests was a third
        of the write, so each column is read and converted whole, by map calls that run in C,
        and each distinct enum, date or flag is converted once.
        """
        names: list[str] = []
        columns: list[Iterable[Any]] = []
        for name in self.fields:
            if name in _STAMPED:
                continue
            values: Iterable[Any] = map(attrgetter(name), records)
            if name in self.scores:
                scores = list(values)
                names += [f"{name}_likelihood", f"{name}_impact"]
                columns.append([None if score is None else score.likelihood for score in scores])
                columns.append([None if score is None else score.impact for score in scores])
                continue
            if name in self.enums or name in self.dates or name in self.bools:
                values = map(_Converted().__getitem__, values)
            names.append(name)
            columns.append(values)
        columns += [repeat(value) for value in same]
        return names, zip(*columns)  # noqa: B905 - every column has one value per record (or repeats)

    def from_row(self, row: dict[str, Any]) -> Any:
        """A record built from its columns."""
        values: dict[str, Any] = {}
        for name in self.fields:
            if name in self.scores:
                likelihood = row.get(f"{name}_likelihood")
                impact = row.get(f"{name}_impact")
                values[name] = (
                    Score(int(likelihood), int(impact))
                    if likelihood is not None and impact is not None
                    else None
                )
                continue
            raw = row.get(name)
            if name in self.enums:
                values[name] = self.enums[name](raw) if raw not in (None, "") else None
                if values[name] is None:
                    values.pop(name)
            elif name in self.dates:
                values[name] = date.fromisoformat(raw) if raw else None
            elif name in self.bools:
                values[name] = bool(raw)
            elif raw is None:
                default = _default_of(self.cls, name)
                if default is not dataclasses.MISSING:
                    values[name] = default
                else:
                    values[name] = "" if name in REQUIRED_TEXTS else raw
            else:
                values[name] = raw
        return self.cls(**values)

    def render(self, name: str, value: Any) -> str | None:
        """A field's value as history text."""
        if value is None:
            return None
        if isinstance(value, Score):
            return f"{value.likelihood}x{value.impact}"
        if isinstance(value, Enum):
            return str(value.value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)


_READERS: dict[tuple[str, tuple[str, ...]], Callable[[tuple[Any, ...]], Any]] = {}
_STAMPED = ("version", "changed_by", "changed_at")  # set by the store as it writes, not taken from the record


class _Converted(dict[Any, Any]):
    """Values as their columns hold them, each worked out the first time it is asked for."""

    def __missing__(self, value: Any) -> Any:
        self[value] = converted = _column_value(value)
        return converted


def _column_value(value: Any) -> Any:
    """A field's value as its column holds it (as field_to_columns does for a field of no known kind)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _default_of(cls: type, name: str) -> Any:
    for f in dataclasses.fields(cls):
        if f.name == name:
            if f.default is not dataclasses.MISSING:
                return f.default
            if f.default_factory is not dataclasses.MISSING:
                return f.default_factory()
    return dataclasses.MISSING


REGISTER = EntitySpec(
    "register", "registers", Register, CHOICE_FIELDS[Register],
    bools=frozenset({"archived"}), label=lambda r: r.name,
)
RISK = EntitySpec(
    "risk", "risks", Risk, CHOICE_FIELDS[Risk],
    dates=frozenset({"target_date", "last_reviewed", "next_review"}),
    bools=frozenset({"exempt", "archived"}),
    scores=frozenset(SCORE_FIELDS),
    label=lambda r: r.reference,
)
CONTROL = EntitySpec(
    "control", "controls", Control, CHOICE_FIELDS[Control],
    label=lambda c: c.description[:60],
)
ACTION = EntitySpec(
    "action", "actions", Action, CHOICE_FIELDS[Action],
    dates=frozenset({"due_date"}), label=lambda a: a.description[:60],
)
PERSON = EntitySpec("person", "people", Person, {}, label=lambda p: p.name)
PERIOD = EntitySpec(
    "period", "periods", Period, {}, dates=frozenset({"start", "end"}), label=lambda p: p.label
)
LINK = EntitySpec("link", "links", Link, {}, label=lambda link: link.kind)

SPECS = {spec.name: spec for spec in (REGISTER, RISK, CONTROL, ACTION, PERSON, PERIOD, LINK)}


def in_position_order(rows: list[tuple[Any, ...]], at: int) -> list[tuple[Any, ...]]:
    """Rows read in rowid order, put in the order ORDER BY position, rowid gives.

    Sorting in Python is quicker than SQLite's sort (10,000 risks: about 10 ms of a 47 ms read),
    as the rows mostly come in position order already. The sort is stable, so rowid breaks ties.
    """
    try:
        return sorted(rows, key=itemgetter(at))
    except TypeError:  # a position that is empty or text (edited outside): SQLite's order of kinds
        return sorted(rows, key=lambda row: _sqlite_order(row[at]))


def _sqlite_order(value: Any) -> tuple[int, Any]:
    """Where SQLite puts a value in ORDER BY: NULL, then numbers, then text, then blobs."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    return (2, value) if isinstance(value, str) else (3, value)


class Memo(dict[Any, Any]):
    """Values made once per distinct key: a key seen before is a plain dictionary lookup,
    quicker than a call per field per row. A key that cannot be made raises and is not kept."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


def _date_or_none(text: Any) -> date | None:
    """A date stored as ISO text; empty means none."""
    return date.fromisoformat(text) if text else None
