"""Invisible marks in a story: where a section begins and ends, for outlines, running headers and
"(continued)" headings on the pages a section runs onto."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from riskdesk.reporting.fonts import REGULAR


def page_form_name(key: str) -> str:
    """The name of the form that holds the page number of the place marked key."""
    return "pageof" + "".join(ch for ch in key if ch.isalnum())


class SectionMark(Flowable):  # type: ignore[misc]
    """The start of a section: its outline entry, its running header and, while it lasts, what a
    page it runs onto is headed with.

    level 0 is a part of the report (a register, the summary); level 1 a risk under it. continued
    is the heading repeated at the top of each further page ("" for none).
    """

    def __init__(self, title: str, level: int = 0, register: str = "", continued: str = "") -> None:
        """Mark the start of a section called title."""
        super().__init__()
        self.title = title
        self.level = level
        self.register = register
        self.continued = continued
        self.key = ""  # given by the document, unique within it
        self.numbered = 0.0  # the type size its page number is shown at in the contents; 0: not listed

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no room at all."""
        return 0.0, 0.0

    def draw(self) -> None:
        """Put a destination here, the section in the PDF's outline (bookmarks) and its page where contents show it."""
        if not self.key:
            return
        canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, 0)
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level > 0)
        if self.numbered:
            canvas.saveState()
            canvas.beginForm(page_form_name(self.key))
            canvas.setFillColor(colors.black)
            canvas.setFont(REGULAR, self.numbered)
            canvas.drawString(0, 0, str(canvas.getPageNumber()))
            canvas.endForm()
            canvas.restoreState()


class SectionEnd(Flowable):  # type: ignore[misc]
    """The end of the open section: pages after this point are not headed "(continued)"."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no room at all."""
        return 0.0, 0.0

    def draw(self) -> None:
        """Draw nothing."""


def marks_in(flowable: Flowable) -> list[SectionMark]:
    """The section marks a flowable holds (itself, or the parts of a block kept together)."""
    if isinstance(flowable, SectionMark):
        return [flowable]
    content = getattr(flowable, "content", None)
    if isinstance(content, list):
        return [part for part in content if isinstance(part, SectionMark)]
    return []
