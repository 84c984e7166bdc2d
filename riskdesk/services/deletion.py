"""Deleting a risk and bringing back exactly what that deletion removed.

Every record a deletion tombstones is written in one transaction, so its history rows share
one operation id; a restore reads them back and restores those records and no others (not
a control removed earlier, not an action already turned into a control).
"""

from __future__ import annotations

from riskdesk.core.changes import OpChanges
from riskdesk.storage.errors import ConflictError, in_words
from riskdesk.storage.records import ACTION, CONTROL, LINK, REGISTER, RISK, SPECS
from riskdesk.storage.store import RegisterFile

_BUCKETS = {"control": "controls", "action": "actions", "link": "links", "register": "registers", "risk": "risks"}


def delete_risk(store: RegisterFile, risk_id: str, version: int, reason: str = "") -> OpChanges:
    """Tombstone a risk with its controls, actions and links, as one operation."""
    risk = store.get(RISK, risk_id)
    changes = OpChanges(risks={risk_id}, registers={risk.register_id}, deleted={risk_id})
    with store.transaction():
        store.delete(RISK, risk_id, version, reason)  # first: a stale version fails at once
        for spec in (CONTROL, ACTION):
            for record in store.all(spec, "risk_id = ?", (risk_id,)):
                store.delete(spec, record.id, record.version, reason)
                getattr(changes, spec.table).add(record.id)
                changes.deleted.add(record.id)
        for link in store.all(LINK, "from_risk_id = ? OR to_risk_id = ?", (risk_id, risk_id)):
            store.delete(LINK, link.id, link.version, reason)
            changes.links.add(link.id)
            changes.deleted.add(link.id)
            changes.risks |= {link.from_risk_id, link.to_risk_id}  # the other end shows it
    return changes


def _deleting_operation(store: RegisterFile, entity: str, record_id: str) -> str:
    row = store.conn.execute(
        "SELECT operation FROM history WHERE entity = ? AND entity_id = ? AND field = 'deleted' "
        "ORDER BY id DESC LIMIT 1", (entity, record_id)).fetchone()
    return str(row[0] or "") if row else ""


def restore_risk(store: RegisterFile, risk_id: str) -> OpChanges:
    """Bring a deleted risk back with exactly the controls, actions and links its deletion removed.

    A reference another risk of the register has taken since is not duplicated: the risk
    comes back under a free one ("SR 7.2 (restored)"), and a note says so.
    """
    with store.transaction() as conn:
        operation = _deleting_operation(store, "risk", risk_id)
        risk = store.restore(RISK, risk_id, "Restored")
        changes = OpChanges(risks={risk_id}, registers={risk.register_id}, created={risk_id})
        rows = conn.execute(
            "SELECT entity, entity_id FROM history WHERE operation = ? AND field = 'deleted' "
            "AND entity IN ('control', 'action', 'link') ORDER BY id", (operation,)).fetchall() if operation else []
        for entity, record_id in rows:
            spec = SPECS[entity]
            row = conn.execute(f"SELECT deleted FROM {spec.table} WHERE id = ?", (record_id,)).fetchone()
            if row is None or row[0] != 1:
                continue  # brought back already, or never really gone
            if entity == "link" and not _ends_live(store, record_id, risk_id):
                continue  # its other risk is deleted too: the link returns with that one
            store.restore(spec, record_id, "Restored with its risk")
            getattr(changes, _BUCKETS[entity]).add(record_id)
            changes.created.add(record_id)
            if entity == "link":
                link = store.get(LINK, record_id)
                changes.risks |= {link.from_risk_id, link.to_risk_id}
        _free_reference(store, risk_id, changes)
    return changes


def _ends_live(store: RegisterFile, link_id: str, restored_id: str) -> bool:
    row = store.conn.execute("SELECT from_risk_id, to_risk_id FROM links WHERE id = ?", (link_id,)).fetchone()
    other = row[1] if row[0] == restored_id else row[0]
    return store.find(RISK, other) is not None


def _free_reference(store: RegisterFile, risk_id: str, changes: OpChanges) -> None:
    """Rename a restored risk whose reference another risk took while it was deleted."""
    risk = store.get(RISK, risk_id)
    taken = {r.reference for r in store.all(RISK, "register_id = ? AND id != ?", (risk.register_id, risk_id))}
    if risk.reference not in taken:
        return
    reference = f"{risk.reference} (restored)"
    counter = 2
    while reference in taken:
        reference = f"{risk.reference} (restored {counter})"
        counter += 1
    register = store.find(REGISTER, risk.register_id)
    where = f" in {register.name}" if register is not None else ""
    store.update(RISK, risk_id, risk.version, {"reference": reference},
                 f"Restored: {risk.reference} had been given to another risk")
    changes.fields[("risk", risk_id, "reference")] = (risk.reference, reference)
    changes.notes.append(
        f"{risk.reference} was brought back as {reference}, because another risk{where} "
        f"has used the reference {risk.reference} since it was deleted.")


def restore_record(store: RegisterFile, entity: str, record_id: str, reason: str = "Undo") -> OpChanges:
    """Bring back one tombstoned control, action, link or register with its id and position."""
    spec = SPECS[entity]
    if entity == "link":
        row = store.conn.execute("SELECT from_risk_id, to_risk_id FROM links WHERE id = ?",
                                 (record_id,)).fetchone()
        if row is not None:
            store.get(RISK, row[0])  # NotFoundError: a link cannot point at a deleted risk
            store.get(RISK, row[1])
    record = store.restore(spec, record_id, reason)
    changes = OpChanges(created={record_id})
    getattr(changes, _BUCKETS[entity]).add(record_id)
    if entity in ("control", "action"):
        changes.risks.add(record.risk_id)
    elif entity == "link":
        changes.risks |= {record.from_risk_id, record.to_risk_id}
    return changes


def swap_action_and_control(store: RegisterFile, live_id: str, live_entity: str, gone_id: str) -> OpChanges:
    """Tombstone one of an action and the control it became, and bring the other back (same ids).

    Undo of "Make this action a control" tombstones the control and restores the action;
    redo does the reverse, so every later step that names either id still finds it.
    """
    gone_entity = "action" if live_entity == "control" else "control"
    spec = SPECS[live_entity]
    with store.transaction():
        live = store.get(spec, live_id)
        store.delete(spec, live_id, live.version, "Undo" if live_entity == "control" else "Became a control")
        changes = restore_record(store, gone_entity, gone_id, "Undo" if gone_entity == "action" else "Redo")
    changes.deleted.add(live_id)
    getattr(changes, _BUCKETS[live_entity]).add(live_id)
    changes.risks.add(live.risk_id)
    return changes


def unlink(store: RegisterFile, link_id: str) -> OpChanges:
    """Remove a link between two risks; a link a colleague removed meanwhile is a clash told plainly."""
    with store.transaction():
        link = store.find(LINK, link_id)
        if link is None:
            raise link_gone(store, link_id)
        store.delete(LINK, link_id, link.version)
    return OpChanges(links={link_id}, risks={link.from_risk_id, link.to_risk_id}, deleted={link_id})


def link_gone(store: RegisterFile, link_id: str) -> ConflictError:
    """The clash of removing a link that is no longer there, naming the two risks and who removed it."""
    row = store.conn.execute("SELECT from_risk_id, to_risk_id, changed_by, changed_at FROM links WHERE id = ?",
                             (link_id,)).fetchone()
    if row is None:
        sentence = "Someone else changed this: the link is no longer in the file, so nothing was changed."
    else:
        def reference(risk_id: str) -> str:
            found = store.conn.execute("SELECT reference FROM risks WHERE id = ?", (risk_id,)).fetchone()
            return str(found[0]) if found and found[0] else "a risk since removed"

        who = row[2] or "a colleague"
        when = f" {in_words(row[3])}" if row[3] else ""
        sentence = (f"Someone else changed this: {who} removed the link from {reference(row[0])} to "
                    f"{reference(row[1])}{when}, after you opened it, so nothing was changed.")
    return ConflictError("link", link_id, 0, None, {"deleted": True}, sentence=sentence)
