"""Choosing the report, laying out its story and writing the PDF."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import BinaryIO, cast

from reportlab.platypus import Flowable

from riskdesk.core.report_kinds import ReportKind, report_kind
from riskdesk.reporting.data import ReportData
from riskdesk.reporting.front import front_matter
from riskdesk.reporting.styles import Palette, Styles
from riskdesk.reporting.template import Cancelled, Progress, ReportTemplate

StoryMaker = Callable[[ReportData, float, Styles, Palette], list[Flowable]]


def story_maker(kind: ReportKind) -> StoryMaker:
    """The function that builds a kind's story, from the name its record gives."""
    module, name = kind.builder.split(":")
    return cast(StoryMaker, getattr(import_module(module), name))


def build_report(
    kind: str,
    data: ReportData,
    target: Path | str | BinaryIO,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write one report of the given kind to target and return its page count."""
    record = report_kind(kind)
    if record is None:
        raise KeyError(kind)
    doc = ReportTemplate(target, data.meta, landscape_pages=record.landscape, bands=data.scheme.bands,
                         progress=progress, cancelled=cancelled)
    story = story_maker(record)(data, doc.width, doc.styles, doc.palette)
    story = front_matter(story, data, doc.width, doc.styles, doc.palette) + story
    return doc.build_story(story)
