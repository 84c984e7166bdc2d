"""The controllers work with whatever gives them a file, a selection and a notifier: no window needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from riskdesk.core.model import Risk
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import ConflictError
from riskdesk.ui.document import Document
from riskdesk.ui.register_actions import RegisterActions
from riskdesk.ui.risk_actions import RiskActions
from tests.ui.helpers import Answers, read_risk, select_register, visible_references


class Host:
    """An open document and a parent for dialogs: what an editing controller needs from a window."""

    def __init__(self, document: Document, parent: QWidget, read_only: bool = False) -> None:
        self.document: Document | None = document
        self.read_only = read_only
        self.parent = parent
        self.conflicts: list[ConflictError] = []
        self.commits = 0

    def window(self) -> QWidget:
        return self.parent

    def commit_data(self) -> None:
        self.commits += 1

    def ask_about_conflict(self, error: ConflictError) -> None:
        self.conflicts.append(error)


class Chosen:
    """A selection held in plain fields: one register, some risks."""

    def __init__(self, register_id: str | None = None, risks: list[Risk] | None = None) -> None:
        self.register_id = register_id
        self.risks = risks or []
        self.shown: list[tuple[str, bool]] = []

    def selected_register_id(self) -> str | None:
        return self.register_id

    def select_register(self, register_id: str, rename: bool = False) -> bool:
        self.register_id = register_id
        self.shown.append((register_id, rename))
        return True

    def current_risk(self) -> Risk | None:
        return self.risks[0] if self.risks else None

    def selected_risks(self) -> list[Risk]:
        return list(self.risks)

    def select_risk(self, risk_id: str, edit: bool = False) -> bool:
        self.shown.append((risk_id, edit))
        return True


@pytest.fixture
def document(qtbot, demo_5x5_path: Path) -> Iterator[Document]:
    doc = Document(Workspace.open(demo_5x5_path, user="Test"))
    doc.poll_timer.stop()
    yield doc
    doc.close()


def _risk(document: Document, reference: str) -> Risk:
    return next(r for r in document.contents.risks if r.reference == reference)


def test_delete_asks_the_notifier_and_a_no_changes_nothing(qtbot, document: Document, demo_5x5_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    sr77 = _risk(document, "SR 7.7")
    answers = Answers(yes=False)
    actions = RiskActions(Host(document, parent), Chosen(sr77.register_id, [sr77]), answers)
    actions.delete()
    assert answers.questions == ["Delete SR 7.7 with its controls and actions? You can undo this."]
    assert document.risk(sr77.id) is not None
    answers.yes = True
    actions.delete()
    assert document.risk(sr77.id) is None
    assert document.undo_stack.undoText() == "Delete SR 7.7"


def test_a_new_risk_needs_a_register_and_then_gets_the_cursor_in_its_title(qtbot, document: Document) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    answers = Answers()
    chosen = Chosen()
    actions = RiskActions(Host(document, parent), chosen, answers)
    before = len(document.contents.risks)
    actions.new()
    assert answers.messages == [("Choose a register first", "Choose the register the new risk belongs to.")]
    assert len(document.contents.risks) == before
    chosen.register_id = _risk(document, "SR 7.7").register_id
    actions.new()
    made = next(r for r in document.contents.risks if r.reference.startswith("New "))
    assert chosen.shown == [(made.id, True)]


def test_a_read_only_file_is_not_written_and_the_status_line_says_so(qtbot, document: Document,
                                                                    demo_5x5_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    sr72 = _risk(document, "SR 7.2")
    answers = Answers(yes=True)
    actions = RiskActions(Host(document, parent, read_only=True), Chosen(sr72.register_id, [sr72]), answers)
    actions.archive()
    actions.rescore(sr72.id, "residual", 1, 1, "Trying")
    assert answers.statuses == ["This file is open to read and print only; nothing was changed."] * 2
    assert read_risk(demo_5x5_path, "SR 7.2").residual == sr72.residual
    assert not read_risk(demo_5x5_path, "SR 7.2").archived


def test_a_new_register_is_chosen_and_renaming_starts(qtbot, document: Document) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    top = document.contents.registers[0]
    chosen = Chosen(top.id)
    RegisterActions(Host(document, parent), chosen, Answers()).new()
    made = next(r for r in document.contents.registers if r.name == "New register")
    assert made.parent_id == top.id
    assert chosen.shown == [(made.id, True)]


def test_the_menus_shortcuts_reach_the_controllers(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Education and Inclusion")
    before = len(visible_references(window))
    table = window.risk_panel.table
    table.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(table, Qt.Key.Key_N, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert len(visible_references(window)) == before + 1
    made = window.risk_panel.current_risk()
    assert made is not None and made.reference.startswith("New ")
    assert QApplication.focusWidget() is window.editor.widgets["title"]  # ready to type its title
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_D, ctrl)
    assert len(visible_references(window)) == before + 2
    assert window.undo_stack.undoText().startswith("Duplicate")
    qtbot.keyClick(table, Qt.Key.Key_Z, ctrl)
    assert len(visible_references(window)) == before + 1
    qtbot.keyClick(table, Qt.Key.Key_F, ctrl)
    assert QApplication.focusWidget() is window.risk_panel.search
    qtbot.keyClick(window.risk_panel.search, Qt.Key.Key_F2)
    assert window.tree.state() == QAbstractItemView.State.EditingState  # renaming the chosen register
