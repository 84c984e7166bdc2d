"""A status or treatment nobody chose shows as "Not set" in the editor, and can be set and unset there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox

from riskdesk.core.model import Treatment
from riskdesk.services.workspace import Workspace
from tests.ui.helpers import read_risk


def choose(box: QComboBox, text: str) -> None:
    """Pick an entry as a click in the open list does."""
    index = box.findText(text)
    box.setCurrentIndex(index)
    box.activated.emit(index)


def test_the_editor_shows_not_set_and_a_choice_can_be_taken_back(make_window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "unset.sqlite"
    workspace = Workspace.create(path)
    register, _ = workspace.create_register("Main")
    risk, _ = workspace.create_risk(register.id, "U 1", "Brought in without a response", status=None)
    workspace.close()

    window = make_window(path)
    window.risk_panel.select_risk(risk.id)
    status = window.editor.findChild(QComboBox, "field_status")
    treatment = window.editor.findChild(QComboBox, "field_treatment")
    assert status is not None and treatment is not None
    assert (status.currentText(), treatment.currentText()) == ("Not set", "Not set")
    assert treatment.itemText(0) == "Not set"
    window.editor.grab().save(str(tmp_path / "editor-not-set.png"))

    choose(treatment, "Tolerate")
    qtbot.waitUntil(lambda: read_risk(path, "U 1").treatment == Treatment.TOLERATE)
    choose(treatment, "Not set")
    qtbot.waitUntil(lambda: read_risk(path, "U 1").treatment is None)
    assert read_risk(path, "U 1").status is None  # the status was never touched

    filters = window.risk_panel.status
    filters.setCurrentText("Not set")
    assert window.risk_panel.proxy.rowCount() == 1
    filters.setCurrentText("Open")
    assert window.risk_panel.proxy.rowCount() == 0
