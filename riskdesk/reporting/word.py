"""The Word version of a report: the same prepared data written with python-docx, for clerks who paste it
into the council's template and publish an accessible document.

Word's own heading styles carry the structure (the navigation pane and screen readers use them), table
header rows repeat on each page, every colour has its band's word beside it, and each matrix is an image
with alt text that says what it shows.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table, _Cell

from riskdesk.core.model import Score
from riskdesk.reporting.data import ReportData
from riskdesk.reporting.styles import ACCENT, BODY_SIZE, FOOTER_SIZE, HEADER_FILL, TABLE_SIZE, Palette, luminance
from riskdesk.reporting.text import long_date

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class WordCancelled(Exception):
    """The user stopped the Word document before it was written."""


class WordDocument:
    """A Word document with the report's header, footer, fonts and language; helpers for its parts."""

    def __init__(self, data: ReportData, landscape: bool = False) -> None:
        """Start a document for data's report."""
        self.data = data
        self.palette = Palette(data.meta.greyscale, data.scheme.bands)
        self.doc: Any = Document()
        self._picture_id = 100_000  # clear of the ids python-docx gives the document's own parts
        self._style_ids: dict[str, str] = {}
        self._grid_style = self.doc.styles["Table Grid"].style_id
        # Table text takes its size from a style of its own, not from every run (far quicker to write).
        cells = self.doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        cells.base_style = self.doc.styles["Normal"]
        cells.font.size = Pt(TABLE_SIZE)
        cells.paragraph_format.space_after = Pt(0)
        self._cell_style = cells.style_id
        meta = data.meta
        props = self.doc.core_properties
        props.title = f"{meta.title} – {meta.period}"
        props.author = meta.council
        props.subject = f"{meta.scope}: {meta.title}, {meta.period} ({meta.marking})" if meta.scope else meta.title
        props.language = "en-GB"
        props.keywords = meta.marking
        normal = self.doc.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(BODY_SIZE)
        _set_language(normal.element)
        for level in (1, 2, 3):
            heading = self.doc.styles[f"Heading {level}"]
            heading.font.name = "Arial"
            heading.font.color.rgb = RGBColor.from_string(ACCENT.lstrip("#"))
        section = self.doc.sections[0]
        section.page_height, section.page_width = Mm(297), Mm(210)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(18))
        self._header_and_footer(section)

    def _header_and_footer(self, section: Any) -> None:
        meta = self.data.meta
        header = section.header.paragraphs[0]
        header.text = ""
        _run(header, meta.marking, bold=True, size=FOOTER_SIZE)
        line = section.header.add_paragraph()
        _run(line, meta.council, bold=True, size=9)
        _run(line, f" – {meta.title}, {meta.period}", size=9)
        if meta.scope:
            section.header.add_paragraph().add_run(meta.scope).font.size = Pt(FOOTER_SIZE)
        footer = section.footer.paragraphs[0]
        footer.text = ""
        _run(footer, f"{meta.marking}    Produced {long_date(meta.produced)}    Page ", size=FOOTER_SIZE)
        _field(footer, "PAGE")
        _run(footer, " of ", size=FOOTER_SIZE)
        _field(footer, "NUMPAGES")

    # -- parts ---------------------------------------------------------------

    def heading(self, text: str, level: int) -> None:
        """A heading in Word's own style for its level (Title for level 0)."""
        name = "Title" if level == 0 else f"Heading {min(level, 9)}"
        style_id = self._style_ids.get(name)
        if style_id is None:
            style_id = self._style_ids[name] = self.doc.styles[name].style_id
        paragraph = self.doc.add_paragraph(text)
        # Set by id: python-docx looks a style up by name through every style in the file each time.
        paragraph._p.style = style_id

    def paragraph(self, text: str = "", label: str = "", italic: bool = False, size: float | None = None) -> Any:
        """A paragraph of user text, with a bold label before it when given."""
        paragraph = self.doc.add_paragraph()
        if label:
            _run(paragraph, label + " ", bold=True, size=size)
        _run(paragraph, text, italic=italic, size=size)
        return paragraph

    def paragraphs(self, text: str, empty: str = "") -> None:
        """User text split at blank lines; empty's words in italics when there is none."""
        parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
        if not parts and empty:
            self.paragraph(empty, italic=True)
        for part in parts:
            self.paragraph(part)

    def table(self, header: list[str], rows: list[list[str]], widths: list[float] | None = None) -> Table:
        """A table whose header row repeats on each page it runs onto."""
        table: Table = self.doc.add_table(rows=1, cols=len(header))
        table._tbl.tblPr.style = self._grid_style  # by id, as for headings
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            _cell_text(cell, text, self._cell_style, bold=True)
            _shade(cell, HEADER_FILL)
        _repeat_header(table.rows[0])
        rows_of: Any = table  # python-docx leaves add_row untyped
        for values in rows:
            cells = rows_of.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                _cell_text(cell, text, self._cell_style)
        if widths:
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = Mm(width)
        return table

    def band_cell(self, cell: _Cell, score: Score | None) -> None:
        """A score as its band's word and number on the band's colour: the word reads without the colour."""
        if score is None:
            _cell_text(cell, "Not scored", self._cell_style)
            return
        band = self.data.scheme.band_for(score.likelihood, score.impact)
        value = self.data.scheme.value_of(score)
        _cell_text(cell, f"{band.name} {value}", self._cell_style, bold=True,
                   white=luminance(self.palette.colour(band.colour)) <= 0.45)
        _shade(cell, band.colour)

    def image(self, png: bytes, width_mm: float, alt: str) -> None:
        """A picture with alt text that says what it shows.

        python-docx numbers each picture by searching the whole document for ids taken, which grows
        with every picture; ours are numbered from a counter of their own instead.
        """
        part = self.doc.part
        relation, picture = part.get_or_add_image(io.BytesIO(png))
        width = Mm(width_mm)
        height = int(width * picture.px_height / picture.px_width)
        self._picture_id += 1
        inline = CT_Inline.new_pic_inline(self._picture_id, relation, picture.filename, width, Emu(height))
        inline.docPr.set("descr", alt)
        inline.docPr.set("title", alt[:60])
        self.doc.add_paragraph().add_run()._r.add_drawing(inline)

    def page_break(self) -> None:
        """Start a new page."""
        self.doc.add_page_break()

    def save(self, target: Path | str | BinaryIO) -> None:
        """Write the document."""
        self.doc.save(str(target) if isinstance(target, Path) else target)


def _set_language(element: Any) -> None:
    rpr = element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")


def _run(paragraph: Any, text: str, bold: bool = False, italic: bool = False, size: float | None = None,
         white: bool = False) -> Any:
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if size:
        run.font.size = Pt(size)
    if white:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    return run


def _field(paragraph: Any, code: str) -> None:
    """A field Word fills in (PAGE, NUMPAGES)."""
    run = paragraph.add_run()
    run.font.size = Pt(FOOTER_SIZE)
    for kind, text in (("begin", None), (None, code), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)


def _cell_text(cell: _Cell, text: str, style_id: str, bold: bool = False, white: bool = False) -> None:
    """Text into a cell, a paragraph a line, in the table text style (set by id: see WordDocument.heading)."""
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id
    _run(paragraph, lines[0], bold=bold, white=white)
    for line in lines[1:]:
        more = cell.add_paragraph()
        more._p.style = style_id
        _run(more, line, bold=bold, white=white)


def _shade(cell: _Cell, hex_colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
