"""Layout across pages: score tables kept whole, sections by register, one matrix orientation, whole words."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from riskdesk.core.model import Score
from riskdesk.core.presets import preset
from riskdesk.reporting.data import impact_vertical
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_pages, pdf_text, table_rows, without_continued


def _flat(text: str) -> str:
    return " ".join(text.split())


def _page_column(row: str) -> int:
    """The page number a summary row gives, printed just after its direction of travel."""
    found = re.search(r"(?:New|No change|Improved|Worse|–) (\d+)\b", row)
    assert found, row
    return int(found.group(1))


def _register_id(workspace: Workspace) -> str:
    return str(workspace.store.all(REGISTER)[0].id)


def _varied_risks(workspace: Workspace, count: int) -> None:
    """Risks whose descriptions and comments differ in length, so their score tables land all over the page."""
    register_id = _register_id(workspace)
    for number in range(1, count + 1):
        workspace.create_risk(
            register_id, f"V {number}", f"Varied risk {number}",
            description="A description that runs on. " * (1 + (number * 7) % 23),
            owner="Head of Service", accountable_officer="Assistant Director", cabinet_member="Cabinet Member",
            inherent=Score(5, 5), residual=Score(3, 3), target=Score(2, 2),
            period_comment=f"Comment {number} starts here. " + "More words follow. " * ((number * 5) % 17),
        )


# -- 1: a risk's heading, people and score table stay together -------------------------------------


def test_a_score_table_never_splits_from_its_risk(workspace: Workspace, make_report: MakeReport) -> None:
    _varied_risks(workspace, 40)
    path, _ = make_report(workspace)
    for page in pdf_pages(path):
        # Every score table on a page has its badges' "Likelihood × Impact" row on that page too.
        assert page.count("Inherent score") == len(re.findall(r"Likelihood 5 × Impact 5", page))
        # A risk's heading and people lines are on the page of its score table.
        headings = re.findall(r"^V (\d+) Varied risk", page, re.MULTILINE)
        owners = page.count("Risk Owner: Head of Service")
        assert len(headings) == owners <= page.count("Inherent score") <= len(headings) + 1


def test_after_a_description_longer_than_a_page_the_people_and_scores_stay_together(
        workspace: Workspace, make_report: MakeReport) -> None:
    for lines in (2900, 3000, 3100, 3200):
        workspace.create_risk(
            _register_id(workspace), f"LONG {lines}", "Long description", owner="Head of Service",
            # Short words keep the longest (about 19,000 characters) under the limit for a text.
            description=" ".join(f"w{n}" for n in range(lines)) + " descriptionend",
            inherent=Score(5, 5), residual=Score(3, 3))
    path, _ = make_report(workspace)
    for page in pdf_pages(path):
        assert page.count("Inherent score") == page.count("Likelihood 5 × Impact 5")
        assert page.count("Risk Owner: Head of Service") == page.count("Inherent score")


def test_period_comments_keep_their_heading_with_their_first_lines(workspace: Workspace,
                                                                   make_report: MakeReport) -> None:
    _varied_risks(workspace, 40)
    path, _ = make_report(workspace)
    for page in pdf_pages(path):
        body = [line for line in page.splitlines() if line.strip()]
        for index, line in enumerate(body):
            if line.strip() == "Period comments:":
                following = body[index + 1].strip()
                assert following.startswith("Comment ") or following.startswith("No comment"), following


def test_the_demo_packs_keep_score_tables_whole(demo_5x5: Workspace, demo_3x3: Workspace,
                                                make_report: MakeReport) -> None:
    for workspace in (demo_5x5, demo_3x3):
        path, _ = make_report(workspace)
        for page in pdf_pages(path):
            assert page.count("Inherent score") <= len(re.findall(r"Likelihood \d × Impact \d", page))
            # Each risk heading on a page has its score table there too.
            headings = re.findall(r"^(?:[A-Z]{2} [\d.]+|\d{3}) \S", without_continued(page), re.MULTILINE)
            assert len(headings) == page.count("Inherent score"), page


# -- 2: sections grouped under register headings, in reference order; the summary gives their pages --


def test_sections_follow_register_headings_in_reference_order(demo_5x5: Workspace,
                                                              make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    text = "\n".join(without_continued(page) for page in pdf_pages(path))
    sections = text[text.index("Inherent score") - 2000:]
    headings = ["Strategic Risk Register", "Children's Services Departmental Risk Register",
                "Safeguarding and Care", "Education and Inclusion", "Commissioning and Placements"]
    places = [sections.index(f"\n{h}\n") for h in headings]
    assert places == sorted(places)
    starts = [m.start() for m in re.finditer(r"^(SR \d+\.\d+|CS \d+) \S", sections, re.MULTILINE)]
    order = [sections[s:s + 6].strip() for s in starts]
    assert order[:4] == ["SR 7.2", "SR 7.4", "SR 7.5", "SR 7.7"]
    # Within each departmental area, references run in order.
    bounds = [*places[2:], len(sections)]
    for start, end in pairwise(bounds):
        refs = [int(m) for m in re.findall(r"^CS (\d+) \S", sections[start:end], re.MULTILINE)]
        assert refs and refs == sorted(refs)


def test_references_sort_naturally_and_the_summary_gives_each_sections_page(
        workspace: Workspace, make_report: MakeReport) -> None:
    register_id = _register_id(workspace)
    for reference in ("SR 7.10", "SR 7.2", "SR 7.9"):
        workspace.create_risk(register_id, reference, f"Title of {reference}", residual=Score(3, 3),
                              description="Words. " * 200, period_comment="Steady. " * 150)
    path, _ = make_report(workspace)
    pages = pdf_pages(path)
    whole = "\n".join(pages)
    firsts = [whole.index(f"\n{ref} Title of {ref}") for ref in ("SR 7.2", "SR 7.9", "SR 7.10")]
    assert firsts == sorted(firsts)
    summary = whole[whole.index("Summary overview"):whole.index("Inherent score")]
    rows = table_rows(summary)
    for reference in ("SR 7.2", "SR 7.9", "SR 7.10"):
        printed = _page_column(rows[reference])
        actual = next(number for number, page in enumerate(pages, start=1)
                      if re.search(rf"^{re.escape(reference)} Title of", page, re.MULTILINE))
        assert printed == actual, reference


def test_the_summary_pages_of_the_demo_pack_point_at_the_sections(demo_5x5: Workspace,
                                                                  make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    pages = pdf_pages(path)
    whole = "\n".join(pages)
    rows = table_rows(whole[whole.index("Summary overview"):whole.index("Inherent score")])
    assert len(rows) == 16
    for reference, row in rows.items():
        printed = _page_column(row)
        assert re.search(rf"^{re.escape(reference)} \S", pages[printed - 1], re.MULTILINE), reference


# -- 3: one orientation of the matrix per file ------------------------------------------------------


def test_the_orientation_is_decided_in_one_place() -> None:
    assert impact_vertical(preset("3x3")) is True
    assert impact_vertical(preset("5x5")) is False
    assert impact_vertical(preset("5x5"), "impact") is True
    assert impact_vertical(preset("3x3"), " Likelihood ") is False
    assert impact_vertical(preset("3x3"), "sideways") is True


def _vertical_title(page: str) -> str:
    """The axis title drawn down the side: the one that is not on the line above the column captions."""
    lines = [line.strip() for line in page.splitlines()]
    across = next(line for line in lines if line.startswith(("LIKELIHOOD", "IMPACT")))
    return "IMPACT" if across.startswith("LIKELIHOOD") else "LIKELIHOOD"


def test_the_3x3_file_puts_impact_down_the_side_in_every_report(demo_3x3: Workspace,
                                                                make_report: MakeReport) -> None:
    for kind in ("matrix", "profile", "committee"):
        path, _ = make_report(demo_3x3, kind=kind)
        first = pdf_pages(path)[0]
        assert _vertical_title(first) == "IMPACT", kind
        assert "IMPACT / CONSEQUENCE" not in pdf_text(path), kind


def test_the_5x5_file_puts_likelihood_down_the_side_in_every_report(demo_5x5: Workspace,
                                                                    make_report: MakeReport) -> None:
    for kind in ("matrix", "profile", "committee"):
        path, _ = make_report(demo_5x5, kind=kind)
        assert _vertical_title(pdf_pages(path)[0]) == "LIKELIHOOD", kind


def test_a_file_setting_turns_every_matrix(demo_3x3: Workspace, make_report: MakeReport) -> None:
    demo_3x3.update_settings(extra={**demo_3x3.settings.extra, "matrix_axes": "likelihood"})
    for kind in ("matrix", "profile", "committee"):
        path, _ = make_report(demo_3x3, kind=kind)
        assert _vertical_title(pdf_pages(path)[0]) == "LIKELIHOOD", kind


# -- 4: no word broken inside in narrow columns -----------------------------------------------------


def test_criteria_words_are_never_broken(demo_3x3: Workspace, demo_5x5: Workspace,
                                         make_report: MakeReport) -> None:
    three, _ = make_report(demo_3x3, kind="profile")
    five, _ = make_report(demo_5x5, kind="profile")
    assert "Non-compliance" in pdf_text(three)
    five_text = pdf_text(five)
    assert "Insignificant" in five_text and "Non-compliance" in five_text
    for word in ("Safeguarding", "Compliance", "Reputation"):
        assert word in pdf_text(three), word


def test_slashed_words_wrap_at_the_slash_not_inside_a_word(workspace: Workspace, make_report: MakeReport) -> None:
    risk, _ = workspace.create_risk(
        _register_id(workspace), "SL 1",
        "Sufficiency of placements/residential/fostering/supported housing capacity",
        residual=Score(3, 3))
    workspace.add_action(risk.id, "Review capacity", owner="Head of Service", due_date=date(2024, 9, 30))
    path, _ = make_report(workspace, kind="actions")
    flat = _flat(pdf_text(path))
    assert re.search(r"placements/ ?residential/ ?fostering/ ?supported housing", flat), flat
    # On one line the slash prints with no space after it.
    committee, _ = make_report(workspace)
    # (At table and heading sizes the title wraps somewhere; each slash kept on a line prints bare.)
    flat = _flat(pdf_text(committee))
    assert re.search(r"placements/ ?residential/ ?fostering/ ?supported housing", flat)
    assert "placements/residential/fostering/" in flat


# -- 5: the profile opens with the whole service's matrix -------------------------------------------


def test_the_profile_opens_with_the_overall_matrix_and_its_counts(demo_3x3: Workspace, demo_5x5: Workspace,
                                                                  make_report: MakeReport) -> None:
    path, _ = make_report(demo_3x3, kind="profile")
    first = _flat(pdf_pages(path)[0])
    assert "Children's Services – Overall" in first
    assert "High Risks 10 in total" in first and "Number of risks: 28" in first
    assert first.index("High Risks") < first.index("Impact criteria")
    other, _ = make_report(demo_5x5, kind="profile")
    first = _flat(pdf_pages(other)[0])
    assert "High Risks" in first and "Number of risks" in first


# -- 6: the register's standing commentary is titled as such ----------------------------------------


def test_the_introduction_is_titled_about_this_register(demo_5x5: Workspace, workspace: Workspace,
                                                        make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    first = _flat(pdf_pages(path)[0])
    assert "About this register" in first
    assert first.index("About this register") < first.index("Scoring key")
    bare, _ = make_report(workspace)
    assert "About this register" not in pdf_text(bare)
