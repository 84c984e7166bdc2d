"""File > Export...: the register as an Excel workbook, a CSV of risks, or the complete JSON.

The export runs off the window's thread with a progress window and Cancel, on its own
read-only connection to the file; a stopped or failed export leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from riskdesk.interchange.tabular_export import ExportError
from riskdesk.services.exporting import export_file
from riskdesk.services.workspace import Workspace
from riskdesk.ui.background import BackgroundTask, TaskControl, run_in_background

FILTERS = {
    "Excel workbook: risks, controls, actions, links, periods and a matrix (*.xlsx)": ".xlsx",
    "CSV: one row per risk (*.csv)": ".csv",
    "JSON: every record, period and change (*.json)": ".json",
}
TITLE = "Export the register"


def ask_target(parent: QWidget, workspace: Workspace) -> Path | None:
    """Where to export, and in which format (from the name or the filter chosen)."""
    suggestion = str(workspace.path.with_suffix(".xlsx"))
    chosen, chosen_filter = QFileDialog.getSaveFileName(parent, TITLE, suggestion, ";;".join(FILTERS))
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() not in (".xlsx", ".csv", ".json"):
        target = target.with_name(target.name + FILTERS.get(chosen_filter, ".xlsx"))
    return target


def export_work(path: Path, target: Path) -> Callable[[TaskControl], int]:
    """The export as work for a background task: its own connection, progress, and a stop on Cancel."""

    def work(control: TaskControl) -> int:
        # The window's connection belongs to the window's thread; this one is read-only and ours.
        workspace = Workspace.open(path, read_only=True)
        workspace.stop_reading_when(control.cancelled)

        def progress(done: int, total: int) -> None:
            control.check()  # raising here stops the writer, which removes its partial file
            control.report(done, total)

        try:
            return export_file(workspace, target, progress)
        finally:
            workspace.close()

    return work


def describe_failure(target: Path) -> Callable[[BaseException], str | None]:
    """Sentences naming the export's file for the failures an export meets."""

    def describe(error: BaseException) -> str | None:
        if isinstance(error, ExportError):
            return f"{target.name} was not written: {error}."
        if isinstance(error, OSError):
            return (f"{target.name} could not be written in {target.parent} "
                    f"({error.strerror or error}). Choose another folder.")
        return None

    return describe


def export_register(parent: QWidget, workspace: Workspace, show_message: Callable[[str, str], object],
                    show_status: Callable[[str], object], target: Path | None = None,
                    owner: QObject | None = None) -> BackgroundTask | None:
    """Ask where (unless told), then export in the background; say how it went in one sentence.

    Returns the task (None when the user chose no file); owner is who stops it when the file closes.
    """
    target = target or ask_target(parent, workspace)
    if target is None:
        return None

    def succeeded(count: int) -> None:
        show_status(f"Exported {count} risk{'s' if count != 1 else ''} to {target.name}")

    return run_in_background(
        export_work(workspace.path, target), owner=owner, doing="The export",
        describe=describe_failure(target),
        succeeded=succeeded,
        failed=lambda sentence: show_message("The export was not written", sentence),
        cancelled=lambda: show_status(f"The export was stopped; {target.name} was not written."),
        progress=(parent, TITLE, f"Exporting the register to {target.name}…"))
