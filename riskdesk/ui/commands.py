"""Undoable edits beyond changing fields: adding, removing, reordering, linking.

Each kind of edit is a small class that keeps what its undo and redo need. A record an
edit removed comes back as itself (the tombstone is restored: same id, same place in its
list), and a record an undo removed comes back the same way on redo, so every later step
that names it still finds it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import Risk
from riskdesk.services.refresh import current_record, current_version
from riskdesk.services.undoing import (
    fields_of,
    put_positions,
    step_fields,
    swap_action_and_control,
    unchanged_since,
)
from riskdesk.services.workspace import Workspace
from riskdesk.ui.document import Document
from riskdesk.ui.undo import push


class AddedItem:
    """A control or action added to a risk: undo removes it, redo brings the same one back."""

    def __init__(self, workspace: Workspace, kind: str, risk_id: str, values: dict[str, Any]):
        self.workspace, self.kind, self.risk_id, self.values = workspace, kind, risk_id, values
        self.item_id = ""
        self.left: dict[str, Any] = {}  # the item as our step left it

    def do(self) -> OpChanges:
        if self.item_id:
            changes = self.workspace.restore_record(self.kind, self.item_id, "Redo")
        else:
            add = self.workspace.add_action if self.kind == "action" else self.workspace.add_control
            fields = {k: v for k, v in self.values.items() if k != "description"}
            item, changes = add(self.risk_id, self.values["description"], **fields)
            self.item_id = item.id
        self.left = fields_of(self.workspace, self.kind, self.item_id)
        return changes

    def undo(self) -> OpChanges:
        delete = self.workspace.delete_action if self.kind == "action" else self.workspace.delete_control
        version = unchanged_since(self.workspace, self.kind, self.item_id, self.left, "undo")
        return delete(self.item_id, version, "Undo")


class RemovedItem:
    """A control or action removed: undo restores it with its id and place in the list."""

    def __init__(self, workspace: Workspace, kind: str, item_id: str, version: int):
        self.workspace, self.kind, self.item_id = workspace, kind, item_id
        self.version: int | None = version  # the version the user saw, for the first removal
        self.left: dict[str, Any] = {}

    def do(self) -> OpChanges:
        version = self.version if self.version is not None else unchanged_since(
            self.workspace, self.kind, self.item_id, self.left, "redo")
        self.version = None
        delete = self.workspace.delete_action if self.kind == "action" else self.workspace.delete_control
        return delete(self.item_id, version, "Removed")

    def undo(self) -> OpChanges:
        changes = self.workspace.restore_record(self.kind, self.item_id, "Undo")
        self.left = fields_of(self.workspace, self.kind, self.item_id)
        return changes


class Reordered:
    """Controls or actions put in a new order."""

    def __init__(self, workspace: Workspace, kind: str, before: list[str], after: list[str]):
        self.workspace, self.kind, self.after = workspace, kind, after
        # The exact positions before (a removal leaves gaps), so undo puts back the very same.
        records = {record_id: current_record(workspace, kind, record_id) for record_id in before}
        self.positions = {record_id: r.position for record_id, r in records.items() if r is not None}

    def do(self) -> OpChanges:
        return self.workspace.reorder(self.kind, self.after)

    def undo(self) -> OpChanges:
        return put_positions(self.workspace, self.kind, self.positions)


class ActionMadeControl:
    """A completed action turned into a control: undo brings back the same action, redo the same control."""

    def __init__(self, workspace: Workspace, action_id: str, version: int):
        self.workspace, self.action_id, self.version = workspace, action_id, version
        self.control_id = ""
        self.left: dict[str, Any] = {}  # the control (after do) or action (after undo) as left

    def do(self) -> OpChanges:
        if self.control_id:
            unchanged_since(self.workspace, "action", self.action_id, self.left, "redo")
            changes = swap_action_and_control(self.workspace, "action", self.action_id, self.control_id)
        else:
            control, changes = self.workspace.action_to_control(self.action_id, self.version)
            self.control_id = control.id
        self.left = fields_of(self.workspace, "control", self.control_id)
        return changes

    def undo(self) -> OpChanges:
        unchanged_since(self.workspace, "control", self.control_id, self.left, "undo")
        changes = swap_action_and_control(self.workspace, "control", self.control_id, self.action_id)
        self.left = fields_of(self.workspace, "action", self.action_id)
        return changes


class Linked:
    """A link made between two risks: undo removes it, redo brings the same link back."""

    def __init__(self, workspace: Workspace, from_id: str, to_id: str, kind: str = "represented on"):
        self.workspace, self.from_id, self.to_id, self.kind = workspace, from_id, to_id, kind
        self.link_id = ""

    def do(self) -> OpChanges:
        if self.link_id:
            return self.workspace.restore_record("link", self.link_id, "Redo")
        link, changes = self.workspace.link_risks(self.from_id, self.to_id, self.kind)
        self.link_id = link.id
        return changes

    def undo(self) -> OpChanges:
        return self.workspace.unlink(self.link_id)


class Unlinked:
    """A link removed: undo restores the same link."""

    def __init__(self, workspace: Workspace, link_id: str):
        self.workspace, self.link_id = workspace, link_id

    def do(self) -> OpChanges:
        return self.workspace.unlink(self.link_id)

    def undo(self) -> OpChanges:
        return self.workspace.restore_record("link", self.link_id, "Undo")


class MadeRisk:
    """A risk made (new or duplicated): undo deletes it, redo restores the same one."""

    def __init__(self, workspace: Workspace, create: Callable[[], tuple[Risk, OpChanges]]):
        self.workspace, self.create = workspace, create
        self.risk: Risk | None = None
        self.left: dict[str, Any] = {}

    def do(self) -> OpChanges:
        if self.risk is not None:
            changes = self.workspace.restore_risk(self.risk.id)
        else:
            self.risk, changes = self.create()
        self.left = fields_of(self.workspace, "risk", self.risk.id)
        return changes

    def undo(self) -> OpChanges:
        assert self.risk is not None
        risk_id = self.risk.id
        version = unchanged_since(self.workspace, "risk", risk_id, self.left, "undo")
        return self.workspace.delete_risk(risk_id, version, "Undo")


class DeletedRisk:
    """A risk deleted: undo restores exactly what the deletion removed."""

    def __init__(self, workspace: Workspace, risk_id: str, version: int):
        self.workspace, self.risk_id = workspace, risk_id
        self.version: int | None = version
        self.left: dict[str, Any] = {}

    def do(self) -> OpChanges:
        version = self.version if self.version is not None else unchanged_since(
            self.workspace, "risk", self.risk_id, self.left, "redo")
        self.version = None
        return self.workspace.delete_risk(self.risk_id, version, "Deleted")

    def undo(self) -> OpChanges:
        changes = self.workspace.restore_risk(self.risk_id)
        self.left = fields_of(self.workspace, "risk", self.risk_id)
        return changes


class MadeRegister:
    """A register made: undo removes it while it is empty, redo restores the same one."""

    def __init__(self, workspace: Workspace, name: str, parent_id: str | None):
        self.workspace, self.name, self.parent_id = workspace, name, parent_id
        self.register_id = ""

    def do(self) -> OpChanges:
        if self.register_id:
            return self.workspace.restore_record("register", self.register_id, "Redo")
        register, changes = self.workspace.create_register(self.name, self.parent_id)
        self.register_id = register.id
        return changes

    def undo(self) -> OpChanges:
        return self.workspace.delete_register(
            self.register_id, current_version(self.workspace, "register", self.register_id), "Undo")


class MovedRisks:
    """Risks moved to another register; undo and redo leave alone a risk a colleague moved since."""

    def __init__(self, workspace: Workspace, before: dict[str, str], register_id: str):
        self.workspace, self.before, self.register_id = workspace, before, register_id
        self.during = ""  # the first move is the user's own edit; later ones are redo

    def _move(self, undoing: bool) -> OpChanges:
        changes = OpChanges()
        for risk_id, old in self.before.items():
            left, target = (self.register_id, old) if undoing else (old, self.register_id)
            changes.merge(step_fields(self.workspace, "risk", risk_id, {"register_id": left},
                                      {"register_id": target}, "Moved", "undo" if undoing else self.during))
        return changes

    def do(self) -> OpChanges:
        changes = self._move(undoing=False)
        self.during = "redo"
        return changes

    def undo(self) -> OpChanges:
        return self._move(undoing=True)


def add_item(document: Document, kind: str, risk: Risk, values: dict[str, Any]) -> OpChanges:
    """Add a control or action to a risk (undo removes it again)."""
    edit = AddedItem(document.workspace, kind, risk.id, values)
    return push(document, f"Add {kind} to {risk.reference}", edit)


def remove_item(document: Document, kind: str, risk: Risk, item_id: str, version: int) -> OpChanges:
    """Remove a control or action (undo brings the same one back in its place)."""
    return push(document, f"Remove {kind} from {risk.reference}",
                RemovedItem(document.workspace, kind, item_id, version))


def reorder_items(document: Document, kind: str, risk: Risk, before: list[str], after: list[str]) -> OpChanges:
    """Put controls or actions in a new order."""
    return push(document, f"Reorder {kind}s of {risk.reference}", Reordered(document.workspace, kind, before, after))


def action_to_control(document: Document, risk: Risk, action_id: str, version: int) -> OpChanges:
    """Turn a completed action into a control (undo brings the same action back)."""
    return push(document, f"Make an action of {risk.reference} a control",
                ActionMadeControl(document.workspace, action_id, version))


def link_risks(document: Document, risk: Risk, target: Risk) -> OpChanges:
    """Record that risk is represented on target."""
    return push(document, f"Link {risk.reference} to {target.reference}",
                Linked(document.workspace, risk.id, target.id))


def unlink_risks(document: Document, link_id: str, from_risk: Risk, to_risk: Risk, kind: str) -> OpChanges:
    """Remove a link between two risks (undo restores the same link)."""
    return push(document, f"Unlink {from_risk.reference} from {to_risk.reference}",
                Unlinked(document.workspace, link_id))


def create_risk(document: Document, register_id: str, reference: str, title: str) -> Risk:
    """Add a new risk (undo deletes it, redo restores it)."""
    return _push_made(document, f"New risk {reference}",
                      lambda: document.workspace.create_risk(register_id, reference, title))


def duplicate_risk(document: Document, risk: Risk) -> Risk:
    """Copy a risk with its controls and actions."""
    return _push_made(document, f"Duplicate {risk.reference}", lambda: document.workspace.duplicate_risk(risk.id))


def _push_made(document: Document, text: str, create: Callable[[], tuple[Risk, OpChanges]]) -> Risk:
    edit = MadeRisk(document.workspace, create)
    push(document, text, edit)
    assert edit.risk is not None
    return edit.risk


def delete_risk(document: Document, risk: Risk) -> OpChanges:
    """Delete a risk; undo restores it with exactly the controls, actions and links deleted with it."""
    return push(document, f"Delete {risk.reference}", DeletedRisk(document.workspace, risk.id, risk.version))


def create_register(document: Document, name: str, parent_id: str | None) -> str:
    """Add a register (undo removes it while it is still empty)."""
    edit = MadeRegister(document.workspace, name, parent_id)
    push(document, f"New register {name}", edit)
    return edit.register_id


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
    name = "risk" if len(before) == 1 else f"{len(before)} risks"
    return push(document, f"Move {name}", MovedRisks(ws, before, register_id))
