"""The window's door to the scheme: the Scheme dialog run against the open document."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from riskdesk.core.scheme import ScoringScheme
from riskdesk.core.validation import Problem, ValidationError
from riskdesk.services.scheme_change import LevelMapping, SchemeChangeResult, change_scheme_safely
from riskdesk.storage.errors import ConflictError, RegisterFileError
from riskdesk.ui.document import Document
from riskdesk.ui.scheme_dialog import SchemeDialog


def scheme_changer(document: Document) -> Callable[[ScoringScheme, LevelMapping], SchemeChangeResult]:
    """The operation the dialog runs: copy kept, scheme changed, views told, undo steps of old scores dropped."""

    def apply(new: ScoringScheme, mapping: LevelMapping) -> SchemeChangeResult:
        try:
            result = change_scheme_safely(document.workspace, new, mapping)
        except (ConflictError, RegisterFileError) as error:
            # Said on the dialog's page like any refusal: nothing was changed.
            raise ValidationError([Problem("scheme", str(error))]) from None
        document.apply(result.changes)
        # Earlier undo steps put back scores of the old grid, which may not exist in the new one.
        document.undo_stack.clear()
        return result

    return apply


def edit_scheme(document: Document, parent: QWidget, read_only: bool,
                tell: Callable[[str], None]) -> SchemeChangeResult | None:
    """Show the file's scheme; when it is changed, say where the copy of the file as it was is kept."""
    document.ensure_complete()
    contents = document.contents
    dialog = SchemeDialog(contents.scheme, list(contents.risks), None if read_only else scheme_changer(document),
                          parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_of_change is None:
        return None
    result = dialog.result_of_change
    kept = f" The file as it was is kept as {result.backup.name}." if result.backup else ""
    tell(f"The scoring scheme is now {document.contents.scheme.name}.{kept}")
    return result
