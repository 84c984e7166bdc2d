"""The main window: register tree, risk table, risk editor and the heat map area."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import Risk
from riskdesk.services.queries import risks_in_subtree
from riskdesk.storage.errors import ConflictError
from riskdesk.ui import file_check
from riskdesk.ui.background import stop_tasks
from riskdesk.ui.bring_in_actions import BringInActions
from riskdesk.ui.document import Document
from riskdesk.ui.file_actions import FileActions
from riskdesk.ui.heat_map_feed import HeatMapFeed
from riskdesk.ui.menus import MenuTargets, build_menus
from riskdesk.ui.operations import Part
from riskdesk.ui.register_actions import RegisterActions
from riskdesk.ui.register_tree import NAME, REGISTER_ROLE, RegisterTreeModel, RegisterTreeView
from riskdesk.ui.report_actions import ReportActions
from riskdesk.ui.report_kinds import KINDS
from riskdesk.ui.risk_actions import RiskActions
from riskdesk.ui.risk_editor import RiskEditor
from riskdesk.ui.risk_navigation import open_risk
from riskdesk.ui.risk_panel import RiskPanel
from riskdesk.ui.screen_fit import default_window_rect, fit_to_screen
from riskdesk.ui.settings import (
    app_settings,
    forget_last_file,
    history_name,
    remember_file,
    set_history_name,
)
from riskdesk.ui.start_page import StartPage
from riskdesk.ui.status_bar import StatusLabels

if TYPE_CHECKING:  # the heat map and the dialogs' classes load after the first paint (app.py)
    from PySide6.QtWidgets import QMessageBox

    from riskdesk.ui.heatmap.panel import HeatMapPanel

START, WORK = 0, 1
TREE_MIN, TREE_DEFAULT = 160, 260  # the register tree's width in pixels
# Menu items that change the file: off while a read-only file is open.
EDITING_ACTIONS = ("import_spreadsheet", "merge_copy", "new_risk", "new_register_node", "rename_register",
                   "archive_register", "close_period", "reopen_period", "quarter_settings")


class MainWindow(QMainWindow):
    """One window, one open register file (or the start page)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("riskdesk")
        self.setAcceptDrops(True)
        self.document: Document | None = None
        self.heat_map: HeatMapPanel | None = None
        self.last_message: QMessageBox | None = None
        self.read_only = False  # the open file can be read and printed, not changed
        self.integrity_check: file_check.IntegrityCheck | None = None  # under way for the open file
        self.shortcuts_dialog: Any = None
        self.guide_dialog: Any = None  # the user guide, once opened
        self.about_dialog: Any = None
        self.undo_stack = QUndoStack(self)
        self.start_page = StartPage(self)
        self.tree_model = RegisterTreeModel(self)
        self.tree = RegisterTreeView(self)
        self.tree.setModel(self.tree_model)
        self.risk_panel = RiskPanel(self)
        self.editor = RiskEditor(self)
        self.heat_map_area = QWidget(self)
        self.heat_map_area.setObjectName("heatMapArea")
        QVBoxLayout(self.heat_map_area).setContentsMargins(0, 0, 0, 0)
        self.heat_map_area.hide()
        # The table and the heat map side by side, the editor under both at full
        # width (its form needs it), the register tree down the left.
        self.top = QSplitter(Qt.Orientation.Horizontal, self)
        self.top.setObjectName("topSplitter")
        self.top.addWidget(self.risk_panel)
        self.top.addWidget(self.heat_map_area)
        self.top.setStretchFactor(0, 1)
        self.top.setStretchFactor(1, 1)
        self.centre = QSplitter(Qt.Orientation.Vertical, self)
        self.centre.setObjectName("centreSplitter")
        self.centre.addWidget(self.top)
        self.centre.addWidget(self.editor)
        self.centre.setStretchFactor(0, 3)
        self.centre.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.centre)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 1150])
        self.splitter.setCollapsible(1, False)
        self.tree_width_chosen = False  # True once the user drags the tree's edge
        self.splitter.splitterMoved.connect(self._tree_width_was_chosen)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)
        self.status = StatusLabels(self.statusBar(), self)
        self.file_label, self.period_label = self.status.file_label, self.status.period_label
        self.scheme_label, self.people_label = self.status.scheme_label, self.status.people_label
        self.read_only_label = self.status.read_only_label
        self.heat_feed = HeatMapFeed(self)
        # The parts that redraw after an operation, in the order they are told (on_changed):
        # the tree first, since rebuilding it may choose another register for the others.
        self.tree.watch(self)
        self.risk_panel.watch(self)
        self.parts: list[Part] = [self.tree, self.risk_panel, self.heat_feed, self.editor, self.status]
        # -- the controllers, and every menu, button and view request wired to them, here alone.
        # Each gets what it needs as the small protocols of ports.py (the open file, the
        # selection, a way to tell and ask the user), which this window satisfies.
        self.file_actions = FileActions(self, self)
        self.risk_actions = RiskActions(self, self, self)
        self.register_actions = RegisterActions(self, self, self)
        self.report_actions = ReportActions(self, self, self, lambda risk_id: open_risk(self, risk_id))
        self.bring_in_actions = BringInActions(self, self, self)
        menus = build_menus(self.menuBar(), MenuTargets(
            files=self.file_actions, risks=self.risk_actions, registers=self.register_actions,
            reports=self.report_actions, bringing_in=self.bring_in_actions, window=self,
            undo_stack=self.undo_stack, risk_panel=self.risk_panel))
        self.actions_by_name: dict[str, QAction] = menus.actions
        self.recent_menu: QMenu = menus.recent
        self.columns_menu: QMenu = menus.columns
        self.reports_menu: QMenu = menus.reports
        self.start_page.newRequested.connect(self.file_actions.new_register)
        self.start_page.openRequested.connect(self.file_actions.open_dialog)
        self.start_page.demoRequested.connect(self.file_actions.open_demo)
        self.start_page.fileChosen.connect(self.file_actions.open_file)
        self.start_page.guideRequested.connect(self.show_guide)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self.show_selected_register())
        # Queued: the tree is rebuilt after Qt has finished the edit or drop that asked.
        queued = Qt.ConnectionType.QueuedConnection
        self.tree_model.renameRequested.connect(self.register_actions.rename_to, queued)
        self.tree_model.moveRequested.connect(self.register_actions.move, queued)
        self.tree_model.risksDropped.connect(self.register_actions.move_risks, queued)
        self.risk_panel.currentRiskChanged.connect(self._risk_chosen)
        self.risk_panel.table.viewport().installEventFilter(self)
        self._restore_layout()
        self._update_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Once the table has painted its first rows: presence beside the file, the rest of the file.
        if (event.type() == QEvent.Type.Paint and self.document is not None
                and not self.document.painted):
            QTimer.singleShot(0, self.document.after_first_paint)
        return super().eventFilter(watched, event)

    # -- files -----------------------------------------------------------------------

    def open_file(self, path: Path | str, read_only: bool = False) -> bool:
        """Open a register file (from the command line, a drop, the system); see FileActions.open_file."""
        return self.file_actions.open_file(path, read_only)

    def show_document(self, document: Document, read_only: bool, check_later: bool) -> None:
        """Show a file just opened in place of the one open before; check it after the first paint if asked."""
        workspace = document.workspace
        path = workspace.path
        self.close_file()
        self.read_only = read_only  # with check_later: editable once the integrity check has passed
        self.document = document
        self.document.opExecuted.connect(self.on_changed)
        self.document.completed.connect(self._loaded_the_rest)
        self.document.problem.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.document.peopleChanged.connect(self.status.show_people)
        remember_file(path)
        self.editor.set_document(self.document)
        # An undo or redo that met a colleague's later change asks the same question as an edit.
        self.document.conflict.connect(self.editor.conflicts.ask)
        self.tree_model.set_contents(self.document.contents)
        self.tree.expandAll()
        self.pages.setCurrentIndex(WORK)
        self.fit_tree()
        first = self.tree_model.index(0, NAME)
        if first.isValid():
            self.tree.setCurrentIndex(first)  # shows its risks
        else:
            self.show_selected_register()
        if check_later:
            self.integrity_check = file_check.start(workspace, self._integrity_checked, self.read_only_label,
                                                    self.risk_panel.table.viewport())
        self._update_state()

    def _integrity_checked(self, problem: str) -> None:
        """The file's integrity check ended: allow editing, or close a damaged file and say why."""
        if self.sender() is not self.integrity_check or self.document is None:
            return  # the check of a file closed since
        self.integrity_check = None
        file_check.finished(self.read_only_label)
        if problem:
            self.close_file()
            self.show_message("This file cannot be opened", problem)
            return
        self.read_only = False
        self._update_state()

    def stop_background_work(self) -> None:
        """Stop a report being made and an import or merge under way, and wait for their threads.

        A write already under way is finished first (it cannot stop halfway); a check or a
        preview is abandoned. Their dialogs close, since the file they work on is closing.
        An export under way is stopped, leaving no half-written file.
        """
        stop_tasks(self)  # an export under way
        self.report_actions.stop()
        self.bring_in_actions.stop()

    def close_file(self) -> None:
        """Close the open file (everything is already written) and show the start page."""
        if self.document is None:
            return
        self.commit_data()
        self.stop_background_work()
        self.editor.set_document(None)  # no field can write to the file once it is closed
        self.document.close()
        self.document.deleteLater()
        self.document = None
        self.read_only = False
        self.integrity_check = None
        forget_last_file()
        self.pages.setCurrentIndex(START)
        self.start_page.refresh()
        self._update_state()

    def commit_data(self) -> None:
        """Write what is typed in the editor and not yet written (also when the session ends)."""
        if self.document is not None and self.document.is_open:
            self.editor.commit_pending()

    # -- the Notifier the controllers are given (ports.py) -----------------------------------

    def show_message(self, title: str, text: str, information: bool = False) -> QMessageBox:
        """A message in a box that does not block (tests and users both read it): a warning, unless information."""
        from PySide6.QtWidgets import QMessageBox  # the dialogs' classes load when first used: see app.py

        icon = QMessageBox.Icon.Information if information else QMessageBox.Icon.Warning
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()
        return box

    def confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question; True for yes."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, question: str, suggestion: str = "") -> str | None:
        """Ask for a line of text; None when the user gives up."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        text, accepted = QInputDialog.getText(self, title, question, QLineEdit.EchoMode.Normal, suggestion)
        return text if accepted else None

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """Say something on the status line."""
        self.statusBar().showMessage(text, timeout_ms)

    def ask_about_conflict(self, error: ConflictError) -> None:
        """A colleague changed what the user just changed: the editor's question, one field at a time."""
        self.editor.conflicts.ask(error)

    # -- the Selection the controllers are given (ports.py) ----------------------------------

    def selected_register_id(self) -> str | None:
        """The register chosen in the tree."""
        register = self.tree.currentIndex().data(REGISTER_ROLE)
        return register.id if register is not None else None

    def select_register(self, register_id: str, rename: bool = False) -> bool:
        """Choose a register in the tree (and start renaming it there); False when it is not shown."""
        index = self.tree_model.index_of(register_id)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        if rename:
            self.tree.edit(index)
        return True

    def current_risk(self) -> Risk | None:
        """The risk whose row is current in the table."""
        return self.risk_panel.current_risk()

    def selected_risks(self) -> list[Risk]:
        """Every risk selected in the table."""
        return self.risk_panel.selected_risks()

    def select_risk(self, risk_id: str, edit: bool = False) -> bool:
        """Choose a risk in the table (and put the cursor in its title); False when it is not shown."""
        if not self.risk_panel.select_risk(risk_id):
            return False
        if edit:
            self.editor.edit_title()
        return True

    # -- showing ------------------------------------------------------------------------

    def _doc(self) -> Document:
        assert self.document is not None
        return self.document

    def show_archived(self, shown: bool) -> None:
        """Show or hide archived registers and risks, keeping the chosen register."""
        self.tree_model.show_archived = shown
        if self.document is not None:
            keep = self.selected_register_id()
            self.tree_model.set_contents(self.document.contents)
            self.tree.expandAll()
            index = self.tree_model.index_of(keep) if keep else self.tree_model.index(0, NAME)
            self.tree.setCurrentIndex(index)
            self.show_selected_register()

    def shown_risks(self) -> list[Risk]:
        """The risks of the chosen register and the registers under it."""
        register_id = self.selected_register_id()
        if self.document is None or register_id is None:
            return []
        return risks_in_subtree(self.document.contents, register_id, self.tree_model.show_archived)

    def show_selected_register(self) -> None:
        """Show the risks of the chosen register and its children."""
        if self.document is None:
            return
        self.commit_data()  # typed text belongs to the risk shown before this register
        risks = self.shown_risks()
        self.risk_panel.set_risks(risks, self.document.contents)
        self._feed_heat_map(risks)
        self._update_state()

    def on_changed(self, changes: OpChanges, initiator: object | None = None) -> None:
        """Tell each part what an operation changed; each decides what to redraw."""
        for part in self.parts:
            part.op_executed(changes, initiator)
        if changes.periods or changes.scheme or changes.settings or changes.reload:
            self._update_state()  # the menu items that name the period

    def _loaded_the_rest(self) -> None:
        document = self._doc()
        self.risk_panel.model.refresh_counts(document.contents)
        if self.editor.risk is not None:
            self.editor.show_risk(document.risk(self.editor.risk.id))
        self._feed_heat_map()

    def _risk_chosen(self, risk: Risk | None) -> None:
        if self.editor.risk is not None and (risk is None or self.editor.risk.id != risk.id):
            self.commit_data()  # to the risk being left, before the editor shows another
        if self.editor.risk is None or risk is None or self.editor.risk.id != risk.id:
            self.editor.show_risk(risk)
        if self.heat_map is not None:
            self.heat_map.highlight_risk(risk.id if risk else None)
        self._update_state()

    def _update_state(self) -> None:
        has_file = self.document is not None
        has_risk = has_file and self.risk_panel.current_risk() is not None
        writable = has_file and not self.read_only
        reports = tuple(f"report_{kind}" for kind, _label in KINDS)  # every report needs a file
        for name in ("save_copy", "export", "close", "find", "show_archived", "scheme", "what_changed",
                     "committee_check", "export_reminders", *reports):
            self.actions_by_name[name].setEnabled(has_file)
        for name in EDITING_ACTIONS:
            self.actions_by_name[name].setEnabled(writable)
        self.actions_by_name["risk_history"].setEnabled(has_risk)
        self.actions_by_name["register_history"].setEnabled(has_file)
        for name in ("duplicate", "archive", "delete"):
            self.actions_by_name[name].setEnabled(has_risk and not self.read_only)
        self.editor.set_read_only(self.read_only)
        self.status.show_file(self.read_only)
        self.tree.set_editable(not self.read_only)
        self.risk_panel.table.setDragEnabled(not self.read_only)
        if self.document is None:
            self.setWindowTitle("riskdesk")
            return
        period = self.document.contents.current_period()
        self.setWindowTitle(f"{self.document.workspace.path.name} – riskdesk")
        is_open = period is not None and not period.is_closed
        # The same menu item closes the open period, or starts one when none is open.
        self.actions_by_name["close_period"].setText(
            f"Close {period.label} and start the next..." if is_open and period else "Start a reporting &period...")

    # -- heat map ---------------------------------------------------------------------------

    def install_heat_map(self, panel: HeatMapPanel) -> None:
        """Put a heat map panel beside the table (replacing any before it) and wire it up."""
        layout = self.heat_map_area.layout()
        assert layout is not None
        if self.heat_map is not None:
            layout.removeWidget(self.heat_map)
            self.heat_map.filterChanged.disconnect(self.risk_panel.proxy.set_risk_id_filter)
            self.heat_map.rescoreRequested.disconnect(self.risk_actions.rescore)
            self.heat_map.setParent(None)
            self.heat_map.deleteLater()
        self.heat_map = panel
        self.heat_feed.panel = panel
        layout.addWidget(panel)
        self.heat_map_area.show()
        panel.show()
        sizes = self.top.sizes()
        if sizes[1] == 0:
            whole = max(sum(sizes), 900)
            self.top.setSizes([whole - whole * 9 // 20, whole * 9 // 20])
        panel.filterChanged.connect(self.risk_panel.proxy.set_risk_id_filter)
        panel.rescoreRequested.connect(self.risk_actions.rescore)
        self._feed_heat_map()
        risk = self.risk_panel.current_risk()
        panel.highlight_risk(risk.id if risk else None)

    def ask_history_name(self) -> None:
        """Let the user choose the name the history records for their changes."""
        name = self.ask_text("Your name in the history",
                             "Every change you make is recorded with this name (leave it empty to use your "
                             "computer account name):", history_name())
        if name is None:
            return
        set_history_name(name)
        if self.document is not None:
            self.document.workspace.user = history_name()

    def _feed_heat_map(self, risks: list[Risk] | None = None) -> None:
        self.heat_feed.feed(risks)

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts: every shortcut and its keys."""
        from riskdesk.ui.shortcuts import show_shortcuts  # loaded when asked for

        self.shortcuts_dialog = show_shortcuts(self)

    def show_about(self) -> None:
        """The About box: version, and every bundled part with its licence."""
        from riskdesk.ui.about import show_about  # reads the installed packages: not at start-up

        show_about(self)

    def show_guide(self) -> None:
        """Open the user guide (F1, Help > User guide, the start page's link)."""
        from riskdesk.ui.guide import show_guide  # loaded when first asked for

        show_guide(self)

    # -- window state ------------------------------------------------------------------------

    def _tree_width_was_chosen(self, *_: object) -> None:
        self.tree_width_chosen = True
        app_settings().setValue("window/treeWidthChosen", True)

    def fit_tree(self) -> None:
        """Give the register tree what its names need, but never much of a narrow window.

        About a fifth of the width at most (at least 160 px), so the table keeps its score
        and direction columns on a small screen; a user who dragged the edge keeps their width.
        """
        total = sum(self.splitter.sizes())
        if self.tree_width_chosen or not self.splitter.isVisible() or total <= 0:
            return
        share = 0.18 if total < 1600 else 0.24
        limit = max(TREE_MIN, int(total * share))
        header = self.tree.header()
        counts = sum(header.sectionSize(column) for column in range(1, header.count()))
        needed = self.tree.sizeHintForColumn(NAME) + counts + self.tree.frameWidth() * 2 + 24
        width = max(TREE_MIN, min(limit, max(needed, TREE_DEFAULT)))
        if self.splitter.sizes()[0] != width:
            self.splitter.setSizes([width, total - width])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self.fit_tree)  # once the splitter has its new size

    def _restore_layout(self) -> None:
        settings = app_settings()
        self.tree_width_chosen = settings.value("window/treeWidthChosen", False) in (True, "true")
        for key, restore in (("window/geometry", self.restoreGeometry),
                             ("window/mainSplitter", self.splitter.restoreState),
                             ("window/centreSplitter", self.centre.restoreState),
                             ("window/topSplitter", self.top.restoreState)):
            value = settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                restore(value)
        if not isinstance(settings.value("window/geometry"), QByteArray):
            self.setGeometry(default_window_rect(QSize(1400, 900), self.screen()))
        else:
            # Saved on a larger screen, perhaps: fitted here, as the first paint comes before
            # the application's window fitter (riskdesk.ui.app.finish_start_up).
            fit_to_screen(self)

    def save_layout(self) -> None:
        """Remember geometry, splitters and columns for next time."""
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/mainSplitter", self.splitter.saveState())
        settings.setValue("window/centreSplitter", self.centre.saveState())
        settings.setValue("window/topSplitter", self.top.saveState())
        self.risk_panel.table.save_columns()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commit_data()
        self.stop_background_work()
        self.save_layout()
        if self.document is not None:
            path = self.document.workspace.path
            self.editor.set_document(None)  # a field losing focus as the window goes writes nothing
            self.document.close()
            self.document = None
            remember_file(path)  # reopen it next time
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().endswith(".sqlite") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().endswith(".sqlite"):
                event.acceptProposedAction()
                self.open_file(url.toLocalFile())
                return
