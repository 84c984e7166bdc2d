"""The status bar's lasting labels: the file, its period and scheme, who else has it open."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from riskdesk.core.changes import OpChanges
from riskdesk.ui.shown import Shown


class StatusLabels:
    """Owns the labels at the right of the status bar and keeps them true to the open file."""

    def __init__(self, bar: QStatusBar, shown: Shown) -> None:
        self._shown = shown
        self.read_only = False  # the open file can be read and printed, not changed
        self.file_label, self.period_label, self.scheme_label = QLabel(bar), QLabel(bar), QLabel(bar)
        self.people_label = QLabel(bar)
        self.people_label.setObjectName("peopleLabel")
        self.read_only_label = QLabel("Read only", bar)
        self.read_only_label.setObjectName("readOnlyLabel")
        self.read_only_label.setToolTip("This file cannot be changed from here: you can read, search and print it")
        self.read_only_label.setStyleSheet("font-weight: bold;")
        self.read_only_label.hide()
        for label in (self.read_only_label, self.people_label, self.file_label, self.period_label,
                      self.scheme_label):
            bar.addPermanentWidget(label)

    def op_executed(self, changes: OpChanges, initiator: object | None) -> None:
        """Only a period, the scheme or the settings change what these labels say."""
        if changes.periods or changes.scheme or changes.settings or changes.reload:
            self.show_file()

    def show_file(self, read_only: bool | None = None) -> None:
        """Name the open file, its current period and its scheme (all empty with no file)."""
        if read_only is not None:
            self.read_only = read_only
        document = self._shown.document
        self.read_only_label.setVisible(document is not None and self.read_only)
        if document is None:
            for label in (self.file_label, self.period_label, self.scheme_label, self.people_label):
                label.clear()
            return
        contents = document.contents
        path = document.workspace.path
        period = contents.current_period()
        self.file_label.setText(f"File: {path.name}")
        self.file_label.setToolTip(str(path))
        if period is None:
            self.period_label.setText("No reporting period yet")
        else:
            self.period_label.setText(f"Period: {period.label}" + ("" if not period.is_closed else " (closed)"))
        self.scheme_label.setText(f"Scheme: {contents.scheme.name} ({contents.settings.council_name})")

    def show_people(self, people: list[str]) -> None:
        """Who else has the file open, as the document last found."""
        if not people:
            self.people_label.clear()
            self.people_label.setToolTip("")
            return
        shown = ", ".join(people[:3]) + (f" and {len(people) - 3} more" if len(people) > 3 else "")
        self.people_label.setText(f"Also open: {shown}")
        self.people_label.setToolTip("Also open by: " + ", ".join(people) +
                                     "\nTheir changes appear here as they save them.")
