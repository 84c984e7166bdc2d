"""Which sheet holds the risks, which row heads it, and what each column is: found, then changeable.

A Mapping says it all: the sheet, the heading row, and for every source column the field it
fills, "note" (kept with the risk's description under its heading) or "ignore". Detection
makes one from the headings councils use; a user changes it on the mapping page or in a
mapping file (JSON), and it is remembered for the next import of the same layout.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from riskdesk.interchange.sheets import Grid, SpreadsheetError

MAPPING_FORMAT = "riskdesk-import-mapping"
NOTE, IGNORE = "note", "ignore"
SCORE_KINDS = ("inherent", "residual", "target")

# Field key -> what the user reads on the mapping page and in the summary.
FIELDS: dict[str, str] = {
    "reference": "Reference", "title": "Title", "description": "Description", "register": "Register",
    "category": "Category", "owner": "Risk owner", "accountable_officer": "Accountable officer",
    "cabinet_member": "Cabinet member", "status": "Status", "treatment": "Treatment",
    "appetite": "Risk appetite", "proximity": "Proximity", "exempt": "Exempt",
    "exempt_paragraph": "Exemption paragraph",
    "period_comment": "Period comment", "last_reviewed": "Last reviewed", "next_review": "Next review",
    "target_date": "Target date", "controls": "Controls (one a line)", "actions": "Actions (one a line)",
    **{f"{kind}.{part}": f"{kind.capitalize()} {part}" for kind in SCORE_KINDS
       for part in ("likelihood", "impact", "score")},
    NOTE: "Keep as a note", IGNORE: "Ignore",
}
LEVEL_PARTS = ("likelihood", "impact")

_EXACT: dict[str, str] = {}
_NAMES = {
    "reference": ["reference", "ref", "risk ref", "risk reference", "risk no", "risk number", "risk id", "id",
                  "number", "no", "ref no"],
    "title": ["title", "risk title", "risk name", "name", "risk", "risk and effects", "risk event"],
    "description": ["description", "risk description", "details", "risk detail", "cause and effect",
                    "description of risk"],
    "register": ["register", "service area", "directorate", "department", "service"],
    "category": ["category", "risk category", "risk type", "theme"],
    "owner": ["risk owner", "owner", "lead", "lead officer", "responsible officer", "responsible person",
              "risk lead"],
    "accountable_officer": ["accountable officer", "accountable", "director"],
    "cabinet_member": ["cabinet member", "portfolio holder", "lead member"],
    "status": ["status", "risk status"],
    "treatment": ["treatment", "response", "strategy", "risk response", "approach", "treatment option"],
    "appetite": ["risk appetite", "appetite"],
    "proximity": ["proximity"],
    "exempt": ["exempt", "exempt part b"],
    "exempt_paragraph": ["exemption paragraph", "exempt paragraph", "schedule 12a paragraph",
                         "exemption paragraph schedule 12a", "part b paragraph", "exempt under paragraph"],
    "period_comment": ["period comment", "comments", "commentary", "progress", "comments and progress of actions",
                       "comment", "update", "latest update", "notes", "progress update"],
    "last_reviewed": ["last reviewed", "last review", "date reviewed", "revision date", "date updated"],
    "next_review": ["next review", "review date", "next review date", "date of next review"],
    "target_date": ["target date"],
    "controls": ["controls", "mitigation", "mitigations", "existing controls", "controls in place",
                 "current controls", "key controls", "existing mitigation"],
    "actions": ["actions", "further actions", "mitigating action", "mitigating actions", "action plan",
                "action", "actions being taken to managing risk", "recommendations action items",
                "planned actions", "further mitigation", "further action required", "open actions list"],
}
for _field, _list in _NAMES.items():
    for _name in _list:
        _EXACT[_name] = _field

_LIKELIHOOD = {"likelihood", "probability", "frequency", "frq", "chance", "prob"}
_IMPACT = {"impact", "severity", "consequence", "consequences", "sev"}
_SCORE = {"score", "rating", "rpn", "index", "priority", "rag"}
_INHERENT = {"inherent", "gross", "original", "baseline", "before", "untreated", "uncontrolled", "pre"}
_RESIDUAL = {"residual", "current", "net", "after", "post", "controlled", "managed"}
_TARGET = {"target", "future", "desired"}
# Columns of riskdesk's own export that riskdesk works out, so a re-import skips them.
OWN_WORKED_OUT = {"inherent band", "residual band", "target band", "direction of travel", "controls",
                  "open actions"}


def normalise(text: str) -> str:
    """A heading reduced to lower-case words: "Risk No." -> "risk no"."""
    text = re.sub(r"\([^)]*\)", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def scale_hint(text: str) -> int | None:
    """The top of a scale named in a heading: "Likelihood (1-10)" -> 10."""
    found = re.search(r"\(\s*[01]\s*(?:-|to|–)\s*(\d+)\s*\)", text)
    return int(found.group(1)) if found else None


def guess_field(heading: str, group: str = "") -> str | None:
    """The field a heading (under its group heading) names, or None."""
    name = normalise(heading)
    words = set(name.split())
    part = ("likelihood" if words & _LIKELIHOOD else "impact" if words & _IMPACT
            else "score" if words & _SCORE or name == "risk index" else None)
    if part is not None and len(words) <= 5:
        context = set(normalise(f"{group} {heading}").split())
        kind = ("inherent" if context & _INHERENT or "no action" in normalise(group + " " + heading)
                else "target" if context & _TARGET else "residual")
        return f"{kind}.{part}"
    if name in _EXACT:
        return _EXACT[name]
    return None


@lru_cache(maxsize=1024)
def _column_index(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter.upper()) - 64
    return number - 1


@dataclass
class ColumnMap:
    """One source column: where it is, what it is headed, what it fills and how its values read."""

    column: str  # the letter, "D"
    heading: str
    to: str = NOTE
    scale: int | None = None  # numbers run 1..scale (or 0..scale) in the source
    steps: int | None = None  # numbers are k x scale/steps, k = 1..steps (a 6-level scale stored out of 10)
    words: dict[str, int] = field(default_factory=dict)  # a word in the cell -> level number

    @property
    def index(self) -> int:
        """The 0-based position of the column."""
        return _column_index(self.column)


@dataclass
class Mapping:
    """How one sheet's columns become risks."""

    sheet: str
    header_row: int
    columns: list[ColumnMap]
    sections: str = "register"  # rows with one filled cell: "register" or "ignore"
    own_layout: bool = False  # riskdesk's own export: texts are exact, worked-out columns skipped

    def targets(self, name: str) -> list[ColumnMap]:
        """The columns that fill a field."""
        return [c for c in self.columns if c.to == name]

    def signature(self) -> str:
        """What identifies the layout: the sheet's name and headings."""
        text = json.dumps([self.sheet, [c.heading for c in self.columns]])
        return hashlib.sha1(text.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The mapping as a JSON-ready dictionary."""
        columns = []
        for column in self.columns:
            entry = {k: v for k, v in asdict(column).items() if v not in (None, {})}
            columns.append(entry)
        return {"format": MAPPING_FORMAT, "version": 1, "sheet": self.sheet, "header_row": self.header_row,
                "sections": self.sections, "own_layout": self.own_layout, "columns": columns}

    @classmethod
    def from_dict(cls, data: dict[str, Any], name: str = "the mapping") -> Mapping:
        """A mapping read from JSON; one sentence when it is not one."""
        try:
            if data.get("format") != MAPPING_FORMAT:
                raise ValueError("it is not a riskdesk import mapping")
            columns = []
            for entry in data["columns"]:
                target = str(entry.get("to", NOTE))
                if target not in FIELDS:
                    raise ValueError(f"column {entry.get('column')} goes to {target!r}, which is not a field")
                columns.append(ColumnMap(str(entry["column"]), str(entry.get("heading", "")), target,
                                         entry.get("scale"), entry.get("steps"),
                                         {str(k): int(v) for k, v in dict(entry.get("words", {})).items()}))
            return cls(str(data["sheet"]), int(data["header_row"]), columns, str(data.get("sections", "register")),
                       bool(data.get("own_layout", False)))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise SpreadsheetError(f"{name} cannot be used ({error})") from None

    def save(self, path: Path) -> None:
        """Write the mapping as a JSON file."""
        path.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Mapping:
        """Read a mapping file; one sentence when it cannot be read."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise SpreadsheetError(f"{path.name} is not a mapping file riskdesk can read ({error})") from None
        return cls.from_dict(data, path.name)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _row_score(cells: list[Any]) -> int:
    return sum(1 for cell in cells if isinstance(cell, str) and guess_field(cell) is not None)


def find_header(grid: Grid, limit: int = 30) -> tuple[int, int]:
    """(row number, number of known headings) of the row most like a heading row."""
    best, best_row = 0, 1
    for number in range(1, min(limit, len(grid.rows)) + 1):
        score = _row_score(grid.row(number))
        if score > best:
            best, best_row = score, number
    return best_row, best


def choose_sheet(grids: list[Grid], wanted: str | None = None) -> Grid:
    """The sheet named, or the one that looks most like a register (not an intro or a lists sheet)."""
    if wanted is not None:
        for grid in grids:
            if grid.name.strip().lower() == wanted.strip().lower():
                return grid
        raise SpreadsheetError(f"There is no sheet called {wanted!r}; the sheets are "
                               f"{', '.join(g.name for g in grids)}")
    for grid in grids:
        if grid.name == "Risks":
            return grid
    ranked = sorted(grids, key=lambda g: (find_header(g)[1] >= 2, find_header(g)[1], len(g.rows)), reverse=True)
    return ranked[0]


def headings(grid: Grid, header_row: int) -> list[tuple[str, str]]:
    """(group heading, field heading) per column: group headings above spread across their columns."""
    header = grid.row(header_row)
    above = [grid.row(n) for n in range(max(1, header_row - 2), header_row)]
    width = max([len(header), *(len(r) for r in above)], default=0)
    while width and all(_text(r[width - 1] if width - 1 < len(r) else None) == "" for r in [header, *above]):
        width -= 1
    filled: list[list[str]] = []
    for row in above:  # a merged group heading is stored in its first cell only
        current, spread = "", []
        for index in range(width):
            text = _text(row[index] if index < len(row) else None)
            current = text or current
            spread.append(current)
        filled.append(spread)
    result = []
    for index in range(width):
        own = _text(header[index] if index < len(header) else None)
        groups = [spread[index] for spread in reversed(filled) if spread[index]]
        raw_above = [_text(row[index] if index < len(row) else None) for row in reversed(above)]
        if not own:  # merged down from the row above
            own = next((t for t in raw_above if t), "")
            groups = [g for g in groups if g != own]
        group = groups[0] if groups else ""
        result.append((group if group != own else "", own))
    return result


def detect(grids: list[Grid], sizes: tuple[int, int] = (5, 5), sheet: str | None = None,
           header_row: int | None = None) -> Mapping:
    """A mapping worked out from the headings and the values below them (sizes: the scheme's levels)."""
    grid = choose_sheet(grids, sheet)
    row = header_row or find_header(grid)[0]
    if header_row is not None and not 0 < header_row <= len(grid.rows):
        raise SpreadsheetError(f"The sheet {grid.name} has no row {header_row}")
    pairs = headings(grid, row)
    own = {"reference", "title", "residual likelihood"} <= {normalise(h) for _, h in pairs}
    columns: list[ColumnMap] = []
    data = grid.rows[row:]
    for index, (group, own_heading) in enumerate(pairs):
        label = f"{group} - {own_heading}" if group and own_heading else (own_heading or group)
        letter = get_column_letter(index + 1)
        values = [r[index] for r in data if index < len(r) and r[index] not in (None, "")]
        column = ColumnMap(letter, label or f"Column {letter}")
        if own and normalise(own_heading) in OWN_WORKED_OUT:
            column.to = IGNORE
        elif not values:
            column.to = IGNORE  # an empty column: nothing to keep, said in the summary
        else:
            column.to = guess_field(own_heading, group) or NOTE
        columns.append(column)
    mapping = Mapping(grid.name, row, columns, own_layout=own)
    _settle(mapping, grid, sizes)
    return mapping


def _settle(mapping: Mapping, grid: Grid, sizes: tuple[int, int]) -> None:
    """Resolve what headings alone cannot: free-text "impact" columns, a title, clashes, scales."""
    from riskdesk.interchange.values import looks_like_levels

    data = grid.rows[mapping.header_row:]
    for column in mapping.columns:
        part = column.to.split(".")[-1]
        if part in LEVEL_PARTS:
            values = [r[column.index] for r in data if column.index < len(r) and r[column.index] not in (None, "")]
            if not looks_like_levels(values):
                column.to = NOTE  # e.g. an "Impact" column holding the consequence in words
            elif not mapping.own_layout:  # riskdesk's own levels are never rescaled
                _scale(column, values, sizes[LEVEL_PARTS.index(part)])
    if not mapping.targets("title") and mapping.targets("description"):
        mapping.targets("description")[0].to = "title"  # the long text is all there is: its first sentence
    seen: dict[str, ColumnMap] = {}
    for column in mapping.columns:
        if column.to in (NOTE, IGNORE):
            continue
        if column.to in seen:
            column.to = NOTE  # two columns for one field: keep the first, the other as a note
        else:
            seen[column.to] = column


def _scale(column: ColumnMap, values: list[Any], top: int) -> None:
    """How a level column's numbers sit on the scheme's scale: as they are, rescaled, or in steps."""
    from riskdesk.interchange.values import as_number, steps_of

    numbers = [n for n in (as_number(v) for v in values) if n is not None]
    if not numbers:
        return  # words: read through the scheme's labels and common words
    hint = scale_hint(column.heading)
    if hint is None and all(n.is_integer() and 0 <= n <= top for n in numbers):
        return
    scale = hint or (10 if max(numbers) <= 10 else 100)
    if scale == top:
        return
    column.scale = scale
    steps = steps_of(numbers, scale)
    if steps is not None and steps < scale:
        column.steps = steps


def duplicate_headings(mapping: Mapping) -> list[str]:
    """Sentences naming headings that appear on more than one column, and how each is read."""
    by_heading: dict[str, list[ColumnMap]] = {}
    for column in mapping.columns:
        own = column.heading.rsplit(" - ", 1)[-1].strip().lower()
        if own:
            by_heading.setdefault(own, []).append(column)
    return [f"The heading {same[0].heading.rsplit(' - ', 1)[-1]!r} is on columns "
            f"{', '.join(c.column for c in same)}: read as "
            + ", ".join(f"{c.column} {FIELDS[c.to].lower()}" for c in same)
            for same in by_heading.values() if len(same) > 1]
