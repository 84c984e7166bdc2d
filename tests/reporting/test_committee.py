"""The committee pack: every risk, owner and comment printed, numbered pages, embedded fonts, escaping."""

from __future__ import annotations

import re
from datetime import date

from riskdesk.core.model import Rag, Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import BASE_14, pdf_fonts, pdf_pages, pdf_text, table_rows

INJECTION = '<b>x</b> & <img src="/etc/passwd"/> <script>'


def _register_id(workspace: Workspace) -> str:
    return str(workspace.store.all(REGISTER)[0].id)


def _many_risks(workspace: Workspace, count: int) -> None:
    register_id = _register_id(workspace)
    for number in range(1, count + 1):
        risk, _ = workspace.create_risk(
            register_id, f"R-{number:03d}", f"Risk number {number}",
            description=f"Description of risk {number}.", owner=f"Owner {number:03d}",
            residual=Score(1 + number % 5, 1 + (number // 5) % 5), inherent=Score(5, 5),
            period_comment=f"Comment {number:03d} holds steady",
        )
        workspace.add_control(risk.id, f"Control {number:03d}", owner="Control Owner")
        workspace.add_action(risk.id, f"Action {number:03d}", owner="Action Owner", due_date=date(2024, 9, 30),
                             rag=Rag.AMBER)


def test_a_120_risk_pack_prints_every_risk_owner_comment_and_page_number(
        workspace: Workspace, make_report: MakeReport) -> None:
    _many_risks(workspace, 120)
    path, pages = make_report(workspace)
    texts = pdf_pages(path)
    assert len(texts) == pages > 20
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
        assert "OFFICIAL" in text
        assert "Test Council" in text
    # The summary runs over several pages; its header row is repeated on each.
    summary_pages = [t for t in texts[: next(i for i, t in enumerate(texts) if "Inherent score" in t) + 1]
                     if re.search(r"^ R-\d{3}", t, re.MULTILINE)]
    assert len(summary_pages) >= 3
    for text in summary_pages:
        assert "Risk Owner" in text and "Direction of" in text
    whole = "\n".join(texts)
    for number in range(1, 121):
        assert re.search(rf"R-{number:03d}\s", whole), number
        assert f"Owner {number:03d}" in whole
        assert f"Comment {number:03d} holds steady" in whole
        assert f"Control {number:03d}" in whole
        assert f"Action {number:03d}" in whole
    assert "Exempt" not in whole


def test_every_font_is_embedded_and_none_is_base_14(demo_5x5: Workspace, make_report: MakeReport) -> None:
    for kind in ("committee", "profile", "matrix", "actions"):
        path, _ = make_report(demo_5x5, kind=kind)
        fonts = pdf_fonts(path)
        assert fonts, kind
        for name, embedded in fonts:
            assert embedded == "yes", (kind, name)
            assert "DejaVuSans" in name, (kind, name)
            assert not any(base in name for base in BASE_14), (kind, name)


def test_markup_in_user_text_prints_literally(workspace: Workspace, make_report: MakeReport) -> None:
    risk, _ = workspace.create_risk(_register_id(workspace), "X 1", INJECTION, description=INJECTION,
                                    owner=INJECTION, residual=Score(3, 3), period_comment=f"Said {INJECTION}")
    workspace.add_control(risk.id, INJECTION)
    path, _ = make_report(workspace)
    flat = " ".join(pdf_text(path).split())
    assert f"X 1 {INJECTION}" in flat
    assert f"Said {INJECTION}" in flat
    assert flat.count("<img") >= 4


def test_a_huge_comment_and_control_split_across_pages(workspace: Workspace, make_report: MakeReport) -> None:
    words = " ".join(f"word{n}" for n in range(2000))  # about 17,800 characters: near the limit for a text
    risk, _ = workspace.create_risk(_register_id(workspace), "BIG 1", "Very long", residual=Score(4, 4),
                                    period_comment=words + "\n\nFinal paragraph ends with commentendmark")
    workspace.add_control(risk.id, "Control " + words + " controlendmark")
    workspace.add_action(risk.id, "Action " + words[:15000] + " actionendmark")
    path, pages = make_report(workspace)
    text = " ".join(pdf_text(path).split())
    assert pages > 6
    for marker in ("commentendmark", "controlendmark", "actionendmark", "word1999"):
        assert marker in text


def test_summary_is_sorted_by_residual_score_with_band_and_direction(
        demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    whole = pdf_text(path)
    # The summary runs from its heading to the first risk section's scores.
    summary = whole[whole.index("Summary overview"):whole.index("Inherent score")]
    scores = [int(m) for m in re.findall(r"(?:Low|Medium|High) (\d+)", summary)]
    assert len(scores) == 16
    # Under each register's heading (they come in tree order), highest score first.
    groups = re.split(r"\n (?:Strategic Risk Register|Children's Services Departmental Risk Register – .*)\n",
                      summary)[1:]
    assert len(groups) == 4
    for group in groups:
        in_group = [int(m) for m in re.findall(r"(?:Low|Medium|High) (\d+)", group)]
        assert in_group and in_group == sorted(in_group, reverse=True)
    rows = table_rows(summary)
    assert "High 20 Worse" in rows["CS 04"]
    assert "Medium 9 No change" in rows["SR 7.2"]
    assert "Medium 6 New" in rows["CS 06"]


def test_the_pack_shows_the_chosen_periods_scores_and_comments(demo_5x5: Workspace, make_report: MakeReport) -> None:
    latest, _ = make_report(demo_5x5)
    earlier, _ = make_report(demo_5x5, period="Q1 2023/24")
    latest_text, earlier_text = pdf_text(latest), pdf_text(earlier)
    assert "Q4 2023/24" in latest_text and "Q1 2023/24" in earlier_text
    assert "slipped this quarter" in " ".join(latest_text.split())
    flat_earlier = " ".join(earlier_text.split())
    assert "The score stays high until the audit picture improves" in flat_earlier
    assert "slipped this quarter" not in flat_earlier
    # CS 06 was first scored in Q4, so it is not in the Q1 pack at all.
    assert "CS 06" in latest_text and "CS 06" not in earlier_text
    earlier_summary = earlier_text[earlier_text.index("Summary overview"):earlier_text.index("Inherent score")]
    assert "High 16" in table_rows(earlier_summary)["SR 7.2"]


def test_direction_arrows_are_drawn_not_typed(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    text = pdf_text(path)
    for glyph in ("⇨", "⇩", "⇧", "★", "▲", "▼"):
        assert glyph not in text
    for word in ("No change", "Worse", "New"):
        assert word in text


def test_a_long_owner_in_a_narrow_column_still_fits(workspace: Workspace, make_report: MakeReport) -> None:
    risk, _ = workspace.create_risk(_register_id(workspace), "OWN 1", "Long owner", residual=Score(2, 2))
    over = " ".join(["Assistant Director"] * 33) + " owner ends"  # past the length that lets rows split
    under = " ".join(["Assistant Director"] * 30) + " owner ends"  # just short of it
    for owner in (over, under):
        workspace.add_control(risk.id, "A short control", owner=owner)
        workspace.add_action(risk.id, "A short action", owner=owner)
    path, _ = make_report(workspace)
    flat = " ".join(pdf_text(path).split())
    assert flat.count("owner ends") == 4


def test_departmental_risks_show_the_strategic_risk_they_are_represented_on(
    demo_5x5: Workspace, make_report: MakeReport
) -> None:
    path, _ = make_report(demo_5x5)
    text = " ".join(pdf_text(path).split())
    assert "Represented on: SR 7.2 Ineffective Social Care Practice" in text
    assert "Risks represented here: CS 01 Failure to keep children safe" in text
    # CS 04 (care leavers' housing) is the one high departmental risk not on the strategic register.
    section = text[text.index("CS 04 Lack of suitable accommodation"):]
    section = section[: section.index("Period comments")]
    assert "Represented on" not in section
