"""Preparing report data from the file and handing it to the report builders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from riskdesk.core.report_kinds import REPORT_KINDS as REPORT_KIND_RECORDS
from riskdesk.core.report_kinds import report_kind
from riskdesk.reporting.build import build_report
from riskdesk.reporting.fonts import FontError
from riskdesk.reporting.template import ReportCancelled
from riskdesk.reporting.word import WordCancelled
from riskdesk.reporting.word_reports import build_word
from riskdesk.services.report_data import REPORT_KINDS, ReportError, ReportOptions, prepare_report
from riskdesk.services.workspace import Workspace

__all__ = ["REPORT_KINDS", "ReportCancelled", "ReportError", "ReportOptions", "write_report"]


def write_report(
    workspace: Workspace,
    options: ReportOptions,
    target: Path,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    today: date | None = None,
) -> int:
    """Write the report to target, a PDF or (for the kinds that have one) a Word document named .docx.

    Returns the PDF's page count, or the number of risks in the Word document.
    """
    word = Path(target).suffix.lower() == ".docx"
    record = report_kind(options.kind)
    if word and record is not None and not record.word:
        offered = ", ".join(k.id for k in REPORT_KIND_RECORDS if k.word)
        raise ReportError(f'"{record.label}" is made as a PDF only; a Word version is offered for {offered}.')
    data = prepare_report(workspace, options, today)
    if cancelled is not None and cancelled():
        raise ReportCancelled("The report was cancelled.")
    target = Path(target)
    # Write beside the target and move into place, so a cancelled or failed run leaves no half file.
    partial = target.with_name(target.name + ".partial")
    try:
        try:
            if word:
                pages = build_word(options.kind, data, partial, progress, cancelled)
            else:
                pages = build_report(options.kind, data, partial, progress, cancelled)
        except FontError as error:
            raise ReportError(str(error)) from None
        except WordCancelled:
            raise ReportCancelled("The report was cancelled.") from None
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return pages
