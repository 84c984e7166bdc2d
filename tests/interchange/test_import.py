"""Importing from spreadsheets: every bad cell named by row and column, and then nothing written."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from riskdesk.cli import main
from riskdesk.core.model import Score
from riskdesk.services.queries import find_register, load_contents
from riskdesk.services.workspace import Workspace

HEADER = ["Reference", "Title", "Register", "Risk owner", "Residual likelihood", "Residual impact",
          "Next review", "Status"]


def write_csv(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_bad_cells_are_each_named_and_nothing_is_written(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    source = write_csv(tmp_path / "update.csv", [
        ["CS 90", "Good row", "Strategic Risk Register", "Head of Service", 2, 3, "2024-06-30", "open"],
        ["CS 91", "Bad likelihood", "Strategic Risk Register", "Head of Service", 7, 3, "", "open"],
        ["", "No reference", "Strategic Risk Register", "", "", "", "", ""],
        ["CS 93", "Bad date", "Strategic Risk Register", "", 1, 1, "next week", "pending"],
    ])
    before = digest(demo_5x5_path)
    code = main(["import", str(source), "--into", str(demo_5x5_path)])
    captured = capsys.readouterr()
    assert code == 1
    errors = captured.err.strip().splitlines()
    expected = "update.csv: Row 3, Residual likelihood: Residual likelihood must be a whole number 1 to 5; got '7'"
    assert expected in errors
    assert "update.csv: Row 4, Reference: Reference must not be empty" in errors
    assert any(e.startswith("update.csv: Row 5, Next review:") and "'next week'" in e for e in errors)
    assert any(e.startswith("update.csv: Row 5, Status:") for e in errors)
    assert "Nothing was imported" in captured.out
    assert digest(demo_5x5_path) == before


def test_import_adds_and_updates_and_dry_run_changes_nothing(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    source = write_csv(tmp_path / "q1.csv", [
        ["SR 7.2", "Ineffective Social Care Practice", "Strategic Risk Register", "Executive Director", 2, 3,
         "31/07/2024", "open"],
        ["SR 7.9", "Cyber attack on case management system", "Strategic Risk Register", "Director of IT", 3, 5,
         "", "open"],
    ])
    before = digest(demo_5x5_path)
    assert main(["import", str(source), "--into", str(demo_5x5_path), "--dry-run"]) == 0
    assert "Would import q1.csv: 1 new, 1 updated" in capsys.readouterr().out
    assert digest(demo_5x5_path) == before

    assert main(["import", str(source), "--into", str(demo_5x5_path)]) == 0
    assert "Imported q1.csv: 1 new, 1 updated, 0 unchanged" in capsys.readouterr().out
    ws = Workspace.open(demo_5x5_path)
    try:
        contents = load_contents(ws)
        by_ref = {r.reference: r for r in contents.risks}
        assert by_ref["SR 7.2"].residual == Score(2, 3)
        assert by_ref["SR 7.2"].next_review.isoformat() == "2024-07-31"
        assert by_ref["SR 7.9"].residual == Score(3, 5)
        reasons = {h["reason"] for h in ws.store.history(by_ref["SR 7.2"].id)}
        assert "Imported from q1.csv" in reasons
    finally:
        ws.close()


def test_xlsx_round_trip_from_our_own_export(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    exported = tmp_path / "all.xlsx"
    assert main(["export", str(demo_5x5_path), "-o", str(exported)]) == 0
    fresh = tmp_path / "fresh.sqlite"
    Workspace.create(fresh, "5x5", "Test Council").close()
    capsys.readouterr()
    assert main(["import", str(exported), "--into", str(fresh)]) == 0
    assert "17 new" in capsys.readouterr().out
    ws = Workspace.open(fresh)
    try:
        contents = load_contents(ws)
        assert len(contents.risks) == 17
        assert find_register(contents, "Strategic Risk Register") is not None
    finally:
        ws.close()


def test_the_register_option_puts_every_row_in_one_register(workspace: Workspace, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Reference", "Title", "Residual likelihood", "Residual impact"])
    sheet.append(["P 1", "Project overspend", 4, 4])
    sheet.append(["P 2", "Supplier fails", 2.0, 5])
    book.save(tmp_path / "project.xlsx")
    workspace.close()
    assert main(["import", str(tmp_path / "project.xlsx"), "--into", str(workspace.path),
                 "--register", "Family Hubs Project"]) == 0
    ws = Workspace.open(workspace.path)
    try:
        contents = load_contents(ws)
        project = find_register(contents, "Family Hubs Project")
        assert project is not None
        assert sorted(r.reference for r in contents.risks if r.register_id == project.id) == ["P 1", "P 2"]
    finally:
        ws.close()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "riskdesk imports .xlsx or .csv files"),
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "is not an Excel workbook (.xlsx)"),
        ("empty.csv", b"", "is empty"),
        ("latin1.csv", "Reference,Title\nSR 1,Caf\xe9\n".encode("latin-1"),
         "is not UTF-8 text (the first character riskdesk cannot read is on line 2)"),
        ("header-only.csv", b"Reference,Title\n", "has no rows to import"),
    ],
)
def test_an_unreadable_source_is_one_line_and_exit_2(
    name: str, content: bytes, message: str, demo_5x5_path: Path, tmp_path: Path, capsys
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    before = digest(demo_5x5_path)
    assert main(["import", str(source), "--into", str(demo_5x5_path)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert digest(demo_5x5_path) == before


def test_a_duplicate_reference_in_the_sheet_is_named(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    source = write_csv(tmp_path / "dupes.csv", [
        ["X 1", "First", "Strategic Risk Register", "", 1, 1, "", ""],
        ["X 1", "Second", "Strategic Risk Register", "", 1, 1, "", ""],
    ])
    assert main(["import", str(source), "--into", str(demo_5x5_path)]) == 1
    assert "Row 3, Reference: Reference X 1 is also on row 2" in capsys.readouterr().err


def test_a_sheet_without_a_title_column_says_so(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "risks.csv"
    source.write_text("Reference,Owner\nSR 1,Someone\n", encoding="utf-8")
    before = digest(demo_5x5_path)
    assert main(["import", str(source), "--into", str(demo_5x5_path)]) == 2
    err = capsys.readouterr().err
    assert "no column of the sheet 'risks' reads as the risks' titles; row 1 reads: Reference; Owner" in err
    assert len(err.strip().splitlines()) == 1
    assert digest(demo_5x5_path) == before


def test_a_csv_separated_by_semicolons_is_read(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "risks.csv"
    source.write_text("Reference;Title;Register\nSR 1;A risk;Strategic Risk Register\n", encoding="utf-8")
    assert main(["import", str(source), "--into", str(demo_5x5_path)]) == 0
    workspace = Workspace.open(demo_5x5_path)
    try:
        contents = load_contents(workspace)
    finally:
        workspace.close()
    assert any(r.reference == "SR 1" and r.title == "A risk" for r in contents.risks)


def test_a_hand_edited_score_is_named_kept_as_a_note_and_worked_out_columns_are_listed(
    demo_5x5_path: Path, tmp_path: Path, capsys
) -> None:
    exported = tmp_path / "all.csv"
    assert main(["export", str(demo_5x5_path), "-o", str(exported)]) == 0
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    sr72 = next(r for r in rows if r["Reference"] == "SR 7.2")
    sr72["Residual score"] = "99"
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    capsys.readouterr()
    assert main(["import", str(edited), "--into", str(demo_5x5_path)]) == 0
    out = capsys.readouterr().out
    row = rows.index(sr72) + 2
    assert (f"edited.csv: Row {row}, Residual score: Residual score 99 is not what likelihood x impact gives "
            "(3 x 3 = 9); kept as a note") in out
    assert "Column AF 'Controls': ignored." in out and "1 updated, 16 unchanged" in out
    workspace = Workspace.open(demo_5x5_path)
    try:
        risk = next(r for r in load_contents(workspace).risks if r.reference == "SR 7.2")
    finally:
        workspace.close()
    assert risk.description.endswith("Residual score: 99") and risk.residual == Score(3, 3)


def test_an_impossible_date_in_a_sheet_reads_as_in_the_editor(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    source = write_csv(tmp_path / "dates.csv", [
        ["CS 95", "A risk", "Strategic Risk Register", "", 1, 1, "31/02/2024", "open"],
    ])
    assert main(["import", str(source), "--into", str(demo_5x5_path)]) == 1
    assert "dates.csv: Row 2, Next review: 31/02/2024 is not a real date" in capsys.readouterr().err
