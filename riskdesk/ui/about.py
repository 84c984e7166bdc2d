"""The About box: riskdesk's version and every part it is built from, with each one's licence."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from riskdesk import __version__
from riskdesk.services.components import Component, bundled_components
from riskdesk.ui.list_dialog import close_buttons, make_read_only

NAME, VERSION, LICENCE = range(3)


def licences_folder() -> Path | None:
    """The licences folder installed beside the program, if this is an installed build."""
    if getattr(sys, "frozen", False):
        folder = Path(sys.executable).resolve().parent / "licences"
        return folder if folder.is_dir() else None
    return None


def components() -> list[Component]:
    """The bundled parts, Qt's entry included (its version as it runs)."""
    qt = Component("Qt", f"{qVersion()} (PySide6 {pyside_version})", "LGPL-3.0-only", "https://www.qt.io")
    return bundled_components([qt])


class AboutDialog(QDialog):
    """What riskdesk is, its version, and a table of its parts and their licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About riskdesk")
        heading = QLabel(f"<h2>riskdesk {__version__}</h2><p>Keep a council's risk registers in one file and "
                         "turn them into committee papers. Every change is saved at once and can be undone.</p>"
                         "<p>riskdesk is built from these parts, each under its own licence:</p>", self)
        heading.setWordWrap(True)
        self.parts = components()
        self.table = QTableWidget(len(self.parts), 3, self)
        self.table.setObjectName("componentsTable")
        self.table.setHorizontalHeaderLabels(["Part", "Version", "Licence"])
        make_read_only(self.table)
        for row, part in enumerate(self.parts):
            for column, text in ((NAME, part.name), (VERSION, part.version), (LICENCE, part.licence)):
                item = QTableWidgetItem(text)
                if part.home:
                    item.setToolTip(part.home)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VERSION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LICENCE, QHeaderView.ResizeMode.Stretch)
        folder = licences_folder()
        where = (f"The full licence texts are in the licences folder where riskdesk is installed ({folder})."
                 if folder else "The full licence texts are installed with riskdesk, in its licences folder.")
        note = QLabel(where, self)
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = close_buttons(self)
        self.open_folder: QPushButton | None = None
        if folder is not None:
            self.open_folder = buttons.addButton("Open the licences folder", QDialogButtonBox.ButtonRole.ActionRole)
            self.open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 560)


def show_about(window: QWidget) -> AboutDialog:
    """Open the About box (it does not block the window)."""
    dialog = AboutDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.about_dialog = dialog  # type: ignore[attr-defined]
    dialog.open()
    return dialog
