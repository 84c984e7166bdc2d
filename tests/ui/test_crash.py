"""An error nobody foresaw: a plain message with Copy details, a log file, and the window goes on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton

from riskdesk.ui.crash import LOG_NAME, CrashReporter, log_folder
from tests.ui.helpers import read_risk


class Button(QObject):
    pressed = Signal()


@pytest.fixture
def reporter(tmp_path: Path) -> Iterator[CrashReporter]:
    installed = CrashReporter(tmp_path / "logs").install()
    yield installed
    installed.uninstall()


def _broken_slot() -> None:
    raise RuntimeError("the slot broke: 42 is not a band")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_told_logged_and_the_window_goes_on(make_window, qtbot, demo_5x5_path: Path,
                                                                  reporter: CrashReporter) -> None:
    window = make_window(demo_5x5_path)
    source = Button()
    source.pressed.connect(_broken_slot)
    source.pressed.emit()  # Qt calls sys.excepthook for an exception leaving a slot
    qtbot.waitUntil(lambda: reporter.last_box is not None and reporter.last_box.isVisible())
    box = reporter.last_box
    assert box is not None
    assert box.windowTitle() == "Something went wrong"
    assert "Traceback" not in box.text() + box.informativeText()
    assert "safe" in box.text()
    copy = box.findChild(QPushButton, "copyDetails")
    copy.click()
    assert "the slot broke: 42 is not a band" in QGuiApplication.clipboard().text()
    assert "_broken_slot" in QGuiApplication.clipboard().text()
    assert box.isVisible()  # copying does not close the message
    log = (tmp_path_of(reporter) / LOG_NAME).read_text(encoding="utf-8")
    assert "RuntimeError: the slot broke: 42 is not a band" in log
    box.button(QMessageBox.StandardButton.Ok).click()
    assert reporter.last_box is None
    # The window still works: an edit is written.
    assert window.isVisible() and window.document is not None
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(risk.id)
    title = window.editor.findChild(QLineEdit, "field_title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Still working")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert read_risk(demo_5x5_path, "SR 7.4").title == "Still working"
    QTimer.singleShot(0, _broken_slot)  # a second error is told again
    qtbot.waitUntil(lambda: reporter.last_box is not None)
    assert log.count("Unexpected error") == 1
    assert (tmp_path_of(reporter) / LOG_NAME).read_text(encoding="utf-8").count("Unexpected error") == 2


def tmp_path_of(reporter: CrashReporter) -> Path:
    return reporter.folder


def test_the_log_lives_in_the_users_log_folder() -> None:
    folder = log_folder()
    assert folder.name in ("riskdesk", "log", "Logs")
    assert "riskdesk" in str(folder)
