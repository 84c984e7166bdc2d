"""Front matter and a publishable PDF: cover, contents with page numbers, outline, title and language."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from riskdesk.cli import main
from riskdesk.core.cover import Cover
from riskdesk.services.covers import remember_cover, remembered_cover
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_pages, pdf_raw

COVER = Cover(committee="Audit and Governance Committee", meeting_date="23 July 2024", agenda_item="7",
              report_of="Executive Director of Children's Services", contact_officer="Risk Manager, 01234 567890",
              purpose="To report the strategic risks as they stood at the end of the quarter.",
              recommendations="That the Committee notes the risks.\nThat the Committee asks for a report on SR 7.4.")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def _outline(path: Path) -> list[str]:
    return re.findall(rb"/Title \(([^)]*)\)", path.read_bytes())[1:]  # the first is the document's title


def test_the_cover_says_who_when_what_and_whether_exempt(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, cover=COVER)
    first = _flat(pdf_raw(path).split("\f")[0])
    for text in ("Committee Audit and Governance Committee", "Date of meeting 23 July 2024", "Agenda item 7",
                 "Title Strategic Risk Monitoring Report", "Report of Executive Director of Children's Services",
                 "Contact officer Risk Manager, 01234 567890", "Exempt No. This report is for publication.",
                 "Purpose of the report To report the strategic risks",
                 "Recommendations 1. That the Committee notes the risks. 2. That the Committee asks"):
        assert text in first, text
    exempt, _ = make_report(demo_5x5, cover=COVER, exempt=True)
    assert "Exempt Yes. Part B: not for publication under Schedule 12A" in _flat(pdf_raw(exempt).split("\f")[0])


def test_the_contents_give_the_page_each_section_starts_on(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, cover=COVER)
    pages = pdf_pages(path)
    contents = pages[1]
    assert "Contents" in contents
    listed = re.findall(r"^\s*((?:SR [\d.]+|CS \d+) .+?)\s{2,}(\d+)$", contents, re.MULTILINE)
    assert len(listed) == 16
    for heading, number in listed:
        page = pages[int(number) - 1]
        assert re.search(rf"^{re.escape(heading[:25])}", page, re.MULTILINE), (heading, number)
    for part in ("Scoring key", "Summary overview", "Strategic Risk Register", "Safeguarding and Care"):
        assert re.search(rf"^\s*{part}\s+\d+$", contents, re.MULTILINE), part


def test_no_cover_no_front_matter(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    assert "Contents" not in pdf_pages(path)[0] and "Agenda item" not in pdf_raw(path)


def test_the_pdf_has_a_title_author_subject_language_and_an_outline_per_section_and_risk(
        demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    info = _pdfinfo(path)
    assert info["Title"] == "Strategic Risk Monitoring Report – Q4 2023/24"
    assert info["Author"] == "Westshire County Council"
    assert "Strategic Risk Monitoring Report" in info["Subject"] and "OFFICIAL" in info["Subject"]
    assert b"/Lang (en-GB)" in path.read_bytes()
    outline = _outline(path)
    assert outline[:3] == [b"Scoring key", b"Summary overview", b"Strategic Risk Register"]
    risks = [title for title in outline if re.match(rb"(SR [\d.]+|CS \d+) ", title)]
    assert len(risks) == 16


def test_a_cover_is_remembered_per_register_and_kind(demo_5x5: Workspace) -> None:
    strategic = next(r for r in demo_5x5.store.all(REGISTER) if r.name == "Strategic Risk Register")
    remember_cover(demo_5x5, strategic.id, "committee", COVER)
    assert remembered_cover(demo_5x5, strategic.id, "committee") == COVER
    assert remembered_cover(demo_5x5, strategic.id, "profile") is None
    assert remembered_cover(demo_5x5, None, "committee") is None


def test_the_command_line_starts_with_the_remembered_cover(demo_5x5: Workspace, demo_5x5_path: Path,
                                                           tmp_path: Path) -> None:
    strategic = next(r for r in demo_5x5.store.all(REGISTER) if r.name == "Strategic Risk Register")
    remember_cover(demo_5x5, strategic.id, "committee", COVER)
    target = tmp_path / "pack.pdf"
    assert main(["report", str(demo_5x5_path), "-o", str(target), "--register", "Strategic Risk Register",
                 "--cover"]) == 0
    assert "Agenda item 7" in _flat(pdf_raw(target))
