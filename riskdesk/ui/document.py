"""The open register as the window sees it: the file, its contents and change signals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from riskdesk.core.changes import OpChanges
from riskdesk.core.contents import RegisterContents
from riskdesk.services.presence import Presence
from riskdesk.services.refresh import (
    changes_after,
    last_history_id,
    load_first_view,
    load_the_rest,
    refresh_contents,
)
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError

POLL_MS = 1500
PRESENCE_MS = 5000  # who else has the file open: looked at every few seconds


class Document(QObject):
    """One open register file. Every change passes through apply(), which tells the views."""

    # (OpChanges, initiator): what one operation changed, and the part that asked for it
    # (None for an undo, a redo or a colleague's change). Each view decides what to refresh.
    opExecuted = Signal(object, object)
    completed = Signal()  # controls, actions and history of periods are now in memory
    problem = Signal(str)  # a plain sentence for the user
    peopleChanged = Signal(list)  # names of the others who have the file open
    conflict = Signal(object)  # a ConflictError an undo or redo met: a colleague's later change

    def __init__(self, workspace: Workspace, undo_stack: QUndoStack | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.is_open = True  # False once close() has run: nothing may be written any more
        self.from_colleague = False  # True while changes read from the file (a colleague's) are applied
        self.initiator: object | None = None  # the part whose operation is running (operations.WindowOp)
        # The window paints with the risks first; the rest follows a moment later.
        self.contents: RegisterContents = load_first_view(workspace)
        self.complete = False
        self.painted = False  # True once a window has shown the file (after_first_paint)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._seen_version = workspace.store.data_version()
        self._history_id = last_history_id(workspace)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.check_for_colleagues)
        self.poll_timer.start()
        # The first note beside the file, and the first look at the others', follow the first
        # paint (after_first_paint): on a shared drive each is a trip to the server.
        self.presence = Presence(workspace.path, workspace.user)
        self.people: list[str] = []
        self.presence_timer = QTimer(self)
        self.presence_timer.setInterval(PRESENCE_MS)
        self.presence_timer.timeout.connect(self.check_who_else)
        self.presence_timer.start()

    def after_first_paint(self) -> None:
        """The window has shown the file: say we have it open, see who else has, read the rest. Once."""
        if self.painted:
            return
        self.painted = True
        if self.is_open:
            self.check_who_else()
        self.ensure_complete()

    def check_who_else(self) -> list[str]:
        """Keep our note fresh and tell the window who else has the file open."""
        self.presence.refresh_if_due()
        people = self.presence.others()
        if people != self.people:
            self.people = people
            self.peopleChanged.emit(people)
        return people

    def ensure_complete(self) -> None:
        """Read controls, actions and past snapshots if that has not happened yet."""
        if self.complete:
            return
        self.complete = True
        try:
            load_the_rest(self.workspace, self.contents)
        except RegisterFileError as error:  # a control or action riskdesk cannot read: say which
            self.problem.emit(str(error))
            return
        except Exception:  # the file was closed meanwhile
            return
        self.completed.emit()

    @contextmanager
    def initiated_by(self, initiator: object | None) -> Iterator[None]:
        """Name the part whose operation runs inside the block; the views are told it with the changes."""
        before, self.initiator = self.initiator, initiator
        try:
            yield
        finally:
            self.initiator = before

    def apply(self, changes: OpChanges) -> None:
        """Bring the in-memory copy up to date with an operation's changes and tell the views."""
        if changes.empty:
            return
        self.ensure_complete()
        self.contents = refresh_contents(self.workspace, self.contents, changes)
        self._seen_version = self.workspace.store.data_version()
        self.opExecuted.emit(changes, self.initiator)
        for note in changes.notes:  # e.g. a restored risk that had to take a new reference
            self.problem.emit(note)

    def run(self, operation: Callable[[], OpChanges]) -> OpChanges:
        """Run one operation now and refresh from what it changed."""
        changes = operation()
        self.apply(changes)
        return changes

    def check_for_colleagues(self) -> bool:
        """Reload when someone else wrote to the file since we last looked."""
        try:
            version = self.workspace.store.data_version()
        except Exception:  # the file went away or the connection is closed
            return False
        if version == self._seen_version:
            return False
        self._seen_version = version
        # Our own edits are re-read too (their history is newer than what we saw): harmless.
        changes, self._history_id = changes_after(self.workspace, self._history_id)
        self.from_colleague = True  # the views may tell the user who changed what they show
        try:
            with self.initiated_by(None):  # no part of this window asked for it
                self.apply(changes)
        finally:
            self.from_colleague = False
        return True

    def risk(self, risk_id: str) -> Any | None:
        """The risk with this id as last read."""
        return next((r for r in self.contents.risks if r.id == risk_id), None)

    def close(self) -> None:
        """Stop polling and close the file (everything is already written)."""
        self.is_open = False
        self.poll_timer.stop()
        self.presence_timer.stop()
        self.presence.leave()
        self.undo_stack.clear()
        self.workspace.close()
