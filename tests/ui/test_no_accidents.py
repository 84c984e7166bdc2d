"""No edits by accident: a wheel passing over a choice scrolls the editor; keyboard steps are written once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QScrollArea

from riskdesk.core.model import RiskStatus, Score
from riskdesk.ui.main_window import MainWindow
from tests.ui.helpers import read_risk


def _open_on(make_window, path: Path, reference: str, tab: int, size: tuple[int, int] = (1366, 768)) -> MainWindow:
    window = make_window(path)
    window.resize(*size)
    assert window.document is not None
    window.document.poll_timer.stop()
    risk_id = next(r.id for r in window.document.contents.risks if r.reference == reference)
    assert window.risk_panel.select_risk(risk_id)
    window.editor.tabs.setCurrentIndex(tab)
    return window


def _wheel(widget, notches: int = -1) -> QWheelEvent:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event


def test_a_wheel_over_a_score_box_never_clicked_scrolls_the_editor(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = _open_on(make_window, demo_5x5_path, "SR 7.5", 1)
    window.centre.setSizes([600, 160])  # a short editor, as on a small laptop: it scrolls
    likelihood: QComboBox = window.editor.findChild(QComboBox, "residual_likelihood")
    area = window.editor.tabs.currentWidget()
    assert isinstance(area, QScrollArea)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    window.risk_panel.table.setFocus()
    before = likelihood.currentIndex()
    for _ in range(3):
        _wheel(likelihood)
    assert likelihood.currentIndex() == before
    assert read_risk(demo_5x5_path, "SR 7.5").residual == Score(3, 4)
    assert window.undo_stack.count() == 0
    assert area.verticalScrollBar().value() > 0  # the wheel went to the editor instead


def test_a_wheel_over_a_focused_score_box_still_chooses(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = _open_on(make_window, demo_5x5_path, "SR 7.5", 1)
    likelihood: QComboBox = window.editor.findChild(QComboBox, "residual_likelihood")
    likelihood.setFocus()
    qtbot.waitUntil(likelihood.hasFocus)
    _wheel(likelihood)  # one notch down: Likely (4)
    assert likelihood.currentData() == 4
    qtbot.waitUntil(lambda: read_risk(demo_5x5_path, "SR 7.5").residual == Score(4, 4))


def test_arrow_keys_in_a_score_box_write_one_change_when_settled(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = _open_on(make_window, demo_5x5_path, "SR 7.5", 1)
    likelihood: QComboBox = window.editor.findChild(QComboBox, "residual_likelihood")
    likelihood.setFocus()
    qtbot.waitUntil(likelihood.hasFocus)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Up):
        qtbot.keyClick(likelihood, key)
    assert likelihood.currentData() == 2  # 3 -> 4 -> 5 -> 4 -> 3 -> 2
    assert read_risk(demo_5x5_path, "SR 7.5").residual == Score(3, 4)  # nothing written mid-way
    qtbot.waitUntil(lambda: read_risk(demo_5x5_path, "SR 7.5").residual == Score(2, 4))
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Change residual score of SR 7.5"
    window.undo_stack.undo()
    assert read_risk(demo_5x5_path, "SR 7.5").residual == Score(3, 4)  # one undo step back to the start


def test_leaving_a_score_box_writes_the_keyboard_choice_at_once(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = _open_on(make_window, demo_5x5_path, "SR 7.5", 1)
    likelihood: QComboBox = window.editor.findChild(QComboBox, "residual_likelihood")
    likelihood.setFocus()
    qtbot.waitUntil(likelihood.hasFocus)
    qtbot.keyClick(likelihood, Qt.Key.Key_Down)
    target_date = window.editor.findChild(QLineEdit, "field_target_date")
    target_date.setFocus()
    qtbot.waitUntil(target_date.hasFocus)
    assert read_risk(demo_5x5_path, "SR 7.5").residual == Score(4, 4)
    assert window.undo_stack.count() == 1


def test_a_keyboard_change_of_status_is_one_step_and_a_wheel_changes_nothing(make_window, qtbot,
                                                                            demo_5x5_path: Path) -> None:
    window = _open_on(make_window, demo_5x5_path, "SR 7.5", 0)
    status: QComboBox = window.editor.findChild(QComboBox, "field_status")
    window.risk_panel.table.setFocus()
    _wheel(status)
    assert status.currentText() == "Open"
    status.setFocus()
    qtbot.waitUntil(status.hasFocus)
    qtbot.keyClick(status, Qt.Key.Key_Down)
    qtbot.keyClick(status, Qt.Key.Key_Down)
    assert read_risk(demo_5x5_path, "SR 7.5").status == RiskStatus.OPEN
    window.close()  # leaving the window writes the settled choice too
    assert read_risk(demo_5x5_path, "SR 7.5").status == RiskStatus.ESCALATED
