"""Opening files, the start page, menus, the tree and undoable risk operations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from riskdesk.core.periods import quarter_label
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER
from riskdesk.ui.app import create_main_window
from riskdesk.ui.main_window import START, WORK
from riskdesk.ui.register_tree import NAME
from riskdesk.ui.risk_table import TITLE
from tests.ui.helpers import Answers, read_risk, select_register, visible_references


def test_start_page_then_refused_file_is_explained(make_window, tmp_path: Path) -> None:
    window = make_window(None)
    assert window.pages.currentIndex() == START
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("shopping list: milk, bread")
    assert window.open_file(bogus) is False
    box = window.last_message
    assert box is not None and box.isVisible()
    assert "Traceback" not in box.text() and box.text().endswith(".")
    assert window.pages.currentIndex() == START


def test_demo_opens_and_recent_files_remember_it(make_window) -> None:
    window = make_window(None)
    window.start_page.demo_button.click()
    assert window.pages.currentIndex() == WORK
    assert window.document is not None
    assert window.file_label.text() == "File: Demo register (5x5).sqlite"
    # The demo is made for today: its open quarter is this one.
    assert window.period_label.text() == f"Period: {quarter_label(date.today())}"
    assert window.scheme_label.text().startswith("Scheme: 5x5")
    window.close_file()
    assert window.start_page.recent.count() == 1
    assert "Demo register" in window.start_page.recent.item(0).text()


def test_dropping_a_register_file_opens_it(make_window, demo_5x5_path: Path) -> None:
    window = make_window(None)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(demo_5x5_path))])
    enter = QDragEnterEvent(QPointF(10, 10).toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.document is not None and window.document.workspace.path == demo_5x5_path


def test_geometry_and_last_file_are_restored(make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.risk_panel.table.set_column_shown(TITLE, False)
    window.resize(780, 560)
    window.close()
    again = create_main_window(None)
    try:
        from riskdesk.ui.settings import last_file

        assert last_file() == demo_5x5_path.resolve()
        assert again.risk_panel.table.horizontalHeader().isSectionHidden(TITLE)
        assert again.size().width() == 780
    finally:
        again.close()


def test_delete_asks_and_undo_restores(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.7")
    window.risk_panel.select_risk(risk.id)
    answers = window.risk_actions.notifier = Answers(yes=False)
    window.risk_panel.table.setFocus()
    qtbot.keyClick(window.risk_panel.table, Qt.Key.Key_Delete)
    assert answers.questions and "SR 7.7" in answers.questions[0]
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert len(answers.questions) == 1  # Delete in the register tree does not delete risks
    assert "SR 7.7" in visible_references(window)
    answers.yes = True
    window.actions_by_name["delete"].trigger()
    assert "SR 7.7" not in visible_references(window)
    assert window.undo_stack.undoText() == "Delete SR 7.7"
    window.undo_stack.undo()
    assert "SR 7.7" in visible_references(window)
    assert read_risk(demo_5x5_path, "SR 7.7").title == risk.title


def test_new_risk_duplicate_and_archive(make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Education and Inclusion")
    before = len(visible_references(window))
    window.actions_by_name["new_risk"].trigger()
    assert len(visible_references(window)) == before + 1
    assert window.editor.risk is not None and window.editor.risk.title == "New risk"
    window.actions_by_name["duplicate"].trigger()
    assert window.editor.risk.reference.endswith("(copy)")
    window.actions_by_name["archive"].trigger()
    assert len(visible_references(window)) == before + 1
    window.actions_by_name["show_archived"].trigger()
    assert len(visible_references(window)) == before + 2
    for _ in range(3):
        window.undo_stack.undo()
    window.actions_by_name["show_archived"].trigger()
    assert len(visible_references(window)) == before


def test_registers_rename_move_and_archive(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Education and Inclusion")
    index = window.tree.currentIndex()
    window.tree_model.setData(index, "Education, SEND and Inclusion")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1)
    select_register(window, "Education, SEND and Inclusion")
    register_id = window.selected_register_id()
    assert window.undo_stack.undoText() == "Rename register Education and Inclusion"

    window.tree_model.moveRequested.emit(register_id, None)  # what a drop on empty space asks
    qtbot.waitUntil(lambda: window.undo_stack.count() == 2)
    top_level = [window.tree_model.index(r, NAME).data() for r in range(window.tree_model.rowCount())]
    assert "Education, SEND and Inclusion" in top_level
    assert window.selected_register_id() == register_id

    window.actions_by_name["archive_register"].trigger()
    workspace = Workspace.open(demo_5x5_path)
    try:
        stored = workspace.store.get(REGISTER, register_id)
        assert stored.archived and stored.parent_id is None
    finally:
        workspace.close()
    names = [window.tree_model.index(r, NAME).data() for r in range(window.tree_model.rowCount())]
    assert "Education, SEND and Inclusion" not in names
    window.undo_stack.undo()
    window.undo_stack.undo()
    window.undo_stack.undo()
    select_register(window, "Education and Inclusion")


def test_dropping_risks_on_a_register_moves_them(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Safeguarding and Care")
    risk = window.risk_panel.model.risk_at(0)
    select_register(window, "Education and Inclusion")
    target = window.selected_register_id()
    mime = window.risk_panel.model.mimeData([])
    from riskdesk.ui.mime import RISK_IDS_MIME

    mime.setData(RISK_IDS_MIME, risk.id.encode())
    assert window.tree_model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, window.tree.currentIndex())
    window.tree_model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, window.tree.currentIndex())
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1)
    assert risk.reference in visible_references(window)
    assert read_risk(demo_5x5_path, risk.reference).register_id == target
