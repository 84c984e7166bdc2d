"""Bringing risks in from a spreadsheet or a colleague's copy: a check first, then the real thing.

Both run as background tasks, each on its own connection to the file (a connection stays in
the thread that made it), so the real run's writes are one transaction on that connection and
the window reads them afterwards. The check is a dry run that writes nothing; the real run
first saves a safety copy beside the file, because an import or a merge cannot be undone with
Ctrl+Z. The services report how far they have got to the dialog's bar, and Cancel stops either
run at any point before the write commits (the transaction rolls back and the safety copy goes);
after the commit the result stands.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from riskdesk.services.files import save_copy
from riskdesk.services.workspace import Workspace
from riskdesk.ui.background import BackgroundTask, TaskControl, TaskFailed, run_in_background
from riskdesk.ui.bring_in_dialog import BringInDialog
from riskdesk.ui.operations import WindowOp

if TYPE_CHECKING:
    from riskdesk.ui.document import Document
    from riskdesk.ui.ports import Notifier

Task = Callable[[Workspace, bool, TaskControl], Any]  # (workspace, dry_run, control) -> ImportResult or MergeResult


def bring_in_work(path: Path, user: str, task: Task, dry_run: bool,
                  safety_copy: Path | None) -> Callable[[TaskControl], Any]:
    """One import or merge (or its dry run) as work for a background task."""

    def work(control: TaskControl) -> Any:
        try:
            workspace = Workspace.open(path, user=user)
        except OSError as error:
            raise TaskFailed(f"{path.name} could not be opened ({error.strerror or error}).") from None
        if dry_run:
            # A check writes nothing, so Cancel may stop it in the middle of any query.
            workspace.stop_reading_when(control.cancelled)
        try:
            control.check()
            if safety_copy is not None:
                save_copy(workspace, safety_copy)
            return task(workspace, dry_run, control)
        finally:
            workspace.close()

    return work


def _describe(error: BaseException) -> str | None:
    if isinstance(error, OSError):
        name = Path(str(error.filename)).name if error.filename else "The file"
        return f"{name} could not be read ({error.strerror or error})."
    return None


class BringIn(QObject):
    """The flow behind one dialog: check, show, confirm, safety copy, do it, refresh the window."""

    title = ""
    verb = ""  # "import" or "merge": names the safety copy
    doing = ""  # "Importing" or "Merging"
    go_text = ""
    cannot_title = ""
    finished = Signal(str)  # what was done, as the status bar says it; "" when nothing was

    def __init__(self, document: Document, notifier: Notifier, parent: QWidget, source: Path) -> None:
        super().__init__(parent)
        self.document = document
        self.notifier = notifier
        self.source = source
        self.safety_copy: Path | None = None
        self.message = ""
        self.result: Any = None
        self.ended = False
        self._task: BackgroundTask | None = None  # the task this flow waits for now
        self.tasks: list[BackgroundTask] = []  # every task it started, waited for when it ends
        self.dialog = BringInDialog(self.title, self.source_text(), self.go_text, parent)
        self.dialog.confirmed.connect(self.go)
        self.dialog.rejected.connect(self.cancel)
        self.dialog.stopAsked.connect(self.stop_writing)
        self.stop_asked = False  # Cancel pressed while writing: honoured unless the write had committed

    # -- what differs between importing and merging -----------------------------------

    def source_text(self) -> str:
        return f"From: {self.source.name}"

    def task(self, workspace: Workspace, dry_run: bool, control: TaskControl) -> Any:
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
        """Run the dry run (stopping one already running); never in place of a write under way."""
        if self.dialog.writing:
            return
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
                              "Cancel stops it until the file is written, and then nothing is changed.",
                              writing=True)
        self._run(dry_run=False, safety_copy=target)

    @Slot()
    def stop_writing(self) -> None:
        """Cancel while writing: ask the task to stop; it says how it ended (stopped, or already written)."""
        self.stop_asked = True
        if self._task is not None:
            self._task.cancel()

    @Slot()
    def cancel(self) -> None:
        """The dialog was closed: stop a check still running."""
        self._stop_worker()
        self._end("")

    def _run(self, dry_run: bool, safety_copy: Path | None) -> None:
        workspace = self.document.workspace
        task = run_in_background(bring_in_work(workspace.path, workspace.user, self.task, dry_run, safety_copy),
                                 owner=self, doing="That", describe=_describe)
        task.succeeded.connect(self._checked if dry_run else self._done)
        task.failed.connect(self._failed)
        task.progressed.connect(self.dialog.show_progress)
        if not dry_run:
            task.cancelled.connect(self._stopped)
        self.tasks.append(task)
        self._task = task

    def _current(self) -> bool:
        """True when the task that signalled is the one this flow still waits for."""
        sender = self.sender()
        if sender is None or sender is not self._task:
            return False
        self._task = None
        return True

    def _stop_worker(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.stop()  # short for a check, interrupted at its next query; a write finishes first

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
        self.document.undo_stack.clear()
        document = self.document
        WindowOp(document, lambda: document.apply(result.changes)).run(initiator=self)
        if self.stop_asked:  # Cancel came after the commit: what was written stands, and the user is told
            message += f" Cancel came after the file was written, so the {self.verb} stands."
        self.notifier.show_status(message)
        self.dialog.writing = False
        self.dialog.accept()
        self._end(message)

    @Slot()
    def _stopped(self) -> None:
        """The real run was cancelled before its write committed: the register is exactly as it was."""
        if not self._current():
            return
        self._drop_safety_copy()
        self.dialog.done(0)
        sentence = f"The {self.verb} was stopped; nothing was changed."
        self.notifier.show_status(sentence)
        self._end("")

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        if not self._current():
            return
        # A write is all or nothing, so after a failure the register is as it was.
        self._drop_safety_copy()
        self.dialog.writing = False
        self.dialog.done(0)
        self.notifier.show_message(self.cannot_title, sentence)
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
        for task in self.tasks:
            task.wait()  # each has told its result already, or was stopped; it is only closing its file
        self.finished.emit(message)

    def safety_note(self) -> str:
        path = self.document.workspace.path
        example = f"{path.stem}.before-{self.verb}-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
        return (f"{self.doing} cannot be undone with Ctrl+Z. Before anything is written, a safety copy "
                f"of the register as it is now is saved in the same folder (named like {example}), "
                "so you can always go back to it.")
