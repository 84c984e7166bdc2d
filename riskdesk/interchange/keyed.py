"""Sheets keyed by the risk reference: controls, actions and links (riskdesk's own or a council's), and the
register tree of riskdesk's own export."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from riskdesk.core.model import Effectiveness
from riskdesk.core.validation import MAX_TEXT
from riskdesk.interchange.cells import unguard_formula
from riskdesk.interchange.layout import normalise
from riskdesk.interchange.sheets import Grid
from riskdesk.interchange.values import (
    ACTION_STATUS_WORDS,
    EFFECTIVENESS_WORDS,
    RAG_WORDS,
    ValueProblem,
    plain,
    read_choice,
    read_day,
)

_REFERENCE = {"risk reference", "reference", "risk ref", "ref", "risk id", "risk no", "risk number"}
_CONTROL = {"control", "controls", "control description", "description", "mitigation", "existing control"}
_ACTION = {"action", "actions", "action description", "description", "further action"}


@dataclass
class KeyedItem:
    """A control or action row of a keyed sheet: which risk, which fields."""

    number: int
    register: str
    reference: str
    fields: dict[str, Any]


@dataclass
class KeyedSheets:
    """What the other sheets of the workbook add to the risks."""

    controls: list[KeyedItem] = field(default_factory=list)
    actions: list[KeyedItem] = field(default_factory=list)
    links: list[tuple[int, str, str, str, str, str]] = field(default_factory=list)  # row, from reg/ref, kind, to
    registers: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # name, parent name, fields
    periods: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # label, start/end/closed
    problems: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return unguard_formula(value if isinstance(value, str) else plain(value))


def _columns(grid: Grid) -> dict[str, int]:
    return {normalise(str(h)): i for i, h in enumerate(grid.row(1)) if h not in (None, "")}


def _get(cells: list[Any], index: int | None) -> Any:
    return cells[index] if index is not None and index < len(cells) else None


def read_keyed(grids: list[Grid], main_sheet: str) -> KeyedSheets:
    """Controls, Actions, Links and Registers sheets beside the risks sheet."""
    found = KeyedSheets()
    for grid in grids:
        if grid.name == main_sheet or not grid.rows:
            continue
        columns = _columns(grid)
        name = normalise(grid.name)
        reference = next((columns[k] for k in _REFERENCE if k in columns), None)
        if name == "registers" and "name" in columns:
            _registers(grid, columns, found)
        elif name == "periods" and "period" in columns:
            _periods(grid, columns, found)
        elif name == "links" and {"from reference", "to reference"} <= set(columns):
            _links(grid, columns, found)
        elif reference is not None and name.startswith("control"):
            _items(grid, columns, reference, _CONTROL, found.controls, found, "Control")
        elif reference is not None and name.startswith("action"):
            _items(grid, columns, reference, _ACTION, found.actions, found, "Action")
        else:
            continue
        found.sheets.append(grid.name)
    return found


def _items(grid: Grid, columns: dict[str, int], reference: int, names: set[str], into: list[KeyedItem],
           found: KeyedSheets, kind: str) -> None:
    text_column = next((columns[k] for k in names if k in columns), None)
    if text_column is None:
        found.problems.append(f"The sheet {grid.name} has no {kind} column; it was not read")
        return
    register = columns.get("register")
    for number in range(2, len(grid.rows) + 1):
        cells = grid.rows[number - 1]
        description = _text(_get(cells, text_column))
        ref = _text(_get(cells, reference)).strip()
        if not description.strip() and not ref:
            continue
        where = f"{grid.name} row {number}"
        if not ref:
            found.problems.append(f"{where}: the {kind.lower()} names no risk reference")
            continue
        if not description.strip():
            found.problems.append(f"{where}: the {kind.lower()} is empty")
            continue
        if len(description) > MAX_TEXT:
            found.problems.append(f"{where}, {kind}: must be at most {MAX_TEXT:,} characters")
            continue
        fields: dict[str, Any] = {"description": description}
        try:
            fields.update(_item_fields(cells, columns, kind))
        except ValueProblem as problem:
            found.problems.append(f"{where}: {problem}")
            continue
        into.append(KeyedItem(number, _text(_get(cells, register)).strip(), ref, fields))


def _item_fields(cells: list[Any], columns: dict[str, int], kind: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if "owner" in columns:
        fields["owner"] = _text(_get(cells, columns["owner"]))
    if kind == "Control":
        value = _get(cells, columns.get("effectiveness"))
        fields["effectiveness"] = (read_choice(value, EFFECTIVENESS_WORDS, "Effectiveness")
                                   if _text(value).strip() else Effectiveness.UNKNOWN)
        return fields
    for heading, name in (("due date", "due_date"),):
        if heading in columns:
            fields[name] = read_day(_get(cells, columns[heading]), "Due date")
    status = _get(cells, columns.get("status"))
    if _text(status).strip():
        fields["status"] = read_choice(status, ACTION_STATUS_WORDS, "Action status")
    rag = _get(cells, columns.get("rag"))
    fields["rag"] = read_choice(rag, RAG_WORDS, "RAG") if _text(rag).strip() else None
    if "progress" in columns:
        fields["progress"] = _text(_get(cells, columns["progress"]))
    return fields


def _links(grid: Grid, columns: dict[str, int], found: KeyedSheets) -> None:
    for number in range(2, len(grid.rows) + 1):
        cells = grid.rows[number - 1]
        parts = [_text(_get(cells, columns.get(k))).strip()
                 for k in ("from register", "from reference", "kind", "to register", "to reference")]
        if any(parts):
            found.links.append((number, parts[0], parts[1], parts[2] or "represented on", parts[3], parts[4]))


def _registers(grid: Grid, columns: dict[str, int], found: KeyedSheets) -> None:
    from riskdesk.core.model import RegisterKind

    kinds = {k.value: k for k in RegisterKind}
    for number in range(2, len(grid.rows) + 1):
        cells = grid.rows[number - 1]
        name = _text(_get(cells, columns["name"])).strip()
        if not name:
            continue
        fields: dict[str, Any] = {}
        kind = _text(_get(cells, columns.get("kind"))).strip().lower()
        if kind:
            if kind not in kinds:
                found.problems.append(f"{grid.name} row {number}, Kind: must be one of {', '.join(kinds)}; "
                                      f"got {kind!r}")
                continue
            fields["kind"] = kinds[kind]
        for heading in ("owner", "description", "commentary"):
            if heading in columns:
                fields[heading] = _text(_get(cells, columns[heading]))
        found.registers.append((name, _text(_get(cells, columns.get("parent"))).strip(), fields))


def _periods(grid: Grid, columns: dict[str, int], found: KeyedSheets) -> None:
    """riskdesk's own Periods sheet: each reporting period's label, first and last day, and whether closed."""
    for number in range(2, len(grid.rows) + 1):
        cells = grid.rows[number - 1]
        label = _text(_get(cells, columns["period"])).strip()
        if not label:
            continue
        try:
            fields: dict[str, Any] = {"start": read_day(_get(cells, columns.get("start")), "Start"),
                      "end": read_day(_get(cells, columns.get("end")), "End")}
            closed = _get(cells, columns.get("closed"))
            fields["closed"] = bool(read_choice(closed, _CLOSED, "Closed")) if _text(closed).strip() else False
        except ValueProblem as problem:
            found.problems.append(f"{grid.name} row {number}: {problem}")
            continue
        if fields["start"] and fields["end"] and fields["end"] < fields["start"]:
            found.problems.append(f"{grid.name} row {number}: the period {label} ends before it starts")
            continue
        found.periods.append((label, fields))


_CLOSED = {"yes": True, "y": True, "closed": True, "no": False, "n": False, "open": False}

