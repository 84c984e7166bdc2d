"""Starting the application: create_main_window() for tests and tools, run() for the command line.

The first paint comes first: the window is built and the file read with only what the table,
tree and status bar need; the editor's form and the heat map (with its imports) are made just
after the table has painted (finish_start_up), so a user sees the register sooner. The classes
of the dialogs (message boxes, file choosers, questions) are imported where a dialog is made:
PySide makes each Qt class, with its enums, when it is first imported, about a millisecond each.
Python's cycle collector waits meanwhile (pause_collector): start-up makes only objects that
live on, and collecting walked them all again and again (10 ms of a 0.3 s start, 45 ms with
10,000 risks).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from riskdesk.resources_path import resource
from riskdesk.ui.main_window import MainWindow
from riskdesk.ui.screen_fit import install as fit_windows_to_screen
from riskdesk.ui.settings import APPLICATION, ORGANISATION, last_file

START_UP_AT_MOST_MS = 5000  # the collector runs again by then even if the window has not painted


def application() -> QApplication:
    """The running QApplication, created if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setOrganizationName(ORGANISATION)
        app.setApplicationName(APPLICATION)
        app.setApplicationDisplayName("riskdesk")
        app.setDesktopFileName("riskdesk")  # Linux: the installed riskdesk.desktop, for its icon
        app.setWindowIcon(application_icon())
    assert isinstance(app, QApplication)
    return app


def application_icon() -> QIcon:
    """The riskdesk icon in each drawn size (resources/icons)."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        path = resource("icons", f"riskdesk-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon


class FileOpener(QObject):
    """Opens the files the system hands the application: on macOS, a register opened in Finder."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self.window.open_file(Path(event.file()))
            self.window.raise_()
            self.window.activateWindow()
            return True
        return False


def open_files_from_the_system(window: MainWindow) -> FileOpener:
    """Send the system's open-file requests to this window (while it lives)."""
    opener = FileOpener(window)
    application().installEventFilter(opener)
    return opener


class AfterFirstPaint(QObject):
    """Finishes the window's start-up (finish_start_up) once the table or the start page has painted."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.watched = (window.risk_panel.table.viewport(), window.start_page)
        for widget in self.watched:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            for widget in self.watched:
                widget.removeEventFilter(self)
            # Queued: the paint is finished and on screen before the rest is built.
            QTimer.singleShot(0, lambda: finish_start_up(self.window))
        return False


def finish_start_up(window: MainWindow) -> None:
    """Put in what the first paint did without: the fitting of windows to the screen, the editor's
    form, the heat map beside the table. Done once."""
    resume_collector()
    # An application-wide filter: Qt calls it for every event of every object, which cost the
    # first paint about 10 ms. Until now only the main window has shown, and it fits itself.
    fit_windows_to_screen(application())
    window.editor.build()
    if window.heat_map is not None:
        return
    from riskdesk.ui.heatmap import HeatMapPanel  # its code loads after the first paint

    window.install_heat_map(HeatMapPanel(window))


def reserve_heat_map_space(window: MainWindow) -> None:
    """Show the heat map's empty area at its size, so the table does not narrow when it arrives."""
    window.heat_map_area.show()
    sizes = window.top.sizes()
    if sizes[1] == 0:
        whole = max(sum(sizes), 900)
        window.top.setSizes([whole - whole * 9 // 20, whole * 9 // 20])


def pause_collector() -> None:
    """Hold Python's cycle collector until the first paint (resume_collector)."""
    gc.disable()
    QTimer.singleShot(START_UP_AT_MOST_MS, resume_collector)  # a window that never paints


def resume_collector() -> None:
    """Let the cycle collector run again, leaving out what start-up made (it lives on)."""
    if not gc.isenabled():
        gc.freeze()  # modules, the window, the file's records: never garbage, so never walked again
        gc.enable()


def create_main_window(path: Path | str | None = None, pause_collector_until_painted: bool = False) -> MainWindow:
    """Build the window for a file (or the start page) without starting an event loop.

    The heat map follows the first paint; finish_start_up() puts it in at once (tests, tools).
    pause_collector_until_painted (run() and the start-up benchmark) holds Python's cycle
    collector until then.
    """
    application()
    if pause_collector_until_painted:
        pause_collector()
    window = MainWindow()
    reserve_heat_map_space(window)
    AfterFirstPaint(window)
    # Logging out or shutting down: what is typed is written before the system ends the app.
    application().commitDataRequest.connect(lambda _manager: window.commit_data())
    if path is not None:
        window.open_file(path)
    return window


def start_window(path: Path | str | None = None) -> MainWindow:
    """Everything run() does before the event loop (the start-up benchmark times it): the window
    for the given file, else the last one open, else the start page, shown."""
    from riskdesk.ui import crash

    application()
    crash.install()  # an unforeseen error is logged and told, and the window carries on
    window = create_main_window(path if path is not None else last_file(), pause_collector_until_painted=True)
    if sys.platform == "darwin":  # Finder's open-file requests; elsewhere a file comes as an argument
        open_files_from_the_system(window)
    window.show()
    return window


def run(path: Path | str | None = None) -> int:
    """Start riskdesk: the given file, else the last one open, else the start page."""
    window = start_window(path)
    seconds = os.environ.get("RISKDESK_QUIT_AFTER", "")
    if seconds.replace(".", "", 1).isdigit():
        # The built app's smoke test: the window runs this long, then closes as a user would.
        QTimer.singleShot(int(float(seconds) * 1000), window.close)
    return int(application().exec())
