"""The small dialog that asks why a risk moves to another cell, showing old and new score."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.model import Risk, Score
from riskdesk.core.scheme import ScoringScheme


def score_caption(scheme: ScoringScheme, score: Score | None) -> str:
    """e.g. "12 Medium (likelihood Highly likely (4), impact Moderate (3))"."""
    if score is None:
        return "not scored"
    band = scheme.band_for(score.likelihood, score.impact)
    likelihood = scheme.likelihood_level(score.likelihood).caption
    impact = scheme.impact_level(score.impact).caption
    return f"{scheme.value_of(score)} {band.name} (likelihood {likelihood}, impact {impact})"


class RescoreDialog(QDialog):
    """Asks for the reason (required) before a drag changes a score."""

    def __init__(self, scheme: ScoringScheme, moves: list[tuple[Risk, Score | None]], kind: str, new: Score,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rescoreDialog")
        self.setWindowTitle("Change score")
        layout = QVBoxLayout(self)
        names = ", ".join(risk.reference for risk, _ in moves)
        heading = QLabel(f"Change the {kind} score of {names}?", self)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        for risk, old in moves:
            label = QLabel(score_caption(scheme, old), self)
            label.setObjectName("rescoreOld")
            label.setWordWrap(True)
            form.addRow(f"{risk.reference} now:" if len(moves) > 1 else "Now:", label)
        self.new_label = QLabel(score_caption(scheme, new), self)
        self.new_label.setObjectName("rescoreNew")
        self.new_label.setWordWrap(True)
        form.addRow("New:", self.new_label)
        layout.addLayout(form)
        reason_label = QLabel("Why is the score changing? (required; kept in the history)", self)
        layout.addWidget(reason_label)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("rescoreReason")
        self.reason_edit.setAccessibleName("Reason for the change")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(80)
        reason_label.setBuddy(self.reason_edit)
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Change score")
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._reason_changed)
        self.reason_edit.setFocus()

    def _reason_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def reason(self) -> str:
        """The reason typed, without spaces at the ends."""
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        if not self.reason():
            return
        super().accept()
