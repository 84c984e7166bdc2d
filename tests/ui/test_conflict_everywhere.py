"""A colleague's change to the same field, for actions and undo too: one question, nothing typed lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, REGISTER
from riskdesk.ui.risk_editor.lists import ItemDialog
from tests.ui.helpers import edit_elsewhere, read_risk

NOTE = "Casework team fully recruited; two posts start in June."


def _colleague_changes_action(path: Path, action_id: str, **changes: object) -> None:
    workspace = Workspace.open(path, user="Priya Shah")  # a second real workspace on the same file
    try:
        action = workspace.store.get(ACTION, action_id)
        workspace.update_action(action.id, action.version, "Her update", **changes)
    finally:
        workspace.close()


def _action_of(path: Path, action_id: str):
    workspace = Workspace.open(path)
    try:
        return workspace.store.get(ACTION, action_id)
    finally:
        workspace.close()


def _edit_first_action(window, qtbot, path: Path, colleague: dict[str, object], typed: str) -> str:
    window.document.poll_timer.stop()
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(risk.id)
    window.editor.tabs.setCurrentIndex(3)
    window.editor.action_list.table.selectRow(0)
    action_id = window.editor.action_list.selected().id

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ItemDialog)
        _colleague_changes_action(path, action_id, **colleague)  # while the dialog is open
        dialog.progress.setFocus()
        dialog.progress.selectAll()
        qtbot.keyClicks(dialog.progress, typed)
        dialog.owner.setText("Sam Patel")
        dialog.accept()

    QTimer.singleShot(50, fill_in)
    window.editor.action_list.edit_selected()
    return action_id


def test_a_colleague_changing_the_progress_note_meanwhile_keeps_the_typed_one(make_window, qtbot,
                                                                              demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    action_id = _edit_first_action(window, qtbot, demo_5x5_path, {"progress": "Priya's note."}, NOTE)
    asker = window.editor.conflicts
    dialog = asker.dialog
    assert dialog is not None and dialog.isVisible()
    assert "Priya Shah changed the progress note of action of SR 7.4 just now" in dialog.intro.text()
    assert dialog.mine.toPlainText() == NOTE and dialog.theirs.toPlainText() == "Priya's note."
    # The field only we changed is written at once.
    assert _action_of(demo_5x5_path, action_id).owner == "Sam Patel"
    dialog.keep_mine.click()
    action = _action_of(demo_5x5_path, action_id)
    assert action.progress == NOTE and action.owner == "Sam Patel"
    workspace = Workspace.open(demo_5x5_path)
    try:
        olds = [row["old"] for row in workspace.store.history(action_id) if row["field"] == "progress"]
    finally:
        workspace.close()
    assert "Priya's note." in olds  # theirs stays in the history


def test_a_merged_progress_note_is_written(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    action_id = _edit_first_action(window, qtbot, demo_5x5_path, {"progress": "Priya's note."}, NOTE)
    dialog = window.editor.conflicts.dialog
    assert dialog is not None
    dialog.write_merged.click()
    assert dialog.merged.isVisible()
    assert NOTE in dialog.merged_text() and "Priya's note." in dialog.merged_text()
    dialog.merged.setPlainText("Both: " + NOTE)
    dialog.save_merged.click()
    assert _action_of(demo_5x5_path, action_id).progress == "Both: " + NOTE


def test_taking_theirs_keeps_their_note(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    action_id = _edit_first_action(window, qtbot, demo_5x5_path, {"progress": "Priya's note."}, NOTE)
    window.editor.conflicts.dialog.keep_theirs.click()
    assert _action_of(demo_5x5_path, action_id).progress == "Priya's note."
    assert window.editor.action_list.records[0].progress == "Priya's note."  # the window shows theirs


def test_a_risk_field_conflict_says_when_and_can_be_merged(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.document.poll_timer.stop()
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(risk.id)
    edit_elsewhere(demo_5x5_path, "SR 7.4", user="Priya Shah", title="Her title")
    title: QLineEdit = window.editor.findChild(QLineEdit, "field_title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "My title")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    dialog = window.editor.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Priya Shah changed the title of SR 7.4 just now" in dialog.intro.text()
    dialog.write_merged.click()
    dialog.merged.setPlainText("Our title")
    dialog.save_merged.click()
    assert read_risk(demo_5x5_path, "SR 7.4").title == "Our title"


def test_undo_that_meets_a_colleagues_change_asks_and_can_keep_the_undo(make_window, qtbot,
                                                                        demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.document.poll_timer.stop()
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(risk.id)
    title: QLineEdit = window.editor.findChild(QLineEdit, "field_title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Mine first")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert read_risk(demo_5x5_path, "SR 7.4").title == "Mine first"
    edit_elsewhere(demo_5x5_path, "SR 7.4", user="Priya Shah", title="Hers after")
    window.undo_stack.undo()
    assert read_risk(demo_5x5_path, "SR 7.4").title == "Hers after"  # not overwritten without asking
    dialog = window.editor.conflicts.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.theirs.toPlainText() == "Hers after" and dialog.mine.toPlainText() == risk.title
    assert "Priya Shah" in dialog.intro.text()
    dialog.keep_mine.click()
    assert read_risk(demo_5x5_path, "SR 7.4").title == risk.title




def test_renaming_a_register_a_colleague_renamed_meanwhile_asks_and_keeps_the_typed_name(
        make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.document.poll_timer.stop()
    register = next(r for r in window.document.contents.registers if r.name == "Education and Inclusion")
    workspace = Workspace.open(demo_5x5_path, user="Priya Shah")
    try:
        theirs = workspace.store.get(REGISTER, register.id)
        workspace.update_register(register.id, theirs.version, "Her rename", name="Education")
    finally:
        workspace.close()
    window.register_actions.rename_to(register.id, "Education, Inclusion and SEND")  # what the tree asks after an edit
    dialog = window.editor.conflicts.dialog
    assert dialog is not None and dialog.isVisible()
    assert "Priya Shah changed the name of register Education" in dialog.intro.text()
    assert dialog.mine.toPlainText() == "Education, Inclusion and SEND"
    assert dialog.theirs.toPlainText() == "Education"
    dialog.keep_mine.click()
    workspace = Workspace.open(demo_5x5_path)
    try:
        assert workspace.store.get(REGISTER, register.id).name == "Education, Inclusion and SEND"
    finally:
        workspace.close()
