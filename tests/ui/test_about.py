"""The About box lists every bundled part with its licence, read from the installed packages."""

from __future__ import annotations

import importlib.util
from importlib import metadata
from pathlib import Path

from riskdesk import __version__
from riskdesk.services.components import bundled_components, python_packages
from riskdesk.ui.about import AboutDialog

ROOT = Path(__file__).resolve().parents[2]


def _rows(dialog: AboutDialog) -> dict[str, tuple[str, str]]:
    table = dialog.table
    return {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}


def test_the_about_box_names_each_part_its_version_and_licence(make_window, qtbot) -> None:
    window = make_window(None)
    window.actions_by_name["about"].trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    qtbot.waitUntil(dialog.isVisible)
    rows = _rows(dialog)
    assert rows["riskdesk"][0] == __version__
    assert rows["Qt"][1].startswith("LGPL")
    for name in ("PySide6", "reportlab", "sqlite-utils", "openpyxl", "platformdirs"):
        shown = next(key for key in rows if key.lower() == name.lower())
        assert rows[shown][0] == metadata.version(name)
        assert rows[shown][1]
    assert {"Python", "SQLite", "DejaVu Sans fonts"} <= set(rows)
    assert all(licence for _version, licence in rows.values())
    dialog.reject()


def test_the_parts_follow_each_requirement_down(qtbot) -> None:
    names = {part.name.lower().replace("_", "-") for part in python_packages()}
    # openpyxl needs et_xmlfile; sqlite-utils needs click: found by following requirements.
    assert {"openpyxl", "et-xmlfile", "sqlite-utils", "click", "pyside6", "shiboken6"} <= names
    assert not {"pytest", "ruff", "mypy"} & names  # the tools of the build are not shipped
    sqlite_utils = next(part for part in python_packages() if part.name == "sqlite-utils")
    assert sqlite_utils.licence == "Apache-2.0" and all(p.is_file() for p in sqlite_utils.licence_files)
    assert len({part.name for part in bundled_components()}) == len(bundled_components())


def test_the_licences_folder_holds_each_parts_text(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("collect_licences", ROOT / "packaging" / "collect_licences.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    parts = module.write_licences(tmp_path / "licences")
    readme = (tmp_path / "licences" / "README.txt").read_text(encoding="utf-8")
    for part in parts:
        assert f"{part.name} {part.version}: {part.licence}" in readme
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (tmp_path / "licences" / "Qt-through-PySide6" /
                                                   "Qt-LGPL-3.0.txt").read_text(encoding="utf-8")
    assert (tmp_path / "licences" / "DejaVu-Sans-fonts" / "LICENSE-DejaVu.txt").is_file()
    assert any((tmp_path / "licences" / "reportlab").iterdir())
