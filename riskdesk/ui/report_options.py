"""The Reports dialog's options: which report, period, register, band, version, page and cover."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QVBoxLayout, QWidget

from riskdesk.services.covers import remembered_cover
from riskdesk.services.queries import load_contents, tree_order
from riskdesk.services.reports import ReportOptions
from riskdesk.services.workspace import Workspace
from riskdesk.ui.report_cover import CoverPanel
from riskdesk.ui.report_kinds import KINDS

VERSIONS: list[tuple[str, str | None]] = [("Public (exempt risks left out)", "public"),
            ("Exempt: Part B (the exempt risks alone)", "exempt"),
            ("Exempt: Part B (the whole pack)", "whole")]


class ReportOptionsForm(QWidget):
    """The options as a form with the cover's fields below; changed is emitted on every change."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.kind_combo = self._combo("reportKind", [(text, kind) for kind, text in KINDS])
        self.period_combo = self._combo("periodCombo", [])
        self.register_combo = self._combo("registerCombo", [])
        self.band_combo = self._combo("bandCombo", [])
        self.version_combo = self._combo("versionCombo", VERSIONS)
        self.page_combo = self._combo("pageSizeCombo", [("A4", "A4"), ("A3", "A3")])
        self.children_check = self._check("childrenCheck", "With the registers beneath it")
        self.children_check.setChecked(True)
        self.children_check.setEnabled(False)  # only a chosen register has registers beneath it
        self.register_combo.currentIndexChanged.connect(
            lambda _index: self.children_check.setEnabled(self.register_combo.currentData() is not None))
        self.closed_check = self._check("includeClosed", "Include closed risks")
        self.grey_check = self._check("greyscaleCheck", "Greyscale, for black-and-white printers")
        self.changes_check = self._check("markChangesCheck", "Mark what changed since the last report")
        self.cover_panel = CoverPanel(self)
        self.cover_panel.changed.connect(self.changed)
        self.kind_combo.currentIndexChanged.connect(self.show_remembered_cover)
        self.register_combo.currentIndexChanged.connect(self.show_remembered_cover)

        form = QFormLayout()
        form.addRow("&Report:", self.kind_combo)
        form.addRow("&Period:", self.period_combo)
        form.addRow("Re&gister:", self.register_combo)
        form.addRow("", self.children_check)
        form.addRow("&Lowest band:", self.band_combo)
        form.addRow("&Version:", self.version_combo)
        form.addRow("Page si&ze:", self.page_combo)
        form.addRow("", self.closed_check)
        form.addRow("", self.grey_check)
        form.addRow("", self.changes_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.cover_panel)
        self._fill()
        self.show_remembered_cover()

    def _combo(self, name: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _check(self, name: str, text: str) -> QCheckBox:
        check = QCheckBox(text, self)
        check.setObjectName(name)
        check.toggled.connect(self.changed)
        return check

    def _fill(self) -> None:
        """The file's periods (latest first), registers (as a tree) and bands."""
        contents = load_contents(self.workspace)
        combos = (self.period_combo, self.register_combo, self.band_combo)
        for combo in combos:
            combo.blockSignals(True)
        closed = contents.closed_periods()
        latest = f"Latest closed period ({closed[-1].label})" if closed else "Current figures"
        self.period_combo.addItem(latest, None)
        for period in sorted(contents.periods, key=lambda p: -p.position):
            suffix = "" if period.is_closed else " (open: current figures)"
            self.period_combo.addItem(period.label + suffix, period.label)
        self.register_combo.addItem("All registers", None)
        depth: dict[str, int] = {}
        for register in tree_order(contents.registers):
            level = depth[register.parent_id] + 1 if register.parent_id in depth else 0
            depth[register.id] = level
            self.register_combo.addItem("    " * level + register.name, register.id)
        self.band_combo.addItem("All bands", None)
        for band in sorted(contents.scheme.bands, key=lambda b: b.low):
            self.band_combo.addItem(f"{band.name} and above", band.name)
        for combo in combos:
            combo.blockSignals(False)

    def select_register(self, register_id: str | None) -> None:
        """Report on this register and its children (None: every register)."""
        index = self.register_combo.findData(register_id)
        if index >= 0:
            self.register_combo.setCurrentIndex(index)

    @property
    def kind(self) -> str:
        """The report kind chosen."""
        return str(self.kind_combo.currentData())

    def options(self) -> ReportOptions:
        """The report options as chosen."""
        return ReportOptions(
            kind=self.kind,
            period=self.period_combo.currentData(),
            register=self.register_combo.currentData(),
            children=self.children_check.isChecked(),
            min_band=self.band_combo.currentData(),
            include_closed=self.closed_check.isChecked(),
            exempt=self.version_combo.currentData() in ("exempt", "whole"),
            whole_pack=self.version_combo.currentData() == "whole",
            page_size=str(self.page_combo.currentData()),
            greyscale=self.grey_check.isChecked(),
            cover=self.cover_panel.cover(),
            mark_changes=self.changes_check.isChecked() and self.kind != "changes",
        )

    @Slot()
    def show_remembered_cover(self) -> None:
        """Fill the cover's fields with those last used for this register and report kind."""
        self.cover_panel.show_cover(remembered_cover(self.workspace, self.register_combo.currentData(), self.kind))
