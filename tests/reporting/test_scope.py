"""Scope: a register alone or with its children; the summary under register headings; the running header."""

from __future__ import annotations

import re
from pathlib import Path

from riskdesk.cli import main
from riskdesk.services.workspace import Workspace
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_pages, pdf_text, without_links

SEED_001 = [  # seed 001's summary overview, in its order
    ("SR 7.5", "Executive Director of Children's Services", "Insufficient workforce capacity", "Medium 12"),
    ("SR 7.7", "Executive Director of Children's Services", "Failure to develop sufficient placement", "Medium 12"),
    ("SR 7.4", "Director of Education", "Increasing EHCP demand", "Medium 12"),
    ("SR 7.2", "Executive Director of Children's Services", "Ineffective Social Care Practice", "Medium 9"),
]


def _summary(path: Path) -> str:
    text = pdf_text(path)
    return text[text.index("Summary overview"):text.index("Inherent score")]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_strategic_register_alone_reproduces_seed_001s_summary(demo_5x5: Workspace,
                                                                   make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, register="Strategic Risk Register", children=False)
    summary = _summary(path)
    rows = re.split(r"\n(?= SR )", summary)[1:]
    assert [row.split()[0] + " " + row.split()[1] for row in rows] == [ref for ref, *_ in SEED_001]
    for row, (_, owner, title, score) in zip(rows, SEED_001, strict=True):
        flat = _flat(row)
        assert score in flat and "No change" in flat
        assert all(word in flat for word in owner.split()), (flat, owner)
        assert all(word in flat for word in title.split()), (flat, title)
    # Only the strategic register's risks, and no register column or heading rows are needed.
    text = without_links(pdf_text(path))
    assert not re.search(r"\bCS \d\d\b", text)
    assert "Children's Services Departmental Risk Register" not in text


def test_with_its_children_the_summary_goes_under_register_headings_in_tree_order(
        demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, register="Strategic Risk Register")
    summary = _flat(_summary(path))
    order = ["Strategic Risk Register SR 7.5", "Safeguarding and Care CS 01", "Education and Inclusion CS 07",
             "Commissioning and Placements CS 02"]
    places = [summary.index(heading) for heading in order]
    assert places == sorted(places)
    # Each group still runs from the highest score down.
    education = summary[places[2]:places[3]]
    scores = [int(n) for n in re.findall(r"(?:Low|Medium|High) (\d+)", education)]
    assert scores == sorted(scores, reverse=True) and len(scores) == 4


def test_the_running_header_names_the_register_of_the_pages_section(demo_5x5: Workspace,
                                                                     make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    seen = set()
    for page in pdf_pages(path)[2:]:
        header = page.splitlines()[5]  # the line under the council's name
        body = "\n".join(page.splitlines()[6:])
        first = re.search(r"^(SR [\d.]+|CS \d+) ", body, re.MULTILINE)
        if first is None:
            continue
        register = header.split("  ")[0].strip()
        seen.add(register)
        expected = "Strategic Risk Register" if first.group(1).startswith("SR") else None
        if expected:
            assert register == expected, page[:400]
        else:
            assert register in ("Safeguarding and Care", "Education and Inclusion",
                                "Commissioning and Placements"), page[:400]
    assert len(seen) == 4


def test_the_command_line_reports_a_register_without_its_children(demo_5x5_path: Path, tmp_path: Path) -> None:
    alone, whole = tmp_path / "alone.pdf", tmp_path / "whole.pdf"
    assert main(["report", str(demo_5x5_path), "-o", str(alone), "--register", "Strategic Risk Register",
                 "--no-children"]) == 0
    assert main(["report", str(demo_5x5_path), "-o", str(whole), "--register", "Strategic Risk Register"]) == 0
    assert "CS 01 Failure" not in without_links(pdf_text(alone))
    assert "CS 01 Failure" in pdf_text(whole)


def test_a_register_with_no_risk_left_by_the_filters_gets_no_matrix_sheet(demo_5x5: Workspace,
                                                                         make_report: MakeReport) -> None:
    path, pages = make_report(demo_5x5, kind="matrix", min_band="High")
    text = pdf_text(path)
    assert " 0 risks" not in text
    _, all_pages = make_report(demo_5x5, kind="matrix")
    assert pages < all_pages


def test_the_profile_of_a_register_alone_is_one_area(demo_3x3: Workspace, make_report: MakeReport) -> None:
    top = "Children's Services"
    alone, _ = make_report(demo_3x3, kind="profile", register=top, children=False)
    whole, _ = make_report(demo_3x3, kind="profile", register=top)
    assert "Care and Protection" not in pdf_text(alone)
    assert "Care and Protection" in pdf_text(whole)


def test_each_matrix_sheet_is_headed_with_its_register(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, kind="matrix")
    for page in pdf_pages(path):
        lines = [line for line in page.splitlines() if line.strip()]
        header = lines[2].split("  ")[0].strip()  # under the council's name
        title = lines[3].strip()
        assert header == title.removeprefix("Key to ").removesuffix(" (continued)"), page[:300]
