"""The window fits its screen: the tree's names, the table's score, Tab, shortcuts, the wizard."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableWidget, QWizard

from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.ui.new_register_wizard import NewRegisterWizard
from riskdesk.ui.register_flag import FLAG_ROLE
from riskdesk.ui.register_tree import NAME
from riskdesk.ui.risk_table import DIRECTION, SCORE
from tests.ui.helpers import select_register


def _names_shown_in_full(window) -> bool:
    tree, model = window.tree, window.tree_model
    stack, widest = [QModelIndex()], 0
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, NAME, parent)
            widest = max(widest, tree.visualRect(index).left() + tree.sizeHintForIndex(index).width())
            stack.append(index)
    return widest <= tree.header().sectionSize(NAME)


def test_a_wide_window_shows_register_names_in_full(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    qtbot.waitUntil(lambda: _names_shown_in_full(window))
    tip = window.tree_model.index(0, NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Strategic Risk Register")


def test_a_laptop_window_shows_register_names_whole_with_their_flags(make_window, qtbot,
                                                                    demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    tree, model = window.tree, window.tree_model
    tree.expandAll()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Register", "Open", "High"]  # the flag is in the name cell, not a column of its own
    metrics = tree.fontMetrics()

    def whole(index: QModelIndex) -> bool:
        rect = tree.visualRect(index)
        flag = index.data(FLAG_ROLE)
        room = rect.width() - (metrics.height() + metrics.horizontalAdvance(str(flag)) if flag else 0)
        name = index.data()
        lines = metrics.boundingRect(0, 0, room, 10_000, int(Qt.TextFlag.TextWordWrap), name)
        return (all(metrics.horizontalAdvance(word) <= room for word in name.split())
                and lines.height() <= rect.height())

    names = []
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, NAME, parent)
            names.append(index)
            stack.append(index)
    assert len(names) == 5 and all(index.data(FLAG_ROLE) for index in names)
    qtbot.waitUntil(lambda: all(whole(index) for index in names))


def test_a_narrow_window_keeps_the_score_column_in_view(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    qtbot.waitUntil(lambda: 160 <= window.splitter.sizes()[0] <= 1024 * 0.2)
    table = window.risk_panel.table
    header = table.horizontalHeader()

    def in_view(column: int) -> bool:
        return header.sectionViewportPosition(column) + header.sectionSize(column) <= table.viewport().width()

    qtbot.waitUntil(lambda: in_view(SCORE) and in_view(DIRECTION))


def test_tab_leaves_the_risk_table(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    table = window.risk_panel.table
    assert not table.tabKeyNavigation()
    table.setFocus()
    table.setCurrentIndex(window.risk_panel.proxy.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1


def test_keyboard_shortcuts_are_a_table_of_actions_and_keys(make_window) -> None:
    window = make_window(None)
    window.actions_by_name["shortcuts"].trigger()
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["New register"] == "Ctrl+N"
    assert "Ctrl+Z" in rows["Undo"].split("\n") and "," not in rows["Undo"]
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(rows["Redo"].split("\n"))
    assert all(not keys.endswith(", New") for keys in rows.values())
    dialog.reject()


def test_the_new_register_wizard_finishes_with_its_defaults(qtbot, tmp_path: Path) -> None:
    wizard = NewRegisterWizard(tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # the council's name is needed first
    qtbot.keyClicks(wizard.council, "Westshire County Council")
    assert next_button.isEnabled()
    next_button.click()  # scoring scheme: 5x5 chosen
    next_button.click()  # first register: the default name
    assert wizard.currentPage().title() == "First register"
    assert next_button.isEnabled()
    next_button.click()
    assert wizard.currentPage().title() == "Where to keep it"
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    finish.click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    path = wizard.create_file()
    assert path == tmp_path / "Risk register.sqlite" and path.exists()
    workspace = Workspace.open(path)
    try:
        contents = load_contents(workspace)
        assert [r.name for r in contents.registers] == ["Strategic Risk Register"]
        assert contents.settings.council_name == "Westshire County Council"
    finally:
        workspace.close()


def test_closing_the_window_while_a_report_is_made_stops_it_first(make_window, qtbot,
                                                                   demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    window.actions_by_name["report_committee"].trigger()
    dialog = window.report_actions.report_dialog
    dialog.generate()
    thread = dialog.worker_thread
    assert thread is not None and thread.isRunning()
    window.close()
    assert thread.isFinished() and not thread.isRunning()
    assert not dialog.isVisible()
    assert window.report_actions.report_dialog is None


def test_closing_the_window_during_a_merge_check_stops_it_first(make_window, demo_5x5_path: Path,
                                                                 tmp_path: Path) -> None:
    theirs = tmp_path / "colleague.sqlite"
    shutil.copyfile(demo_5x5_path, theirs)
    window = make_window(demo_5x5_path)
    flow = window.bring_in_actions.merge_copy(theirs)
    threads = [task.worker_thread for task in flow.tasks]
    assert threads and flow.dialog.isVisible()
    window.close()
    assert all(thread.isFinished() for thread in threads)
    assert flow.ended and not flow.dialog.isVisible()
    assert window.bring_in_actions.flow is None


def test_a_saved_layout_never_hides_the_table(make_window, qtbot, demo_5x5_path: Path) -> None:
    from PySide6.QtWidgets import QSplitter, QWidget

    from riskdesk.ui.settings import app_settings

    # The table's pane was dragged shut (or an older layout left it so) when the window closed.
    old = QSplitter()
    for _ in range(2):
        old.addWidget(QWidget())
    old.setSizes([1400, 0])
    app_settings().setValue("window/mainSplitter", old.saveState())
    window = make_window(demo_5x5_path)
    qtbot.waitUntil(lambda: window.risk_panel.table.width() > 100)


def test_a_flagged_name_is_laid_out_before_its_flag(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    tree = window.tree
    index = window.tree_model.index(0, NAME)
    count = index.data(FLAG_ROLE)
    assert count
    delegate = tree.itemDelegateForColumn(NAME) or tree.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    option.rect = tree.visualRect(index)
    option.widget = tree
    delegate.initStyleOption(option, index)
    text = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree)
    metrics = tree.fontMetrics()
    flag = metrics.height() // 2 + 3 + metrics.horizontalAdvance(str(count))  # pole, pennant, gap, count
    assert text.right() <= option.rect.right() - flag  # the name never runs under the flag and its count
    assert text.width() > option.rect.width() // 2
