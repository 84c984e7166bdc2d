"""Small widgets the editor is built from: text that reports when editing ends, error labels."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from riskdesk.core.model import Score
from riskdesk.core.scheme import ScoringScheme
from riskdesk.core.validation import Problem, ValidationError

ERROR_STYLE = "color: #b00020;"


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
        self.setStyleSheet(ERROR_STYLE)
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
                f" = {band.name} {value.value}")
    if isinstance(value, date):
        return date_in_words(value)
    if isinstance(value, Enum):
        return str(value.value).capitalize()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


DATE_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y")  # as the spreadsheet import reads them


def date_in_words(value: date | None) -> str:
    """A date as the editor shows it: "31 March 2024" ("" for no date)."""
    return f"{value.day} {value:%B %Y}" if value else ""


def read_date(text: str, field: str) -> date | None:
    """A date typed as 2024-03-31, 31/03/2024 or 31 March 2024; empty text is no date.

    Raises ValidationError with a plain sentence: an impossible date such as 31/02/2024
    is named as such, anything else is shown the forms that are understood.
    """
    text = " ".join(text.split())
    if not text:
        return None
    for pattern in DATE_PATTERNS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if _looks_like_a_date(text):
        raise ValidationError([Problem(field, f"{text} is not a real date")])
    caption = field.replace("_", " ").capitalize()
    raise ValidationError([Problem(field, f"{caption} must be a date like 31/03/2024 or 31 March 2024; "
                                          f"got {text!r}")])


def _looks_like_a_date(text: str) -> bool:
    """True for text in a date's shape whose day or month cannot be (31/02/2024, 2024-13-01)."""
    numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if numeric:
        return True
    words = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text)
    if words:
        month = words.group(2).lower()
        return any(name.lower().startswith(month[:3]) for name in calendar.month_name[1:]) and len(month) >= 3
    return False
