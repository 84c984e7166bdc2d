"""What the window's parts need from the window, as small protocols, so they need not import it.

A part typed against one of these gets only the open document, the selection and a way to tell
the user something; the window satisfies them all, and tests may hand in anything that does
(a small object that records what was said and gives set answers, for instance).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from riskdesk.core.model import Risk
    from riskdesk.storage.errors import ConflictError
    from riskdesk.ui.document import Document
    from riskdesk.ui.heatmap.panel import HeatMapPanel
    from riskdesk.ui.register_tree import RegisterTreeModel, RegisterTreeView
    from riskdesk.ui.risk_panel import RiskPanel


class Notifier(Protocol):
    """Telling the user something and asking them: boxes, questions and the status line."""

    def show_message(self, title: str, text: str, information: bool = False) -> object:
        """Tell the user something in a box that does not block: a warning, unless information."""
        ...

    def confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question; True for yes."""
        ...

    def ask_text(self, title: str, question: str, suggestion: str = "") -> str | None:
        """Ask for a line of text; None when the user gives up."""
        ...

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """Say something on the status line (for a while, or until the next)."""
        ...


class Selection(Protocol):
    """What the user has chosen in the views, and choosing something for them."""

    def selected_register_id(self) -> str | None:
        """The register chosen in the tree."""
        ...

    def select_register(self, register_id: str, rename: bool = False) -> bool:
        """Choose a register in the tree (and start renaming it); False when it is not shown."""
        ...

    def current_risk(self) -> Risk | None:
        """The risk whose row is current."""
        ...

    def selected_risks(self) -> list[Risk]:
        """Every risk selected in the table."""
        ...

    def select_risk(self, risk_id: str, edit: bool = False) -> bool:
        """Choose a risk in the table (and put the cursor in its title); False when it is not shown."""
        ...


class EditingHost(Protocol):
    """What an action that writes needs: the open file, whether it may be written, and the editor's care."""

    @property
    def document(self) -> Document | None:
        """The open file, or None."""
        ...

    @property
    def read_only(self) -> bool:
        """True while the open file may be read and printed, not changed."""
        ...

    def window(self) -> QWidget:
        """The top-level widget that dialogs open over."""
        ...

    def commit_data(self) -> None:
        """Write what is typed in the editor and not yet written."""
        ...

    def ask_about_conflict(self, error: ConflictError) -> None:
        """A colleague changed what the user just changed: ask which to keep, as the editor does."""
        ...


class FileHost(EditingHost, Protocol):
    """The window as the file actions see it: it shows a file opened for it, and closes one."""

    @property
    def undo_stack(self) -> QUndoStack:
        """The undo steps of the open file."""
        ...

    def show_document(self, document: Document, read_only: bool, check_later: bool) -> None:
        """Show a file just opened (closing the one open before)."""
        ...

    def close_file(self) -> None:
        """Close the open file and show the start page."""
        ...


class RiskBrowser(Protocol):
    """The views that show a risk: the register tree, the table panel and the heat map."""

    @property
    def document(self) -> Document | None:
        """The open file, or None."""
        ...

    @property
    def risk_panel(self) -> RiskPanel:
        """The filtered table of risks."""
        ...

    @property
    def tree_model(self) -> RegisterTreeModel:
        """The registers, as a tree model."""
        ...

    @property
    def tree(self) -> RegisterTreeView:
        """The registers' tree view."""
        ...

    @property
    def heat_map(self) -> HeatMapPanel | None:
        """The heat map, once it has loaded."""
        ...
