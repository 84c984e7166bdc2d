"""The last resort: an error nobody foresaw is logged, told in plain words, and the window carries on.

On a Windows build there is no console, so an exception printed to standard error is never
seen. Instead it goes to a rotating log in the user's log folder and a short message with a
"Copy details" button, for whoever supports riskdesk.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

LOG_NAME = "riskdesk.log"
LOG_BYTES = 1_000_000  # about a thousand tracebacks per file
LOG_FILES = 3
logger = logging.getLogger("riskdesk.crash")

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_folder() -> Path:
    """Where riskdesk writes its log for this user (platformdirs' user log folder)."""
    from platformdirs import user_log_dir  # loaded at the first error: the window starts without it

    return Path(user_log_dir("riskdesk", appauthor=False))


class CrashReporter:
    """Catches exceptions that reach the event loop: logs them and shows one plain message."""

    def __init__(self, folder: Path | None = None):
        self._folder = folder  # None: the user's log folder, found at the first error
        self.last_box: QMessageBox | None = None
        self.last_details = ""
        self._previous: Hook | None = None
        self._handler: logging.Handler | None = None
        self._showing = False

    @property
    def folder(self) -> Path:
        """The folder the log is kept in."""
        if self._folder is None:
            self._folder = log_folder()
        return self._folder

    @property
    def log_path(self) -> Path:
        """The log file (written from the first error on)."""
        return self.folder / LOG_NAME

    def install(self) -> CrashReporter:
        """Become sys.excepthook (the previous hook is kept for uninstall).

        The log is opened at the first error: installing happens before the window's first
        paint, and finding the folder and loading the log's code took about 8 ms of it.
        """
        self._previous = sys.excepthook
        sys.excepthook = self.handle
        return self

    def _open_log(self) -> None:
        if self._handler is not None:
            return
        from logging.handlers import RotatingFileHandler

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = RotatingFileHandler(self.log_path, maxBytes=LOG_BYTES,
                                                           backupCount=LOG_FILES, encoding="utf-8")
        except OSError:  # a locked-down profile: still tell the user, just keep no file
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.ERROR)
        logger.propagate = False
        self._handler = handler

    def uninstall(self) -> None:
        """Put the previous hook back and close the log file."""
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None
        if self._handler is not None:
            logger.removeHandler(self._handler)
            self._handler.close()
            self._handler = None

    def handle(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        """Log the exception and tell the user; the event loop goes on."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        self.last_details = details
        self._open_log()
        logger.error("Unexpected error\n%s", details)
        if self._handler is not None:
            self._handler.flush()
        if self._showing or QApplication.instance() is None:
            return  # one message at a time: a failing paint must not open a box per frame
        try:
            self._show(details)
        except Exception:  # never let the last resort itself fail
            logger.exception("The error message could not be shown")

    def _show(self, details: str) -> None:
        # Loaded here: the reporter is installed before the window's first paint, which needs none of these.
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

        parent: QWidget | None = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Warning, "Something went wrong",
                          "riskdesk could not finish what it was doing. Everything already written to "
                          "your register is safe, and you can carry on working.", QMessageBox.StandardButton.Ok,
                          parent)
        box.setObjectName("crashMessage")
        box.setInformativeText(f"If it happens again, press Copy details and send them to whoever looks "
                               f"after riskdesk for you. They are also kept in {self.log_path}.")
        copy = QPushButton("Copy details", box)
        copy.setObjectName("copyDetails")
        box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
        # ActionRole buttons close the box by default; copying should leave it open.
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._showing = True
        box.finished.connect(self._closed)
        self.last_box = box
        box.open()

    def _closed(self, *_: object) -> None:
        self._showing = False
        self.last_box = None


def install(folder: Path | None = None) -> CrashReporter:
    """Catch unexpected exceptions for the running app (see CrashReporter)."""
    return CrashReporter(folder).install()
