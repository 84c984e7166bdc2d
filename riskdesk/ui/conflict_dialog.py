"""When a colleague changed (or deleted) the same thing: show both versions, lose neither."""

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

MERGED = 2  # the dialog's result when the user wrote a merged text


class ConflictDialog(QDialog):
    """Your text (or value) and theirs side by side, each with a copy button.

    Accepting with "Keep my text" means the caller writes the user's text over
    theirs (undoably); "Keep their text" leaves the file as the colleague left it.
    When the colleague deleted the risk (deleted=True) there is only the user's side:
    accepting ("Restore it with my change") brings the risk back and writes the change;
    rejecting ("Leave it deleted") writes nothing, and the user's text can still be copied.
    For a text, "Write a merged text" opens a third box, starting from both; "Save the merged
    text" finishes with MERGED and merged_text() gives what to write.
    """

    def __init__(self, field_label: str, changed_by: str, mine: str, theirs: str, parent: QWidget | None = None,
                 is_text: bool = True, deleted: bool = False, when: str = "", record: str = ""):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.resize(760, 420)
        self.deleted = deleted
        who = changed_by or "someone else"
        noun = "text" if is_text else "value"
        grid = QGridLayout(self)
        self.mine = self._text(mine, "yourText")
        copy_mine = QPushButton(f"Copy your {noun}", self)
        copy_mine.setObjectName("copyYours")
        copy_mine.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.mine.toPlainText()))
        self.copy_mine = copy_mine
        buttons = QDialogButtonBox(self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.theirs: QPlainTextEdit | None = None
        if deleted:
            self.setWindowTitle("Someone else deleted this risk")
            self.resize(640, 320)
            self.intro = QLabel(
                f"{who} deleted this risk while you were editing it, so your change to the {field_label} "
                f"has not been saved. You can bring the risk back with your change, or leave it deleted; "
                f"your {noun} is below to copy either way.", self)
            self.restore_button = buttons.addButton("Restore it with my change",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
            self.leave_deleted = buttons.addButton("Leave it deleted", QDialogButtonBox.ButtonRole.RejectRole)
            self.keep_mine, self.keep_theirs = self.restore_button, self.leave_deleted
            grid.addWidget(self.intro, 0, 0)
            grid.addWidget(QLabel(f"<b>Your {noun}</b> ({field_label})", self), 1, 0)
            grid.addWidget(self.mine, 2, 0)
            grid.addWidget(copy_mine, 3, 0)
            grid.addWidget(buttons, 4, 0)
        else:
            self.setWindowTitle("Someone else changed this")
            of = f" of {record}" if record else ""
            at = f" {when}" if when else ""
            self.intro = QLabel(
                f"{who} changed the {field_label}{of}{at}, while you were editing it, so your change has not been "
                f"saved yet. Both {noun}s are below: keep yours (theirs stays in the history), keep theirs"
                + (", or write one from both." if is_text else "."), self)
            self.theirs = self._text(theirs, "theirText")
            theirs_box = self.theirs
            copy_theirs = QPushButton(f"Copy {who}'s {noun}", self)
            copy_theirs.clicked.connect(lambda: QGuiApplication.clipboard().setText(theirs_box.toPlainText()))
            self.keep_mine = buttons.addButton(f"Keep my {noun}", QDialogButtonBox.ButtonRole.AcceptRole)
            self.keep_theirs = buttons.addButton(f"Keep {who}'s {noun}", QDialogButtonBox.ButtonRole.RejectRole)
            grid.addWidget(self.intro, 0, 0, 1, 2)
            grid.addWidget(QLabel(f"<b>Your {noun}</b>", self), 1, 0)
            grid.addWidget(QLabel(f"<b>Their {noun}</b> ({who})", self), 1, 1)
            grid.addWidget(self.mine, 2, 0)
            grid.addWidget(self.theirs, 2, 1)
            grid.addWidget(copy_mine, 3, 0)
            grid.addWidget(copy_theirs, 3, 1)
            self.merged = QPlainTextEdit(f"{mine}\n\n{theirs}" if mine and theirs else mine or theirs, self)
            self.merged.setObjectName("mergedText")
            self.merged.hide()
            self.merged_label = QLabel("<b>The text to keep</b> (edit it, then save it)", self)
            self.merged_label.hide()
            grid.addWidget(self.merged_label, 5, 0, 1, 2)
            grid.addWidget(self.merged, 6, 0, 1, 2)
            self.write_merged = buttons.addButton("Write a merged text...", QDialogButtonBox.ButtonRole.ActionRole)
            self.write_merged.setObjectName("writeMerged")
            self.write_merged.clicked.connect(self._start_merging)
            self.write_merged.setVisible(is_text)
            self.save_merged = buttons.addButton("Save the merged text", QDialogButtonBox.ButtonRole.ActionRole)
            self.save_merged.setObjectName("saveMerged")
            self.save_merged.hide()
            self.save_merged.clicked.connect(lambda: self.done(MERGED))
            grid.addWidget(buttons, 4, 0, 1, 2)
        self.intro.setWordWrap(True)

    def _start_merging(self) -> None:
        self.merged_label.show()
        self.merged.show()
        self.save_merged.show()
        self.write_merged.hide()
        self.resize(self.width(), max(self.height(), 620))
        self.merged.setFocus()

    def merged_text(self) -> str:
        """The text the user wrote from both."""
        return self.merged.toPlainText()

    def _text(self, text: str, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit(text, self)
        box.setObjectName(name)
        box.setReadOnly(True)
        return box
