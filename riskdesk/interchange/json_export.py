"""The complete JSON export: every record, every field, scheme, periods and history."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

from riskdesk.core.appetite import appetite_to_dict
from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import HistoryEntry, Score
from riskdesk.core.review_cadence import cadence_to_dict
from riskdesk.core.scheme import ScoringScheme
from riskdesk.core.serialise import scheme_to_dict, settings_to_dict

FORMAT = "riskdesk-export"
FORMAT_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _record(record: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record) if f.name not in skip}


def score_dict(scheme: ScoringScheme, score: Score | None) -> dict[str, Any] | None:
    """A score with its product and band name."""
    if score is None:
        return None
    return {
        "likelihood": score.likelihood,
        "impact": score.impact,
        "score": scheme.value_of(score),
        "band": scheme.band_for(score.likelihood, score.impact).name,
    }


def _grouped(records: Iterable[Any], key: str) -> dict[str, list[Any]]:
    """Records grouped by one field, each group in the records' order."""
    groups: dict[str, list[Any]] = {}
    for record in records:
        groups.setdefault(getattr(record, key), []).append(record)
    return groups


def _risk_entries(contents: RegisterContents) -> Iterator[dict[str, Any]]:
    """Each risk's entry in turn: its fields, scores, controls, actions, links and periods."""
    scheme = contents.scheme
    names = {r.id: r.name for r in contents.registers}
    labels = {p.id: p.label for p in contents.periods}
    references = {r.id: r.reference for r in contents.risks}
    # Grouped once: looking each risk's controls up in the whole list made the export quadratic.
    controls, actions = _grouped(contents.controls, "risk_id"), _grouped(contents.actions, "risk_id")
    links = _grouped(contents.links, "from_risk_id")
    closed = contents.closed_periods()
    for risk in contents.risks:
        entry = _record(risk, skip=("inherent", "residual", "target"))
        entry["register"] = names.get(risk.register_id, "")
        for kind in ("inherent", "residual", "target"):
            entry[kind] = score_dict(scheme, getattr(risk, kind))
        entry["direction"] = contents.live_direction(risk).value
        entry["controls"] = [_record(c) for c in controls.get(risk.id, ())]
        entry["actions"] = [_record(a) for a in actions.get(risk.id, ())]
        entry["links"] = [
            {"kind": link.kind, "to": references.get(link.to_risk_id, ""), "to_id": link.to_risk_id,
             "id": link.id, "version": link.version}
            for link in links.get(risk.id, ())
        ]
        entry["periods"] = [
            {"period": labels.get(s.period_id, ""), "status": _plain(s.status),
             "inherent": score_dict(scheme, s.inherent), "residual": score_dict(scheme, s.residual),
             "target": score_dict(scheme, s.target), "comment": s.comment}
            for p in closed
            if (s := contents.snapshot(p.id, risk.id)) is not None
        ]
        yield entry


def _parts(contents: RegisterContents, history: Iterable[HistoryEntry]) -> list[tuple[str, Any]]:
    """The export's top-level keys in order; risks and history as iterators, read as written."""
    names = {r.id: r.name for r in contents.registers}
    return [
        ("format", FORMAT),
        ("format_version", FORMAT_VERSION),
        ("scheme", scheme_to_dict(contents.scheme)),
        ("settings", settings_to_dict(contents.settings)),
        # The file's risk appetite and review cadence, so a register rebuilt from the export judges alike.
        ("appetite", appetite_to_dict(contents.appetite, contents.scheme) if contents.appetite else None),
        ("cadence", cadence_to_dict(contents.cadence) if contents.cadence else None),
        ("registers", [{**_record(r), "parent": names.get(r.parent_id) if r.parent_id else None}
                       for r in contents.registers]),
        ("people", [_record(p) for p in contents.people]),
        ("periods", [_record(p) for p in contents.periods]),
        ("risks", _risk_entries(contents)),
        ("history", (_record(h) for h in history)),
    ]


def build_document(contents: RegisterContents) -> dict[str, Any]:
    """The export as one JSON-ready dictionary (for small registers; files are written by write_json)."""
    return {key: list(value) if isinstance(value, Iterator) else value
            for key, value in _parts(contents, contents.history)}


def _dumps(value: Any, depth: int) -> str:
    """value as json.dumps(indent=2) would print it nested depth levels deep."""
    # Newlines inside JSON strings are escaped, so every newline here is layout.
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)


def stream_document(out: TextIO, contents: RegisterContents, history: Iterable[HistoryEntry],
                    tick: Callable[[], None] | None = None) -> None:
    """Write the export a risk and a history entry at a time, as json.dumps(indent=2) lays it out.

    Only one risk's entry is in memory at once, so a 10,000-risk register with its full history
    exports in bounded memory; the text is the same as dumping build_document whole. tick, when
    given, is called after each risk and each history entry (it may raise to stop the export).
    """
    out.write("{")
    for number, (key, value) in enumerate(_parts(contents, history)):
        out.write(",\n  " if number else "\n  ")
        out.write(json.dumps(key, ensure_ascii=False) + ": ")
        if not isinstance(value, Iterator):
            out.write(_dumps(value, 1))
            continue
        empty = True
        for item in value:
            out.write("[\n    " if empty else ",\n    ")
            out.write(_dumps(item, 2))
            empty = False
            if tick is not None:
                tick()
        out.write("[]" if empty else "\n  ]")
    out.write("\n}")


def write_json(contents: RegisterContents, target: Path, history: Iterable[HistoryEntry] | None = None,
               tick: Callable[[], None] | None = None) -> None:
    """Write the export to a file, replacing it only once the whole text is written.

    history, when given, is read as it is written (a cursor over the file's history); otherwise
    the history held in contents is written.
    """
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as out:
            stream_document(out, contents, contents.history if history is None else history, tick)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
