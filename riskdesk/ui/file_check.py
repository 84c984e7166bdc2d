"""The integrity check of a file the window has opened, run in the background after its first paint.

The check reads the whole file: on a shared drive at 10 MB/s a 65 MB register takes seconds, a
3 MB one a third of a second. The window opens every file without it, paints it read-only, then
starts the check and allows editing once it has passed; a file that fails is closed with the
same sentence an open would have given, before anything was written to it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from riskdesk.services.files import integrity_problem
from riskdesk.services.workspace import Workspace

# Files smaller than this are checked before the window shows them. None are now: the check of
# even a small file on a shared drive delays the first paint, and it starts just after it.
CHECK_LATER_FROM_BYTES = 0
# A window that paints nothing (not shown yet) starts the check after this long all the same.
START_WITHOUT_PAINT_MS = 1000


class IntegrityCheck(QObject):
    """Runs the integrity check on a thread; finished carries "" when sound, else the sentence."""

    finished = Signal(str)

    def __init__(self, workspace: Workspace) -> None:
        """Prepare the check of the workspace's file; start() runs it."""
        super().__init__()
        self._workspace = workspace
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self._started = False

    def start(self) -> None:
        """Begin checking (once); finished is emitted (queued to the window's thread) when done."""
        if not self._started:
            self._started = True
            self._thread.start()

    @property
    def started(self) -> bool:
        """True once the check has begun reading the file."""
        return self._started

    def start_after_paint(self, widget: QWidget) -> None:
        """Begin checking once widget has painted, so the file is on screen first."""
        widget.installEventFilter(self)
        QTimer.singleShot(START_WITHOUT_PAINT_MS, self.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.start)  # queued: the paint is finished first
        return False

    def _run(self) -> None:
        self.finished.emit(integrity_problem(self._workspace) or "")

    def wait(self, seconds: float | None = None) -> None:
        """Wait for the check to end (a closing window does not leave it reading the file)."""
        if self._thread.is_alive():
            self._thread.join(seconds)


def checked_later(path: Path) -> bool:
    """True when the file is large enough for its integrity check to wait until after the first paint."""
    try:
        return path.stat().st_size >= CHECK_LATER_FROM_BYTES
    except OSError:
        return False  # the open itself will say why the file cannot be read


def start(workspace: Workspace, done: Callable[[str], None], label: QLabel,
          after_paint_of: QWidget | None = None) -> IntegrityCheck:
    """Start checking the workspace's file, done(problem) to be called on the window's thread.

    label (the status bar's read-only mark) says the file is being checked until finished().
    With after_paint_of (the risk table), the check begins once that widget has painted.
    """
    check = IntegrityCheck(workspace)
    # done is a method of the window, so Qt queues the call to the window's thread.
    check.finished.connect(done)
    label.setText("Checking the file…")
    label.setToolTip("riskdesk is checking the whole file is sound; you can edit it once the check has passed")
    if after_paint_of is None:
        check.start()
    else:
        check.start_after_paint(after_paint_of)
    return check


def finished(label: QLabel) -> None:
    """Put the read-only mark back as it reads for a file that cannot be written."""
    label.setText("Read only")
    label.setToolTip("This file cannot be changed from here: you can read, search and print it")
