"""A colleague deleted or re-scored the risk being edited: told plainly, nothing typed is lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from riskdesk.core.model import Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK
from tests.ui.helpers import edit_elsewhere, read_risk, visible_references


def _delete_elsewhere(path: Path, reference: str, user: str = "A Colleague") -> None:
    workspace = Workspace.open(path, user=user)
    try:
        risk = next(r for r in workspace.store.all(RISK) if r.reference == reference)
        workspace.delete_risk(risk.id, risk.version, "No longer a risk")
    finally:
        workspace.close()


def _still_there(path: Path, reference: str) -> bool:
    workspace = Workspace.open(path)
    try:
        return any(r.reference == reference for r in workspace.store.all(RISK))
    finally:
        workspace.close()


def _edit_title_of_deleted_risk(make_window, qtbot, path: Path):
    window = make_window(path)
    window.document.poll_timer.stop()  # the colleague's delete lands before we look again
    sr74 = next(r.id for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(sr74)
    _delete_elsewhere(path, "SR 7.4")
    title: QLineEdit = window.editor.findChild(QLineEdit, "field_title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "EHCP demand outstrips places")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    dialog = window.editor.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    return window, dialog


def test_a_risk_deleted_meanwhile_can_be_left_deleted(make_window, qtbot, demo_5x5_path: Path) -> None:
    window, dialog = _edit_title_of_deleted_risk(make_window, qtbot, demo_5x5_path)
    assert dialog.intro.text().startswith("A Colleague deleted this risk")
    assert "changed the title" not in dialog.intro.text()
    assert dialog.mine.toPlainText() == "EHCP demand outstrips places"  # never lost: it can be copied
    assert dialog.copy_mine.isVisible()
    assert dialog.restore_button.text() == "Restore it with my change"
    assert dialog.leave_deleted.text() == "Leave it deleted"

    dialog.copy_mine.click()
    from PySide6.QtGui import QGuiApplication
    assert QGuiApplication.clipboard().text() == "EHCP demand outstrips places"
    dialog.leave_deleted.click()
    assert "SR 7.4" not in visible_references(window)
    assert window.editor.risk is None or window.editor.risk.reference != "SR 7.4"
    assert not _still_there(demo_5x5_path, "SR 7.4")


def test_a_risk_deleted_meanwhile_can_be_restored_with_the_change(make_window, qtbot,
                                                                  demo_5x5_path: Path) -> None:
    window, dialog = _edit_title_of_deleted_risk(make_window, qtbot, demo_5x5_path)
    dialog.restore_button.click()
    risk = read_risk(demo_5x5_path, "SR 7.4")
    assert risk.title == "EHCP demand outstrips places"
    assert "SR 7.4" in visible_references(window)
    assert window.editor.risk is not None and window.editor.risk.title == "EHCP demand outstrips places"


def test_a_score_conflict_is_told_in_the_schemes_words(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.document.poll_timer.stop()
    sr75 = next(r.id for r in window.document.contents.risks if r.reference == "SR 7.5")
    window.risk_panel.select_risk(sr75)
    edit_elsewhere(demo_5x5_path, "SR 7.5", residual=Score(2, 2))
    window.editor.tabs.setCurrentIndex(1)
    likelihood: QComboBox = window.editor.findChild(QComboBox, "residual_likelihood")
    likelihood.setCurrentIndex(likelihood.findData(5))

    dialog = window.editor.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.mine.toPlainText() == "Almost certain (5) × Major (4) = High 20"
    assert dialog.theirs.toPlainText() == "Possible (2) × Minor (2) = Low 4"
    assert "Score(" not in dialog.mine.toPlainText() + dialog.theirs.toPlainText()
    assert dialog.keep_mine.text() == "Keep my value"
    assert "values" in dialog.intro.text() and "texts" not in dialog.intro.text()
    dialog.keep_theirs.click()
    assert read_risk(demo_5x5_path, "SR 7.5").residual == Score(2, 2)


def test_a_date_conflict_writes_the_dates_out(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.document.poll_timer.stop()
    sr72 = next(r.id for r in window.document.contents.risks if r.reference == "SR 7.2")
    window.risk_panel.select_risk(sr72)
    edit_elsewhere(demo_5x5_path, "SR 7.2", next_review=date(2024, 9, 30))
    next_review: QLineEdit = window.editor.findChild(QLineEdit, "field_next_review")
    next_review.setFocus()
    next_review.selectAll()
    qtbot.keyClicks(next_review, "31/03/2025")
    qtbot.keyClick(next_review, Qt.Key.Key_Return)

    dialog = window.editor.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.mine.toPlainText() == "31 March 2025"
    assert dialog.theirs.toPlainText() == "30 September 2024"
    dialog.keep_mine.click()
    assert read_risk(demo_5x5_path, "SR 7.2").next_review == date(2025, 3, 31)
