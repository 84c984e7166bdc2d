"""Undo commands: each re-applies old values through the same operations as the edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from riskdesk.core.changes import OpChanges
from riskdesk.core.validation import ValidationError
from riskdesk.services.refresh import current_version
from riskdesk.storage.errors import ConflictError, NotFoundError, RegisterFileError
from riskdesk.ui.document import Document

Step = Callable[[], OpChanges]


class OperationCommand(QUndoCommand):
    """An edit already done once; redo and undo run operations against the file as it is now."""

    def __init__(self, document: Document, text: str, redo_step: Step, undo_step: Step):
        super().__init__(text)
        self._document = document
        self._redo_step = redo_step
        self._undo_step = undo_step
        self._first = True

    def redo(self) -> None:
        if self._first:  # the edit was made before the command was pushed
            self._first = False
            return
        self._step(self._redo_step)

    def undo(self) -> None:
        self._step(self._undo_step)

    def _step(self, step: Step) -> None:
        try:
            self._document.apply(step())
        except (ValidationError, ConflictError, NotFoundError, RegisterFileError) as error:
            self._document.problem.emit(f"{self.text()} could not be undone or redone: {error}")


def push(document: Document, text: str, do: Step, undo: Step) -> OpChanges:
    """Make an edit now (errors propagate, nothing is pushed) and record it for undo."""
    changes = do()
    document.apply(changes)
    document.undo_stack.push(OperationCommand(document, text, do, undo))
    return changes


def edit_fields(
    document: Document, entity: str, record_id: str, version: int,
    new: dict[str, object], text: str, reason: str = "",
) -> OpChanges:
    """Change fields of a risk, control, action or register, undoably.

    The first write presents the version the caller read (a colleague's change is a
    conflict); undo and redo present the version now in the file.
    """
    workspace = document.workspace
    update = {
        "risk": workspace.update_risk, "control": workspace.update_control,
        "action": workspace.update_action, "register": workspace.update_register,
    }[entity]
    old: dict[str, object] = {}
    first = [True]

    def do() -> OpChanges:
        if first[0]:
            first[0] = False
            changes = update(record_id, version, reason, **new)
            for (_, _, name), (before, _) in changes.fields.items():
                old[name] = before
            return changes
        return update(record_id, current_version(workspace, entity, record_id), reason, **new)

    def undo() -> OpChanges:
        if not old:
            return OpChanges()
        return update(record_id, current_version(workspace, entity, record_id), f"Undo: {reason or text}", **old)

    changes = do()
    if changes.fields:
        document.apply(changes)
        document.undo_stack.push(OperationCommand(document, text, do, undo))
    return changes
