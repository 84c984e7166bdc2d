"""Exports of a register to a file: JSON (everything, with the history), CSV or an Excel workbook.

The command line and the window's File > Export... both call export_file, so the two give the
same file. Each writer writes beside the target and moves the finished file into place, so a
stopped or failed export leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from riskdesk.core.model import HistoryEntry
from riskdesk.interchange.json_export import write_json
from riskdesk.interchange.tabular_export import write_csv, write_xlsx
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace

FORMATS = (".xlsx", ".csv", ".json")
Progress = Callable[[int, int], None]  # (done, total); it may raise to stop the export
EVERY = 50  # progress is told every so many risks or history entries, not each one


def export_json(workspace: Workspace, target: Path, progress: Progress | None = None) -> int:
    """Write every record and the whole history to target as JSON; returns the number of risks.

    The history (the bulk of a long-kept file) is read from the file as it is written, never
    held whole, so memory stays bounded however many years the file holds.
    """
    contents = load_contents(workspace, with_history=False)
    history = (HistoryEntry(**row) for row in workspace.store.history_rows())
    total = len(contents.risks) + (workspace.store.history_count() if progress is not None else 0)
    write_json(contents, target, history, _ticker(progress, total))
    return len(contents.risks)


def export_file(workspace: Workspace, target: Path, progress: Progress | None = None) -> int:
    """Export to target in the format its suffix names (.xlsx, .csv or .json); returns the risks exported.

    ExportError names a record whose text a spreadsheet cannot hold; OSError when the file
    cannot be written; ValueError for a suffix riskdesk does not export to.
    """
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{target.name}: riskdesk exports to .json, .csv or .xlsx; name the output file so")
    if suffix == ".json":
        return export_json(workspace, target, progress)
    contents = load_contents(workspace)
    live = sum(1 for risk in contents.risks if not risk.archived)
    if suffix == ".xlsx":
        return write_xlsx(contents, target, _ticker(progress, 2 * live))
    return write_csv(contents, target, _ticker(progress, live))


def _ticker(progress: Progress | None, total: int) -> Callable[[], None] | None:
    """A tick for the writers that tells progress every EVERY items."""
    if progress is None:
        return None
    done = 0
    report = progress

    def tick() -> None:
        nonlocal done
        done += 1
        if done % EVERY == 0 or done == total:
            report(done, total)

    report(0, total)
    return tick
