"""Choosing the report, laying out its story and writing the PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable

from riskdesk.reporting.actions import actions_story
from riskdesk.reporting.committee import committee_story
from riskdesk.reporting.data import ReportData
from riskdesk.reporting.matrix import matrix_story
from riskdesk.reporting.profile import profile_story
from riskdesk.reporting.styles import Palette, Styles
from riskdesk.reporting.template import Cancelled, Progress, ReportTemplate

StoryMaker = Callable[[ReportData, float, Styles, Palette], list[Flowable]]

STORIES: dict[str, StoryMaker] = {
    "committee": committee_story,
    "profile": profile_story,
    "matrix": matrix_story,
    "actions": actions_story,
}
LANDSCAPE = {"matrix"}


def build_report(
    kind: str,
    data: ReportData,
    target: Path | str | BinaryIO,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write one report of the given kind to target and return its page count."""
    maker = STORIES[kind]
    doc = ReportTemplate(target, data.meta, landscape_pages=kind in LANDSCAPE, bands=data.scheme.bands,
                         progress=progress, cancelled=cancelled)
    story = maker(data, doc.width, doc.styles, doc.palette)
    return doc.build_story(story)
