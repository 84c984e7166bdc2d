"""Trend and context: recent residual scores, a small matrix per risk, appetite, treatment, proximity."""

from __future__ import annotations

import re

from riskdesk.services.workspace import Workspace
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_pages, pdf_raw, pdf_words


def _flat(text: str) -> str:
    return " ".join(text.split())


def _section(text: str, heading: str) -> str:
    start = text.index(heading, text.index("Inherent score") - 2000)
    return text[start:start + 2500]


def test_the_summary_gives_the_residual_over_the_last_four_quarters(demo_5x5: Workspace,
                                                                     make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    summary = _flat(pdf_raw(path))
    summary = summary[summary.index("Summary overview"):summary.index("Inherent score")]
    # Seed figures of SR 7.2 by quarter (Q1 to Q4 2023/24): 16, 12, 9, 9.
    assert re.search(r"SR 7\.2 .*?16 ?→ ?12 ?→ ?9 ?→ ?9", summary)
    assert re.search(r"SR 7\.4 .*?16 ?→ ?16 ?→ ?12 ?→ ?12", summary)


def test_each_section_marks_inherent_residual_and_target_on_a_small_matrix(demo_5x5: Workspace,
                                                                           make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    pages = pdf_words(path)
    section_page = next(i for i, text in enumerate(pdf_pages(path)) if re.search(r"^SR 7\.2 Ineffective", text,
                                                                                     re.MULTILINE))
    words = pages[section_page]
    key = next(w for w in words if w[4] == "inherent,")  # the key under the matrix: "I inherent, R residual..."
    marks = {w[4]: w for w in words if w[4] in ("I", "R", "T") and abs(w[1] - key[1]) > 1}
    assert set(marks) == {"I", "R", "T"}
    # SR 7.2: inherent 4 x 5 (likelihood up the side, impact along): I sits right of and above R (3 x 3),
    # and T (2 x 3) straight below R.
    i, r, t = marks["I"], marks["R"], marks["T"]
    assert i[0] > r[0] and i[1] < r[1]
    assert abs(t[0] - r[0]) < 2 and t[1] > r[1]


def test_appetite_against_the_score_treatment_and_proximity_are_printed(demo_5x5: Workspace,
                                                                        make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5)
    section = _flat(_section(pdf_raw(path), "SR 7.2 Ineffective"))
    assert re.search(r"Risk appetite: Averse, scores up to \d+; the residual score of 9 is (above|within) it",
                     section)
    assert "Treatment: Treat" in section and "Proximity: Now" in section


def test_improved_says_from_what(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, period="Q3 2023/24")
    section = _flat(_section(pdf_raw(path), "SR 7.2 Ineffective"))
    assert "Improved since Q2 2023/24: from 12 to 9." in section
