"""The keyboard shortcuts: the list the Help menu shows, and each key as this computer writes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

Key = QKeySequence.StandardKey | str
SHORTCUTS: list[tuple[str, tuple[Key, ...]]] = [
    ("New register", (QKeySequence.StandardKey.New,)), ("Open", (QKeySequence.StandardKey.Open,)),
    ("Undo", (QKeySequence.StandardKey.Undo,)), ("Redo", (QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")),
    ("Find (search box)", (QKeySequence.StandardKey.Find,)), ("New risk", ("Ctrl+Shift+N",)),
    ("Duplicate risk", ("Ctrl+D",)), ("Delete risk (asks first)", ("Delete",)),
    ("Rename register", ("F2",)), ("Committee pack", (QKeySequence.StandardKey.Print,)),
    ("User guide", (QKeySequence.StandardKey.HelpContents, "F1")),
    ("Quit", (QKeySequence.StandardKey.Quit, "Ctrl+Q")),
]


def shortcut_keys(*keys: Key) -> list[str]:
    """Each key sequence of a shortcut as this computer writes it, without repeats."""
    found: list[str] = []
    for key in keys:
        sequences = QKeySequence.keyBindings(key) if not isinstance(key, str) else [QKeySequence(key)]
        for sequence in sequences:
            if sequence.isEmpty() or sequence[0].key().value >= Qt.Key.Key_Back.value:  # type: ignore[index]
                continue  # a key of a special keyboard ("New", "Undo"), not one a user types
            text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            if text and text not in found:
                found.append(text)
    return found


def show_shortcuts(parent: QWidget) -> QDialog:
    """List the keyboard shortcuts: what each does, and its keys one per line."""
    dialog = QDialog(parent)
    dialog.setObjectName("shortcutsDialog")
    dialog.setWindowTitle("Keyboard shortcuts")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    table = QTableWidget(len(SHORTCUTS), 2, dialog)
    table.setObjectName("shortcutsTable")
    table.setHorizontalHeaderLabels(["Action", "Keys"])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    for row, (name, keys) in enumerate(SHORTCUTS):
        table.setItem(row, 0, QTableWidgetItem(name))
        table.setItem(row, 1, QTableWidgetItem("\n".join(shortcut_keys(*keys))))
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(420, 460)
    dialog.open()
    return dialog
