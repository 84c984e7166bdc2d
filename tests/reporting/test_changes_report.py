"""The "what changed" report, and changed risks marked in the committee pack, read back from the PDFs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from riskdesk.cli import main
from riskdesk.core.model import Score
from riskdesk.services.queries import load_contents
from riskdesk.services.reports import ReportError
from riskdesk.services.workspace import Workspace
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_text


def _rewrite(path: Path) -> None:
    ws = Workspace.open(path)
    try:
        risk = next(r for r in load_contents(ws).risks if r.reference == "CS 10")
        ws.update_risk(risk.id, risk.version, residual=Score(1, 2), owner="Head of Early Years",
                       period_comment="No change. Target reached and laptops encrypted.")
    finally:
        ws.close()


def test_changes_since_the_last_quarter_name_each_risk_and_what_moved(
        demo_5x5_path: Path, make_report: MakeReport) -> None:
    _rewrite(demo_5x5_path)
    ws = Workspace.open(demo_5x5_path, read_only=True)
    try:
        target, pages = make_report(ws, kind="changes")
        text = " ".join(pdf_text(target).split())
    finally:
        ws.close()
    assert pages >= 1
    assert "What Changed" in text and "Changes since Q4 2023/24 (to current figures)" in text
    assert "CS 10" in text and "Residual score 1x4 (4) to 1x2 (2)." in text
    assert "Owner changed from Head of Education Business Support to Head of Early Years." in text
    assert "with a new owner" in text
    assert "CS 09" not in text  # exempt: left out of the public version


def test_between_two_closed_quarters_and_the_pack_marks_changed_risks(
        demo_5x5_path: Path, make_report: MakeReport) -> None:
    ws = Workspace.open(demo_5x5_path, read_only=True)
    try:
        target, _ = make_report(ws, kind="changes", period="Q3 2023/24")
        text = " ".join(pdf_text(target).split())
        assert "Changes from Q2 2023/24 to Q3 2023/24" in text
        assert "Residual score 4x4 (16) to 5x4 (20)." in text  # CS 02
        assert "New on the register." in text  # CS 12 arrived in Q3
        pack, _ = make_report(ws, kind="committee", period="Q3 2023/24", mark_changes=True)
        pack_text = " ".join(pdf_text(pack).split())
        assert "Changed since the last report" in pack_text
        assert "Changed since the last report: Residual score 4x4 (16) to 5x4 (20)." in pack_text
        plain, _ = make_report(ws, kind="committee", period="Q3 2023/24")
        assert "Changed since the last report" not in pdf_text(plain)
        with pytest.raises(ReportError, match="no closed period before Q1 2023/24"):
            make_report(ws, kind="changes", period="Q1 2023/24")
    finally:
        ws.close()


def test_the_command_line_writes_the_report_and_leaves_the_file_alone(demo_5x5_path: Path, tmp_path: Path,
                                                                      capsys) -> None:
    before = hashlib.sha256(demo_5x5_path.read_bytes()).hexdigest()
    target = tmp_path / "changes.pdf"
    code = main(["report", str(demo_5x5_path), "-o", str(target), "--type", "changes", "--since", "Q2 2023/24"])
    assert code == 0 and "Changes since Q2 2023/24" in pdf_text(target)
    code = main(["report", str(demo_5x5_path), "-o", str(target), "--type", "changes", "--since", "Q1 2024/25"])
    err = capsys.readouterr().err
    assert code == 2 and "Q1 2024/25 is still open" in err and len(err.strip().splitlines()) == 1
    assert hashlib.sha256(demo_5x5_path.read_bytes()).hexdigest() == before


def test_the_word_version_strikes_out_and_underlines_the_comment(demo_5x5_path: Path, tmp_path: Path) -> None:
    from docx import Document

    from riskdesk.services.reports import ReportOptions, write_report

    target = tmp_path / "changes.docx"
    ws = Workspace.open(demo_5x5_path, read_only=True)
    try:
        count = write_report(ws, ReportOptions(kind="changes", period="Q3 2023/24"), target)
    finally:
        ws.close()
    document = Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert "What Changed" in texts and "Changes from Q2 2023/24 to Q3 2023/24" in texts
    rows = {row.cells[0].text: row.cells[2] for table in document.tables for row in table.rows[1:]}
    assert count == len(rows) and "CS 02" in rows
    assert "Residual score 4x4 (16) to 5x4 (20)." in rows["CS 02"].text
    runs = rows["SR 7.2"].paragraphs[-1].runs
    assert any(run.font.strike for run in runs) and any(run.font.underline for run in runs)


def test_the_matrix_sheets_draw_the_appetite_line_and_say_so(demo_5x5_path: Path, make_report: MakeReport) -> None:
    from riskdesk.core.appetite import Appetite, default_thresholds
    from riskdesk.reporting.flowables import HeatMap
    from riskdesk.services.quarter_settings import save_appetite
    from riskdesk.services.report_data import ReportOptions, prepare_report

    ws = Workspace.open(demo_5x5_path)
    try:
        save_appetite(ws, Appetite(default="Open", thresholds=default_thresholds(ws.scheme)))
        data = prepare_report(ws, ReportOptions(kind="matrix"))
        target, _ = make_report(ws, kind="matrix")
    finally:
        ws.close()
    assert data.appetite_line == (12, "Open")
    assert "Heavy dashed line: the Open appetite, scores up to 12" in " ".join(pdf_text(target).split())
    # The line runs along the edges between cells scoring up to 12 and those above.
    from riskdesk.core.grid import build_grid

    heat = HeatMap(build_grid(data.scheme, []), None, mode="references", appetite=12)  # type: ignore[arg-type]
    heat.wrap(500, 400)
    drawn: list[list[tuple[float, float, float, float]]] = []

    class Canvas:
        def __getattr__(self, name: str):
            return lambda *args, **kwargs: drawn.append(args[0]) if name == "lines" else None

    heat.canv = Canvas()
    heat._draw_appetite(heat.title_strip + heat.row_header, heat.height - heat.title_strip - heat.column_header)
    # On a 5x5 scheme the cells above 12 are 15, 16, 20 and 25 (and 15 again): their edges with cells
    # of 12 or less make the line; each edge is drawn once per pass (pale, then dashed).
    assert len(drawn) == 2 and drawn[0] == drawn[1] and len(drawn[0]) >= 6
