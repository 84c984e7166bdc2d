"""Exports of a weighted 4x4, a 6x5 and a 6x6 register carry the scheme and its scores."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from riskdesk.core.serialise import scheme_from_dict
from riskdesk.interchange.json_export import write_json
from riskdesk.interchange.tabular_export import write_csv, write_xlsx
from riskdesk.services.queries import load_contents
from tests.shaped import SHAPED, shaped_register


@pytest.mark.parametrize("name", SHAPED)
def test_json_csv_and_xlsx_carry_the_schemes_scores(name: str, demo_5x5_path: Path, tmp_path: Path) -> None:
    workspace = shaped_register(demo_5x5_path, tmp_path, name)
    try:
        contents = load_contents(workspace, with_history=True)
    finally:
        workspace.close()
    scheme = contents.scheme
    top = scheme.score_of(scheme.max_likelihood, scheme.max_impact)
    top_band = scheme.band_for(scheme.max_likelihood, scheme.max_impact).name

    write_json(contents, tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert scheme_from_dict(data["scheme"]) == scheme, "the export's scheme reads back whole"
    entry = next(r for r in data["risks"] if r["reference"] == "TOP 1")
    assert entry["residual"] == {"likelihood": scheme.max_likelihood, "impact": scheme.max_impact,
                                 "score": top, "band": top_band}
    for risk in data["risks"]:
        if risk["residual"]:
            score = risk["residual"]
            assert score["score"] == scheme.score_of(score["likelihood"], score["impact"])

    write_csv(contents, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["Reference"]: row for row in csv.DictReader(handle)}
    assert rows["TOP 1"]["Residual score"] == str(top)
    assert rows["TOP 1"]["Residual band"] == top_band

    write_xlsx(contents, tmp_path / "out.xlsx")
    book = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    sheet = book[book.sheetnames[0]]
    values = list(sheet.iter_rows(values_only=True))
    header = list(values[0])
    top_row = next(row for row in values if row[header.index("Reference")] == "TOP 1")
    assert top_row[header.index("Residual score")] == top
    book.close()
    # The coloured matrix sheet has a row per likelihood level and a column per impact level, in band colours.
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    matrix = book["Matrix"]
    level_rows = [row for row in matrix.iter_rows() if str(row[0].value or "").startswith("Likelihood ")]
    assert len(level_rows) == len(scheme.likelihood)
    top_likelihood = level_rows[0]
    assert top_likelihood[0].value == f"Likelihood {scheme.max_likelihood}: {scheme.likelihood[-1].label}"
    cells = top_likelihood[1:1 + len(scheme.impact)]
    assert cells[-1].value == 1, "TOP 1 alone in the highest cell"
    for impact, cell in enumerate(cells, start=1):
        colour = scheme.band_for(scheme.max_likelihood, impact).colour.lstrip("#").upper()
        assert cell.fill.fgColor.rgb.endswith(colour)


@pytest.mark.parametrize("name", SHAPED)
def test_an_export_imports_into_an_empty_register_of_the_same_scheme(name: str, demo_5x5_path: Path,
                                                                      tmp_path: Path) -> None:
    from riskdesk.services.importing import import_risks
    from riskdesk.services.workspace import Workspace

    workspace = shaped_register(demo_5x5_path, tmp_path, name)
    try:
        contents = load_contents(workspace)
    finally:
        workspace.close()
    write_csv(contents, tmp_path / "out.csv")
    fresh = Workspace.create(tmp_path / "fresh.sqlite", contents.scheme)
    try:
        result = import_risks(fresh, tmp_path / "out.csv", "Imported")
        assert result.problems == []
        again = {r.reference: r for r in load_contents(fresh).risks}
        for risk in contents.risks:
            assert again[risk.reference].residual == risk.residual, risk.reference
    finally:
        fresh.close()
