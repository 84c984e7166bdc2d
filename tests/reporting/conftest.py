"""Fixtures for report tests: a fixed production date and a helper to write a report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from riskdesk.services.reports import ReportOptions, write_report
from riskdesk.services.workspace import Workspace

TODAY = date(2024, 5, 1)

MakeReport = Callable[..., tuple[Path, int]]


@pytest.fixture
def make_report(tmp_path: Path) -> MakeReport:
    """Write a report of a workspace to a fresh file; returns (path, pages)."""
    counter = iter(range(1000))

    def make(workspace: Workspace, **options: object) -> tuple[Path, int]:
        target = tmp_path / f"report-{next(counter)}.pdf"
        pages = write_report(workspace, ReportOptions(**options), target, today=TODAY)  # type: ignore[arg-type]
        return target, pages

    return make
