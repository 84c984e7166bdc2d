"""A committee pack's risks are made one at a time as layout reaches them, and print as before."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from riskdesk.reporting.committee import committee_story
from riskdesk.reporting.front import front_matter
from riskdesk.reporting.sections import Deferred, SectionMark
from riskdesk.reporting.template import ReportTemplate
from riskdesk.services.report_data import ReportOptions, prepare_report
from riskdesk.services.workspace import Workspace
from tests.reporting.conftest import TODAY
from tests.reporting.pdftools import pdf_pages


class _Logged(Flowable):  # type: ignore[misc]
    """A line of text that notes in a log when it is drawn."""

    def __init__(self, log: list[str], name: str) -> None:
        super().__init__()
        self.log = log
        self.name = name

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 20.0

    def draw(self) -> None:
        self.log.append(f"drawn {self.name}")
        self.canv.drawString(0, 5, f"Body of {self.name}")


def test_each_deferred_section_is_made_only_after_the_one_before_is_drawn(demo_5x5: Workspace,
                                                                          tmp_path: Path) -> None:
    data = prepare_report(demo_5x5, ReportOptions(kind="committee"), today=TODAY)
    doc = ReportTemplate(tmp_path / "deferred.pdf", data.meta)
    log: list[str] = []

    def section(name: str) -> tuple[list[SectionMark], object]:
        mark = SectionMark(name, continued=name)

        def make() -> list[Flowable]:
            log.append(f"made {name}")
            return [Paragraph(name, doc.styles.heading), mark, _Logged(log, name)]
        return [mark], make

    parts = [section(name) for name in ("First", "Second", "Third")]
    deferred = Deferred(parts)  # type: ignore[arg-type]
    assert [mark.title for mark in deferred.marks] == ["First", "Second", "Third"]
    pages = doc.build_story([Paragraph("Before the sections", doc.styles.body), deferred,
                             Paragraph("After the sections", doc.styles.body)])
    assert log == ["made First", "drawn First", "made Second", "drawn Second", "made Third", "drawn Third"]
    assert pages == 1
    text = " ".join(pdf_pages(tmp_path / "deferred.pdf")[0].split())
    assert text.index("Before the sections") < text.index("Body of First") < text.index("Body of Third") \
        < text.index("After the sections")


def test_a_committee_pack_holds_only_the_risk_being_laid_out(demo_5x5: Workspace, tmp_path: Path) -> None:
    data = prepare_report(demo_5x5, ReportOptions(kind="committee", cover=None), today=TODAY)
    doc = ReportTemplate(tmp_path / "pack.pdf", data.meta, bands=data.scheme.bands)
    story = committee_story(data, doc.width, doc.styles, doc.palette)
    deferred = [f for f in story if isinstance(f, Deferred)]
    assert len(deferred) == 1
    made_when_done: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        made_when_done.append((done, deferred[0]._next))

    doc._progress = progress
    doc.build_story(front_matter(story, data, doc.width, doc.styles, doc.palette) + story)
    assert len(made_when_done) == len(data.risks) > 10
    # At each risk's end exactly the risks up to it have been made; the rest wait.
    assert all(done == made for done, made in made_when_done)
    # Every risk's section is in the pack: its heading opens a page's text or follows other text.
    text = " ".join(" ".join(pdf_pages(tmp_path / "pack.pdf")).split())
    for entry in data.risks:
        assert f"{entry.risk.reference} {entry.risk.title.split()[0]}" in text
