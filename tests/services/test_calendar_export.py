"""Reminders written as an iCalendar file and read back with the same library Outlook files are read with."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from icalendar import Calendar

from riskdesk.core.model import ActionStatus, Score
from riskdesk.services.calendar_export import owners, write_calendar
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER


def _events(path: Path) -> dict[str, dict[str, object]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event.get("summary")): {"start": event.decoded("dtstart"), "end": event.decoded("dtend"),
                                         "uid": str(event.get("uid")), "alarms": len(event.subcomponents)}
            for event in calendar.walk("VEVENT")}


def test_reviews_and_open_actions_come_back_with_their_dates(workspace: Workspace, tmp_path: Path) -> None:
    register = workspace.store.all(REGISTER)[0]
    high, _ = workspace.create_risk(register.id, "SR 1", "Placements", owner="Ann", residual=Score(5, 4),
                                    last_reviewed=date(2024, 1, 31))
    low, _ = workspace.create_risk(register.id, "SR 2", "Data loss", owner="Bob", residual=Score(1, 2),
                                   last_reviewed=date(2024, 3, 10), next_review=date(2024, 4, 1))
    workspace.create_risk(register.id, "SR 3", "Closed one", owner="Ann", residual=Score(1, 2),
                          last_reviewed=date(2024, 3, 10), status="closed")
    workspace.add_action(high.id, "Open more foster homes", owner="Bob", due_date=date(2024, 5, 31))
    done, _ = workspace.add_action(low.id, "Encrypt laptops", owner="Bob", due_date=date(2024, 2, 1))
    workspace.update_action(done.id, done.version, status=ActionStatus.COMPLETE)
    target = tmp_path / "reminders.ics"
    assert write_calendar(workspace, target) == 3
    events = _events(target)
    # High is reviewed monthly: 31 January + 1 month is 29 February; SR 2's own earlier date wins.
    assert events["Review risk SR 1: Placements"]["start"] == date(2024, 2, 29)
    assert events["Review risk SR 1: Placements"]["end"] == date(2024, 3, 1)
    assert events["Review risk SR 2: Data loss"]["start"] == date(2024, 4, 1)
    assert events["Action due (SR 1): Open more foster homes"]["start"] == date(2024, 5, 31)
    assert all(event["alarms"] == 1 for event in events.values())
    assert len({event["uid"] for event in events.values()}) == 3
    assert owners(workspace) == ["Ann", "Bob"]


def test_one_owners_calendar_holds_only_their_dates(demo_5x5_path: Path, tmp_path: Path) -> None:
    ws = Workspace.open(demo_5x5_path, read_only=True)
    target = tmp_path / "education.ics"
    try:
        count = write_calendar(ws, target, "director of education")
    finally:
        ws.close()
    events = _events(target)
    assert count == len(events) >= 1
    assert all("SR 7.4" in summary for summary in events)
