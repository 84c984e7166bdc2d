"""Bringing risks in from a spreadsheet or a colleague's copy: a check first, then the real thing.

Both run in a worker thread on its own connection to the file (a connection stays in the
thread that made it). The check is a dry run that writes nothing; the real run first saves a
safety copy beside the file, because an import or a merge cannot be undone with Ctrl+Z.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from riskdesk.interchange.tabular_import import SpreadsheetError
from riskdesk.services.files import save_copy
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError
from riskdesk.ui.bring_in_dialog import BringInDialog
from riskdesk.ui.operations import WindowOp

if TYPE_CHECKING:
    from riskdesk.ui.main_window import MainWindow

Task = Callable[[Workspace, bool], Any]  # (workspace, dry_run) -> ImportResult or MergeResult


class BringInWorker(QObject):
    """Runs one import or merge (or its dry run) in a worker thread."""

    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, path: Path, user: str, task: Task, dry_run: bool, safety_copy: Path | None) -> None:
        super().__init__()
        self.path, self.user, self.task = path, user, task
        self.dry_run, self.safety_copy = dry_run, safety_copy
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            workspace = Workspace.open(self.path, user=self.user)
        except RegisterFileError as error:
            self.failed.emit(str(error))
            return
        except OSError as error:
            self.failed.emit(f"{self.path.name} could not be opened ({error.strerror or error}).")
            return
        if self.dry_run:
            # A check writes nothing, so Cancel may stop it in the middle of any query.
            workspace.stop_reading_when(self.stop.is_set)
        try:
            if self.stop.is_set():
                self.cancelled.emit()
                return
            if self.safety_copy is not None:
                save_copy(workspace, self.safety_copy)
            result = self.task(workspace, self.dry_run)
        except (SpreadsheetError, RegisterFileError) as error:
            self._fail(str(error))
        except OSError as error:
            name = Path(str(error.filename)).name if error.filename else "The file"
            self._fail(f"{name} could not be read ({error.strerror or error}).")
        except Exception as error:  # told in plain words, never as a traceback
            self._fail(f"That could not be done: {error}")
        else:
            if self.dry_run and self.stop.is_set():
                self.cancelled.emit()
            else:
                self.finished.emit(result)
        finally:
            workspace.close()

    def _fail(self, sentence: str) -> None:
        if self.dry_run and self.stop.is_set():
            self.cancelled.emit()
        else:
            self.failed.emit(sentence)


class BringIn(QObject):
    """The flow behind one dialog: check, show, confirm, safety copy, do it, refresh the window."""

    title = ""
    verb = ""  # "import" or "merge": names the safety copy
    doing = ""  # "Importing" or "Merging"
    go_text = ""
    cannot_title = ""
    finished = Signal(str)  # what was done, as the status bar says it; "" when nothing was

    def __init__(self, window: MainWindow, source: Path) -> None:
        super().__init__(window)
        assert window.document is not None
        self.window = window
        self.document = window.document
        self.source = source
        self.safety_copy: Path | None = None
        self.message = ""
        self.result: Any = None
        self.ended = False
        self._thread: QThread | None = None
        self._worker: BringInWorker | None = None
        self._threads: list[tuple[QThread, BringInWorker]] = []
        self.dialog = BringInDialog(self.title, self.source_text(), self.go_text, window)
        self.dialog.confirmed.connect(self.go)
        self.dialog.rejected.connect(self.cancel)

    # -- what differs between importing and merging -----------------------------------

    def source_text(self) -> str:
        return f"From: {self.source.name}"

    def task(self, workspace: Workspace, dry_run: bool) -> Any:
        raise NotImplementedError

    def show_check(self, result: Any) -> None:
        raise NotImplementedError

    def after(self, result: Any) -> str | None:
        """The status message for a real run, or None when it wrote nothing (then the dialog says why)."""
        raise NotImplementedError

    # -- the flow ------------------------------------------------------------------------

    def start(self) -> BringInDialog:
        """Open the dialog and check what would happen."""
        self.dialog.open()
        self.check()
        return self.dialog

    def check(self) -> None:
        """Run the dry run (stopping one already running)."""
        self._stop_worker()
        self.dialog.show_busy(f"Checking {self.source.name}…", writing=False)
        self._run(dry_run=True, safety_copy=None)

    @Slot()
    def go(self) -> None:
        """The user confirmed: save the safety copy, then do it for real."""
        path = self.document.workspace.path
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.stem}.before-{self.verb}-{stamp}.sqlite")
        number = 2
        while target.exists():
            target = path.with_name(f"{path.stem}.before-{self.verb}-{stamp}-{number}.sqlite")
            number += 1
        self.safety_copy = target
        self.dialog.show_busy(f"Saving a safety copy, then {self.doing.lower()} {self.source.name}… "
                              "The file is written all at once, so this cannot be stopped halfway.", writing=True)
        self._run(dry_run=False, safety_copy=target)

    @Slot()
    def cancel(self) -> None:
        """The dialog was closed: stop a check still running."""
        self._stop_worker()
        self._end("")

    def _run(self, dry_run: bool, safety_copy: Path | None) -> None:
        workspace = self.document.workspace
        worker = BringInWorker(workspace.path, workspace.user, self.task, dry_run, safety_copy)
        thread = QThread()  # held in self._threads, not by a parent that could go first
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(self._checked if dry_run else self._done)
        worker.failed.connect(self._failed)
        for signal in (worker.finished, worker.failed, worker.cancelled):
            signal.connect(thread.quit)
        # Both are kept until the flow ends: a worker must outlive the thread running it.
        self._threads.append((thread, worker))
        self._thread, self._worker = thread, worker
        thread.start()

    def _current(self) -> bool:
        """True when the worker that signalled is the one this flow still waits for."""
        sender = self.sender()
        if sender is None or sender is not self._worker:
            return False
        self._thread = self._worker = None
        return True

    def _stop_worker(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if worker is not None and thread is not None:
            worker.stop.set()
            thread.quit()  # ends the thread as soon as the worker returns
            thread.wait()  # short: a check is interrupted at its next query

    @Slot(object)
    def _checked(self, result: Any) -> None:
        if self._current():
            self.result = result
            self.show_check(result)

    @Slot(object)
    def _done(self, result: Any) -> None:
        if not self._current():
            return
        self.result = result
        message = self.after(result)
        if message is None:
            self._drop_safety_copy()  # nothing was written, so the copy is not needed
            return
        # An earlier edit undone now would write over what just arrived: the undo history
        # starts afresh, and the views re-read what the import or merge says it changed.
        self.window.undo_stack.clear()
        document = self.document
        WindowOp(document, lambda: document.apply(result.changes)).run(initiator=self)
        self.window.statusBar().showMessage(message)
        self.dialog.writing = False
        self.dialog.accept()
        self._end(message)

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        if not self._current():
            return
        # A write is all or nothing, so after a failure the register is as it was.
        self._drop_safety_copy()
        self.dialog.writing = False
        self.dialog.done(0)
        self.window.show_message(self.cannot_title, sentence)
        self._end("")

    def _drop_safety_copy(self) -> None:
        if self.safety_copy is not None:
            self.safety_copy.unlink(missing_ok=True)
            self.safety_copy = None
        self.dialog.writing = False

    def _end(self, message: str) -> None:
        if self.ended:
            return
        self.ended = True
        self.message = message
        for thread, _worker in self._threads:
            thread.quit()
            thread.wait()  # each has emitted its result already; it is only closing its file
        if self.window.bring_in is self:
            self.window.bring_in = None
        self.finished.emit(message)

    def safety_note(self) -> str:
        path = self.document.workspace.path
        example = f"{path.stem}.before-{self.verb}-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
        return (f"{self.doing} cannot be undone with Ctrl+Z. Before anything is written, a safety copy "
                f"of the register as it is now is saved in the same folder (named like {example}), "
                "so you can always go back to it.")
