"""What the window shows when no register is open: recent files, new, open, the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from riskdesk.ui.settings import recent_files

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class StartPage(QWidget):
    """The first thing a user sees: where to begin."""

    newRequested = Signal()
    openRequested = Signal()
    demoRequested = Signal()
    fileChosen = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("startPage")
        title = QLabel("<h1>riskdesk</h1><p>Keep your risk registers and print the committee papers.</p>", self)
        title.setWordWrap(True)
        self.new_button = QPushButton("&New register...", self)
        self.new_button.setToolTip("Start a register file for your council with a 5x5 or 3x3 scoring scheme")
        self.open_button = QPushButton("&Open...", self)
        self.open_button.setToolTip("Open a register file (.sqlite) from your computer or a shared drive")
        self.demo_button = QPushButton("Open the &demo register", self)
        self.demo_button.setToolTip("A made-up Children's Services register to try things out safely")
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(40)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        self.recent = QListWidget(self)
        self.recent.setObjectName("recentFiles")
        self.recent.setAccessibleName("Recent files")
        self.recent.setMaximumHeight(360)
        self.recent.itemActivated.connect(lambda item: self.fileChosen.emit(Path(item.data(PATH_ROLE))))
        self.empty = QLabel("Files you open will be listed here.", self)
        self.empty.setStyleSheet("color: #666;")
        buttons = QVBoxLayout()
        for button in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)
        hint = QLabel(
            "Everything you change is saved at once and can be undone (Ctrl+Z). "
            "A register file can live on a shared drive: colleagues' changes appear as they save them, "
            "and you can drop a .sqlite file on this window to open it.", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        buttons.addSpacing(12)
        buttons.addWidget(hint)
        buttons.addStretch(1)
        recent = QVBoxLayout()
        caption = QLabel("<b>Recent files</b>", self)
        caption.setBuddy(self.recent)
        recent.addWidget(caption)
        recent.addWidget(self.recent)
        recent.addWidget(self.empty)
        recent.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(buttons, 1)
        columns.addSpacing(24)
        columns.addLayout(recent, 2)
        inner = QWidget(self)
        inner.setMaximumWidth(900)
        body = QVBoxLayout(inner)
        body.addWidget(title)
        body.addSpacing(12)
        body.addLayout(columns, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(inner, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the recent files list."""
        self.recent.clear()
        for path in recent_files():
            item = QListWidgetItem(f"{path.name}\n{_folder_text(path.parent)}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.empty.setVisible(self.recent.count() == 0)


def _folder_text(folder: Path) -> str:
    """A folder as users read it: "~/Documents" rather than the full home path."""
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)
