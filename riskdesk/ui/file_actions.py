"""What the menu items do: files, risks, registers, help."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from riskdesk.services.files import save_copy as copy_file
from riskdesk.storage.errors import ConflictError, RegisterFileError
from riskdesk.ui import commands
from riskdesk.ui.menus import SHORTCUTS, shortcut_keys
from riskdesk.ui.operations import Failure, WindowOp
from riskdesk.ui.register_tree import NAME
from riskdesk.ui.settings import recent_files
from riskdesk.ui.undo import edit_fields

if TYPE_CHECKING:
    from riskdesk.ui.main_window import MainWindow

FILE_FILTER = "Register files (*.sqlite);;All files (*)"


def guard(window: MainWindow, step: Callable[[], Any]) -> Any:
    """Run an edit through the one entry; a refusal or a colleague's change is told in plain words."""
    if window.read_only:
        window.statusBar().showMessage("This file is open to read and print only; nothing was changed.", 8000)
        return None
    return WindowOp(window.document, step).failure(lambda failure: tell_window(window, failure)).run(window)


def tell_window(window: MainWindow, failure: Failure) -> None:
    """A refusal of a menu or drag-and-drop edit: a message box, or the conflict question."""
    document = window.document
    question = failure.question
    if document is not None and question is not None:
        # A register's name, a score from the heat map...: the same question as in the editor,
        # so what the user typed or chose is never simply dropped.
        document.check_for_colleagues()
        window.editor.conflicts.ask(question)
        return
    window.show_message(failure.title, failure.sentence)
    if document is not None and isinstance(failure.error, ConflictError):
        document.check_for_colleagues()


def demo_path() -> Path:
    """Where the demo register is kept for this user."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("riskdesk", appauthor=False)) / "Demo register (5x5).sqlite"


def open_demo(window: MainWindow) -> None:
    """Write the demo into the user's data folder if absent, then open it."""
    from riskdesk.services.demo import write_demo  # loaded when asked for, not at start-up

    path = demo_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        window.statusBar().showMessage("Writing the demo register...")
        try:
            write_demo(path, "5x5")
        except (OSError, RegisterFileError) as error:
            window.show_message("The demo could not be written", str(error))
            return
    window.open_file(path)


def open_dialog(window: MainWindow) -> None:
    """Choose a register file to open."""
    start = str(window.document.workspace.path.parent) if window.document else str(Path.home())
    chosen, _ = QFileDialog.getOpenFileName(window, "Open a register", start, FILE_FILTER)
    if chosen:
        window.open_file(chosen)


def new_register(window: MainWindow) -> None:
    """Ask for a new register file (the wizard), create it and open it."""
    from riskdesk.ui.new_register_wizard import NewRegisterWizard  # loaded when asked for

    wizard = NewRegisterWizard(Path.home(), window)
    if wizard.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        path = wizard.create_file()
    except (FileExistsError, RegisterFileError, OSError) as error:
        window.show_message("The register was not created", str(error))
        return
    window.open_file(path)


def save_copy(window: MainWindow) -> None:
    """Save a copy of the open file under another name."""
    if window.document is None:
        return
    path = window.document.workspace.path
    suggestion = str(path.with_name(path.stem + " (copy).sqlite"))
    chosen, _ = QFileDialog.getSaveFileName(window, "Save a copy as", suggestion, FILE_FILTER)
    if not chosen:
        return
    try:
        written = copy_file(window.document.workspace, chosen)
    except RegisterFileError as error:
        window.show_message("The copy was not saved", str(error))
        return
    window.statusBar().showMessage(f"Saved a copy as {written.name}", 8000)


def fill_recent_menu(window: MainWindow) -> None:
    """List recent files under File > Open Recent."""
    window.recent_menu.clear()
    for path in recent_files():
        action = window.recent_menu.addAction(path.name)
        action.setToolTip(str(path))
        action.triggered.connect(lambda _c=False, p=path: window.open_file(p))
    if not window.recent_menu.actions():
        window.recent_menu.addAction("No recent files").setEnabled(False)


def focus_search(window: MainWindow) -> None:
    """Ctrl+F: put the cursor in the search box."""
    window.risk_panel.search.setFocus()
    window.risk_panel.search.selectAll()


def toggle_archived(window: MainWindow) -> None:
    """Show or hide archived registers and risks."""
    window.tree_model.show_archived = window.actions_by_name["show_archived"].isChecked()
    if window.document is not None:
        keep = window.selected_register_id()
        window.tree_model.set_contents(window.document.contents)
        window.tree.expandAll()
        index = window.tree_model.index_of(keep) if keep else window.tree_model.index(0, NAME)
        window.tree.setCurrentIndex(index)
        window.show_selected_register()


def refresh_columns_menu(window: MainWindow) -> None:
    """Tick the columns that are shown."""
    header = window.risk_panel.table.horizontalHeader()
    for column, action in enumerate(window.columns_menu.actions()):
        action.blockSignals(True)
        action.setChecked(not header.isSectionHidden(column))
        action.blockSignals(False)


def new_risk(window: MainWindow) -> None:
    """Add a risk to the chosen register and put the cursor in its title."""
    register_id = window.selected_register_id()
    if window.document is None or register_id is None:
        window.show_message("Choose a register first", "Choose the register the new risk belongs to.")
        return
    taken = {r.reference for r in window.document.contents.risks if r.register_id == register_id}
    number = len(taken) + 1
    while f"New {number}" in taken:
        number += 1
    document = window.document
    risk = guard(window, lambda: commands.create_risk(document, register_id, f"New {number}", "New risk"))
    if risk is not None and window.risk_panel.select_risk(risk.id):
        window.editor.tabs.setCurrentIndex(0)
        window.editor.widgets["title"].setFocus()


def duplicate_risk(window: MainWindow) -> None:
    """Copy the chosen risk with its controls and actions."""
    risk = window.risk_panel.current_risk()
    if window.document is not None and risk is not None:
        document = window.document
        copy = guard(window, lambda: commands.duplicate_risk(document, risk))
        if copy is not None:
            window.risk_panel.select_risk(copy.id)


def archive_risk(window: MainWindow) -> None:
    """Hide the chosen risks from views and reports (nothing is deleted)."""
    document = window.document
    if document is None:
        return
    for risk in window.risk_panel.selected_risks():
        guard(window, partial(edit_fields, document, "risk", risk.id, risk.version, {"archived": True},
                              f"Archive {risk.reference}", "Archived"))


def delete_risk(window: MainWindow) -> None:
    """Delete the chosen risks after asking (undo brings them back)."""
    document = window.document
    risks = window.risk_panel.selected_risks()
    if document is None or not risks:
        return
    names = ", ".join(r.reference for r in risks)
    if not window.confirm("Delete risks?", f"Delete {names} with its controls and actions? You can undo this."):
        return
    for risk in risks:
        guard(window, partial(commands.delete_risk, document, risk))


def new_register_node(window: MainWindow) -> None:
    """Add a register under the chosen one and let the user name it."""
    document = window.document
    if document is None:
        return
    parent_id = window.selected_register_id()
    made = guard(window, lambda: commands.create_register(document, "New register", parent_id))
    if made:
        index = window.tree_model.index_of(made)
        window.tree.setCurrentIndex(index)
        window.tree.edit(index)


def rename_register(window: MainWindow) -> None:
    """Start renaming the chosen register in the tree."""
    index = window.tree.currentIndex()
    if index.isValid():
        window.tree.edit(index.siblingAtColumn(NAME))


def archive_register(window: MainWindow) -> None:
    """Hide the chosen register (its risks stay in the file)."""
    document = window.document
    register_id = window.selected_register_id()
    register = document.contents.register(register_id) if document and register_id else None
    if document is None or register is None:
        return
    guard(window, lambda: edit_fields(document, "register", register.id, register.version,
                                      {"archived": not register.archived},
                                      f"{'Restore' if register.archived else 'Archive'} register {register.name}",
                                      "Restored" if register.archived else "Archived"))


def show_shortcuts(window: MainWindow) -> QDialog:
    """List the keyboard shortcuts: what each does, and its keys one per line."""
    dialog = QDialog(window)
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
    window.shortcuts_dialog = dialog
    dialog.open()
    return dialog
