"""Edit > Risk appetite and review dates...: the appetite per category and months between reviews per band."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.appetite import LEVELS, Appetite
from riskdesk.core.changes import OpChanges
from riskdesk.core.review_cadence import ReviewCadence
from riskdesk.core.scheme import ScoringScheme

if TYPE_CHECKING:
    from riskdesk.ui.document import Document


def _level_combo(level: str, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItems(list(LEVELS))
    combo.setCurrentText(level)
    return combo


class QuarterSettingsDialog(QDialog):
    """Appetite levels per category, the score each level accepts, and months between reviews per band."""

    def __init__(self, scheme: ScoringScheme, appetite: Appetite, cadence: ReviewCadence,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quarterSettingsDialog")
        self.setWindowTitle("Risk appetite and review dates")
        self.scheme = scheme
        self.category_levels: dict[str, QComboBox] = {}
        appetite_box = QGroupBox("Risk appetite by category", self)
        categories = QFormLayout(appetite_box)
        note = QLabel("A risk whose residual score is above its appetite is flagged in the table, the tree, "
                      "the heat map and the committee check. A risk's own appetite, where set in the editor, "
                      "comes first.", appetite_box)
        note.setWordWrap(True)
        categories.addRow(note)
        for category, level in appetite.categories.items():
            combo = _level_combo(level, appetite_box)
            combo.setAccessibleName(f"Appetite for {category}")
            self.category_levels[category] = combo
            categories.addRow(f"{category}:", combo)
        self.default_level = _level_combo(appetite.default, appetite_box)
        self.default_level.setAccessibleName("Appetite for other categories, and the line on the heat map")
        categories.addRow("Other categories (and the heat map's line):", self.default_level)
        levels_box = QGroupBox(f"Highest acceptable score at each level ({scheme.name} scheme)", self)
        levels = QHBoxLayout(levels_box)
        top = max(scheme.cell_scores())
        self.thresholds: dict[str, QSpinBox] = {}
        for level in LEVELS:
            spin = QSpinBox(levels_box)
            spin.setRange(1, top)
            spin.setValue(appetite.thresholds.get(level, 1))
            spin.setAccessibleName(f"Highest acceptable score at {level}")
            self.thresholds[level] = spin
            levels.addWidget(QLabel(f"{level}:", levels_box))
            levels.addWidget(spin)
        cadence_box = QGroupBox("Months between reviews, by the band of the residual score", self)
        bands = QHBoxLayout(cadence_box)
        self.months: dict[str, QSpinBox] = {}
        for band in sorted(scheme.bands, key=lambda b: b.low, reverse=True):
            spin = QSpinBox(cadence_box)
            spin.setRange(1, 36)
            spin.setValue(cadence.months.get(band.name, 3))
            spin.setAccessibleName(f"Months between reviews of {band.name} risks")
            self.months[band.name] = spin
            bands.addWidget(QLabel(f"{band.name}:", cadence_box))
            bands.addWidget(spin)
        bands.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(appetite_box)
        layout.addWidget(levels_box)
        layout.addWidget(cadence_box)
        layout.addWidget(buttons)

    def chosen_appetite(self) -> Appetite:
        """The appetite as set in the dialog."""
        return Appetite({name: combo.currentText() for name, combo in self.category_levels.items()},
                        self.default_level.currentText(),
                        {level: spin.value() for level, spin in self.thresholds.items()})

    def chosen_cadence(self) -> ReviewCadence:
        """The months between reviews as set in the dialog."""
        return ReviewCadence(self.scheme, {name: spin.value() for name, spin in self.months.items()})


def save_quarter_settings(document: Document, appetite: Appetite, cadence: ReviewCadence,
                          run: Callable[[Callable[[], Any]], Any]) -> bool:
    """Write both settings in one transaction, through the caller's guard for edits (run)."""
    from riskdesk.services.quarter_settings import save_appetite, save_cadence

    def both() -> OpChanges:
        with document.workspace.store.transaction():
            changes = save_appetite(document.workspace, appetite)
            changes.merge(save_cadence(document.workspace, cadence))
        return changes

    return run(lambda: document.run(both)) is not None


def edit_quarter_settings(document: Document, parent: QWidget,
                          run: Callable[[Callable[[], Any]], Any]) -> QuarterSettingsDialog:
    """Open the dialog on the file; Save writes both settings (through run, the caller's guard)."""
    contents = document.contents
    dialog = QuarterSettingsDialog(contents.scheme, contents.appetite_rules(), contents.cadence_rules(), parent)
    dialog.accepted.connect(lambda: save_quarter_settings(document, dialog.chosen_appetite(),
                                                          dialog.chosen_cadence(), run))
    dialog.open()
    return dialog
