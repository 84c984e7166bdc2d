"""Undoable edits beyond changing fields: adding, removing, reordering, linking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import Action, Control, Risk
from riskdesk.services.refresh import current_record, current_version
from riskdesk.ui.document import Document
from riskdesk.ui.undo import push

_ITEM_FIELDS = {
    "control": ("description", "owner", "effectiveness"),
    "action": ("description", "owner", "due_date", "status", "rag", "progress"),
}


def add_item(document: Document, kind: str, risk: Risk, values: dict[str, Any]) -> OpChanges:
    """Add a control or action to a risk (undo removes it again)."""
    ws = document.workspace
    made: list[str] = []
    add = ws.add_action if kind == "action" else ws.add_control
    delete = ws.delete_action if kind == "action" else ws.delete_control

    def do() -> OpChanges:
        item, changes = add(risk.id, values["description"], **{k: v for k, v in values.items() if k != "description"})
        made[:] = [item.id]
        return changes

    def undo() -> OpChanges:
        return delete(made[0], current_version(ws, kind, made[0]), "Undo")

    return push(document, f"Add {kind} to {risk.reference}", do, undo)


def remove_item(document: Document, kind: str, risk: Risk, item_id: str, version: int) -> OpChanges:
    """Remove a control or action (undo puts a copy back)."""
    ws = document.workspace
    record: Control | Action = current_record(ws, kind, item_id)
    values = {name: getattr(record, name) for name in _ITEM_FIELDS[kind]}
    current = [item_id]
    add = ws.add_action if kind == "action" else ws.add_control
    delete = ws.delete_action if kind == "action" else ws.delete_control
    first = [True]

    def do() -> OpChanges:
        used = version if first[0] else current_version(ws, kind, current[0])
        first[0] = False
        return delete(current[0], used, "Removed")

    def undo() -> OpChanges:
        item, changes = add(risk.id, values["description"], **{k: v for k, v in values.items() if k != "description"})
        current[0] = item.id
        return changes

    return push(document, f"Remove {kind} from {risk.reference}", do, undo)


def reorder_items(document: Document, kind: str, risk: Risk, before: list[str], after: list[str]) -> OpChanges:
    """Put controls or actions in a new order."""
    ws = document.workspace
    return push(document, f"Reorder {kind}s of {risk.reference}",
                lambda: ws.reorder(kind, after), lambda: ws.reorder(kind, before))


def action_to_control(document: Document, risk: Risk, action_id: str, version: int) -> OpChanges:
    """Turn a completed action into a control (undo brings the action back)."""
    ws = document.workspace
    action: Action = current_record(ws, "action", action_id)
    values = {name: getattr(action, name) for name in _ITEM_FIELDS["action"]}
    state = {"action": action_id, "control": ""}
    first = [True]

    def do() -> OpChanges:
        used = version if first[0] else current_version(ws, "action", state["action"])
        first[0] = False
        control, changes = ws.action_to_control(state["action"], used)
        state["control"] = control.id
        return changes

    def undo() -> OpChanges:
        changes = ws.delete_control(state["control"], current_version(ws, "control", state["control"]), "Undo")
        made, more = ws.add_action(risk.id, values["description"],
                                   **{k: v for k, v in values.items() if k != "description"})
        state["action"] = made.id
        return changes.merge(more)

    return push(document, f"Make an action of {risk.reference} a control", do, undo)


def link_risks(document: Document, risk: Risk, target: Risk) -> OpChanges:
    """Record that risk is represented on target."""
    ws = document.workspace
    link_id = [""]

    def do() -> OpChanges:
        link, changes = ws.link_risks(risk.id, target.id)
        link_id[0] = link.id
        return changes

    return push(document, f"Link {risk.reference} to {target.reference}", do, lambda: ws.unlink(link_id[0]))


def unlink_risks(document: Document, link_id: str, from_risk: Risk, to_risk: Risk, kind: str) -> OpChanges:
    """Remove a link between two risks."""
    ws = document.workspace
    current = [link_id]

    def undo() -> OpChanges:
        link, changes = ws.link_risks(from_risk.id, to_risk.id, kind)
        current[0] = link.id
        return changes

    return push(document, f"Unlink {from_risk.reference} from {to_risk.reference}",
                lambda: ws.unlink(current[0]), undo)


def create_risk(document: Document, register_id: str, reference: str, title: str) -> Risk:
    """Add a new risk (undo deletes it, redo restores it)."""
    return _push_created(document, f"New risk {reference}",
                         lambda: document.workspace.create_risk(register_id, reference, title))


def duplicate_risk(document: Document, risk: Risk) -> Risk:
    """Copy a risk with its controls and actions."""
    return _push_created(document, f"Duplicate {risk.reference}",
                         lambda: document.workspace.duplicate_risk(risk.id))


def _push_created(document: Document, text: str, create: Callable[[], tuple[Risk, OpChanges]]) -> Risk:
    """Push the making of a risk: undo deletes it (a tombstone), redo brings the same one back."""
    ws = document.workspace
    made: list[Risk] = []

    def do() -> OpChanges:
        if made:
            return ws.restore_risk(made[0].id)
        risk, changes = create()
        made.append(risk)
        return changes

    def undo() -> OpChanges:
        return ws.delete_risk(made[0].id, current_version(ws, "risk", made[0].id), "Undo")

    push(document, text, do, undo)
    return made[0]


def delete_risk(document: Document, risk: Risk) -> OpChanges:
    """Delete a risk; undo restores it with its controls and actions."""
    ws = document.workspace
    first = [True]

    def do() -> OpChanges:
        version = risk.version if first[0] else current_version(ws, "risk", risk.id)
        first[0] = False
        return ws.delete_risk(risk.id, version, "Deleted")

    return push(document, f"Delete {risk.reference}", do, lambda: ws.restore_risk(risk.id))


def create_register(document: Document, name: str, parent_id: str | None) -> str:
    """Add a register (undo removes it while it is still empty)."""
    ws = document.workspace
    made = [""]

    def do() -> OpChanges:
        register, changes = ws.create_register(name, parent_id)
        made[0] = register.id
        return changes

    def undo() -> OpChanges:
        return ws.delete_register(made[0], current_version(ws, "register", made[0]), "Undo")

    push(document, f"New register {name}", do, undo)
    return made[0]


def move_risks(document: Document, risk_ids: list[str], register_id: str) -> OpChanges:
    """Move risks to another register."""
    ws = document.workspace
    before = {}
    for risk_id in risk_ids:
        risk = current_record(ws, "risk", risk_id)
        if risk is not None and risk.register_id != register_id:
            before[risk_id] = risk.register_id
    if not before:
        return OpChanges()

    def move(targets: dict[str, str]) -> OpChanges:
        changes = OpChanges()
        for risk_id, target in targets.items():
            changes.merge(ws.move_risk(risk_id, current_version(ws, "risk", risk_id), target, "Moved"))
        return changes

    name = "risk" if len(before) == 1 else f"{len(before)} risks"
    return push(document, f"Move {name}", lambda: move(dict.fromkeys(before, register_id)),
                lambda: move(before))
