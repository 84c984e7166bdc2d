"""Reading riskdesk's own JSON export back into records, every one checked before anything is written.

The export (see json_export) holds every record with its id, so a register rebuilt from it keeps its
ids: the history, which names records by id, then still says how each stood at every period's close.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from riskdesk.core.model import (
    CHOICE_FIELDS,
    SCORE_FIELDS,
    Action,
    Control,
    HistoryEntry,
    Link,
    Period,
    Person,
    Register,
    Risk,
    RiskStatus,
    Score,
    Settings,
    Snapshot,
)
from riskdesk.core.scheme import ScoringScheme
from riskdesk.core.serialise import SchemeFormatError, scheme_from_dict, settings_from_dict
from riskdesk.core.validation import MAX_TEXT, risk_problems, score_problems
from riskdesk.interchange.json_export import FORMAT, FORMAT_VERSION
from riskdesk.interchange.sheets import SpreadsheetError


class ExportFileError(SpreadsheetError):
    """A JSON file that is not a riskdesk export this riskdesk can rebuild; one sentence naming file and record."""


@dataclass
class ExportDocument:
    """Everything a riskdesk JSON export holds, as records ready to write."""

    scheme: ScoringScheme
    settings: Settings
    registers: list[Register] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    controls: list[Control] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # the appetite and review cadence, as the file keeps them


def read_export(source: Path) -> ExportDocument:
    """The records of a riskdesk JSON export, or ExportFileError naming the file, the record and the field."""
    name = source.name
    try:
        data = json.loads(source.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ExportFileError(f"{name} could not be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise ExportFileError(f"{name} is not a riskdesk export: it is not text (UTF-8)") from None
    except json.JSONDecodeError as error:
        raise ExportFileError(f"{name} is not a riskdesk export: it is not JSON (line {error.lineno}: "
                              f"{error.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExportFileError(f"{name} is not a riskdesk export (it does not say \"format\": \"{FORMAT}\"); "
                              "riskdesk imports its own JSON exports, and spreadsheets (.xlsx or .csv)")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExportFileError(f"{name}: its format_version is {version!r}, not a whole number")
    if version > FORMAT_VERSION:
        raise ExportFileError(f"{name} was written by a later riskdesk (export format {version}); this riskdesk "
                              f"reads format {FORMAT_VERSION} and earlier: update riskdesk to import it")
    return _Reader(name).document(data)


class _Reader:
    """Reads one export, naming the record and field of the first thing that cannot be used."""

    def __init__(self, name: str) -> None:
        self.name = name
        # Worked out once per kind of record and once per score: a 10,000-risk export holds
        # 200,000 records and 300,000 scores, so the per-field work is kept small.
        self._fields: dict[type, list[tuple[dataclasses.Field[Any], bool]]] = {}
        self._scores: dict[tuple[str, int, int], Score] = {}

    def fail(self, where: str, message: str) -> ExportFileError:
        return ExportFileError(f"{self.name}, {where}: {message}")

    def document(self, data: dict[str, Any]) -> ExportDocument:
        try:
            scheme = scheme_from_dict(data.get("scheme"))
        except SchemeFormatError as error:
            raise self.fail("scheme", str(error)) from None
        problems = scheme.problems()
        if problems:
            raise self.fail("scheme", problems[0])
        settings_data = data.get("settings") or {}
        try:
            settings = settings_from_dict(self.table(settings_data, "settings"))
        except (AttributeError, TypeError, ValueError) as error:
            raise self.fail("settings", str(error)) from None
        doc = ExportDocument(scheme, settings)
        for key in ("appetite", "cadence"):
            if data.get(key) is not None:
                doc.meta[key] = self.table(data[key], key)
        doc.registers = [self.record(Register, r, f"register {self.label(r, 'name', n)}", skip=("parent",))
                         for n, r in enumerate(self.items(data, "registers"), start=1)]
        doc.people = [self.record(Person, p, f"person {self.label(p, 'name', n)}")
                      for n, p in enumerate(self.items(data, "people"), start=1)]
        doc.periods = [self.record(Period, p, f"period {self.label(p, 'label', n)}")
                       for n, p in enumerate(self.items(data, "periods"), start=1)]
        periods = {p.label: p for p in doc.periods}
        for number, entry in enumerate(self.items(data, "risks"), start=1):
            self.risk(doc, entry, number, periods)
        doc.history = [self.history(h, n) for n, h in enumerate(self.items(data, "history"), start=1)]
        self.check_references(doc)
        return doc

    # -- pieces ------------------------------------------------------------------

    def items(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(key, f"\"{key}\" must be a list of records")
        return value

    def table(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"\"{where}\" must be a table of named values")
        return value

    @staticmethod
    def label(entry: dict[str, Any], key: str, number: int) -> str:
        value = entry.get(key)
        return str(value) if isinstance(value, str) and value.strip() else f"number {number}"

    def record(self, cls: type, entry: dict[str, Any], where: str, skip: tuple[str, ...] = (),
               extra: dict[str, Any] | None = None) -> Any:
        """A record of cls from its exported fields, each checked against the field's type."""
        values: dict[str, Any] = dict(extra or {})
        specs = self._fields.get(cls)
        if specs is None:
            specs = self._fields[cls] = [
                (spec, spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING)
                for spec in dataclasses.fields(cls)]
        for spec, required in specs:
            name = spec.name
            if name in values or name in skip:
                continue
            if name not in entry:
                if required:
                    raise self.fail(where, f"the field \"{name}\" is missing")
                continue
            raw = entry[name]
            # Plain text, the common case, needs no more than this check.
            if type(raw) is str and spec.type == "str" and len(raw) <= MAX_TEXT:
                values[name] = raw
            else:
                values[name] = self.value(cls, spec, raw, where)
        return cls(**values)

    def value(self, cls: type, spec: dataclasses.Field[Any], raw: Any, where: str) -> Any:
        kind = str(spec.type)
        optional = "None" in kind
        if raw is None:
            if optional:
                return None
            raise self.fail(where, f"{spec.name} must not be empty (null)")
        enum = CHOICE_FIELDS.get(cls, {}).get(spec.name)
        if enum is not None:
            try:
                return enum(raw)
            except ValueError:
                choices = ", ".join(m.value for m in enum)
                raise self.fail(where, f"{spec.name} must be one of {choices}; it is {raw!r}") from None
        if kind.startswith("date"):
            try:
                return date.fromisoformat(raw)
            except (TypeError, ValueError):
                raise self.fail(where, f"{spec.name} must be a date written 2024-03-31; it is {raw!r}") from None
        if kind.startswith("bool"):
            if not isinstance(raw, bool):
                raise self.fail(where, f"{spec.name} must be true or false; it is {raw!r}")
            return raw
        if kind.startswith("int"):
            if not isinstance(raw, int) or isinstance(raw, bool):
                raise self.fail(where, f"{spec.name} must be a whole number; it is {raw!r}")
            return raw
        if kind.startswith("str"):
            if not isinstance(raw, str):
                raise self.fail(where, f"{spec.name} must be text; it is {raw!r}")
            if len(raw) > MAX_TEXT and spec.name not in ("old", "new"):
                raise self.fail(where, f"{spec.name} must be at most {MAX_TEXT:,} characters; it has {len(raw):,}")
            return raw
        return raw

    def score(self, raw: Any, where: str, kind: str, scheme: ScoringScheme) -> Score | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise self.fail(where, f"the {kind} score must be a table with likelihood and impact")
        likelihood, impact = raw.get("likelihood"), raw.get("impact")
        if not (isinstance(likelihood, int) and isinstance(impact, int)) or isinstance(likelihood, bool) \
                or isinstance(impact, bool):
            raise self.fail(where, f"the {kind} score's likelihood and impact must be whole numbers; they are "
                                   f"{likelihood!r} and {impact!r}")
        known = self._scores.get((kind, likelihood, impact))
        if known is not None:
            return known
        score = Score(likelihood, impact)
        problems = score_problems(scheme, kind, score)
        if problems:
            raise self.fail(where, problems[0].message)
        self._scores[(kind, likelihood, impact)] = score
        return score

    def risk(self, doc: ExportDocument, entry: dict[str, Any], number: int, periods: dict[str, Period]) -> None:
        where = f"risk {self.label(entry, 'reference', number)}"
        scores = {kind: self.score(entry.get(kind), where, kind, doc.scheme) for kind in SCORE_FIELDS}
        risk: Risk = self.record(Risk, entry, where, extra=scores)
        problems = risk_problems(doc.scheme, risk)
        if problems:
            caption = problems[0].field.replace("_", " ").capitalize()
            raise self.fail(where, f"{caption}: {problems[0].message}")
        doc.risks.append(risk)
        for position, item in enumerate(self.listed(entry, "controls", where), start=1):
            doc.controls.append(self.record(Control, item, f"{where}, control {position}"))
        for position, item in enumerate(self.listed(entry, "actions", where), start=1):
            doc.actions.append(self.record(Action, item, f"{where}, action {position}"))
        for position, item in enumerate(self.listed(entry, "links", where), start=1):
            to_id, kind = item.get("to_id"), item.get("kind", "represented on")
            # The link's own id (exports since links carried one) lets a merge with the original
            # recognise it; an older export's links get new ids.
            link_id, version = item.get("id") or str(uuid.uuid4()), item.get("version", 1)
            if not (isinstance(to_id, str) and isinstance(kind, str) and isinstance(link_id, str)) \
                    or type(version) is not int:
                raise self.fail(f"{where}, link {position}", "a link needs the id of the risk it goes to")
            doc.links.append(Link(link_id, risk.id, to_id, kind, version))
        for item in self.listed(entry, "periods", where):
            label = item.get("period")
            period = periods.get(label) if isinstance(label, str) else None
            here = f"{where}, period {label}"
            if period is None:
                raise self.fail(here, f"there is no period {label!r} in the file's list of periods")
            status = item.get("status")
            try:
                status_value = RiskStatus(status) if status is not None else None
            except ValueError:
                raise self.fail(here, f"status must be one of {', '.join(s.value for s in RiskStatus)}; "
                                      f"it is {status!r}") from None
            comment = item.get("comment", "")
            if not isinstance(comment, str):
                raise self.fail(here, "the comment must be text")
            inherent, residual, target = (self.score(item.get(k), here, k, doc.scheme) for k in SCORE_FIELDS)
            doc.snapshots.append(Snapshot(period.id, risk.id, status_value, inherent, residual, target, comment))

    def listed(self, entry: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(where, f"its \"{key}\" must be a list of records")
        return value

    def history(self, entry: dict[str, Any], number: int) -> HistoryEntry:
        entry = {**entry, "id": number}  # the file numbers its history afresh, in the same order
        return self.record(HistoryEntry, entry, f"history entry {number}")  # type: ignore[no-any-return]

    def check_references(self, doc: ExportDocument) -> None:
        """Every id a record points at is a record of the file, and no id is used twice."""
        registers = {r.id for r in doc.registers}
        risks = {r.id: r for r in doc.risks}
        for kind, records in (("register", doc.registers), ("risk", doc.risks), ("control", doc.controls),
                              ("action", doc.actions), ("period", doc.periods), ("person", doc.people),
                              ("link", doc.links)):
            seen: set[str] = set()
            for record in records:
                if record.id in seen:
                    raise self.fail(f"{kind} {getattr(record, 'reference', '') or record.id}",
                                    "its id is used by another record too")
                seen.add(record.id)
        for register in doc.registers:
            if register.parent_id is not None and register.parent_id not in registers:
                raise self.fail(f"register {register.name}", "it sits under a register the file does not hold")
        for risk in doc.risks:
            if risk.register_id not in registers:
                raise self.fail(f"risk {risk.reference}", "it belongs to a register the file does not hold")
        for link in doc.links:
            if link.to_risk_id not in risks:
                raise self.fail(f"risk {risks[link.from_risk_id].reference}",
                                "it is linked to a risk the file does not hold")
