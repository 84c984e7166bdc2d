"""What the window's parts need from the window, as small protocols, so they need not import it.

A part typed against one of these gets only the open document and a way to tell the user
something; the window satisfies them all, and tests may hand in anything that does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from riskdesk.ui.document import Document
    from riskdesk.ui.heatmap.panel import HeatMapPanel
    from riskdesk.ui.register_tree import RegisterTreeModel, RegisterTreeView
    from riskdesk.ui.risk_panel import RiskPanel


class DocumentHost(Protocol):
    """The open file (None before one is opened), messages to the user, and a parent for dialogs."""

    @property
    def document(self) -> Document | None:
        """The open file, or None."""
        ...

    def show_message(self, title: str, text: str,
                     icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
        """Tell the user something in a box that does not block."""
        ...

    def window(self) -> QWidget:
        """The top-level widget that dialogs open over."""
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
