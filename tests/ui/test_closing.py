"""Every way of leaving a field keeps what was typed in it, written to the file first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from riskdesk.ui.main_window import MainWindow
from riskdesk.ui.risk_editor.widgets import TextBox
from tests.ui.helpers import read_risk, select_register

TYPED = "Typed and never left"


def _type_without_leaving(window: MainWindow, qtbot, reference: str = "SR 7.4", field: str = "title") -> None:
    """Choose a risk, type into a field and stay in it (nothing has been committed yet)."""
    assert window.document is not None
    window.document.poll_timer.stop()
    risk_id = next(r.id for r in window.document.contents.risks if r.reference == reference)
    assert window.risk_panel.select_risk(risk_id)
    if field == "period_comment":
        window.editor.tabs.setCurrentIndex(5)
        box = window.editor.findChild(TextBox, "field_period_comment")
    else:
        box = window.editor.findChild(QLineEdit, f"field_{field}")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.selectAll()
    qtbot.keyClicks(box, TYPED)
    assert read_risk(Path(window.document.workspace.path), reference).title != TYPED  # not written yet


def _no_closed_database_message(capfd: pytest.CaptureFixture[str]) -> None:
    out, err = capfd.readouterr()
    assert "closed database" not in out + err
    assert "Traceback" not in out + err


def test_closing_the_window_from_code_keeps_the_typed_title(make_window, qtbot, demo_5x5_path: Path,
                                                            capfd: pytest.CaptureFixture[str]) -> None:
    window = make_window(demo_5x5_path)
    _type_without_leaving(window, qtbot)
    window.close()
    assert read_risk(demo_5x5_path, "SR 7.4").title == TYPED
    _no_closed_database_message(capfd)


def test_the_close_button_keeps_the_typed_title(make_window, qtbot, demo_5x5_path: Path,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    window = make_window(demo_5x5_path)
    _type_without_leaving(window, qtbot)
    handle = window.windowHandle()
    assert handle is not None
    handle.close()  # what the title bar's close button does: the system asks the window to close
    assert not window.isVisible()
    assert read_risk(demo_5x5_path, "SR 7.4").title == TYPED
    _no_closed_database_message(capfd)


def test_quit_keeps_the_typed_comment(make_window, qtbot, demo_5x5_path: Path,
                                      capfd: pytest.CaptureFixture[str]) -> None:
    window = make_window(demo_5x5_path)
    _type_without_leaving(window, qtbot, field="period_comment")
    focused = QApplication.focusWidget()
    assert isinstance(focused, TextBox)
    qtbot.keyClick(focused, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert read_risk(demo_5x5_path, "SR 7.4").period_comment == TYPED
    _no_closed_database_message(capfd)


def test_file_close_keeps_the_typed_title(make_window, qtbot, demo_5x5_path: Path,
                                          capfd: pytest.CaptureFixture[str]) -> None:
    window = make_window(demo_5x5_path)
    _type_without_leaving(window, qtbot)
    window.actions_by_name["close"].trigger()
    assert window.document is None
    assert read_risk(demo_5x5_path, "SR 7.4").title == TYPED
    _no_closed_database_message(capfd)


def test_opening_another_file_keeps_the_typed_title(make_window, qtbot, demo_5x5_path: Path, tmp_path: Path,
                                                    capfd: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.sqlite"
    shutil.copyfile(demo_5x5_path, other)
    window = make_window(demo_5x5_path)
    _type_without_leaving(window, qtbot)
    assert window.open_file(other)
    assert read_risk(demo_5x5_path, "SR 7.4").title == TYPED
    assert read_risk(other, "SR 7.4").title != TYPED
    _no_closed_database_message(capfd)


def test_choosing_another_risk_keeps_the_typed_title(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    _type_without_leaving(window, qtbot)
    assert window.document is not None
    other = next(r.id for r in window.document.contents.risks if r.reference == "SR 7.5")
    window.risk_panel.select_risk(other)  # by keyboard or code: the field keeps its focus
    assert window.editor.risk is not None and window.editor.risk.reference == "SR 7.5"
    assert read_risk(demo_5x5_path, "SR 7.4").title == TYPED
    assert read_risk(demo_5x5_path, "SR 7.5").title != TYPED


def test_choosing_another_register_keeps_the_typed_title(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    _type_without_leaving(window, qtbot)
    assert window.document is not None
    first = window.document.contents.registers[0].name
    others = [r.name for r in window.document.contents.registers if r.name != first]
    select_register(window, others[-1])
    assert read_risk(demo_5x5_path, "SR 7.4").title == TYPED


def test_the_session_ending_keeps_the_typed_title(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    _type_without_leaving(window, qtbot)
    window.commit_data()  # what the app runs on QGuiApplication.commitDataRequest
    assert read_risk(demo_5x5_path, "SR 7.4").title == TYPED
    # The window stays as it was: the system may still cancel the logout.
    assert window.document is not None and window.isVisible()


def test_the_app_listens_for_the_session_ending(make_window, demo_5x5_path: Path) -> None:
    from riskdesk.ui.app import application

    window = make_window(demo_5x5_path)
    from PySide6.QtCore import SIGNAL

    before = application().receivers(SIGNAL("commitDataRequest(QSessionManager&)"))
    window.close()
    assert before >= 1  # the signal has no test double: a real session manager cannot be made here
