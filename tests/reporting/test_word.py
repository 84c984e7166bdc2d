"""The Word version of the committee pack and the profile, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from riskdesk.cli import main
from riskdesk.core.cover import Cover
from riskdesk.services.reports import ReportError, ReportOptions, write_report
from riskdesk.services.workspace import Workspace
from tests.reporting.conftest import TODAY


def _word(workspace: Workspace, tmp_path: Path, **options: object) -> object:
    target = tmp_path / "report.docx"
    write_report(workspace, ReportOptions(**options), target, today=TODAY)  # type: ignore[arg-type]
    return Document(str(target))


def _headings(document: object) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs  # type: ignore[attr-defined]
            if p.style.name.startswith("Heading") or p.style.name == "Title"]


def test_the_committee_pack_in_word_uses_heading_styles_and_holds_every_risk(
        demo_5x5: Workspace, tmp_path: Path) -> None:
    document = _word(demo_5x5, tmp_path)
    headings = _headings(document)
    assert ("Title", "Strategic Risk Monitoring Report") in headings
    assert ("Heading 1", "Scoring key") in headings and ("Heading 1", "Summary overview") in headings
    risks = [text for style, text in headings if text.startswith(("SR 7.", "CS "))]
    assert len(risks) == 16 and "SR 7.2 Ineffective Social Care Practice" in risks
    # Each risk's heading sits one level under its register's.
    levels = dict((text, style) for style, text in headings)
    assert levels["Strategic Risk Register"] == "Heading 1"
    assert levels["SR 7.2 Ineffective Social Care Practice"] == "Heading 2"
    assert levels["Safeguarding and Care"] == "Heading 2"
    assert levels["CS 01 Failure to keep children safe"] == "Heading 3"
    properties = document.core_properties  # type: ignore[attr-defined]
    assert properties.title == "Strategic Risk Monitoring Report – Q4 2023/24"
    assert properties.language == "en-GB" and properties.author == "Westshire County Council"


def test_tables_repeat_their_header_rows_and_print_band_words_beside_colours(
        demo_5x5: Workspace, tmp_path: Path) -> None:
    document = _word(demo_5x5, tmp_path)
    tables = document.tables  # type: ignore[attr-defined]
    assert len(tables) > 30
    for table in tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    summary = tables[0]
    assert [c.text for c in summary.rows[0].cells][:4] == ["Ref", "Risk Owner", "Risks (short title)",
                                                           "Residual risk score"]
    first = summary.rows[1].cells
    assert first[0].text == "SR 7.5" and first[3].text == "Medium 12"
    shading = first[3]._tc.tcPr.find(qn("w:shd"))
    assert shading is not None and shading.get(qn("w:fill")).lower() != "ffffff"
    assert "16 → 12 → 12 → 12" in first[4].text and "No change" in first[4].text


def test_matrices_are_images_with_alt_text_that_describes_them(demo_5x5: Workspace, tmp_path: Path) -> None:
    document = _word(demo_5x5, tmp_path)
    shapes = document.inline_shapes  # type: ignore[attr-defined]
    assert len(shapes) == 17  # the scoring key and one per risk
    alts = [shape._inline.docPr.get("descr") for shape in shapes]
    assert alts[0].startswith("Scoring key: a 5 by 5 matrix, likelihood down the side")
    assert any(alt.startswith("SR 7.2 on the scoring matrix: inherent likelihood 4 by impact 5 (High)")
               for alt in alts)


def test_the_header_and_footer_are_as_in_the_pdf(demo_5x5: Workspace, tmp_path: Path) -> None:
    document = _word(demo_5x5, tmp_path, exempt=True)
    section = document.sections[0]  # type: ignore[attr-defined]
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert "OFFICIAL – Exempt: Part B" in header and "Westshire County Council" in header
    footer = section.footer.paragraphs[0]
    assert "Produced 1 May 2024" in footer.text and "OFFICIAL – Exempt: Part B" in footer.text
    codes = [node.text.strip() for node in footer._p.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]


def test_the_profile_in_word_gives_each_area_its_matrix_of_counts(demo_3x3: Workspace, tmp_path: Path) -> None:
    document = _word(demo_3x3, tmp_path, kind="profile", cover=Cover(committee="Scrutiny Board"))
    text = "\n".join(p.text for p in document.paragraphs)  # type: ignore[attr-defined]
    assert "High Risks 10 in total. Number of risks: 28." in text
    alts = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]  # type: ignore[attr-defined]
    assert alts[0].startswith("Matrix of Children's Services – Overall: 28 risks;")
    assert len(alts) == 1 + 3  # the whole service and each of its three areas
    cover = document.tables[0]  # type: ignore[attr-defined]
    assert cover.rows[1].cells[1].text == "Scrutiny Board"


def test_the_output_name_chooses_word_and_only_where_there_is_one(demo_5x5_path: Path, tmp_path: Path,
                                                                 demo_5x5: Workspace) -> None:
    target = tmp_path / "pack.docx"
    assert main(["report", str(demo_5x5_path), "-o", str(target)]) == 0
    assert Document(str(target)).paragraphs
    with pytest.raises(ReportError, match="PDF only"):
        write_report(demo_5x5, ReportOptions(kind="matrix"), tmp_path / "matrix.docx")
    assert not (tmp_path / "matrix.docx").exists()
