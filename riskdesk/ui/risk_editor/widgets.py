"""Small widgets the editor is built from: text that reports when editing ends, error labels."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

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
