"""Reminders as an iCalendar file: each risk's next review and each open action's due date.

Outlook (and any calendar) imports the file; nothing is sent, so no mail server is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from riskdesk.core.model import RiskStatus
from riskdesk.core.review_cadence import ReviewCadence
from riskdesk.services.quarter_settings import load_cadence
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace


@dataclass(frozen=True)
class Reminder:
    """One dated reminder: a risk's review or an action's due date."""

    uid: str
    day: date
    summary: str
    description: str
    owner: str


def reminders(workspace: Workspace, owner: str | None = None) -> list[Reminder]:
    """Review dates of open risks and due dates of open actions, for one owner when asked."""
    contents = load_contents(workspace)
    cadence: ReviewCadence = load_cadence(workspace)
    registers = {r.id: r for r in contents.registers}
    live = {r.id: r for r in contents.risks
            if not r.archived and r.status != RiskStatus.CLOSED and r.register_id in registers
            and not registers[r.register_id].archived}
    found: list[Reminder] = []
    for risk in live.values():
        due = cadence.next_review(risk)
        if due is None:
            continue
        register = registers[risk.register_id].name
        found.append(Reminder(
            f"review-{risk.id}@riskdesk", due, f"Review risk {risk.reference}: {risk.title}",
            f"Review of risk {risk.reference} ({risk.title}) on the {register}: scores, period comment, "
            f"controls and actions.\nRisk owner: {risk.owner or 'not set'}.", risk.owner))
    for action in contents.actions:
        parent = live.get(action.risk_id)
        if parent is None or not action.is_open or action.due_date is None:
            continue
        found.append(Reminder(
            f"action-{action.id}@riskdesk", action.due_date,
            f"Action due ({parent.reference}): {_short(action.description)}",
            f"{action.description}\nFor risk {parent.reference} ({parent.title}).\n"
            f"Action owner: {action.owner or 'not set'}.", action.owner))
    if owner is not None and owner.strip():
        wanted = owner.strip().lower()
        found = [r for r in found if r.owner.strip().lower() == wanted]
    return sorted(found, key=lambda r: (r.day, r.summary))


def owners(workspace: Workspace) -> list[str]:
    """Everyone named as the owner of a reminder, for a choice of whose calendar to write."""
    return sorted({r.owner.strip() for r in reminders(workspace) if r.owner.strip()}, key=str.lower)


def calendar_bytes(items: list[Reminder], name: str) -> bytes:
    """The reminders as an iCalendar file: all-day events with a reminder the working day before."""
    calendar = Calendar()
    calendar.add("prodid", "-//riskdesk//Risk register reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))  # all-day: the end is the next day, not included
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")  # a reminder, not time booked out
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", timedelta(days=-1))
        event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def write_calendar(workspace: Workspace, target: Path, owner: str | None = None) -> int:
    """Write the reminders to target (.ics) and return how many there are."""
    items = reminders(workspace, owner)
    who = f" for {owner.strip()}" if owner and owner.strip() else ""
    data = calendar_bytes(items, f"Risk reminders{who} ({workspace.path.stem})")
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return len(items)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
