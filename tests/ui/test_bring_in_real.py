"""The five real registers through the import in the window, and the mapping page that changes a column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from riskdesk.core.presets import preset
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.ui.main_window import MainWindow
from tests.ui.test_bring_in import checked, confirm

Make = Callable[[Path | None], MainWindow]
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"
CASES = [
    ("fenland-dc-corporate-risk-register-2019-07.csv", "5x5", 20, 178, 73),
    ("city-of-york-council-guildhall-project-risk-register.xlsx", "6x5", 45, 46, 0),
    ("city-of-london-moorgate-area-project-risk-register.xlsx", "4x4-weighted", 10, 0, 11),
    ("igiugig-village-council-tidal-energy-project-risk-register.xlsx", "5x5", 33, 0, 33),
    ("digital-security-it-sample-risk-register.xlsx", "5x5", 3, 0, 11),
]

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the real registers are laid beside the repository")


def _fresh(tmp_path: Path, scheme: str) -> Path:
    workspace = Workspace.create(tmp_path / f"{scheme}.sqlite", preset(scheme))
    try:
        workspace.create_register("Imported")
    finally:
        workspace.close()
    return tmp_path / f"{scheme}.sqlite"


def _contents(path: Path):
    workspace = Workspace.open(path)
    try:
        return load_contents(workspace)
    finally:
        workspace.close()


@pytest.mark.parametrize(("name", "scheme", "risks", "controls", "actions"), CASES)
def test_each_real_register_imports_through_the_window(name: str, scheme: str, risks: int, controls: int,
                                                      actions: int, qtbot, make_window: Make,
                                                      tmp_path: Path) -> None:
    path = _fresh(tmp_path, scheme)
    window = make_window(path)
    flow = window.bring_in_actions.import_spreadsheet(REAL / name)
    checked(qtbot, flow)
    lines = flow.dialog.lines()
    assert f"{risks} new" in flow.dialog.status_label.text(), (flow.dialog.status_label.text(), lines[:5])
    assert any(line.startswith("Column A ") for line in lines)  # every column is accounted for
    confirm(qtbot, flow)
    contents = _contents(path)
    assert (len(contents.risks), len(contents.controls), len(contents.actions)) == (risks, controls, actions)
    assert all(r.residual is not None for r in contents.risks)


def test_the_mapping_page_changes_a_column_and_is_remembered(qtbot, make_window: Make, tmp_path: Path) -> None:
    name = "igiugig-village-council-tidal-energy-project-risk-register.xlsx"
    path = _fresh(tmp_path, "5x5")
    window = make_window(path)
    flow = window.bring_in_actions.import_spreadsheet(REAL / name)
    checked(qtbot, flow)
    page = flow.choose_columns()
    assert page is not None
    assert page.sheet_combo.currentText() == "Risk Register" and page.row_spin.value() == 3
    headings = [page.table.item(row, 1).text() for row in range(page.table.rowCount())]
    row = next(i for i, h in enumerate(headings) if h.endswith("RBS Level 1"))
    assert page.combo(row).currentText() == "Keep as a note"
    page.combo(row).setCurrentIndex(page.combo(row).findText("Category"))
    page.accept()
    checked(qtbot, flow)
    assert any("RBS Level 1': Category." in line for line in flow.dialog.lines())
    confirm(qtbot, flow)
    contents = _contents(path)
    assert {r.category for r in contents.risks} >= {"External", "Technical"}

    again = window.bring_in_actions.import_spreadsheet(REAL / name)  # the same layout: read as chosen last time
    checked(qtbot, again)
    assert "33 unchanged" in again.dialog.status_label.text()
    assert any("RBS Level 1': Category." in line for line in again.dialog.lines())
    again.dialog.reject()


def test_words_read_as_levels_can_be_changed_on_the_mapping_page(qtbot, make_window: Make, tmp_path: Path) -> None:
    name = "city-of-london-moorgate-area-project-risk-register.xlsx"
    path = _fresh(tmp_path, "5x5")
    window = make_window(path)
    flow = window.bring_in_actions.import_spreadsheet(REAL / name)
    checked(qtbot, flow)
    page = flow.choose_columns()
    assert page is not None
    row = next(i for i in range(page.table.rowCount()) if page.table.item(i, 0).text() == "F")
    assert "Possible = 2" in page.words(row).text()  # the 5x5 scheme's own label
    page.words(row).setText("Rare = 1, Unlikely = two")
    page.accept()
    assert page.isVisible() and "Column F: 'Unlikely = two' should read like" in page.problem_label.text()
    page.words(row).setText("Rare = 1, Unlikely = 2, Possible = 3, Likely = 4")
    page.accept()
    checked(qtbot, flow)
    assert any("Possible = 3" in line for line in flow.dialog.lines())
    confirm(qtbot, flow)
    contents = _contents(path)
    r1 = next(r for r in contents.risks if r.reference == "R1")
    assert r1.residual is not None and r1.residual.likelihood == 3
