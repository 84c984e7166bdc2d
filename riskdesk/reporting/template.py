"""The document every report is poured into: page size, fonts, header, footer, page numbers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from riskdesk.core.scheme import Band
from riskdesk.reporting.data import ReportMeta
from riskdesk.reporting.fonts import BOLD, REGULAR, register_fonts
from riskdesk.reporting.pdf_file import PageSpool, spool_page, write_document
from riskdesk.reporting.sections import Deferred, SectionEnd, SectionMark, marks_in
from riskdesk.reporting.styles import A3_SCALE, FOOTER_SIZE, Palette, Styles, make_styles
from riskdesk.reporting.text import long_date, safe

MARGIN = 15 * mm
HEADER_HEIGHT = 16 * mm
FOOTER_HEIGHT = 12 * mm
# The council's name shrinks to this before it wraps onto a second line.
HEADER_MIN_SIZE = 8.0

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ReportCancelled(Exception):
    """The user stopped the report before it was finished."""


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas whose pages say "Page X of Y", written as each is finished.

    ReportLab's usual recipe holds every page back until the total is known: each held page kept
    its drawing as thousands of small strings, about 125 KB a page (800 MB for a 6,400-page
    pack). Here each page places a small form for its footer number and is handed to the PDF at
    once, its drawing encoded and set aside on disk (pdf_file); the forms, "Page X of Y"
    right-aligned at the page's edge, are drawn when the total is known, and the file is then
    written object by object. The pages print the same.
    """

    footer_size = FOOTER_SIZE

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Start a canvas that counts the pages it has finished."""
        super().__init__(*args, **kwargs)
        self._finished = 0
        self._spool: PageSpool | None = None  # made with the first page: ReportLab makes canvases it never uses

    def showPage(self) -> None:
        """Place this page's number (its form) and finish the page."""
        self._finished += 1
        self.saveState()
        self.translate(self._pagesize[0] - MARGIN, FOOTER_HEIGHT - 5 * mm)
        self.doForm(_page_count_form(self._finished))
        self.restoreState()
        super().showPage()
        if self._spool is None:
            self._spool = PageSpool()
        spool_page(self._doc.Pages.pages[-1], self._spool)

    def save(self) -> None:
        """Draw every page's "Page X of Y" now that Y is known, then write the file."""
        total = self._finished
        size = self.footer_size
        for number in range(1, total + 1):
            text = f"Page {number} of {total}"
            width = stringWidth(text, REGULAR, size)
            # The form's origin is where the text ends (the right margin, on the baseline).
            self.beginForm(_page_count_form(number), lowerx=-width - 1, lowery=-size, upperx=1, uppery=size * 1.5)
            self.setFont(REGULAR, size)
            self.setFillColor(colors.black)
            self.drawRightString(0, 0, text)
            self.endForm()
        if len(self._code):
            self.showPage()
        try:
            self.write()
        finally:
            if self._spool is not None:
                self._spool.close()

    def write(self) -> None:
        """Write the finished document to its file, a piece at a time."""
        write_document(self._doc, self, self._filename)


def _page_count_form(number: int) -> str:
    return f"pagecount{number}"


class Checkpoint(Flowable):  # type: ignore[misc]
    """An invisible mark in the story: reports progress and lets the user cancel."""

    def __init__(self, done: int, total: int) -> None:
        """Mark that done of total parts have been laid out when this point is reached."""
        super().__init__()
        self.done = done
        self.total = total

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no room at all."""
        return 0.0, 0.0

    def draw(self) -> None:
        """Draw nothing."""


class ReportTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A report document: embedded fonts, the council's header and the marked footer on every page."""

    canvas_class: type[NumberedCanvas] = NumberedCanvas

    def __init__(
        self,
        target: Path | str | BinaryIO,
        meta: ReportMeta,
        landscape_pages: bool = False,
        bands: tuple[Band, ...] = (),
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> None:
        """Set up a document for meta's page size and orientation."""
        register_fonts()
        a3 = meta.page_size.upper() == "A3"
        size = A3 if a3 else A4
        pagesize = landscape(size) if landscape_pages else size
        self.meta = meta
        self.scale = A3_SCALE if a3 else 1.0
        self.palette = Palette(meta.greyscale, bands)
        self.styles: Styles = make_styles(self.palette, self.scale)
        self._progress = progress
        self._cancelled = cancelled
        # The section the layout is inside, and the register the page's header names.
        self._section: SectionMark | None = None
        self._page_register = ""
        self._last_register = ""
        # The open section's "(continued)" heading, parsed once for every page it runs onto.
        self._continued: tuple[str, Paragraph] | None = None
        super().__init__(
            str(target) if isinstance(target, Path) else target,
            pagesize=pagesize,
            leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=FOOTER_HEIGHT + 6 * mm,
            title=f"{meta.title} – {meta.period}", author=meta.council,
            subject=f"{meta.scope}: {meta.title}, {meta.period} ({meta.marking})" if meta.scope
            else f"{meta.title}, {meta.period} ({meta.marking})",
            creator="riskdesk", initialFontName=REGULAR, initialFontSize=10, initialLeading=12,
            invariant=False, lang="en-GB", displayDocTitle=True,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate,
                                            onPageEnd=self._running_header)])

    @property
    def page_count(self) -> int:
        """Pages written by the last build."""
        return int(self.page)

    def build_story(self, story: list[Flowable]) -> int:
        """Lay out the story, write the file and return the number of pages."""
        count = 0
        for flowable in story:
            for mark in marks_in(flowable):
                count += 1
                mark.key = mark.key or f"section{count}"
        scale = self.scale

        class Numbered(self.canvas_class):  # type: ignore[name-defined,misc]
            footer_size = FOOTER_SIZE * scale

        self.build(story, canvasmaker=Numbered)
        return self.page_count

    def handle_pageBegin(self) -> None:
        """Start a page; a section still open when the last page ended is headed "(continued)" here."""
        super().handle_pageBegin()
        section = self._section
        self._page_register = section.register if section is not None else ""
        if section is not None and section.continued:
            # The same paragraph serves every page a long section runs onto: parsed once.
            if self._continued is None or self._continued[0] != section.key:
                self._continued = (section.key, Paragraph(f"{safe(section.continued)} <i>(continued)</i>",
                                                          self.styles.continued))
            self._hanging.append(self._continued[1])

    def filterFlowables(self, flowables: list[Flowable | None]) -> None:
        """Make the next deferred section's flowables when layout reaches it, ahead of what follows."""
        while flowables and isinstance(flowables[0], Deferred):
            made = flowables[0].take()
            if made is None:
                del flowables[0]
            else:
                flowables[0:0] = made
        if not flowables:
            flowables.append(None)  # ReportLab discards a None at the front and goes on

    def afterFlowable(self, flowable: Flowable) -> None:
        """Follow sections; report progress at each checkpoint and stop when the user cancels."""
        for mark in marks_in(flowable):
            if mark.level == 0 and not mark.continued:
                self._section = None
            if mark.continued:
                self._section = mark
            if mark.register:
                self._page_register = self._page_register or mark.register
                self._last_register = mark.register
        if isinstance(flowable, SectionEnd):
            self._section = None
        if isinstance(flowable, Checkpoint):
            if self._progress is not None:
                self._progress(flowable.done, flowable.total)
            if self._cancelled is not None and self._cancelled():
                raise ReportCancelled("The report was cancelled.")

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        meta = self.meta
        s = self.scale
        width, height = self.pagesize
        left, right = MARGIN, width - MARGIN
        top = height - MARGIN
        canvas.saveState()
        accent = self.palette.accent
        # The title keeps its size; the council's name shrinks, then wraps, into the room left of it.
        canvas.setFont(REGULAR, 9 * s)
        canvas.drawRightString(right, top - 4 * mm, meta.title)
        room = right - left - stringWidth(meta.title, REGULAR, 9 * s) - 8 * mm
        size, lines = header_lines(meta.council, room, 10 * s, HEADER_MIN_SIZE * s)
        canvas.setFillColor(accent)
        canvas.setFont(BOLD, size)
        for index, line in enumerate(lines):
            canvas.drawString(left, top - 4 * mm - index * size * 1.15, line)
        self._header_bottom = top - 4 * mm - (len(lines) - 1) * size * 1.15
        canvas.setFillColor(colors.black)
        canvas.setFont(REGULAR, 8 * s)
        canvas.drawRightString(right, top - 8.5 * mm, meta.period)
        rule = top - 12.5 * mm
        canvas.setStrokeColor(accent)
        canvas.setLineWidth(1)
        canvas.line(left, rule, right, rule)
        # The protective marking goes at the top and the foot, as government papers carry it.
        canvas.setFont(BOLD, FOOTER_SIZE * s)
        canvas.drawCentredString(width / 2, height - 7 * mm, meta.marking)
        footer_y = FOOTER_HEIGHT - 5 * mm
        canvas.setLineWidth(0.5)
        canvas.setStrokeColor(colors.HexColor("#8a8a8a"))
        canvas.line(left, FOOTER_HEIGHT - 1 * mm, right, FOOTER_HEIGHT - 1 * mm)
        canvas.drawCentredString(width / 2, footer_y, meta.marking)
        canvas.setFont(REGULAR, FOOTER_SIZE * s)
        canvas.drawString(left, footer_y, f"Produced {long_date(meta.produced)}")
        canvas.restoreState()

    def _running_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The register this page's section belongs to, written once the page's content is known."""
        name = self._page_register or self._last_register or self.meta.scope
        if not name:
            return
        s = self.scale
        width, height = self.pagesize
        top = height - MARGIN
        room = width - 2 * MARGIN - stringWidth(self.meta.period, REGULAR, 8 * s) - 8 * mm
        size, lines = header_lines(name, room, 8 * s, 6.5 * s)
        y = min(top - 8.5 * mm, getattr(self, "_header_bottom", top) - size * 1.3)
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.setFont(REGULAR, size)
        canvas.drawString(MARGIN, y, lines[0] if len(lines) == 1 else lines[0].rstrip() + "…")
        canvas.restoreState()


def header_lines(text: str, room: float, size: float, smallest: float) -> tuple[float, list[str]]:
    """The size and lines of a header text: shrunk to fit room on one line, else wrapped at the smallest size."""
    while size > smallest and stringWidth(text, BOLD, size) > room:
        size -= 0.5
    if stringWidth(text, BOLD, size) <= room:
        return size, [text]
    return size, simpleSplit(text, BOLD, size, room)[:2]
