"""The Scheme dialog: view or change the file's scoring scheme, every risk's new score previewed first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.model import Risk
from riskdesk.core.scheme import Level, ScoringScheme
from riskdesk.services.scheme_change import (
    LevelMapping,
    SchemeChangeResult,
    ScoreMove,
    identity_mapping,
    preview_change,
    suggested_mapping,
)
from riskdesk.ui.scheme_editor import SchemeEditor

Apply = Callable[[ScoringScheme, LevelMapping], SchemeChangeResult]
PREVIEW_COLUMNS = ("Ref", "Risk", "Score", "Now", "After the change")


class SchemeDialog(QDialog):
    """Page 1: the scheme, editable unless the file is read-only. Page 2: old levels to new, and every score."""

    def __init__(self, scheme: ScoringScheme, risks: list[Risk], apply: Apply | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("schemeDialog")
        self.setWindowTitle("Scoring scheme")
        self.resize(1080, 660)
        self.old = scheme
        self.risks = [risk for risk in risks if not risk.archived] + [risk for risk in risks if risk.archived]
        self._apply = apply
        self.result_of_change: SchemeChangeResult | None = None
        self.editor = SchemeEditor(scheme, self, read_only=apply is None)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._scheme_page())
        self.pages.addWidget(self._mapping_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.editor.changed.connect(self._scheme_edited)
        self._scheme_edited()

    # -- page 1 --------------------------------------------------------------------

    def _scheme_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        note = "This file is open read-only: the scheme can be seen and saved as a file, not changed." \
            if self._apply is None else (
                "Change anything; the matrix is drawn as you go. Nothing is written until you have seen "
                "every risk's new score on the next page.")
        layout.addWidget(QLabel(note, page))
        layout.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.next_button = QPushButton("&Next: check every risk's score", page)
        self.next_button.setObjectName("schemeNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.show_mapping)
        close = QPushButton("Close" if self._apply is None else "Cancel", page)
        close.clicked.connect(self.reject)
        if self._apply is not None:
            buttons.addWidget(self.next_button)
        else:
            self.next_button.hide()
        buttons.addWidget(close)
        layout.addLayout(buttons)
        return page

    def _scheme_edited(self) -> None:
        problem = self.editor.problem()
        self.next_button.setEnabled(problem is None and self.editor.scheme() != self.old)

    # -- page 2 --------------------------------------------------------------------

    def _mapping_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mapping_note = QLabel(page)
        self.mapping_note.setWordWrap(True)
        layout.addWidget(self.mapping_note)
        boxes = QHBoxLayout()
        self.likelihood_box, self.likelihood_form = self._group("Each old likelihood level becomes", page)
        self.impact_box, self.impact_form = self._group("Each old impact level becomes", page)
        boxes.addWidget(self.likelihood_box)
        boxes.addWidget(self.impact_box)
        layout.addLayout(boxes)
        self.summary = QLabel(page)
        self.summary.setObjectName("schemeChangeSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.preview = QTableWidget(0, len(PREVIEW_COLUMNS), page)
        self.preview.setObjectName("schemeChangePreview")
        self.preview.setHorizontalHeaderLabels(list(PREVIEW_COLUMNS))
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.preview, 1)
        self.problem = QLabel(page)
        self.problem.setObjectName("schemeChangeProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(page)
        back = buttons.addButton("< &Back", QDialogButtonBox.ButtonRole.ResetRole)
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.change_button = buttons.addButton("&Change the scheme", QDialogButtonBox.ButtonRole.AcceptRole)
        self.change_button.setObjectName("schemeChange")
        self.change_button.clicked.connect(self.change)
        self.change_button.setVisible(self._apply is not None)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        layout.addWidget(buttons)
        return page

    def _group(self, title: str, parent: QWidget) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title, parent)
        return box, QFormLayout(box)

    def show_mapping(self) -> None:
        """Go to page 2 with the suggested mapping (each level to itself when the grid keeps its shape)."""
        new = self.editor.scheme()
        same_grid = (len(new.likelihood), len(new.impact)) == (len(self.old.likelihood), len(self.old.impact))
        mapping = identity_mapping(self.old) if same_grid else suggested_mapping(self.old, new)
        self._fill_form(self.likelihood_form, self.old.likelihood, new.likelihood, mapping.likelihood)
        self._fill_form(self.impact_form, self.old.impact, new.impact, mapping.impact)
        def called(scheme: ScoringScheme) -> str:
            return scheme.name if scheme.name == scheme.shape else f"{scheme.name} ({scheme.shape})"

        self.mapping_note.setText(
            f"From {called(self.old)} to {called(new)}. Choose where each old level "
            "goes; every risk's inherent, residual and target score below follows at once. A copy of the file "
            "is kept beside it before anything changes, and the history records the change. Undo does not "
            "reach back past it: the copy is the way back.")
        self.pages.setCurrentIndex(1)
        self.refresh_preview()

    def _fill_form(self, form: QFormLayout, old: tuple[Level, ...], new: tuple[Level, ...],
                   table: dict[int, int]) -> None:
        while form.rowCount():
            form.removeRow(0)
        for level in old:
            combo = QComboBox(form.parentWidget())
            combo.setObjectName(f"map{level.number}")
            for target in new:
                combo.addItem(target.caption, target.number)
            combo.setCurrentIndex(max(0, combo.findData(table.get(level.number, 1))))
            combo.currentIndexChanged.connect(lambda _i: self.refresh_preview())
            form.addRow(f"{level.caption} \N{RIGHTWARDS ARROW}", combo)

    def mapping(self) -> LevelMapping:
        """The mapping the combo boxes show."""
        def read(form: QFormLayout) -> dict[int, int]:
            table = {}
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                combo = item.widget() if item is not None else None
                if isinstance(combo, QComboBox):
                    table[row + 1] = int(combo.currentData())
            return table
        return LevelMapping(read(self.likelihood_form), read(self.impact_form))

    def refresh_preview(self) -> None:
        """Every score before and after, changed ones in bold; a count of band changes above."""
        moves = preview_change(self.risks, self.old, self.editor.scheme(), self.mapping())
        self.preview.setRowCount(len(moves))
        bold = QFont(self.preview.font())
        bold.setBold(True)
        for row, move in enumerate(moves):
            for column, text in enumerate((move.reference, move.title, move.kind.capitalize(), move.before,
                                           move.after)):
                item = QTableWidgetItem(text)
                if move.changed and column == 4:
                    item.setFont(bold)
                self.preview.setItem(row, column, item)
        self.preview.resizeColumnToContents(0)
        self.preview.resizeColumnToContents(2)
        self.preview.resizeColumnToContents(3)
        self.preview.resizeColumnToContents(4)
        self.summary.setText(_summary(moves, len(self.risks)))

    def change(self) -> None:
        """Make the change through the window's entry for operations; a refusal is said on the page."""
        if self._apply is None:
            return
        try:
            self.result_of_change = self._apply(self.editor.scheme(), self.mapping())
        except ValueError as error:  # ValidationError: the mapping or scheme was refused, nothing written
            self.problem.setText(f"The scheme was not changed: {error}.")
            return
        self.accept()


def _summary(moves: list[ScoreMove], risks: int) -> str:
    if not moves:
        return "No risk has a score yet: only the scheme changes."
    changed = sum(1 for move in moves if move.changed)
    band_moves = sum(1 for move in moves if move.band_changed)
    return (f"{risks} risk{'s' if risks != 1 else ''}, {len(moves)} scores: {changed} read differently "
            f"afterwards, {band_moves} of them in another band.")
