"""The cover page fields of the Reports dialog: committee, meeting, agenda item, people, purpose, recommendations."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QPlainTextEdit, QWidget

from riskdesk.core.cover import COVER_LABELS, Cover

# Fields typed on several lines; the rest take one line.
LONG_FIELDS = ("purpose", "recommendations")
HINTS = {
    "meeting_date": "e.g. 23 July 2024",
    "title": "leave blank for the report's own title",
    "contact_officer": "name, role and telephone",
    "recommendations": "one recommendation a line",
}


class CoverPanel(QGroupBox):
    """A checkable group: when ticked, the report starts with a cover page and contents."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Cover page and contents", parent)
        self.setObjectName("coverPanel")
        self.setCheckable(True)
        self.setChecked(False)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout(self)
        for name, label in COVER_LABELS:
            editor: QLineEdit | QPlainTextEdit
            if name in LONG_FIELDS:
                editor = QPlainTextEdit(self)
                editor.setFixedHeight(64)
                editor.setPlaceholderText(HINTS.get(name, ""))
                editor.textChanged.connect(self.changed)
            else:
                editor = QLineEdit(self)
                editor.setPlaceholderText(HINTS.get(name, ""))
                editor.textChanged.connect(self.changed)
            editor.setObjectName(f"cover_{name}")
            editor.setAccessibleName(label)
            self.fields[name] = editor
            form.addRow(f"{label}:", editor)
        self.toggled.connect(self.changed)

    def cover(self) -> Cover | None:
        """The cover as typed, or None when no cover page is wanted."""
        if not self.isChecked():
            return None
        return Cover(**{name: _text(editor) for name, editor in self.fields.items()})

    def values(self) -> Cover:
        """The fields as typed, whether or not a cover page is wanted."""
        return Cover(**{name: _text(editor) for name, editor in self.fields.items()})

    def show_cover(self, cover: Cover | None) -> None:
        """Fill the fields with a remembered cover (ticked), or clear them (unticked) when there is none."""
        self.blockSignals(True)
        values = (cover or Cover()).to_dict()
        for name, editor in self.fields.items():
            editor.blockSignals(True)
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(values[name])
            else:
                editor.setText(values[name])
            editor.blockSignals(False)
        self.setChecked(cover is not None)
        self.blockSignals(False)


def _text(editor: QLineEdit | QPlainTextEdit) -> str:
    return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
