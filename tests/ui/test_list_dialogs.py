"""The risk lists (committee check, what changed) share one shape: a row's risk opens from the
"Open the risk" button or Enter, and Close shuts the list; the file is only read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox

from riskdesk.services.workspace import Workspace
from riskdesk.ui.committee_check_dialog import CommitteeCheckDialog
from riskdesk.ui.what_changed_dialog import WhatChangedDialog


@pytest.mark.parametrize("kind", [CommitteeCheckDialog, WhatChangedDialog])
def test_a_risk_list_opens_the_selected_rows_risk_and_closes(qtbot, demo_5x5_path: Path, kind) -> None:
    before = demo_5x5_path.read_bytes()
    workspace = Workspace.open(demo_5x5_path)
    opened: list[str] = []
    try:
        dialog = kind(workspace, opened.append)
        qtbot.addWidget(dialog)
        dialog.show()
        table = dialog.table
        assert table.rowCount() > 1 and table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        assert dialog.summary.text().endswith("to open its risk.")
        table.selectRow(1)
        dialog.open_button.click()
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Return)
        expected = dialog.selected_risk_id()
        assert expected is not None and opened == [expected, expected]
        close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        close.click()
        assert not dialog.isVisible()
    finally:
        workspace.close()
    assert demo_5x5_path.read_bytes() == before
