"""The complete JSON export: every record, every field, scheme, periods and history."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import Risk, Score
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


def build_document(contents: RegisterContents) -> dict[str, Any]:
    """The export as a JSON-ready dictionary."""
    scheme = contents.scheme
    names = {r.id: r.name for r in contents.registers}
    labels = {p.id: p.label for p in contents.periods}
    references = {r.id: r.reference for r in contents.risks}

    def risk_entry(risk: Risk) -> dict[str, Any]:
        entry = _record(risk, skip=("inherent", "residual", "target"))
        entry["register"] = names.get(risk.register_id, "")
        for kind in ("inherent", "residual", "target"):
            entry[kind] = score_dict(scheme, getattr(risk, kind))
        entry["direction"] = contents.live_direction(risk).value
        entry["controls"] = [_record(c) for c in contents.controls_of(risk.id)]
        entry["actions"] = [_record(a) for a in contents.actions_of(risk.id)]
        entry["links"] = [
            {"kind": link.kind, "to": references.get(link.to_risk_id, ""), "to_id": link.to_risk_id}
            for link in contents.links if link.from_risk_id == risk.id
        ]
        entry["periods"] = [
            {"period": labels.get(s.period_id, ""), "status": s.status.value,
             "inherent": score_dict(scheme, s.inherent), "residual": score_dict(scheme, s.residual),
             "target": score_dict(scheme, s.target), "comment": s.comment}
            for p in contents.closed_periods()
            if (s := contents.snapshot(p.id, risk.id)) is not None
        ]
        return entry

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "scheme": scheme_to_dict(scheme),
        "settings": settings_to_dict(contents.settings),
        "registers": [
            {**_record(r), "parent": names.get(r.parent_id) if r.parent_id else None}
            for r in contents.registers
        ],
        "people": [_record(p) for p in contents.people],
        "periods": [_record(p) for p in contents.periods],
        "risks": [risk_entry(r) for r in contents.risks],
        "history": [_record(h) for h in contents.history],
    }


def write_json(contents: RegisterContents, target: Path) -> None:
    """Write the export to a file, replacing it only once the whole text is ready."""
    text = json.dumps(build_document(contents), indent=2, ensure_ascii=False)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
