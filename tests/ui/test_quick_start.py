"""A quicker start: the window paints the register first and puts the heat map in just after."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit, QTabWidget

from riskdesk.ui.app import FileOpener, create_main_window, finish_start_up, start_window
from riskdesk.ui.screen_fit import FRAME, ScreenFitter
from riskdesk.ui.settings import app_settings


def test_the_heat_map_arrives_just_after_the_first_paint(qtbot, demo_5x5_path: Path) -> None:
    window = create_main_window(demo_5x5_path)
    qtbot.addWidget(window)
    assert window.heat_map is None  # not built for the first paint
    assert not window.heat_map_area.isHidden()  # its place is kept, so the table does not narrow later
    window.resize(1400, 900)
    window.show()
    qtbot.waitUntil(lambda: window.heat_map is not None)
    heat_map = window.heat_map
    assert heat_map.heat_model().rowCount() == 5
    assert window.heat_map_area.width() > 300
    finish_start_up(window)  # once only
    assert window.heat_map is heat_map
    window.document.close()
    window.document = None


def test_the_start_page_also_gets_the_heat_map_after_it_has_painted(qtbot) -> None:
    window = create_main_window(None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.heat_map is not None)


def test_the_editor_form_is_made_just_after_the_first_paint(qtbot, demo_5x5_path: Path) -> None:
    window = create_main_window(demo_5x5_path)
    qtbot.addWidget(window)
    assert window.editor.findChild(QTabWidget) is None  # the first paint shows its heading only
    assert window.editor.heading.text() == "<i>Choose a risk in the table to edit it.</i>"
    window.resize(1400, 900)
    window.show()
    qtbot.waitUntil(lambda: window.editor.findChild(QTabWidget) is not None)
    assert window.editor.widgets["title"].isVisible()
    assert window.editor.widgets["title"].isReadOnly()  # read-only until the file's check has passed
    qtbot.waitUntil(lambda: not window.read_only, timeout=10000)
    assert not window.editor.widgets["title"].isReadOnly()
    window.document.close()
    window.document = None


def test_an_editor_asked_for_a_field_before_its_form_is_made_makes_it(qtbot, demo_5x5_path: Path) -> None:
    from riskdesk.ui.risk_editor import RiskEditor

    editor = RiskEditor()
    qtbot.addWidget(editor)
    editor.set_read_only(True)
    assert editor.findChild(QTabWidget) is None
    title = editor.widgets["title"]  # made now, with what it was told before
    assert isinstance(title, QLineEdit) and title.isReadOnly()


def test_the_cycle_collector_waits_for_the_first_paint(qtbot, demo_5x5_path: Path) -> None:
    try:
        window = create_main_window(demo_5x5_path, pause_collector_until_painted=True)
        qtbot.addWidget(window)
        assert not gc.isenabled()
        window.show()
        qtbot.waitUntil(gc.isenabled)
        assert window.heat_map is not None  # resumed with the rest of the start-up
        window.document.close()
        window.document = None
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_window_code_loads_only_what_the_first_paint_needs() -> None:
    # A fresh process: the test run itself has loaded everything long ago.
    script = ("import sys, riskdesk.ui.app; "
              "print(' '.join(sorted(m for m in sys.modules if m.startswith(('riskdesk', 'reportlab', 'openpyxl')))))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    loaded = set(done.stdout.split())
    assert "riskdesk.ui.main_window" in loaded and "riskdesk.ui.risk_table" in loaded
    later = {"riskdesk.ui.heatmap", "riskdesk.ui.about", "riskdesk.ui.guide", "riskdesk.ui.report_dialog",
             "riskdesk.ui.new_register_wizard", "riskdesk.ui.risk_editor.scores", "riskdesk.ui.risk_editor.lists",
             "riskdesk.ui.risk_editor.links", "riskdesk.ui.risk_editor.earlier_comments", "riskdesk.services.demo",
             "riskdesk.ui.bring_in_kinds", "riskdesk.ui.bring_in", "riskdesk.ui.bring_in_dialog",
             "riskdesk.ui.conflict_dialog", "riskdesk.ui.shortcuts", "reportlab", "openpyxl"}
    assert not later & loaded, "loaded before the first paint though it is made after it or when asked for"


def _without_window_fitter() -> None:
    """Take away the application's window fitter (an earlier test's start-up put it in)."""
    app = QApplication.instance()
    fitter = app.findChild(ScreenFitter, "screenFitter")
    if fitter is not None:
        app.removeEventFilter(fitter)
        fitter.setParent(None)


def test_the_application_fits_windows_to_the_screen_from_just_after_the_first_paint(
        qtbot, demo_5x5_path: Path) -> None:
    _without_window_fitter()
    window = start_window(demo_5x5_path)
    qtbot.addWidget(window)
    try:
        app = QApplication.instance()
        # Qt calls an application-wide filter for every event: none is in place for the first paint.
        assert app.findChild(ScreenFitter, "screenFitter") is None
        assert app.findChild(FileOpener) is None or sys.platform == "darwin"  # macOS alone sends files so
        qtbot.waitUntil(lambda: window.heat_map is not None)
        assert app.findChild(ScreenFitter, "screenFitter") is not None
    finally:
        window.document.close()
        window.document = None
        sys.excepthook = sys.__excepthook__
        gc.enable()
        gc.unfreeze()


def test_a_window_saved_on_a_larger_screen_fits_this_one_before_it_first_paints(
        qtbot, demo_5x5_path: Path) -> None:
    first = create_main_window(None)
    qtbot.addWidget(first)
    screen = first.screen().availableGeometry()
    first.setGeometry(0, 0, screen.width(), screen.height())  # its frame would lie outside the screen
    app_settings().setValue("window/geometry", first.saveGeometry())
    _without_window_fitter()
    window = create_main_window(demo_5x5_path)
    qtbot.addWidget(window)
    # Fitted as it was built: its title bar and borders inside the screen's free area.
    assert screen.contains(window.geometry().marginsAdded(FRAME))
    window.document.close()
    window.document = None


def test_the_note_that_says_the_file_is_open_is_written_after_the_first_paint(qtbot, demo_5x5_path: Path) -> None:
    # On a shared drive each look beside the file is a trip to the server: the register shows first.
    window = create_main_window(demo_5x5_path)
    qtbot.addWidget(window)
    note = window.document.presence.note
    assert not note.exists() and not window.document.painted
    window.resize(1400, 900)
    window.show()
    qtbot.waitUntil(note.exists)
    assert window.document.painted and window.document.complete
    window.document.close()
    window.document = None
    assert not note.exists()
