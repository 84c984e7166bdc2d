"""The dialog for bringing risks in (a spreadsheet or a colleague's copy): check, show, confirm."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class BringInDialog(QDialog):
    """One dialog through the whole flow: checking, then problems or a summary, then doing it."""

    confirmed = Signal()  # the user pressed Import (or Merge)
    targetChanged = Signal(object)  # a register id, or None for the Register column
    stopAsked = Signal()  # Cancel while writing: the flow stops the write before it commits

    def __init__(self, title: str, source_text: str, go_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bringInDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(660, 420)
        self.running = False  # a worker is busy; while writing the dialog stays open
        self.writing = False

        self.source_label = QLabel(source_text, self)
        self.source_label.setObjectName("sourceLabel")
        self.source_label.setWordWrap(True)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.target_combo = QComboBox(self)
        self.target_combo.setObjectName("targetCombo")
        self.target_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.target_row = QWidget(self)
        form = QFormLayout(self.target_row)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Put the risks &into:", self.target_combo)
        self.target_row.hide()

        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        bold = self.status_label.font()
        bold.setBold(True)
        self.status_label.setFont(bold)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setRange(0, 0)  # busy until the work first says how far it has got
        self.progress_bar.setTextVisible(False)

        self.details = QListWidget(self)
        self.details.setObjectName("detailList")
        self.details.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.details.setWordWrap(True)
        self.details.setAlternatingRowColors(True)
        self.copy_button = QPushButton("&Copy the list", self)
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setToolTip("Copy every line, to paste into an email or the spreadsheet")
        self.copy_button.clicked.connect(self.copy_details)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.copy_button)

        self.note_label = QLabel(self)
        self.note_label.setObjectName("noteLabel")
        self.note_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.go_button = self.buttons.addButton(go_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_button.setObjectName("goButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.go_button.clicked.connect(self._go)
        self.cancel_button.clicked.connect(self._cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(self.target_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)  # takes the room while the list is hidden (checking, writing)
        layout.addLayout(copy_row)
        layout.addWidget(self.note_label)
        layout.addWidget(self.buttons)
        self.show_busy("Checking…", writing=False)

    # -- the register the rows go into (import only) --------------------------------

    def offer_targets(self, registers: list[tuple[str, str, int]], chosen: str | None) -> None:
        """Let the user pick the Register column or one register (id, name, depth), chosen preselected."""
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        self.target_combo.addItem("The register named in each row (the Register column)", None)
        for register_id, name, depth in registers:
            self.target_combo.addItem("    " * depth + name, register_id)
        index = self.target_combo.findData(chosen) if chosen else 0
        self.target_combo.setCurrentIndex(max(index, 0))
        self.target_combo.blockSignals(False)
        self.target_combo.currentIndexChanged.connect(
            lambda _index: self.targetChanged.emit(self.target_combo.currentData()))
        self.target_row.show()

    def target(self) -> str | None:
        """The register id chosen, or None for the Register column."""
        data = self.target_combo.currentData()
        return str(data) if data else None

    # -- states -----------------------------------------------------------------------

    def show_busy(self, text: str, writing: bool) -> None:
        """A worker is busy: the bar moves; Cancel stops a check, or a write before it commits."""
        self.running, self.writing = True, writing
        self.status_label.setText(text)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.details.clear()
        self.details.hide()
        self.copy_button.hide()
        self.note_label.clear()
        self.go_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.target_combo.setEnabled(not writing)

    def show_progress(self, done: int, total: int, sentence: str) -> None:
        """How far the work has got (done of total), and what it is doing now when it says."""
        if not self.running or self.progress_bar.isHidden():
            return
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        if sentence and self.cancel_button.isEnabled():
            self.status_label.setText(sentence + "…")

    def _cancel(self) -> None:
        if self.writing:
            # The window stays until the write has either rolled back or committed.
            self.cancel_button.setEnabled(False)
            self.status_label.setText("Stopping… If the file is already being saved, what was written stands.")
            self.stopAsked.emit()
        else:
            self.reject()

    def show_problems(self, headline: str, lines: list[str], note: str) -> None:
        """What must be fixed first; nothing can be done from here but Close."""
        self._show_list(headline, lines, note)
        self.go_button.setEnabled(False)
        self.go_button.hide()
        self.cancel_button.setText("Close")
        self.details.setObjectName("problemList")

    def show_summary(self, headline: str, lines: list[str], note: str, can_go: bool) -> None:
        """What would happen, with the button that does it."""
        self._show_list(headline, lines, note)
        self.go_button.show()
        self.go_button.setEnabled(can_go)
        self.cancel_button.setText("Cancel")
        self.details.setObjectName("detailList")
        if can_go:
            self.go_button.setDefault(True)
            self.go_button.setFocus()

    def _show_list(self, headline: str, lines: list[str], note: str) -> None:
        self.running = self.writing = False
        self.status_label.setText(headline)
        self.progress_bar.hide()
        self.details.clear()
        self.details.addItems(lines)
        self.details.setVisible(bool(lines))
        self.copy_button.setVisible(bool(lines))
        self.note_label.setText(note)
        self.cancel_button.setEnabled(True)
        self.target_combo.setEnabled(True)

    def lines(self) -> list[str]:
        """Every line in the list, as shown."""
        return [self.details.item(row).text() for row in range(self.details.count())]

    def copy_details(self) -> None:
        """Put the whole list on the clipboard, one line each."""
        QGuiApplication.clipboard().setText("\n".join(self.lines()))

    def _go(self) -> None:
        if self.go_button.isEnabled() and not self.running:
            self.confirmed.emit()

    def done(self, result: int) -> None:
        """Closing while the file is being written is refused: the write finishes first."""
        if self.writing:
            return
        super().done(result)
