"""History in the window: every change of a risk or register, filtered by field; an old value comes back undoably."""

from __future__ import annotations

import os
from pathlib import Path

from riskdesk.storage.records import RISK
from riskdesk.ui.history_dialog import ALL_FIELDS, HistoryDialog
from tests.ui.helpers import edit_elsewhere, read_risk, select_register

SHOTS = os.environ.get("RISKDESK_SHOTS", "")


def _shot(widget, name: str) -> None:
    if SHOTS:  # look at it: RISKDESK_SHOTS=folder uv run pytest tests/ui/test_history_window.py
        widget.grab().save(str(Path(SHOTS) / name))


def test_a_risks_history_lists_a_colleagues_change_and_sets_it_back(make_window, qtbot, demo_5x5_path: Path) -> None:
    original = read_risk(demo_5x5_path, "SR 7.4").title
    edit_elsewhere(demo_5x5_path, "SR 7.4", user="Priya Shah", title="EHCP demand outstrips places")
    window = make_window(demo_5x5_path)
    window.resize(1366, 768)
    window.document.poll_timer.stop()
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(risk.id)
    window.actions_by_name["risk_history"].trigger()
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "History of SR 7.4"
    newest = dialog.shown[0]
    assert (newest.changed_by, newest.field_words, newest.new) == ("Priya Shah", "title",
                                                                   "EHCP demand outstrips places")
    row = [dialog.table.item(0, column).text() for column in range(7)]
    assert row[0] in ("just now", "1 minute ago") and row[1] == "Priya Shah" and row[3] == "title"
    assert row[4] == original and row[6] == "Colleague's edit"
    assert any(c.record == "control of SR 7.4" for c in dialog.changes)  # controls are in it too
    _shot(dialog, "history-risk.png")

    dialog.field_filter.setCurrentText("title")
    assert dialog.shown and all(c.field == "title" for c in dialog.shown)
    assert len(dialog.shown) < len(dialog.changes)
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    assert dialog.restore_selected()
    assert read_risk(demo_5x5_path, "SR 7.4").title == original  # set back as a new change
    assert dialog.shown[0].reason == "Set back from the history"  # and it is in the history
    assert window.editor.risk.title == original
    window.undo_stack.undo()
    assert read_risk(demo_5x5_path, "SR 7.4").title == "EHCP demand outstrips places"
    dialog.field_filter.setCurrentText(ALL_FIELDS)
    created = next(i for i, c in enumerate(dialog.shown) if c.field == "created")
    dialog.table.selectRow(created)
    assert not dialog.restore_button.isEnabled()


def test_a_registers_history_holds_its_risks(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.resize(1366, 768)
    select_register(window, "Education and Inclusion")
    window.actions_by_name["register_history"].trigger()
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None and dialog.windowTitle() == "History of Education and Inclusion"
    shown = {c.record for c in dialog.changes}
    assert "register Education and Inclusion" in shown
    assert not any(record.startswith("SR ") for record in shown)
    education = {r.reference for r in window.document.contents.risks
                 if r.register_id == window.selected_register_id()}
    assert education and education <= shown
    _shot(dialog, "history-register.png")


def test_a_registers_history_holds_the_registers_under_it(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Children's Services Departmental Risk Register")
    window.actions_by_name["register_history"].trigger()
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None
    shown = {c.record for c in dialog.changes}
    contents = window.document.contents
    under = {r.id for r in contents.registers if r.parent_id == window.selected_register_id()}
    assert under  # the demo's service areas
    assert {f"register {r.name}" for r in contents.registers if r.id in under} <= shown
    assert {r.reference for r in contents.risks if r.register_id in under} <= shown
    assert not any(record.startswith("SR ") for record in shown)  # the strategic register above it is left out


def test_enter_on_a_history_row_sets_nothing_back(make_window, qtbot, demo_5x5_path: Path) -> None:
    from PySide6.QtCore import Qt

    edit_elsewhere(demo_5x5_path, "SR 7.4", user="Priya Shah", title="EHCP demand outstrips places")
    window = make_window(demo_5x5_path)
    window.document.poll_timer.stop()
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(risk.id)
    window.actions_by_name["risk_history"].trigger()
    dialog = window.findChild(HistoryDialog)
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert read_risk(demo_5x5_path, "SR 7.4").title == "EHCP demand outstrips places"  # only the button writes
    assert dialog.isVisible()


def _colleague(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    from riskdesk.services.workspace import Workspace

    workspace = Workspace.open(path, user="Priya Shah")
    try:
        change(workspace)
    finally:
        workspace.close()


def _set_back_newest(window, field_words: str) -> HistoryDialog:  # type: ignore[no-untyped-def]
    window.document.poll_timer.stop()
    window.document.check_for_colleagues()
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(risk.id)
    window.actions_by_name["risk_history"].trigger()
    dialog = window.findChild(HistoryDialog)
    dialog.field_filter.setCurrentText(field_words)
    assert dialog.shown and dialog.shown[0].changed_by == "Priya Shah", [c.field_words for c in dialog.changes][-5:]
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    assert dialog.restore_selected(), dialog.note.text()
    return dialog


def test_a_score_is_set_back_from_the_history(make_window, qtbot, demo_5x5_path: Path) -> None:
    from riskdesk.core.model import Score

    before = read_risk(demo_5x5_path, "SR 7.4").residual
    edit_elsewhere(demo_5x5_path, "SR 7.4", user="Priya Shah", residual=Score(1, 2))
    window = make_window(demo_5x5_path)
    _set_back_newest(window, "residual")
    assert read_risk(demo_5x5_path, "SR 7.4").residual == before
    window.undo_stack.undo()
    assert read_risk(demo_5x5_path, "SR 7.4").residual == Score(1, 2)


def test_a_controls_field_is_set_back_from_the_history(make_window, qtbot, demo_5x5_path: Path) -> None:
    from riskdesk.core.model import Effectiveness
    from riskdesk.storage.records import CONTROL

    def weaken(workspace) -> None:  # type: ignore[no-untyped-def]
        risk = next(r for r in workspace.store.all(RISK) if r.reference == "SR 7.4")
        control = workspace.store.all(CONTROL, "risk_id = ?", (risk.id,))[0]
        weaken.before = (control.id, control.effectiveness)  # type: ignore[attr-defined]
        workspace.update_control(control.id, control.version, "Audit finding",
                                 effectiveness=Effectiveness.INEFFECTIVE)

    _colleague(demo_5x5_path, weaken)
    control_id, before = weaken.before  # type: ignore[attr-defined]
    assert before != Effectiveness.INEFFECTIVE
    window = make_window(demo_5x5_path)
    dialog = _set_back_newest(window, "effectiveness")
    assert dialog.shown[0].record == "control of SR 7.4"
    assert _record(demo_5x5_path, CONTROL, control_id).effectiveness == before


def test_an_actions_fields_are_set_back_from_the_history(make_window, qtbot, demo_5x5_path: Path) -> None:
    from datetime import date

    from riskdesk.storage.records import ACTION

    def put_back(workspace) -> None:  # type: ignore[no-untyped-def]
        risk = next(r for r in workspace.store.all(RISK) if r.reference == "SR 7.4")
        action = workspace.store.all(ACTION, "risk_id = ?", (risk.id,))[0]
        put_back.before = (action.id, action.due_date)  # type: ignore[attr-defined]
        workspace.update_action(action.id, action.version, "Slipped", due_date=date(2031, 1, 31))

    _colleague(demo_5x5_path, put_back)
    action_id, before = put_back.before  # type: ignore[attr-defined]
    window = make_window(demo_5x5_path)
    dialog = _set_back_newest(window, "due date")
    assert dialog.shown[0].record == "action of SR 7.4"
    assert _record(demo_5x5_path, ACTION, action_id).due_date == before


def _record(path: Path, spec, record_id: str):  # type: ignore[no-untyped-def]
    from riskdesk.services.workspace import Workspace

    workspace = Workspace.open(path)
    try:
        return workspace.store.get(spec, record_id)
    finally:
        workspace.close()
