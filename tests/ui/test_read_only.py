"""A register on a read-only share opens to read and print only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from riskdesk.core.model import Risk
from riskdesk.services.workspace import Workspace
from riskdesk.storage import opening
from riskdesk.storage.records import RISK
from riskdesk.ui.risk_table import TITLE
from tests.ui.helpers import Answers, select_register, visible_references

WAIT = 60_000


def read_risk(path: Path, reference: str) -> Risk:
    workspace = Workspace.open(path, read_only=True)
    try:
        return next(r for r in workspace.store.all(RISK) if r.reference == reference)
    finally:
        workspace.close()


@pytest.fixture
def unwritable(monkeypatch: pytest.MonkeyPatch, demo_5x5_path: Path) -> Path:
    """The demo file, seen as one we may not write (tests run as root, which ignores permissions)."""
    real_access = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode == os.W_OK and Path(str(path)).resolve() == demo_5x5_path.resolve():
            return False
        return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(opening.os, "access", access)
    return demo_5x5_path


def test_a_read_only_file_opens_to_read_and_print(make_window, qtbot, unwritable: Path) -> None:
    window = make_window(None)
    answers = window.file_actions.notifier = Answers(yes=True)
    assert window.open_file(unwritable)
    assert answers.questions and "Open it to read and print only?" in answers.questions[0]
    assert window.document is not None and window.read_only
    assert window.read_only_label.isVisible() and window.read_only_label.text() == "Read only"

    select_register(window, "Strategic Risk Register")
    assert "SR 7.2" in visible_references(window)
    sr72 = next(r.id for r in window.document.contents.risks if r.reference == "SR 7.2")
    window.risk_panel.select_risk(sr72)
    # Every tab can be read; nothing in it can be typed into or pressed.
    editor = window.editor
    assert editor.isEnabled() and editor.read_only
    from PySide6.QtWidgets import QLineEdit, QPushButton

    assert all(box.isReadOnly() for box in editor.tabs.findChildren(QLineEdit))
    assert all(button.isHidden() for button in editor.tabs.findChildren(QPushButton))
    for index in range(editor.tabs.count()):
        assert editor.tabs.isTabEnabled(index)
    assert editor.widgets["title"].text() == "Ineffective Social Care Practice"
    for name in ("new_risk", "duplicate", "archive", "delete", "new_register_node", "rename_register",
                 "archive_register", "import_spreadsheet", "merge_copy", "close_period"):
        assert not window.actions_by_name[name].isEnabled(), name
    assert window.actions_by_name["report_committee"].isEnabled()
    assert window.actions_by_name["find"].isEnabled()

    before = read_risk(unwritable, "SR 7.2").title
    window.risk_actions.notifier = answers
    window.risk_actions.delete()  # even if asked some other way, nothing is written
    window.risk_actions.rescore(sr72, "residual", 1, 1, "Trying")
    assert read_risk(unwritable, "SR 7.2").title == before
    assert window.document.risk(sr72) is not None
    assert answers.statuses[-2:] == ["This file is open to read and print only; nothing was changed."] * 2
    assert window.risk_panel.proxy.index(0, TITLE).data()

    window.actions_by_name["report_committee"].trigger()
    dialog = window.report_actions.report_dialog
    qtbot.waitUntil(lambda: dialog.current_pdf is not None and not dialog.is_generating, timeout=WAIT)
    assert dialog.page_count > 0
    dialog.reject()

    window.close_file()
    assert not window.read_only and not window.read_only_label.isVisible()
    assert not editor.read_only
    assert not any(button.isHidden() for button in editor.tabs.findChildren(QPushButton))


def test_a_read_only_file_stays_closed_when_the_user_says_no(make_window, unwritable: Path) -> None:
    window = make_window(None)
    window.file_actions.notifier = Answers(yes=False)
    assert not window.open_file(unwritable)
    assert window.document is None
