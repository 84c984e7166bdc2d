"""Schemes and settings as plain JSON-ready dictionaries, and back."""

from __future__ import annotations

from typing import Any

from riskdesk.core.model import Settings
from riskdesk.core.scheme import Band, Level, ScoringScheme


class SchemeFormatError(ValueError):
    """A scheme file or stored scheme that cannot be read; the message names the field."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def scheme_to_dict(scheme: ScoringScheme) -> dict[str, Any]:
    """A scheme as a dictionary that json can write (the export's "scheme")."""
    data: dict[str, Any] = {
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
    if scheme.vertical_axis:
        data["vertical_axis"] = scheme.vertical_axis
    return data


def scheme_from_dict(data: Any) -> ScoringScheme:
    """A scheme read back from scheme_to_dict's form (or a whole export holding one).

    Raises SchemeFormatError naming the first field that cannot be read. Files written
    before levels had values read as before: each level scores its number.
    """
    if isinstance(data, dict) and "scheme" in data and "likelihood" not in data:
        data = data["scheme"]  # a whole riskdesk export: its scheme
    scheme_map = _mapping(data, "scheme", "the scheme")
    overrides: dict[tuple[int, int], str] = {}
    for position, item in enumerate(_list(scheme_map, "cell_overrides", required=False), start=1):
        where = f"cell override {position}"
        entry = _mapping(item, "cell_overrides", where)
        cell = (_whole(entry, "likelihood", where), _whole(entry, "impact", where))
        overrides[cell] = _text(entry, "band", where)
    criteria_map = scheme_map.get("criteria", {}) or {}
    if not isinstance(criteria_map, dict):
        raise SchemeFormatError("criteria", "criteria must be a table of category names to texts")
    criteria: dict[str, tuple[str, ...]] = {}
    for category, texts in criteria_map.items():
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            # The category as one line: a name holding a line break would split the sentence.
            named = " ".join(str(category).split()) or repr(category)
            raise SchemeFormatError("criteria", f"impact criteria for {named} must be a list of texts")
        criteria[str(category)] = tuple(texts)
    axis = scheme_map.get("vertical_axis", "") or ""
    if axis not in ("", "likelihood", "impact"):
        raise SchemeFormatError("vertical_axis", f"vertical_axis must be likelihood or impact; got {axis!r}")
    return ScoringScheme(
        name=_text(scheme_map, "name", "the scheme"),
        likelihood=_levels(scheme_map, "likelihood"),
        impact=_levels(scheme_map, "impact"),
        bands=tuple(_band(item, position)
                    for position, item in enumerate(_list(scheme_map, "bands"), start=1)),
        criteria=criteria,
        cell_overrides=overrides,
        vertical_axis=str(axis),
    )


def _levels(data: dict[str, Any], scale: str) -> tuple[Level, ...]:
    levels = []
    for position, item in enumerate(_list(data, scale), start=1):
        where = f"{scale} level {position}"
        entry = _mapping(item, scale, where)
        value = entry.get("value")
        if value is not None and _whole(entry, "value", where) < 1:
            raise SchemeFormatError("value", f"the value of {where} must be 1 or more; got {value!r}")
        levels.append(Level(
            _whole(entry, "number", where), _text(entry, "label", where),
            _text(entry, "description", where, required=False),
            0 if value is None else _whole(entry, "value", where),
            _text(entry, "probability", where, required=False), _text(entry, "frequency", where, required=False),
        ))
    return tuple(levels)


def _band(item: Any, position: int) -> Band:
    where = f"band {position}"
    entry = _mapping(item, "bands", where)
    return Band(_text(entry, "name", where), _whole(entry, "low", where), _whole(entry, "high", where),
                _text(entry, "colour", where))


def _mapping(item: Any, field: str, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise SchemeFormatError(field, f"{where} must be a table of named fields")
    return item


def _list(data: dict[str, Any], key: str, required: bool = True) -> list[Any]:
    value = data.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise SchemeFormatError(key, f"{key} must be a list" + ("" if key in data else "; it is missing"))
    return value


def _whole(entry: dict[str, Any], key: str, where: str) -> int:
    value = entry.get(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        got = "it is missing" if key not in entry else f"got {value!r}"
        raise SchemeFormatError(key, f"the {key} of {where} must be a whole number; {got}")
    return value


def _text(entry: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        got = "it is missing" if key not in entry else f"got {value!r}"
        raise SchemeFormatError(key, f"the {key} of {where} must be text; {got}")
    return value


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
    data: dict[str, Any] = {"number": level.number, "label": level.label, "description": level.description,
                            "value": level.value}
    if level.probability:
        data["probability"] = level.probability
    if level.frequency:
        data["frequency"] = level.frequency
    return data
