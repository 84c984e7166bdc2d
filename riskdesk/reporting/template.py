"""The document every report is poured into: page size, fonts, header, footer, page numbers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from riskdesk.core.scheme import Band
from riskdesk.reporting.data import ReportMeta
from riskdesk.reporting.fonts import BOLD, REGULAR, register_fonts
from riskdesk.reporting.styles import Palette, Styles, make_styles
from riskdesk.reporting.text import long_date

MARGIN = 15 * mm
HEADER_HEIGHT = 14 * mm
FOOTER_HEIGHT = 12 * mm
FOOTER_SIZE = 7.5

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ReportCancelled(Exception):
    """The user stopped the report before it was finished."""


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds its pages back until the end, so each can say "Page X of Y"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Start a canvas that keeps every page's state until it is saved."""
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        """Keep the finished page instead of writing it now."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Write every page with its page number and the total."""
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(REGULAR, FOOTER_SIZE)
        self.setFillColor(colors.black)
        self.drawRightString(width - MARGIN, FOOTER_HEIGHT - 5 * mm, f"Page {self._pageNumber} of {total}")
        self.restoreState()


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
        size = A3 if meta.page_size.upper() == "A3" else A4
        pagesize = landscape(size) if landscape_pages else size
        self.meta = meta
        self.palette = Palette(meta.greyscale, bands)
        self.styles: Styles = make_styles(self.palette)
        self._progress = progress
        self._cancelled = cancelled
        super().__init__(
            str(target) if isinstance(target, Path) else target,
            pagesize=pagesize,
            leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=FOOTER_HEIGHT + 6 * mm,
            title=f"{meta.title} – {meta.period}", author=meta.council, subject=meta.marking,
            creator="riskdesk", initialFontName=REGULAR, initialFontSize=10, initialLeading=12,
            invariant=False,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    @property
    def page_count(self) -> int:
        """Pages written by the last build."""
        return int(self.page)

    def build_story(self, story: list[Flowable]) -> int:
        """Lay out the story, write the file and return the number of pages."""
        self.build(story, canvasmaker=NumberedCanvas)
        return self.page_count

    def afterFlowable(self, flowable: Flowable) -> None:
        """Report progress at each checkpoint and stop when the user cancels."""
        if isinstance(flowable, Checkpoint):
            if self._progress is not None:
                self._progress(flowable.done, flowable.total)
            if self._cancelled is not None and self._cancelled():
                raise ReportCancelled("The report was cancelled.")

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        meta = self.meta
        width, height = self.pagesize
        left, right = MARGIN, width - MARGIN
        top = height - MARGIN
        canvas.saveState()
        accent = self.palette.accent
        canvas.setFillColor(accent)
        canvas.setFont(BOLD, 10)
        canvas.drawString(left, top - 4 * mm, meta.council)
        canvas.setFont(REGULAR, 9)
        canvas.drawRightString(right, top - 4 * mm, meta.title)
        canvas.setFillColor(colors.black)
        canvas.setFont(REGULAR, 8)
        canvas.drawRightString(right, top - 8.5 * mm, meta.period)
        if meta.scope:
            canvas.drawString(left, top - 8.5 * mm, meta.scope)
        canvas.setStrokeColor(accent)
        canvas.setLineWidth(1)
        canvas.line(left, top - 10.5 * mm, right, top - 10.5 * mm)
        # The protective marking goes at the top and the foot, as government papers carry it.
        canvas.setFont(BOLD, 8)
        canvas.drawCentredString(width / 2, height - 7 * mm, meta.marking)
        footer_y = FOOTER_HEIGHT - 5 * mm
        canvas.setLineWidth(0.5)
        canvas.setStrokeColor(colors.HexColor("#8a8a8a"))
        canvas.line(left, FOOTER_HEIGHT - 1 * mm, right, FOOTER_HEIGHT - 1 * mm)
        canvas.drawCentredString(width / 2, footer_y, meta.marking)
        canvas.setFont(REGULAR, FOOTER_SIZE)
        canvas.drawString(left, footer_y, f"Produced {long_date(meta.produced)}")
        canvas.restoreState()
