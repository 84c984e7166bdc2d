"""Choosing a likelihood and an impact, with the scheme's descriptions and criteria."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from riskdesk.core.model import Score, ScoreKind
from riskdesk.core.scheme import Level, ScoringScheme
from riskdesk.ui.risk_editor.calm import CalmChoices
from riskdesk.ui.risk_editor.widgets import ErrorLabel
from riskdesk.ui.risk_table import text_on

NOT_SCORED = "Not scored"


def _fill(combo: QComboBox, levels: tuple[Level, ...]) -> None:
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(NOT_SCORED, None)
    for level in levels:
        combo.addItem(level.caption, level.number)
        combo.setItemData(combo.count() - 1, level.key_text, Qt.ItemDataRole.ToolTipRole)
    combo.blockSignals(False)


def band_label_style(colour: str) -> str:
    """A style sheet for a label drawn on a band colour."""
    return (f"background: {colour}; color: {text_on(colour).name()}; padding: 3px 8px;"
            " border-radius: 3px; font-weight: bold;")


class ScoreRow:
    """One score (inherent, residual or target): two combo boxes and the result."""

    def __init__(self, kind: ScoreKind, parent: QWidget):
        self.kind = kind
        self.likelihood = QComboBox(parent)
        self.likelihood.setObjectName(f"{kind.value}_likelihood")
        self.likelihood.setAccessibleName(f"{kind.value.capitalize()} likelihood")
        self.impact = QComboBox(parent)
        self.impact.setObjectName(f"{kind.value}_impact")
        self.impact.setAccessibleName(f"{kind.value.capitalize()} impact")
        self.result = QLabel(parent)
        self.result.setObjectName(f"{kind.value}_result")
        self.result.setMinimumWidth(90)
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = ErrorLabel(parent)

    def set_scheme(self, scheme: ScoringScheme) -> None:
        """Offer the scheme's levels."""
        _fill(self.likelihood, scheme.likelihood)
        _fill(self.impact, scheme.impact)

    def show(self, scheme: ScoringScheme, score: Score | None) -> None:
        """Show a score without reporting a change."""
        for combo, number in ((self.likelihood, score.likelihood if score else None),
                              (self.impact, score.impact if score else None)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(number)) if number is not None else 0)
            combo.blockSignals(False)
        self.show_result(scheme, score)

    def chosen(self) -> Score | None:
        """The score the combo boxes show, or None until both are chosen."""
        likelihood, impact = self.likelihood.currentData(), self.impact.currentData()
        if likelihood is None or impact is None:
            return None
        return Score(int(likelihood), int(impact))

    def show_result(self, scheme: ScoringScheme, score: Score | None) -> None:
        """ "Medium 12" on its band colour, at once."""
        if score is None:
            self.result.setText("–")
            self.result.setStyleSheet("")
            self.result.setAccessibleName(f"{self.kind.value.capitalize()} score: not scored")
            return
        band = scheme.band_for(score.likelihood, score.impact)
        value = scheme.value_of(score)
        self.result.setText(f"{band.name} {value}")
        self.result.setStyleSheet(band_label_style(band.colour))
        self.result.setAccessibleName(f"{self.kind.value.capitalize()} score: {band.name} {value}")


class ScoresBox(QWidget):
    """The three scores, with the impact criteria of the level being chosen."""

    scoreChosen = Signal(str, object)  # kind, Score or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._scheme: ScoringScheme | None = None
        self.rows = {kind: ScoreRow(kind, self) for kind in ScoreKind}
        # Arrow keys step through levels: the score is written once the user settles on one.
        self.calm = CalmChoices(self)
        grid = QGridLayout(self)
        grid.addWidget(QLabel("<b>Likelihood</b>", self), 0, 1)
        grid.addWidget(QLabel("<b>Impact</b>", self), 0, 2)
        grid.addWidget(QLabel("<b>Score</b>", self), 0, 3)
        for line, kind in enumerate(ScoreKind, start=1):
            row = self.rows[kind]
            caption = QLabel(f"{kind.value.capitalize()}:", self)
            caption.setBuddy(row.likelihood)
            grid.addWidget(caption, line * 2 - 1, 0)
            grid.addWidget(row.likelihood, line * 2 - 1, 1)
            grid.addWidget(row.impact, line * 2 - 1, 2)
            grid.addWidget(row.result, line * 2 - 1, 3)
            grid.addWidget(row.error, line * 2, 1, 1, 3)
            row.likelihood.currentIndexChanged.connect(lambda _i, k=kind: self._changed(k, "likelihood"))
            row.impact.currentIndexChanged.connect(lambda _i, k=kind: self._changed(k, "impact"))
            for box in (row.likelihood, row.impact):
                self.calm.watch(box, partial(self._choose, kind))
            row.impact.highlighted.connect(lambda i, k=kind: self._show_criteria(self.rows[k].impact.itemData(i)))
        self.level_help = QLabel(self)
        self.level_help.setWordWrap(True)
        self.level_help.setObjectName("levelHelp")
        self.level_help.setMinimumHeight(self.level_help.fontMetrics().lineSpacing() * 3)
        self.level_help.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.level_help, 7, 0, 1, 4)
        self.criteria = QTableWidget(0, 2, self)
        self.criteria.setObjectName("impactCriteria")
        self.criteria.setHorizontalHeaderLabels(["Category", "What this impact means"])
        self.criteria.verticalHeader().setVisible(False)
        self.criteria.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.criteria.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.criteria.setWordWrap(True)
        self.criteria.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.criteria.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.criteria.setMinimumWidth(320)
        grid.addWidget(self.criteria, 0, 4, 9, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(4, 2)
        grid.setRowStretch(8, 1)

    def set_scheme(self, scheme: ScoringScheme) -> None:
        """Offer the levels of the file's scheme."""
        self._scheme = scheme
        for row in self.rows.values():
            row.set_scheme(scheme)

    def show_scores(self, scores: dict[ScoreKind, Score | None]) -> None:
        """Show a risk's scores; a row whose choice is still settling keeps the user's choice."""
        assert self._scheme is not None
        for kind, row in self.rows.items():
            if self.calm.is_held(row.likelihood) or self.calm.is_held(row.impact):
                continue
            row.show(self._scheme, scores.get(kind))
            row.error.show_problem("")
        residual = scores.get(ScoreKind.RESIDUAL)
        self._show_criteria(residual.impact if residual else None)

    def _changed(self, kind: ScoreKind, part: str) -> None:
        assert self._scheme is not None
        row = self.rows[kind]
        score = row.chosen()
        if part == "impact":
            self._show_criteria(row.impact.currentData())
        else:
            number = row.likelihood.currentData()
            level = self._scheme.likelihood_level(number) if number else None
            self.level_help.setText(f"Likelihood {level.caption}: {level.description}" if level else "")
        row.show_result(self._scheme, score)
        box = row.likelihood if part == "likelihood" else row.impact
        if self.calm.stepping(box):
            self.calm.hold(box)
        else:
            self._choose(kind)

    def _choose(self, kind: ScoreKind) -> None:
        row = self.rows[kind]
        score = row.chosen()
        if score is not None or (row.likelihood.currentData() is None and row.impact.currentData() is None):
            self.scoreChosen.emit(kind.value, score)

    def _show_criteria(self, impact: int | None) -> None:
        scheme = self._scheme
        self.criteria.setRowCount(0)
        if scheme is None or impact is None:
            self.level_help.setText("")
            return
        level = scheme.impact_level(int(impact))
        self.level_help.setText(f"Impact {level.caption}: {level.description}")
        for category, texts in scheme.criteria.items():
            line = self.criteria.rowCount()
            self.criteria.insertRow(line)
            self.criteria.setItem(line, 0, QTableWidgetItem(category))
            self.criteria.setItem(line, 1, QTableWidgetItem(texts[int(impact) - 1]))

    def show_problem(self, kind: str, message: str) -> None:
        """Show why a score was refused beside it."""
        self.rows[ScoreKind(kind)].error.show_problem(message)
