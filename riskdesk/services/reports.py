"""Preparing report data from the file and handing it to the report builders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from riskdesk.services.workspace import Workspace

REPORT_KINDS = ("committee", "profile", "matrix", "actions")


class ReportError(ValueError):
    """A report that cannot be made as asked; the message is one plain sentence."""


@dataclass(frozen=True)
class ReportOptions:
    """What the user asked for: which report, period, registers and version."""

    kind: str = "committee"
    period: str | None = None  # a period label; None = the latest closed period
    register: str | None = None  # a register name or id; None = every register
    min_band: str | None = None
    include_closed: bool = False
    exempt: bool = False  # True = the exempt (Part B) version, marked on every page
    page_size: str = "A4"  # "A4" or "A3"
    greyscale: bool = False


def write_report(
    workspace: Workspace,
    options: ReportOptions,
    target: Path,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the report to target as a PDF and return its page count."""
    raise ReportError("Reports are not available in this version of riskdesk.")
