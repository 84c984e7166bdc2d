"""File > Export reminders...: review and action dates as a calendar file for Outlook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

if TYPE_CHECKING:
    from riskdesk.ui.document import Document
    from riskdesk.ui.ports import Notifier

EVERYONE = "Everyone"


def export_reminders(document: Document, parent: QWidget, notifier: Notifier, target: Path | None = None,
                     owner: str | None = None) -> int | None:
    """Ask whose dates and where to save, then write the .ics file; returns how many reminders, None if stopped."""
    from riskdesk.services.calendar_export import owners, write_calendar

    workspace = document.workspace
    if owner is None:
        names = [EVERYONE, *owners(workspace)]
        chosen, accepted = QInputDialog.getItem(
            parent, "Export reminders", "Whose review and action dates should the calendar file hold?",
            names, 0, False)
        if not accepted:
            return None
        owner = "" if chosen == EVERYONE else chosen
    if target is None:
        suggested = workspace.path.with_name(f"{workspace.path.stem} reminders{' - ' + owner if owner else ''}.ics")
        name, _ = QFileDialog.getSaveFileName(parent, "Export reminders", str(suggested),
                                              "Calendar files (*.ics)")
        if not name:
            return None
        target = Path(name)
    if target.suffix.lower() != ".ics":
        target = target.with_name(target.name + ".ics")
    try:
        count = write_calendar(workspace, target, owner or None)
    except OSError as error:
        notifier.show_message("Export reminders", f"{target.name} could not be written ({error.strerror or error}); "
                          "choose another folder.")
        return None
    who = f" for {owner}" if owner else ""
    notifier.show_message("Export reminders", f"Wrote {count} reminder{'s' if count != 1 else ''}{who} to "
                      f"{target.name}. Open it in Outlook (or drag it onto the calendar) to add the dates; "
                      "each comes with a reminder the day before.", information=True)
    return count
