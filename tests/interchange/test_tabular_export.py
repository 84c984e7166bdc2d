"""CSV and Excel exports read back with the csv module and openpyxl."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from riskdesk.cli import main
from riskdesk.interchange.tables import RISK_COLUMNS
from riskdesk.services.workspace import Workspace


def test_csv_has_one_row_per_risk_with_scores_and_bands(demo_5x5_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "risks.csv"
    assert main(["export", str(demo_5x5_path), "-o", str(target)]) == 0
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(RISK_COLUMNS)
    assert len(rows) == 17
    sr72 = next(r for r in rows if r["Reference"] == "SR 7.2")
    assert (sr72["Residual score"], sr72["Residual band"], sr72["Direction of travel"]) == ("9", "Medium", "No change")
    assert sr72["Register"] == "Strategic Risk Register"


def test_xlsx_has_risks_controls_and_actions_sheets(demo_5x5_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "risks.xlsx"
    assert main(["export", str(demo_5x5_path), "-o", str(target)]) == 0
    book = load_workbook(target, read_only=False)
    assert book.sheetnames == ["Risks", "Controls", "Actions", "Links", "Periods", "Registers", "Matrix"]
    risks = book["Risks"]
    header = [c.value for c in risks[1]]
    assert header == list(RISK_COLUMNS)
    assert risks.max_row == 18
    band_col = header.index("Residual band") + 1
    high = [row for row in risks.iter_rows(min_row=2) if row[band_col - 1].value == "High"]
    assert high and all(row[band_col - 1].fill.fgColor.rgb.endswith("E2401C") for row in high)
    actions = [r for r in book["Actions"].iter_rows(min_row=2, values_only=True) if r[0] == "SR 7.2"]
    assert len(actions) == 6


def test_a_title_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "r.sqlite", "5x5", "Test Council")
    register, _ = ws.create_register("Strategic Risk Register")
    ws.create_risk(register.id, "SR 1", '=HYPERLINK("http://example.invalid","click")')
    ws.close()
    target = tmp_path / "risks.xlsx"
    assert main(["export", str(tmp_path / "r.sqlite"), "-o", str(target)]) == 0
    cell = load_workbook(target)["Risks"]["B2"]
    assert cell.data_type == "s"
    assert cell.value == "'=HYPERLINK(\"http://example.invalid\",\"click\")"
