"""Starting the application: create_main_window() for tests and tools, run() for the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from riskdesk.ui.heatmap import HeatMapPanel
from riskdesk.ui.main_window import MainWindow
from riskdesk.ui.screen_fit import install as fit_windows_to_screen
from riskdesk.ui.settings import APPLICATION, ORGANISATION, last_file


def application() -> QApplication:
    """The running QApplication, created if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setOrganizationName(ORGANISATION)
        app.setApplicationName(APPLICATION)
        app.setApplicationDisplayName("riskdesk")
    assert isinstance(app, QApplication)
    fit_windows_to_screen(app)
    return app


def create_main_window(path: Path | str | None = None) -> MainWindow:
    """Build the window for a file (or the start page) without starting an event loop."""
    application()
    window = MainWindow()
    window.install_heat_map(HeatMapPanel(window))
    # Logging out or shutting down: what is typed is written before the system ends the app.
    application().commitDataRequest.connect(lambda _manager: window.commit_data())
    if path is not None:
        window.open_file(path)
    return window


def run(path: Path | str | None = None) -> int:
    """Start riskdesk: the given file, else the last one open, else the start page."""
    app = application()
    window = create_main_window(path if path is not None else last_file())
    window.show()
    return int(app.exec())
