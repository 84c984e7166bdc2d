"""The window's menus and their standard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from riskdesk.ui.report_actions import build_reports_menu

if TYPE_CHECKING:
    from riskdesk.ui.main_window import MainWindow

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


def _action(menu: QMenu, text: str, slot: Callable[[], object], *keys: QKeySequence.StandardKey | str,
            name: str = "") -> QAction:
    action = menu.addAction(text)
    sequences: list[QKeySequence] = []
    for key in keys:
        for sequence in (QKeySequence.keyBindings(key) if not isinstance(key, str) else [QKeySequence(key)]):
            if sequence not in sequences:
                sequences.append(sequence)
    if sequences:
        action.setShortcuts(sequences)
    action.triggered.connect(lambda _checked=False: slot())
    if name:
        action.setObjectName(name)
    return action


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Fill the menu bar; returns the actions the window enables and disables."""
    bar = window.menuBar()
    acts: dict[str, QAction] = {}
    file_menu = bar.addMenu("&File")
    acts["new"] = _action(file_menu, "&New register...", window.new_register, QKeySequence.StandardKey.New)
    acts["open"] = _action(file_menu, "&Open...", window.open_dialog, QKeySequence.StandardKey.Open)
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(window.fill_recent_menu)
    acts["demo"] = _action(file_menu, "Open the &demo register", window.open_demo)
    file_menu.addSeparator()
    acts["save_copy"] = _action(file_menu, "Save a &copy as...", window.save_copy, QKeySequence.StandardKey.SaveAs)
    acts["import_spreadsheet"] = _action(file_menu, "&Import from a spreadsheet...", window.import_spreadsheet,
                                         name="import_spreadsheet")
    acts["merge_copy"] = _action(file_menu, "&Merge a colleague's copy...", window.merge_copy, name="merge_copy")
    acts["export"] = _action(file_menu, "&Export...", window.export_register, name="export")
    acts["scheme"] = _action(file_menu, "Scoring sc&heme...", window.edit_scheme, name="scheme")
    acts["export_reminders"] = _action(file_menu, "Export &reminders...", lambda: _export_reminders(window),
                                       name="export_reminders")
    acts["close"] = _action(file_menu, "&Close", window.close_file, QKeySequence.StandardKey.Close)
    file_menu.addSeparator()
    # Windows binds no key to the standard Quit: Ctrl+Q is what users of other programs expect.
    acts["quit"] = _action(file_menu, "&Quit", window.close, QKeySequence.StandardKey.Quit, "Ctrl+Q")
    acts["quit"].setMenuRole(QAction.MenuRole.QuitRole)

    edit_menu = bar.addMenu("&Edit")
    undo = window.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    redo_keys: list[QKeySequence] = list(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
    for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
        if QKeySequence(extra) not in redo_keys:
            redo_keys.append(QKeySequence(extra))
    redo.setShortcuts(redo_keys)
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    acts["undo"], acts["redo"] = undo, redo
    edit_menu.addSeparator()
    acts["find"] = _action(edit_menu, "&Find...", window.focus_search, QKeySequence.StandardKey.Find)
    edit_menu.addSeparator()
    acts["history_name"] = _action(edit_menu, "Your &name in the history...", window.ask_history_name)
    acts["quarter_settings"] = _action(edit_menu, "Risk &appetite and review dates...",
                                       lambda: _edit_quarter_settings(window), name="quarter_settings")

    view_menu = bar.addMenu("&View")
    acts["show_archived"] = _action(view_menu, "Show &archived registers and risks", window.toggle_archived)
    acts["show_archived"].setCheckable(True)
    window.columns_menu = window.risk_panel.table.column_menu()
    view_menu.addMenu(window.columns_menu)
    view_menu.aboutToShow.connect(window.refresh_columns_menu)

    risk_menu = bar.addMenu("&Risk")
    acts["new_risk"] = _action(risk_menu, "&New risk", window.new_risk, "Ctrl+Shift+N")
    acts["duplicate"] = _action(risk_menu, "&Duplicate", window.duplicate_risk, "Ctrl+D")
    acts["archive"] = _action(risk_menu, "&Archive", window.archive_risk)
    acts["delete"] = _action(risk_menu, "De&lete...", window.delete_risk, QKeySequence.StandardKey.Delete)
    # The Delete key deletes risks only from the table, never while typing or in the tree.
    acts["delete"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.risk_panel.table.addAction(acts["delete"])
    acts["risk_history"] = _action(risk_menu, "&History of this risk...", window.show_risk_history, "Ctrl+H")
    risk_menu.addSeparator()
    acts["new_register_node"] = _action(risk_menu, "New &register here", window.new_register_node)
    acts["rename_register"] = _action(risk_menu, "Re&name register", window.rename_register, "F2")
    acts["archive_register"] = _action(risk_menu, "Archive re&gister", window.archive_register)
    acts["register_history"] = _action(risk_menu, "History of this register...", window.show_register_history)

    window.reports_menu = bar.addMenu("&Reports")
    window.reports_menu.setObjectName("reportsMenu")
    acts.update(build_reports_menu(window, window.reports_menu))

    help_menu = bar.addMenu("&Help")
    acts["user_guide"] = _action(help_menu, "&User guide", window.show_guide, QKeySequence.StandardKey.HelpContents,
                                 "F1", name="user_guide")
    acts["about"] = _action(help_menu, "&About riskdesk", window.show_about)
    acts["about"].setMenuRole(QAction.MenuRole.AboutRole)
    acts["shortcuts"] = _action(help_menu, "&Keyboard shortcuts", window.show_shortcuts)
    return acts


# The dialogs behind these items load when first asked for, not with the window.
def _export_reminders(window: MainWindow) -> None:
    from riskdesk.ui.reminders_export import export_reminders

    export_reminders(window)


def _edit_quarter_settings(window: MainWindow) -> None:
    from riskdesk.ui.quarter_settings_dialog import edit_quarter_settings

    edit_quarter_settings(window)
