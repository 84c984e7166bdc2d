"""Small widgets the editor is built from: text that reports when editing ends, error labels."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from riskdesk.core.dates import date_in_words
from riskdesk.core.model import Score
from riskdesk.core.scheme import ScoringScheme
from riskdesk.ui.colours import warning_style


class TextBox(QPlainTextEdit):
    """Multi-line text that says when the user leaves it, as a line edit does."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, lines: int = 4):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 12)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

    def text(self) -> str:
        """The text, as QLineEdit names it."""
        return self.toPlainText()

    def setText(self, text: str) -> None:
        """Replace the text, as QLineEdit names it."""
        self.setPlainText(text)


class ErrorLabel(QLabel):
    """The reason an entry was refused, shown beside the field; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(warning_style())
        self.setWordWrap(True)
        self.hide()

    def show_problem(self, message: str) -> None:
        """Show a reason, or hide the label when message is empty."""
        self.setText(message)
        self.setVisible(bool(message))


def value_in_words(scheme: ScoringScheme, value: Any, is_text: bool = False) -> str:
    """A field's value as a reader says it.

    A score in the scheme's words ("Probable (3) × Major (4) = Medium 12"), a date written
    out ("31 March 2024"), a choice by its name, yes or no; text as it is.
    """
    if is_text:
        return "" if value is None else str(value)
    if value is None or value == "":
        return "(none)"
    if isinstance(value, Score):
        band = scheme.band_for(value.likelihood, value.impact)
        return (f"{scheme.likelihood_level(value.likelihood).caption} × {scheme.impact_level(value.impact).caption}"
                f" = {band.name} {scheme.value_of(value)}")
    if isinstance(value, date):
        return date_in_words(value)
    if isinstance(value, Enum):
        return str(value.value).capitalize()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


