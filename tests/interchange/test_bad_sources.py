"""Damaged, cut-short, hostile and under-declared workbooks: each gets its own sentence, or is read whole."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from riskdesk.cli import main
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace


def _workbook(path: Path, rows: int = 5) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Reference", "Title", "Register"])
    for number in range(1, rows + 1):
        sheet.append([f"N {number}", f"Risk {number}", "Imported"])
    book.save(path)
    return path


def _rewrite(path: Path, member: str, change) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[member] = change(parts[member])
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_a_sheet_declaring_a_smaller_dimension_is_read_whole(workspace: Workspace, tmp_path: Path, capsys) -> None:
    source = _workbook(tmp_path / "under.xlsx")
    _rewrite(source, "xl/worksheets/sheet1.xml",
             lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', xml))
    path = workspace.path
    workspace.close()
    assert main(["import", str(source), "--into", str(path)]) == 0
    reopened = Workspace.open(path)
    try:
        assert sorted(r.reference for r in load_contents(reopened).risks) == [f"N {n}" for n in range(1, 6)]
    finally:
        reopened.close()


def _cut_short(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _malformed(path: Path) -> None:
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", b"<row><c></sheetData>"))


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lololololololololol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                   for n in range(1, 10))
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


def _bomb(path: Path) -> None:
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: BOMB)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_cut_short, "is not an Excel workbook (.xlsx): it may be damaged, cut short in copying"),
        (_malformed, "is malformed inside (its XML cannot be read"),
        (_bomb, "declares XML entities that expand without limit"),
    ],
)
def test_a_damaged_workbook_is_one_sentence_and_nothing_changes(damage, message: str, demo_5x5_path: Path,
                                                                tmp_path: Path, capsys) -> None:
    source = _workbook(tmp_path / "bad.xlsx")
    damage(source)
    before = demo_5x5_path.read_bytes()
    assert main(["import", str(source), "--into", str(demo_5x5_path)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "unexpected" not in err
    assert demo_5x5_path.read_bytes() == before


def test_invalid_utf8_names_the_line(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "old.csv"
    source.write_bytes("Reference,Title\nA 1,Fine\nA 2,Caf\xe9\n".encode("latin-1"))
    assert main(["import", str(source), "--into", str(demo_5x5_path)]) == 2
    assert "the first character riskdesk cannot read is on line 3" in capsys.readouterr().err


def test_text_over_the_limits_is_named_by_row_and_field(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    from riskdesk.core.validation import MAX_TEXT

    source = tmp_path / "long.csv"
    source.write_text("Reference,Title,Register,Description,Residual likelihood\n"
                      f"L 1,{'t' * 301},Strategic Risk Register,short,\n"
                      f"L 2,Fine,Strategic Risk Register,{'d' * (MAX_TEXT + 1)},\n", encoding="utf-8")
    assert main(["import", str(source), "--into", str(demo_5x5_path)]) == 1
    err = capsys.readouterr().err
    assert "Row 2, Title: Title must be at most 300 characters" in err
    assert f"Row 3, Description: Description must be at most {MAX_TEXT:,} characters; it has {MAX_TEXT + 1:,}" in err


def test_a_councils_long_title_keeps_its_first_sentence(workspace: Workspace, tmp_path: Path, capsys) -> None:
    text = "Suppliers fail. " + "x" * 400
    source = tmp_path / "council.csv"
    source.write_text(f"Risk No.,Risk description\n7,{text}\n", encoding="utf-8")
    path = workspace.path
    workspace.close()
    assert main(["import", str(source), "--into", str(path), "--register", "Projects"]) == 0
    assert "Row 2, Title: the title was long" in capsys.readouterr().out
    reopened = Workspace.open(path)
    try:
        risk = load_contents(reopened).risks[0]
    finally:
        reopened.close()
    assert (risk.reference, risk.title, risk.description) == ("7", "Suppliers fail.", text)
