"""Every change to a risk or a register, as the history window and `riskdesk history` show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from riskdesk.services.workspace import Workspace

# Field names as a reader says them; anything else is shown with underscores as spaces.
FIELD_WORDS = {
    "owner": "risk owner", "accountable_officer": "accountable officer", "cabinet_member": "cabinet member",
    "target_date": "target date", "last_reviewed": "last reviewed date", "next_review": "next review date",
    "exempt": "exempt marking", "period_comment": "period comment", "register_id": "register",
    "parent_id": "parent register", "due_date": "due date", "rag": "RAG rating", "progress": "progress note",
    "inherent_likelihood": "inherent likelihood", "inherent_impact": "inherent impact",
    "residual_likelihood": "residual likelihood", "residual_impact": "residual impact",
    "target_likelihood": "target likelihood", "target_impact": "target impact",
}
# Old values written back through update_risk, update_register, update_control or update_action.
RESTORABLE = {"risk", "register", "control", "action"}


@dataclass(frozen=True)
class Change:
    """One line of history: which record, which field, old and new, who, when, why."""

    history_id: int
    entity: str  # risk, control, action, link, register, period
    record_id: str
    record: str  # "SR 7.4", "control of SR 7.4", the register's name
    field: str
    old: str | None
    new: str | None
    reason: str
    changed_by: str
    changed_at: str

    @property
    def field_words(self) -> str:
        """The field as a reader says it ("period comment"); created, deleted and restored as they are."""
        return FIELD_WORDS.get(self.field, self.field.replace("_", " "))

    @property
    def restorable(self) -> bool:
        """True when the old value of this field can be written back as a new edit."""
        return self.entity in RESTORABLE and self.field not in ("created", "deleted", "restored")


class UnknownRecord(LookupError):
    """No risk with that reference, or no register with that name; the message says which exist."""


def _references(workspace: Workspace) -> dict[str, str]:
    rows = workspace.store.conn.execute("SELECT id, reference FROM risks").fetchall()
    return {str(row[0]): str(row[1]) for row in rows}


def _children(workspace: Workspace, risk_ids: list[str]) -> dict[str, tuple[str, str]]:
    """Controls, actions and links (deleted ones too) of these risks: id -> (kind, risk id)."""
    found: dict[str, tuple[str, str]] = {}
    conn = workspace.store.conn
    for chunk in (risk_ids[i:i + 500] for i in range(0, len(risk_ids), 500)):
        marks = ",".join("?" * len(chunk))
        for kind in ("control", "action"):
            for row in conn.execute(f"SELECT id, risk_id FROM {kind}s WHERE risk_id IN ({marks})", chunk):
                found[str(row[0])] = (kind, str(row[1]))
        for row in conn.execute(f"SELECT id, from_risk_id FROM links WHERE from_risk_id IN ({marks}) "
                                f"OR to_risk_id IN ({marks})", chunk + chunk):
            found[str(row[0])] = ("link", str(row[1]))
    return found


def risk_id_of(workspace: Workspace, reference: str) -> str:
    """The id of the risk with this reference (deleted risks too); UnknownRecord when none has it."""
    wanted = reference.strip().lower()
    rows = workspace.store.conn.execute("SELECT id, reference, deleted FROM risks ORDER BY deleted").fetchall()
    for row in rows:
        if str(row[1]).strip().lower() == wanted:
            return str(row[0])
    raise UnknownRecord(f'no risk has the reference "{reference}"; try one such as '
                        f"{', '.join(sorted(str(r[1]) for r in rows if not r[2])[:5]) or 'none yet'}")


def register_ids_of(workspace: Workspace, name: str) -> list[str]:
    """The register with this name and every register under it; UnknownRecord when none has it."""
    rows = workspace.store.conn.execute("SELECT id, name, parent_id FROM registers").fetchall()
    wanted = name.strip().lower()
    top = [str(r[0]) for r in rows if str(r[1]).strip().lower() == wanted]
    if not top:
        names = ", ".join(sorted(str(r[1]) for r in rows)[:5])
        raise UnknownRecord(f'no register is called "{name}"; the registers include {names or "none yet"}')
    found = list(top)
    for register_id in found:  # grows as children are found
        found += [str(r[0]) for r in rows if r[2] == register_id and str(r[0]) not in found]
    return found


def changes_of(workspace: Workspace, risk_ids: list[str] | None = None,
               register_ids: list[str] | None = None) -> list[Change]:
    """Every change, oldest first: of these risks (with their controls, actions and links), of these
    registers and the risks in them; with neither, of the whole file."""
    references = _references(workspace)
    names = {str(r[0]): str(r[1]) for r in workspace.store.conn.execute("SELECT id, name FROM registers")}
    wanted: set[str] | None = None
    owners: dict[str, tuple[str, str]] = {}
    if risk_ids is not None or register_ids is not None:
        risks = list(risk_ids or [])
        if register_ids:
            marks = ",".join("?" * len(register_ids))
            risks += [str(r[0]) for r in workspace.store.conn.execute(
                f"SELECT id FROM risks WHERE register_id IN ({marks})", register_ids)]
        owners = _children(workspace, risks)
        wanted = set(risks) | set(owners) | set(register_ids or [])
    else:
        owners = _children(workspace, list(references))
    found: list[Change] = []
    for row in workspace.store.history_rows():
        record_id = str(row["entity_id"])
        if wanted is not None and record_id not in wanted:
            continue
        entity = str(row["entity"])
        if entity == "meta" and wanted is None:
            record = "the file's settings"
        elif entity == "risk":
            record = references.get(record_id, "a risk")
        elif entity == "register":
            record = f"register {names.get(record_id, '')}".strip()
        elif record_id in owners:
            kind, risk_id = owners[record_id]
            record = f"{kind} of {references.get(risk_id, 'a risk')}"
        else:
            record = entity
        found.append(Change(int(row["id"]), entity, record_id, record, str(row["field"] or ""),
                            row["old"], row["new"], str(row["reason"] or ""), str(row["changed_by"] or ""),
                            str(row["changed_at"] or "")))
    return found


def when_in_words(stamp: str, now: datetime | None = None) -> str:
    """"just now", "2 minutes ago", "3 hours ago", "yesterday at 14:05", or the date and time."""
    try:
        then = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp or "at an unknown time"
    now = now if now is not None else datetime.now(then.tzinfo)
    seconds = (now - then).total_seconds()
    if seconds < 45:
        return "just now"
    if seconds < 3600:
        minutes = max(1, round(seconds / 60))
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    if seconds < 6 * 3600:
        hours = round(seconds / 3600)
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    local = then.astimezone(now.tzinfo) if then.tzinfo else then
    if local.date() == now.date():
        return f"today at {local:%H:%M}"
    if local.date() == (now - timedelta(days=1)).date():
        return f"yesterday at {local:%H:%M}"
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def change_line(change: Change) -> str:
    """One change as one line of plain text (the history command prints these)."""
    old = "(empty)" if change.old in (None, "") else _one_line(change.old)
    new = "(empty)" if change.new in (None, "") else _one_line(change.new)
    when = change.changed_at[:16].replace("T", " ")
    who = change.changed_by or "someone"
    if change.field == "created":
        what = f"created {new}"
    elif change.field == "deleted":
        what = f"deleted {old}"
    elif change.field == "restored":
        what = f"restored {new}"
    else:
        what = f"{change.field_words}: {old} -> {new}"
    reason = f" ({_one_line(change.reason)})" if change.reason else ""
    return f"{when}  {who}  {change.record}  {what}{reason}"


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
