"""Scheme files: a council's scoring scheme as JSON, set up once and used for every new register."""

from __future__ import annotations

import json
from pathlib import Path

from riskdesk.core.presets import PRESET_NAMES, preset
from riskdesk.core.scheme import ScoringScheme
from riskdesk.core.serialise import SchemeFormatError, scheme_from_dict, scheme_to_dict


class SchemeFileError(Exception):
    """A scheme file that cannot be used; the message is one sentence naming the file and the field."""


def read_scheme_file(path: Path) -> ScoringScheme:
    """The scheme in a JSON file (a scheme, or a whole riskdesk export), checked to be sound."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SchemeFileError(f"{path}: there is no such scheme file.") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "it is not readable text"
        raise SchemeFileError(f"{path.name}: the scheme file cannot be read ({reason}).") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SchemeFileError(f"{path.name}: the scheme file is not JSON (line {error.lineno}: {error.msg}).") from None
    try:
        scheme = scheme_from_dict(data)
    except SchemeFormatError as error:
        raise SchemeFileError(f"{path.name}: {error}.") from None
    problems = scheme.problems()
    if problems:
        extra = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SchemeFileError(f"{path.name}: {problems[0][0].lower()}{problems[0][1:]}{extra}.")
    return scheme


def write_scheme_file(scheme: ScoringScheme, path: Path) -> Path:
    """Write a scheme as JSON, complete before it replaces anything at path."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(scheme_to_dict(scheme), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(path)
    return path


def scheme_named(preset_name: str | None, scheme_file: Path | None) -> ScoringScheme:
    """A preset by name or a scheme file (the file wins when both are given); 5x5 when neither."""
    if scheme_file is not None:
        return read_scheme_file(scheme_file)
    name = preset_name or "5x5"
    if name not in PRESET_NAMES:
        raise SchemeFileError(f"there is no preset called {name!r}; choose one of {', '.join(PRESET_NAMES)}.")
    return preset(name)
