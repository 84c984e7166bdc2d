"""Undo puts back exactly what an edit changed: the same records, ids and places, nothing more."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from riskdesk.core.model import ActionStatus, Risk
from riskdesk.services.checking import check_file
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import ConflictError
from riskdesk.storage.records import ACTION, CONTROL, LINK, RISK
from riskdesk.ui import commands
from riskdesk.ui.document import Document
from riskdesk.ui.undo import edit_fields


@pytest.fixture
def document(demo_5x5_path: Path, qtbot) -> Iterator[Document]:
    doc = Document(Workspace.open(demo_5x5_path, user="Me"))
    doc.poll_timer.stop()
    doc.ensure_complete()
    yield doc
    doc.close()


def risk_with(doc: Document, controls: int = 2, actions: int = 2) -> Risk:
    store = doc.workspace.store
    return next(r for r in store.all(RISK)
                if len(store.all(CONTROL, "risk_id = ?", (r.id,))) >= controls
                and len(store.all(ACTION, "risk_id = ?", (r.id,))) >= actions)


def ids(doc: Document, spec, risk_id: str) -> list[str]:
    return [r.id for r in doc.workspace.store.all(spec, "risk_id = ?", (risk_id,))]


def live(doc: Document, spec) -> list[str]:
    return [r.id for r in doc.workspace.store.all(spec)]


def window_matches_file(doc: Document) -> None:
    store = doc.workspace.store
    for name, spec in (("risks", RISK), ("controls", CONTROL), ("actions", ACTION), ("links", LINK)):
        shown = sorted((r.id, r.version) for r in getattr(doc.contents, name))
        assert shown == sorted((r.id, r.version) for r in store.all(spec)), name


def test_undoing_a_deletion_restores_exactly_what_it_removed(document: Document) -> None:
    ws = document.workspace
    risk = risk_with(document)
    other = next(r for r in ws.store.all(RISK) if r.id != risk.id)
    removed_earlier = ids(document, CONTROL, risk.id)[0]
    commands.remove_item(document, "control", risk, removed_earlier, ws.store.get(CONTROL, removed_earlier).version)
    action = ws.store.get(ACTION, ids(document, ACTION, risk.id)[0])
    edit_fields(document, "action", action.id, action.version, {"status": ActionStatus.COMPLETE}, "Complete")
    commands.action_to_control(document, risk, action.id, ws.store.get(ACTION, action.id).version)
    commands.link_risks(document, risk, other)
    controls, actions = ids(document, CONTROL, risk.id), ids(document, ACTION, risk.id)
    links = [link.id for link in ws.store.all(LINK, "from_risk_id = ? OR to_risk_id = ?", (risk.id, risk.id))]
    assert links and action.id not in actions

    changes = commands.delete_risk(document, ws.store.get(RISK, risk.id))
    # Every record the deletion tombstoned is reported: links included, and they are gone.
    assert changes.deleted == {risk.id, *controls, *actions, *links}
    assert changes.links == set(links) and other.id in changes.risks
    assert not ws.store.all(LINK, "from_risk_id = ? OR to_risk_id = ?", (risk.id, risk.id))
    assert "A link between risks points to a risk that is missing" not in check_file(ws.path).problems
    window_matches_file(document)

    document.undo_stack.undo()
    assert ids(document, CONTROL, risk.id) == controls  # not the control removed earlier
    assert ids(document, ACTION, risk.id) == actions  # the action that became a control stays one
    assert sorted(link.id for link in ws.store.all(LINK, "from_risk_id = ? OR to_risk_id = ?",
                                                       (risk.id, risk.id))) == sorted(links)
    window_matches_file(document)
    assert check_file(ws.path).ok


def test_a_restore_whose_reference_was_reused_takes_a_free_one_and_says_so(document: Document) -> None:
    ws = document.workspace
    risk = ws.store.get(RISK, risk_with(document).id)
    said: list[str] = []
    document.problem.connect(said.append)
    commands.delete_risk(document, risk)
    colleague = Workspace.open(ws.path, user="A colleague")  # a risk they add takes the freed reference
    try:
        newcomer, _ = colleague.create_risk(risk.register_id, risk.reference, "A new risk under the old reference")
    finally:
        colleague.close()
    assert document.check_for_colleagues()
    document.undo_stack.undo()
    restored = ws.store.get(RISK, risk.id)
    assert restored.reference == f"{risk.reference} (restored)"
    assert ws.store.get(RISK, newcomer.id).reference == risk.reference
    assert said == [f"{risk.reference} was brought back as {risk.reference} (restored), because another risk "
                    f"in {document.contents.register(risk.register_id).name} "
                    f"has used the reference {risk.reference} since it was deleted."]
    assert check_file(ws.path).ok  # no reference used twice
    window_matches_file(document)


def test_remove_then_undo_keeps_the_id_and_the_place_so_an_earlier_add_can_be_undone(document: Document) -> None:
    ws = document.workspace
    risk = risk_with(document, controls=3)
    commands.add_item(document, "control", risk, {"description": "Weekly supervision"})
    before = ids(document, CONTROL, risk.id)
    middle = before[1]
    commands.remove_item(document, "control", risk, middle, ws.store.get(CONTROL, middle).version)
    assert middle not in ids(document, CONTROL, risk.id)
    document.undo_stack.undo()
    assert ids(document, CONTROL, risk.id) == before
    problems: list[str] = []
    document.problem.connect(problems.append)
    document.undo_stack.undo()  # the add, made before the removal
    assert ids(document, CONTROL, risk.id) == before[:-1] and problems == []
    document.undo_stack.redo()
    document.undo_stack.redo()
    assert ids(document, CONTROL, risk.id) == [i for i in before if i != middle]
    assert problems == [] and document.undo_stack.index() == document.undo_stack.count()
    window_matches_file(document)


def test_action_to_control_undoes_to_the_same_action_and_redoes_to_the_same_control(document: Document) -> None:
    ws = document.workspace
    risk = risk_with(document)
    action = ws.store.get(ACTION, ids(document, ACTION, risk.id)[0])
    edit_fields(document, "action", action.id, action.version, {"progress": "All done"}, "Progress")
    edit_fields(document, "action", action.id, ws.store.get(ACTION, action.id).version,
                {"status": ActionStatus.COMPLETE}, "Complete")
    controls = ids(document, CONTROL, risk.id)
    commands.action_to_control(document, risk, action.id, ws.store.get(ACTION, action.id).version)
    made = next(i for i in ids(document, CONTROL, risk.id) if i not in controls)
    stack = document.undo_stack
    stack.undo()
    assert ws.store.get(ACTION, action.id).status == ActionStatus.COMPLETE  # the same action, by id
    assert ids(document, CONTROL, risk.id) == controls
    stack.undo()  # the next undo really undoes the status change
    assert ws.store.get(ACTION, action.id).status == action.status
    stack.undo()
    assert ws.store.get(ACTION, action.id).progress == action.progress
    stack.redo()
    stack.redo()
    stack.redo()
    assert ws.store.find(ACTION, action.id) is None
    assert ws.store.get(CONTROL, made).description == action.description  # the same control again
    assert stack.index() == stack.count() == 3
    window_matches_file(document)


def test_duplicate_and_restore_report_the_controls_and_actions_they_bring(document: Document) -> None:
    ws = document.workspace
    risk = risk_with(document)
    copy = commands.duplicate_risk(document, risk)
    copies = ids(document, CONTROL, copy.id) + ids(document, ACTION, copy.id)
    assert len(copies) == len(ids(document, CONTROL, risk.id)) + len(ids(document, ACTION, risk.id))
    assert {c.id for c in document.contents.controls_of(copy.id)} == set(ids(document, CONTROL, copy.id))
    assert {a.id for a in document.contents.actions_of(copy.id)} == set(ids(document, ACTION, copy.id))
    document.undo_stack.undo()
    assert document.contents.controls_of(copy.id) == []
    changes = ws.restore_risk(copy.id)
    assert set(copies) <= changes.created and set(copies) <= changes.controls | changes.actions
    document.apply(changes)
    window_matches_file(document)


def colleague_sets(path: Path, reference: str, **values: object) -> None:
    colleague = Workspace.open(path, user="A Colleague")
    try:
        risk = next(r for r in colleague.store.all(RISK) if r.reference == reference)
        colleague.update_risk(risk.id, risk.version, "Their edit", **values)
    finally:
        colleague.close()


def test_undo_that_meets_a_colleagues_later_change_raises_the_conflict(document: Document) -> None:
    ws = document.workspace
    risk = risk_with(document)
    edit_fields(document, "risk", risk.id, risk.version, {"title": "My title"}, "Change title")
    colleague_sets(ws.path, risk.reference, title="Their title")
    met: list[ConflictError] = []
    said: list[str] = []
    document.conflict.connect(met.append)
    document.problem.connect(said.append)
    document.undo_stack.undo()
    assert ws.store.get(RISK, risk.id).title == "Their title"  # not written over
    assert document.risk(risk.id).title == "Their title"  # and the window shows it
    [error] = met
    assert (error.entity, error.record_id, error.field, error.during) == ("risk", risk.id, "title", "undo")
    assert error.fields == {"title": ("Their title", risk.title)}
    assert error.changed_by == "A Colleague" and error.changed_at
    assert said[0].startswith(f"Change title: A Colleague changed the title of risk {risk.reference} after "
                              "this edit (at ")
    assert said[0].endswith(", so the undo was not made and their value was kept.")
    # The step did not happen, so the Edit menu does not offer to redo it.
    assert document.undo_stack.count() == 0 and document.undo_stack.redoText() == ""


def test_undo_goes_ahead_when_the_colleague_changed_another_field(document: Document) -> None:
    ws = document.workspace
    risk = risk_with(document)
    edit_fields(document, "risk", risk.id, risk.version, {"title": "My title"}, "Change title")
    colleague_sets(ws.path, risk.reference, owner="Someone New")
    document.undo_stack.undo()
    fresh = ws.store.get(RISK, risk.id)
    assert (fresh.title, fresh.owner) == (risk.title, "Someone New")


def test_redo_that_meets_a_colleagues_later_change_raises_the_conflict(document: Document) -> None:
    ws = document.workspace
    risk = risk_with(document)
    edit_fields(document, "risk", risk.id, risk.version, {"description": "Mine"}, "Change description")
    document.undo_stack.undo()
    colleague_sets(ws.path, risk.reference, description="Theirs")
    met: list[ConflictError] = []
    document.conflict.connect(met.append)
    document.undo_stack.redo()
    assert ws.store.get(RISK, risk.id).description == "Theirs"
    assert [(e.field, e.during, e.fields["description"]) for e in met] == [("description", "redo", ("Theirs", "Mine"))]


def colleague_edits(path: Path, spec, record_id: str, **values: object) -> None:
    colleague = Workspace.open(path, user="A Colleague")
    try:
        record = colleague.store.get(spec, record_id)
        update = {"control": colleague.update_control, "action": colleague.update_action,
                  "risk": colleague.update_risk}[spec.name]
        update(record_id, record.version, "Their edit", **values)
    finally:
        colleague.close()


def test_undoing_an_add_keeps_an_item_a_colleague_has_changed_since(document: Document) -> None:
    ws = document.workspace
    risk = risk_with(document)
    commands.add_item(document, "control", risk, {"description": "Weekly supervision"})
    made = ids(document, CONTROL, risk.id)[-1]
    colleague_edits(ws.path, CONTROL, made, owner="Head of Service")
    met: list[ConflictError] = []
    document.conflict.connect(met.append)
    document.undo_stack.undo()
    assert ws.store.get(CONTROL, made).owner == "Head of Service"  # still there, with their change
    assert [(e.entity, e.record_id, e.field, e.fields["owner"], e.during) for e in met] == [
        ("control", made, "owner", ("Head of Service", ""), "undo")]


def test_redoing_a_deletion_keeps_a_risk_a_colleague_has_changed_since(document: Document) -> None:
    ws = document.workspace
    risk = ws.store.get(RISK, risk_with(document).id)
    commands.delete_risk(document, risk)
    document.undo_stack.undo()
    colleague_edits(ws.path, RISK, risk.id, period_comment="Still very much a risk")
    met: list[ConflictError] = []
    document.conflict.connect(met.append)
    document.undo_stack.redo()
    assert ws.store.get(RISK, risk.id).period_comment == "Still very much a risk"
    assert [(e.field, e.during, e.changed_by) for e in met] == [("period_comment", "redo", "A Colleague")]
    window_matches_file(document)


def test_undoing_action_to_control_keeps_a_control_a_colleague_has_changed(document: Document) -> None:
    ws = document.workspace
    risk = risk_with(document)
    action = ws.store.get(ACTION, ids(document, ACTION, risk.id)[0])
    edit_fields(document, "action", action.id, action.version, {"status": ActionStatus.COMPLETE}, "Complete")
    before = ids(document, CONTROL, risk.id)
    commands.action_to_control(document, risk, action.id, ws.store.get(ACTION, action.id).version)
    control = next(i for i in ids(document, CONTROL, risk.id) if i not in before)
    colleague_edits(ws.path, CONTROL, control, description="Reworded by a colleague")
    met: list[ConflictError] = []
    document.conflict.connect(met.append)
    document.undo_stack.undo()
    assert ws.store.get(CONTROL, control).description == "Reworded by a colleague"
    assert ws.store.find(ACTION, action.id) is None
    assert [(e.entity, e.field) for e in met] == [("control", "description")]


def test_undoing_a_reorder_puts_back_the_very_positions_gaps_included(document: Document) -> None:
    ws = document.workspace
    risk = risk_with(document, controls=3)
    first, middle, last = ids(document, CONTROL, risk.id)[:3]
    commands.remove_item(document, "control", risk, middle, ws.store.get(CONTROL, middle).version)
    positions = {c.id: c.position for c in ws.store.all(CONTROL, "risk_id = ?", (risk.id,))}
    order = list(positions)
    commands.reorder_items(document, "control", risk, order, order[::-1])
    assert ids(document, CONTROL, risk.id) == order[::-1]
    document.undo_stack.undo()
    assert {c.id: c.position for c in ws.store.all(CONTROL, "risk_id = ?", (risk.id,))} == positions
    document.undo_stack.undo()  # and the removed control returns between the two
    assert ids(document, CONTROL, risk.id)[:3] == [first, middle, last]
    window_matches_file(document)
