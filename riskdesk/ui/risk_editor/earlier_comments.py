"""Last quarter's comment beside this quarter's, and the quarters before on request."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import Risk


def earlier_comments(contents: RegisterContents, risk_id: str) -> list[tuple[str, str]]:
    """(period label, comment) for each closed period the risk was on, newest first."""
    found: list[tuple[str, str]] = []
    for period in reversed(contents.closed_periods()):
        snapshot = contents.snapshot(period.id, risk_id)
        if snapshot is not None:
            found.append((period.label, snapshot.comment))
    return found


class EarlierComments(QWidget):
    """Read-only: the last closed quarter's comment, and a button for the ones before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("earlierComments")
        self.caption = QLabel(self)
        self.caption.setObjectName("lastQuarterCaption")
        self.last = QTextBrowser(self)
        self.last.setObjectName("lastQuarterComment")
        self.last.setAccessibleName("Last quarter's comment")
        self.more = QPushButton("Show earlier &quarters", self)
        self.more.setObjectName("earlierQuartersButton")
        self.more.setCheckable(True)
        self.more.toggled.connect(self._toggle)
        self.older = QTextBrowser(self)
        self.older.setObjectName("earlierQuartersComments")
        self.older.setAccessibleName("Earlier quarters' comments")
        self.older.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.last, 1)
        layout.addWidget(self.more)
        layout.addWidget(self.older, 2)
        self.comments: list[tuple[str, str]] = []

    def show_for(self, risk: Risk | None, contents: RegisterContents | None) -> None:
        """Show the comments of earlier quarters for a risk (nothing for none)."""
        self.comments = earlier_comments(contents, risk.id) if risk is not None and contents is not None else []
        if not self.comments:
            self.caption.setText("Last quarter: no comment kept yet (none closed with this risk on it).")
            self.last.clear()
            self.more.setEnabled(False)
            self._toggle(False)
            return
        label, comment = self.comments[0]
        self.caption.setText(f"Last quarter ({label}):")
        self.last.setPlainText(comment or "(no comment was written)")
        older = self.comments[1:]
        self.more.setEnabled(bool(older))
        self.more.setText(f"Show earlier quarters ({len(older)})" if older else "No earlier quarters")
        self.older.setHtml("".join(f"<p><b>{escape(label)}</b><br/>{escape(text) or '<i>no comment</i>'}</p>"
                                   for label, text in older))
        self._toggle(self.more.isChecked() and bool(older))

    def _toggle(self, shown: bool) -> None:
        self.older.setVisible(shown)
        if self.more.isChecked() != shown:
            self.more.blockSignals(True)
            self.more.setChecked(shown)
            self.more.blockSignals(False)
        if self.more.isEnabled():
            count = len(self.comments) - 1
            self.more.setText(f"Hide earlier quarters ({count})" if shown else f"Show earlier quarters ({count})")
