"""Undo commands: each re-applies old values through the same operations as the edit."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from riskdesk.core.changes import OpChanges
from riskdesk.services.undoing import step_fields, updater
from riskdesk.storage.errors import ConflictError
from riskdesk.ui.document import Document
from riskdesk.ui.operations import Failure, WindowOp


class Edit(Protocol):
    """One kind of edit: it keeps what its undo and redo need (ids made, values before)."""

    def do(self) -> OpChanges:
        """Make the edit (the first time, or again on redo)."""

    def undo(self) -> OpChanges:
        """Take the edit back."""


class OperationCommand(QUndoCommand):
    """An edit already done once; redo and undo run operations against the file as it is now.

    A step that fails (a colleague changed the same field since, the record is gone, the
    file is busy) changes nothing and leaves the stack: the Edit menu never offers to undo
    or redo something that did not happen. A colleague's later change is reported as the
    ConflictError itself, on document.conflict, for the conflict dialog.
    """

    def __init__(self, document: Document, text: str, edit: Edit):
        super().__init__(text)
        self._document = document
        self.edit = edit
        self._first = True

    def redo(self) -> None:
        if self._first:  # the edit was made before the command was pushed
            self._first = False
            return
        self._step(self.edit.do, "redone")

    def undo(self) -> None:
        self._step(self.edit.undo, "undone")

    def _step(self, step: Any, done: str) -> None:
        document = self._document
        WindowOp(document, lambda: document.apply(step())).failure(lambda f: self._refused(f, done)).run()

    def _refused(self, failure: Failure, done: str) -> None:
        self.setObsolete(True)
        self._document.check_for_colleagues()  # show their value, which was kept
        if isinstance(failure.error, ConflictError):
            self._document.problem.emit(f"{self.text()}: {failure.sentence}.")
            self._document.conflict.emit(failure.error)
        else:
            self._document.problem.emit(f"{self.text()} could not be {done}: {failure.sentence}")


def push(document: Document, text: str, edit: Edit) -> OpChanges:
    """Make an edit now (errors propagate, nothing is pushed) and record it for undo."""
    changes = edit.do()
    if changes.empty:  # nothing changed (a list put in the order it had): nothing to undo
        return changes
    document.apply(changes)
    document.undo_stack.push(OperationCommand(document, text, edit))
    return changes


class FieldEdit:
    """Changing fields of one record: the values before and after, for undo and redo.

    The first write presents the version the caller read (a colleague's change is a
    conflict); undo and redo write only where the field still holds what the last step left.
    """

    def __init__(self, document: Document, entity: str, record_id: str, reason: str, text: str):
        self.workspace = document.workspace
        self.entity = entity
        self.record_id = record_id
        self.reason = reason
        self.text = text
        self.before: dict[str, object] = {}
        self.after: dict[str, object] = {}

    def first(self, version: int, new: dict[str, object]) -> OpChanges:
        """The edit as the user made it."""
        changes = updater(self.workspace, self.entity)(self.record_id, version, self.reason, **new)
        for (_, _, name), (before, after) in changes.fields.items():
            self.before[name] = before
            self.after[name] = after
        return changes

    def do(self) -> OpChanges:
        return step_fields(self.workspace, self.entity, self.record_id, self.before, self.after,
                           self.reason, "redo")

    def undo(self) -> OpChanges:
        return step_fields(self.workspace, self.entity, self.record_id, self.after, self.before,
                           f"Undo: {self.reason or self.text}", "undo")


def edit_fields(
    document: Document, entity: str, record_id: str, version: int,
    new: dict[str, object], text: str, reason: str = "",
) -> OpChanges:
    """Change fields of a risk, control, action or register, undoably."""
    edit = FieldEdit(document, entity, record_id, reason, text)
    changes = edit.first(version, new)
    if changes.fields:
        document.apply(changes)
        document.undo_stack.push(OperationCommand(document, text, edit))
    return changes
