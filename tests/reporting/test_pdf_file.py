"""A long PDF is written a piece at a time, its finished pages waiting on disk, byte for byte as ReportLab writes it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from riskdesk.core.cover import Cover
from riskdesk.core.report_kinds import report_kind
from riskdesk.reporting.build import story_maker
from riskdesk.reporting.data import ReportData
from riskdesk.reporting.front import front_matter
from riskdesk.reporting.pdf_file import PageSpool, SpooledStream
from riskdesk.reporting.template import NumberedCanvas, ReportTemplate
from riskdesk.services.report_data import ReportOptions, prepare_report
from riskdesk.services.workspace import Workspace
from tests.reporting.conftest import TODAY
from tests.reporting.pdftools import pdf_pages

# What differs between two builds of the same pack: the time it was made, and the file's id made from it.
_STAMPS = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)|/ID\s*\[<[0-9a-fA-F]+><[0-9a-fA-F]+>\]|\[<[0-9a-fA-F]+>"
                     rb"<[0-9a-fA-F]+>\]")


class _WrittenByReportLab(NumberedCanvas):
    """The same canvas, the file written by ReportLab's own save (the whole file gathered, then written)."""

    def write(self) -> None:
        Canvas.save(self)


class _ReportLabTemplate(ReportTemplate):
    canvas_class = _WrittenByReportLab


def _build(template: type[ReportTemplate], kind: str, data: ReportData, target: Path | io.BytesIO) -> int:
    record = report_kind(kind)
    assert record is not None
    doc = template(target, data.meta, landscape_pages=record.landscape, bands=data.scheme.bands)
    story = story_maker(record)(data, doc.width, doc.styles, doc.palette)
    return doc.build_story(front_matter(story, data, doc.width, doc.styles, doc.palette) + story)


def test_a_pack_is_written_byte_for_byte_as_reportlab_writes_it(demo_5x5: Workspace, tmp_path: Path) -> None:
    for kind, cover in (("committee", Cover(committee="Audit Committee", purpose="To note.")), ("actions", None)):
        options = ReportOptions(kind=kind, cover=cover)
        data = prepare_report(demo_5x5, options, today=TODAY)
        ours, theirs = tmp_path / f"{kind}-ours.pdf", io.BytesIO()
        pages = _build(ReportTemplate, kind, data, ours)
        assert _build(_ReportLabTemplate, kind, data, theirs) == pages > 1
        written = ours.read_bytes()
        assert written.startswith(b"%PDF-") and written.rstrip().endswith(b"%%EOF")
        assert _STAMPS.sub(b"", written) == _STAMPS.sub(b"", theirs.getvalue())
        assert len(pdf_pages(ours)) == pages


def test_finished_pages_wait_in_the_spool_not_in_memory(demo_5x5: Workspace) -> None:
    data = prepare_report(demo_5x5, ReportOptions(kind="committee"), today=TODAY)
    seen: list[tuple[int, int]] = []

    class Watching(NumberedCanvas):
        def write(self) -> None:
            streams = [page.Contents for page in self._doc.Pages.pages]
            seen.append((sum(isinstance(s, SpooledStream) and s.content is None for s in streams), len(streams)))
            super().write()

    class Template(ReportTemplate):
        canvas_class = Watching

    target = io.BytesIO()
    pages = _build(Template, "committee", data, target)
    assert seen == [(pages, pages)]
    assert b"/Type /Page" in target.getvalue()


def test_the_spool_gives_back_what_was_put_in_it() -> None:
    spool = PageSpool()
    places = [spool.put(bytes([n]) * (n * 100 + 1)) for n in range(1, 6)]
    assert [len(spool.get(*place)) for place in places] == [101, 201, 301, 401, 501]
    assert spool.get(*places[2]) == bytes([3]) * 301
    spool.close()
