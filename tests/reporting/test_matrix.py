"""Matrix sheets: one landscape page per register with references in the cells, never split."""

from __future__ import annotations

import re
import subprocess

from riskdesk.core.model import Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER, RISK
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_pages

LIKELIHOOD_CAPTIONS = ("Almost certain (5)", "Highly likely (4)", "Probable (3)", "Possible (2)", "Rare (1)")


def _page_size(path: object) -> str:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return next(line for line in info.splitlines() if line.startswith("Page size"))


def test_one_landscape_sheet_per_register_with_references(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, kind="matrix")
    # A sheet per register; a key too long to stand beside its matrix follows it on pages of its own.
    texts = [text for text in pdf_pages(path) if "Key to " not in text]
    assert len(texts) == 5
    for text in texts:
        flat = " ".join(text.split())
        assert flat.count("IMPACT / CONSEQUENCE") == 1
        for caption in LIKELIHOOD_CAPTIONS:
            assert caption in flat
    first = texts[0]
    assert "Strategic Risk Register" in first
    for reference in ("SR 7.2", "SR 7.4", "CS 01", "CS 11"):
        assert reference in first
    assert "CS 09" not in "".join(texts)  # exempt: not in the public version
    width, height = (float(v) for v in _page_size(path).split(":")[1].split("pts")[0].split("x"))
    assert width > height


def test_a3_sheets(demo_5x5: Workspace, make_report: MakeReport) -> None:
    path, _ = make_report(demo_5x5, kind="matrix", page_size="A3")
    assert "(A3)" in _page_size(path)


def test_the_scoring_key_is_never_split_however_long_the_introduction(
        workspace: Workspace, make_report: MakeReport) -> None:
    register = workspace.store.all(REGISTER)[0]
    version = register.version
    for sentences in range(8, 80, 6):
        workspace.update_register(register.id, version, commentary="An introduction that runs on. " * sentences)
        version += 1
        path, _ = make_report(workspace)
        pages = [" ".join(text.split()) for text in pdf_pages(path)]
        labels = [caption.split(" (")[0] for caption in LIKELIHOOD_CAPTIONS]
        holding = [i for i, text in enumerate(pages) if any(label in text for label in labels)]
        assert len(holding) == 1, sentences
        assert all(label in pages[holding[0]] for label in labels), sentences


def test_a_crowded_cell_says_how_many_risks_it_holds(workspace: Workspace, make_report: MakeReport) -> None:
    register_id = workspace.store.all(REGISTER)[0].id
    for number in range(150):
        workspace.create_risk(register_id, f"CROWD {number:03d}", "Crowded", residual=Score(5, 5))
    path, _ = make_report(workspace, kind="matrix")
    flat = " ".join(pdf_pages(path)[0].split())  # the sheet; its key follows
    assert "150 risks" in flat
    shown = len(re.findall(r"CROWD \d{3}", flat))
    if shown < 150:
        assert f"and {150 - shown} more" in flat


def test_each_sheet_has_a_key_from_reference_to_title_and_owner(demo_3x3: Workspace, demo_5x5: Workspace,
                                                                 make_report: MakeReport) -> None:
    from tests.reporting.pdftools import pdf_raw

    for workspace in (demo_3x3, demo_5x5):
        path, _ = make_report(workspace, kind="matrix")
        text = " ".join(pdf_raw(path).split())
        for risk in workspace.store.all(RISK):
            if risk.exempt or risk.archived or risk.status.value == "closed":
                continue
            assert f"{risk.reference} {risk.title}"[:40] in text, risk.reference
