"""Long work off the window's thread: a report, an export, an import or a merge.

`run_in_background(work, ...)` runs `work(control)` in a thread of its own and hands the result
(or one plain sentence saying why it failed) back on the window's thread, where widgets may be
touched. The work tells how far it has got with `control.report(done, total, sentence)` and
looks at `control.cancelled()` (or calls `control.check()`) between steps, so Cancel stops it.

The work never uses the window's connection to the register file: a sqlite connection stays in
the thread that opened it, so the work opens its own (read-only for reports and exports) and
closes it before it returns. Writes made that way are each one transaction on that connection,
and the window reads them afterwards as it reads a colleague's change.

Each task keeps itself (and its thread) alive until the thread has ended, so no thread is
destroyed while running; `stop_tasks(owner)` cancels an owner's tasks and waits for them, as the
window does before it closes a file.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from riskdesk.storage.errors import NotFoundError

SHOW_AFTER_MS = 300  # a task that ends sooner shows no progress window at all
STEPS = 1000  # the bar's resolution when the work reports fractions

_running: set[BackgroundTask] = set()  # held here until their threads end, whatever their owners do


class Cancelled(Exception):
    """Raised by TaskControl.check() when the user pressed Cancel; the task then ends quietly."""


class TaskFailed(Exception):
    """Raised by the work with the exact sentence the user is to see."""


class TaskControl:
    """What the work gets: a way to say how far it has got, and whether to stop."""

    def __init__(self, report: Callable[[int, int, str], None]) -> None:
        self._report = report
        self._stop = threading.Event()

    def report(self, done: float, total: float = 1.0, sentence: str = "") -> None:
        """done of total (a count, or a fraction of 1.0); sentence, when given, replaces the label."""
        fraction = 0.0 if total <= 0 else min(max(done / total, 0.0), 1.0)
        self._report(round(fraction * STEPS), STEPS, sentence)

    def cancelled(self) -> bool:
        """True once the user asked to stop (or the window is closing)."""
        return self._stop.is_set()

    def check(self) -> None:
        """Raise Cancelled when the user asked to stop: call it between steps."""
        if self._stop.is_set():
            raise Cancelled

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._stop.set()


def plain_sentence(error: BaseException, doing: str = "That") -> str:
    """One sentence for the user about error, never a traceback.

    riskdesk's own errors already name the file, record and field; a file the system refused
    is named with the system's reason; anything else is said with what was being done.
    """
    if isinstance(error, known_errors()):
        return str(error)
    if isinstance(error, NotFoundError):
        return f"{doing} could not be finished: a record it needs is no longer in the file."
    if isinstance(error, OSError):
        name = Path(str(error.filename)).name if error.filename else "a file"
        return f"{doing} could not be finished: {name} could not be used ({error.strerror or error})."
    if isinstance(error, sqlite3.Error):
        return f"{doing} could not be finished: the register file could not be read ({error})."
    return f"{doing} could not be finished: {error}"


def known_errors() -> tuple[type[BaseException], ...]:
    """riskdesk's errors whose message is already a sentence naming the file, record and field."""
    # Imported here, not with the module: the window imports this before its first paint, and
    # the work that raises these has loaded them already.
    from riskdesk.core.serialise import SchemeFormatError
    from riskdesk.core.validation import ValidationError
    from riskdesk.interchange.sheets import SpreadsheetError
    from riskdesk.interchange.tabular_export import ExportError
    from riskdesk.services.report_data import ReportError
    from riskdesk.services.scheme_files import SchemeFileError
    from riskdesk.storage.errors import ConflictError, RegisterFileError

    return (TaskFailed, ReportError, ExportError, SpreadsheetError, RegisterFileError, ConflictError, ValidationError,
            SchemeFileError, SchemeFormatError)


class _Worker(QObject):
    """Lives in the task's thread and runs the work there; its signals cross to the window's thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Callable[[TaskControl], Any], doing: str,
                 describe: Callable[[BaseException], str | None] | None) -> None:
        super().__init__()
        self.work, self.doing, self.describe = work, doing, describe
        self.control = TaskControl(self.progressed.emit)

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.control)
        except Cancelled:
            self.cancelled.emit()
        except Exception as error:  # every failure becomes one sentence; none is a traceback
            if self.control.cancelled():
                self.cancelled.emit()  # a stopped read raises as it stops: that is the Cancel
            else:
                sentence = self.describe(error) if self.describe is not None else None
                self.failed.emit(sentence or plain_sentence(error, self.doing))
        else:
            self.succeeded.emit(result)
        finally:
            # Quit from here: a quit queued to the window's thread would wait for its event loop.
            QThread.currentThread().quit()


class BackgroundTask(QObject):
    """One piece of work in its own thread; its signals arrive on the window's thread."""

    progressed = Signal(int, int, str)  # done, total, sentence ("" keeps the last one)
    succeeded = Signal(object)  # what the work returned
    failed = Signal(str)  # one plain sentence
    cancelled = Signal()
    ended = Signal()  # after any of the three above, once the thread has ended

    def __init__(self, work: Callable[[TaskControl], Any], owner: QObject | None = None, doing: str = "That",
                 describe: Callable[[BaseException], str | None] | None = None) -> None:
        super().__init__()  # no parent: the task must outlive an owner that goes first
        self.owner = owner
        self.outcome = ""  # "succeeded", "failed" or "cancelled" once told
        self.sentence = ""  # the failure's sentence, when it failed
        self.result: Any = None
        self.dialog: ProgressWindow | None = None
        self._thread = QThread()
        self._worker = _Worker(work, doing, describe)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # Connected to this object's slots, so they run on the window's thread (queued).
        self._worker.progressed.connect(self._on_progress)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self._thread.finished.connect(self._on_thread_finished)

    @property
    def control(self) -> TaskControl:
        """The work's control: its cancel flag."""
        return self._worker.control

    @property
    def worker_thread(self) -> QThread:
        """The thread the work runs in."""
        return self._thread

    def start(self) -> BackgroundTask:
        _running.add(self)
        self._thread.start()
        return self

    def is_running(self) -> bool:
        """True until the thread has ended and the outcome has been told."""
        return self in _running

    def cancel(self) -> None:
        """Ask the work to stop; it ends at its next check (a write under way finishes first)."""
        self._worker.control.cancel()
        if self.dialog is not None:
            self.dialog.hide()  # as Cancel itself does; the caller says how it ended

    def wait(self) -> None:
        """Block until the thread has ended, then deliver the outcome now (the window is closing)."""
        self._thread.wait()
        # The outcome's signals are queued for this thread: deliver them before returning.
        QCoreApplication.sendPostedEvents(self)
        if self in _running:
            self._on_thread_finished()

    def stop(self) -> None:
        """Cancel and wait."""
        self.cancel()
        self.wait()

    def show_progress(self, parent: QWidget, title: str, sentence: str, can_cancel: bool = True) -> ProgressWindow:
        """A small window over parent with the sentence, a bar and (unless told not to) Cancel."""
        self.dialog = ProgressWindow(parent, title, sentence, can_cancel)
        self.dialog.canceled.connect(self.cancel)
        QTimer.singleShot(SHOW_AFTER_MS, self._show_dialog)
        return self.dialog

    @Slot()
    def _show_dialog(self) -> None:
        if self.dialog is not None and self.is_running() and not self.control.cancelled():
            self.dialog.show()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, sentence: str) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)
            if sentence and not self.control.cancelled():
                self.dialog.setLabelText(sentence)
        self.progressed.emit(done, total, sentence)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self.outcome, self.result = "succeeded", result
        self._close_dialog()
        self.succeeded.emit(result)

    @Slot(str)
    def _on_failed(self, sentence: str) -> None:
        self.outcome, self.sentence = "failed", sentence
        self._close_dialog()
        self.failed.emit(sentence)

    @Slot()
    def _on_cancelled(self) -> None:
        self.outcome = "cancelled"
        self._close_dialog()
        self.cancelled.emit()

    @Slot()
    def _on_thread_finished(self) -> None:
        if self not in _running:
            return
        self._thread.wait()  # "finished" is sent just before the thread ends: let it end first
        _running.discard(self)
        self._close_dialog()
        self.ended.emit()

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            dialog.close()
            dialog.deleteLater()


class ProgressWindow(QProgressDialog):
    """A sentence saying what is being done, a bar, and Cancel; it closes itself when the work ends."""

    def __init__(self, parent: QWidget, title: str, sentence: str, can_cancel: bool) -> None:
        super().__init__(parent)
        self.setObjectName("progressWindow")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        label = QLabel(sentence, self)
        label.setWordWrap(True)  # file names can be long; the window stays narrow enough for 1366x768
        label.setObjectName("progressSentence")
        self.setLabel(label)
        self.setMinimumWidth(420)
        self.setRange(0, 0)  # moving until the work says how far it has got
        self.setAutoClose(False)
        self.setAutoReset(False)
        # QProgressDialog would show itself (and run the event loop from setValue) once it guesses
        # the work is long; the task shows it after SHOW_AFTER_MS instead, and nothing else does.
        self.setMinimumDuration(2**31 - 1)
        self.setCancelButtonText("Cancel" if can_cancel else "")
        if not can_cancel:
            self.setCancelButton(None)
        self.hide()

    def label_text(self) -> str:
        """The sentence shown now."""
        return self.labelText()


def run_in_background(work: Callable[[TaskControl], Any], *, owner: QObject | None = None,
                      succeeded: Callable[[Any], object] | None = None,
                      failed: Callable[[str], object] | None = None,
                      cancelled: Callable[[], object] | None = None,
                      progressed: Callable[[int, int, str], object] | None = None,
                      doing: str = "That",
                      describe: Callable[[BaseException], str | None] | None = None,
                      progress: tuple[QWidget, str, str] | None = None,
                      can_cancel: bool = True) -> BackgroundTask:
    """Start work(control) in its own thread; the callbacks run on the window's thread.

    doing names the work in a failure's sentence ("The export"); describe may turn an error
    into a more exact sentence (or None for the usual one). progress=(parent, title, sentence)
    shows a progress window over parent, with Cancel unless can_cancel is False.
    """
    task = BackgroundTask(work, owner, doing, describe)
    if succeeded is not None:
        task.succeeded.connect(succeeded)
    if failed is not None:
        task.failed.connect(failed)
    if cancelled is not None:
        task.cancelled.connect(cancelled)
    if progressed is not None:
        task.progressed.connect(progressed)
    if progress is not None:
        task.show_progress(*progress, can_cancel=can_cancel)
    return task.start()


def running_tasks(owner: QObject | None = None) -> list[BackgroundTask]:
    """The tasks still running (those of owner only, when given)."""
    return [task for task in _running if owner is None or task.owner is owner]


def stop_tasks(owner: QObject | None = None) -> None:
    """Cancel owner's tasks (every task when None) and wait until their threads have ended."""
    tasks = running_tasks(owner)
    for task in tasks:
        task.cancel()
    for task in tasks:
        task.wait()
