"""Controls, actions and links in the editor: each change written at once and undoable."""

from __future__ import annotations

from pathlib import Path

from riskdesk.core.model import ActionStatus
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, CONTROL, LINK


def _open(make_window, path: Path, reference: str):
    window = make_window(path)
    risk = next(r for r in window.document.contents.risks if r.reference == reference)
    assert window.risk_panel.select_risk(risk.id)
    return window, risk


def _stored(path: Path, spec, risk_id: str) -> list:
    workspace = Workspace.open(path)
    try:
        return [r for r in workspace.store.all(spec)
                if getattr(r, "risk_id", getattr(r, "from_risk_id", "")) == risk_id]
    finally:
        workspace.close()


def test_controls_add_reorder_remove_and_undo(make_window, demo_5x5_path: Path) -> None:
    window, risk = _open(make_window, demo_5x5_path, "SR 7.2")
    controls = window.editor.controls
    before = [c.description for c in controls.records]
    controls.addRequested.emit({"description": "Weekly caseload panel", "owner": "Head of Service"})
    assert controls.table.rowCount() == len(before) + 1
    assert [c.description for c in _stored(demo_5x5_path, CONTROL, risk.id)][-1] == "Weekly caseload panel"

    controls.table.selectRow(len(before))
    controls.up_button.click()
    assert [c.description for c in _stored(demo_5x5_path, CONTROL, risk.id)][-2] == "Weekly caseload panel"
    window.undo_stack.undo()
    assert [c.description for c in _stored(demo_5x5_path, CONTROL, risk.id)][-1] == "Weekly caseload panel"

    controls.table.selectRow(0)
    controls.remove_button.click()
    assert [c.description for c in controls.records] == [*before[1:], "Weekly caseload panel"]
    window.undo_stack.undo()
    assert before[0] in [c.description for c in _stored(demo_5x5_path, CONTROL, risk.id)]


def test_completed_action_becomes_a_control(make_window, demo_5x5_path: Path) -> None:
    window, risk = _open(make_window, demo_5x5_path, "SR 7.2")
    actions = window.editor.action_list
    done_row = next(i for i, a in enumerate(actions.records) if a.status == ActionStatus.COMPLETE)
    open_row = next(i for i, a in enumerate(actions.records) if a.status != ActionStatus.COMPLETE)
    actions.table.selectRow(open_row)
    assert not actions.control_button.isEnabled()
    actions.table.selectRow(done_row)
    assert actions.control_button.isEnabled()
    description = actions.records[done_row].description
    actions.control_button.click()
    assert description in [c.description for c in window.editor.controls.records]
    assert description not in [a.description for a in _stored(demo_5x5_path, ACTION, risk.id)]
    window.undo_stack.undo()
    assert description in [a.description for a in _stored(demo_5x5_path, ACTION, risk.id)]
    assert description not in [c.description for c in _stored(demo_5x5_path, CONTROL, risk.id)]


def test_link_a_departmental_risk_to_a_strategic_one(make_window, demo_5x5_path: Path) -> None:
    window, risk = _open(make_window, demo_5x5_path, "CS 08")
    links = window.editor.links
    window.editor.tabs.setCurrentWidget(links)
    before = links.list.count()
    target = next(r for r in window.document.contents.risks if r.reference == "SR 7.4")
    links.target.setCurrentIndex(links.target.findData(target.id))
    links.link_button.click()
    assert links.list.count() == before + 1
    assert any(item.to_risk_id == target.id for item in _stored(demo_5x5_path, LINK, risk.id))
    assert window.undo_stack.undoText() == "Link CS 08 to SR 7.4"
    links.list.setCurrentRow(links.list.count() - 1)
    links.unlink_button.click()
    assert not any(item.to_risk_id == target.id for item in _stored(demo_5x5_path, LINK, risk.id))
    window.undo_stack.undo()
    assert any(item.to_risk_id == target.id for item in _stored(demo_5x5_path, LINK, risk.id))
