"""A user's morning: find a risk, re-score it, undo; refused input; a colleague's edits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit

from riskdesk.core.model import Score
from riskdesk.ui.risk_table import SCORE
from tests.ui.helpers import edit_elsewhere, read_risk, select_register, visible_references


def test_find_rescore_and_undo(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    assert "SR 7.5" in visible_references(window)

    qtbot.keySequence(window, QKeySequence.StandardKey.Find)
    assert window.risk_panel.search.hasFocus()
    qtbot.keyClicks(window.risk_panel.search, "SR 7.5")
    assert visible_references(window) == ["SR 7.5"]

    table = window.risk_panel.table
    table.setCurrentIndex(window.risk_panel.proxy.index(0, 0))
    assert window.editor.risk is not None and window.editor.risk.reference == "SR 7.5"
    before = read_risk(demo_5x5_path, "SR 7.5").residual
    assert before == Score(3, 4)

    window.editor.tabs.setCurrentIndex(1)
    likelihood: QComboBox = window.editor.findChild(QComboBox, "residual_likelihood")
    likelihood.setCurrentIndex(likelihood.findData(5))  # Almost certain
    assert window.editor.findChild(type(window.editor.badge), "residual_result").text() == "High 20"

    score_cell = window.risk_panel.proxy.index(0, SCORE)
    assert score_cell.data() == "High 20"
    assert read_risk(demo_5x5_path, "SR 7.5").residual == Score(5, 4)
    assert window.undo_stack.undoText() == "Change residual score of SR 7.5"

    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert read_risk(demo_5x5_path, "SR 7.5").residual == Score(3, 4)
    assert window.risk_panel.proxy.index(0, SCORE).data() == "Medium 12"
    assert likelihood.currentData() == 3

    qtbot.keyClick(table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert read_risk(demo_5x5_path, "SR 7.5").residual == Score(5, 4)


def test_invalid_input_is_refused_with_its_reason(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    assert window.risk_panel.select_risk(next(r.id for r in window.document.contents.risks
                                              if r.reference == "SR 7.2"))
    next_review: QLineEdit = window.editor.findChild(QLineEdit, "field_next_review")
    error = window.editor.errors["next_review"]

    next_review.setFocus()
    next_review.selectAll()
    qtbot.keyClicks(next_review, "2020-01-01")
    qtbot.keyClick(next_review, Qt.Key.Key_Return)
    assert error.isVisible()
    assert error.text() == "Next review must not be before the last review"
    assert str(read_risk(demo_5x5_path, "SR 7.2").next_review) == "2024-06-18"

    next_review.selectAll()
    qtbot.keyClicks(next_review, "31/02/2024")
    qtbot.keyClick(next_review, Qt.Key.Key_Return)
    assert error.text() == "31/02/2024 is not a real date"
    next_review.selectAll()
    qtbot.keyClicks(next_review, "next spring")
    qtbot.keyClick(next_review, Qt.Key.Key_Return)
    assert "must be a date like 31/03/2024 or 31 March 2024" in error.text()
    assert window.undo_stack.count() == 0

    title: QLineEdit = window.editor.findChild(QLineEdit, "field_title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert window.editor.errors["title"].text() == "Title must not be empty"
    assert read_risk(demo_5x5_path, "SR 7.2").title == "Ineffective Social Care Practice"

    next_review.setFocus()
    next_review.selectAll()
    qtbot.keyClicks(next_review, "2024-09-30")
    qtbot.keyClick(next_review, Qt.Key.Key_Return)
    assert not error.isVisible()
    assert str(read_risk(demo_5x5_path, "SR 7.2").next_review) == "2024-09-30"
    assert next_review.text() == "30 September 2024"

    for typed, written in (("18/06/2025", "2025-06-18"), ("30 June 2025", "2025-06-30")):
        next_review.setFocus()
        next_review.selectAll()
        qtbot.keyClicks(next_review, typed)
        qtbot.keyClick(next_review, Qt.Key.Key_Return)
        assert not error.isVisible()
        assert str(read_risk(demo_5x5_path, "SR 7.2").next_review) == written


def test_two_windows_see_each_others_edits(make_window, qtbot, demo_5x5_path: Path) -> None:
    first = make_window(demo_5x5_path)
    second = make_window(demo_5x5_path)
    sr72 = next(r.id for r in first.document.contents.risks if r.reference == "SR 7.2")
    first.risk_panel.select_risk(sr72)
    second.risk_panel.select_risk(sr72)

    owner: QLineEdit = first.editor.findChild(QLineEdit, "field_owner")
    owner.setFocus()
    owner.selectAll()
    qtbot.keyClicks(owner, "Director of Children's Services")
    qtbot.keyClick(owner, Qt.Key.Key_Return)
    assert read_risk(demo_5x5_path, "SR 7.2").owner == "Director of Children's Services"

    other_owner: QLineEdit = second.editor.findChild(QLineEdit, "field_owner")
    qtbot.waitUntil(lambda: other_owner.text() == "Director of Children's Services", timeout=5000)
    assert second.risk_panel.current_risk().id == sr72  # the selection survived the refresh
    row = second.risk_panel.model.row_of(sr72)
    assert second.risk_panel.model.index(row, 2).data() == "Director of Children's Services"


def test_a_conflict_keeps_both_texts(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.document.poll_timer.stop()  # the colleague's save lands before we look again
    sr74 = next(r.id for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(sr74)
    window.editor.tabs.setCurrentIndex(5)
    comment = window.editor.widgets["period_comment"]
    comment.setFocus()
    comment.selectAll()
    qtbot.keyClicks(comment, "Demand still rising; two more psychologists start in June.")

    edit_elsewhere(demo_5x5_path, "SR 7.4", period_comment="Waiting times fell in April.")
    window.editor.widgets["title"].setFocus()  # leaving the box saves it
    comment.editingFinished.emit()

    dialog = window.editor.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.mine.toPlainText() == "Demand still rising; two more psychologists start in June."
    assert dialog.theirs.toPlainText() == "Waiting times fell in April."
    assert dialog.intro.text().startswith("A Colleague changed the period comment")
    assert read_risk(demo_5x5_path, "SR 7.4").period_comment == "Waiting times fell in April."

    dialog.keep_mine.click()
    assert read_risk(demo_5x5_path, "SR 7.4").period_comment == (
        "Demand still rising; two more psychologists start in June.")
    window.undo_stack.undo()
    assert read_risk(demo_5x5_path, "SR 7.4").period_comment == "Waiting times fell in April."


def test_a_colleagues_change_while_typing_keeps_both_texts(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    sr77 = next(r.id for r in window.document.contents.risks if r.reference == "SR 7.7")
    window.risk_panel.select_risk(sr77)
    title: QLineEdit = window.editor.findChild(QLineEdit, "field_title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Not enough homes for children in care")

    edit_elsewhere(demo_5x5_path, "SR 7.7", title="Placement sufficiency")
    qtbot.waitUntil(lambda: window.document.risk(sr77).title == "Placement sufficiency", timeout=5000)
    assert title.text() == "Not enough homes for children in care"  # the refresh left the typing alone
    qtbot.keyClick(title, Qt.Key.Key_Return)

    dialog = window.editor.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.mine.toPlainText() == "Not enough homes for children in care"
    assert dialog.theirs.toPlainText() == "Placement sufficiency"
    dialog.keep_theirs.click()
    assert read_risk(demo_5x5_path, "SR 7.7").title == "Placement sufficiency"
    assert title.text() == "Placement sufficiency"
