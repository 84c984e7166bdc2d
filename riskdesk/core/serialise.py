"""Schemes and settings as plain JSON-ready dictionaries, and back."""

from __future__ import annotations

from typing import Any

from riskdesk.core.model import Settings
from riskdesk.core.scheme import Band, Level, ScoringScheme


def scheme_to_dict(scheme: ScoringScheme) -> dict[str, Any]:
    """A scheme as a dictionary that json can write."""
    return {
        "name": scheme.name,
        "likelihood": [_level(level) for level in scheme.likelihood],
        "impact": [_level(level) for level in scheme.impact],
        "bands": [
            {"name": b.name, "low": b.low, "high": b.high, "colour": b.colour} for b in scheme.bands
        ],
        "criteria": {category: list(texts) for category, texts in scheme.criteria.items()},
        "cell_overrides": [
            {"likelihood": likelihood, "impact": impact, "band": band}
            for (likelihood, impact), band in sorted(scheme.cell_overrides.items())
        ],
    }


def scheme_from_dict(data: dict[str, Any]) -> ScoringScheme:
    """A scheme read back from scheme_to_dict's form."""
    return ScoringScheme(
        name=str(data["name"]),
        likelihood=tuple(Level(int(x["number"]), x["label"], x.get("description", "")) for x in data["likelihood"]),
        impact=tuple(Level(int(x["number"]), x["label"], x.get("description", "")) for x in data["impact"]),
        bands=tuple(Band(b["name"], int(b["low"]), int(b["high"]), b["colour"]) for b in data["bands"]),
        criteria={k: tuple(v) for k, v in data.get("criteria", {}).items()},
        cell_overrides={
            (int(o["likelihood"]), int(o["impact"])): o["band"] for o in data.get("cell_overrides", [])
        },
    )


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """Settings as a dictionary."""
    return {
        "council_name": settings.council_name,
        "arrow_style": settings.arrow_style,
        "logo_path": settings.logo_path,
        "extra": dict(settings.extra),
    }


def settings_from_dict(data: dict[str, Any] | None) -> Settings:
    """Settings read back; missing keys take their defaults."""
    data = data or {}
    defaults = Settings()
    return Settings(
        council_name=data.get("council_name", defaults.council_name),
        arrow_style=data.get("arrow_style", defaults.arrow_style),
        logo_path=data.get("logo_path", defaults.logo_path),
        extra=dict(data.get("extra", {})),
    )


def _level(level: Level) -> dict[str, Any]:
    return {"number": level.number, "label": level.label, "description": level.description}
