"""The Reports menu: the report dialog for each kind of paper, and closing the period."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox

from riskdesk.core.changes import OpChanges
from riskdesk.ui.report_kinds import KINDS

if TYPE_CHECKING:
    from riskdesk.ui.main_window import MainWindow
    from riskdesk.ui.report_dialog import ReportDialog


def next_period_label(label: str) -> str:
    """The quarter after "Q4 2023/24" is "Q1 2024/25"; anything else gets no guess."""
    match = re.fullmatch(r"Q([1-4]) (\d{4})/(\d{2})", label.strip())
    if not match:
        return ""
    quarter, start = int(match.group(1)), int(match.group(2))
    if quarter < 4:
        return f"Q{quarter + 1} {start}/{(start + 1) % 100:02d}"
    return f"Q1 {start + 1}/{(start + 2) % 100:02d}"


def open_report_dialog(window: MainWindow, kind: str) -> ReportDialog | None:
    """Open the report dialog on the window's file, set to one kind and the selected register."""
    if window.document is None:
        return None
    # Imported here: ReportLab loads only when a report is first asked for, not at start-up.
    from riskdesk.ui.report_dialog import ReportDialog

    dialog = ReportDialog(window.document.workspace, window)
    index = dialog.kind_combo.findData(kind)
    if index >= 0:
        dialog.kind_combo.setCurrentIndex(index)
    dialog.select_register(window.selected_register_id())
    window.report_dialog = dialog
    dialog.open()
    return dialog


def close_period(window: MainWindow, ask_label: bool = True) -> bool:
    """Close the current period after the user confirms, and open the next one."""
    document = window.document
    if document is None:
        return False
    period = document.contents.current_period()
    if period is None or period.is_closed:
        QMessageBox.information(window, "Close period", "There is no open period to close.")
        return False
    suggestion = next_period_label(period.label)
    label = suggestion
    if ask_label:
        text, accepted = QInputDialog.getText(
            window, f"Close {period.label}",
            f"Closing {period.label} keeps every risk's scores and period comment as they are now, "
            "for direction of travel and for reports, and clears the comments for the next period.\n\n"
            "Name of the next period:",
            QLineEdit.EchoMode.Normal, suggestion)
        if not accepted:
            return False
        label = text.strip()
    from riskdesk.ui.file_actions import guard  # file_actions imports the menus, which import us

    changes = guard(window, lambda: document.workspace.close_period(period.id, next_label=label or None))
    if changes is None:
        return False
    # Edits made before the close belong to a closed period now: they cannot be undone
    # from here, and every view reloads (snapshots, directions and comments all moved).
    window.undo_stack.clear()
    document.apply(OpChanges.everything())
    window.statusBar().showMessage(f"{period.label} closed" + (f"; {label} is open" if label else ""), 8000)
    return True


def build_reports_menu(window: MainWindow, menu: QMenu) -> dict[str, QAction]:
    """Fill the Reports menu; returns actions that need a file open."""
    acts: dict[str, QAction] = {}
    for kind, text in KINDS:
        action = menu.addAction(f"{text}...")
        action.setObjectName(f"report_{kind}")
        action.triggered.connect(lambda _checked=False, k=kind: open_report_dialog(window, k))
        acts[f"report_{kind}"] = action
    acts["report_committee"].setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Print))
    menu.addSeparator()
    acts["close_period"] = menu.addAction("Close the &period...")
    acts["close_period"].setObjectName("close_period")
    acts["close_period"].triggered.connect(lambda _checked=False: close_period(window))
    return acts
