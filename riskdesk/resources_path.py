"""Where the shipped resources (fonts, icons, demo definitions) live."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "_resources"
_SOURCE = Path(__file__).resolve().parent.parent / "resources"


def resource_dir() -> Path:
    """Return the resources folder: inside the wheel, or beside the package in a checkout."""
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE


def resource(*parts: str) -> Path:
    """Return the path of one shipped resource file."""
    return resource_dir().joinpath(*parts)


def guide_dir() -> Path:
    """Return the user guide's folder (Markdown and pictures): shipped with the app, or docs/guide."""
    packaged = _PACKAGED / "guide"
    return packaged if packaged.is_dir() else _SOURCE.parent / "docs" / "guide"
