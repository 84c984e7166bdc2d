"""File > Import and File > Merge: the controller the window keeps, which loads the flows when first used.

The flows (bring_in_kinds), their dialogs and what they need load with the first import or
merge, not with the window that offers them: the window paints sooner.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from riskdesk.ui.controller import EditingController
from riskdesk.ui.file_actions import FILE_FILTER

if TYPE_CHECKING:
    from riskdesk.ui.bring_in import BringIn
    from riskdesk.ui.bring_in_kinds import ImportFlow, MergeFlow  # loaded by the first import or merge
    from riskdesk.ui.ports import EditingHost, Notifier, Selection

SPREADSHEET_FILTER = ("Spreadsheets and riskdesk exports (*.xlsx *.csv *.json);;Spreadsheets (*.xlsx *.csv);;"
                      "riskdesk JSON export, rebuilt whole (*.json);;All files (*)")


class BringInActions(EditingController):
    """File > Import and File > Merge: one flow at a time, its dialog open until it ends."""

    def __init__(self, host: EditingHost, selection: Selection, notifier: Notifier) -> None:
        super().__init__(host, selection, notifier)
        self.flow: BringIn | None = None  # an import or merge under way (its dialog is open)

    def _source(self, given: Path | str | None, title: str, filter_: str) -> Path | None:
        document = self.host.document
        if document is None or self.flow is not None:
            return None
        if given is not None:
            return Path(given)
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(self.host.window(), title, str(document.workspace.path.parent),
                                                filter_)
        return Path(chosen) if chosen else None

    def _start(self, flow: BringIn) -> BringIn:
        self.flow = flow
        flow.finished.connect(lambda _message: self._ended(flow))
        flow.start()
        return flow

    def _ended(self, flow: BringIn) -> None:
        if self.flow is flow:
            self.flow = None

    def import_spreadsheet(self, source: Path | str | None = None) -> ImportFlow | None:
        """Import risks from a .xlsx or .csv file (or rebuild from a .json export): check, show, confirm, import."""
        from riskdesk.ui.bring_in_kinds import ImportFlow

        path = self._source(source, ImportFlow.title, SPREADSHEET_FILTER)
        document = self.host.document
        if path is None or document is None:
            return None
        flow = ImportFlow(document, self.notifier, self.host.window(), path, self.selection.selected_register_id())
        self._start(flow)
        return flow

    def merge_copy(self, other: Path | str | None = None) -> MergeFlow | None:
        """Bring a colleague's copy of this register in: check, show, confirm, then merge."""
        from riskdesk.ui.bring_in_kinds import MergeFlow

        path = self._source(other, MergeFlow.title, FILE_FILTER)
        document = self.host.document
        if path is None or document is None:
            return None
        flow = MergeFlow(document, self.notifier, self.host.window(), path)
        self._start(flow)
        return flow

    def stop(self) -> None:
        """Stop the flow under way and close its dialog (the file is closing); waits for its threads."""
        flow = self.flow
        if flow is not None:
            flow.cancel()  # waits for its worker threads
            flow.dialog.writing = False
            flow.dialog.done(0)
            self.flow = None
