"""Invisible marks in a story: where a section begins and ends, for outlines, running headers and
"(continued)" headings on the pages a section runs onto."""

from __future__ import annotations

from collections.abc import Callable

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


class Deferred(Flowable):  # type: ignore[misc]
    """Sections whose flowables are made only when layout reaches them, one section at a time.

    A committee pack's story made whole before layout held every flowable of every risk (about
    46 KB a risk). The document asks this for the next section's flowables when it comes to the
    front of the story (`ReportTemplate.filterFlowables`) and lays them out before asking again,
    so only the section being laid out is held. Each section's marks are made beforehand, so the
    contents and outline know every section before layout starts.
    """

    # Never folded into a keep-together group with what comes before it (ReportLab's _ktAllow).
    locChanger = 1

    def __init__(self, sections: list[tuple[list[SectionMark], Callable[[], list[Flowable]]]]) -> None:
        """sections: each section's marks (in story order) and the function that makes its flowables."""
        super().__init__()
        self.marks = [mark for marks, _ in sections for mark in marks]
        self._makers: list[Callable[[], list[Flowable]] | None] = [make for _, make in sections]
        self._next = 0

    def take(self) -> list[Flowable] | None:
        """The next section's flowables (None when every section has been made); each is made once."""
        if self._next >= len(self._makers):
            return None
        make = self._makers[self._next]
        self._makers[self._next] = None  # let the section's data go once it is laid out
        self._next += 1
        assert make is not None
        return make()

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no room: the document replaces this with the sections before laying it out."""
        return 0.0, 0.0

    def draw(self) -> None:
        """Draw nothing."""


def marks_in(flowable: Flowable) -> list[SectionMark]:
    """The section marks a flowable holds (itself, the parts of a block kept together, or sections to come)."""
    if isinstance(flowable, SectionMark):
        return [flowable]
    if isinstance(flowable, Deferred):
        return flowable.marks
    content = getattr(flowable, "content", None)
    if isinstance(content, list):
        return [part for part in content if isinstance(part, SectionMark)]
    return []
