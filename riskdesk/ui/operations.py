"""One entry for every write from the window: run it, tell a refusal one way, broadcast what changed.

A part that changes the file wraps the change in a WindowOp (after Anki's CollectionOp):

    WindowOp(document, lambda: commands.move_risks(document, ids, target)) \\
        .failure(tell).run(initiator=self)

The step runs the service operation through the document (`Document.run`, or `undo.push` /
`undo.edit_fields` when it can be undone); the document refreshes its copy and emits
`opExecuted(changes, initiator)`, and each view's `op_executed` decides what to redraw. The
four ways the file can refuse a write become one `Failure` here, so the editor, the menus and
an undo step all say the same sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from riskdesk.core.changes import OpChanges
from riskdesk.core.validation import Problem, ValidationError
from riskdesk.storage.errors import ConflictError, NotFoundError, RegisterFileError

if TYPE_CHECKING:
    from riskdesk.ui.document import Document

T = TypeVar("T")
# What the file may answer to a write. Anything else is a defect and reaches the crash handler.
REFUSALS = (ValidationError, ConflictError, NotFoundError, RegisterFileError)
NOT_MADE = "That change was not made"
CHANGED_ELSEWHERE = "Someone else changed this"


class Part(Protocol):
    """A view that redraws what an operation changed, deciding for itself what that is."""

    def op_executed(self, changes: OpChanges, initiator: object | None) -> None:
        """React to one operation; initiator is the part that asked for it (None: undo, a colleague)."""
        ...


@dataclass(frozen=True)
class Failure:
    """A write the file refused, in the words the user reads. Nothing was changed."""

    error: Exception
    title: str
    sentence: str

    @property
    def question(self) -> ConflictError | None:
        """A colleague's later change with both values known: asked about, never just told."""
        error = self.error
        if isinstance(error, ConflictError) and error.current is not None and error.attempted:
            return error
        return None

    @property
    def problems(self) -> list[Problem]:
        """Each field a validation refused, to show beside that field."""
        return list(self.error.problems) if isinstance(self.error, ValidationError) else []


def failure_of(error: Exception) -> Failure:
    """The one place a refusal becomes a title and a sentence."""
    title = CHANGED_ELSEWHERE if isinstance(error, ConflictError) else NOT_MADE
    return Failure(error, title, str(error))


class WindowOp(Generic[T]):
    """One write from the window: runs the step, reports a refusal once, tells who asked."""

    def __init__(self, document: Document | None, step: Callable[[], T]) -> None:
        self._document = document
        self._step = step
        self._on_failure: Callable[[Failure], object] | None = None

    def failure(self, handler: Callable[[Failure], object]) -> WindowOp[T]:
        """Show a refusal this way (the default puts the sentence in the status bar)."""
        self._on_failure = handler
        return self

    def run(self, initiator: object | None = None) -> T | None:
        """Do it now; None when the file refused (and the failure handler has said why)."""
        document = self._document
        try:
            if document is None:
                result = self._step()
            else:
                with document.initiated_by(initiator):
                    result = self._step()
        except REFUSALS as error:
            failure = failure_of(error)
            if self._on_failure is not None:
                self._on_failure(failure)
            elif document is not None:
                document.problem.emit(failure.sentence)
            return None
        return result
