"""The reports riskdesk makes: one record per kind, read by the command line, the window and reporting.

Adding a report is one entry here plus the module that builds its story. The builder is named
("module:function") rather than imported, so menus and the command line never load ReportLab
and the core imports nothing of the layers above it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportKind:
    """One kind of report."""

    id: str  # as typed after --type, e.g. "committee"
    label: str  # as the Reports menu and dialog name it
    title: str  # printed on the report (a strategic register's committee pack says so)
    builder: str  # "module:function" that turns ReportData into the report's flowables
    landscape: bool = False  # pages turned sideways
    word: bool = False  # also offered as a Word document


REPORT_KINDS: tuple[ReportKind, ...] = (
    ReportKind("committee", "Committee pack", "Risk Monitoring Report",
               "riskdesk.reporting.committee:committee_story", word=True),
    ReportKind("profile", "Risk profile", "Risk Profile", "riskdesk.reporting.profile:profile_story", word=True),
    ReportKind("matrix", "Matrix sheets (landscape)", "Risk Matrix", "riskdesk.reporting.matrix:matrix_story",
               landscape=True),
    ReportKind("actions", "Open actions", "Open Actions", "riskdesk.reporting.actions:actions_story"),
    ReportKind("changes", "What changed (report)", "What Changed", "riskdesk.reporting.changes:changes_story",
               word=True),
)

KIND_IDS: tuple[str, ...] = tuple(kind.id for kind in REPORT_KINDS)


def report_kind(kind_id: str) -> ReportKind | None:
    """The kind with this id, or None."""
    return next((kind for kind in REPORT_KINDS if kind.id == kind_id), None)
