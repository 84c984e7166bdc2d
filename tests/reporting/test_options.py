"""Report options: period, register, band, closed risks, exempt version, greyscale; and the command line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from riskdesk.cli import main
from riskdesk.core.model import RiskStatus, Score
from riskdesk.services.reports import ReportCancelled, ReportError, ReportOptions, write_report
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_pages, pdf_text, table_rows, without_links


def test_the_exempt_risk_is_left_out_of_the_public_pack_and_marked_in_the_exempt_one(
        demo_5x5: Workspace, make_report: MakeReport) -> None:
    public, _ = make_report(demo_5x5)
    exempt, _ = make_report(demo_5x5, exempt=True)
    public_text = pdf_text(public)
    assert "CS 09" not in public_text
    assert "Exempt" not in public_text
    exempt_pages = pdf_pages(exempt)
    assert "CS 09" in "".join(exempt_pages)
    for page in exempt_pages:
        assert page.count("OFFICIAL – Exempt: Part B") == 2  # at the head and the foot


def test_a_register_subtree(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, register="Safeguarding and Care")
    text = without_links(pdf_text(path))
    for reference in ("CS 01", "CS 03", "CS 05", "CS 06", "CS 12"):
        assert reference in text
    for reference in ("SR 7.2", "CS 02", "CS 07"):
        assert reference not in text


def test_a_minimum_band(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, min_band="high")
    whole = pdf_text(path)
    summary = whole[whole.index("Summary overview"):whole.index("Inherent score")]
    assert sorted(table_rows(summary)) == ["CS 01", "CS 02", "CS 03", "CS 04"]
    assert "SR 7.2" not in without_links(pdf_text(path))


def test_closed_risks_only_when_asked(workspace: Workspace, make_report: MakeReport) -> None:
    register_id = workspace.store.all(REGISTER)[0].id
    workspace.create_risk(register_id, "OPEN 1", "Still open", residual=Score(2, 2))
    workspace.create_risk(register_id, "SHUT 1", "Now closed", residual=Score(2, 2), status=RiskStatus.CLOSED)
    without, _ = make_report(workspace)
    with_closed, _ = make_report(workspace, include_closed=True)
    assert "OPEN 1" in pdf_text(without) and "SHUT 1" not in pdf_text(without)
    assert "SHUT 1" in pdf_text(with_closed)


@pytest.mark.parametrize(("option", "value", "named"), [
    ("period", "Q9 2099/00", "Q9 2099/00"),
    ("register", "No Such Register", "No Such Register"),
    ("min_band", "Severe", "Severe"),
    ("kind", "poster", "poster"),
])
def test_what_does_not_exist_is_named_in_one_sentence(demo_5x5: Workspace, tmp_path: Path, option: str,
                                                      value: str, named: str) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(ReportError) as raised:
        write_report(demo_5x5, ReportOptions(**{option: value}), target)  # type: ignore[arg-type]
    message = str(raised.value)
    assert named in message
    assert message.count(".") >= 1 and "\n" not in message
    assert not target.exists()


def _pixels(path: Path, tmp_path: Path) -> bytes:
    """The first page rendered as raw RGB (a binary PPM, header stripped)."""
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "30", "-f", "1", "-l", "1", str(path), str(prefix)], check=True)
    ppm = next(tmp_path.glob("page*.ppm")).read_bytes()
    ppm_file = next(tmp_path.glob("page*.ppm"))
    ppm_file.unlink()
    # Header: P6, width height, maxval, each on its own line.
    return ppm.split(b"\n", 3)[3]


def test_greyscale_prints_no_colour(demo_5x5: Workspace, make_report: MakeReport, tmp_path: Path) -> None:
    coloured, _ = make_report(demo_5x5, kind="matrix")
    grey, _ = make_report(demo_5x5, kind="matrix", greyscale=True)

    def coloured_pixels(data: bytes) -> int:
        return sum(1 for i in range(0, len(data) - 2, 3) if max(data[i:i + 3]) - min(data[i:i + 3]) > 24)

    assert coloured_pixels(_pixels(coloured, tmp_path)) > 1000
    assert coloured_pixels(_pixels(grey, tmp_path)) == 0


def test_the_command_line_writes_each_kind(demo_3x3_path: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("committee", "profile", "matrix", "actions"):
        out = tmp_path / f"{kind}.pdf"
        assert main(["report", str(demo_3x3_path), "-o", str(out), "--type", kind]) == 0
        assert out.read_bytes().startswith(b"%PDF")
        assert "Page 1 of" in pdf_text(out)
    assert "Wrote" in capsys.readouterr().out


def test_the_command_line_refuses_a_bad_period_with_one_line(demo_5x5_path: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.pdf"
    code = main(["report", str(demo_5x5_path), "-o", str(out), "--period", "Q7 1999"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Q7 1999" in err and "Traceback" not in err
    assert not out.exists()


def test_progress_is_reported_and_cancel_leaves_no_file(demo_5x5: Workspace, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    target = tmp_path / "pack.pdf"
    write_report(demo_5x5, ReportOptions(), target, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] == 16
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    stopped = tmp_path / "stopped.pdf"
    calls: list[int] = []

    def cancel_after_three() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ReportCancelled):
        write_report(demo_5x5, ReportOptions(), stopped, cancelled=cancel_after_three)
    assert not stopped.exists()
    assert not list(tmp_path.glob("*.partial"))
