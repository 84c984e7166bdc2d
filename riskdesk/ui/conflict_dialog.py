"""When a colleague changed the same thing: show both texts, lose neither."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)


class ConflictDialog(QDialog):
    """Your text and their text side by side, each with a copy button.

    Accepting with "Keep my text" means the caller writes the user's text over
    theirs (undoably); "Keep their text" leaves the file as the colleague left it.
    """

    def __init__(self, field_label: str, changed_by: str, mine: str, theirs: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Someone else changed this")
        self.resize(760, 420)
        who = changed_by or "someone else"
        self.intro = intro = QLabel(
            f"{who} changed the {field_label} while you were editing it, so your change has not been saved yet. "
            "Both texts are below: keep one, or copy what you need from either.", self)
        intro.setWordWrap(True)
        self.mine = self._text(mine, "yourText")
        self.theirs = self._text(theirs, "theirText")
        copy_mine = QPushButton("Copy your text", self)
        copy_mine.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.mine.toPlainText()))
        copy_theirs = QPushButton(f"Copy {who}'s text", self)
        copy_theirs.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.theirs.toPlainText()))
        buttons = QDialogButtonBox(self)
        self.keep_mine = buttons.addButton("Keep my text", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs = buttons.addButton(f"Keep {who}'s text", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        grid = QGridLayout(self)
        grid.addWidget(intro, 0, 0, 1, 2)
        grid.addWidget(QLabel("<b>Your text</b>", self), 1, 0)
        grid.addWidget(QLabel(f"<b>Their text</b> ({who})", self), 1, 1)
        grid.addWidget(self.mine, 2, 0)
        grid.addWidget(self.theirs, 2, 1)
        grid.addWidget(copy_mine, 3, 0)
        grid.addWidget(copy_theirs, 3, 1)
        grid.addWidget(buttons, 4, 0, 1, 2)

    def _text(self, text: str, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit(text, self)
        box.setObjectName(name)
        box.setReadOnly(True)
        return box
