"""File > Export...: the register as an Excel workbook, a CSV of risks, or the complete JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from riskdesk.interchange.tabular_export import ExportError, write_csv, write_xlsx
from riskdesk.services.exporting import export_json
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace

FILTERS = {
    "Excel workbook: risks, controls, actions, links, periods and a matrix (*.xlsx)": ".xlsx",
    "CSV: one row per risk (*.csv)": ".csv",
    "JSON: every record, period and change (*.json)": ".json",
}


def ask_target(parent: QWidget, workspace: Workspace) -> Path | None:
    """Where to export, and in which format (from the name or the filter chosen)."""
    suggestion = str(workspace.path.with_suffix(".xlsx"))
    chosen, chosen_filter = QFileDialog.getSaveFileName(parent, "Export the register", suggestion,
                                                        ";;".join(FILTERS))
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() not in (".xlsx", ".csv", ".json"):
        target = target.with_name(target.name + FILTERS.get(chosen_filter, ".xlsx"))
    return target


def export_to(workspace: Workspace, target: Path) -> int:
    """Write the export; returns the number of risks. ExportError or OSError when it cannot be written."""
    suffix = target.suffix.lower()
    if suffix == ".json":
        return export_json(workspace, target)
    contents = load_contents(workspace)
    writer = write_xlsx if suffix == ".xlsx" else write_csv
    return writer(contents, target)


def export_register(parent: QWidget, workspace: Workspace, show_message: Callable[[str, str], object],
                    show_status: Callable[[str], object], target: Path | None = None) -> Path | None:
    """Ask where (unless told), export, and say how it went in one sentence."""
    target = target or ask_target(parent, workspace)
    if target is None:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        count = export_to(workspace, target)
    except ExportError as error:
        show_message("The export was not written", f"{target.name} was not written: {error}.")
        return None
    except OSError as error:
        show_message("The export was not written",
                     f"{target.name} could not be written ({error.strerror or error}). Choose another folder.")
        return None
    finally:
        QApplication.restoreOverrideCursor()
    show_status(f"Exported {count} risk{'s' if count != 1 else ''} to {target.name}")
    return target
