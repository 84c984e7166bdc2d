"""The window's menus and their standard shortcuts, wired to the controllers that do the work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QMenuBar

from riskdesk.ui.report_actions import build_reports_menu

if TYPE_CHECKING:
    from riskdesk.ui.bring_in_actions import BringInActions
    from riskdesk.ui.file_actions import FileActions
    from riskdesk.ui.register_actions import RegisterActions
    from riskdesk.ui.report_actions import ReportActions
    from riskdesk.ui.risk_actions import RiskActions
    from riskdesk.ui.risk_panel import RiskPanel


class WindowCommands(Protocol):
    """What the menus ask of the window itself: its file, its views, its help."""

    def close_file(self) -> None: ...
    def close(self) -> bool: ...
    def ask_history_name(self) -> None: ...
    def show_archived(self, shown: bool) -> None: ...
    def show_guide(self) -> None: ...
    def show_about(self) -> None: ...
    def show_shortcuts(self) -> None: ...


@dataclass(frozen=True)
class MenuTargets:
    """Everything a menu item can be wired to."""

    files: FileActions
    risks: RiskActions
    registers: RegisterActions
    reports: ReportActions
    bringing_in: BringInActions
    window: WindowCommands
    undo_stack: QUndoStack
    risk_panel: RiskPanel


@dataclass(frozen=True)
class Menus:
    """The filled menu bar: the actions the window enables and disables, and the menus it refills."""

    actions: dict[str, QAction]
    recent: QMenu
    columns: QMenu
    reports: QMenu


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


def build_menus(bar: QMenuBar, to: MenuTargets) -> Menus:
    """Fill the menu bar, each item wired to the part that does it."""
    acts: dict[str, QAction] = {}
    files = to.files
    file_menu = bar.addMenu("&File")
    acts["new"] = _action(file_menu, "&New register...", files.new_register, QKeySequence.StandardKey.New)
    acts["open"] = _action(file_menu, "&Open...", files.open_dialog, QKeySequence.StandardKey.Open)
    recent = file_menu.addMenu("Open &Recent")
    recent.aboutToShow.connect(lambda: files.fill_recent_menu(recent))
    acts["demo"] = _action(file_menu, "Open the &demo register", files.open_demo)
    file_menu.addSeparator()
    acts["save_copy"] = _action(file_menu, "Save a &copy as...", files.save_copy, QKeySequence.StandardKey.SaveAs)
    acts["import_spreadsheet"] = _action(file_menu, "&Import from a spreadsheet...",
                                         to.bringing_in.import_spreadsheet, name="import_spreadsheet")
    acts["merge_copy"] = _action(file_menu, "&Merge a colleague's copy...", to.bringing_in.merge_copy,
                                 name="merge_copy")
    acts["export"] = _action(file_menu, "&Export...", files.export_register, name="export")
    acts["scheme"] = _action(file_menu, "Scoring sc&heme...", files.edit_scheme, name="scheme")
    acts["export_reminders"] = _action(file_menu, "Export &reminders...", files.export_reminders,
                                       name="export_reminders")
    acts["close"] = _action(file_menu, "&Close", to.window.close_file, QKeySequence.StandardKey.Close)
    file_menu.addSeparator()
    # Windows binds no key to the standard Quit: Ctrl+Q is what users of other programs expect.
    acts["quit"] = _action(file_menu, "&Quit", to.window.close, QKeySequence.StandardKey.Quit, "Ctrl+Q")
    acts["quit"].setMenuRole(QAction.MenuRole.QuitRole)

    edit_menu = bar.addMenu("&Edit")
    undo = to.undo_stack.createUndoAction(bar, "&Undo")
    undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
    redo = to.undo_stack.createRedoAction(bar, "&Redo")
    redo_keys: list[QKeySequence] = list(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
    for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
        if QKeySequence(extra) not in redo_keys:
            redo_keys.append(QKeySequence(extra))
    redo.setShortcuts(redo_keys)
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    acts["undo"], acts["redo"] = undo, redo
    edit_menu.addSeparator()
    acts["find"] = _action(edit_menu, "&Find...", to.risk_panel.focus_search, QKeySequence.StandardKey.Find)
    edit_menu.addSeparator()
    acts["history_name"] = _action(edit_menu, "Your &name in the history...", to.window.ask_history_name)
    acts["quarter_settings"] = _action(edit_menu, "Risk &appetite and review dates...",
                                       to.reports.edit_quarter_settings, name="quarter_settings")

    view_menu = bar.addMenu("&View")
    acts["show_archived"] = view_menu.addAction("Show &archived registers and risks")
    acts["show_archived"].setCheckable(True)
    acts["show_archived"].toggled.connect(to.window.show_archived)
    columns = to.risk_panel.table.column_menu()
    view_menu.addMenu(columns)

    risks, registers = to.risks, to.registers
    risk_menu = bar.addMenu("&Risk")
    acts["new_risk"] = _action(risk_menu, "&New risk", risks.new, "Ctrl+Shift+N")
    acts["duplicate"] = _action(risk_menu, "&Duplicate", risks.duplicate, "Ctrl+D")
    acts["archive"] = _action(risk_menu, "&Archive", risks.archive)
    acts["delete"] = _action(risk_menu, "De&lete...", risks.delete, QKeySequence.StandardKey.Delete)
    # The Delete key deletes risks only from the table, never while typing or in the tree.
    acts["delete"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    to.risk_panel.table.addAction(acts["delete"])
    acts["risk_history"] = _action(risk_menu, "&History of this risk...", risks.show_history, "Ctrl+H")
    risk_menu.addSeparator()
    acts["new_register_node"] = _action(risk_menu, "New &register here", registers.new)
    acts["rename_register"] = _action(risk_menu, "Re&name register", registers.rename, "F2")
    acts["archive_register"] = _action(risk_menu, "Archive re&gister", registers.archive)
    acts["register_history"] = _action(risk_menu, "History of this register...", registers.show_history)

    reports = bar.addMenu("&Reports")
    reports.setObjectName("reportsMenu")
    acts.update(build_reports_menu(to.reports, reports))

    help_menu = bar.addMenu("&Help")
    acts["user_guide"] = _action(help_menu, "&User guide", to.window.show_guide,
                                 QKeySequence.StandardKey.HelpContents, "F1", name="user_guide")
    acts["about"] = _action(help_menu, "&About riskdesk", to.window.show_about)
    acts["about"].setMenuRole(QAction.MenuRole.AboutRole)
    acts["shortcuts"] = _action(help_menu, "&Keyboard shortcuts", to.window.show_shortcuts)
    return Menus(acts, recent, columns, reports)
