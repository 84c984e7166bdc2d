"""What a user never set stays unset through import, export and import again: no invented Treat, Open or No."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from riskdesk.core.grid import build_grid
from riskdesk.core.model import RiskStatus, Treatment
from riskdesk.interchange.tables import RISK_COLUMNS
from riskdesk.interchange.tabular_export import write_csv, write_xlsx
from riskdesk.services.importing import import_risks
from riskdesk.services.queries import load_contents
from riskdesk.services.report_data import ReportOptions, prepare_report
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK


def _sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _risks(workspace: Workspace) -> dict[str, object]:
    return {r.reference: r for r in workspace.store.all(RISK)}


def test_a_sheet_without_status_or_treatment_leaves_them_unset(tmp_path: Path) -> None:
    source = _sheet(tmp_path / "plain.csv", [["Reference", "Title", "Register", "Treatment", "Exempt"],
                                             ["A1", "Flooding", "Main", "", ""],
                                             ["A2", "Fraud", "Main", "Tolerate", "Yes"]])
    workspace = Workspace.create(tmp_path / "a.sqlite")
    try:
        result = import_risks(workspace, source)
        assert not result.problems, result.problems
        risks = _risks(workspace)
    finally:
        workspace.close()
    a1, a2 = risks["A1"], risks["A2"]
    assert (a1.status, a1.treatment, a1.exempt) == (None, None, False)  # type: ignore[attr-defined]
    assert (a2.status, a2.treatment, a2.exempt) == (None, Treatment.TOLERATE, True)  # type: ignore[attr-defined]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_unset_fields_export_as_empty_cells_and_come_back_unset(tmp_path: Path, suffix: str) -> None:
    source = Workspace.create(tmp_path / "a.sqlite")
    register, _ = source.create_register("Main")
    source.create_risk(register.id, "U 1", "Nothing chosen", status=None)
    source.create_risk(register.id, "C 1", "All chosen", status=RiskStatus.ESCALATED,
                       treatment=Treatment.TRANSFER, exempt=True, exempt_paragraph="3")
    made, _ = source.create_risk(register.id, "W 1", "Made in the window")
    contents = load_contents(source)
    source.close()
    assert made.status == RiskStatus.OPEN and made.treatment is None  # a new risk is live, with no response yet
    exported = tmp_path / f"out{suffix}"
    (write_xlsx if suffix == ".xlsx" else write_csv)(contents, exported)
    if suffix == ".xlsx":
        book = load_workbook(exported, read_only=True)
        rows = [list(r) for r in book["Risks"].iter_rows(values_only=True)]
        book.close()
    else:
        with exported.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    header = rows[0]
    assert list(header) == list(RISK_COLUMNS)
    by_ref = {row[0]: dict(zip(header, row, strict=False)) for row in rows[1:]}
    empty = (None, "")
    assert by_ref["U 1"]["Status"] in empty and by_ref["U 1"]["Treatment"] in empty
    assert by_ref["U 1"]["Exempt"] in empty and by_ref["U 1"]["Exemption paragraph"] in empty
    assert (by_ref["C 1"]["Status"], by_ref["C 1"]["Treatment"], by_ref["C 1"]["Exempt"],
            str(by_ref["C 1"]["Exemption paragraph"])) == ("Escalated", "Transfer", "Yes", "3")

    target = Workspace.create(tmp_path / "b.sqlite")
    try:
        result = import_risks(target, exported)
        assert not result.problems, result.problems
        back = _risks(target)
        again = import_risks(target, exported, dry_run=True)
    finally:
        target.close()
    assert again.changed == 0
    for reference in ("U 1", "C 1", "W 1"):
        before = next(r for r in contents.risks if r.reference == reference)
        after = back[reference]
        fields = ("status", "treatment", "exempt", "exempt_paragraph")
        assert {f: getattr(after, f) for f in fields} == {f: getattr(before, f) for f in fields}, reference


def test_an_own_export_with_exempt_emptied_takes_the_exemption_off(tmp_path: Path) -> None:
    workspace = Workspace.create(tmp_path / "a.sqlite")
    register, _ = workspace.create_register("Main")
    workspace.create_risk(register.id, "X 1", "Secret", exempt=True, exempt_paragraph="3")
    workspace.create_risk(register.id, "X 2", "Also secret", exempt=True, exempt_paragraph="1")
    exported = tmp_path / "out.csv"
    write_csv(load_contents(workspace), exported)
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("Exempt")
    assert rows[1][column] == "Yes"
    rows[1][column] = ""
    edited = _sheet(tmp_path / "edited.csv", rows)
    try:
        result = import_risks(workspace, edited)
        assert not result.problems and result.updated == ["X 1"], result
        assert _risks(workspace)["X 1"].exempt is False  # type: ignore[attr-defined]
    finally:
        workspace.close()


def test_an_unset_status_counts_as_live_and_reports_say_not_set(tmp_path: Path) -> None:
    workspace = Workspace.create(tmp_path / "a.sqlite")
    register, _ = workspace.create_register("Main")
    from riskdesk.core.model import Score

    workspace.create_risk(register.id, "U 1", "Unset", status=None, residual=Score(4, 4))
    workspace.create_risk(register.id, "C 1", "Closed", status=RiskStatus.CLOSED, residual=Score(4, 4))
    contents = load_contents(workspace)
    grid = build_grid(contents.scheme, contents.risks)
    assert [r.reference for r in grid.cells[(4, 4)].risks] == ["U 1"]
    data = prepare_report(workspace, ReportOptions(kind="committee"))
    workspace.close()
    entry = next(e for e in data.risks if e.risk.reference == "U 1")
    assert ("Treatment:", "Not set") in entry.context


def test_the_file_keeps_unset_as_null_and_a_closed_period_snapshots_it(tmp_path: Path) -> None:
    import sqlite3

    workspace = Workspace.create(tmp_path / "a.sqlite")
    register, _ = workspace.create_register("Main")
    risk, _ = workspace.create_risk(register.id, "U 1", "Unset", status=None)
    period, _ = workspace.create_period("Q1 2024/25")
    workspace.close_period(period.id)
    snapshots = workspace.store.snapshots(period.id)
    fetched = workspace.store.get(RISK, risk.id)
    workspace.close()
    assert [s.status for s in snapshots] == [None]
    assert (fetched.status, fetched.treatment) == (None, None)
    with sqlite3.connect(tmp_path / "a.sqlite") as raw:
        assert raw.execute("SELECT status, treatment FROM risks").fetchall() == [(None, None)]
        assert raw.execute("SELECT status FROM snapshots").fetchall() == [(None,)]
    raw.close()
