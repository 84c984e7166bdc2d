"""Long tables laid out a page at a time print exactly as one ReportLab table would."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from riskdesk.reporting.fonts import REGULAR, register_fonts
from riskdesk.reporting.long_table import CellParagraph, MadeRows, PagedTable
from tests.reporting.pdftools import pdf_pages

WIDTHS = [110.0, 60.0, 260.0]
STYLE = [("FONTNAME", (0, 0), (-1, -1), REGULAR), ("GRID", (0, 0), (-1, -1), 0.5, "grey"),
         ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), "#dce3ee")]


def _rows(count: int, long_every: int = 0) -> list[list[object]]:
    """Rows of varied height; every long_every-th row has a cell longer than a page."""
    return [_row(number, long_every) for number in range(count)]


def _row(number: int, long_every: int = 0) -> list[object]:
    register_fonts()
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=11)
    words = " ".join(f"word{number}-{w}" for w in range(number % 7 * 6 + 1))
    if long_every and number % long_every == long_every - 1:
        words = " ".join(f"long{number}-{w}" for w in range(900))
    return [CellParagraph(f"Owner {number}", cell), f"Row {number}", CellParagraph(words, cell)]


def _write(story: list[object], path: Path) -> None:
    register_fonts()
    SimpleDocTemplate(str(path), pagesize=A4, initialFontName=REGULAR).build(story)


def _plain(rows: list[list[object]], split_in_row: int) -> Table:
    table = Table([["Owner", "Row", "Text"], *rows], colWidths=WIDTHS, repeatRows=1, splitInRow=split_in_row)
    table.setStyle(TableStyle(STYLE))
    return table


def _paged(rows: list[list[object]], split_in_row: int) -> PagedTable:
    def stretch(head: list[object] | None, body: list[list[object]], first: int,
                heights: list[float | None]) -> Table:
        top = [] if head is None else [head]
        table = Table(top + body, colWidths=WIDTHS, rowHeights=heights, repeatRows=len(top),
                      splitInRow=split_in_row)
        style = STYLE if head is not None else STYLE[:3]
        table.setStyle(TableStyle(style))
        return table

    return PagedTable(["Owner", "Row", "Text"], rows, stretch, rows_split=bool(split_in_row))


def test_a_long_table_prints_page_for_page_as_one_table(tmp_path: Path) -> None:
    plain, paged = tmp_path / "plain.pdf", tmp_path / "paged.pdf"
    _write([Paragraph("Actions"), _plain(_rows(400), 0)], plain)
    _write([Paragraph("Actions"), _paged(_rows(400), 0)], paged)
    plain_pages, paged_pages = pdf_pages(plain), pdf_pages(paged)
    assert len(plain_pages) > 10
    assert paged_pages == plain_pages
    for page in paged_pages[1:]:  # the header row heads every page
        assert page.lstrip().startswith("Owner")


def test_rows_longer_than_a_page_split_inside_and_nothing_is_lost(tmp_path: Path) -> None:
    paged = tmp_path / "paged.pdf"
    rows = _rows(120, long_every=40)
    _write([_paged(rows, 1)], paged)
    text = " ".join(pdf_pages(paged))
    words = text.split()
    for number in range(120):
        assert f"Row {number}" in text
    # Every word of the three long cells is printed once, in order.
    for number in (39, 79, 119):
        printed = [w for w in words if w.startswith(f"long{number}-")]
        assert printed == [f"long{number}-{w}" for w in range(900)]


def test_the_last_stretch_ends_the_table_without_an_empty_piece() -> None:
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=REGULAR)
    doc.build([_paged(_rows(3), 0)])
    assert doc.page == 1


def test_style_commands_follow_their_rows_into_each_stretch() -> None:
    from riskdesk.reporting.long_table import _placed

    fill = ("BACKGROUND", (5, 40), (5, 40), "red")
    # Rows 31 to 60 of the whole table in a stretch under a repeated header: row 40 is local row 10.
    assert _placed(fill, 40, 40, 31, 60, headed=True) == ("BACKGROUND", (5, 10), (5, 10), "red")
    # The same stretch continuing mid-page without a header: local row 9.
    assert _placed(fill, 40, 40, 31, 60, headed=False) == ("BACKGROUND", (5, 9), (5, 9), "red")
    assert _placed(fill, 40, 40, 41, 70, headed=True) is None
    # A command over every body row reaches each stretch, clipped to it.
    body = ("VALIGN", (3, 1), (-1, 99), "MIDDLE")
    assert _placed(body, 1, 99, 31, 60, headed=True) == ("VALIGN", (3, 1), (-1, 30), "MIDDLE")
    # Header styling only where the stretch has the header.
    header = ("FONTNAME", (0, 0), (-1, 0), "bold")
    assert _placed(header, 0, 0, 31, 60, headed=True) == ("FONTNAME", (0, 0), (-1, 0), "bold")
    assert _placed(header, 0, 0, 31, 60, headed=False) is None


def test_rows_made_as_needed_print_as_the_same_rows_made_beforehand_and_are_let_go(tmp_path: Path) -> None:
    for split_in_row, long_every in ((0, 0), (1, 40)):
        made_before = _rows(200, long_every)
        made_count: list[int] = []

        def make(number: int, long_every: int = long_every, made_count: list[int] = made_count) -> list[object]:
            made_count.append(number)
            return _row(number, long_every)

        rows = MadeRows(range(200), make)
        table = _paged(rows, split_in_row)  # type: ignore[arg-type]
        assert made_count == []  # nothing is made before layout
        plain, lazy = tmp_path / f"plain{split_in_row}.pdf", tmp_path / f"lazy{split_in_row}.pdf"
        _write([_paged(made_before, split_in_row)], plain)
        _write([table], lazy)
        assert pdf_pages(lazy) == pdf_pages(plain)
        assert sorted(set(made_count)) == list(range(200))
        # Rows placed on earlier pages are let go: at most the last page's rows and a stretch are kept.
        assert len(rows._made) < 100
    assert list(MadeRows("abc", lambda item: [item])[1:]) == [["b"], ["c"]]
    assert MadeRows("abc", lambda item: [item])[-1] == ["c"]
