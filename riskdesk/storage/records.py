"""Turning domain records into rows and back, field by field."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from operator import attrgetter
from typing import Any

from riskdesk.core.model import (
    Action,
    ActionStatus,
    Control,
    Effectiveness,
    Link,
    Period,
    Person,
    Rag,
    Register,
    RegisterKind,
    Risk,
    RiskStatus,
    Score,
    Treatment,
)

SCORE_FIELDS = ("inherent", "residual", "target")
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

        Loading a large register spends its time here, so the per-field work
        is decided once per column layout rather than once per row.
        """
        cached = _READERS.get((self.name, columns))
        if cached is not None:
            return cached
        index = {name: i for i, name in enumerate(columns)}
        steps: list[tuple[str, Callable[[tuple[Any, ...]], Any]]] = []
        for name in self.fields:
            steps.append((name, self._field_reader(name, index)))
        cls = self.cls

        def read(row: tuple[Any, ...]) -> Any:
            record: Any = object.__new__(cls)
            record.__dict__.update({name: step(row) for name, step in steps})
            return record

        _READERS[(self.name, columns)] = read
        return read

    def _field_reader(self, name: str, index: dict[str, int]) -> Callable[[tuple[Any, ...]], Any]:
        if name in self.scores:
            li, ii = index[f"{name}_likelihood"], index[f"{name}_impact"]
            # Scores are frozen and few (25 pairs on a 5x5): share one per pair. A lookup is
            # quicker than building one, and the check on the numbers runs once per pair.
            shared: dict[tuple[Any, Any], Score | None] = {}

            def score(row: tuple[Any, ...]) -> Score | None:
                pair = (row[li], row[ii])
                found = shared.get(pair, shared)
                if found is not shared:
                    return found  # type: ignore[return-value]
                likelihood, impact = pair
                if likelihood is None or impact is None:
                    made = None
                elif type(likelihood) is not int or type(impact) is not int:
                    raise ValueError(f"{name} is not a pair of whole numbers")
                else:
                    made = Score(likelihood, impact)
                shared[pair] = made
                return made

            return score
        i = index[name]
        default = _default_of(self.cls, name)
        if name in self.enums:
            # A dictionary lookup instead of calling the enum: five times quicker per row.
            members: dict[Any, Any] = {member.value: member for member in self.enums[name]}
            fallback = None if default is dataclasses.MISSING else default
            members[None] = members[""] = fallback
            return lambda row: members[row[i]]
        if name in self.dates:
            return lambda row: date.fromisoformat(row[i]) if row[i] else None
        if name in self.bools:
            return lambda row: bool(row[i])
        if default is not dataclasses.MISSING:
            return lambda row: default if row[i] is None else row[i]
        if name in REQUIRED_TEXTS:  # a missing title reads as empty; check then names it
            return lambda row: "" if row[i] is None else row[i]
        return lambda row: row[i]

    def writer(self) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
        """The columns a new record fills (all but version and who/when) and a fast converter to them.

        The values are those to_row gives; for bulk inserts (imports), where converting field by
        field with isinstance tests was a third of the write, so each field's conversion is decided
        once per kind. Plain fields come first, read in one attrgetter call.
        """
        cached = _WRITERS.get(self.name)
        if cached is not None:
            return cached
        names = [n for n in self.fields if n not in _STAMPED]
        special = {n: self._field_writer(n) for n in names if n in self.enums or n in self.dates
                   or n in self.bools}
        plain = [n for n in names if n not in special and n not in self.scores]
        scores = [n for n in names if n in self.scores]
        columns = (*plain, *special, *(f"{n}_{part}" for n in scores for part in ("likelihood", "impact")))
        get_plain, get_special, get_scores = _getter(plain), _getter(list(special)), _getter(scores)
        converters = tuple(special.values())

        def write(record: Any) -> tuple[Any, ...]:
            values: tuple[Any, ...] = get_plain(record)
            if converters:
                pairs = zip(converters, get_special(record), strict=True)
                values += tuple([convert(value) for convert, value in pairs])
            for score in get_scores(record):
                values += (score.likelihood, score.impact) if score is not None else (None, None)
            return values

        _WRITERS[self.name] = (columns, write)
        return columns, write

    def _field_writer(self, name: str) -> Callable[[Any], Any]:
        if name in self.enums:
            values: dict[Any, Any] = {member: member.value for member in self.enums[name]}
            values[None] = None
            return lambda value: values[value] if value in values else _column_value(value)
        if name in self.dates:
            return lambda value: value.isoformat() if type(value) is date else _column_value(value)
        return lambda value: int(value) if type(value) is bool else _column_value(value)

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
_WRITERS: dict[str, tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {}
_STAMPED = ("version", "changed_by", "changed_at")  # set by the store as it writes, not taken from the record


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the named attributes of a record as a tuple (one call for them all)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        name = names[0]
        return lambda record: (getattr(record, name),)
    return lambda record: ()


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
    "register", "registers", Register, {"kind": RegisterKind},
    bools=frozenset({"archived"}), label=lambda r: r.name,
)
RISK = EntitySpec(
    "risk", "risks", Risk, {"status": RiskStatus, "treatment": Treatment},
    dates=frozenset({"target_date", "last_reviewed", "next_review"}),
    bools=frozenset({"exempt", "archived"}),
    scores=frozenset(SCORE_FIELDS),
    label=lambda r: r.reference,
)
CONTROL = EntitySpec(
    "control", "controls", Control, {"effectiveness": Effectiveness},
    label=lambda c: c.description[:60],
)
ACTION = EntitySpec(
    "action", "actions", Action, {"status": ActionStatus, "rag": Rag},
    dates=frozenset({"due_date"}), label=lambda a: a.description[:60],
)
PERSON = EntitySpec("person", "people", Person, {}, label=lambda p: p.name)
PERIOD = EntitySpec(
    "period", "periods", Period, {}, dates=frozenset({"start", "end"}), label=lambda p: p.label
)
LINK = EntitySpec("link", "links", Link, {}, label=lambda link: link.kind)

SPECS = {spec.name: spec for spec in (REGISTER, RISK, CONTROL, ACTION, PERSON, PERIOD, LINK)}
