"""Small helpers shared by the window tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex

from riskdesk.core.model import Risk
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK
from riskdesk.ui.main_window import MainWindow
from riskdesk.ui.register_tree import NAME, REGISTER_ROLE


def select_register(window: MainWindow, name: str) -> None:
    """Click a register in the tree by its name."""
    model = window.tree_model
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, NAME, parent)
            if index.data(REGISTER_ROLE).name == name:
                window.tree.setCurrentIndex(index)
                return
            stack.append(index)
    raise AssertionError(f"No register called {name}")


def read_risk(path: Path, reference: str) -> Risk:
    """Read a risk back from the file with a second, independent connection."""
    workspace = Workspace.open(path)
    try:
        return next(r for r in workspace.store.all(RISK) if r.reference == reference)
    finally:
        workspace.close()


def edit_elsewhere(path: Path, reference: str, user: str = "A Colleague", **changes: object) -> None:
    """A colleague changes a risk in the same file from their own computer."""
    workspace = Workspace.open(path, user=user)
    try:
        risk = next(r for r in workspace.store.all(RISK) if r.reference == reference)
        workspace.update_risk(risk.id, risk.version, "Colleague's edit", **changes)
    finally:
        workspace.close()


def visible_references(window: MainWindow) -> list[str]:
    """The references the table shows, top to bottom."""
    proxy = window.risk_panel.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


class Answers:
    """A notifier that answers as told and keeps what it was told and asked (for a controller's notifier)."""

    def __init__(self, yes: bool = True, text: str | None = None) -> None:
        self.yes, self.text = yes, text
        self.messages: list[tuple[str, str]] = []
        self.questions: list[str] = []
        self.statuses: list[str] = []

    def show_message(self, title: str, text: str, information: bool = False) -> None:
        self.messages.append((title, text))

    def confirm(self, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.yes

    def ask_text(self, title: str, question: str, suggestion: str = "") -> str | None:
        self.questions.append(question)
        return self.text

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        self.statuses.append(text)
