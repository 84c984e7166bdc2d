"""The two ways of bringing risks in: a spreadsheet import and a colleague's copy merged.

Loaded with the first import or merge (riskdesk.ui.bring_in_actions), not with the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton, QStyle, QWidget

from riskdesk.services.queries import tree_order
from riskdesk.services.workspace import Workspace
from riskdesk.ui.bring_in import BringIn

# openpyxl, which reading a sheet needs, loads with the first import.
if TYPE_CHECKING:
    from riskdesk.interchange.layout import Mapping
    from riskdesk.interchange.sheets import Grid
    from riskdesk.services.importing import ImportResult
    from riskdesk.services.merging import MergeResult
    from riskdesk.ui.background import TaskControl
    from riskdesk.ui.bring_in_mapping import MappingDialog
    from riskdesk.ui.document import Document
    from riskdesk.ui.ports import Notifier

SHOWN_REFERENCES = 30


class ImportFlow(BringIn):
    """Add or update risks from a .xlsx or .csv file."""

    title = "Import from a spreadsheet"
    verb = "import"
    doing = "Importing"
    go_text = "&Import"
    cannot_title = "This spreadsheet cannot be imported"

    def __init__(self, document: Document, notifier: Notifier, parent: QWidget, source: Path,
                 register_id: str | None) -> None:
        super().__init__(document, notifier, parent, source)
        self.mapping: Mapping | None = None  # None: as detected, or as remembered for this layout
        self.last_mapping: Mapping | None = None  # as the last check read it (with the words it met)
        self.grids: list[Grid] | None = None
        self.dialog_target: str | None = None
        self.columns_button: QPushButton | None = None
        if source.suffix.lower() == ".json":
            return  # riskdesk's own export comes in whole: no register to choose, no columns to map
        # A sheet that names each row's register (as our exports do) is read that way unless
        # the user picks one register; otherwise the register chosen in the tree.
        from riskdesk.services.importing import sheet_names_registers

        if sheet_names_registers(source):
            register_id = None
        self.dialog_target = register_id
        contents = self.document.contents
        depth: dict[str, int] = {}
        registers = []
        for register in tree_order(contents.registers):
            level = depth[register.parent_id] + 1 if register.parent_id in depth else 0
            depth[register.id] = level
            registers.append((register.id, register.name, level))
        self.dialog.offer_targets(registers, register_id)
        self.dialog.targetChanged.connect(lambda _target: self.check())
        self.columns_button = QPushButton("C&olumns…", self.dialog)
        self.columns_button.setObjectName("columnsButton")
        self.columns_button.setToolTip("Choose the sheet, the heading row and what each column holds")
        self.dialog.buttons.addButton(self.columns_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.columns_button.clicked.connect(self.choose_columns)

    def task(self, workspace: Workspace, dry_run: bool, control: TaskControl) -> ImportResult:
        from riskdesk.services.importing import import_risks

        return import_risks(workspace, self.source, self.dialog_target, dry_run=dry_run, mapping=self.mapping,
                            progress=control.report, cancelled=control.cancelled)

    def choose_columns(self) -> MappingDialog | None:
        """Open the mapping page; OK checks the import again with the columns as chosen."""
        from riskdesk.interchange.sheets import SpreadsheetError
        from riskdesk.services.importing import mapping_for, read_source
        from riskdesk.ui.bring_in_mapping import MappingDialog

        workspace = self.document.workspace
        try:
            if self.grids is None:
                self.grids, detected = read_source(workspace, self.source)
            else:
                detected = mapping_for(workspace, self.grids)
        except SpreadsheetError as error:
            QMessageBox.warning(self.dialog, self.cannot_title, str(error))
            return None
        grids = self.grids

        def detect(sheet: str, row: int | None) -> Mapping:
            return mapping_for(workspace, grids, sheet, row)

        page = MappingDialog(grids, self.mapping or self.last_mapping or detected, detect, self.dialog)
        page.accepted.connect(lambda: self._use_mapping(page.mapping()))
        page.open()
        return page

    def _use_mapping(self, mapping: Mapping) -> None:
        self.mapping = mapping
        self.check()

    def go(self) -> None:
        super().go()
        if self.columns_button is not None:
            self.columns_button.setEnabled(False)  # the columns cannot change under a write

    def check(self) -> None:
        # Read in the GUI thread: the worker must not touch widgets.
        if self.source.suffix.lower() != ".json":
            self.dialog_target = self.dialog.target()
        super().check()

    def show_check(self, result: ImportResult) -> None:
        self.last_mapping = result.mapping
        if result.problems:
            self._show_problems(result)
            return
        lines = _grouped("New", result.created) + _grouped("Updated", result.updated) + \
            _grouped("Unchanged", result.unchanged) + _grouped("New registers", result.new_registers)
        extra = ", ".join(f"{n} {what}" for what, n in result.counts.items() if n)
        if extra:
            lines.append(f"With them: {extra}.")
        lines += result.warnings + result.summary
        self.dialog.show_summary(f"If you import {self.source.name}: {_counts(result)}.", lines,
                                 self.safety_note(), bool(result.created or result.updated))

    def _show_problems(self, result: ImportResult) -> None:
        count = len(result.problems)
        self.dialog.show_problems(
            f"{count} problem{'s' if count != 1 else ''} in {self.source.name}. Nothing was imported.",
            result.problems,
            "Fix each of these in the spreadsheet, save it, and import it again. "
            "The register has not been changed.")

    def after(self, result: ImportResult) -> str | None:
        if result.problems:  # the file changed since the check
            self._show_problems(result)
            return None
        assert self.safety_copy is not None
        return (f"Imported {self.source.name}: {_counts(result)}. "
                f"The register as it was is kept in {self.safety_copy.name}.")


class MergeFlow(BringIn):
    """Bring a colleague's copy of this register into it."""

    title = "Merge a colleague's copy"
    verb = "merge"
    doing = "Merging"
    go_text = "&Merge"
    cannot_title = "This copy cannot be merged"

    def source_text(self) -> str:
        return f"Their copy: {self.source.name}"

    def task(self, workspace: Workspace, dry_run: bool, control: TaskControl) -> MergeResult:
        from riskdesk.services.merging import merge_copy

        return merge_copy(workspace, self.source, dry_run=dry_run, progress=control.report,
                          cancelled=control.cancelled)

    def show_check(self, result: MergeResult) -> None:
        outcome = result.outcome
        lines = result.summary()
        conflicts = [str(conflict) for conflict in outcome.conflicts]
        headline = f"If you merge, this arrives from {self.source.name}:"
        note = self.safety_note()
        if conflicts:
            count = len(conflicts)
            headline += (f" {count} field{'s were' if count != 1 else ' was'} changed in both copies; "
                         "yours will be kept and theirs stays in the history.")
        self.dialog.show_summary(headline, lines + conflicts, note,
                                 bool(outcome.added or outcome.updated or outcome.snapshots_added
                                      or outcome.conflicts or outcome.history_added))
        icon = self.dialog.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row in range(len(lines), len(lines) + len(conflicts)):
            self.dialog.details.item(row).setIcon(icon)

    def after(self, result: MergeResult) -> str | None:
        assert self.safety_copy is not None
        lines = [line for line in result.summary() if line != "Nothing new in the other copy."]
        text = "; ".join(lines) if lines else "nothing new"
        count = len(result.outcome.conflicts)
        if count:
            text += f"; {count} field{'s' if count != 1 else ''} changed in both copies kept yours"
        return f"Merged {self.source.name}: {text}. The register as it was is kept in {self.safety_copy.name}."


def _counts(result: ImportResult) -> str:
    text = f"{len(result.created)} new, {len(result.updated)} updated, {len(result.unchanged)} unchanged"
    if result.new_registers:
        text += f"; new registers: {', '.join(result.new_registers)}"
    return text


def _grouped(label: str, references: list[str]) -> list[str]:
    if not references:
        return []
    shown = ", ".join(references[:SHOWN_REFERENCES])
    more = len(references) - SHOWN_REFERENCES
    return [f"{label} ({len(references)}): {shown}" + (f" and {more} more" if more > 0 else "")]
