"""What every controller of the window shares: the guard each edit runs in, and its three ports."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from riskdesk.storage.errors import ConflictError
from riskdesk.ui.operations import Failure, WindowOp

if TYPE_CHECKING:
    from riskdesk.ui.ports import EditingHost, Notifier, Selection


def guard(host: EditingHost, notifier: Notifier, step: Callable[[], Any]) -> Any:
    """Run an edit through the one entry; a refusal or a colleague's change is told in plain words."""
    if host.read_only:
        notifier.show_status("This file is open to read and print only; nothing was changed.", 8000)
        return None
    return WindowOp(host.document, step).failure(lambda failure: tell(host, notifier, failure)).run(host)


def tell(host: EditingHost, notifier: Notifier, failure: Failure) -> None:
    """A refusal of a menu or drag-and-drop edit: a message box, or the conflict question."""
    document = host.document
    question = failure.question
    if document is not None and question is not None:
        # A register's name, a score from the heat map...: the same question as in the editor,
        # so what the user typed or chose is never simply dropped.
        document.check_for_colleagues()
        host.ask_about_conflict(question)
        return
    notifier.show_message(failure.title, failure.sentence)
    if document is not None and isinstance(failure.error, ConflictError):
        document.check_for_colleagues()


class EditingController:
    """A controller that edits the open file: the file's host, the chosen records, and a way to tell the user."""

    def __init__(self, host: EditingHost, selection: Selection, notifier: Notifier) -> None:
        self.host = host
        self.selection = selection
        self.notifier = notifier

    def guard(self, step: Callable[[], Any]) -> Any:
        """Run an edit; a refusal is told in plain words and None returned."""
        return guard(self.host, self.notifier, step)
