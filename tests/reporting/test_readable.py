"""Readable packs: type sizes, headings carried over to the next page, a header that never overprints."""

from __future__ import annotations

import re

import pytest

from riskdesk.core.model import Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import continued_heading, pdf_pages, pdf_words, size_of

RISK_HEADING = re.compile(r"^((?:[A-Z]{2} [\d.]+|\d{3}) .+)$", re.MULTILINE)


def test_a4_type_is_at_least_eleven_point_body_nine_and_a_half_tables_eight_footers(
        demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    pages = pdf_words(path)
    first, section = pages[0], pages[2]
    assert size_of(first, "About") >= 12  # a heading
    assert size_of(first, "strategic") == 11  # the introduction's body text
    assert size_of(section, "Weaknesses") == 11  # a description
    assert size_of(section, "Effective") == 9.5  # a controls table cell
    assert size_of(section, "Produced") == 8  # the footer
    assert size_of(first, "CONSEQUENCE") == 9  # a matrix's axis label
    assert size_of(first, "Rare") == 9  # a matrix's level caption
    assert size_of(first, "Ref") == 9.5  # the summary's header row


def test_a3_enlarges_every_size_alike(demo_5x5: Workspace, make_report: MakeReport) -> None:
    a4, _ = make_report(demo_5x5)
    a3, _ = make_report(demo_5x5, page_size="A3")
    small, large = pdf_words(a4), pdf_words(a3)
    for page, word in ((2, "Weaknesses"), (2, "Effective"), (0, "Produced"), (0, "CONSEQUENCE"), (0, "About")):
        ratio = size_of(large[page], word) / size_of(small[page], word)
        assert ratio == pytest.approx(1.41, abs=0.02), word


def _risk_in_force(pages: list[str]) -> list[str]:
    """For each page, the last risk heading printed on the pages before it."""
    last = ""
    found = []
    for page in pages:
        found.append(last)
        for heading in RISK_HEADING.findall(page):
            if "(continued)" not in heading:
                last = heading.strip()
    return found


@pytest.mark.parametrize("fixture", ["demo_5x5", "demo_3x3"])
def test_a_section_that_runs_onto_a_page_opens_it_with_its_heading_continued(
        fixture: str, request: pytest.FixtureRequest, make_report: MakeReport) -> None:
    path, _ = make_report(request.getfixturevalue(fixture))
    pages = pdf_pages(path)
    before = _risk_in_force(pages)
    continued = 0
    for index, page in enumerate(pages[1:], start=1):
        body = [line.strip() for line in page.splitlines()[5:] if line.strip()]
        # No page opens inside a section without saying whose section it is.
        assert body[0] not in ("Period comments:", "Controls", "Actions"), index
        assert not body[0].startswith(("Control ", "Action ")), index
        heading = continued_heading(page)
        if heading and not heading.startswith("Summary overview"):
            continued += 1
            # The heading it continues is the risk whose section the last page left open.
            assert heading.startswith(before[index].split(" (")[0][:30]), (index, heading, before[index])
    assert continued >= 2


def test_the_summary_continued_onto_a_second_page_says_so(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    assert continued_heading(pdf_pages(path)[1]) == "Summary overview (continued)"


def test_no_heading_is_left_at_the_foot_of_a_page(demo_3x3: Workspace, make_report: MakeReport) -> None:
    for kind in ("committee", "profile"):
        path, _ = make_report(demo_3x3, kind=kind)
        for number, page in enumerate(pdf_pages(path), start=1):
            body = [line.strip() for line in page.splitlines() if line.strip()][:-1]  # less the footer
            last = body[-1]
            assert last not in ("Period comments:", "Controls", "Actions", "Control Owner Effectiveness"), (
                kind, number)
            assert not RISK_HEADING.match(last) or "Inherent" in last, (kind, number, last)


def test_a_long_council_name_never_overprints_the_header(workspace: Workspace, make_report: MakeReport) -> None:
    name = "The Royal Borough of Windsor, Maidenhead and the Thames Valley Combined Authority Partnership"
    workspace.update_settings(council_name=name)
    register = workspace.store.all(REGISTER)[0]
    workspace.create_risk(register.id, "SR 1", "A risk", residual=Score(3, 3))
    path, _ = make_report(workspace)
    for page in pdf_words(path):
        header = [w for w in page if w[1] < 90]
        assert {"Royal", "Borough", "Partnership", "Strategic", "Monitoring", "Report"} <= {w[4] for w in header}
        for a in header:
            for b in header:
                if a is not b:
                    overlap_x = min(a[2], b[2]) - max(a[0], b[0])
                    overlap_y = min(a[3], b[3]) - max(a[1], b[1])
                    assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)


def _overlaps(words: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes cross: text printed over other text."""
    found = []
    ordered = sorted(words, key=lambda w: w[1])
    for index, a in enumerate(ordered):
        for b in ordered[index + 1:]:
            if b[1] >= a[3]:
                break
            if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1:
                found.append((a[4], b[4]))
    return found


@pytest.mark.parametrize("kind", ["committee", "actions", "profile", "matrix"])
def test_no_text_is_printed_over_other_text(kind: str, demo_5x5: Workspace, demo_3x3: Workspace,
                                            make_report: MakeReport) -> None:
    for workspace in (demo_5x5, demo_3x3):
        path, _ = make_report(workspace, kind=kind)
        for number, page in enumerate(pdf_words(path), start=1):
            # The small matrix's letters sit in cells drawn under them; only text on text counts.
            assert _overlaps(page) == [], (kind, number)


@pytest.mark.parametrize("kind", ["committee", "profile", "actions"])
def test_no_page_holds_only_a_line_or_two(kind: str, demo_5x5: Workspace, demo_3x3: Workspace,
                                          make_report: MakeReport) -> None:
    for workspace in (demo_5x5, demo_3x3):
        path, _ = make_report(workspace, kind=kind)
        for number, page in enumerate(pdf_pages(path), start=1):
            lines = [line for line in page.splitlines() if line.strip()]
            body = lines[3:-1]  # less the marking, the header's two lines and the footer
            assert len(body) > 4, (kind, number, body)
