"""A colleague changed the same field of any record: ask, one field at a time, and write the answer.

Used for controls and actions edited in their dialog, and for an undo or redo that met a
colleague's later change. Keeping yours (or a merged text) is written as a new version, so
theirs stays in the history; keeping theirs writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from riskdesk.services.change_log import FIELD_WORDS, when_in_words
from riskdesk.services.refresh import current_version
from riskdesk.storage.errors import ConflictError
from riskdesk.ui.document import Document
from riskdesk.ui.operations import WindowOp
from riskdesk.ui.undo import edit_fields
from riskdesk.ui.value_words import value_in_words

if TYPE_CHECKING:
    from riskdesk.ui.conflict_dialog import ConflictDialog  # loaded at the first conflict, not at start-up

EDITABLE = ("risk", "control", "action", "register")


def record_label(document: Document, entity: str, record: Any) -> str:
    """How the user knows the record: "SR 7.4", "action of SR 7.4", "register Education"."""
    if entity == "risk":
        return str(getattr(record, "reference", "") or "this risk")
    if entity == "register":
        return f"register {getattr(record, 'name', '')}".strip()
    risk = document.risk(str(getattr(record, "risk_id", "")))
    return f"{entity} of {risk.reference}" if risk is not None else f"this {entity}"


class ConflictAsker:
    """Asks about each clashing field of one ConflictError in turn (dialogs that do not block)."""

    def __init__(self, document: Document, parent: QWidget, problem: Callable[[str], None] | None = None):
        self.document = document
        self.parent = parent
        self.problem = problem or (lambda _text: None)
        self.dialog: ConflictDialog | None = None  # the question on screen now (tests answer it)
        self._queue: list[tuple[ConflictError, str]] = []

    def ask(self, error: ConflictError, fields: list[str] | None = None) -> None:
        """Queue a question per clashing field (all of the error's fields unless named)."""
        for name in fields if fields is not None else list(error.fields):
            self._queue.append((error, name))
        if self.dialog is None or not self.dialog.isVisible():
            self._next()

    def _next(self) -> None:
        self.dialog = None
        if not self._queue or not self.document.is_open:
            return
        error, name = self._queue.pop(0)
        if error.current is None or error.entity not in EDITABLE:
            self.problem(str(error))
            self._next()
            return
        theirs, mine = error.fields.get(name, (getattr(error.current, name, None), error.attempted.get(name)))
        is_text = isinstance(mine, str) and not isinstance(mine, date)
        scheme = self.document.contents.scheme
        label = FIELD_WORDS.get(name, name.replace("_", " "))
        record = record_label(self.document, error.entity, error.current)
        from riskdesk.ui.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(label, error.changed_by, value_in_words(scheme, mine, is_text),
                                value_in_words(scheme, theirs, is_text), self.parent, is_text=is_text,
                                when=when_in_words(error.changed_at) if error.changed_at else "", record=record)
        self.dialog = dialog
        dialog.finished.connect(lambda result: self._answered(error, name, mine, record, label, result))
        dialog.open()

    def _answered(self, error: ConflictError, name: str, mine: Any, record: str, label: str, result: int) -> None:
        from riskdesk.ui.conflict_dialog import MERGED, ConflictDialog

        dialog = self.dialog
        if result in (ConflictDialog.DialogCode.Accepted, MERGED) and dialog is not None:
            chosen = dialog.merged_text() if result == MERGED else mine
            document = self.document
            WindowOp(document, lambda: edit_fields(
                document, error.entity, error.record_id,
                current_version(document.workspace, error.entity, error.record_id), {name: chosen},
                f"Change {label} of {record}", "Kept after a colleague's change",
            )).failure(lambda failure: self.problem(failure.sentence)).run(self)
        else:
            self.document.check_for_colleagues()  # theirs is what the file holds: show it
        self._next()
