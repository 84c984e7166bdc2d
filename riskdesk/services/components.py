"""What riskdesk is built from, with each part's licence: for the About box and the licences folder.

Read from the installed packages' own metadata (so the list is the one actually shipped),
starting from riskdesk's requirements and following theirs, plus the parts that are not
Python packages: Python itself, SQLite and the DejaVu fonts. Qt's entry is added by the
window, which is the only part allowed to ask Qt its version.
"""

from __future__ import annotations

import platform
import re
import sqlite3
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from riskdesk import __version__
from riskdesk.resources_path import resource

# riskdesk's own requirements, for a build that carries no metadata of its own.
DIRECT = ("PySide6", "sqlite-utils", "reportlab", "openpyxl", "platformdirs", "icalendar")
LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)


@dataclass(frozen=True)
class Component:
    """One bundled part: its name, version, licence and where its licence text is."""

    name: str
    version: str
    licence: str
    home: str = ""
    licence_files: tuple[Path, ...] = field(default=(), compare=False)


def _requirement_name(text: str) -> str | None:
    """The package a requirement names, or None for one needed only with an extra."""
    if "extra ==" in text.replace("extra==", "extra =="):
        return None
    marker = text.split(";", 1)[1] if ";" in text else ""
    if "sys_platform" in marker or "platform_system" in marker or "python_version" in marker:
        return None  # not needed on every system: listed only if it is installed here
    found = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", text)
    return found.group(1) if found else None


def _field(dist: metadata.Distribution, name: str) -> str:
    values = dist.metadata.get_all(name) or []
    return str(values[0]) if values else ""


def _licence(dist: metadata.Distribution) -> str:
    """The licence as the package states it: an SPDX expression, a short name, or its classifier."""
    data = dist.metadata
    expression = _field(dist, "License-Expression").strip()
    if expression:
        return expression
    text = " ".join(_field(dist, "License").split())
    if text and len(text) <= 60 and text.upper() not in ("UNKNOWN", "LICENSE"):
        return text
    classifiers = [c.split("::")[-1].strip() for c in (data.get_all("Classifier") or []) if c.startswith("License ::")]
    if classifiers:
        return " / ".join(classifiers)
    return text[:60] or "see its licence file"


def _home(dist: metadata.Distribution) -> str:
    data = dist.metadata
    if _field(dist, "Home-page"):
        return _field(dist, "Home-page")
    for entry in data.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return str(url).strip()
    return ""


def _licence_files(dist: metadata.Distribution) -> tuple[Path, ...]:
    found = []
    for entry in dist.files or []:
        name = entry.name
        inside_metadata = ".dist-info" in str(entry)
        if inside_metadata and LICENCE_FILE.search(name):
            path = Path(str(dist.locate_file(entry)))
            if path.is_file():
                found.append(path)
    return tuple(found)


def python_packages() -> list[Component]:
    """riskdesk's Python packages and theirs, as installed, sorted by name."""
    try:
        wanted = [name for text in (metadata.requires("riskdesk") or []) if (name := _requirement_name(text))]
    except metadata.PackageNotFoundError:
        wanted = list(DIRECT)
    seen: dict[str, Component] = {}
    while wanted:
        name = wanted.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = Component(dist.metadata["Name"] or name, dist.version, _licence(dist), _home(dist),
                              _licence_files(dist))
        wanted.extend(n for text in (dist.requires or []) if (n := _requirement_name(text)))
    return sorted(seen.values(), key=lambda c: c.name.lower())


def bundled_components(extra: list[Component] | None = None) -> list[Component]:
    """Every part riskdesk ships: itself, Python, SQLite, the fonts, the Python packages, and `extra`."""
    fonts = resource("fonts", "LICENSE-DejaVu.txt")
    parts = [
        Component("riskdesk", __version__, "MIT"),
        Component("Python", platform.python_version(), "PSF-2.0", "https://www.python.org"),
        Component("SQLite", sqlite3.sqlite_version, "Public domain", "https://sqlite.org"),
        Component("DejaVu Sans fonts", "2.37", "Bitstream Vera and public domain (DejaVu changes)",
                  "https://dejavu-fonts.github.io", (fonts,) if fonts.is_file() else ()),
        *(extra or []),
    ]
    return parts + python_packages()
