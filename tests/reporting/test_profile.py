"""The risk profile: counts per service area and overall are computed, so they add up."""

from __future__ import annotations

import re

from riskdesk.reporting.profile import profile_grid
from riskdesk.services.report_data import ReportOptions, prepare_report
from riskdesk.services.workspace import Workspace
from tests.reporting.conftest import TODAY, MakeReport
from tests.reporting.pdftools import pdf_pages, pdf_text

AREAS = {
    "Children's Services – Overall": (28, 10),
    "Care and Protection": (9, 4),
    "Commissioning and Partnerships": (8, 3),
    "Schools and Learning": (11, 3),
}


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_profile_prints_the_count_of_risks_and_high_risks_for_each_area(
        demo_3x3: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_3x3, kind="profile")
    flat = _flat(pdf_text(path))
    for name, (total, high) in AREAS.items():
        start = flat.index(name + " LIKELIHOOD") if name + " LIKELIHOOD" in flat else flat.index(name)
        block = flat[start:start + 600]
        assert f"High Risks {high} in total" in block, name
        assert f"Number of risks: {total}" in block, name


def test_profile_counts_add_up_cell_by_cell(demo_3x3: Workspace) -> None:
    data = prepare_report(demo_3x3, ReportOptions(kind="profile"), TODAY)
    overall = profile_grid(data, data.risks)
    areas = [profile_grid(data, area.risks) for area in data.areas]
    assert [a.name for a in data.areas] == ["Care and Protection", "Commissioning and Partnerships",
                                            "Schools and Learning"]
    assert [g.total for g in areas] == [9, 8, 11]
    assert overall.total == sum(g.total for g in areas) == 28
    for key, cell in overall.cells.items():
        assert cell.count == sum(g.cells[key].count for g in areas), key
    assert overall.count_in_band("High") == 10


def test_profile_lists_each_high_risk_with_officer_direction_review_date_and_controls(
        demo_3x3: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_3x3, kind="profile")
    flat = _flat(pdf_text(path))
    headings = re.findall(r"High Risk: (\d+)\)", flat)
    assert len(headings) == 10
    assert len(set(headings)) == 10
    assert flat.count("Accountable") == 10
    assert flat.count("Direction of") == 10
    assert flat.count("Last Reviewed") == 10
    assert "Current Controls:" in flat
    assert "Impact criteria" in flat and "Financial" in flat and "0 to 40%" in flat


def test_matrices_in_the_profile_are_never_split(demo_3x3: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_3x3, kind="profile")
    for page in pdf_pages(path):
        # A matrix drawn on a page has its title and all three impact rows there.
        assert page.count("LIKELIHOOD") == page.count("IMPACT") or "Impact criteria" in page


def test_a_profile_of_one_service_area_lists_its_high_risks_once(demo_3x3: Workspace,
                                                                 make_report: MakeReport) -> None:
    path, _ = make_report(demo_3x3, kind="profile", register="Care and Protection")
    flat = _flat(pdf_text(path))
    assert "High Risks 4 in total" in flat and "Number of risks: 9" in flat
    assert "Overall" not in flat
    assert len(re.findall(r"High Risk: (\d+)\)", flat)) == 4
    assert "Schools and Learning" not in flat


def test_a_profile_with_no_high_risks_has_no_blank_page(workspace: Workspace, make_report: MakeReport) -> None:
    from riskdesk.core.model import Score
    from riskdesk.storage.records import REGISTER


    register = workspace.store.all(REGISTER)[0]
    workspace.create_risk(register.id, "R 1", "A modest risk", residual=Score(2, 2))
    path, pages = make_report(workspace, kind="profile")
    texts = pdf_pages(path)
    assert len(texts) == pages
    for text in texts:
        body = [line for line in text.splitlines() if line.strip() and "OFFICIAL" not in line
                and "Page " not in line and "Produced" not in line]
        assert len(body) > 3, f"a page with nothing but its header and footer: {text!r}"
